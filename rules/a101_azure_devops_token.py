"""``--live``: does Azure DevOps accept ``src_access_token`` as Congregate sends it?

**Why it matters.** Congregate sends ``Authorization: Basic <src_access_token as
stored>`` to ``{src_hostname}/_apis/...?api-version=<api_version>``. Its own validator
sends the same value as ``Bearer`` and lets every answer but 200 pass, so it never
rejects a bad token: the migration fails at its first real call. This check asks
``GET _apis/connectionData`` with the Basic value, to the host the conf names only:
200 with a named ``authenticatedUser`` passes (the finding also gives the status
Congregate's Bearer check got); 401, or 203 with a sign-in page, means a wrong,
expired or foreign PAT; an anonymous public-access user means the PAT was not used;
400 means the server does not know ``api_version`` (7.2-preview by default).

**Failing example**::

    [SOURCE]
    src_type = azure devops
    src_hostname = https://dev.azure.com/acme
    src_access_token = <base64 of ':' and an expired PAT>

**Passing example**: the base64 of ``:`` and a current PAT of an organisation
administrator.

**Fix.** Create a new PAT and store ``printf %s ':PAT' | base64 -w0``; on older Azure
DevOps Server set ``api_version``.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import ADO_CONNECTION

from . import _sources

ID = "A101"
NAME = "azure-devops-token-accepted"
SEVERITY = Severity.ERROR
SUMMARY = "--live: Azure DevOps refuses the stored Basic credential (connectionData), or answers anonymously."
LIVE = True
NEEDS = (ADO_CONNECTION,)
CHECK = ('Azure DevOps source', 'token')


def check(conf, live):
    def success(found):
        seen = found.data.get("congregate_validator")
        explanation = (f"Congregate's own check sends the value as Bearer; it got HTTP {seen} and passes on any answer "
                       "but 200, so it would not have noticed a bad token." if seen not in (None, 200) else "")
        headline = f"{found.data.get('host')} accepts the token ({found.data.get('user')})"
        return _sources.problem(conf, src.TOKEN, headline, explanation, "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, ADO_CONNECTION, CHECK, (src.AZURE_DEVOPS,), success)
