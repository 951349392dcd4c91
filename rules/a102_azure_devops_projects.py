"""``--live``: which projects can the PAT's user see?

**Why it matters.** Congregate lists the organisation's (or collection's) projects
with ``GET _apis/projects`` and migrates their repositories. A PAT without the
Project and Team (Read) scope is refused (an error); a user who sees no project would
migrate nothing (a warning). The runbook asks for an organisation administrator with
Read (or Full access) scopes.

**Failing example**: a PAT created with only the Code (Read) scope.

**Passing example**: a PAT with Read scopes of an organisation administrator.

**Fix.** Create a PAT with the needed Read scopes as an administrator and store
``printf %s ':PAT' | base64 -w0``.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import ADO_PROJECTS

from . import _sources

ID = "A102"
NAME = "azure-devops-projects"
SEVERITY = Severity.WARNING
SUMMARY = "--live: the Azure DevOps PAT cannot list projects, or sees none."
LIVE = True
NEEDS = (ADO_PROJECTS,)
CHECK = ('Azure DevOps source', 'projects')


def check(conf, live):
    def success(found):
        return _sources.problem(conf, src.TOKEN, f"the PAT's user sees {found.data.get('count')} project(s)", "", "",
                                Severity.INFO)

    yield from _sources.live_outcome(conf, live, ADO_PROJECTS, CHECK, (src.AZURE_DEVOPS,), success)
