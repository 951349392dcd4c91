"""Azure DevOps source: ``src_hostname`` is not an organisation or collection URL with a scheme.

**Why it matters.** Congregate's Azure DevOps client checks that ``src_hostname`` starts
with ``http://`` or ``https://`` and otherwise prints "Invalid URL" and exits. It then
joins API paths onto it (``{src_hostname}/_apis/...``, and for Azure DevOps Services the
``vssps.dev.azure.com`` subdomain for users), so the value is the organisation URL
``https://dev.azure.com/<organisation>`` (or ``https://<organisation>.visualstudio.com``),
or for Azure DevOps Server the collection URL (``https://ado.example.com/tfs/DefaultCollection``).
On ``dev.azure.com`` a URL without the organisation, with a project after it, or with
``_apis`` in it breaks every call.

**Failing example**::

    [SOURCE]
    src_type = azure devops
    src_hostname = https://dev.azure.com/acme/website

**Passing example**::

    [SOURCE]
    src_type = azure devops
    src_hostname = https://dev.azure.com/acme

**Fix.** ``https://dev.azure.com/<organisation>``, or the collection URL of Azure DevOps
Server, with the scheme and nothing after it.
"""

from typing import Optional, Tuple
from urllib.parse import urlsplit

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "A001"
NAME = "azure-devops-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "Azure DevOps src_hostname: no http(s):// scheme, or not https://dev.azure.com/<organisation>."


def check(conf):
    return _sources.hostname_problems(conf, src.AZURE_DEVOPS, _diagnose)


def _diagnose(hostname: str) -> Optional[Tuple[str, str, str]]:
    if not _sources.has_scheme(hostname):
        return ("src_hostname does not start with http:// or https://",
                "Congregate's Azure DevOps client checks the scheme first and otherwise prints 'Invalid URL' and "
                "exits (sys.exit(1)) before any call.",
                "Write the full URL, e.g. https://dev.azure.com/<organisation>.")
    parts = urlsplit(hostname)
    segments = [segment for segment in parts.path.split("/") if segment]
    if "_apis" in (segment.lower() for segment in segments):
        return ("src_hostname includes the _apis path",
                "Congregate appends /_apis/... to src_hostname itself, so this value doubles the API path.",
                "Cut src_hostname before /_apis: the organisation or collection URL.")
    if (parts.hostname or "").lower() != "dev.azure.com":
        return None
    if not segments:
        return ("src_hostname names dev.azure.com without an organisation",
                "Azure DevOps Services serves the API under https://dev.azure.com/<organisation>/_apis; without "
                "the organisation every call fails.",
                "Append the organisation: https://dev.azure.com/<organisation>.")
    if len(segments) > 1:
        return ("src_hostname has a path after the organisation",
                "Congregate joins /_apis/... onto src_hostname for organisation-wide calls (projects, users, "
                "connection data), so a project or other path after the organisation breaks them.",
                f"Keep only the organisation: https://dev.azure.com/{segments[0]}.")
    return None
