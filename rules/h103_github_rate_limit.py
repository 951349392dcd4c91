"""``--live``: how many GitHub API requests are left for each token this hour?

**Why it matters.** A migration makes thousands of GitHub API calls, and Congregate
rotates through the tokens of ``src_access_token`` to spread them. ``GET /rate_limit``
(which does not count against the limit) gives each token's remaining requests; a
token that is almost used up slows the migration to the pace of the hourly reset.
GitHub Enterprise instances with rate limiting turned off answer 404, which passes.

**Failing example**: a token another tool has used up this hour.

**Passing example**: tokens with most of their 5,000 hourly requests left.

**Fix.** Wait for the reset, stop other tools that use the token, or add more tokens
(comma-separated, each base64) for Congregate to rotate through.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import GITHUB_RATE_LIMIT

from . import _sources

ID = "H103"
NAME = "github-rate-limit"
SEVERITY = Severity.WARNING
SUMMARY = "--live: a GitHub token has fewer than 100 API requests left this hour."
LIVE = True
NEEDS = (GITHUB_RATE_LIMIT,)
CHECK = ('GitHub source', 'rate limit')


def check(conf, live):
    def success(found):
        if found.data.get("disabled"):
            return _sources.problem(conf, src.TOKEN, "rate limiting is turned off on this GitHub Enterprise", "", "",
                                    Severity.INFO)
        return _sources.problem(conf, src.TOKEN, f"{found.data.get('which')} has {found.data.get('remaining')} of "
                                f"{found.data.get('limit')} API requests left this hour", "", "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, GITHUB_RATE_LIMIT, CHECK, (src.GITHUB,), success)
