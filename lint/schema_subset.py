"""A yes/no check against the shipped schemas, for the keywords they use, without importing jsonschema.

Most files are valid, and proving it takes a fraction of a millisecond; importing
jsonschema takes tens. So :func:`congregate_lint.schema.check_conf` (and the
project configuration's validation) asks this checker first and runs jsonschema,
the one producer of schema findings and configuration errors, only when the answer
is not "valid". The semantics are Draft 2020-12's as jsonschema
implements them (``pattern`` is ``re.search``, ``true`` is not ``1``), and a local
``$ref`` is read as :func:`congregate_lint.schema.validator` inlines it: the
definition's keywords, overridden by those written beside the ``$ref``. A schema
with any other keyword raises :class:`Unsupported`, and the caller falls back to
jsonschema. tests/test_schema_subset.py compares the answers with jsonschema's on
the corpus, the fixtures, generated confs and configurations, and fails on a
keyword this module would not check.
"""

import re
from typing import Any, Callable, Dict, List

# The keywords checked here; every other keyword is an annotation (below) or makes the schema Unsupported.
CHECKED = frozenset({
    "type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "properties",
    "required", "additionalProperties", "propertyNames", "items", "allOf", "anyOf", "oneOf", "not", "if", "then",
    "else", "$ref",
})
# Keywords that never change whether an instance is valid (``x-…`` keys are the project's metadata).
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"})
METADATA_PREFIX = "x-"
DEFINITIONS = "#/$defs/"
# A schema node made into a function of the instance: True when the instance is valid against it.
Check = Callable[[Any], bool]


class Unsupported(Exception):
    """The schema has a keyword this checker does not know: ask jsonschema."""


def is_valid(schema: Dict[str, Any], instance: Any) -> bool:
    """True when ``instance`` is valid against ``schema``; raises Unsupported for a keyword not handled here."""
    return Checker(schema).is_valid(instance)


