"""The shipped JSON Schema of congregate.conf and the per-key metadata the rules read from it.

jsonschema judges every file that is not valid; it is imported only then (see
:mod:`congregate_lint.schema_subset` for how a valid file is recognised without it).
"""

import json
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import (TYPE_CHECKING, AbstractSet, Any, Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Sequence,
                    Set, Tuple)

from congregate_lint import schemas, schema_subset
from congregate_lint.model import DEFAULT_SECTION, Conf, Option

if TYPE_CHECKING:  # pragma: no cover
    from jsonschema import Draft202012Validator, ValidationError

SCHEMA_FILE = "congregate.conf.schema.json"
METADATA = "x-congregate"
_SECRET_WORDS = r"token|password|secret|passwd|pwd|access_key"
_SECRET_NAME = re.compile(_SECRET_WORDS, re.IGNORECASE)
# The same words in a lower-cased ASCII name: the same answer there, searched several times faster.
_SECRET_NAME_ASCII = re.compile(_SECRET_WORDS)
_SECRET_WORD_LIST = tuple(_SECRET_WORDS.split("|"))


@lru_cache(maxsize=None)
def schema_text() -> str:
    return schemas.read(SCHEMA_FILE)


@lru_cache(maxsize=None)
def load_schema() -> Dict[str, Any]:
    return json.loads(schema_text())


def section_schema(section: str) -> Dict[str, Any]:
    return load_schema().get("properties", {}).get(section, {})


def key_schema(section: str, key: str) -> Dict[str, Any]:
    # Not cached per (section, key): a file may hold any number of names, and the look-up is two dict reads.
    return _properties().get(section, _EMPTY).get(key, _EMPTY)


_EMPTY: Dict[str, Any] = {}


@lru_cache(maxsize=None)
def _properties() -> Dict[str, Dict[str, Any]]:
    """Section → its keys' schemas."""
    return {name: schema.get("properties", {}) for name, schema in load_schema().get("properties", {}).items()}


def key_info(section: str, key: str) -> Dict[str, Any]:
    """The ``x-congregate`` metadata of a key (empty for an unknown key)."""
    return key_schema(section, key).get(METADATA, {})


def is_known(section: str, key: str) -> bool:
    return bool(key_schema(section, key))


def known_keys(section: str) -> FrozenSet[str]:
    """The keys ``is_known`` in a section, for testing many names of one section."""
    return _known_keys().get(section, _NONE_KNOWN)


def known_secret_keys(section: str) -> FrozenSet[str]:
    """The known keys of a section that ``is_secret``."""
    return _known_secret_keys().get(section, _NONE_KNOWN)


_NONE_KNOWN: FrozenSet[str] = frozenset()


@lru_cache(maxsize=None)
def _known_keys() -> Dict[str, FrozenSet[str]]:
    return {section: frozenset(key for key, schema in keys.items() if schema)
            for section, keys in _properties().items()}


@lru_cache(maxsize=None)
def _known_secret_keys() -> Dict[str, FrozenSet[str]]:
    return {section: frozenset(key for key in keys if is_secret(section, key))
            for section, keys in _known_keys().items()}


def is_secret(section: str, key: str) -> bool:
    """Secret or obfuscated in the schema; an unknown key is secret when its name suggests a credential."""
    if is_known(section, key):
        info = key_info(section, key)
        return bool(info.get("secret") or info.get("obfuscated"))
    return is_secret_name(key)


def is_secret_name(key: str) -> bool:
    """Whether an unknown key is secret: its name is secret in some section, or suggests a credential."""
    if key in _secret_anywhere():
        return True
    return bool(_SECRET_NAME_ASCII.search(key.lower()) if key.isascii() else _SECRET_NAME.search(key))


def secret_names_among(names: Sequence[str]) -> Set[str]:
    """Those of ``names`` that :func:`is_secret_name` holds for. In ASCII names, each secret word is looked for
    (in C) through one text joining them all, not name by name (a file may hold 100,000s)."""
    found = _secret_anywhere().intersection(names)
    joined = "\n".join(names)
    if not joined.isascii() or joined.count("\n") != len(names) - 1:
        found.update(name for name in names if is_secret_name(name))
        return found
    lowered = joined.lower()
    index = at = 0
    for position in sorted(position for word in _SECRET_WORD_LIST for position in _occurrences(lowered, word)):
        index += lowered.count("\n", at, position)
        at = position
        found.add(names[index])
    return found


