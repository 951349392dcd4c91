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
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple
from urllib.parse import quote

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.endpoints import Endpoint, OverrideError, checked_override
from congregate_lint.live.inputs import Skip
from congregate_lint.live.probing import Session
from congregate_lint.live.rest import Client, ProbeFailed, field, other_source, record, run_probe, unexpected
from congregate_lint.live.results import (
    BITBUCKET_CLOUD_USER, BITBUCKET_CLOUD_WORKSPACE, BITBUCKET_SERVER_ADMIN, BITBUCKET_SERVER_USER, Failure,
    ProbeResult,
)
from congregate_lint.model import Conf

SERVER_PROBES = (BITBUCKET_SERVER_USER, BITBUCKET_SERVER_ADMIN)
CLOUD_PROBES = (BITBUCKET_CLOUD_USER, BITBUCKET_CLOUD_WORKSPACE)
CLOUD_API_OVERRIDE = src.BITBUCKET_CLOUD_API_VARIABLE
ADMIN_PERMISSIONS = ("SYS_ADMIN", "ADMIN")
KNOWN_PERMISSIONS = ADMIN_PERMISSIONS + ("LICENSED_USER", "PROJECT_CREATE")
NAME_TEXT = re.compile(r"[\w.@+-]{1,64}")
PAGE = "&limit=1000"
PROBES = SERVER_PROBES + CLOUD_PROBES
CONSEQUENCE = "Congregate's calls to the same host fail the same way."
HOW_TO_STORE = "printf %s 'SECRET' | base64 -w0"


def run(session: Session, wanted: Set[str]) -> None:
    """Record the wanted Bitbucket probes: the Server ones or the Cloud ones, as src_type says."""
    if other_source(session, wanted, src.BITBUCKET_SERVER, src.BITBUCKET_CLOUD):
        return
    server = src.source_type(session.conf) == src.BITBUCKET_SERVER
    mine, theirs = (SERVER_PROBES, CLOUD_PROBES) if server else (CLOUD_PROBES, SERVER_PROBES)
    other = "Bitbucket Cloud" if server else "Bitbucket Server"
    record(session, wanted, {name: ProbeResult(name, skip=Skip(f"the source is not {other}")) for name in theirs})
    if set(mine) & set(wanted):
        record(session, wanted, (probe_server if server else probe_cloud)(session))


@dataclass(frozen=True)
class BitbucketTarget:
    """Where the calls go and with which credential."""

    endpoint: Endpoint
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
    return (BitbucketTarget(Endpoint(hostname), username, token), None) if skip is None else (None, skip)


