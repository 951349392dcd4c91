"""An indented ``[SECTION]`` header or ``key = value`` line that configparser reads as part of the value above.

**Why it matters.** ``ConfigParser`` treats a line indented deeper than the key
above it as a continuation of that key's value. An indented header therefore opens
no section: it becomes text inside the previous value, and every key under it lands
in the section above, where Congregate does not read it. An indented key line of a
key Congregate reads vanishes the same way. The findings that follow (missing keys,
keys in the wrong section, a broken value above) all come from this one line.

**Failing example**::

    [DESTINATION]
    import_user_id = 2
      [SOURCE]
    src_type = CodeCommit

**Passing example**::

    [DESTINATION]
    import_user_id = 2
    [SOURCE]
    src_type = CodeCommit

**Fix.** Remove the indentation so the header or key starts the line.
"""

from typing import Iterator, NamedTuple, Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Option, ValueLine
from congregate_lint.schema import sections_with_key

ID = "P014"
NAME = "indented-line"
SEVERITY = Severity.ERROR
SUMMARY = "An indented [SECTION] header or key line: configparser reads it as part of the value above."


class Swallowed(NamedTuple):
    """An indented header or key line a value swallowed: the option above, the line, what it looks like, its key."""

    option: Option
    line: ValueLine
    shown: str
    key: Optional[str]


def swallowed(conf) -> Iterator[Swallowed]:
    """Each header or key line (of a key Congregate reads) that the value above swallowed."""
    for option in conf.all_options():
        for value_line in option.continued:
            header = conf.parser.SECTCRE.match(value_line.text)
            if header:
                yield Swallowed(option, value_line, f"'[{header.group('header')}]'", None)
                continue
            match = conf.parser._optcre.match(value_line.text)
            key = conf.parser.optionxform(match.group("option").strip()) if match else None
            if key and sections_with_key(key):
                yield Swallowed(option, value_line, f"'{match.group('option').strip()} {match.group('vi')} …'", key)


def swallowed_key(conf, key: str) -> Optional[ValueLine]:
    """The indented line that was meant to set ``key``, if a value swallowed one."""
    return next((found.line for found in swallowed(conf) if found.key == key), None)


def check(conf):
    for found in swallowed(conf):
        what = "a section header (the keys below it stay in the section above)" if found.key is None else "a key"
        yield Problem(
            f"this indented line is read as part of the value of '{found.option.name}' above",
            section=found.option.section, key=found.option.key, line=found.line.line, column=found.line.column,
            explanation=(f"The line is {found.shown}; configparser continues a value on every line indented deeper "
                         f"than its key, so Congregate never sees this line as {what}."),
            fix="Remove the indentation so the line starts at the left margin.",
        )
