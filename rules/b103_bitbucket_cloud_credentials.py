"""``--live``: does Bitbucket Cloud accept the credential Congregate would send?

**Why it matters.** Congregate sends Bitbucket Cloud calls to
``https://api.bitbucket.org/2.0/...`` with HTTP Basic ``src_username:token``, or with
``Bearer <token>`` when ``src_username`` is empty, and has no validator for Bitbucket
Cloud at all: a refused credential shows only when listing starts. The check asks
``GET /2.0/user`` the same way, to that host only (``CONGREGATE_LINT_BITBUCKET_CLOUD_API``
replaces it, e.g. for a proxy). 401 means a wrong or revoked token, an app password
(they stopped working on 2026-06-09), an e-mail with an app password or a username
with an API token (B004 and B005 tell which).

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_username = jane-doe
    src_access_token = <base64 of an app password>

**Passing example**: ``src_username`` = the account e-mail and the base64 of an
Atlassian API token.

**Fix.** Create an Atlassian API token, store its base64, and put the account e-mail
in ``src_username`` (or leave it empty for an access token).
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import BITBUCKET_CLOUD_USER

from . import _sources

ID = "B103"
NAME = "bitbucket-cloud-login"
SEVERITY = Severity.ERROR
SUMMARY = "--live: Bitbucket Cloud refuses the credential (GET /2.0/user)."
LIVE = True
NEEDS = (BITBUCKET_CLOUD_USER,)
CHECK = ('Bitbucket Cloud source', 'credentials')


def check(conf, live):
    def success(found):
        user = found.data.get("username") or "the account"
        return _sources.problem(conf, src.TOKEN, f"Bitbucket Cloud accepts the credential ({user})", "", "",
                                Severity.INFO)

    yield from _sources.live_outcome(conf, live, BITBUCKET_CLOUD_USER, CHECK, (src.BITBUCKET_CLOUD,), success)
