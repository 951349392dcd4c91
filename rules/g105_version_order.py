"""``--live``: the source GitLab's version suits file export/import into the destination.

**Why it matters.** GitLab imports an export file only from the same or an older
GitLab version, and Congregate's documentation supports at most two minor versions
between source and destination. A newer source makes every project import fail
(error); a source more than two minor versions behind is a warning. Both versions
come from D101 and G101.

**Failing example**: source GitLab 17.5, destination 17.3.

**Passing example**: source GitLab 17.2, destination 17.3.

**Fix.** Upgrade the destination first (or the source, when it is far behind), or use
Direct Transfer.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_VERSION, SOURCE, gitlab_probe

from . import _gitlab_live

ID = "G105"
NAME = "version-order"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the GitLab source is newer than the destination, or more than two minor versions behind."
LIVE = True
NEEDS = (gitlab_probe(SOURCE, GITLAB_VERSION), gitlab_probe(DESTINATION, GITLAB_VERSION))
CHECK = ("GitLab source", "version ≤ destination")


def check(conf, live):
    yield from _gitlab_live.version_order(conf, live)
