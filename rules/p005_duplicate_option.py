"""The same key written twice in one section (keys are case-insensitive).

**Why it matters.** Congregate's parser is strict: a repeated key raises
``DuplicateOptionError``, which Congregate does not catch. The template offers
alternative blocks that repeat ``src_type`` and ``import_user_id``; uncommenting
one without commenting out the other is the usual cause.

**Failing example**::

    [SOURCE]
    src_type = GitLab
    src_type = CodeCommit

**Passing example**::

    [SOURCE]
    # src_type = GitLab
    src_type = CodeCommit

**Fix.** Keep one of the two lines; which one is right is your call.
"""

from congregate_lint.findings import Problem, Severity

from ._parse_events import events

ID = "P005"
NAME = "duplicate-option"
SEVERITY = Severity.ERROR
SUMMARY = "A key appears twice in a section: DuplicateOptionError."


def check(conf):
    for event in events(conf, "duplicate-option"):
        yield Problem(
            f"'{event.key}' is set twice in [{event.section}], at lines {event.first_line} and {event.line}",
            section=event.section,
            key=event.key,
            line=event.line,
            column=event.column,
            explanation="Key names ignore case; Congregate's strict parser raises DuplicateOptionError (an uncaught "
                        "traceback).",
            fix="Keep one of them.",
        )
