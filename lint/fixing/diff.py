"""``--diff``: the fix as a unified diff in which no secret value appears, raw, base64 or decoded."""

import difflib
import re
from typing import List

from congregate_lint.engine import load
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.rules.p010_inline_comment import INLINE_COMMENT
from congregate_lint.redaction import MASK, is_credential_like, is_secret_key, secret_values
from congregate_lint.source import BOM, Source

BOM_MARK = "<BOM>"
_COMMENT = re.compile(r"^\s*[#;]\s*(?P<body>.*?)\s*$")
_WORD = re.compile(r"[^\s#;]+")


def masked_diff(path: str, before: bytes, after: bytes) -> str:
    """The change from ``before`` to ``after`` as a unified diff; empty when nothing changes."""
    if before == after:
        return ""
    old, new = load(Source(path, before)), load(Source(path, after))
    secrets = sorted(set(secret_values(old)) | set(secret_values(new)), key=len, reverse=True)
    lines = difflib.unified_diff(_masked_lines(old, before), _masked_lines(new, after), path, path, lineterm="")
    return "".join(_scrub(line, secrets) + "\n" for line in lines)


def _masked_lines(conf: Conf, data: bytes) -> List[str]:
    """The file's lines as :func:`masked_lines` shows them, a byte-order mark marked."""
    lines = masked_lines(conf)
    if data.startswith(BOM) and lines:
        lines[0] = BOM_MARK + lines[0]
    return lines


def masked_lines(conf: Conf) -> List[str]:
    """The file's lines with the value of every secret key replaced by its description, and secrets in comments
    masked."""
    lines = conf.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for option in conf.all_options():
        if not is_secret_key(option.section, option.key):
            continue
        for value_line in option.value_lines:
            text = lines[value_line.line - 1]
            start, end = value_line.column - 1, value_line.column - 1 + len(value_line.text)
            lines[value_line.line - 1] = f"{text[:start]}<secret: {describe(value_line.text)}>{text[end:]}"
    return [_masked_comment(conf, line) for line in lines]


def _masked_comment(conf: Conf, line: str) -> str:
    """A commented-out ``# secret_key = value`` line (an old credential, kept "just in case") with its value masked;
    in any other comment, also one after a value, the credential-like words masked."""
    comment = _COMMENT.match(line)
    if not comment:
        inline = INLINE_COMMENT.search(line)
        return line[:inline.start()] + _masked_words(line[inline.start():]) if inline else line
    assignment = conf.parser._optcre.match(comment.group("body"))
    if not assignment or not assignment.group("value") or not is_secret_key("", conf.parser.optionxform(
            assignment.group("option").strip())):
        return _masked_words(line)
    start = comment.start("body") + assignment.start("value")
    return f"{line[:start]}<secret: {describe(assignment.group('value'))}>"


def _masked_words(comment: str) -> str:
    """A comment with each credential-like word (an old key or token kept in a note) replaced by its description;
    web addresses stay as they are."""
    return _WORD.sub(lambda word: word.group() if "://" in word.group() or not is_credential_like(word.group())
                     else f"<secret: {describe(word.group())}>", comment)


def _scrub(line: str, secrets: List[str]) -> str:
    """Mask any other copy of a secret (in a comment, say) that the diff would show."""
    for secret in secrets:
        line = line.replace(secret, MASK)
    return line
