"""Bitbucket Server source: ``src_username`` or ``src_access_token`` cannot form the Basic credential.

**Why it matters.** Congregate authenticates every Bitbucket Server call with HTTP Basic,
``base64("{src_username}:{decoded src_access_token}")``, and sends the same pair to
GitLab's Bitbucket Server importer. ``src_access_token`` is the base64 of the password,
or of an HTTP access token, **of that user**. A user name with ``:`` splits in the wrong
place (the server reads the user up to the first colon). A decoded password with a
newline (``echo`` adds one) or a token of another system (a GitHub or GitLab token, a
Bitbucket Cloud app password) is refused with 401. Missing keys are S007's; a value that
is not base64 is S009's.

**Failing example**::

    [SOURCE]
    src_type = bitbucket server
    src_username = migrator
    src_access_token = <base64 of the password followed by a newline>

**Passing example**::

    [SOURCE]
    src_type = bitbucket server
    src_username = migrator
    src_access_token = <base64 of migrator's password or HTTP access token>

**Fix.** Store ``printf %s 'PASSWORD' | base64 -w0`` for the very user in
``src_username``; a user name cannot contain ``:``.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "B002"
NAME = "bitbucket-server-credentials"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Server: a user name with ':', or a decoded password with whitespace or of another system."

EXPECTED = "a Bitbucket Data Center HTTP access token (BBDC-...)"


def check(conf):
    if not _sources.applies(conf, src.BITBUCKET_SERVER):
        return
    username = _sources.value(conf, src.USERNAME)
    if username is not None and ":" in username:
        yield _sources.problem(
            conf, src.USERNAME, "src_username contains ':'",
            "Congregate sends base64('{src_username}:{password}') as HTTP Basic credential, and the server takes the "
            "user name up to the first ':', so it checks the password of another user name.",
            "Write the Bitbucket user name (its slug) without ':'.")
    decoded = _sources.decoded_token(conf)
    issue = _sources.decoded_issue(decoded, EXPECTED) if decoded else None
    if issue is not None:
        yield _sources.problem(
            conf, src.TOKEN, "src_access_token does not decode to a usable Bitbucket Server password",
            f"Congregate decodes it and sends it as the password of src_username in HTTP Basic: {issue}, so "
            "Bitbucket Server answers 401.",
            "Store the base64 of src_username's password or HTTP access token: printf %s 'PASSWORD' | base64 -w0.")
