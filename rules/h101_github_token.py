"""``--live``: does GitHub accept each token, and is its user a site administrator on GitHub Enterprise?

**Why it matters.** Congregate's validator calls ``GET /user`` (``/api/v3/user`` on
GitHub Enterprise) with ``Authorization: token <PAT>`` and stops with a
ConfigurationException when GitHub refuses the token, or when a GitHub Enterprise
token's user is not a site administrator (``site_admin``); github.com needs no admin.
It tests only the first token of a rotation list: this check asks with every token,
to the host ``src_hostname`` names and nowhere else (redirects are not followed).
401 means a wrong, expired or revoked token; 403 with no requests left means rate
limiting; a 403 with ``X-GitHub-SSO`` means the token is not authorised for SAML SSO.

**Failing example**::

    [SOURCE]
    src_type = github
    src_hostname = https://github.example.com
    src_access_token = <base64 of a developer's token>

**Passing example**: the base64 of a current token of a site administrator.

**Fix.** Create a personal access token as a site administrator (GitHub Enterprise)
and store its base64; authorise it for SSO if the organisation enforces it.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import GITHUB_USER

from . import _sources

ID = "H101"
NAME = "github-token-owner"
SEVERITY = Severity.ERROR
SUMMARY = "--live: GitHub refuses src_access_token, or on GitHub Enterprise its user is no site administrator."
LIVE = True
NEEDS = (GITHUB_USER,)
CHECK = ('GitHub source', 'token owner')


def check(conf, live):
    def success(found):
        logins = ", ".join(found.data.get("logins", []))
        admin = " (site administrator)" if found.data.get("enterprise") else ""
        headline = f"{found.data.get('host')} accepts the token of {logins}{admin}"
        return _sources.problem(conf, src.TOKEN, headline, "", "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, GITHUB_USER, CHECK, (src.GITHUB,), success)
