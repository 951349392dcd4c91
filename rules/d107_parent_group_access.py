"""``--live``: may the destination token's user create projects in the parent group?

**Why it matters.** Congregate creates every migrated project (and, for group
migrations, subgroups) under ``dstn_parent_group_id``. An administrator may do that
anywhere; anyone else needs a role in the group: Maintainer for projects (Developer
only where the group allows it), Owner for subgroups. Congregate does not check it;
the imports are refused one by one. The check reads the user's effective role with
``GET /api/v4/groups/:id/members/all/:user_id`` (inherited memberships included). Not
checked for administrators, without a parent group, or when the token is refused.

**Failing example**: a non-administrator's token and a parent group the user is
not a member of.

**Passing example**: the token of the parent group's Owner, or of an administrator.

**Fix.** Make the token's user an Owner of the parent group, or use an
administrator's token.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_MEMBERSHIP, GITLAB_USER, gitlab_probe

from . import _gitlab_live

ID = "D107"
NAME = "parent-group-access"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the destination token's user may not create projects in the parent group."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_MEMBERSHIP), gitlab_probe(DESTINATION, GITLAB_USER))
CHECK = ("GitLab destination", "access to the parent group")


def check(conf, live):
    yield from _gitlab_live.membership_outcome(conf, live)
