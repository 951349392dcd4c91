"""Shared helpers for the CodeCommit source rules (C…): which value to judge, and placeholders."""

import re
from typing import Callable, Iterator, NamedTuple, Optional, Pattern

from congregate_lint.codecommit_keys import CODECOMMIT, KEY_ID, PASSWORD, REGION, SECRET, SECTION, TOKEN, USERNAME
from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, describe
from congregate_lint.shapes import ACCESS_KEY_ID

from .p010_inline_comment import INLINE_COMMENT

EXAMPLE_KEY_SUFFIX = "EXAMPLE"

HOW_TO_OBFUSCATE = "`congregate obfuscate` or `printf %s 'VALUE' | base64 -w0` (macOS: `base64` alone)"

# What belongs in each CodeCommit key, said wherever a value is missing its point.
WHAT_BELONGS = {
    REGION: "the AWS region of your CodeCommit repositories, e.g. us-east-1",
    KEY_ID: "the IAM user's access key ID (20 characters, AKIA…) as it is: this key is not obfuscated",
    SECRET: f"the base64 of the 40-character secret access key, made with {HOW_TO_OBFUSCATE}",
    TOKEN: (
        "nothing for long-term AKIA… keys (leave it empty or delete the line); for temporary ASIA… keys the "
        f"base64 of their session token, made with {HOW_TO_OBFUSCATE}"
    ),
    USERNAME: ("the user name of the IAM user's HTTPS Git credential for CodeCommit, "
               "<iam-user>-at-<12-digit account ID>"),
    PASSWORD: f"the base64 of that HTTPS Git credential's password, made with {HOW_TO_OBFUSCATE}",
}

# Template and documentation words that stand for a value (compared lower-case).
PLACEHOLDER_WORDS = frozenset({
    "key", "secret", "token", "password", "username", "region", "aws_codecommit_username",
    "access_key", "secret_key", "changeme", "todo", "tbd", "placeholder", "none", "null",
})
_PLACEHOLDER_SHAPES = re.compile(r".*<[^<>]*>.*|.*(\.\.\.|…).*|\*+|x{3,}", re.IGNORECASE | re.DOTALL)


def applies(conf: Conf) -> bool:
    """True when Congregate's source is CodeCommit: its ``src_type``, lower-cased, is exactly ``codecommit``.

    Nothing is cut off here: with a comment after it (P010), or written on the
    line below the key, the value is no source type Congregate knows.
    """
    source_type = conf.value(SECTION, "src_type")
    return source_type is not None and source_type.lower() == CODECOMMIT


def judged(conf: Conf, key: str) -> Optional[str]:
    """The value of ``[SOURCE] key`` the C rules judge: Congregate's value, cut before an inline comment.

    P010 reports the comment itself; judging the text before it gives each key
    one clear finding instead of a cascade. Nothing else is stripped: a value
    written on the line below its key starts with a line break, which Congregate
    keeps. None when the key is unset or empty.
    """
    value = conf.value(SECTION, key)
    if value is None:
        return None
    match = INLINE_COMMENT.search(value)
    text = value[:match.start()].rstrip() if match else value
    return text or None


def is_placeholder(key: str, value: str) -> bool:
    """True when the value is a stand-in from a template or a how-to, not a real value."""
    word = value.strip().lower()
    return word in PLACEHOLDER_WORDS or word == key or bool(_PLACEHOLDER_SHAPES.fullmatch(value.strip()))


def real(conf: Conf, key: str) -> Optional[str]:
    """The judged value, unless it is unset or a placeholder (C007 alone reports placeholders)."""
    value = judged(conf, key)
    return None if value is None or is_placeholder(key, value) else value


def usable_key_id(conf: Conf) -> Optional[str]:
    """The access key ID when it is a well-formed AKIA/ASIA key that is not AWS's documentation example."""
    key_id = real(conf, KEY_ID)
    if key_id is None or not ACCESS_KEY_ID.fullmatch(key_id) or key_id.endswith(EXAMPLE_KEY_SUFFIX):
        return None
    return key_id


