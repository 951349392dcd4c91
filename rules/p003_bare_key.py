"""A key written with no ``=`` and no value.

**Why it matters.** Congregate's ``ConfigParser()`` does not allow keys without
values (``allow_no_value=False``), so a bare key is a ``ParsingError`` and
Congregate exits before migrating. ``congregate configure`` writes exactly this
for ``src_aws_session_token`` when it cannot obfuscate the token.

**Failing example**::

    [SOURCE]
    src_aws_session_token

**Passing example**::

    [SOURCE]
    src_aws_session_token =

**Fix.** Add ``=`` and the value, or leave the value empty (empty means unset), or
delete the line.
"""

from congregate_lint.findings import Problem, Severity

from ._parse_events import events

ID = "P003"
NAME = "bare-key"
SEVERITY = Severity.ERROR
SUMMARY = "A key with no '=': configparser fails with ParsingError."


def check(conf):
    for event in events(conf, "bare-key"):
        yield Problem(
            f"'{event.key}' has no '=' after it",
            section=event.section,
            line=event.line,
            column=event.column,
            explanation="Congregate's parser does not allow keys without a value and fails with ParsingError.",
            fix=f"Write '{event.key} =' to leave it unset, give it a value, or delete the line.",
        )
