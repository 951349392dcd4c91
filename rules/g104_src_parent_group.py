"""``--live``: ``src_parent_group_id`` names a source group whose full path is ``src_parent_group_path``.

**Why it matters.** For a single-group migration Congregate lists the group by its ID
and builds destination paths from ``src_parent_group_path``; when the two disagree,
projects land under the wrong path or are not found. GitLab answers 404 for a group
that does not exist and for one the token cannot see. Not checked (info) when no
source group ID is set.

**Failing example**::

    [SOURCE]
    src_type = GitLab
    src_parent_group_id = 7
    src_parent_group_path = Platform

**Passing example**::

    [SOURCE]
    src_type = GitLab
    src_parent_group_id = 7
    src_parent_group_path = platform

**Fix.** Copy the path from the source group's URL, or correct the ID.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GITLAB_GROUP, SOURCE, gitlab_probe

from . import _gitlab_live

ID = "G104"
NAME = "src-parent-group"
SEVERITY = Severity.ERROR
SUMMARY = "--live: src_parent_group_id is no group on the source, or its full path is not src_parent_group_path."
LIVE = True
NEEDS = (gitlab_probe(SOURCE, GITLAB_GROUP),)
CHECK = ("GitLab source", "parent group")


def check(conf, live):
    yield from _gitlab_live.group_outcome(conf, live, SOURCE)
