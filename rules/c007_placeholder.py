"""A CodeCommit key still holds a placeholder from the template or a how-to.

**Why it matters.** Congregate's template and its CodeCommit guide show stand-ins such
as ``key``, ``region``, ``*****``, ``aws_codecommit_username``, ``AKIA...``,
``<obfuscated>`` and ``<codecommit-user-at>-<account-id>``. Congregate uses whatever is
written: an obfuscated key holding ``<obfuscated>`` makes it exit with ``Invalid token``,
and the others fail at AWS or at the Git clone.

Recognised placeholders (in ``[SOURCE]`` for ``src_aws_region``,
``src_aws_access_key_id``, ``src_aws_secret_access_key``, ``src_aws_session_token``,
``src_aws_codecommit_username`` and ``src_aws_codecommit_password``): anything with
``<…>`` or ``...`` in it, only asterisks or only ``x``, the key's own name, and the
words ``key``, ``secret``, ``token``, ``password``, ``username``, ``region``,
``aws_codecommit_username``, ``access_key``, ``secret_key``, ``changeme``, ``todo``,
``tbd``, ``placeholder``, ``none`` and ``null``.

A placeholder gets only this finding from the C rules, not also a shape error; the
finding names the placeholder and what belongs there. Pasting the ``[SOURCE]`` block of
Congregate's CodeCommit guide as it is gives one C007 per credential plus P010 for each
inline comment.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_secret_access_key = <obfuscated>

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_secret_access_key = <the base64 `congregate obfuscate` printed>

**Fix.** Replace each placeholder with the real value the message describes.
"""

import re

from congregate_lint.findings import Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, describe

from . import _codecommit as cc

ID = "C007"
NAME = "placeholder"
SEVERITY = Severity.ERROR
SUMMARY = "A CodeCommit key still holds a placeholder from the template or a how-to."

OBFUSCATED_KEYS = (cc.SECRET, cc.TOKEN, cc.PASSWORD)
RAW_FAILURES = {
    cc.REGION: "boto3 and the Git host name get it as the region, so Congregate cannot reach CodeCommit",
    cc.KEY_ID: "AWS rejects it as an access key ID",
    cc.USERNAME: "CodeCommit refuses the Git clone with it",
}
# The longest value quoted in the message.
QUOTED_LENGTH = 80
# Placeholders that cannot be part of a real secret, so they are safe to quote.
_QUOTABLE = re.compile(r"(<[^<>]*>[-_ ]?)+|\*+|x+", re.IGNORECASE)


def check(conf: Conf):
    if not cc.applies(conf):
        return
    for key in cc.WHAT_BELONGS:
        value = cc.judged(conf, key)
        if value is not None and cc.is_placeholder(key, value):
            yield cc.problem(
                conf, key,
                f"{key} is still a placeholder",
                explanation=f"The value is {_shown(key, value)}; {_failure(key, value)}.",
                fix=f"Write {cc.WHAT_BELONGS[key]}.",
            )


def _shown(key: str, value: str) -> str:
    if len(value) > QUOTED_LENGTH:  # no placeholder is this long; the message describes it
        return f"({describe(value)})"
    if key not in OBFUSCATED_KEYS or _QUOTABLE.fullmatch(value) or value.lower() in cc.PLACEHOLDER_WORDS:
        return f"'{value}'"
    return f"({describe(value)})"


def _failure(key: str, value: str) -> str:
    if key in RAW_FAILURES:
        return RAW_FAILURES[key]
    decoded = deobfuscate(value)
    if not decoded.ok:
        return "Congregate base64-decodes this key and exits with 'Invalid token'"
    if not decoded.text:
        return "Congregate base64-decodes it to an empty text, as it drops every character that is not base64"
    return "Congregate base64-decodes it to meaningless text, so AWS or the Git clone rejects it"
