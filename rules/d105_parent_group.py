"""``--live``: ``dstn_parent_group_id`` is a group whose full path is ``dstn_parent_group_path``, and not public.

**Why it matters.** Congregate's validator looks the group up by its ID and raises
when it is missing (``parent_id``), when its ``full_path`` differs from
``dstn_parent_group_path`` in any character, or when it is public. GitLab answers
404 both for a group that does not exist and for one the token cannot see. Not
checked (info) when no parent group ID is set.

**Failing example**::

    [DESTINATION]
    dstn_parent_group_id = 42
    dstn_parent_group_path = Migrated

**Passing example**::

    [DESTINATION]
    dstn_parent_group_id = 42
    dstn_parent_group_path = migrated

**Fix.** Copy the path from the group's URL; make the group internal or private.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_GROUP, gitlab_probe

from . import _gitlab_live

ID = "D105"
NAME = "parent-group"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the destination parent group does not exist, has another full path, or is public."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_GROUP),)
CHECK = ("GitLab destination", "parent group")


def check(conf, live):
    yield from _gitlab_live.group_outcome(conf, live, DESTINATION)
