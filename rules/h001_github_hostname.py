"""GitHub source: ``src_hostname`` is not the URL Congregate needs (github.com: ``https://api.github.com``).

**Why it matters.** Congregate builds every GitHub URL from ``src_hostname``. For
github.com it must be the API host, ``https://api.github.com``: Congregate tests for the
substring ``api.github.com`` and then calls ``{host}/user``, ``{host}/orgs/...``. Any
other host containing ``github.com`` (``https://github.com``, ``https://www.github.com``,
even ``https://github.com.mycorp.net``) makes its validator raise "GitHub.com source
requires 'https://api.github.com' as the 'src_hostname'". For GitHub Enterprise it must
be the web root (``https://github.example.com``): Congregate appends ``/api/v3`` itself,
so a host written with ``/api/v3`` gives ``…/api/v3/api/v3/user`` (404). A host without
``http://`` or ``https://`` fails in the HTTP client before any request is made.

**Failing example**::

    [SOURCE]
    src_type = github
    src_hostname = https://github.com

**Passing example**::

    [SOURCE]
    src_type = github
    src_hostname = https://api.github.com

**Fix.** github.com: ``https://api.github.com``. GitHub Enterprise: the web address of
the instance, without ``/api/v3``.
"""

from typing import Optional, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "H001"
NAME = "github-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "GitHub src_hostname: github.com needs https://api.github.com; Enterprise the web root, without /api/v3."


def check(conf):
    return _sources.hostname_problems(conf, src.GITHUB, diagnose)


def diagnose(hostname: str) -> Optional[Tuple[str, str, str]]:
    """Headline, explanation and fix for a src_hostname Congregate cannot use for GitHub, or None (the live probe
    sends nothing to such a host)."""
    lowered = hostname.lower()
    if "github.com" in lowered and not src.is_github_dot_com(lowered):
        return ("src_hostname names github.com but not its API host",
                "Congregate's validator accepts a github.com source only through the API host: any src_hostname "
                "containing 'github.com' but not 'api.github.com' raises \"GitHub.com source requires "
                "'https://api.github.com' as the 'src_hostname'\".",
                f"Set src_hostname = {src.GITHUB_DOT_COM_API} (for GitHub Enterprise, its own web address).")
    if src.is_github_dot_com(lowered) and hostname != src.GITHUB_DOT_COM_API:
        return ("src_hostname for github.com is not exactly https://api.github.com",
                "For github.com Congregate appends the API path straight to src_hostname ({host}/user, "
                "{host}/orgs/...), so a scheme other than https or any path after the host breaks every call.",
                f"Set src_hostname = {src.GITHUB_DOT_COM_API}.")
    if not _sources.has_scheme(hostname):
        return ("src_hostname has no http:// or https:// scheme",
                "Congregate passes {host}/api/v3/... to the HTTP client as it is; without a scheme the client "
                "refuses the URL (MissingSchema) before any request is made.",
                "Write the full web address of the GitHub Enterprise instance, e.g. https://github.example.com.")
    if "/api/v3" in lowered or lowered.endswith("/api"):
        return ("src_hostname of GitHub Enterprise includes the API path",
                "Congregate appends /api/v3 (and /api/graphql) to the GitHub Enterprise web address itself, so "
                "this host gives URLs such as .../api/v3/api/v3/user, which answer 404.",
                "Remove the API path: src_hostname is the web address of the instance, e.g. "
                "https://github.example.com.")
    return None
