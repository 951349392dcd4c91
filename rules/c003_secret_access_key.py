"""``src_aws_secret_access_key`` must be the base64 of a 40-character secret access key.

**Why it matters.** Congregate base64-decodes this key ("deobfuscates" it) before it
signs CodeCommit API calls with it. A secret access key is 40 characters of
``A-Z a-z 0-9 + /``. When the stored text is not base64, Congregate prints
``Invalid token`` and exits; when it decodes to anything but the secret (a raw secret
pasted unencoded often does), AWS rejects every call with ``SignatureDoesNotMatch``.

Reported as errors: a raw secret pasted unencoded, a value that is not base64 or does
not decode to ASCII text, a value obfuscated twice, a decoded secret with whitespace
in it (``echo`` adds a newline; use ``printf %s``), AWS's documentation secret (ending in
``EXAMPLEKEY``), and a decoded value of the wrong shape or length. A decoded 40-character
value with ``=`` in it is a warning (AWS has not been seen to issue one). The rule
never prints the secret, raw or encoded; it describes its length and character classes.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_secret_access_key = <the 40-character secret, pasted as it is>

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_secret_access_key = <the 56 characters `congregate obfuscate` printed>

**Fix.** Run ``congregate obfuscate`` (or ``printf %s 'SECRET' | base64 -w0``) and store
what it prints. If the secret is lost, create a new access key in IAM.
"""

import re
from typing import Optional

from congregate_lint.findings import Problem, Severity, capitalized
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.shapes import SECRET_ACCESS_KEY

from . import _codecommit as cc

ID = "C003"
NAME = "secret-access-key"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_secret_access_key is not the base64 of a 40-character secret access key."
FIXABLE = True

SPEC = cc.Obfuscated(
    key=cc.SECRET,
    what="secret access key",
    shape=SECRET_ACCESS_KEY,
    failure="AWS rejects every call signed with it (SignatureDoesNotMatch)",
)
EXAMPLE_SUFFIX = "EXAMPLEKEY"
WITH_PADDING = re.compile(r"[A-Za-z0-9+/=]{40}")


def check(conf: Conf):
    return cc.diagnosed(conf, cc.SECRET, _diagnose)


def _diagnose(value: str) -> Optional[Problem]:
    found = cc.obfuscation_problem(SPEC, value)
    if found is not None:
        return found
    secret = cc.decoded_text(value)
    if secret.endswith(EXAMPLE_SUFFIX):
        return Problem(f"{cc.SECRET} decodes to AWS's documentation example secret, not a real one",
                       explanation=f"{capitalized(SPEC.failure)}.",
                       fix="Store the base64 of your own secret access key.")
    if SECRET_ACCESS_KEY.fullmatch(secret):
        return None
    if WITH_PADDING.fullmatch(secret):
        return Problem(f"the decoded {cc.SECRET} has '=' in it", severity=Severity.WARNING,
                       explanation="AWS secret access keys are not known to contain '='.",
                       fix="Check that it was copied whole and encoded once.")
    return Problem(f"{cc.SECRET} does not decode to a 40-character secret access key",
                   explanation=f"It decodes to {describe(secret)}, not 40 characters of A-Z, a-z, 0-9, '+' and '/'; "
                               f"{SPEC.failure}.",
                   fix=f"Store the base64 of the secret exactly as IAM showed it: {cc.HOW_TO_OBFUSCATE}.")
