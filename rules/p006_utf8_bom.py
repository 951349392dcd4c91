"""The file starts with a UTF-8 byte-order mark.

**Why it matters.** Some Windows editors save UTF-8 with a BOM. Python reads the
BOM as a character, so Congregate's parser sees ``\\ufeff[DESTINATION]`` instead of
a section header and stops with ``MissingSectionHeaderError``. The file looks
perfect in every editor.

**Failing example**: the bytes ``EF BB BF`` before ``[DESTINATION]``.

**Passing example**: the same file saved as "UTF-8" (without BOM).

**Fix.** Save the file as UTF-8 without BOM (``congregate-lint conf --fix`` strips it).
The other rules read the file as if the BOM were gone.
"""

from congregate_lint.findings import Problem, Severity

from ._decode_issues import decode_issues

ID = "P006"
NAME = "utf8-bom"
SEVERITY = Severity.ERROR
SUMMARY = "A UTF-8 byte-order mark makes Congregate fail with MissingSectionHeaderError."
FIXABLE = True


def check(conf):
    for issue in decode_issues(conf, "bom"):
        yield Problem(
            "the file starts with a UTF-8 byte-order mark",
            line=issue.line,
            column=issue.column,
            explanation="Congregate's parser reads it as text before the first header and fails with "
                        "MissingSectionHeaderError.",
            fix="Save the file as UTF-8 without BOM.",
        )
