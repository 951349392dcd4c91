"""``--live``: the GitLab source token's scopes and expiry (``GET /api/v4/personal_access_tokens/self``).

**Why it matters.** Congregate archives source projects and triggers exports, which
need the ``api`` scope; a ``read_api`` token fails midway. A token that expires
during the migration stops it. Errors: no ``api``, revoked, inactive or expired;
warning: expiry within 7 days. Not checked (info) for tokens GitLab does not
describe (not an access token, or GitLab before 15.5).

**Failing example**: a source token with ``read_api`` only.

**Passing example**: a source token with ``api`` that outlives the migration.

**Fix.** Create a token with the ``api`` scope and a later expiry; store its base64.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GITLAB_TOKEN_INFO, GITLAB_USER, SOURCE, gitlab_probe

from . import _gitlab_live

ID = "G103"
NAME = "src-token-scopes"
SEVERITY = Severity.ERROR
SUMMARY = "--live: src_access_token lacks the api scope, is revoked, expired or expires within 7 days."
LIVE = True
NEEDS = (gitlab_probe(SOURCE, GITLAB_TOKEN_INFO), gitlab_probe(SOURCE, GITLAB_USER))
CHECK = ("GitLab source", "token scopes, expiry")


def check(conf, live):
    yield from _gitlab_live.token_outcome(conf, live, SOURCE)
