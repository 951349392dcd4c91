"""GitLab's REST API asked with the conf's token: the destination, and the source when ``src_type`` is GitLab.

Each check is one ``GET {host}/api/v4/...`` with the token in ``PRIVATE-TOKEN`` (as
Congregate sends it), through ``live.http`` (no redirect followed, body capped). All
checks of both sides start at once. What a server says is never passed through: only
known fields are kept (version, user name, admin flag, scopes, dates, paths), and error
bodies are matched against GitLab's documented shapes.
"""

import re
import time
from dataclasses import replace
from datetime import date
from typing import Callable, Dict, Optional, Set, Tuple

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import KEYS
from congregate_lint.live import http
from congregate_lint.live.endpoints import printable_host
from congregate_lint.live.errors import Endpoint, explain_network, network_kind
from congregate_lint.live.gitlab_inputs import GitLabTarget, read_target
from congregate_lint.live.inputs import Skip
from congregate_lint.live.probing import Pending, Session, late, posix_time
from congregate_lint.live.results import (
    GITLAB_GROUP, GITLAB_IMPORT_USER, GITLAB_MEMBERSHIP, GITLAB_SETTINGS, GITLAB_SIDE_CHECKS, GITLAB_TOKEN_INFO, GITLAB_USER,
    GITLAB_VERSION, Failure, ProbeResult, gitlab_probe,
)

PROBES = tuple(gitlab_probe(side, check) for side, checks in GITLAB_SIDE_CHECKS.items() for check in checks)
CONSEQUENCE = ("Congregate's GitLab client retries network errors ten times with two-minute pauses, so it reports "
               "'Invalid user and/or token: null' only after about 20 minutes.")
PATHS = {
    GITLAB_VERSION: "version",
    GITLAB_USER: "user",
    GITLAB_TOKEN_INFO: "personal_access_tokens/self",
    GITLAB_SETTINGS: "application/settings",
}
_PRINTABLE = re.compile(r"[\w.@/+-]{1,120}")  # the server-provided names kept (user names, group paths, scopes)
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")
TOKEN_FAILURES = {  # GitLab's 401 bodies (api_guard.rb): error_description prefix -> kind, words
    "Token is expired": ("token-expired", "has expired"),
    "Token was revoked": ("token-revoked", "was revoked"),
    "Token is an impersonation token": ("token-impersonation", "is an impersonation token; impersonation is "
                                                               "disabled"),
}
ACCESS_DENIED_REASONS = ("blocked", "deactivated", "locked", "banned", "terms", "password", "pending approval")


def run(session: Session, wanted: Set[str]) -> None:
    """Start every wanted check of both sides at once (the membership once the user is known); record each as it
    finishes, or as late at the deadline."""
    pending: Dict[str, Pending] = {}
    for side, checks in GITLAB_SIDE_CHECKS.items():
        names = [gitlab_probe(side, check) for check in checks if gitlab_probe(side, check) in wanted]
        if not names:
            continue
        target, skip = read_target(session.conf, side)
        for check in checks:
            name = gitlab_probe(side, check)
            if name not in names:
                continue
            why = _quieter(skip, check) or (_nothing_to_ask(target, check) if target else None)
            if why is not None:
                session.put(ProbeResult(name, skip=why))
            elif check == GITLAB_MEMBERSHIP:
                user = pending.get(gitlab_probe(side, GITLAB_USER))
                pending[name] = Pending(name, lambda target=target, name=name, user=user:
                                        _membership(session, target, name, user))
            else:
                pending[name] = Pending(name, _probe(session, target, check, name))
    for running in pending.values():
        if not running.wait(session.deadline):
            session.put(late(running.name, session.deadline))


def _quieter(skip: Optional[Skip], check: str) -> Optional[Skip]:
    """A side not probed at all is a warning once, on the token owner check; the other checks say so as info."""
    return skip if skip is None or check == GITLAB_USER else replace(skip, severity=Severity.INFO)


