"""``src_aws_codecommit_username`` must be the HTTPS Git credential's user name, safe to put in a URL.

**Why it matters.** Congregate clones every repository from
``https://<username>:<password>@git-codecommit.<region>.amazonaws.com/v1/repos/<name>``
and puts the user name in that URL as written, without URL-encoding it. AWS generates
the name from the IAM user and the account: ``<iam-user>-at-<12-digit account ID>``
(e.g. ``jane-at-123456789012``); it cannot be chosen, so any other value fails to
authenticate.

Reported as errors: ``@`` or ``:`` (they end the user name in the URL, so Git sends the
wrong user or even the wrong host; IAM user names may contain ``@``), whitespace, quotes
or other characters IAM user names cannot contain, and a value that is not shaped
``<iam-user>-at-<12 digits>`` (for example the IAM user name alone, or an access key ID).
Warnings: ``+`` or ``%`` (GitLab URL-decodes the credentials of an import URL, turning
``+`` into a space and ``%xx`` into another character), and an account ID that differs
from the one encoded in a new-generation ``src_aws_access_key_id`` (worked out offline;
keys whose fifth character is ``I`` or ``J`` do not carry it): the keys and the Git
credentials then belong to different AWS accounts.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_username = jane@example.com-at-123456789012

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_username = migrator-at-123456789012

**Fix.** In IAM → Users → *user* → Security credentials → HTTPS Git credentials for
AWS CodeCommit, copy the user name exactly. If the IAM user's name has ``@`` or ``:``,
create a dedicated IAM user for the migration whose name has neither.
"""

import re
from typing import Optional

from congregate_lint.account import account_from_git_username, account_from_key_id
from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.shapes import ACCESS_KEY_ID, GIT_USERNAME

from . import _codecommit as cc

ID = "C005"
NAME = "git-username"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_codecommit_username is not a CodeCommit Git user name Congregate can put in the clone URL."

USE = ("Congregate puts src_aws_codecommit_username unencoded into the clone URL "
       "https://<username>:<password>@git-codecommit…")
FIX = "Copy the user name from IAM → Users → Security credentials → HTTPS Git credentials for AWS CodeCommit."
URL_BREAKERS = "@:"
URL_DECODED = "+%"
# Characters of IAM user names (``[\\w+=,.@-]``), plus '%' which gets its own warning.
_ALLOWED = re.compile(r"[\w+=,.@%-]+", re.ASCII)


def check(conf: Conf):
    return cc.diagnosed(conf, cc.USERNAME, lambda username: _diagnose(username, cc.usable_key_id(conf)))


def _diagnose(username: str, key_id: Optional[str]) -> Optional[Problem]:
    breakers = sorted({c for c in username if c in URL_BREAKERS})
    if breakers:
        listed = " and ".join(f"'{c}'" for c in breakers)
        return Problem(f"src_aws_codecommit_username contains {listed}, which breaks the clone URL",
                       explanation=f"{USE}, where '@' and ':' end the user name, so Git sends the wrong user name (or "
                                   "contacts the wrong host) and the clone fails.",
                       fix="CodeCommit cannot rename a Git credential: create a dedicated IAM user whose name has "
                           "neither character, and use its HTTPS Git credential.")
    if not _ALLOWED.fullmatch(username):
        return Problem("src_aws_codecommit_username contains characters an IAM user name cannot have",
                       explanation=f"It has spaces, quotes or other such characters; {USE}, so CodeCommit rejects "
                                   "the clone (HTTP 403).", fix=FIX)
    if not GIT_USERNAME.fullmatch(username.replace("%", "_")):
        return _not_generated(username)
    decoded = sorted({c for c in username if c in URL_DECODED})
    if decoded:
        listed = " and ".join(f"'{c}'" for c in decoded)
        return Problem(f"src_aws_codecommit_username contains {listed}, which GitLab may decode",
                       severity=Severity.WARNING,
                       explanation=f"{USE}, and GitLab URL-decodes the credentials of an import URL ('+' becomes a "
                                   "space, '%xx' another character), so the name it sends may not be this one.",
                       fix="If the import fails with HTTP 403, use a dedicated IAM user whose name has no '+' or '%'.")
    return _account_mismatch(username, key_id)


def _not_generated(username: str) -> Problem:
    if ACCESS_KEY_ID.fullmatch(username):
        what, shape = "holds an access key ID, not a Git user name", ""
    elif "-at-" not in username:
        what, shape = "has no '-at-<account ID>' ending", " An IAM user name alone is not the Git user name."
    else:
        what, shape = "is not shaped <iam-user>-at-<12-digit account ID>", f" The value has {describe(username)}."
    return Problem(f"src_aws_codecommit_username {what}",
                   explanation="AWS generates Git user names as <iam-user>-at-<12-digit account ID> (e.g. "
                               "jane-at-123456789012) and accepts no other form, so CodeCommit refuses the clone "
                               f"(HTTP 403).{shape}", fix=FIX)


def _account_mismatch(username: str, key_id: Optional[str]) -> Optional[Problem]:
    key_account = account_from_key_id(key_id) if key_id is not None else None
    user_account = account_from_git_username(username)
    if key_account is None or user_account is None or key_account == user_account:
        return None
    return Problem(f"the Git user name is for AWS account {user_account}, but the access key belongs to {key_account}",
                   severity=Severity.WARNING,
                   explanation=f"The key's account {key_account} is decoded offline from src_aws_access_key_id. "
                               "Congregate lists the repositories with the keys and clones them with the Git "
                               "credential, which cannot read another account's repositories (HTTP 403).",
                   fix="Use access keys and a Git credential of the same account.")
