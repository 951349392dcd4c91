"""``src_aws_codecommit_password`` must be the base64 of an HTTPS Git password Congregate can put in a URL.

**Why it matters.** Congregate base64-decodes this key and clones every repository
from ``https://<username>:<password>@git-codecommit.<region>.amazonaws.com/…``.
``congregate configure`` stores the password raw, so Congregate then exits with
``Invalid token`` or clones with garbage.

Reported as errors: a raw password pasted unencoded, a value that is not base64, one
obfuscated twice, one that decodes to nothing (``""``, ``====``: the clone URL then has
an empty password), and whitespace in the decoded password (``echo`` adds a newline;
use ``printf %s``). A decoded password that is not the usual shape of AWS-generated
Git passwords (44 characters: 43 of ``A-Z a-z 0-9 + /`` and a final ``=``) is a
warning: it suggests a partial copy.

**'/' and '+' depend on the Congregate release** (``--congregate-version``, the
project config's ``congregate-version``, or ``$CONGREGATE_PATH/pyproject.toml``):

- up to 7.14.x the decoded password goes into the URL unencoded. A ``/`` ends the
  URL's host part, so git and GitLab reject the URL: **error**. A raw ``+`` becomes a
  space once GitLab unescapes the stored import credentials: **warning**;
- from 7.15.0 Congregate encodes it (``quote_plus(…, safe='=')``: ``/`` → ``%2F``,
  ``+`` → ``%2B``) and the clone works: a ``/`` is **info** (Congregate's CodeCommit
  guide still says it breaks imports), a ``+`` is fine;
- release unknown: a ``/`` is an **error**, as the guide says, and a ``+`` a warning;
  the message explains both behaviours and how to declare the release.

The stored base64 text never shows the ``/``, so the rule looks at the decoded
password. It never prints the password, raw or encoded.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_password = <base64 of a password with a '/'>

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_codecommit_password = <base64 of a password without '/'>

**Fix.** Store the base64 of the password with ``congregate obfuscate`` or
``printf %s 'PASSWORD' | base64 -w0``. For a ``/`` before Congregate 7.15.0: in IAM →
Users → *user* → Security credentials → HTTPS Git credentials for AWS CodeCommit, reset
the password until it has no ``/`` (about every second one has none), or upgrade
Congregate; on 7.15.0 or later nothing needs to change.
"""

from typing import Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.releases import CODECOMMIT_SOURCE, GIT_PASSWORD_URL_ENCODED, Release
from congregate_lint.shapes import GIT_PASSWORD

from . import _codecommit as cc

ID = "C006"
NAME = "git-password"
SEVERITY = Severity.ERROR
SUMMARY = ("src_aws_codecommit_password is not the base64 of a Git password Congregate can put in the clone URL "
           "('/': before 7.15.0).")
FIXABLE = True

SPEC = cc.Obfuscated(
    key=cc.PASSWORD,
    what="HTTPS Git password",
    shape=GIT_PASSWORD,
    failure="CodeCommit refuses the clone (HTTP 403)",
)
RESET = ("In IAM → Users → Security credentials → HTTPS Git credentials for AWS CodeCommit, reset the password "
         "until it has no '/' and store its base64")
HOW_TO_DECLARE = "or congregate-version in the project config, or set $CONGREGATE_PATH to the Congregate checkout"


def check(conf: Conf):
    return cc.diagnosed(conf, cc.PASSWORD, lambda value: _diagnose(value, conf.release))


def _diagnose(value: str, release: Release) -> Optional[Problem]:
    found = cc.obfuscation_problem(SPEC, value)
    if found is not None:
        return found
    password = cc.decoded_text(value)
    if "/" in password:
        return _slash(release)
    if "+" in password:
        return _plus(release)
    if not GIT_PASSWORD.fullmatch(password):
        return Problem(
            f"the decoded {cc.PASSWORD} is not shaped like an AWS-generated Git password",
            severity=Severity.WARNING,
            explanation=f"It is {describe(password)}; AWS generates 44 characters ending in '='. This one may have "
                        "been copied in part.",
            fix="If the clone is refused, reset the password in IAM and store its base64 again.")
    return None


def _slash(release: Release) -> Problem:
    headline = f"the decoded {cc.PASSWORD} contains '/'."
    hidden = " The base64 text in the file never shows the '/'."
    encoded = release.has(GIT_PASSWORD_URL_ENCODED)
    if encoded:
        return Problem(headline, severity=Severity.INFO, explanation=(
            f"Congregate {release.text} URL-encodes the password ('/' becomes %2F), so the clone works; its "
            "CodeCommit guide still says a '/' breaks imports, which held for releases before 7.15.0."),
            fix="Nothing to change for this release.")
    if encoded is False:
        return Problem(headline, severity=Severity.ERROR, explanation=(
            f"{_unencoded(release)}: a '/' ends the URL's host part, so git ('URL using bad/illegal format') and "
            f"GitLab ('import_url is blocked: URI is invalid') reject it.{hidden}"),
            fix=f"{RESET}, or upgrade Congregate to 7.15.0 or later, which encodes it.")
    return Problem(headline, severity=Severity.ERROR, explanation=(
        "Congregate's CodeCommit guide says a '/' in this password breaks imports. That holds up to Congregate "
        "7.14.x, which puts the decoded password into the clone URL unencoded (a '/' ends the URL's host part); "
        f"from 7.15.0 Congregate encodes it as %2F and the clone works.{hidden}"),
        fix=f"Declare the release with --congregate-version X.Y.Z ({HOW_TO_DECLARE}); before 7.15.0, {RESET[:1].lower()}"
            f"{RESET[1:]}.")


def _plus(release: Release) -> Optional[Problem]:
    encoded = release.has(GIT_PASSWORD_URL_ENCODED)
    if encoded:
        return None  # sent as %2B, which git decodes back to '+'
    headline = f"the decoded {cc.PASSWORD} contains '+'."
    mechanism = ("unencoded, git sends a '+' as it is, but GitLab unescapes the credentials of an import URL and "
                 "turns a raw '+' into a space, so CodeCommit refuses the import")
    if encoded is False:
        return Problem(headline, severity=Severity.WARNING, explanation=f"{_unencoded(release)}; {mechanism}.",
                       fix=f"If the import is refused, {RESET[:1].lower()}{RESET[1:]} and no '+', or upgrade "
                           "Congregate to 7.15.0 or later.")
    return Problem(headline, severity=Severity.WARNING, explanation=(
        f"Up to Congregate 7.14.x the decoded password goes into the URL {mechanism}; from 7.15.0 it is sent as "
        "%2B and works."),
        fix=f"Declare the release with --congregate-version X.Y.Z ({HOW_TO_DECLARE}).")


def _unencoded(release: Release) -> str:
    """What a release before 7.15.0 does with the password."""
    first = ".".join(map(str, CODECOMMIT_SOURCE.since))
    return (f"Congregate {release.text} puts the decoded password into the clone URL unencoded (before {first}, a "
            "CodeCommit source exists only in development snapshots)")
