"""What the GitLab probes send, read from the conf as Congregate reads it, or why a side is not probed.

One reader serves both sides: the destination (``[DESTINATION] dstn_*``, always) and the
source (``[SOURCE] src_*``, when ``src_type`` is GitLab). The token is sent only to the host
the conf names for it, and only when that host is an ``http(s)://`` URL without a user
name, password, query or fragment (D001/G001 explain the others). Nothing here imports boto.
"""

from dataclasses import dataclass
from typing import Optional, Tuple
from urllib.parse import urlsplit

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import DESTINATION, GITLAB_SOURCE_TYPE, KEYS, SOURCE, SideKeys, ssl_verify
from congregate_lint.live.endpoints import host_port
from congregate_lint.live.inputs import Skip
from congregate_lint.model import Conf


@dataclass(frozen=True)
class GitLabTarget:
    """One GitLab instance to probe: its API base, the decoded token and the IDs to look up."""

    side: str
    base_url: str  # the conf's host as Congregate strips it; /api/v4/... is appended
    token: str
    ssl_verify: bool
    group_id: Optional[int]
    group_path: Optional[str]
    import_user_id: Optional[int]

    @property
    def host(self) -> str:
        return host_port(self.base_url, self.base_url)


def read_target(conf: Conf, side: str) -> Tuple[Optional[GitLabTarget], Optional[Skip]]:
    """The side's target, or the reason it is not probed."""
    keys = KEYS[side]
    if side == SOURCE and (conf.value("SOURCE", "src_type") or "").lower() != GITLAB_SOURCE_TYPE:
        return None, Skip("[SOURCE] src_type is not GitLab, so Congregate calls no GitLab source", key="src_type")
    base_url, skip = _base_url(conf, keys)
    if skip:
        return None, skip
    token, skip = _token(conf, keys)
    if skip:
        return None, skip
    return GitLabTarget(side, base_url, token, ssl_verify(conf), _integer(conf, keys.section, keys.group_id),
                        conf.value(keys.section, keys.group_path),
                        _integer(conf, "DESTINATION", "import_user_id") if side == DESTINATION else None), None


def _base_url(conf: Conf, keys: SideKeys):
    value = conf.value(keys.section, keys.host)
    if value is None:
        return None, Skip(f"{keys.host} is not set, so there is no GitLab to ask", Severity.WARNING, keys.host)
    base = value.strip().rstrip("/")  # what Congregate does (conf.py)
    try:
        parts = urlsplit(base)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if parts is None or not port_ok or parts.scheme not in ("http", "https") or not parts.hostname:
        return None, Skip(f"{keys.host} is not an http(s):// URL, so the token was not sent ({keys.offline_rule} "
                          "explains)", key=keys.host)
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        return None, Skip(f"{keys.host} carries a user name, password, query or fragment, so the token was not "
                          f"sent ({keys.offline_rule} explains)", key=keys.host)
    return base, None


def _token(conf: Conf, keys: SideKeys):
    decoded = conf.decoded(keys.section, keys.token)
    if decoded is None:
        return None, Skip(f"{keys.token} is not set, and only the conf's own token is used", Severity.WARNING,
                          keys.token)
    if not decoded.ok or not decoded.text:
        return None, Skip(f"{keys.token} does not decode to a token (S009 explains), so nothing was sent",
                          key=keys.token)
    if any(ord(char) < 33 or ord(char) == 127 for char in decoded.text):
        return None, Skip(f"the decoded {keys.token} contains spaces or control characters, so it was not sent "
                          "(S009 explains)", key=keys.token)
    return decoded.text, None


def _integer(conf: Conf, section: str, key: str) -> Optional[int]:
    """``prop_int``: ``getint``, i.e. ``int()`` of the value; None when unset or not a number (S003 reports that)."""
    value = conf.value(section, key)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
