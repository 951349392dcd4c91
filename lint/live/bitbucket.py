"""Live probes of a Bitbucket source: Server/Data Center credentials and global permission; Cloud user and workspace.

Bitbucket Server: Congregate calls ``{src_hostname}/rest/api/1.0/...`` with HTTP Basic
``src_username:password`` and requires ADMIN or SYS_ADMIN global permission. Its validator
filters the permission list by ``src_username`` (a substring match) and takes the first
row, so ``bob`` can borrow ``bobby``'s ADMIN; these probes match the user exactly and say
when Congregate's reading would differ. Bitbucket Cloud: ``https://api.bitbucket.org/2.0/...``
with Basic ``src_username:token``, or Bearer when ``src_username`` is empty.
``CONGREGATE_LINT_BITBUCKET_CLOUD_API`` replaces that host (a proxy or a test double).
"""

import base64
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple
from urllib.parse import quote

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.inputs import Skip
from congregate_lint.live.rest import Client, ProbeFailed, field, run_probe, unexpected
from congregate_lint.live.results import (
    BITBUCKET_CLOUD_USER, BITBUCKET_CLOUD_WORKSPACE, BITBUCKET_SERVER_ADMIN, BITBUCKET_SERVER_USER, Failure,
    ProbeResult,
)
from congregate_lint.model import Conf

SERVER_PROBES = (BITBUCKET_SERVER_USER, BITBUCKET_SERVER_ADMIN)
CLOUD_PROBES = (BITBUCKET_CLOUD_USER, BITBUCKET_CLOUD_WORKSPACE)
CLOUD_API_OVERRIDE = "CONGREGATE_LINT_BITBUCKET_CLOUD_API"
ADMIN_PERMISSIONS = ("SYS_ADMIN", "ADMIN")
PAGE = "&limit=1000"


@dataclass(frozen=True)
class BitbucketTarget:
    """Where the calls go and with which credential."""

    base_url: str
    username: Optional[str]
    token: str
    workspace: Optional[str] = None

    @property
    def authorization(self) -> str:
        if self.username is None:
            return f"Bearer {self.token}"
        pair = f"{self.username}:{self.token}".encode("utf-8")
        return "Basic " + base64.b64encode(pair).decode("ascii")


def _token(conf: Conf) -> Tuple[Optional[str], Optional[Skip]]:
    stored = conf.value(src.SECTION, src.TOKEN)
    if stored is None:
        return None, Skip("src_access_token is not set (S007 explains)", Severity.WARNING, src.TOKEN)
    token = src.decoded_text(stored)
    if not token or token.strip() != token:
        return None, Skip("src_access_token does not decode to a usable credential, so nothing was sent (S009 and "
                          "B002 explain)", key=src.TOKEN)
    return token, None