def problem(conf: Conf, key: str, headline: str, severity: Optional[Severity] = None, explanation: str = "",
            fix: str = "") -> Problem:
    """A problem placed on the key where it is written ([SOURCE], or [DEFAULT] when inherited)."""
    return place(conf, key, Problem(headline, severity=severity, explanation=explanation, fix=fix))


def place(conf: Conf, key: str, found: Problem) -> Problem:
    """The problem placed on the key where it is written ([SOURCE], or [DEFAULT] when inherited)."""
    option = conf.option(SECTION, key)
    return found._replace(section=option.section if option is not None else SECTION, key=key)


class Obfuscated(NamedTuple):
    """A key Congregate base64-decodes, and what its decoded value must look like."""

    key: str
    what: str
    shape: Pattern
    failure: str


def obfuscation_problem(spec: Obfuscated, value: str) -> Optional[Problem]:
    """Why Congregate cannot get the intended secret out of this stored value (not yet placed), or None when it
    decodes to text.

    Covers a raw secret pasted unencoded, text that is not base64, a value
    obfuscated twice, and whitespace (often echo's newline) inside the decoded text.
    """
    decoded = deobfuscate(value)
    # A value whose decoding is the secret plus whitespace was encoded, just with `echo`: reported below.
    if spec.shape.fullmatch(value) and not (decoded.ok and spec.shape.fullmatch((decoded.text or "").strip())):
        outcome = (f"exits with 'Invalid token' ({decoded.error})" if not decoded.ok
                   else f"decodes it to {describe(decoded.text or '')} of unrelated text, and {spec.failure}")
        return Problem(f"{spec.key} looks like the raw {spec.what}, not its base64",
                       explanation=f"The value has {describe(value)}; Congregate base64-decodes this key and "
                                   f"{outcome}.",
                       fix=f"Store the base64 instead: {HOW_TO_OBFUSCATE}.")
    if not decoded.ok:
        return Problem(f"{spec.key} is not valid base64",
                       explanation=f"Congregate base64-decodes {spec.key} and exits with 'Invalid token': "
                                   f"{decoded.error}.",
                       fix=f"Store the base64 of the {spec.what}: {HOW_TO_OBFUSCATE}.")
    text = decoded.text or ""
    if not text:
        return Problem(f"{spec.key} decodes to nothing",
                       explanation=f"Base64 decoding drops every character of {describe(value)} outside its "
                                   f"alphabet, so Congregate uses an empty {spec.what} and {spec.failure}.",
                       fix=f"Store the base64 of the {spec.what}: {HOW_TO_OBFUSCATE}.")
    twice = deobfuscate(text.strip())
    if not spec.shape.fullmatch(text) and twice.ok and spec.shape.fullmatch(twice.text or ""):
        return Problem(f"{spec.key} was obfuscated twice",
                       explanation=f"Congregate decodes it once and gets base64 text, not the {spec.what}, so "
                                   f"{spec.failure}.",
                       fix=f"Store the base64 of the {spec.what} itself.")
    if any(c.isspace() for c in text):
        where = "ends with a newline" if text.endswith("\n") else "contains whitespace"
        return Problem(f"the decoded {spec.what} in {spec.key} {where}",
                       explanation=f"Congregate keeps it, so {spec.failure}.",
                       fix=f"Encode it again with {HOW_TO_OBFUSCATE}; `echo` adds a newline, `printf %s` does not.")
    return None


def decoded_text(value: str) -> str:
    """The decoded text of a value :func:`obfuscation_problem` accepted."""
    return deobfuscate(value).text or ""


def diagnosed(conf: Conf, key: str, diagnose: Callable[[str], Optional[Problem]]) -> Iterator[Problem]:
    """The one problem ``diagnose`` finds with a CodeCommit key's real value (when the rules apply and it is set),
    placed on the key."""
    if not applies(conf):
        return
    value = real(conf, key)
    found = diagnose(value) if value is not None else None
    if found is not None:
        yield place(conf, key, found)
