"""The repairs ``--fix`` makes, keyed by rule ID.

A fixer gets the parsed file, one finding of its rule and the file's original
bytes, and returns the byte-span edits that repair the finding, or None when
its repair does not apply (the finding then stays). A fixer never guesses: it
repairs only the one reading the finding leaves no doubt about.
"""

import json
from bisect import bisect_right
from functools import lru_cache
from re import Pattern
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from jsonschema import Draft202012Validator

from congregate_lint.fixing.edits import Document, Edit
from congregate_lint.findings import Finding
from congregate_lint.model import DEFAULT_SECTION, Conf, Option, ValueLine, percents
from congregate_lint.obfuscation import deobfuscate, obfuscate
from congregate_lint.rules.p010_inline_comment import INLINE_COMMENT
from congregate_lint.schema import METADATA, key_info, key_schema, load_schema
from congregate_lint.shapes import (
    ACCESS_KEY_ID, AZURE_DEVOPS_PAT, GIT_PASSWORD, GITHUB_TOKEN, GITLAB_TOKEN, SECRET_ACCESS_KEY, SESSION_TOKEN,
)
from congregate_lint.suppression import _DIRECTIVE as SUPPRESSION_DIRECTIVE

Fixer = Callable[[Conf, Finding, Document], Optional[List[Edit]]]

# The raw shapes of the generic obfuscated keys S009 reports; a key with no known shape is never obfuscated.
GENERIC_SECRET_SHAPES: Dict[str, Tuple[Pattern, ...]] = {
    "dstn_access_token": (GITLAB_TOKEN,),
    "src_access_token": (GITLAB_TOKEN, GITHUB_TOKEN),
    "s3_access_key_id": (ACCESS_KEY_ID,),
    "s3_secret_access_key": (SECRET_ACCESS_KEY,),
}


def written_option(conf: Conf, section: Optional[str], key: Optional[str]) -> Optional[Option]:
    """The option as written under ``section`` ([DEFAULT] included), not one inherited."""
    if section is None or key is None:
        return None
    if section == DEFAULT_SECTION:
        return conf.defaults.options.get(key) if conf.defaults else None
    owner = conf.sections.get(section)
    return owner.options.get(key) if owner else None


def _span(document: Document, line: int, column: int, length: int, text: str) -> Edit:
    start = document.offset(line, column)
    end = document.offset(line, column + length)
    return Edit(start, end, text.encode("utf-8"))


# --- P006 utf8-bom ---------------------------------------------------------------------------------------------

