"""A NUL byte in the file.

**Why it matters.** A NUL is never part of a real setting. It comes from a file
saved as UTF-16, a binary pasted by mistake, or a corrupted copy, and it ends up
inside a value (a hostname, a token) where it breaks whatever uses it.

**Failing example**: ``dstn_hostname = https://gitlab\\0.example.com``.

**Passing example**: ``dstn_hostname = https://gitlab.example.com``.

A NUL that Congregate never sees is information only: on a comment line, or inside
the base64 value of an obfuscated key (``b64decode`` drops characters outside its
alphabet, so the decoded value is unchanged).

**Fix.** Remove the NUL bytes, or re-save the file as UTF-8 if it was UTF-16.
"""

from congregate_lint.findings import Problem, Severity
from congregate_lint.schema import key_info

from ._decode_issues import decode_issues

ID = "P008"
NAME = "nul-byte"
SEVERITY = Severity.ERROR
SUMMARY = "A NUL byte: the file is binary, UTF-16 or corrupted."


def check(conf):
    first = next(decode_issues(conf, "nul"), None)
    if first is None:
        return
    harmless = None
    for number, text in enumerate(conf.text.split("\n"), start=1):
        for column in (index + 1 for index, char in enumerate(text) if char == "\0"):
            why = _harmless(conf, number, column, text)
            if why is None:
                yield _error(number, column)
                return
            harmless = harmless or (number, column, why)
    if harmless is None:  # the file looked binary and was not parsed
        yield _error(first.line, first.column)
        return
    number, column, why = harmless
    yield Problem("the file contains a NUL byte (first one here), which Congregate ignores", line=number,
                  column=column, severity=Severity.INFO, explanation=f"{why}.",
                  fix="Remove it anyway: a NUL byte usually means the file was damaged.")


def _error(line, column):
    return Problem(
        "the file contains a NUL byte (first one here)",
        line=line,
        column=column,
        explanation="It would become part of a value.",
        fix="Remove it, or re-save the file as UTF-8 if it is UTF-16.",
    )


def _harmless(conf, line, column, text):
    """Why Congregate never sees a NUL at this place, or None when it ends up in a value it uses."""
    if text.lstrip()[:1] in ("#", ";"):
        return "It is on a comment line, which Congregate's parser skips"
    source_type = (conf.value("SOURCE", "src_type") or "").lower()
    for option in conf.all_options():
        info = key_info(option.section, option.key)
        decoded = info.get("obfuscated") and source_type not in info.get("raw_for_src_types", [])
        if decoded and any(part.line == line and column >= part.column for part in option.value_lines):
            return (f"It is inside the base64 value of {option.key}, and Congregate's base64 decoding drops every "
                    "character outside the alphabet, so the decoded value is the same without it")
    return None
