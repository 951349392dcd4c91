"""Where a live probe sends a credential: the host the conf names (or Congregate derives), or an override.

The trust boundary: only the conf itself and the person running the command
decide where a credential goes. An override comes from the command line or the
environment, never from a file in a repository (lint/config.py refuses those).
An override may not point a credential at plain ``http://`` unless the host is
this machine (a loopback address); a plain ``http://`` host the conf itself names
is used as Congregate would use it, and the finding says the credential travelled
in clear text. Nothing here imports boto.
"""

import ipaddress
import os
import re
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlsplit

# What may be printed of a host someone else chose (a redirect's Location, say): a DNS name or an IP literal.
_PRINTABLE_HOST = re.compile(r"[A-Za-z0-9_.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


class OverrideError(ValueError):
    """An override that may not carry a credential; the message is one line naming the setting and why."""


@dataclass(frozen=True)
class Endpoint:
    """A base URL a credential is sent to, and who chose it: ``None`` for the conf (or Congregate's own
    derivation from it), else the option or environment variable that overrode it."""

    url: str
    override: Optional[str] = None

    @property
    def host(self) -> str:
        return printable_host(urlsplit(self.url).hostname)

    @property
    def cleartext(self) -> bool:
        return urlsplit(self.url).scheme.lower() == "http"

    def sent_to(self) -> str:
        """``sent to HOST``, with who chose the host when it was an override, and a clear-text warning."""
        words = f"sent to {self.host}{self.chosen_by()}"
        if self.cleartext:
            words += " over plain http://, in clear text"
        return words

    def chosen_by(self) -> str:
        return f" (an override given by {self.override})" if self.override else ""


def host_port(url: Optional[str], unknown: str = "the host") -> str:
    """``host[:port]`` of a URL, never its user name, password, path or query; ``unknown`` when it names none."""
    try:
        parts = urlsplit(str(url)) if url else None
        host = parts.hostname if parts else None
        return (f"{host}:{parts.port}" if parts.port else host) if host else unknown
    except ValueError:
        return unknown


def printable_host(host: Optional[str]) -> str:
    """A host name safe to print (a hostile server's Location header may hold anything), else ``another host``."""
    if host and _PRINTABLE_HOST.fullmatch(host):
        return host
    return "another host"


def is_loopback(host: Optional[str]) -> bool:
    """True for ``localhost`` and for loopback IP literals (127.0.0.0/8, ::1)."""
    if not host:
        return False
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def checked_override(url: str, setting: str) -> Endpoint:
    """The override ``url`` given by ``setting`` (an option or variable name), or :class:`OverrideError`.

    It must be an absolute ``https://`` URL (``http://`` only for a loopback host),
    without a user name, password, query or fragment: the probe adds those parts.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise OverrideError(f"{setting}: not a URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host:
        raise OverrideError(f"{setting}: expected an https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        raise OverrideError(f"{setting}: must not contain a user name or password; the probe sends the conf's own")
    if parts.query or parts.fragment:
        raise OverrideError(f"{setting}: must not contain a query or a fragment")
    if scheme == "http" and not is_loopback(host):
        raise OverrideError(f"{setting}: refused: plain http:// would send the conf's credential in clear text to "
                            f"{printable_host(host)}; use https:// (http:// is allowed only for a loopback address)")
    return Endpoint(url.rstrip("/"), setting)


def aws_override(service: str, environ: Optional[Mapping[str, str]] = None) -> Optional[Endpoint]:
    """The endpoint boto3 takes from the environment for ``service`` (``AWS_ENDPOINT_URL_<SERVICE>``, then
    ``AWS_ENDPOINT_URL``), checked like any override; None when AWS's own endpoint is used."""
    environ = os.environ if environ is None else environ
    if environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true":
        return None
    for variable in (f"AWS_ENDPOINT_URL_{service.upper()}", "AWS_ENDPOINT_URL"):
        if environ.get(variable):
            return checked_override(environ[variable], variable)
    return None
