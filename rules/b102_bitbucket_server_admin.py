"""``--live``: is ``src_username`` a Bitbucket Server administrator, and will Congregate's check see it?

**Why it matters.** Congregate's validator requires ADMIN or SYS_ADMIN global
permission, even for listing. It asks
``/rest/api/1.0/admin/permissions/users?filter=<src_username>`` and reads the **first**
row, but ``filter`` is a substring match: for ``bob`` the first row may be ``bobby``'s.
When the user has no row it checks only the user's **first** group. This check finds
the user's own row exactly (slug or name), else the first group's permission, and
compares it with the row Congregate would read: not an administrator is an error;
an administrator Congregate would refuse (another user's row first) is an error; a
non-administrator Congregate would accept on another user's ADMIN is an error (the
migration's admin calls fail later); passing on another user's row is a warning.

**Failing example**::

    [SOURCE]
    src_type = bitbucket server
    src_username = bob     (admin through a group; user bobby has LICENSED_USER)

**Passing example**: a user with its own ADMIN or SYS_ADMIN global permission.

**Fix.** Grant ``src_username`` its own ADMIN (or SYS_ADMIN) in Administration →
Global permissions, or use an administrator whose name is not part of other names.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import BITBUCKET_SERVER_ADMIN

from . import _sources

ID = "B102"
NAME = "bitbucket-server-admin"
SEVERITY = Severity.ERROR
SUMMARY = "--live: src_username is not a Bitbucket Server administrator, or Congregate's substring check misreads it."
LIVE = True
NEEDS = (BITBUCKET_SERVER_ADMIN,)
CHECK = ('Bitbucket Server source', 'global permission')


def check(conf, live):
    def success(found):
        permission = found.data.get("permission")
        return _sources.problem(conf, src.USERNAME, f"src_username has {permission} ({found.data.get('via')})", "", "",
                                Severity.INFO)

    yield from _sources.live_outcome(conf, live, BITBUCKET_SERVER_ADMIN, CHECK, (src.BITBUCKET_SERVER,), success)