def _occurrences(text: str, word: str) -> Iterator[int]:
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + 1)


@lru_cache(maxsize=None)
def _secret_anywhere() -> Set[str]:
    """The keys that are secret in some section."""
    return {key for section, keys in _properties().items() for key in keys if is_known(section, key) and is_secret(section, key)}


# ---------------------------------------------------------------------------------------------------------------
# Validating a file against the schema, and naming the key behind each jsonschema error.

CONDITION_RULE = "x-congregate-rule"
CONDITION_KEY = "x-congregate-key"
CONDITION_TRIGGER = "x-congregate-trigger"
CONDITION_REASON = "x-congregate-reason"
CONDITION_SUMMARY = "x-congregate-problem"
CONDITION_FIX = "x-congregate-fix"
CONDITION_SEVERITY = "x-congregate-severity"
JSON_WARNING_KEYWORDS = {"additionalProperties"}


class Violation(NamedTuple):
    """One way a file breaks the schema, tied to the section and key it is about.

    ``keyword`` is the JSON Schema keyword that failed (``json`` when ``json.loads``
    rejects the value); ``path`` is the place inside a JSON value; ``value`` the
    offending value or name; ``expected`` what the keyword asked for. Conditional
    requirements carry the schema's ``reason`` and the ``trigger`` key that makes
    them apply, and ``summary`` states what is wrong when that is more than a
    missing key, and ``fix`` what to change then. ``line``/``column`` are set only
    for places inside a JSON value.
    """

    rule: str
    section: str
    key: Optional[str] = None
    keyword: str = ""
    path: Tuple[Any, ...] = ()
    value: Any = None
    expected: Any = None
    reason: Optional[str] = None
    summary: Optional[str] = None
    fix: Optional[str] = None
    trigger: Optional[Tuple[str, str]] = None
    severity: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None


class SchemaResult(NamedTuple):
    """The instance built from one file and the violations found in it (the list grows as they are found)."""

    instance: Dict[str, Dict[str, Any]]
    violations: List[Violation]

    def by_rule(self) -> Dict[str, List[Violation]]:
        """The violations of each rule, in order."""
        found: Dict[str, List[Violation]] = {}
        for violation in self.violations:
            found.setdefault(violation.rule, []).append(violation)
        return found


@lru_cache(maxsize=None)
def validator() -> "Draft202012Validator":
    """The schema's validator, built once per process, with its local ``$ref``s inlined (resolving them is slow)."""
    from jsonschema import Draft202012Validator  # tens of milliseconds to import: only for a file that is not valid

    schema = load_schema()
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


@lru_cache(maxsize=None)
def subset_checker() -> schema_subset.Checker:
    return schema_subset.Checker(load_schema())


def is_valid(instance: Dict[str, Any]) -> bool:
    """Whether the instance is valid: the quick subset checker's answer, jsonschema's when the schema is beyond it."""
    try:
        return subset_checker().is_valid(instance)
    except schema_subset.Unsupported:
        return validator().is_valid(instance)


