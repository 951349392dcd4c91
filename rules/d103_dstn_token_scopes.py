"""``--live``: the destination token's scopes and expiry (``GET /api/v4/personal_access_tokens/self``).

**Why it matters.** Congregate's validator never looks at scopes or expiry, so a
``read_api`` token passes it and fails at the first project creation, and a token
that expires during the migration stops it midway. Reported: no ``api`` scope
(``read_api`` alone only reads) and a revoked, inactive or expired token as errors;
expiry within 7 days as a warning with the date. For an administrator the finding
reminds that an instance enforcing Admin Mode also needs the ``admin_mode`` scope.
Not checked (info) when the token is not a personal, group or project access token
or GitLab is older than 15.5.

**Failing example**::

    [DESTINATION]
    dstn_access_token = <base64 of a token with only read_api>

**Passing example**: a token with the ``api`` scope that outlives the migration.

**Fix.** Create a token with the ``api`` scope and an expiry after the migration
window, and store its base64.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_TOKEN_INFO, GITLAB_USER, gitlab_probe

from . import _gitlab_live

ID = "D103"
NAME = "dstn-token-scopes"
SEVERITY = Severity.ERROR
SUMMARY = "--live: dstn_access_token lacks the api scope, is revoked, expired or expires within 7 days."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_TOKEN_INFO), gitlab_probe(DESTINATION, GITLAB_USER))
CHECK = ("GitLab destination", "token scopes, expiry")


def check(conf, live):
    yield from _gitlab_live.token_outcome(conf, live, DESTINATION)
