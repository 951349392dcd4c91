"""``--live``: the destination allows the import this ``src_type`` uses (``GET /api/v4/application/settings``).

**Why it matters.** GitLab refuses an import (403) whose source is not enabled in
Admin Area → Settings → General → Import and export settings. Congregate imports
CodeCommit, Azure DevOps and GitLab projects as export files (``gitlab_project``,
"GitLab export"), GitHub with the ``github`` importer, Bitbucket Server with
``bitbucket_server`` and Bitbucket Cloud with ``bitbucket`` (``POST /import/bitbucket``). With ``[APP] direct_transfer`` on, Direct
Transfer must be enabled instead (Congregate's validator raises otherwise). Only
administrators can read the settings: with another token the check says so (info).

**Failing example**: a CodeCommit migration into an instance whose import sources
lack "GitLab export".

**Passing example**: "GitLab export" ticked under Import sources.

**Fix.** An administrator enables the import source (or Direct Transfer).
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_SETTINGS, gitlab_probe

from . import _gitlab_live

ID = "D106"
NAME = "import-sources"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the import source this migration needs (or Direct Transfer) is disabled on the destination."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_SETTINGS),)
CHECK = ("GitLab destination", "import sources")


def check(conf, live):
    yield from _gitlab_live.settings_outcome(conf, live)
