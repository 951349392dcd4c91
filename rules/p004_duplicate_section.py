"""The same ``[SECTION]`` header written twice.

**Why it matters.** Congregate's parser is strict: a repeated section raises
``DuplicateSectionError``. Congregate does not catch it, so the migration ends in
a traceback before it starts.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    [SOURCE]
    src_aws_region = us-east-1

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east-1

**Fix.** Merge the two sections into one.
"""

from congregate_lint.findings import Problem, Severity

from ._parse_events import events

ID = "P004"
NAME = "duplicate-section"
SEVERITY = Severity.ERROR
SUMMARY = "A [SECTION] appears twice: DuplicateSectionError."


def check(conf):
    for event in events(conf, "duplicate-section"):
        yield Problem(
            f"[{event.section}] is already opened at line {event.first_line}",
            section=event.section,
            line=event.line,
            column=event.column,
            explanation="Congregate's strict parser raises DuplicateSectionError (an uncaught traceback).",
            fix="Merge the two sections.",
        )
