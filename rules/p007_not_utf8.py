"""Bytes that are not valid UTF-8.

**Why it matters.** Congregate opens the file with the system's encoding, UTF-8
on the Linux hosts and containers it runs in. An invalid byte (often a Latin-1
character or a file saved as UTF-16) raises ``UnicodeDecodeError`` before any
setting is read.

**Failing example**: ``username_suffix = migr\\xe9`` saved as Latin-1.

**Passing example**: the same file saved as UTF-8.

**Fix.** Re-save the file as UTF-8. The other rules read the file with the bad
bytes replaced, unless it looks binary (more than one character in twenty is a
control character or undecodable), in which case it is not parsed at all.
"""

from congregate_lint.findings import Problem, Severity

from ._decode_issues import decode_issues

ID = "P007"
NAME = "not-utf8"
SEVERITY = Severity.ERROR
SUMMARY = "Bytes that are not UTF-8: Congregate fails with UnicodeDecodeError."


def check(conf):
    binary = any(True for _ in decode_issues(conf, "binary"))
    for issue in decode_issues(conf, "not-utf8"):
        yield Problem(
            "the file is not valid UTF-8 from here on",
            line=issue.line,
            column=issue.column,
            explanation="Congregate fails with UnicodeDecodeError while reading it."
            + (" The file looks binary, so it was not linted further." if binary else ""),
            fix="Re-save the file as UTF-8.",
        )
