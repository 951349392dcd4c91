"""``--live``: does each classic token carry the scopes the migration needs?

**Why it matters.** GitHub lists a classic personal access token's scopes in the
``X-OAuth-Scopes`` header of every answer. Congregate reads private repositories
(``repo``) and organisation members and teams (``read:org``; ``write:org`` and
``admin:org`` include it); a token without them passes Congregate's validator and
then lists less or fails later. Fine-grained tokens (``github_pat_…``) and app
tokens send no such header: their permissions are not checked here.

**Failing example**::

    [SOURCE]
    src_type = github
    src_access_token = <base64 of a token with only the repo scope>

**Passing example**: the base64 of a token with ``repo`` and ``read:org``.

**Fix.** Add the missing scopes to the token (Settings → Developer settings →
Personal access tokens) or create a new one, and store its base64.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import GITHUB_SCOPES

from . import _sources

ID = "H102"
NAME = "github-token-scopes"
SEVERITY = Severity.WARNING
SUMMARY = "--live: a classic GitHub token lacks the repo or read:org scope (from X-OAuth-Scopes)."
LIVE = True
NEEDS = (GITHUB_SCOPES,)
CHECK = ('GitHub source', 'token scopes')


def check(conf, live):
    def success(found):
        listed = found.data.get("listed", [])
        shown = "; ".join(", ".join(scopes) for scopes in listed) or "none listed"
        unlisted = found.data.get("unlisted", 0)
        more = f" ({unlisted} fine-grained or app token(s) list no scopes)" if unlisted else ""
        return _sources.problem(conf, src.TOKEN, f"token scopes: {shown}{more}", "", "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, GITHUB_SCOPES, CHECK, (src.GITHUB,), success)
