"""``--live``: is ``dstn_hostname`` a GitLab API that answers, and which version and edition?

**Why it matters.** Every Congregate command starts at the destination. When the
host is unreachable, mistyped or not GitLab, Congregate's client retries network
errors ten times with two-minute pauses: the user waits about 20 minutes for
``Invalid user and/or token: null``. This check asks ``GET /api/v4/version`` with
the token and answers in seconds: DNS, refused connection, TLS, timeouts and proxies
are named at ``dstn_hostname``; a redirect is reported and never followed (the token
goes nowhere else); an HTML page or a 404 means the URL is not GitLab's API root; a
429 is waited out within the deadline. On success the finding (info) names the
version and edition, which the file import writes into every export.

**Failing example**::

    [DESTINATION]
    dstn_hostname = https://gitlab.example.com/api/v4

**Passing example**::

    [DESTINATION]
    dstn_hostname = https://gitlab.example.com

**Fix.** Follow the finding: the URL, the network path (``HTTPS_PROXY``,
``AWS_CA_BUNDLE``), or the host's certificate.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_VERSION, gitlab_probe

from . import _gitlab_live

ID = "D101"
NAME = "dstn-version"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the destination does not answer as a GitLab API (network, redirect, not GitLab)."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_VERSION),)
CHECK = ("GitLab destination", "reachable, version")


def check(conf, live):
    yield from _gitlab_live.version_outcome(conf, live, DESTINATION)