def read_server_target(conf: Conf) -> Tuple[Optional[BitbucketTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None:
        return None, Skip("src_hostname is not set (S007 explains)", Severity.WARNING, src.HOSTNAME)
    hostname = src.congregate_hostname(hostname)
    if not hostname.lower().startswith(("http://", "https://")) or "/rest" in hostname.lower():
        return None, Skip("src_hostname is not a Bitbucket Server base URL, so nothing was sent (B001 explains)",
                          key=src.HOSTNAME)
    username = conf.value(src.SECTION, src.USERNAME)
    if username is None or ":" in username:
        return None, Skip("src_username is not set or contains ':' (S007 and B002 explain)", key=src.USERNAME)
    token, skip = _token(conf)
    return (BitbucketTarget(hostname, username, token), None) if skip is None else (None, skip)


def read_cloud_target(conf: Conf) -> Tuple[Optional[BitbucketTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None or src.congregate_hostname(hostname).lower() != src.BITBUCKET_CLOUD_API:
        return None, Skip(f"src_hostname is not {src.BITBUCKET_CLOUD_API}, so nothing was sent (B003 explains)",
                          key=src.HOSTNAME)
    token, skip = _token(conf)
    if skip is not None:
        return None, skip
    base = os.environ.get(CLOUD_API_OVERRIDE) or src.BITBUCKET_CLOUD_API
    return BitbucketTarget(base, conf.value(src.SECTION, src.USERNAME), token,
                           conf.value(src.SECTION, src.WORKSPACE)), None


def run_server(conf: Conf, options, ssl_verify: bool) -> Dict[str, ProbeResult]:
    target, skip = read_server_target(conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in SERVER_PROBES}
    client = Client(target.base_url, {"Authorization": target.authorization, "Accept": "application/json"},
                    options, ssl_verify)
    user = run_probe(BITBUCKET_SERVER_USER, lambda: _server_user(client, target.username))
    if not user.ok:
        return {BITBUCKET_SERVER_USER: user, BITBUCKET_SERVER_ADMIN: ProbeResult(
            BITBUCKET_SERVER_ADMIN, skip=Skip("the credentials were not accepted (B101 says why)"))}
    return {BITBUCKET_SERVER_USER: user,
            BITBUCKET_SERVER_ADMIN: run_probe(BITBUCKET_SERVER_ADMIN, lambda: _server_admin(client, target.username))}


def _server_user(client: Client, username: str):
    reply = client.get(f"/rest/api/1.0/users/{quote(username.lower(), safe='')}")
    if reply.status == 200 and isinstance(field(reply.body, "slug"), str):
        return {"slug": field(reply.body, "slug"), "host": client.host}, None
    if reply.status == 401:
        return {}, Failure(f"{client.host} refused src_username and the decoded src_access_token (HTTP 401): the "
                           "password or HTTP access token is wrong, expired or not this user's. Store the base64 of "
                           "src_username's current password or token.", "bad-credentials", key=src.TOKEN)
    if reply.status == 404 and isinstance(field(reply.body, "errors"), list):
        return {}, Failure(f"{client.host} accepted the credentials but knows no user with the slug "
                           f"{username.lower()!r}: src_username must be the user's name (slug) on Bitbucket Server.",
                           "no-user", key=src.USERNAME)
    return {}, unexpected(reply, client.host, "GET /rest/api/1.0/users/<user>")


def _server_admin(client: Client, username: str):
    """The user's real global permission (own row, else first group) against what Congregate's validator reads."""
    rows = _permission_rows(client, f"/rest/api/1.0/admin/permissions/users?filter={quote(username)}{PAGE}")
    own = [row for row in rows if _is_user(row, username)]
    if own:
        permission, via = own[0].get("permission"), "user"
    else:
        permission, via = _group_permission(client, username)
    data = {"permission": permission, "via": via}
    if not rows:  # Congregate reads the first group too: both readings agree
        return data, None if permission in ADMIN_PERMISSIONS else _not_admin(username, permission, via)
    read = rows[0].get("permission")
    reader = field(rows[0], "user", "slug")
    if permission in ADMIN_PERMISSIONS and read in ADMIN_PERMISSIONS:
        if reader == username.lower():
            return data, None
        return data, Failure(
            f"{username} is an administrator ({permission} through its {via}), but Congregate's validator reads "
            f"another user's row ({reader}: {read}): its filter is a substring match and it takes the first row. It "
            "passes, by chance. Grant src_username its own ADMIN global permission to make the check reliable.",
            "substring", Severity.WARNING, key=src.USERNAME)
    if permission in ADMIN_PERMISSIONS:
        return data, Failure(
            f"{username} is an administrator ({permission} through its {via}), but Congregate's validator reads "
            f"another row ({reader}: {read}) of its substring filter and refuses the token. Grant src_username its "
            "own ADMIN global permission, or use an account whose name is not part of other user names.",
            "substring", key=src.USERNAME)
    if read in ADMIN_PERMISSIONS:
        return data, Failure(
            f"{username} is not an administrator ({permission or 'no global permission'}), yet Congregate's validator "
            f"would accept it on another user's row ({reader}: {read}), read through its substring filter; the "
            "migration's administrator calls would then fail. Grant src_username ADMIN or SYS_ADMIN.",
            "substring", key=src.USERNAME)
    return data, _not_admin(username, permission, via)


def _group_permission(client: Client, username: str) -> Tuple[Optional[str], str]:
    """Congregate's fallback: the global permission of the user's first group."""
    groups = _permission_rows(client, f"/rest/api/1.0/admin/users/more-members?context={quote(username)}{PAGE}")
    if not groups or not isinstance(groups[0].get("name"), str):
        return None, "groups (it has none)"
    group = groups[0]["name"]
    rows = _permission_rows(client, f"/rest/api/1.0/admin/permissions/groups?filter={quote(group)}{PAGE}")
    exact = [row for row in rows if field(row, "group", "name") == group]
    return (exact[0].get("permission") if exact else None), f"first group {group}"


def _permission_rows(client: Client, path: str) -> List[dict]:
    reply = client.get(path)
    if reply.status == 200 and isinstance(field(reply.body, "values"), list):
        return [row for row in reply.body["values"] if isinstance(row, dict)]
    if reply.status in (401, 403):
        raise ProbeFailed(Failure(
            f"Bitbucket Server refused to list global permissions (HTTP {reply.status}), which only administrators "
            "may do: src_username is not an administrator, and Congregate's validator requires ADMIN or SYS_ADMIN, "
            "even for listing. Grant it in Administration → Global permissions.", "not-admin", key=src.USERNAME))
    raise ProbeFailed(unexpected(reply, client.host, "the global permission list"))


def _is_user(row: dict, username: str) -> bool:
    return field(row, "user", "slug") == username.lower() or field(row, "user", "name") == username


def _not_admin(username: Optional[str], permission: Optional[str], via: str = "") -> Failure:
    who = username or "src_username"
    has = f"has the global permission {permission}" if permission else "has no ADMIN or SYS_ADMIN global permission"
    through = f" (through its {via})" if via and permission else ""
    return Failure(f"{who} {has}{through}, and Congregate's validator requires ADMIN or SYS_ADMIN, even for listing. "
                   "Grant it in Administration → Global permissions, or use an administrator's account.",
                   "not-admin", key=src.USERNAME)


def run_cloud(conf: Conf, options, ssl_verify: bool) -> Dict[str, ProbeResult]:
    target, skip = read_cloud_target(conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in CLOUD_PROBES}
    client = Client(target.base_url, {"Authorization": target.authorization, "Accept": "application/json"},
                    options, ssl_verify)
    user = run_probe(BITBUCKET_CLOUD_USER, lambda: _cloud_user(client, target))
    if not user.ok:
        skip = Skip("the credentials were not accepted (B103 says why)")
    elif target.workspace is None:
        skip = Skip("src_parent_workspace is not set (S007 explains)", Severity.WARNING, src.WORKSPACE)
    else:
        skip = None
    workspace = (ProbeResult(BITBUCKET_CLOUD_WORKSPACE, skip=skip) if skip is not None
                 else run_probe(BITBUCKET_CLOUD_WORKSPACE, lambda: _cloud_workspace(client, target.workspace)))
    return {BITBUCKET_CLOUD_USER: user, BITBUCKET_CLOUD_WORKSPACE: workspace}


def _cloud_user(client: Client, target: BitbucketTarget):
    reply = client.get("/2.0/user")
    if reply.status == 200 and isinstance(field(reply.body, "account_id"), str):
        return {"username": field(reply.body, "username"), "host": client.host}, None
    if reply.status == 401:
        how = ("as HTTP Basic with src_username" if target.username is not None
               else "as a Bearer token (src_username is empty)")
        return {}, Failure(f"Bitbucket Cloud refused the credential sent {how} (HTTP 401): a wrong or revoked token, "
                           "an app password (they stopped working on 2026-06-09), an e-mail with an app password "
                           "or a username with an API token. B004 and B005 tell which fits.", "bad-credentials",
                           key=src.TOKEN)
    if reply.status == 403:
        return {}, Failure("Bitbucket Cloud accepted the credential but refused GET /2.0/user (HTTP 403): the token "
                           "lacks the account read scope.", "forbidden", key=src.TOKEN)
    return {}, unexpected(reply, client.host, "GET /2.0/user")


def _cloud_workspace(client: Client, workspace: str):
    reply = client.get(f"/2.0/workspaces/{quote(workspace, safe='')}")
    if reply.status == 200 and isinstance(field(reply.body, "slug"), str):
        return {"workspace": field(reply.body, "slug")}, None
    if reply.status in (403, 404):
        return {}, Failure(f"Bitbucket Cloud has no workspace {workspace!r} this account can see (HTTP "
                           f"{reply.status}): the ID is wrong or the account is not a member. Use the ID from "
                           "https://bitbucket.org/<workspace>/.", "no-workspace", key=src.WORKSPACE)
    return {}, unexpected(reply, client.host, "GET /2.0/workspaces/<workspace>")