def _nothing_to_ask(target: GitLabTarget, check: str) -> Optional[Skip]:
    keys = KEYS[target.side]
    if check == GITLAB_IMPORT_USER and target.import_user_id is None:
        return Skip("import_user_id is not set or not a number (S007/S003 explain)", key="import_user_id")
    if check in (GITLAB_GROUP, GITLAB_MEMBERSHIP) and target.group_id is None:
        return Skip(f"{keys.group_id} is not set, so there is no parent group to look up", key=keys.group_id)
    return None


def _membership(session: Session, target: GitLabTarget, name: str, user: Optional[Pending]) -> ProbeResult:
    """The token's user's access level in the parent group, once the user probe has named the user."""
    found = user.result if user is not None and user.wait(session.deadline) else None
    why = None
    if found is None or not found.ok or not isinstance(found.data.get("id"), int):
        why = Skip("the token's user is not known (the token owner check says why)")
    elif found.data.get("admin"):
        why = Skip("the token is an administrator's, who may create projects in any group")
    if why is not None:
        return session.put(ProbeResult(name, skip=why))
    return _probe(session, target, GITLAB_MEMBERSHIP, name, f"groups/{target.group_id}/members/all/{found.data['id']}")()


def _probe(session: Session, target: GitLabTarget, check: str, name: str,
           path: Optional[str] = None) -> Callable[[], ProbeResult]:
    def work() -> ProbeResult:
        started = time.monotonic()
        result = ProbeResult(name)
        try:
            answer = _get(session, target, path or _path(target, check))
            result.data, result.failure = _judge(answer, target, check)
            result.data["host"] = target.host
            result.server_date = posix_time(answer.header("date"))
        except Exception as error:  # every failure is reported as a finding, never as a traceback
            result.failure = _exception(error, session, target, time.monotonic() - started)
        result.local_time = time.time()
        result.seconds = time.monotonic() - started
        if session.deadline.remaining() > 0:
            session.put(result)
        return result

    return work


def _path(target: GitLabTarget, check: str) -> str:
    if check == GITLAB_IMPORT_USER:
        return f"users/{target.import_user_id}"
    if check == GITLAB_GROUP:
        return f"groups/{target.group_id}?with_projects=false"
    return PATHS[check]


def _get(session: Session, target: GitLabTarget, path: str) -> http.HttpAnswer:
    """One API GET to the target's own host with its token, a 429 waited out while the deadline allows."""
    options = session.options
    return http.get_patiently(f"{target.base_url}/api/v4/{path}", {"PRIVATE-TOKEN": target.token,
                                                                    "Accept": "application/json"},
                              (options.connect_timeout, options.read_timeout), http.verify_setting(target.ssl_verify),
                              session.deadline.remaining)


def _exception(error: Exception, session: Session, target: GitLabTarget, seconds: float) -> Failure:
    keys = KEYS[target.side]
    if isinstance(error, http.UnreadableRedirect):
        return _redirected(target, "to an address that cannot be read", "HTTP 3xx")
    if network_kind(error) is None:
        return Failure(f"the check of {target.host} failed unexpectedly ({type(error).__name__})", "internal",
                       Severity.WARNING, key=keys.host, explanation="The check could not be made.",
                       fix="Run again; if it persists, please report it to the congregate-lint maintainers.")
    where = Endpoint(target.host, keys.host, session.options.connect_timeout, session.options.read_timeout,
                     target.ssl_verify, CONSEQUENCE)
    return explain_network(error, where, seconds)


# --- judging an answer --------------------------------------------------------------------------------------------

def _judge(answer: http.HttpAnswer, target: GitLabTarget, check: str) -> Tuple[Dict[str, object], Optional[Failure]]:
    """The data worth keeping from one answer, or what its failure means."""
    body = answer.json()
    if answer.status == 200 and isinstance(body, dict):
        return _data(body, check, target), None
    if check == GITLAB_SETTINGS and answer.status == 403 and _common(answer, body, target) is None:
        return {"forbidden": True}, None  # not an administrator: the settings stay unknown
    if check == GITLAB_MEMBERSHIP and answer.status == 404:
        return {"access_level": None}, None  # not a member (GitLab answers 404 for a user it cannot find there)
    if check == GITLAB_TOKEN_INFO and answer.status in (401, 404) and not _token_error(body):
        return {"unknown": True}, None  # not a personal/project/group access token, or GitLab before 15.5
    failure = (_redirect(answer, target) or _common(answer, body, target)
               or _not_found(answer, target, check) or _unexpected(answer, body, target))
    return {"status": answer.status}, failure


