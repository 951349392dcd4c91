"""Bitbucket Cloud source: app passwords stopped working on 2026-06-09, and Congregate sends only app passwords.

**Why it matters.** Atlassian retired Bitbucket Cloud app passwords: no new ones since
2025-09-09, and existing ones **stopped working on 2026-06-09**. Their replacement is the
Atlassian API token (used with the account e-mail). Congregate (checked at HEAD
``0eaacf9e``, 2025-07-30) imports each Bitbucket Cloud repository through GitLab's
``POST /import/bitbucket`` and sends only ``bitbucket_username`` and
``bitbucket_app_password``; GitLab takes an API token only as ``bitbucket_email`` +
``bitbucket_api_token`` (GitLab MR !218681) and plans to drop app passwords. So:

- with an **app password** (``ATBB…``, or any token of unknown shape): since 2026-06-09
  Bitbucket refuses it for listing and importing alike (an error; before that date, a
  warning with the date);
- with an **API token** or an **access token**: Congregate's listing can work, but a
  Congregate release that only sends app-password fields hands GitLab a credential in
  the wrong fields, and the imports fail (a warning: check your release).

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_username = jane-doe
    src_access_token = <base64 of an app password, ATBB...>

**Passing example** (no Bitbucket Cloud credential to retire)::

    [SOURCE]
    src_type = bitbucket server
    src_hostname = https://git.example.com

**Fix.** Create an Atlassian API token with the Bitbucket scopes the migration needs
(repositories, pull requests, issues: read), store its base64 with the account e-mail in
``src_username``, and use a Congregate release that sends ``bitbucket_email`` and
``bitbucket_api_token`` to GitLab's importer (or import those repositories with
GitLab's own Bitbucket Cloud importer).
"""

from datetime import date

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources
from .b004_bitbucket_cloud_user import APP_PASSWORD, credential_kind

ID = "B005"
NAME = "bitbucket-cloud-app-password"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Cloud app passwords stopped working on 2026-06-09; Congregate sends only app-password fields."

CREATION_ENDED = date(2025, 9, 9)
APP_PASSWORDS_END = date(2026, 6, 9)
FIX = ("Use an Atlassian API token (with the account e-mail as src_username) and a Congregate release that sends "
       "bitbucket_email and bitbucket_api_token to GitLab's importer, or GitLab's own Bitbucket Cloud importer.")


def today() -> date:
    """The date the rule judges against (a function, so tests can set it)."""
    return date.today()


def check(conf):
    if not _sources.applies(conf, src.BITBUCKET_CLOUD):
        return
    token = _sources.decoded_token(conf)
    if token is None:
        return
    if credential_kind(token) == APP_PASSWORD:
        yield _app_password(conf)
    else:
        yield _sources.problem(
            conf, src.TOKEN, "GitLab's import needs this token in fields Congregate does not send",
            "Congregate sends the Bitbucket Cloud credential to GitLab's import API only as bitbucket_username and "
            "bitbucket_app_password (app passwords stopped working on 2026-06-09); GitLab takes an API token only "
            "as bitbucket_email and bitbucket_api_token. Listing can work, but imports through a Congregate "
            "release without that support fail.",
            "Check that your Congregate release sends bitbucket_email and bitbucket_api_token; if not, import "
            "these repositories with GitLab's own Bitbucket Cloud importer.", Severity.WARNING)


def _app_password(conf):
    ended = today() >= APP_PASSWORDS_END
    explanation = (f"Atlassian disabled the creation of app passwords on {CREATION_ENDED.isoformat()}, and existing "
                   f"ones {'stopped' if ended else 'stop'} working on {APP_PASSWORDS_END.isoformat()}. Congregate "
                   "sends Bitbucket Cloud only app-password credentials, to the API and to GitLab's importer "
                   "(bitbucket_app_password).")
    if ended:
        return _sources.problem(
            conf, src.TOKEN, f"app passwords stopped working on {APP_PASSWORDS_END.isoformat()}",
            explanation + " Bitbucket Cloud now refuses this credential: listing and every import fail.", FIX)
    days = (APP_PASSWORDS_END - today()).days
    return _sources.problem(
        conf, src.TOKEN, f"app passwords stop working on {APP_PASSWORDS_END.isoformat()} (in {days} days)",
        explanation + " A migration that runs past that date fails part-way.", FIX, Severity.WARNING)
