"""A key before the first ``[SECTION]`` header.

**Why it matters.** Congregate reads the file with ``ConfigParser()``. The first
line that is neither blank nor a comment must be a section header; otherwise the
parser raises ``MissingSectionHeaderError`` and Congregate stops before doing
anything. A key pasted at the top of the file is the usual cause.

**Failing example**::

    dstn_hostname = https://gitlab.example.com
    [DESTINATION]

**Passing example**::

    [DESTINATION]
    dstn_hostname = https://gitlab.example.com

**Fix.** Move the key under the section it belongs to.
"""

from congregate_lint.findings import Problem, Severity

from ._parse_events import events

ID = "P001"
NAME = "missing-section-header"
SEVERITY = Severity.ERROR
SUMMARY = "A key or line comes before the first [SECTION] header."


def check(conf):
    for event in events(conf, "missing-header"):
        what = f"key '{event.key}'" if event.key else "this line"
        yield Problem(
            f"{what} comes before any [SECTION] header",
            line=event.line,
            column=event.column,
            explanation="Congregate's parser stops here with MissingSectionHeaderError.",
            fix="Move it under its section.",
        )
