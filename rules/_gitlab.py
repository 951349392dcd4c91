"""Shared offline checks of a GitLab instance's keys: the destination (D…) and a GitLab source (G…).

Both sides have a host URL and a base64 token; each D or G rule is a thin module
that names its side. What the live answers mean is in ``_gitlab_live``: an offline
run imports nothing of the live package.
"""

import re
from typing import Iterator, Optional
from urllib.parse import urlsplit

from congregate_lint.findings import Problem, Severity
from congregate_lint.gitlab_keys import DESTINATION, GITLAB_SOURCE_TYPE, KEYS, SideKeys
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe

from ._live import NOTHING_TO_CHANGE, SKIP_FIX_NO_KEY

HOW_TO_OBFUSCATE = "`congregate obfuscate` or `printf %s 'TOKEN' | base64 -w0`"
# Prefixes GitLab documents for its tokens ("Token prefixes"): only the access tokens call the REST API as a user.
GITLAB_OTHER_TOKENS = {
    "gldt-": "a deploy token", "glrt-": "a runner authentication token", "glcbt-": "a CI/CD job token",
    "glptt-": "a pipeline trigger token", "glft-": "a feed token", "glimt-": "an incoming mail token",
    "glagent-": "a GitLab agent for Kubernetes token", "gloas-": "an OAuth application secret",
    "glsoat-": "a SCIM token", "glffct-": "a feature flags client token", "GR1348941": "a runner registration token",
}
OTHER_VENDORS = (
    (re.compile(r"(ghp|gho|ghu|ghs|ghr)_|github_pat_"), "a GitHub token"),
    (re.compile(r"(AKIA|ASIA)[A-Z2-7]{16}$"), "an AWS access key ID"),
    (re.compile(r"ATATT|ATBB|ATCTT"), "an Atlassian (Bitbucket) token"),
    (re.compile(r"xox[abpr]-"), "a Slack token"),
)
LEGACY_TOKEN_LENGTH = 20  # tokens without a prefix (GitLab before 14.5, or a custom prefix) are at least this long
DOT_COM = "gitlab.com"


# --- which side applies -------------------------------------------------------------------------------------------

def applies(conf: Conf, side: str) -> bool:
    """The destination always applies; the source only when ``src_type`` is GitLab."""
    return side == DESTINATION or (conf.value("SOURCE", "src_type") or "").lower() == GITLAB_SOURCE_TYPE


def on_key(conf: Conf, keys: SideKeys, key: Optional[str], headline: str, explanation: str = "", fix: str = "",
           severity: Optional[Severity] = None, skipped: bool = False) -> Problem:
    """A problem on ``key`` where it is written (its section, or [DEFAULT]), or on the side's section header.

    Without a fix of its own, a check that was skipped says to run again once it can, a passed one (info) that
    nothing needs to change.
    """
    if not fix:
        fix = SKIP_FIX_NO_KEY if skipped else NOTHING_TO_CHANGE if severity is Severity.INFO else ""
    section = keys.section
    if key is not None:
        section = "APP" if key == "ssl_verify" else ("DESTINATION" if key == "import_user_id" else keys.section)
        option = conf.option(section, key)
        section = option.section if option is not None else section
    return Problem(headline, section=section, key=key, severity=severity, explanation=explanation, fix=fix,
                   skipped=skipped)


# --- offline: the host URL ----------------------------------------------------------------------------------------

def host_problems(conf: Conf, side: str) -> Iterator[Problem]:
    """What is wrong with the side's host URL as Congregate uses it (``{host}/api/v4/...``)."""
    if not applies(conf, side):
        return
    keys = KEYS[side]
    value = conf.value(keys.section, keys.host)
    if value is None:
        return
    host = value.strip().rstrip("/")
    found = _host_problem(host, keys)
    if found is not None:
        headline, explanation, fix, severity = found
        yield on_key(conf, keys, keys.host, headline, explanation, fix, severity)


