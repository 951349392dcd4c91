"""``src_aws_codecommit_password`` must be the base64 of an HTTPS Git password without ``/``.

**Why it matters.** Congregate base64-decodes this key, URL-encodes the password
(``quote_plus``: ``/`` → ``%2F``, ``+`` → ``%2B``, ``=`` kept) and clones every repository
from ``https://<username>:<password>@git-codecommit.<region>.amazonaws.com/…``.
``congregate configure`` stores the password raw, so Congregate then exits with
``Invalid token`` or clones with garbage.

Reported as errors:

- a raw password pasted unencoded, a value that is not base64, one obfuscated twice;
- a decoded password containing ``/``: Congregate's CodeCommit guide says a ``/`` in
  the password breaks imports into GitLab 17.2 and later. The stored base64 text of
  such a password never shows the ``/``, so the rule looks at the decoded password;
- whitespace in the decoded password (``echo`` adds a newline; use ``printf %s``).

Warnings: a ``+`` in the decoded password (sent as ``%2B``; some GitLab versions pass
the encoded text on unchanged, so the import may fail), and a decoded password that is
not the usual shape of AWS-generated Git passwords (44 characters: 43 of
``A-Z a-z 0-9 + /`` and a final ``=``), which suggests a partial copy. The rule never
prints the password, raw or encoded.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_password = <base64 of a password with a '/'>

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_password = <base64 of a password without '/'>

**Fix.** In IAM → Users → *user* → Security credentials → HTTPS Git credentials for
AWS CodeCommit, reset the password until it has no ``/`` (about every second one has
none), then store its base64 with ``congregate obfuscate`` or
``printf %s 'PASSWORD' | base64 -w0``.
"""

from typing import Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.shapes import GIT_PASSWORD

from . import _codecommit as cc

ID = "C006"
NAME = "git-password"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_codecommit_password is not the base64 of a Git password Congregate can use ('/' breaks imports)."
FIXABLE = True

SPEC = cc.Obfuscated(
    key=cc.PASSWORD,
    what="HTTPS Git password",
    shape=GIT_PASSWORD,
    failure="CodeCommit refuses the clone (HTTP 403)",
)
RESET = ("In IAM → Users → Security credentials → HTTPS Git credentials for AWS CodeCommit, reset the password "
         "until it has no '/' and store its base64.")


def check(conf: Conf):
    return cc.diagnosed(conf, cc.PASSWORD, _diagnose)


def _diagnose(value: str) -> Optional[Problem]:
    found = cc.obfuscation_problem(SPEC, value)
    if found is not None:
        return found
    password = cc.decoded_text(value)
    if "/" in password:
        return Problem("the decoded src_aws_codecommit_password contains '/', which breaks imports",
                       explanation="Congregate sends it as '%2F' in the import URL, and its CodeCommit guide says a "
                                   "'/' breaks imports into GitLab 17.2 and later (the base64 text in the file never "
                                   "shows it).", fix=RESET)
    if "+" in password:
        return Problem("the decoded src_aws_codecommit_password contains '+'", severity=Severity.WARNING,
                       explanation="Congregate sends it as '%2B', which some GitLab versions pass on still encoded, "
                                   "so the import may be refused.",
                       fix="If the import is refused, reset the password until it has neither '/' nor '+'.")
    if not GIT_PASSWORD.fullmatch(password):
        return Problem("the decoded src_aws_codecommit_password is not shaped like an AWS Git password",
                       severity=Severity.WARNING,
                       explanation=f"It is {describe(password)}, not the 44 characters ending in '=' of an "
                                   "AWS-generated Git password; it may have been copied in part.",
                       fix="If the clone is refused, reset the password in IAM and store its base64 again.")
    return None
