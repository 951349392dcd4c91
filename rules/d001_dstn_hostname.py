"""``dstn_hostname`` must be the destination GitLab's root URL, with its scheme and nothing after the host.

**Why it matters.** Congregate strips spaces and trailing slashes, then sends every
call to ``{dstn_hostname}/api/v4/...``; it never checks the value. Without
``https://`` its HTTP client cannot send the request at all: it retries for about 20
minutes and then reports ``Invalid user and/or token: null``. A value ending in
``/api/v4`` doubles the path (every call 404s); a query or fragment swallows the API
path; a user name or password in the URL is not used and leaks into logs.

Reported as errors: no ``http://``/``https://`` scheme, an unreadable URL, credentials
in the URL, a query or fragment, a trailing ``/api`` or ``/api/v4``. Warnings:
``http://`` (the token travels in clear text) and a host that contains ``gitlab.com``
without being GitLab.com: Congregate's GitLab.com test is a substring test, so
``mygitlab.company.com`` switches GitLab.com behaviours on (no settings lookup for
Direct Transfer, ``user_mapping_field = username`` refused, ``/api/v3`` added to
GitHub Enterprise hosts). A path such as ``/gitlab`` (a relative URL root) is fine.

**Failing example**::

    [DESTINATION]
    dstn_hostname = gitlab.example.com/api/v4

**Passing example**::

    [DESTINATION]
    dstn_hostname = https://gitlab.example.com

**Fix.** Write the URL you open GitLab at in a browser, with ``https://`` and
without ``/api/v4``.
"""

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import DESTINATION

from . import _gitlab

ID = "D001"
NAME = "dstn-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "dstn_hostname is not a GitLab root URL Congregate can call (scheme, /api/v4, query, credentials)."


def check(conf):
    return _gitlab.host_problems(conf, DESTINATION)
