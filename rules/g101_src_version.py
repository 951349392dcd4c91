"""``--live``: is ``src_hostname`` (``src_type = GitLab``) a GitLab API that answers, and which version?

**Why it matters.** As for the destination (D101): Congregate's client retries
network errors for about 20 minutes before it reports an invalid token, so this
check names DNS, connection, TLS, proxy and timeout failures, redirects (never
followed) and non-GitLab answers at ``src_hostname`` in seconds. The version feeds
G105.

**Failing example**::

    [SOURCE]
    src_type = GitLab
    src_hostname = https://gitlab.old.example.com/api/v4

**Passing example**::

    [SOURCE]
    src_type = GitLab
    src_hostname = https://gitlab.old.example.com

**Fix.** Follow the finding: the URL, the network path or the certificate.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GITLAB_VERSION, SOURCE, gitlab_probe

from . import _gitlab_live

ID = "G101"
NAME = "src-version"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the GitLab source does not answer as a GitLab API (network, redirect, not GitLab)."
LIVE = True
NEEDS = (gitlab_probe(SOURCE, GITLAB_VERSION),)
CHECK = ("GitLab source", "reachable, version")


def check(conf, live):
    yield from _gitlab_live.version_outcome(conf, live, SOURCE)
