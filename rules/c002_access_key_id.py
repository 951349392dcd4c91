"""``src_aws_access_key_id`` must be an AWS access key ID, written raw.

**Why it matters.** Congregate reads this key as it is written (it is *not*
base64-decoded, unlike the secret) and signs every CodeCommit API call with it.
An access key ID is 20 characters: ``AKIA`` (long-term key of an IAM user) or ``ASIA``
(temporary key from STS) and 16 characters of ``A-Z`` and ``2-7``. Anything else makes
AWS answer ``InvalidClientTokenId`` / ``UnrecognizedClientException`` and Congregate
stops.

IAM shows other IDs of the same look next to the access keys; the rule names them:

- ``ACCA…`` the ID of a service-specific credential, e.g. the HTTPS Git credential for
  CodeCommit (its user name and password go in ``src_aws_codecommit_username`` and
  ``src_aws_codecommit_password``);
- ``AIDA…`` an IAM user's unique ID, ``AROA…`` a role's, ``AGPA…`` a group's,
  ``AIPA…`` an instance profile's, ``ANPA…``/``ANVA…`` a managed policy's (version),
  ``APKA…`` a public key's, ``ASCA…`` a certificate's;
- ``ABIA…`` an STS service bearer token, which cannot sign CodeCommit calls.

Also errors: AWS's documentation keys (ending in ``EXAMPLE``), lower case, quotes or
spaces, the digits ``0 1 8 9`` (never in access key IDs: usually O/0, I/1 or B/8 mixed
up), a wrong length, and a base64 value that decodes to a key ID (this key must not be
obfuscated). The rule never prints the key.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_access_key_id = AIDA...   (an IAM user ID copied from the console)

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_access_key_id = AKIA + 16 characters of A-Z and 2-7

**Fix.** In IAM → Users → *user* → Security credentials → Access keys, use the access
key ID (``AKIA…``) of the user that may read the repositories, exactly as shown.
"""

from typing import Optional

from congregate_lint.findings import Problem, Severity, capitalized
from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, describe
from congregate_lint.shapes import ACCESS_KEY_ID, SECRET_ACCESS_KEY

from . import _codecommit as cc

ID = "C002"
NAME = "access-key-id"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_access_key_id is not a raw AKIA/ASIA access key ID."

# IAM unique-ID prefixes that are not access keys (IAM User Guide, "Unique ID prefixes").
OTHER_ID_PREFIXES = {
    "ABIA": "an STS service bearer token, usable only by the service that issued it, not for signing CodeCommit calls",
    "ACCA": "the ID of a service-specific credential such as the HTTPS Git credential for CodeCommit",
    "AGPA": "an IAM group ID",
    "AIDA": "an IAM user's unique ID (the UserId of `aws sts get-caller-identity`)",
    "AIPA": "an EC2 instance profile ID",
    "ANPA": "a managed policy ID",
    "ANVA": "a managed policy version ID",
    "APKA": "a public key ID",
    "AROA": "an IAM role's unique ID",
    "ASCA": "a certificate ID",
}
USE = "Congregate signs every CodeCommit API call with src_aws_access_key_id as written"
REJECTED = "AWS rejects it (InvalidClientTokenId)"
FIX = "Copy the access key ID (AKIA…) from IAM → Users → Security credentials → Access keys."
ACCA_HINT = (" The Git credential's user name and password belong in src_aws_codecommit_username and "
             "src_aws_codecommit_password.")
CONFUSABLE_DIGITS = "0189"


def check(conf: Conf):
    if not cc.applies(conf):
        return
    key_id = cc.real(conf, cc.KEY_ID)
    found = _diagnose(key_id) if key_id is not None else None
    if found is not None:
        yield cc.place(conf, cc.KEY_ID, found)


def _diagnose(key_id: str) -> Optional[Problem]:
    if key_id.upper().endswith(cc.EXAMPLE_KEY_SUFFIX):
        return Problem("src_aws_access_key_id is AWS's documentation example key, not a real one",
                       explanation=f"{capitalized(REJECTED)}.", fix=FIX)
    if ACCESS_KEY_ID.fullmatch(key_id):
        return None
    if any(c.isspace() or c in "\"'" for c in key_id):
        return Problem("src_aws_access_key_id contains spaces, line breaks or quotes",
                       explanation=f"{USE}, so {REJECTED}.", fix="Write only the key ID, on the key's own line.")
    if _decodes_to_key_id(key_id):
        return Problem("src_aws_access_key_id is base64 of an access key ID",
                       explanation=f"Congregate reads this key raw (unlike the secret), so {REJECTED}.",
                       fix="Do not obfuscate this one: write the key ID itself.")
    if ACCESS_KEY_ID.fullmatch(key_id.upper()):
        return Problem("src_aws_access_key_id has lower-case letters",
                       explanation=f"Access key IDs are upper case and {REJECTED}.", fix=FIX)
    return _wrong_id(key_id)


def _wrong_id(key_id: str) -> Problem:
    prefix = key_id[:4].upper()
    if prefix in OTHER_ID_PREFIXES:
        return Problem(f"src_aws_access_key_id starts with '{prefix}', which is not an access key ID",
                       explanation=f"A value starting with '{prefix}' is {OTHER_ID_PREFIXES[prefix]}; {USE}, so "
                                   f"{REJECTED}.",
                       fix=FIX + (ACCA_HINT if prefix == "ACCA" else ""))
    if prefix in ("AKIA", "ASIA") and len(key_id) == 20 and any(c in CONFUSABLE_DIGITS for c in key_id[4:]):
        return Problem("src_aws_access_key_id contains one of the digits 0, 1, 8, 9",
                       explanation=f"These never appear in access key IDs; {REJECTED}.",
                       fix=f"Check for O/0, I/1 or B/8 mixed up when it was copied. {FIX}")
    if prefix in ("AKIA", "ASIA"):
        return Problem(f"src_aws_access_key_id is {len(key_id)} characters; access key IDs are 20",
                       explanation=f"An access key ID is the prefix and 16 of A-Z and 2-7, so part of it is missing "
                                   f"or extra and {REJECTED}.", fix=FIX)
    if SECRET_ACCESS_KEY.fullmatch(key_id):
        return Problem("src_aws_access_key_id looks like a secret access key, not its ID",
                       explanation=f"The value has {describe(key_id)}; the secret belongs, base64-encoded, in "
                                   "src_aws_secret_access_key.", fix=FIX)
    return Problem("src_aws_access_key_id is not an access key ID",
                   explanation=f"The value has {describe(key_id)}; {USE}, so {REJECTED}.", fix=FIX)


def _decodes_to_key_id(value: str) -> bool:
    decoded = deobfuscate(value)
    return decoded.ok and bool(decoded.text) and ACCESS_KEY_ID.fullmatch(decoded.text.strip()) is not None
