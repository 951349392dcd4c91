"""``--live``: ``import_user_id`` is an active user on the destination.

**Why it matters.** Congregate's validator looks the user up with
``GET /api/v4/users/:id`` (even in airgap mode) and raises
``ConfigurationException('import_user_id')`` when it does not exist. It does not look at
the user's state: a blocked or banned import user (error) or a deactivated one
(warning) passes the validator and makes the imports fail later.

**Failing example**::

    [DESTINATION]
    import_user_id = 99999

**Passing example**::

    [DESTINATION]
    import_user_id = 2

**Fix.** Use the numeric ID of an active destination user (Admin Area → Users, or
``GET /api/v4/users?username=NAME``).
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_IMPORT_USER, gitlab_probe

from . import _gitlab_live

ID = "D104"
NAME = "import-user"
SEVERITY = Severity.ERROR
SUMMARY = "--live: import_user_id is no user on the destination, or a blocked or deactivated one."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_IMPORT_USER),)
CHECK = ("GitLab destination", "import user")


def check(conf, live):
    yield from _gitlab_live.import_user_outcome(conf, live)