class Checker:
    """Checks instances against one schema; keep it to check many.

    Each schema node becomes a function of the instance the first time it is visited (its ``$ref`` resolved, its
    keywords' checks one after the other, each short-circuiting as ``all`` does), so checking a file is a few calls
    per node and nothing is worked out twice. The checks of a node are a conjunction: the cheap ones (``type``,
    ``required``) go first, and ``properties`` checks ``required`` and ``additionalProperties`` in its walk. A
    keyword not handled here raises Unsupported when its check is reached; "not valid" and Unsupported both send
    the file to jsonschema, so only the order of those two answers can change, never a "valid".
    """

    def __init__(self, schema: Dict[str, Any]):
        self.schema = schema
        self.definitions = schema.get("$defs", {})
        self.merged: Dict[int, Dict[str, Any]] = {}
        self.compiled: Dict[int, Check] = {}

    def is_valid(self, instance: Any) -> bool:
        """True when ``instance`` is valid; raises Unsupported for a keyword not handled here."""
        return self.valid(self.schema, instance)

    def valid(self, schema: Any, instance: Any) -> bool:
        return self.check_of(schema)(instance)

    def check_of(self, schema: Any) -> Check:
        """The check of one schema node, made on its first visit."""
        check = self.compiled.get(id(schema))
        if check is None:
            check = self.compiled[id(schema)] = self._compile(schema)
        return check

    def _compile(self, schema: Any) -> Check:
        """The checks of one schema node in order (its annotations left out), as one function."""
        if schema is True or schema is False:
            return _always if schema else _never
        node = self._resolved(schema) if "$ref" in schema else schema
        checks: List[Check] = []
        for keyword, value in sorted(node.items(), key=lambda item: item[0] not in _CHEAP):
            if keyword in _KEYWORDS:
                checks.append(_KEYWORDS[keyword](self, value, node))
            elif keyword not in ANNOTATIONS and not keyword.startswith(METADATA_PREFIX) and keyword not in _PAIRED:
                checks.append(_unsupported(keyword))  # raised only if the keywords before it hold
        checks = [check for check in checks if check is not _always]
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]

        def every(instance: Any) -> bool:
            for check in checks:
                if not check(instance):
                    return False
            return True

        return every

    def _resolved(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        """The definition's keywords, overridden by the ones written beside ``$ref`` (as the validator inlines it)."""
        key = id(schema)
        if key not in self.merged:
            reference = schema["$ref"]
            if not reference.startswith(DEFINITIONS) or reference[len(DEFINITIONS):] not in self.definitions:
                raise Unsupported(reference)
            target = self.definitions[reference[len(DEFINITIONS):]]
            if not isinstance(target, dict):
                raise Unsupported(reference)
            if "$ref" in target:
                target = self._resolved(target)
            self.merged[key] = dict(target, **{name: value for name, value in schema.items() if name != "$ref"})
        return self.merged[key]

    # Each keyword's check, made from its value (and the node, for keywords read together).

    def _type(self, expected: Any, _node) -> Check:
        tests = [(_TYPE_TESTS.get(name) if isinstance(name, str) else None) or _unsupported(f"type {name!r}")
                 for name in (expected if isinstance(expected, list) else [expected])]
        return tests[0] if len(tests) == 1 else lambda instance: any(test(instance) for test in tests)

    def _enum(self, choices: Any, _node) -> Check:
        def check(instance: Any) -> bool:
            if isinstance(instance, str):  # _equal of a string is ==
                return instance in choices
            return any(_equal(instance, choice) for choice in choices)

        return check

    def _const(self, value: Any, _node) -> Check:
        return lambda instance: _equal(instance, value)

    def _pattern(self, pattern: str, _node) -> Check:
        try:
            search = re.compile(pattern).search
        except (re.error, TypeError):  # raised when the pattern is first used, as jsonschema does
            return lambda instance: not isinstance(instance, str) or re.search(pattern, instance) is not None
        return lambda instance: not isinstance(instance, str) or search(instance) is not None

    def _minimum(self, bound: Any, _node) -> Check:
        return lambda instance: not _is_number(instance) or instance >= bound

    def _maximum(self, bound: Any, _node) -> Check:
        return lambda instance: not _is_number(instance) or instance <= bound

    def _exclusive_minimum(self, bound: Any, _node) -> Check:
        return lambda instance: not _is_number(instance) or instance > bound

    def _exclusive_maximum(self, bound: Any, _node) -> Check:
        return lambda instance: not _is_number(instance) or instance < bound

    def _properties(self, properties: Dict[str, Any], node: Dict[str, Any]) -> Check:
        checks: Dict[str, Check] = {}  # each property's check, looked up once
        has_additional = "additionalProperties" in node
        additional = node.get("additionalProperties", True)
        required = node.get("required", ())  # checked here too, first (see _required)

        def check(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            for name in required:
                if name not in instance:
                    return False
            if has_additional:  # one walk for both keywords (see _additional)
                if "patternProperties" in node:
                    raise Unsupported("patternProperties")
                names = instance
            else:  # a condition names one section, a section's keys outnumber a file's: walk the shorter
                names = properties if len(properties) < len(instance) else instance
            for name in names:
                if name in properties:
                    value_check = checks.get(name)
                    if value_check is None:
                        value_check = checks[name] = self.check_of(properties[name])
                elif has_additional:
                    value_check = self.check_of(additional)
                else:
                    continue
                if name in instance and not value_check(instance[name]):
                    return False
            return True

        return check

    def _required(self, names: Any, node: Dict[str, Any]) -> Check:
        if "properties" in node:
            return _always  # checked by the properties' walk, before it

        def check(instance: Any) -> bool:
            if isinstance(instance, dict):
                for name in names:
                    if name not in instance:
                        return False
            return True

        return check

    def _additional(self, additional: Any, node: Dict[str, Any]) -> Check:
        if "properties" in node:
            return _always  # checked by the properties' walk
        known: Dict[str, Any] = {}

        def check(instance: Any) -> bool:
            if not isinstance(instance, dict):
                return True
            if "patternProperties" in node:
                raise Unsupported("patternProperties")
            return all(self.valid(additional, value) for name, value in instance.items() if name not in known)

        return check

    def _property_names(self, names: Any, _node) -> Check:
        return lambda instance: not isinstance(instance, dict) or all(self.valid(names, name) for name in instance)

    def _items(self, items: Any, node: Dict[str, Any]) -> Check:
        def check(instance: Any) -> bool:
            if "prefixItems" in node:
                raise Unsupported("prefixItems")
            return not isinstance(instance, list) or all(self.valid(items, item) for item in instance)

        return check

    def _all_of(self, schemas: Any, _node) -> Check:
        checks: List[Check] = []  # the subschemas' checks, each looked up when first reached

        def check(instance: Any) -> bool:
            for index, schema in enumerate(schemas):
                if index == len(checks):
                    checks.append(self.check_of(schema))
                if not checks[index](instance):
                    return False
            return True

        return check

    def _any_of(self, schemas: Any, _node) -> Check:
        return lambda instance: any(self.valid(schema, instance) for schema in schemas)

    def _one_of(self, schemas: Any, _node) -> Check:
        return lambda instance: sum(1 for schema in schemas if self.valid(schema, instance)) == 1

    def _not(self, schema: Any, _node) -> Check:
        return lambda instance: not self.valid(schema, instance)

    def _if(self, condition: Any, node: Dict[str, Any]) -> Check:
        then, otherwise = node.get("then", True), node.get("else", True)  # an absent branch holds

        def check(instance: Any) -> bool:
            return self.check_of(then if self.check_of(condition)(instance) else otherwise)(instance)

        return check


_KEYWORDS = {
    "type": Checker._type,
    "enum": Checker._enum,
    "const": Checker._const,
    "pattern": Checker._pattern,
    "minimum": Checker._minimum,
    "maximum": Checker._maximum,
    "exclusiveMinimum": Checker._exclusive_minimum,
    "exclusiveMaximum": Checker._exclusive_maximum,
    "properties": Checker._properties,
    "required": Checker._required,
    "additionalProperties": Checker._additional,
    "propertyNames": Checker._property_names,
    "items": Checker._items,
    "allOf": Checker._all_of,
    "anyOf": Checker._any_of,
    "oneOf": Checker._one_of,
    "not": Checker._not,
    "if": Checker._if,
}


def _always(_instance: Any) -> bool:
    return True


def _never(_instance: Any) -> bool:
    return False


def _unsupported(keyword: str) -> Check:
    def check(_instance: Any) -> bool:
        raise Unsupported(keyword)

    return check


# Keywords whose check is a type test or a few look-ups: checked before the others of their node.
_CHEAP = frozenset({"type", "required", "enum", "const"})
# Checked as part of another keyword: ``then``/``else`` by ``if``, ``$ref`` before the others.
_PAIRED = frozenset({"then", "else", "$ref"})
assert CHECKED == set(_KEYWORDS) | _PAIRED


def _is_number(instance: Any) -> bool:
    return isinstance(instance, (int, float)) and not isinstance(instance, bool)


# jsonschema's Draft 2020-12 type checker: a bool is no number, 1.0 is an integer.
_TYPE_TESTS: Dict[str, Check] = {
    "string": lambda instance: isinstance(instance, str),
    "object": lambda instance: isinstance(instance, dict),
    "array": lambda instance: isinstance(instance, list),
    "boolean": lambda instance: isinstance(instance, bool),
    "null": lambda instance: instance is None,
    "integer": lambda instance: not isinstance(instance, bool) and (
        isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())),
    "number": _is_number,
}


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: ``true`` is not ``1``, ``[1]`` is not ``[true]``, lists and objects compared deeply."""
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[key], two[key]) for key in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return one == two
