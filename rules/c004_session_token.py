"""``src_aws_session_token`` must match the kind of access key: required for ASIA keys, absent for AKIA keys.

**Why it matters.** Congregate base64-decodes this key and hands it to boto3 with the
access key. Temporary keys from STS (``ASIA…``) only work together with their session
token: without it AWS does not recognise the key. Long-term keys (``AKIA…``) must not
carry one: boto3 then sends the token with every call and AWS rejects the request. An
empty value is the same as no value to Congregate.

Reported as errors: an ``ASIA…`` key without a token (placed on the token line when
it is written empty, otherwise on the key ID), an ``AKIA…`` key with a token, and a
token Congregate cannot decode (not base64, a raw token pasted unencoded, obfuscated
twice, or whitespace in the decoded token). A token that decodes to nothing (``""``,
``====``) is no token to boto3: fine for an ``AKIA…`` key, an error for an ``ASIA…`` key. A decoded token that is not base64 text
of at least 100 characters is a warning. A token that looks right is information: a
stored token always expires (after 36 hours at most), so check it right before the
migration with ``congregate-lint conf --live``. The rule never prints the token.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_access_key_id = AKIA… (a long-term key)
    src_aws_session_token = <base64 of an old session token>

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_access_key_id = AKIA… (a long-term key)
    src_aws_session_token =

**Fix.** For ``AKIA…`` keys leave ``src_aws_session_token`` empty or delete the line.
For ``ASIA…`` keys store the base64 of the current token (``congregate obfuscate``),
and prefer long-term keys of an IAM user: HTTPS Git credentials need an IAM user anyway.
"""

from typing import Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, describe
from congregate_lint.shapes import SESSION_TOKEN

from . import _codecommit as cc

ID = "C004"
NAME = "session-token"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_session_token does not fit the access key: needed for ASIA keys, forbidden for AKIA keys."
FIXABLE = True

SPEC = cc.Obfuscated(
    key=cc.TOKEN,
    what="session token",
    shape=SESSION_TOKEN,
    failure="AWS rejects every call made with it",
)


def check(conf: Conf):
    if not cc.applies(conf):
        return
    key_id = cc.usable_key_id(conf)
    prefix = key_id[:4] if key_id is not None else None
    token = cc.judged(conf, cc.TOKEN)
    if token is None:
        if prefix == "ASIA":
            yield _missing(conf)
        return
    if cc.is_placeholder(cc.TOKEN, token):
        return
    if deobfuscate(token).text == "":  # '""' or '====': boto3 gets an empty token and sends none
        if prefix == "ASIA":
            yield _decodes_to_nothing(conf, token)
        return
    found = _diagnose(prefix, token)
    if found is not None:
        yield cc.place(conf, cc.TOKEN, found)


def _missing(conf: Conf) -> Problem:
    key = cc.TOKEN if conf.option(cc.SECTION, cc.TOKEN) is not None else cc.KEY_ID
    return cc.problem(
        conf, key,
        "src_aws_access_key_id is a temporary ASIA… key but src_aws_session_token is empty or missing",
        explanation="AWS does not recognise a temporary key without its token, so Congregate's first CodeCommit call "
                    "fails.",
        fix=f"Store the base64 of the token issued with the key ({cc.HOW_TO_OBFUSCATE}), or use a long-term AKIA… "
            "key.",
    )


def _decodes_to_nothing(conf: Conf, token: str) -> Problem:
    return cc.problem(
        conf, cc.TOKEN, f"{cc.TOKEN} decodes to nothing, but the access key is a temporary ASIA… key.",
        explanation=(f"Base64 decoding drops every character of {describe(token)} outside its alphabet, so boto3 "
                     "gets an empty token and sends none; AWS does not recognise a temporary key without its token, "
                     "so Congregate's first CodeCommit call fails."),
        fix=f"Store the base64 of the token issued with the key ({cc.HOW_TO_OBFUSCATE}), or use a long-term AKIA… key.")


def _diagnose(prefix: Optional[str], token: str) -> Optional[Problem]:
    if prefix == "AKIA":
        return Problem("src_aws_session_token is set, but a long-term AKIA… key takes no session token",
                       explanation="boto3 sends the token with every call and AWS rejects them.",
                       fix="Leave src_aws_session_token empty or delete the line.")
    found = cc.obfuscation_problem(SPEC, token)
    if found is not None:
        return found
    if not SESSION_TOKEN.fullmatch(cc.decoded_text(token)):
        return Problem("the decoded src_aws_session_token does not look like an STS session token",
                       severity=Severity.WARNING,
                       explanation="STS session tokens are base64 text of 100 characters or more; AWS will likely "
                                   "reject this one.",
                       fix="Store the base64 of the whole token as STS issued it.")
    return Problem("src_aws_session_token holds a temporary token, which expires", severity=Severity.INFO,
                   explanation="Stored tokens expire after 36 hours at most.",
                   fix="Run `congregate-lint conf --live` right before the migration to check that it is still valid.")
