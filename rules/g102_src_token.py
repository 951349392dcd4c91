"""``--live``: does the GitLab source accept ``src_access_token``, and is it an administrator's?

**Why it matters.** Congregate's validator calls ``GET /api/v4/user`` on the source and
stops on any error; the check says whether the token is unknown, expired, revoked or
its user blocked. Congregate lists every user, group and project of the source and
triggers exports, so its runbooks require an administrator's token; the validator
only prints a warning, and what a non-administrator cannot see is silently left
out. Here that is an error.

**Failing example**: the token of a regular user.

**Passing example**: the base64 of an administrator's personal access token with
the ``api`` scope.

**Fix.** Use a personal access token of a source administrator, with ``api``.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GITLAB_USER, SOURCE, gitlab_probe

from . import _gitlab_live

ID = "G102"
NAME = "src-token"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the GitLab source refuses src_access_token, or it is not an administrator's."
LIVE = True
NEEDS = (gitlab_probe(SOURCE, GITLAB_USER),)
CHECK = ("GitLab source", "token owner")


def check(conf, live):
    yield from _gitlab_live.user_outcome(conf, live, SOURCE)
