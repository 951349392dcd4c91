"""GitLab source: ``src_access_token`` must decode to a GitLab access token.

**Why it matters.** For ``src_type = GitLab`` Congregate base64-decodes the value and
sends it as ``PRIVATE-TOKEN`` to the source. Another vendor's token or another kind
of GitLab token (deploy, runner, feed, trigger…) is refused, and the validator stops
with ``Invalid user and/or token``. The checks are D002's, on the source side; a
value that is not base64 is S009's finding.

**Failing example**::

    [SOURCE]
    src_type = GitLab
    src_access_token = <base64 of a deploy token, gldt-...>

**Passing example**::

    [SOURCE]
    src_type = GitLab
    src_access_token = <base64 of an administrator's glpat-... token>

**Fix.** Create a personal access token with the ``api`` scope as an administrator of
the source and store its base64.
"""

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import SOURCE

from . import _gitlab

ID = "G002"
NAME = "src-access-token"
SEVERITY = Severity.ERROR
SUMMARY = "GitLab source: src_access_token does not decode to a GitLab access token."


def check(conf):
    return _gitlab.token_problems(conf, SOURCE)
