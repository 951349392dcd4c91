"""Bitbucket Server source: ``src_hostname`` is not the base URL Congregate needs.

**Why it matters.** Congregate calls ``{src_hostname}/rest/api/1.0/...`` for Bitbucket
Server (Data Center), so ``src_hostname`` is the base URL of the instance, with its
context path if it has one (``https://git.example.com/bitbucket``), and nothing after
it. Written with ``/rest/...`` it gives ``…/rest/api/1.0/rest/api/1.0/...`` (404). A
host without ``http://`` or ``https://`` fails in the HTTP client before any request is
made. ``bitbucket.org`` is Bitbucket Cloud, which Congregate reaches only with
``src_type = bitbucket cloud``.

**Failing example**::

    [SOURCE]
    src_type = bitbucket server
    src_hostname = https://git.example.com/rest/api/1.0

**Passing example**::

    [SOURCE]
    src_type = bitbucket server
    src_hostname = https://git.example.com

**Fix.** The address users open in the browser, with the context path, without
``/rest``.
"""

from typing import Optional, Tuple
from urllib.parse import urlsplit

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "B001"
NAME = "bitbucket-server-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Server src_hostname: no scheme, the REST path included, or bitbucket.org (that is Cloud)."


def check(conf):
    return _sources.hostname_problems(conf, src.BITBUCKET_SERVER, _diagnose)


def _diagnose(hostname: str) -> Optional[Tuple[str, str, str]]:
    if not _sources.has_scheme(hostname):
        return ("src_hostname has no http:// or https:// scheme",
                "Congregate passes {host}/rest/api/1.0/... to the HTTP client as it is; without a scheme the client "
                "refuses the URL (MissingSchema) before any request is made.",
                "Write the full base URL, e.g. https://git.example.com (with the context path, if any).")
    if (urlsplit(hostname).hostname or "").endswith("bitbucket.org"):
        return ("src_hostname is Bitbucket Cloud, but src_type is bitbucket server",
                "bitbucket.org serves no /rest/api/1.0 API; Congregate reaches Bitbucket Cloud only through "
                "src_type = bitbucket cloud, with its own keys and API.",
                f"Set src_type = bitbucket cloud and src_hostname = {src.BITBUCKET_CLOUD_API}, or name your "
                "Bitbucket Server.")
    if "/rest" in urlsplit(hostname).path.lower():
        return ("src_hostname includes the REST API path",
                "Congregate appends /rest/api/1.0/... to src_hostname itself, so this host gives URLs such as "
                ".../rest/api/1.0/rest/api/1.0/users, which answer 404.",
                "Cut src_hostname before /rest: the base URL with the context path, if any.")
    return None
