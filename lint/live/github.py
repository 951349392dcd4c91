"""Live probes of a GitHub or GitHub Enterprise source: the token's user (and site admin), scopes, rate limit.

Congregate calls ``{src_hostname}/...`` for github.com (``https://api.github.com``) and
``{src_hostname}/api/v3/...`` for GitHub Enterprise, with ``Authorization: token <PAT>``;
these probes do the same, to that host only, with each token of the rotation list.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.endpoints import Endpoint
from congregate_lint.live.inputs import Skip
from congregate_lint.live.probing import Session
from congregate_lint.live.rest import Client, ProbeFailed, field, other_source, record, run_probe, unexpected
from congregate_lint.live.results import GITHUB_RATE_LIMIT, GITHUB_SCOPES, GITHUB_USER, Failure, ProbeResult
from congregate_lint.model import Conf
from congregate_lint.rules.h001_github_hostname import diagnose as hostname_problem

PROBES = (GITHUB_USER, GITHUB_SCOPES, GITHUB_RATE_LIMIT)
MAX_TOKENS = 10
# Classic-token scopes the migration needs, each with the broader scopes that include it.
NEEDED_SCOPES = {"repo": {"repo"}, "read:org": {"read:org", "write:org", "admin:org"}}
LOW_RATE_LIMIT = 100
CONSEQUENCE = "Congregate's validator stops with a ConfigurationException on the same answer."
LOGIN = re.compile(r"[A-Za-z0-9-]{1,39}|[A-Za-z0-9_.-]{1,64}")
SCOPE = re.compile(r"[a-z_:]{1,40}")


@dataclass(frozen=True)
class GitHubTarget:
    """Where Congregate sends GitHub calls, and the decoded tokens it rotates through."""

    api_base: str
    enterprise: bool
    tokens: List[str]


def read_target(conf: Conf) -> Tuple[Optional[GitHubTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None:
        return None, Skip("src_hostname is not set, so there is no GitHub host to ask", Severity.WARNING,
                          src.HOSTNAME)
    hostname = src.congregate_hostname(hostname)
    if hostname_problem(hostname) is not None:
        return None, Skip("src_hostname is not one Congregate accepts, so nothing was sent (H001 explains)",
                          key=src.HOSTNAME)
    stored = conf.value(src.SECTION, src.TOKEN)
    if stored is None:
        return None, Skip("src_access_token is not set (S007 explains)", Severity.WARNING, src.TOKEN)
    tokens = [src.decoded_text(item) for item in src.token_items(stored)]
    if not all(token and token.strip() == token for token in tokens):
        return None, Skip("an item of src_access_token does not decode to a token, so nothing was sent (S009 and "
                          "H002 explain)", key=src.TOKEN)
    return GitHubTarget(src.github_api_base(hostname), not src.is_github_dot_com(hostname), tokens[:MAX_TOKENS]), None


def run(session: Session, wanted: Set[str]) -> None:
    """Record the wanted GitHub probes for this conf (skipped, with the reason, when nothing may be sent)."""
    if not other_source(session, wanted, src.GITHUB):
        record(session, wanted, probe(session))


def probe(session: Session) -> Dict[str, ProbeResult]:
    target, skip = read_target(session.conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in PROBES}
    clients = [Client(Endpoint(target.api_base), {"Authorization": f"token {token}",
                                        "Accept": "application/vnd.github.v3+json"}, session, CONSEQUENCE)
               for token in target.tokens]
    replies: List[Dict[str, object]] = []
    user = run_probe(GITHUB_USER, lambda: _users(clients, target, replies), *clients)
    if not user.ok:
        skip = Skip("GET /user did not pass (H101 says why)")
        return {GITHUB_USER: user, GITHUB_SCOPES: ProbeResult(GITHUB_SCOPES, skip=skip),
                GITHUB_RATE_LIMIT: ProbeResult(GITHUB_RATE_LIMIT, skip=skip)}
    return {GITHUB_USER: user, GITHUB_SCOPES: run_probe(GITHUB_SCOPES, lambda: _scopes(replies), *clients),
            GITHUB_RATE_LIMIT: run_probe(GITHUB_RATE_LIMIT, lambda: _rate_limits(clients), *clients)}


def _which(clients: List[Client], index: int) -> str:
    return f"token {index + 1} of src_access_token" if len(clients) > 1 else "the token"


def _users(clients: List[Client], target: GitHubTarget, replies: List[Dict[str, object]]):
    logins = []
    for index, client in enumerate(clients):
        reply = client.get("/user")
        failure = _judge_user(reply, client.host, target.enterprise, _which(clients, index))
        if failure is not None:
            return {}, failure
        logins.append(_login(reply.body))
        replies.append({"scopes": reply.header("x-oauth-scopes"), "login": logins[-1]})
    return {"logins": logins, "enterprise": target.enterprise, "host": clients[0].host}, None


def _login(body: object) -> str:
    login = field(body, "login")
    return login if isinstance(login, str) and LOGIN.fullmatch(login) else "?"


def _judge_user(reply, host: str, enterprise: bool, which: str) -> Optional[Failure]:
    if reply.status == 200 and isinstance(field(reply.body, "login"), str):
        if enterprise and field(reply.body, "site_admin") is not True:
            return Failure(f"{which} belongs to {_login(reply.body)}, who is not a site administrator", "not-admin",
                           key=src.TOKEN,
                           explanation="Congregate's validator refuses a GitHub Enterprise token whose user is not "
                                       "a site administrator (site_admin), before any migration step.",
                           fix="Use a personal access token of a site administrator, or promote the user.")
        return None
    if reply.status == 401:
        return Failure(f"{host} refuses {which} (HTTP 401, bad credentials)", "bad-token", key=src.TOKEN,
                       explanation=f"The token is wrong, expired or revoked. {CONSEQUENCE}",
                       fix="Create a new personal access token and store its base64 (printf %s 'TOKEN' | base64 -w0).")
    if reply.status in (403, 429) and reply.header("x-ratelimit-remaining") == "0":
        return Failure(f"{host} is rate-limiting {which} (HTTP {reply.status})", "rate-limited", Severity.WARNING,
                       key=src.TOKEN, explanation="No requests are left in this hour's quota, so the check could not "
                                                  "be made.", fix="Run again after the reset time.")
    if reply.status == 403:
        sso = reply.header("x-github-sso") is not None
        return Failure(f"{host} refuses GET /user for {which} (HTTP 403)", "forbidden", key=src.TOKEN,
                       explanation="The token is known but not allowed" + (
                           ": its organisation enforces SAML single sign-on." if sso else "."),
                       fix="Authorise the token for the organisation's SSO." if sso
                       else "Check the token's permissions and the organisation's policies.")
    return unexpected(reply, host, "GET /user")


def _scopes(replies: List[Dict[str, object]]):
    listed, missing = [], []
    for index, reply in enumerate(replies):
        header = reply["scopes"]
        if header is None:
            continue  # fine-grained tokens and GitHub App tokens list no scopes
        scopes = {scope.strip() for scope in str(header).split(",") if scope.strip()}
        listed.append(sorted(scope for scope in scopes if SCOPE.fullmatch(scope)))
        lacking = [name for name, covering in NEEDED_SCOPES.items() if not scopes & covering]
        if lacking:
            which = f"token {index + 1}" if len(replies) > 1 else "the token"
            missing.append(f"{which} ({reply['login']}) lacks {', '.join(lacking)}")
    data = {"listed": listed, "unlisted": len(replies) - len(listed)}
    if missing:
        return data, Failure(f"{'; '.join(missing)}", "scopes", Severity.WARNING, key=src.TOKEN,
                             explanation="Congregate reads private repositories (scope repo) and organisation "
                                         "members and teams (read:org); without them those calls fail or return "
                                         "less.", fix="Add the scopes to the classic token, or create one that has "
                                                      "them, and store its base64.")
    return data, None


def _rate_limits(clients: List[Client]):
    lowest: Optional[Tuple[int, int, str]] = None
    for index, client in enumerate(clients):
        reply = client.get("/rate_limit")
        if reply.status == 404 and isinstance(reply.body, dict):
            return {"disabled": True}, None  # GitHub Enterprise with rate limiting turned off
        core = field(reply.body, "resources", "core")
        remaining, limit = field(core, "remaining"), field(core, "limit")
        if reply.status != 200 or not isinstance(remaining, int) or not isinstance(limit, int):
            raise ProbeFailed(unexpected(reply, client.host, "GET /rate_limit"))
        if lowest is None or remaining < lowest[0]:
            lowest = (remaining, limit, _which(clients, index))
    remaining, limit, which = lowest
    data = {"remaining": remaining, "limit": limit, "which": which}
    if remaining < LOW_RATE_LIMIT:
        return data, Failure(f"{which} has {remaining} of {limit} API requests left this hour", "rate-limit",
                             Severity.WARNING, key=src.TOKEN,
                             explanation="A migration makes thousands of GitHub API calls; Congregate waits when "
                                         "the quota runs out.",
                             fix="Wait for the reset, or add more tokens (comma-separated, each base64) to rotate.")
    return data, None
