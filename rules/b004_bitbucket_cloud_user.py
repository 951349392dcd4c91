"""Bitbucket Cloud source: ``src_username`` does not fit the kind of credential in ``src_access_token``.

**Why it matters.** Congregate sends Bitbucket Cloud calls with HTTP Basic
``{src_username}:{token}`` when ``src_username`` is set, and as ``Bearer {token}`` when
it is not; it also sends ``src_username`` to GitLab's importer as
``bitbucket_username``. Which user name works depends on the credential:

- an **app password** (``ATBB…``, and what Congregate's template asks for) needs the
  Bitbucket **username**: "Your Atlassian account email will not work when using an app
  password" (Atlassian). Without ``src_username`` it is sent as a Bearer token, which
  Bitbucket refuses;
- an **Atlassian API token** (``ATATT…``, the replacement of app passwords) needs the
  Atlassian account **e-mail** as the user for the REST API;
- a repository, project or workspace **access token** (``ATCTT…``) is a Bearer token:
  leave ``src_username`` empty.

A token of unknown shape is taken for an app password. The decoded token is never shown.

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_username = jane@example.com
    src_access_token = <base64 of an app password, ATBB...>

**Passing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_username = jane-doe
    src_access_token = <base64 of an app password, ATBB...>

**Fix.** App password: the Bitbucket username (Personal settings → Account settings).
API token: the Atlassian account e-mail. Access token: no ``src_username``.
"""

from typing import Optional, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.shapes import ATLASSIAN_API_TOKEN, BITBUCKET_ACCESS_TOKEN

from . import _sources

ID = "B004"
NAME = "bitbucket-cloud-user"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Cloud: src_username does not fit the token (app password: username; API token: e-mail)."

APP_PASSWORD, API_TOKEN, ACCESS_TOKEN = "app password", "API token", "access token"


def credential_kind(token: str) -> str:
    """What kind of Bitbucket Cloud credential a decoded token is (unknown shapes count as app passwords)."""
    if ATLASSIAN_API_TOKEN.fullmatch(token):
        return API_TOKEN
    if BITBUCKET_ACCESS_TOKEN.fullmatch(token):
        return ACCESS_TOKEN
    return APP_PASSWORD


def check(conf):
    if not _sources.applies(conf, src.BITBUCKET_CLOUD):
        return
    token = _sources.decoded_token(conf)
    if token is None:
        return
    found = _diagnose(_sources.value(conf, src.USERNAME), credential_kind(token))
    if found is not None:
        key, headline, explanation, fix, severity = found
        yield _sources.problem(conf, key, headline, explanation, fix, severity)


def _diagnose(username: Optional[str], kind: str) -> Optional[Tuple[str, str, str, str, Optional[Severity]]]:
    if kind == APP_PASSWORD and username is None:
        return (src.USERNAME, "src_username is not set, but src_access_token is an app password",
                "Without src_username Congregate sends the token as 'Bearer', which Bitbucket Cloud accepts only for "
                "access tokens, and it gives GitLab's importer no bitbucket_username.",
                "Set src_username to the Bitbucket username that owns the app password.", None)
    if kind == APP_PASSWORD and "@" in username:
        return (src.USERNAME, "src_username is an e-mail address, but app passwords need the username",
                "Bitbucket Cloud checks an app password only together with the account's username: \"Your Atlassian "
                "account email will not work when using an app password\" (Atlassian), so every call gets 401.",
                "Write the Bitbucket username (Personal settings → Account settings), not the e-mail.", None)
    if kind == API_TOKEN and (username is None or "@" not in username):
        return (src.USERNAME, "src_username is not an e-mail address, but API tokens need the account e-mail",
                "An Atlassian API token authenticates REST calls with the Atlassian account e-mail as the Basic "
                "user; without src_username Congregate sends it as 'Bearer', and with a username Bitbucket "
                "answers 401.",
                "Set src_username to the e-mail address of the Atlassian account that created the API token.", None)
    if kind == ACCESS_TOKEN and username is not None:
        return (src.USERNAME, "src_username is set, but src_access_token is an access token",
                "Bitbucket Cloud access tokens (repository, project, workspace) are Bearer tokens; Congregate sends "
                "Bearer only when src_username is empty, and sends Basic otherwise.",
                "Empty src_username (or delete the line).", Severity.WARNING)
    return None
