"""A line that is neither a section header, a ``key = value`` pair, a comment, nor an indented continuation.

**Why it matters.** ``ConfigParser`` collects every such line and then raises
``ParsingError``; Congregate prints "Failed to parse configuration" and exits.
Typical causes: a missing ``=``, a multi-line JSON value whose continuation lines
are not indented, or text pasted without its key.

**Failing example**::

    [DESTINATION]
    reporting = {
    "post_migration_issues": []
    }

**Passing example**::

    [DESTINATION]
    reporting = {
        "post_migration_issues": []
        }

**Fix.** Write ``key = value``, indent continuation lines, or make the line a
comment by starting it with ``#`` or ``;``.
"""

from congregate_lint.findings import Problem, Severity

from ._parse_events import events

ID = "P002"
NAME = "unparsable-line"
SEVERITY = Severity.ERROR
SUMMARY = "A line configparser cannot read: no '=' or ':' and not an indented continuation."


def check(conf):
    lines = conf.text.split("\n")
    for event in events(conf, "unparsable-line"):
        yield Problem(
            _what(lines[event.line - 1].strip()),
            section=event.section,
            line=event.line,
            column=event.column,
            explanation="Congregate's parser fails with ParsingError on it.",
            fix="Write 'key = value', indent it to continue the previous value, or comment it out with '#'.",
        )


def _what(text):
    """What is wrong with the line: configparser also rejects a '=' or ':' with no key before it."""
    if text[:1] in ("=", ":"):
        return f"this line has no key before its '{text[0]}'"
    return "this line has no '=' and is not an indented continuation of the value above"
