"""``--live``: does Bitbucket Server accept ``src_username`` with the decoded ``src_access_token``?

**Why it matters.** Congregate sends every Bitbucket Server call with HTTP Basic
``src_username:password`` to ``{src_hostname}/rest/api/1.0/...``, and hands the same
pair to GitLab's Bitbucket Server importer. The check asks
``GET /rest/api/1.0/users/<src_username>`` with that credential, to the host the conf
names only: 200 passes; 401 means a wrong, expired or foreign password or HTTP access
token; 404 with Bitbucket's error body means no such user; a 404 page means
``src_hostname`` misses the context path.

**Failing example**::

    [SOURCE]
    src_type = bitbucket server
    src_hostname = https://git.example.com/bitbucket
    src_username = migrator
    src_access_token = <base64 of last year's password>

**Passing example**: the base64 of ``migrator``'s current password or HTTP access token.

**Fix.** Store the base64 of the user's current password or token; write the base URL
with its context path.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import BITBUCKET_SERVER_USER

from . import _sources

ID = "B101"
NAME = "bitbucket-server-login"
SEVERITY = Severity.ERROR
SUMMARY = "--live: Bitbucket Server refuses src_username with the decoded src_access_token."
LIVE = True
NEEDS = (BITBUCKET_SERVER_USER,)
CHECK = ('Bitbucket Server source', 'credentials')


def check(conf, live):
    def success(found):
        return _sources.problem(conf, src.USERNAME, f"{found.data.get('host')} accepts src_username and its password",
                                "", "", Severity.INFO)

    yield from _sources.live_outcome(conf, live, BITBUCKET_SERVER_USER, CHECK, (src.BITBUCKET_SERVER,), success)