def read_cloud_target(conf: Conf) -> Tuple[Optional[BitbucketTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None or src.congregate_hostname(hostname).lower() != src.BITBUCKET_CLOUD_API:
        return None, Skip(f"src_hostname is not {src.BITBUCKET_CLOUD_API}, so nothing was sent (B003 explains)",
                          key=src.HOSTNAME)
    token, skip = _token(conf)
    if skip is not None:
        return None, skip
    override = os.environ.get(CLOUD_API_OVERRIDE)
    try:
        endpoint = checked_override(override, CLOUD_API_OVERRIDE) if override else Endpoint(src.BITBUCKET_CLOUD_API)
    except OverrideError as error:
        return None, Skip(f"nothing was sent: {error}", Severity.ERROR)
    return BitbucketTarget(endpoint, conf.value(src.SECTION, src.USERNAME), token,
                           conf.value(src.SECTION, src.WORKSPACE)), None


def probe_server(session: Session) -> Dict[str, ProbeResult]:
    target, skip = read_server_target(session.conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in SERVER_PROBES}
    client = Client(target.endpoint, {"Authorization": target.authorization, "Accept": "application/json"},
                    session, CONSEQUENCE)
    user = run_probe(BITBUCKET_SERVER_USER, lambda: _server_user(client, target.username), client)
    if not user.ok:
        return {BITBUCKET_SERVER_USER: user, BITBUCKET_SERVER_ADMIN: ProbeResult(
            BITBUCKET_SERVER_ADMIN, skip=Skip("the login check did not pass (B101 says why)"))}
    return {BITBUCKET_SERVER_USER: user,
            BITBUCKET_SERVER_ADMIN: run_probe(BITBUCKET_SERVER_ADMIN, lambda: _server_admin(client, target.username),
                                              client)}


def _server_user(client: Client, username: str):
    reply = client.get(f"/rest/api/1.0/users/{quote(username.lower(), safe='')}")
    if reply.status == 200 and isinstance(field(reply.body, "slug"), str):
        return {"slug": field(reply.body, "slug"), "host": client.host}, None
    if reply.status == 401:
        return {}, Failure(f"{client.host} refuses src_username with the decoded src_access_token (HTTP 401)",
                           "bad-credentials", key=src.TOKEN,
                           explanation="The password or HTTP access token is wrong, expired or not this user's; "
                                       "Congregate's validator stops on the same answer.",
                           fix=f"Store the base64 of src_username's current password or token: {HOW_TO_STORE}.")
    if reply.status == 404 and isinstance(field(reply.body, "errors"), list):
        return {}, Failure(f"{client.host} knows no user with the slug of src_username", "no-user",
                           key=src.USERNAME,
                           explanation="Congregate looks src_username up in the global permission list and sends it "
                                       "to GitLab's importer as bitbucket_server_username.",
                           fix="Write the user's name (slug) on Bitbucket Server.")
    return {}, unexpected(reply, client.host, "GET /rest/api/1.0/users/<user>")


def _server_admin(client: Client, username: str):
    """The user's real global permission (own row, else first group) against what Congregate's validator reads."""
    rows = _permission_rows(client, f"/rest/api/1.0/admin/permissions/users?filter={quote(username)}{PAGE}")
    own = [row for row in rows if _is_user(row, username)]
    if own:
        permission, via = _permission(own[0]), "own permission"
    else:
        permission, via = _group_permission(client, username)
    data = {"permission": permission, "via": via}
    admin = permission in ADMIN_PERMISSIONS
    if not rows:  # Congregate reads the first group too: both readings agree
        return data, None if admin else _not_admin(permission, via)
    read, reader = _permission(rows[0]), _text(field(rows[0], "user", "slug"))
    congregate_accepts = read in ADMIN_PERMISSIONS
    if admin and (reader == username.lower() or congregate_accepts):
        if reader == username.lower():
            return data, None
        return data, Failure(
            f"src_username passes Congregate's admin check only on another user's row ({reader}: {read})",
            "substring", Severity.WARNING, key=src.USERNAME,
            explanation=f"It is an administrator ({permission}, {via}), but Congregate's validator filters the global "
                        "permissions by the substring src_username and reads the first row, which is another user's.",
            fix="Grant src_username its own ADMIN global permission so that the check does not depend on other "
                "accounts.")
    if admin:
        return data, Failure(
            f"Congregate's admin check will read another user's row ({reader}: {read}) and refuse src_username",
            "substring", key=src.USERNAME,
            explanation=f"src_username is an administrator ({permission}, {via}), but Congregate's validator filters "
                        "the global permissions by the substring src_username, reads the first row, another "
                        "user's, and stops with a ConfigurationException.",
            fix="Grant src_username its own ADMIN global permission, or use an account whose name is not part of "
                "other user names.")
    if congregate_accepts:
        return data, Failure(
            f"src_username is no administrator, but Congregate's check would pass on {reader}'s {read}",
            "substring", key=src.USERNAME,
            explanation=f"Its own global permission is {permission or 'none'} ({via}); Congregate's validator reads "
                        "the first row of a substring filter, another user's, and lets it through, so the "
                        "migration's administrator calls fail later.",
            fix="Grant src_username ADMIN or SYS_ADMIN in Administration → Global permissions.")
    return data, _not_admin(permission, via)


def _group_permission(client: Client, username: str) -> Tuple[Optional[str], str]:
    """Congregate's fallback: the global permission of the user's first group."""
    groups = _permission_rows(client, f"/rest/api/1.0/admin/users/more-members?context={quote(username)}{PAGE}")
    group = _text(groups[0].get("name")) if groups else None
    if group is None:
        return None, "it is in no group"
    rows = _permission_rows(client, f"/rest/api/1.0/admin/permissions/groups?filter={quote(group)}{PAGE}")
    exact = [row for row in rows if field(row, "group", "name") == group]
    return (_permission(exact[0]) if exact else None), f"through its first group {group}"


def _permission_rows(client: Client, path: str) -> List[dict]:
    reply = client.get(path)
    if reply.status == 200 and isinstance(field(reply.body, "values"), list):
        return [row for row in reply.body["values"] if isinstance(row, dict)]
    if reply.status in (401, 403):
        raise ProbeFailed(Failure(
            f"Bitbucket Server refuses to show src_username the global permissions (HTTP {reply.status})",
            "not-admin", key=src.USERNAME,
            explanation="Only administrators may list them, and Congregate's validator requires ADMIN or SYS_ADMIN "
                        "even for listing: it stops with a ConfigurationException.",
            fix="Grant src_username ADMIN or SYS_ADMIN in Administration → Global permissions, or use an "
                "administrator's account."))
    raise ProbeFailed(unexpected(reply, client.host, "the global permission list"))


def _is_user(row: dict, username: str) -> bool:
    return field(row, "user", "slug") == username.lower() or field(row, "user", "name") == username


def _permission(row: dict) -> Optional[str]:
    permission = row.get("permission")
    return permission if permission in KNOWN_PERMISSIONS else None


def _text(value: object) -> Optional[str]:
    """A user slug or group name from the server, when it is short and plain (nothing else is kept)."""
    return value if isinstance(value, str) and NAME_TEXT.fullmatch(value) else None


def _not_admin(permission: Optional[str], via: str) -> Failure:
    has = f"has the global permission {permission}" if permission else "has no global permission"
    return Failure(f"src_username {has} ({via}), not ADMIN or SYS_ADMIN", "not-admin", key=src.USERNAME,
                   explanation="Congregate's validator requires ADMIN or SYS_ADMIN, even for listing, and stops "
                               "with a ConfigurationException.",
                   fix="Grant it in Administration → Global permissions, or use an administrator's account.")


def probe_cloud(session: Session) -> Dict[str, ProbeResult]:
    target, skip = read_cloud_target(session.conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in CLOUD_PROBES}
    client = Client(target.endpoint, {"Authorization": target.authorization, "Accept": "application/json"},
                    session, CONSEQUENCE)
    user = run_probe(BITBUCKET_CLOUD_USER, lambda: _cloud_user(client, target), client)
    if not user.ok:
        skip = Skip("the login check did not pass (B103 says why)")
    elif target.workspace is None:
        skip = Skip("src_parent_workspace is not set (S007 explains)", Severity.WARNING, src.WORKSPACE)
    else:
        skip = None
    workspace = (ProbeResult(BITBUCKET_CLOUD_WORKSPACE, skip=skip) if skip is not None
                 else run_probe(BITBUCKET_CLOUD_WORKSPACE, lambda: _cloud_workspace(client, target.workspace), client))
    return {BITBUCKET_CLOUD_USER: user, BITBUCKET_CLOUD_WORKSPACE: workspace}


def _cloud_user(client: Client, target: BitbucketTarget):
    reply = client.get("/2.0/user")
    if reply.status == 200 and isinstance(field(reply.body, "account_id"), str):
        return {"username": _text(field(reply.body, "username")), "host": client.host}, None
    if reply.status == 401:
        how = ("as HTTP Basic with src_username" if target.username is not None
               else "as a Bearer token (src_username is empty)")
        return {}, Failure(f"Bitbucket Cloud refuses the credential sent {how} (HTTP 401)", "bad-credentials",
                           key=src.TOKEN,
                           explanation="A wrong or revoked token, an app password (they stopped working on "
                                       "2026-06-09), an e-mail with an app password, or a username with an API "
                                       "token; B004 and B005 tell which fits.",
                           fix="Create an Atlassian API token and store its base64 with the account e-mail in "
                               "src_username.")
    if reply.status == 403:
        return {}, Failure("Bitbucket Cloud refuses GET /2.0/user with this credential (HTTP 403)", "forbidden",
                           key=src.TOKEN, explanation="The credential is known but lacks the account read scope.",
                           fix="Give the token the read:user (account: read) scope.")
    return {}, unexpected(reply, client.host, "GET /2.0/user")


def _cloud_workspace(client: Client, workspace: str):
    reply = client.get(f"/2.0/workspaces/{quote(workspace, safe='')}")
    if reply.status == 200 and isinstance(field(reply.body, "slug"), str):
        return {"workspace": field(reply.body, "slug")}, None
    if reply.status in (403, 404):
        return {}, Failure(f"Bitbucket Cloud shows this account no workspace {workspace!r} (HTTP {reply.status})",
                           "no-workspace", key=src.WORKSPACE,
                           explanation="The workspace ID is wrong or the account is not a member; Congregate lists "
                                       "and imports nothing from it.",
                           fix="Use the ID from https://bitbucket.org/<workspace>/, with an account that is a "
                               "member.")
    return {}, unexpected(reply, client.host, "GET /2.0/workspaces/<workspace>")
