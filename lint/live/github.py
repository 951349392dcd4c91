"""Live probes of a GitHub or GitHub Enterprise source: the token's user (and site admin), scopes, rate limit.

Congregate calls ``{src_hostname}/...`` for github.com (``https://api.github.com``) and
``{src_hostname}/api/v3/...`` for GitHub Enterprise, with ``Authorization: token <PAT>``;
these probes do the same, to that host only, with each token of the rotation list.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.inputs import Skip
from congregate_lint.live.rest import Client, ProbeFailed, field, run_probe, unexpected
from congregate_lint.live.results import GITHUB_RATE_LIMIT, GITHUB_SCOPES, GITHUB_USER, Failure, ProbeResult
from congregate_lint.model import Conf
from congregate_lint.rules.h001_github_hostname import diagnose as hostname_problem

PROBES = (GITHUB_USER, GITHUB_SCOPES, GITHUB_RATE_LIMIT)
MAX_TOKENS = 10
# Classic-token scopes the migration needs, each with the broader scopes that include it.
NEEDED_SCOPES = {"repo": {"repo"}, "read:org": {"read:org", "write:org", "admin:org"}}
LOW_RATE_LIMIT = 100


@dataclass(frozen=True)
class GitHubTarget:
    """Where Congregate sends GitHub calls, and the decoded tokens it rotates through."""

    api_base: str
    enterprise: bool
    tokens: List[str]


def read_target(conf: Conf) -> Tuple[Optional[GitHubTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None:
        return None, Skip("src_hostname is not set (S007 explains)", Severity.WARNING, src.HOSTNAME)
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


def run(conf: Conf, options, ssl_verify: bool) -> Dict[str, ProbeResult]:
    """The three GitHub probes for this conf (skipped, with the reason, when nothing may be sent)."""
    target, skip = read_target(conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in PROBES}
    clients = [Client(target.api_base, {"Authorization": f"token {token}",
                                        "Accept": "application/vnd.github.v3+json"}, options, ssl_verify)
               for token in target.tokens]
    replies: List[Dict[str, object]] = []
    user = run_probe(GITHUB_USER, lambda: _users(clients, target, replies))
    if not user.ok:
        skip = Skip("the token was not accepted (H101 says why)")
        return {GITHUB_USER: user, GITHUB_SCOPES: ProbeResult(GITHUB_SCOPES, skip=skip),
                GITHUB_RATE_LIMIT: ProbeResult(GITHUB_RATE_LIMIT, skip=skip)}
    return {GITHUB_USER: user, GITHUB_SCOPES: run_probe(GITHUB_SCOPES, lambda: _scopes(replies)),
            GITHUB_RATE_LIMIT: run_probe(GITHUB_RATE_LIMIT, lambda: _rate_limits(clients))}


def _which(clients: List[Client], index: int) -> str:
    return f"token {index + 1} of src_access_token" if len(clients) > 1 else "the token"


def _users(clients: List[Client], target: GitHubTarget, replies: List[Dict[str, object]]):
    logins = []
    for index, client in enumerate(clients):
        reply = client.get("/user")
        failure = _judge_user(reply, client.host, target.enterprise, _which(clients, index))
        if failure is not None:
            return {}, failure
        logins.append(str(field(reply.body, "login")))
        replies.append({"scopes": reply.header("x-oauth-scopes"), "login": logins[-1]})
    return {"logins": logins, "enterprise": target.enterprise, "host": clients[0].host}, None


def _judge_user(reply, host: str, enterprise: bool, which: str) -> Optional[Failure]:
    if reply.status == 200 and isinstance(field(reply.body, "login"), str):
        if enterprise and field(reply.body, "site_admin") is not True:
            return Failure(f"GitHub Enterprise accepts {which} (user {field(reply.body, 'login')}), but that user is "
                           "not a site administrator, and Congregate's validator refuses a GitHub Enterprise token "
                           "without site_admin. Use a token of a site administrator.", "not-admin", key=src.TOKEN)
        return None
    if reply.status == 401:
        return Failure(f"{host} refused {which} (HTTP 401, bad credentials): it is wrong, expired or revoked. "
                       "Create a new personal access token and store its base64.", "bad-token", key=src.TOKEN)
    if reply.status in (403, 429) and reply.header("x-ratelimit-remaining") == "0":
        return Failure(f"{host} is rate-limiting {which} (HTTP {reply.status}, no requests left); the check could "
                       "not be made. Run again after the reset time.", "rate-limited", Severity.WARNING, key=src.TOKEN)
    if reply.status == 403:
        sso = " Its organisation enforces SAML SSO: authorise the token for it." if reply.header("x-github-sso") else ""
        return Failure(f"{host} accepted {which} but refused GET /user (HTTP 403).{sso}", "forbidden", key=src.TOKEN)
    return unexpected(reply, host, "GET /user")


def _scopes(replies: List[Dict[str, object]]):
    listed, missing = [], []
    for index, reply in enumerate(replies):
        header = reply["scopes"]
        if header is None:
            continue  # fine-grained tokens and GitHub App tokens list no scopes
        scopes = {scope.strip() for scope in str(header).split(",") if scope.strip()}
        listed.append(sorted(scopes))
        lacking = [name for name, covering in NEEDED_SCOPES.items() if not scopes & covering]
        if lacking:
            which = f"token {index + 1}" if len(replies) > 1 else "the token"
            missing.append(f"{which} ({reply['login']}) lacks {', '.join(lacking)}")
    data = {"listed": listed, "unlisted": len(replies) - len(listed)}
    if missing:
        return data, Failure(f"{'; '.join(missing)}. Congregate reads private repositories (repo) and organisation "
                             "members and teams (read:org). Add the scopes to the classic token, or create one "
                             "that has them.", "scopes", Severity.WARNING, key=src.TOKEN)
    return data, None


def _rate_limits(clients: List[Client]):
    lowest: Optional[Tuple[int, int, str]] = None
    for index, client in enumerate(clients):
        reply = client.get("/rate_limit")
        if reply.status == 404 and isinstance(reply.body, dict):
            return {"disabled": True}, None  # GitHub Enterprise with rate limiting turned off
        remaining, limit = field(reply.body, "resources", "core", "remaining"), field(reply.body, "resources", "core",
                                                                                       "limit")
        if reply.status != 200 or not isinstance(remaining, int) or not isinstance(limit, int):
            raise ProbeFailed(unexpected(reply, client.host, "GET /rate_limit"))
        if lowest is None or remaining < lowest[0]:
            lowest = (remaining, limit, _which(clients, index))
    remaining, limit, which = lowest
    data = {"remaining": remaining, "limit": limit, "which": which}
    if remaining < LOW_RATE_LIMIT:
        return data, Failure(f"{which} has {remaining} of {limit} API requests left this hour; a migration makes "
                             "thousands. Wait for the reset, or add more tokens (comma-separated) to rotate.",
                             "rate-limit", Severity.WARNING, key=src.TOKEN)
    return data, None