def _host_problem(host: str, keys: SideKeys):
    key = keys.host
    example = "https://gitlab.example.com"
    try:
        parts = urlsplit(host)
        port = parts.port
    except ValueError:
        return (f"{key} is not a valid URL", "Its port or brackets cannot be read, so no request can be built.",
                f"Write the GitLab root URL, e.g. {example}.", Severity.ERROR)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (f"{key} has no http:// or https:// scheme",
                "Congregate builds {host}/api/v4/... from it; its HTTP client cannot send such a request, retries "
                "for about 20 minutes and reports 'Invalid user and/or token: null'.",
                f"Write the full URL, e.g. {example}.", Severity.ERROR)
    if parts.username is not None or parts.password is not None:
        return (f"{key} carries a user name or password",
                "Congregate sends the token in a header; credentials in the URL are not used for the API and end "
                "up in logs.", f"Remove the user name and password: {parts.scheme}://{parts.hostname}"
                + (f":{port}" if port else "") + ".", Severity.ERROR)
    if parts.query or parts.fragment:
        return (f"{key} has a query or fragment ('?' or '#')",
                "Congregate appends /api/v4/... to the whole value, so the API path lands inside the query.",
                "Remove everything from '?' or '#' on.", Severity.ERROR)
    if re.search(r"/api(/v\d+)?$", parts.path):
        return (f"{key} ends in {parts.path}, which Congregate appends itself",
                "Congregate requests {host}/api/v4/..., so this gives .../api/v4/api/v4/... and every call "
                "answers 404.", f"Write the GitLab root URL without {parts.path}.", Severity.ERROR)
    if parts.scheme == "http":
        return (f"{key} uses http://: the token travels in clear text",
                "Congregate sends the token in every request's PRIVATE-TOKEN header.",
                "Use https:// unless the server is only reachable on a trusted network.", Severity.WARNING)
    name = parts.hostname
    if DOT_COM in host and name != DOT_COM and not name.endswith("." + DOT_COM):
        return (f"{key} contains 'gitlab.com' but is not GitLab.com",
                "Congregate decides 'this is GitLab.com' by a substring test: it then skips the application "
                "settings lookup for Direct Transfer, refuses user_mapping_field = username and adds /api/v3 to "
                "GitHub Enterprise hosts.",
                "Nothing to change in the conf if this really is a self-managed GitLab; be aware of those "
                "GitLab.com behaviours, or use a host name without 'gitlab.com'.", Severity.WARNING)
    return None


# --- offline: the token -------------------------------------------------------------------------------------------

def token_problems(conf: Conf, side: str) -> Iterator[Problem]:
    """A decoded token that cannot be a GitLab access token (text that does not decode is S009's)."""
    if not applies(conf, side):
        return
    keys = KEYS[side]
    decoded = conf.decoded(keys.section, keys.token)
    if decoded is None or not decoded.ok or not decoded.text:
        return
    found = _token_problem(decoded.text, keys)
    if found is not None:
        headline, explanation, severity = found
        fix = (f"Create a personal access token with the api scope (User settings → Access tokens) and store its "
               f"base64: {HOW_TO_OBFUSCATE}.")
        yield on_key(conf, keys, keys.token, headline, explanation, fix, severity)


def _token_problem(token: str, keys: SideKeys):
    key = keys.token
    for pattern, vendor in OTHER_VENDORS:
        if pattern.match(token):
            return (f"{key} decodes to {vendor}, not a GitLab token",
                    "GitLab does not know it and refuses every call (401).", Severity.ERROR)
    for prefix, kind in GITLAB_OTHER_TOKENS.items():
        if token.startswith(prefix):
            return (f"{key} decodes to {kind}, which cannot call the REST API",
                    "Congregate needs a personal (or group/project) access token: its prefix is glpat-.",
                    Severity.ERROR)
    if any(map(str.isspace, token)):
        return (f"the decoded {key} contains whitespace",
                "Congregate sends it as it is, and GitLab refuses the token (401).", Severity.ERROR)
    if len(token) < LEGACY_TOKEN_LENGTH:
        return (f"{key} decodes to {describe(token)}, too short for a GitLab token",
                "GitLab access tokens are glpat- and 20 characters, or at least 20 characters without a prefix.",
                Severity.WARNING)
    return None
