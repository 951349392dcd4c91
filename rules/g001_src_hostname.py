"""GitLab source: ``src_hostname`` must be the source GitLab's root URL, with its scheme and nothing after the host.

**Why it matters.** For ``src_type = GitLab`` Congregate sends every source call to
``{src_hostname}/api/v4/...`` with the same client as for the destination: no scheme
means about 20 minutes of retries before ``Invalid user and/or token``, a trailing
``/api/v4`` doubles the path, a query, fragment or credentials break or leak. The
checks are D001's, on the source side; other source types have their own rules.

**Failing example**::

    [SOURCE]
    src_type = GitLab
    src_hostname = gitlab.old.example.com

**Passing example**::

    [SOURCE]
    src_type = GitLab
    src_hostname = https://gitlab.old.example.com

**Fix.** Write the source GitLab's URL with ``https://`` and without ``/api/v4``.
"""

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import SOURCE

from . import _gitlab

ID = "G001"
NAME = "src-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "GitLab source: src_hostname is not a GitLab root URL Congregate can call."


def check(conf):
    return _gitlab.host_problems(conf, SOURCE)
