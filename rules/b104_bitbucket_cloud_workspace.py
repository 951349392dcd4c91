"""``--live``: can the account see the workspace in ``src_parent_workspace``?

**Why it matters.** Congregate lists and imports the repositories of
``/2.0/workspaces/<src_parent_workspace>/...``. The check asks
``GET /2.0/workspaces/<workspace>`` with the same credential: 404 (or 403) means the
workspace ID is wrong or the account is not a member, and nothing would be migrated.

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_parent_workspace = acme     (the workspace is acme-dev)

**Passing example**: the workspace ID from ``https://bitbucket.org/<workspace>/``, of
which the account is a member.

**Fix.** Correct the workspace ID, or use an account that is a member.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import BITBUCKET_CLOUD_WORKSPACE

from . import _sources

ID = "B104"
NAME = "bitbucket-cloud-workspace-access"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the account sees no Bitbucket Cloud workspace src_parent_workspace."
LIVE = True
NEEDS = (BITBUCKET_CLOUD_WORKSPACE,)
CHECK = ('Bitbucket Cloud source', 'workspace')


def check(conf, live):
    def success(found):
        headline = f"the account sees workspace {found.data.get('workspace')}"
        return _sources.problem(conf, src.WORKSPACE, headline, "", "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, BITBUCKET_CLOUD_WORKSPACE, CHECK, (src.BITBUCKET_CLOUD,), success)
