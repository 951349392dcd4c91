"""A ``# comment`` or ``; comment`` after a value on the same line.

**Why it matters.** Congregate's ``ConfigParser()`` has no inline comments: the
comment becomes part of the value. Congregate's own CodeCommit setup document
does this, so ``src_aws_region`` becomes ``us-east-1            # e.g. us-east-1``
and boto3 raises ``InvalidRegionError``; a secret with a comment after it
usually no longer decodes. (When its base64 ends in ``=`` padding, decoding stops
there and the secret still decodes: that case is reported as info only.) A JSON value (``reporting``, ``sources``...) that ``json.loads``
accepts as written is left alone: JSON has no comments, so a ``#`` in it is
inside a string and meant.

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

import json
import re

from congregate_lint.findings import Problem, Severity
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.schema import key_info, known_sections, sections_with_key

ID = "P010"
NAME = "inline-comment"
SEVERITY = Severity.ERROR
SUMMARY = "A '# comment' after a value is kept in the value by Congregate's parser."
FIXABLE = True

# configparser's own rule for inline comments, had they been on: a prefix preceded by whitespace.
INLINE_COMMENT = re.compile(r"\s[#;]")
HARMLESS = (" Here it does no harm: Congregate's base64 decoding stops at the padding ('=') before the comment, "
            "so the secret still decodes as intended; but it would not after a different secret.")


def check(conf):
    for option in conf.all_options():
        if not option.continued and not INLINE_COMMENT.search(option.value_text):
            continue  # most values: one line, no comment (a file may hold 100,000s)
        for value_line in option.value_lines:
            match = INLINE_COMMENT.search(value_line.text)
            if match and _json_as_written(conf, option):
                break
            if match:
                harmless = not option.continued and _decodes_the_same(conf, option, match.start())
                yield Problem(
                    f"the text from '{match.group()[1]}' on is part of the value of '{option.key}'",
                    explanation="Congregate's parser has no inline comments." + (HARMLESS if harmless else ""),
                    fix="Move the comment to its own line above the key.",
                    section=option.section,
                    key=option.key,
                    line=value_line.line,
                    column=value_line.column + match.start() + 1,
                    severity=Severity.INFO if harmless else None,
                )
                break


def _json_as_written(conf, option):
    """A JSON-valued key that json.loads accepts as written: JSON has no comments, so a '#' in it is data."""
    if not any(key_info(section, option.key).get("type") == "json" for section in sections_with_key(option.key)):
        return False
    try:
        json.loads(conf.value(option.section, option.key) or "")
    except (ValueError, RecursionError):
        return False
    return True


def _decodes_the_same(conf, option, cut):
    """An obfuscated key whose base64 decoding ends before the comment: Congregate gets the secret without it."""
    readers = [option.section] if option.section in known_sections() else sections_with_key(option.key)
    source_type = (conf.value("SOURCE", "src_type") or "").lower()
    if not any(key_info(section, option.key).get("obfuscated")
               and source_type not in key_info(section, option.key).get("raw_for_src_types", []) for section in readers):
        return False
    text = option.value_text
    whole, before = deobfuscate(text), deobfuscate(text[:cut].rstrip())
    return whole.ok and before.ok and whole.text == before.text
