"""``dstn_parent_group_path`` must be the group's full path exactly as GitLab shows it.

**Why it matters.** Congregate's validator looks the group up by
``dstn_parent_group_id`` and compares its ``full_path`` with this value, character for
character: a leading or trailing slash, a URL, a space or a path with upper-case
letters where GitLab's has none raises ``ConfigurationException``. Subgroups are
written ``top/sub``. (A path without an ID is S007's finding; ``--live`` D105 compares
the path with the real group.)

**Failing example**::

    [DESTINATION]
    dstn_parent_group_id = 42
    dstn_parent_group_path = https://gitlab.example.com/migrated/

**Passing example**::

    [DESTINATION]
    dstn_parent_group_id = 42
    dstn_parent_group_path = migrated

**Fix.** Copy the group's path from its URL, without the host and without slashes
at either end (e.g. ``company/migrated``).
"""

import re

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import DESTINATION, KEYS

from . import _gitlab

ID = "D003"
NAME = "parent-group-path"
SEVERITY = Severity.ERROR
SUMMARY = "dstn_parent_group_path is not a group full path (URL, slashes at the ends, spaces)."
# Segments of word characters, '.', '+' and '-' joined by single slashes: ``[\w.+-]+(/[\w.+-]+)*`` said without
# a repeated group, whose backtracking state would cost the regex engine ~150 bytes per segment of a long value.
FULL_PATH = re.compile(r"(?!/)(?!.*//)[\w.+/-]+(?<!/)")


def check(conf):
    keys = KEYS[DESTINATION]
    value = conf.value(keys.section, keys.group_path)
    if value is None or FULL_PATH.fullmatch(value):
        return
    if "://" in value:
        what = "a URL"
    elif value.strip("/") != value:
        what = "a path with a slash at its start or end"
    else:
        what = "not a group path (spaces or other characters GitLab paths do not have)"
    yield _gitlab.on_key(conf, keys, keys.group_path, f"dstn_parent_group_path is {what}",
                         "Congregate's validator compares it with the group's full_path exactly and raises "
                         "ConfigurationException when they differ.",
                         "Write the group's full path as its URL shows it after the host, e.g. company/migrated.")

