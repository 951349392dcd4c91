"""A NUL byte in the file.

**Why it matters.** A NUL is never part of a real setting. It comes from a file
saved as UTF-16, a binary pasted by mistake, or a corrupted copy, and it ends up
inside a value (a hostname, a token) where it breaks whatever uses it.

**Failing example**: ``dstn_hostname = https://gitlab\\0.example.com``.

**Passing example**: ``dstn_hostname = https://gitlab.example.com``.

**Fix.** Remove the NUL bytes, or re-save the file as UTF-8 if it was UTF-16.
"""

from congregate_lint.findings import Problem, Severity

from ._decode_issues import decode_issues

ID = "P008"
NAME = "nul-byte"
SEVERITY = Severity.ERROR
SUMMARY = "A NUL byte: the file is binary, UTF-16 or corrupted."


def check(conf):
    for issue in decode_issues(conf, "nul"):
        yield Problem(
            "the file contains a NUL byte (first one here)",
            line=issue.line,
            column=issue.column,
            explanation="It would become part of a value.",
            fix="Remove it, or re-save the file as UTF-8 if it is UTF-16.",
        )