def strip_bom(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """Delete the byte-order mark."""
    return [Edit(0, document.bom)] if document.bom else None


# --- P009 interpolation-error ----------------------------------------------------------------------------------

def bare_percents(value: str) -> List[int]:
    """Where ``value`` has a ``%`` that is neither ``%%`` nor a valid ``%(name)s``: configparser's syntax errors."""
    return [percent.start for percent in percents(value) if percent.name is None]


def escape_percents(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """Write ``%%`` for each bare ``%``; ``%%`` and ``%(name)s`` references are left as written.

    One edit per value line, from its first bare ``%`` to its last (a line of
    40,000 of them is one edit, not 40,000).
    """
    option = written_option(conf, finding.section, finding.key)
    if option is None or any(INLINE_COMMENT.search(line.text) for line in option.value_lines):
        return None  # P010 moves the comment out first, so a '%' in it is never escaped
    lines = option.value_lines
    starts = _line_starts(lines)
    bare: Dict[int, List[int]] = {}
    for position in bare_percents("\n".join(line.text for line in lines)):
        index = bisect_right(starts, position) - 1
        bare.setdefault(index, []).append(position - starts[index])
    return [_escaped(document, lines[index], positions) for index, positions in bare.items()] or None


def _escaped(document: Document, line: ValueLine, positions: List[int]) -> Edit:
    """The edit that doubles the '%' at each of ``positions`` (ascending columns from 0) of one value line."""
    first, last = positions[0], positions[-1]
    pieces, previous = [], first
    for position in positions:
        pieces.append(line.text[previous:position] + "%%")
        previous = position + 1
    return Edit(document.offset(line.line, line.column + first), document.offset(line.line, line.column + last) + 1,
                "".join(pieces).encode("utf-8"))  # '%' is one byte


def _line_starts(lines: Sequence[ValueLine]) -> List[int]:
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line.text) + 1
    return starts


# --- P010 inline-comment ---------------------------------------------------------------------------------------

def move_inline_comment(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """Cut the comment off the value line and write it on its own line above the key, indented like the key."""
    option = written_option(conf, finding.section, finding.key)
    value_line = next((line for line in option.value_lines if line.line == finding.line), None) if option else None
    match = INLINE_COMMENT.search(value_line.text) if value_line else None
    if match is None:
        return None
    kept = value_line.text[:match.start()].rstrip()
    comment = value_line.text[match.start():].strip()
    cut = Edit(document.offset(value_line.line, value_line.column + len(kept)), document.line_end(value_line.line))
    key_start = document.offset(option.line, option.column)
    indent = document.data[document.line_start(option.line):key_start]
    if indent.strip(b" \t"):
        indent = b""  # indented with other whitespace (a form feed, say): not copied, the comment starts the line
    line = _above_directives(document, option.line)
    start = document.line_start(line)
    above = Edit(start, start, indent + comment.encode("utf-8") + document.ending(line))
    return [cut, above]


def _above_directives(document: Document, line: int) -> int:
    """The line to insert above: the key's, or the top of the ``# congregate-lint:`` comments right above it,
    which apply to the line directly below them and must keep doing so."""
    while line > 1 and SUPPRESSION_DIRECTIVE.match(document.line_text(line - 1)):
        line -= 1
    return line


# --- S002 unknown-key (renames) --------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def rename_table() -> Dict[Tuple[str, str], str]:
    """(section, old key) → the key Congregate reads now, from the schema's ``renamed_from`` and ``misnamed_as``.

    ``renamed_from`` names ``SECTION.key``, ``misnamed_as`` a key of the same
    section. Only renames within one section are fixes: a key that moved to
    another section, or whose old section is not this one, is left to the user.
    """
    table: Dict[Tuple[str, str], str] = {}
    for section, properties in load_schema().get("properties", {}).items():
        for key, schema in properties.get("properties", {}).items():
            info = schema.get(METADATA, {})
            for old in [*info.get("renamed_from", []), *info.get("misnamed_as", [])]:
                old_section, _, old_key = old.rpartition(".")
                if old_section in ("", section):
                    table[(section, old_key.lower())] = key
    return table


def rename_key(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """Rename a misnamed or historical key to the name Congregate reads.

    Not when the new name is already set (here or in [DEFAULT]), when two old
    keys would take the same new name, or when the value does not fit the new
    key (a rename that also changed the value's meaning, such as
    ``post_migration_issues`` → the ``reporting`` JSON).
    """
    option = written_option(conf, finding.section, finding.key)
    table = rename_table()
    target = table.get((option.section, option.key)) if option else None
    if target is None or conf.parser.has_option(option.section, target):
        return None
    owner = conf.defaults if option.section == DEFAULT_SECTION else conf.sections[option.section]
    rivals = [key for key in owner.options if key != option.key and table.get((option.section, key)) == target]
    written = document.line_text(option.line)[option.column - 1:option.column - 1 + len(option.name)]
    if rivals or written.lower() != option.key or not _fits(conf.value(option.section, option.key), option.section, target):
        return None
    return [_span(document, option.line, option.column, len(option.name), target)]


def _fits(value: Optional[str], section: str, key: str) -> bool:
    """True when the schema accepts ``value`` (as Congregate reads it) for ``section.key``; an unset value fits."""
    if value is None:
        return True
    info = key_info(section, key)
    converted: Any = value.lower() if info.get("lower_case") else value
    if info.get("type") == "json":
        try:
            converted = json.loads(value)
        except ValueError:
            return False
    schema = {"$defs": load_schema().get("$defs", {}), **key_schema(section, key)}
    return Draft202012Validator(schema).is_valid(converted)


# --- obfuscation (S009, C003, C004, C006) ----------------------------------------------------------------------

def obfuscation_fixer(*shapes: Pattern) -> Fixer:
    """A fixer that base64-encodes a raw value of one of ``shapes``, the way ``congregate obfuscate`` does."""

    def fix(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
        return _obfuscate(conf, finding, document, shapes)

    return fix


def obfuscate_generic_secret(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """S009: obfuscate a raw token whose shape is known for its key (never a free-form password)."""
    shapes = GENERIC_SECRET_SHAPES.get(finding.key or "", ())
    source_type = (conf.value("SOURCE", "src_type") or "").strip().lower()
    if source_type in key_info(finding.section or "", finding.key or "").get("raw_for_src_types", []):
        return None  # Azure DevOps reads src_access_token as written
    return _obfuscate(conf, finding, document, shapes) if shapes else None


def obfuscate_session_token(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """C004: obfuscate a raw session token, unless the access key is a long-term AKIA key (the token must go)."""
    key_id = (conf.value("SOURCE", "src_aws_access_key_id") or "").strip()
    return None if key_id.startswith("AKIA") else _obfuscate(conf, finding, document, (SESSION_TOKEN,))


def _obfuscate(conf: Conf, finding: Finding, document: Document, shapes: Sequence[Pattern]) -> Optional[List[Edit]]:
    """Encode the value when it is one raw line of an expected shape and Congregate cannot already decode it.

    A value Congregate decodes without error is never encoded again, so a fix
    can never double-encode a secret.
    """
    option = written_option(conf, finding.section, finding.key) or (
        conf.option(finding.section, finding.key) if finding.section and finding.key else None
    )
    if option is None or len(option.value_lines) != 1:
        return None
    line = option.value_lines[0]
    raw = line.text
    if conf.raw(option.section, option.key) != raw or deobfuscate(raw).ok:
        return None
    if not raw.isascii() or not any(shape.fullmatch(raw) for shape in shapes):
        return None
    return [_span(document, line.line, line.column, len(raw), obfuscate(raw))]


def colon_pat(conf: Conf, finding: Finding, document: Document) -> Optional[List[Edit]]:
    """A002: store the base64 of ':PAT' for a raw Azure DevOps PAT, or for the base64 of the bare PAT."""
    option = written_option(conf, finding.section, finding.key)
    if option is None or len(option.value_lines) != 1:
        return None
    line = option.value_lines[0]
    raw = line.text
    if conf.raw(option.section, option.key) != raw or not raw.isascii():
        return None
    decoded = deobfuscate(raw)
    if AZURE_DEVOPS_PAT.fullmatch(raw):
        pat = raw
    elif decoded.ok and AZURE_DEVOPS_PAT.fullmatch(decoded.text or ""):
        pat = decoded.text
    else:
        return None
    return [_span(document, line.line, line.column, len(raw), obfuscate(":" + pat))]


# In the order fixes are tried: a comment leaves the value first, so its text is never escaped or encoded with it.
FIXERS: Dict[str, Fixer] = {
    "P010": move_inline_comment,
    "P006": strip_bom,
    "P009": escape_percents,
    "S002": rename_key,
    "S009": obfuscate_generic_secret,
    "C003": obfuscation_fixer(SECRET_ACCESS_KEY),
    "C004": obfuscate_session_token,
    "C006": obfuscation_fixer(GIT_PASSWORD),
    "A002": colon_pat,
}
