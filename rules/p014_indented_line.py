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

from congregate_lint.findings import Problem, Severity
from congregate_lint.schema import sections_with_key

ID = "P014"
NAME = "indented-line"
SEVERITY = Severity.ERROR
SUMMARY = "An indented [SECTION] header or key line: configparser reads it as part of the value above."


def check(conf):
    for option in conf.all_options():
        for value_line in option.value_lines[1:]:
            what = _swallowed(conf, value_line.text)
            if what is not None:
                yield Problem(
                    f"this indented line {what} is read as part of the value of '{option.name}' above.",
                    section=option.section, key=option.key, line=value_line.line, column=value_line.column,
                    explanation=(f"configparser continues a value on every line indented deeper than its key, so "
                                 f"Congregate never sees this line as {_as(what)}."),
                    fix="Remove the indentation so the line starts at the left margin.",
                )


def _swallowed(conf, text):
    """'[NAME]' for a section header, 'key = …' for a key Congregate reads; None for ordinary value text."""
    header = conf.parser.SECTCRE.match(text)
    if header:
        return f"'[{header.group('header')}]'"
    option = conf.parser._optcre.match(text)
    if option and sections_with_key(conf.parser.optionxform(option.group("option").strip())):
        return f"'{option.group('option').strip()} {option.group('vi')} …'"
    return None


def _as(what):
    return "a section header (the keys below it stay in the section above)" if what.startswith("'[") else "a key"