def _data(body: dict, check: str, target: GitLabTarget) -> Dict[str, object]:
    if check == GITLAB_VERSION:
        version = _text(body.get("version"))
        return {"version": version, "enterprise": bool(body.get("enterprise")) or (version or "").endswith("-ee"),
                "numbers": parse_version(version or "")}
    if check in (GITLAB_USER, GITLAB_IMPORT_USER):
        return {"id": body.get("id") if isinstance(body.get("id"), int) else None,
                "username": _text(body.get("username")), "admin": body.get("is_admin") is True,
                "state": _text(body.get("state"))}
    if check == GITLAB_TOKEN_INFO:
        scopes = body.get("scopes") if isinstance(body.get("scopes"), list) else []
        expires = _date(body.get("expires_at"))
        return {"scopes": sorted(_text(scope) for scope in scopes if _text(scope)), "expires_at": expires,
                "days_left": (date.fromisoformat(expires) - date.today()).days if expires else None,
                "active": body.get("active") is not False, "revoked": body.get("revoked") is True}
    if check == GITLAB_MEMBERSHIP:
        level = body.get("access_level")
        return {"access_level": level if isinstance(level, int) else None}
    if check == GITLAB_GROUP:
        return {"full_path": _text(body.get("full_path")), "visibility": _text(body.get("visibility"))}
    sources = body.get("import_sources") if isinstance(body.get("import_sources"), list) else []
    return {"import_sources": sorted(_text(source) for source in sources if _text(source)),
            "bulk_import_enabled": body.get("bulk_import_enabled") is True}


def parse_version(version: str) -> Optional[Tuple[int, int, int]]:
    """``17.3.1-ee`` → (17, 3, 1); None when it is no version."""
    match = _VERSION.match(version)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def _text(value: object) -> Optional[str]:
    """A short, plain server-provided name, else None (nothing else from a server is kept)."""
    return value if isinstance(value, str) and _PRINTABLE.fullmatch(value) else None


def _date(value: object) -> Optional[str]:
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def _token_error(body: object) -> Optional[Tuple[str, str]]:
    """(kind, words) of a 401 body that says the token is expired, revoked or an impersonation token."""
    if isinstance(body, dict) and body.get("error") == "invalid_token":
        description = str(body.get("error_description", ""))
        for prefix, meaning in TOKEN_FAILURES.items():
            if description.startswith(prefix):
                return meaning
    return None


def _scope_error(body: object) -> bool:
    return isinstance(body, dict) and body.get("error") == "insufficient_scope"


def _redirect(answer: http.HttpAnswer, target: GitLabTarget) -> Optional[Failure]:
    if not 300 <= answer.status < 400:
        return None
    where = f"to {printable_host(answer.redirect_host)}" if answer.redirect_host else "elsewhere"
    return _redirected(target, where, f"HTTP {answer.status}")


def _redirected(target: GitLabTarget, where: str, status: str) -> Failure:
    keys = KEYS[target.side]
    return Failure(f"{target.host} redirects the API {where} ({status})", "redirect", key=keys.host,
                   explanation="The redirect was not followed, so the token went nowhere else. Congregate's client "
                               "does not follow redirects either: every API call would fail.",
                   fix=f"Set {keys.host} to the URL GitLab is served at (often https:// instead of http://, or "
                       "without a path).")


