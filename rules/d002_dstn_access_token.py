"""``dstn_access_token`` must decode to a GitLab access token, not another kind of token.

**Why it matters.** Congregate base64-decodes the value and sends it in the
``PRIVATE-TOKEN`` header of every destination call. Only personal, group and project
access tokens (prefix ``glpat-``; older or customised instances issue tokens without
it) act as a user on the REST API. A GitHub, AWS or Atlassian token pasted by mistake,
or a GitLab token of another kind (deploy ``gldt-``, runner ``glrt-``, feed ``glft-``,
trigger ``glptt-``, OAuth application secret ``gloas-``…), is refused: the validator
stops with ``Invalid user and/or token``.

Reported as errors: another vendor's token, another kind of GitLab token, whitespace
in the decoded token. A warning: a decoded value shorter than 20 characters. A value
that is not base64 at all is S009's finding. The token is never shown: only its
length and character classes.

**Failing example**::

    [DESTINATION]
    dstn_access_token = <base64 of a GitHub token, ghp_...>

**Passing example**::

    [DESTINATION]
    dstn_access_token = <base64 of a glpat-... token with the api scope>

**Fix.** Create a personal access token with the ``api`` scope (User settings →
Access tokens) and store what ``congregate obfuscate`` prints for it.
"""

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import DESTINATION

from . import _gitlab

ID = "D002"
NAME = "dstn-access-token"
SEVERITY = Severity.ERROR
SUMMARY = "dstn_access_token does not decode to a GitLab access token (another vendor's or kind of token)."


def check(conf):
    return _gitlab.token_problems(conf, DESTINATION)
