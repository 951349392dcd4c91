"""A ``# comment`` or ``; comment`` after a value on the same line.

**Why it matters.** Congregate's ``ConfigParser()`` has no inline comments: the
comment becomes part of the value. Congregate's own CodeCommit setup document
does this, so ``src_aws_region`` becomes ``us-east-1            # e.g. us-east-1``
and boto3 raises ``InvalidRegionError``; a secret with a comment after it no
longer decodes.

**Failing example**::

    [SOURCE]
    src_aws_region = us-east-1   # N. Virginia

**Passing example**::

    [SOURCE]
    # N. Virginia
    src_aws_region = us-east-1

**Fix.** Move the comment to its own line above the key
(``congregate-lint conf --fix`` does it).
"""

import re

from congregate_lint.findings import Problem, Severity

ID = "P010"
NAME = "inline-comment"
SEVERITY = Severity.ERROR
SUMMARY = "A '# comment' after a value is kept in the value by Congregate's parser."
FIXABLE = True

# configparser's own rule for inline comments, had they been on: a prefix preceded by whitespace.
INLINE_COMMENT = re.compile(r"\s[#;]")


def check(conf):
    for option in conf.all_options():
        for value_line in option.value_lines:
            match = INLINE_COMMENT.search(value_line.text)
            if match:
                yield Problem(
                    f"the text from '{match.group()[1]}' on is part of the value of '{option.key}': Congregate's "
                    "parser has no inline comments. Move the comment to its own line above the key.",
                    section=option.section,
                    key=option.key,
                    line=value_line.line,
                    column=value_line.column + match.start() + 1,
                )
                break