def _common(answer: http.HttpAnswer, body: object, target: GitLabTarget) -> Optional[Failure]:
    """401, 403, 429 and 5xx: the same meaning whatever was asked."""
    keys = KEYS[target.side]
    if answer.status == 401:
        kind, words = _token_error(body) or ("token-unknown", "is not known to this GitLab")
        return Failure(f"GitLab refuses {keys.token}: the token {words}", kind, key=keys.token,
                       explanation=f"Asked at {target.host}. Congregate's validator stops with 'Invalid user and/or "
                                   "token'.",
                       fix="Create a personal access token with the api scope (User settings → Access tokens) "
                           "and store its base64 (`congregate obfuscate`).")
    if answer.status == 403 and _scope_error(body):
        return Failure(f"the token's scopes do not allow this call at {target.host}", "scope", key=keys.token,
                       explanation="GitLab answered insufficient_scope: Congregate needs the api scope.",
                       fix="Create a token with the api scope and store its base64.")
    if answer.status == 403:
        message = str(body.get("message", "")) if isinstance(body, dict) else ""
        reason = next((word for word in ACCESS_DENIED_REASONS if word in message.lower()), None)
        if reason is not None:
            return Failure(f"GitLab at {target.host} denies the token's user API access ({reason})", "user-denied",
                           key=keys.token,
                           explanation="GitLab refuses every API call of a blocked, deactivated, locked or banned "
                                       "user, or one who must accept the terms or change the password first.",
                           fix="Sign in as that user to resolve it, or use a token of an active user.")
        return None
    if answer.status == http.RATE_LIMITED:
        return Failure(f"GitLab at {target.host} kept rate-limiting the call (HTTP 429)", "throttled",
                       Severity.WARNING, key=keys.host,
                       explanation="The wait it asked for did not fit in the deadline, or it named none.",
                       fix="Run again later, or raise --deadline.")
    if answer.status >= 500:
        return Failure(f"GitLab at {target.host} answered with a server error (HTTP {answer.status})", "server",
                       Severity.WARNING, key=keys.host, explanation="The server failed, not the conf.",
                       fix="Run again later; if it persists, ask the GitLab administrators.")
    return None


def _not_found(answer: http.HttpAnswer, target: GitLabTarget, check: str) -> Optional[Failure]:
    if answer.status != 404:
        return None
    keys = KEYS[target.side]
    if check == GITLAB_IMPORT_USER:
        return Failure(f"no user {target.import_user_id} on {target.host}", "not-found", key="import_user_id",
                       explanation="Congregate's validator looks the user up and raises "
                                   "ConfigurationException('import_user_id').",
                       fix="Set import_user_id to the ID of the destination user that owns the imports (Admin "
                           "Area → Users, or GET /api/v4/users?username=NAME).")
    if check == GITLAB_GROUP:
        return Failure(f"no group {target.group_id} on {target.host}, or the token cannot see it", "not-found",
                       key=keys.group_id,
                       explanation="GitLab answers 404 for a group that does not exist and for one the token's user "
                                   "may not see; Congregate's validator raises ConfigurationException('parent_id').",
                       fix=f"Set {keys.group_id} to the group's ID (its overview page shows it), and use a token "
                           "of a member or an administrator.")
    return Failure(f"no GitLab API at {target.base_url}/api/v4 (HTTP 404)", "not-gitlab", key=keys.host,
                   explanation="Congregate appends /api/v4 to the host itself; a path in the host, or a server that "
                               "is not GitLab, gives 404 for every call.",
                   fix=f"Set {keys.host} to the GitLab root URL, e.g. https://gitlab.example.com.")


def _unexpected(answer: http.HttpAnswer, body: object, target: GitLabTarget) -> Failure:
    keys = KEYS[target.side]
    if answer.truncated:
        what = f"more than {http.MAX_BODY // (1024 * 1024)} MiB"
    elif answer.status == 200:
        what = "a page that is not GitLab's JSON"
    else:
        what = f"HTTP {answer.status}"
    return Failure(f"{target.host} answered with {what}, not GitLab's API", "not-gitlab", key=keys.host,
                   explanation="Congregate reads every answer as GitLab JSON; this one is not (a sign-in portal or a "
                               "proxy may answer in GitLab's place).",
                   fix=f"Check that {keys.host} is the GitLab root URL and that nothing answers in its place.")
