"""``--live``: does the destination accept ``dstn_access_token``, whose is it, and is it an administrator's?

**Why it matters.** Congregate's validator calls ``GET /api/v4/user`` with the token
and stops with ``Invalid user and/or token`` on any error. GitLab's 401 answers tell
apart an unknown token, an **expired** one, a **revoked** one and an impersonation
token on an instance without impersonation; a 403 names a blocked, deactivated or
locked user. The check says which. Congregate checks admin rights only for GitLab
sources, and then only prints a warning; without them it silently misses what the
token cannot see. Here a non-administrator is an error for GitLab sources and a
warning otherwise (it can import into groups it maintains, but cannot create users,
map contributions, use sudo or read the import settings).

**Failing example**::

    [DESTINATION]
    dstn_access_token = <base64 of a token revoked last week>

**Passing example**: the base64 of a current personal access token of an
administrator, with the ``api`` scope.

**Fix.** Create a personal access token with the ``api`` scope as an administrator
and store what ``congregate obfuscate`` prints.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_USER, gitlab_probe

from . import _gitlab_live

ID = "D102"
NAME = "dstn-token"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the destination refuses dstn_access_token (unknown, expired, revoked, blocked user), or not admin."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_USER),)
CHECK = ("GitLab destination", "token owner")


def check(conf, live):
    yield from _gitlab_live.user_outcome(conf, live, DESTINATION)