def _inline_refs(node: Any, definitions: Dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_inline_refs(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _inline_refs(value, definitions) for key, value in node.items() if key != "$ref"}
    reference = node.get("$ref", "")
    if reference.startswith("#/$defs/"):
        return dict(_inline_refs(definitions[reference[len("#/$defs/"):]], definitions), **copy)
    if reference:
        copy["$ref"] = reference
    return copy


@lru_cache(maxsize=None)
def known_sections() -> Tuple[str, ...]:
    return tuple(name for name in load_schema()["properties"] if name != DEFAULT_SECTION)


def keys_read_somewhere() -> AbstractSet[str]:
    """The keys some section Congregate reads knows."""
    return _sections_by_key().keys()


def sections_with_key(key: str) -> List[str]:
    """The sections Congregate reads ``key`` from."""
    return list(_sections_by_key().get(key, ()))


@lru_cache(maxsize=None)
def _sections_by_key() -> Dict[str, Tuple[str, ...]]:
    found: Dict[str, List[str]] = {}
    for section in known_sections():
        for key in _properties().get(section, _EMPTY):
            found.setdefault(key, []).append(section)
    return {key: tuple(sections) for key, sections in found.items()}


def section_keys(section: str) -> List[str]:
    return list(section_schema(section).get("properties", {}))


def read_keys(conf: Conf) -> Iterator[Tuple[str, str]]:
    """(section, key) of each key written (or inherited from [DEFAULT]) where Congregate reads it."""
    defaults = conf.parser._defaults
    read = keys_read_somewhere()
    read_somewhere = [key for key in defaults if key in read]  # [DEFAULT] may hold 100,000s
    for section in known_sections():
        if section in conf.sections:
            known = _properties().get(section, _EMPTY)
            own = conf.parser._sections[section]
            # parser.options(section): its own keys, then those of [DEFAULT] it does not have, each in file order.
            yield from ((section, key) for key in own if key in known)
            yield from ((section, key) for key in read_somewhere if key not in own and key in known)


def interpolation_sources(conf: Conf) -> Set[Tuple[str, str]]:
    """(section, key) as written of every option a key Congregate reads takes text from through ``%(name)s``."""
    return {(option.section, option.key) for section, key in read_keys(conf) for option in conf.references(section, key)}


def removed_note(section: str, key: str) -> Optional[str]:
    """Why Congregate no longer reads ``section.key``, if it once did."""
    return load_schema().get("x-congregate-removed", {}).get(f"{section}.{key}")


def renamed_section(name: str) -> Optional[str]:
    return load_schema().get("x-congregate-renamed-sections", {}).get(name)


def renamed_to(section: str, key: str) -> Optional[Tuple[str, str]]:
    """The key that replaced an old name: one renamed from ``section.key``, else from ``key`` in any section."""
    exact, anywhere = _renames()
    return exact.get((section, key)) or anywhere.get(key)


@lru_cache(maxsize=None)
def _renames() -> Tuple[Dict[Tuple[str, str], Tuple[str, str]], Dict[str, Tuple[str, str]]]:
    """Old (section, key) → new (section, key), and old key → the first new (section, key) in schema order."""
    exact: Dict[Tuple[str, str], Tuple[str, str]] = {}
    anywhere: Dict[str, Tuple[str, str]] = {}
    for known in known_sections():
        for name, schema in section_schema(known).get("properties", {}).items():
            for old in schema.get(METADATA, {}).get("renamed_from", []):
                old_section, _, old_key = old.partition(".")
                exact.setdefault((old_section, old_key), (known, name))
                anywhere.setdefault(old_key, (known, name))
    return exact, anywhere


def misnamed_for(key: str) -> Optional[Tuple[str, str]]:
    """The key a known wrong spelling stands for (names some writer of congregate.conf gets wrong)."""
    return misnamed_keys().get(key)


@lru_cache(maxsize=None)
def misnamed_keys() -> Dict[str, Tuple[str, str]]:
    """Each known wrong spelling → the (section, key) it stands for."""
    found: Dict[str, Tuple[str, str]] = {}
    for known in known_sections():
        for name, schema in section_schema(known).get("properties", {}).items():
            for wrong in schema.get(METADATA, {}).get("misnamed_as", []):
                found.setdefault(wrong, (known, name))
    return found


def build_instance(conf: Conf) -> Tuple[Dict[str, Dict[str, Any]], List[Violation], List[Option]]:
    """{section: {key: value}} with the values Congregate gets for the keys it knows; the violations found on the
    way (JSON values ``json.loads`` rejects, sections Congregate does not read); and each option set in a section
    Congregate reads that it does not read there.

    An empty, unset or interpolation-broken value is left out. ``[DEFAULT]`` keys
    are added to the sections that read them; ``[DEFAULT]`` itself lists names only,
    and its names no section reads are unknown whatever their value. Unknown sections
    and keys stay out of the instance: only their names matter, and jsonschema would
    walk each of them to say so (200,000 keys take seconds).
    """
    instance: Dict[str, Dict[str, Any]] = {}
    found: List[Violation] = []
    unknown: List[Option] = []
    inherited: List[str] = []
    if conf.defaults is not None:
        read = keys_read_somewhere()
        inherited = [key for key in conf.defaults.options if key in read]
        instance[DEFAULT_SECTION] = dict.fromkeys(inherited, "")
        unknown.extend(option for key, option in conf.defaults.options.items() if key not in read)
    for name, section in conf.sections.items():
        if name not in known_sections():
            found.append(Violation("S001", name, None, "additionalProperties"))  # its keys are not Congregate's
            continue
        instance[name] = values = {}
        known = _properties().get(name, _EMPTY)
        raw_values = conf.parser._sections[name]
        for key, option in section.options.items():
            if key not in known:
                raw = raw_values.get(key)
                if raw and ("%" not in raw or conf.value(name, key) is not None):
                    unknown.append(option)
                continue
            _add_value(conf, name, key, values, found)
        for key in inherited:
            if key not in section.options and key in known:
                _add_value(conf, name, key, values, found)
    return instance, found, unknown


def _add_value(conf: Conf, section: str, key: str, values: Dict[str, Any], bad_json: List[Violation]) -> None:
    """The value Congregate gets for a key it knows, as the schema checks it, unless it is unset."""
    value = conf.value(section, key)
    if value is not None:
        converted = _convert(conf, section, key, value, bad_json)
        if converted is not _UNREADABLE:
            values[key] = converted


_UNREADABLE = object()


def _as_getint_reads(value: str) -> str:
    """The number ``getint`` makes of the value, in plain digits (``+0_0`` and ``٠`` are both ``0``), else the value."""
    try:
        return str(int(value))
    except ValueError:
        return value


def _convert(conf: Conf, section: str, key: str, value: str, bad_json: List[Violation]) -> Any:
    info = key_info(section, key)
    if info.get("lower_case"):
        return value.lower()
    if info.get("type") == "integer":
        return _as_getint_reads(value)
    if info.get("type") != "json":
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as error:
        line, column = ValuePlaces(conf, section, key, value).at(error.pos)
        bad_json.append(Violation("S005", section, key, "json", value=error.msg, line=line, column=column))
    except (RecursionError, ValueError) as error:
        bad_json.append(Violation("S005", section, key, "json", value=type(error).__name__))
    return _UNREADABLE


class ValuePlaces:
    """Maps character offsets of a (multi-line) value Congregate read to the file's lines and columns."""

    def __init__(self, conf: Conf, section: str, key: str, value: str):
        option = conf.option(section, key)
        texts = value.split("\n")
        self.starts = list(accumulate([0] + [len(text) + 1 for text in texts[:-1]]))
        self.fallback: Tuple[Optional[int], Optional[int]] = (None, None)
        self.places: List[Any] = []
        if option is not None and option.value_lines:
            # Blank continuation lines are in the value but have no ValueLine; comment lines are in neither.
            written = iter(option.value_lines[1:])
            self.places = [option.value_lines[0]] + [next(written, None) if text.strip() else None for text in texts[1:]]
            self.fallback = (option.line, option.column)

    def at(self, offset: int) -> Tuple[Optional[int], Optional[int]]:
        row = bisect_right(self.starts, offset) - 1
        place = self.places[row] if 0 <= row < len(self.places) else None
        if place is None:
            return self.fallback
        return place.line, place.column + offset - self.starts[row]


# The last file checked: every S rule asks about the same Conf in turn, and it is validated once.
_last: Optional["_Checked"] = None


def check_conf(conf: Conf) -> SchemaResult:
    """Validate one file; the result is kept for the rules that ask next about the same Conf."""
    return _checked(conf).result


class _Checked(NamedTuple):
    """One file's schema result, its violations grouped by rule, and the options Congregate does not read where
    they are written (with the places a key it reads takes text from), whose violations are made as asked for."""

    conf: Conf
    result: SchemaResult
    by_rule: Dict[str, List[Violation]]
    unknown: List[Option]
    variables: Set[Tuple[str, str]]


def _checked(conf: Conf) -> _Checked:
    """The file's result and violations, worked out once (each S rule asks for its own)."""
    global _last
    if _last is None or _last.conf is not conf:
        instance, found, unknown = build_instance(conf)
        result = SchemaResult(instance, found)
        if not is_valid(instance):
            _add_violations(conf, result)
        _last = _Checked(conf, result, result.by_rule(), unknown, interpolation_sources(conf) if unknown else set())
    return _last


def _add_violations(conf: Conf, result: SchemaResult) -> None:
    """jsonschema's errors for the instance, as violations tied to sections and keys, each once."""
    seen = set()
    for error in validator().iter_errors(result.instance):
        for violation in _classify(conf, error):
            identity = (violation.rule, violation.section, violation.key, violation.keyword, violation.path)
            if identity not in seen:
                seen.add(identity)
                result.violations.append(violation)


def violations(conf: Conf, rule: str) -> Iterator[Violation]:
    """The rule's violations; S008's are made one by one as they are asked for (a file may hold 100,000s). S002
    works on the options themselves (unread_options)."""
    if rule == "S008":
        elsewhere = _sections_by_key()
        return (Violation("S008", option.section, option.key, "additionalProperties",
                          expected=list(elsewhere[option.key])) for option in unread_options(conf, rule))
    return iter(_checked(conf).by_rule.get(rule, ()))


def _classify(conf: Conf, error: "ValidationError") -> Iterator[Violation]:
    schema_path = list(error.absolute_schema_path)
    path = list(error.absolute_path)
    if schema_path[:1] == ["allOf"]:
        yield from _conditional(conf, error, _condition_metadata(schema_path))
    elif len(path) >= 2:
        yield _value_violation(error, path)


def unread_options(conf: Conf, rule: str) -> Iterator[Option]:
    """The options Congregate does not read where they are written that ``rule`` reports: S008 those another
    section reads, S002 the others; neither a key that a key Congregate reads takes text from through
    ``%(name)s`` (it is not ignored after all)."""
    checked = _checked(conf)
    elsewhere, variables, wrong_section = _sections_by_key(), checked.variables, rule == "S008"
    for option in checked.unknown:
        section, key = option.section, option.key
        if variables and (section, key) in variables:
            continue
        if (section != DEFAULT_SECTION and key in elsewhere) == wrong_section:
            yield option


def _value_violation(error: "ValidationError", path: List[Any]) -> Violation:
    section, key, inner = path[0], path[1], tuple(path[2:])
    info = key_info(section, key)
    common = dict(keyword=error.validator, path=inner, value=error.instance, expected=error.validator_value)
    if info.get("type") == "json":
        if error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            common.update(value=[name for name in error.instance if name not in allowed], expected=allowed)
        severity = "warning" if error.validator in JSON_WARNING_KEYWORDS else None
        return Violation("S005", section, key, severity=severity, **common)
    if error.validator == "enum":
        return Violation("S006", section, key, severity=info.get("choice_severity"), **common)
    if error.validator == "pattern" and error.validator_value == load_schema()["$defs"]["boolean"]["pattern"]:
        return Violation("S004", section, key, **common)
    return Violation("S003", section, key, **common)


def _condition_metadata(schema_path: List[Any]) -> Dict[str, Any]:
    """The ``x-congregate-*`` keys met on the way down to a failing keyword; inner ones win."""
    metadata: Dict[str, Any] = {}
    node: Any = load_schema()
    for step in schema_path:
        if isinstance(node, dict):
            metadata.update((key, value) for key, value in node.items() if key.startswith("x-congregate-"))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return metadata


def _conditional(conf: Conf, error: "ValidationError", condition: Dict[str, Any]) -> Iterator[Violation]:
    section, key = condition[CONDITION_KEY]
    if error.validator == "required" and _interpolation_broken(conf, section, key):
        return  # P009 reports it; the key is written, Congregate just cannot read it
    trigger = condition.get(CONDITION_TRIGGER)
    value = error.instance if error.validator == "pattern" or list(error.absolute_path) == [section, key] else None
    yield Violation(
        condition[CONDITION_RULE], section, key, error.validator, value=value,
        reason=condition.get(CONDITION_REASON), summary=condition.get(CONDITION_SUMMARY),
        fix=condition.get(CONDITION_FIX), trigger=tuple(trigger) if trigger else None,
        severity=condition.get(CONDITION_SEVERITY),
    )


def _interpolation_broken(conf: Conf, section: str, key: str) -> bool:
    return section in conf.sections and conf.interpolation_error(section, key) is not None


def obfuscated_leaves(section: str, key: str, value: Any) -> Iterator[Tuple[Tuple[Any, ...], str]]:
    """(path, text) of each string inside a JSON value that the schema marks obfuscated."""
    yield from _leaves(key_schema(section, key), value, ())


def _leaves(schema: Dict[str, Any], value: Any, path: Tuple[Any, ...]) -> Iterator[Tuple[Tuple[Any, ...], str]]:
    if schema.get(METADATA, {}).get("obfuscated") and isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                yield from _leaves(properties[name], item, path + (name,))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _leaves(schema["items"], item, path + (index,))
