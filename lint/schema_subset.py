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
from typing import Any, Callable, Dict, List, Tuple

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


class Unsupported(Exception):
    """The schema has a keyword this checker does not know: ask jsonschema."""


def is_valid(schema: Dict[str, Any], instance: Any) -> bool:
    """True when ``instance`` is valid against ``schema``; raises Unsupported for a keyword not handled here."""
    return Checker(schema).is_valid(instance)


class Checker:
    """Checks instances against one schema; keep it to check many (resolved ``$ref``s are kept)."""

    def __init__(self, schema: Dict[str, Any]):
        self.schema = schema
        self.definitions = schema.get("$defs", {})
        self.merged: Dict[int, Dict[str, Any]] = {}
        self.plans: Dict[int, List[Tuple[Callable, Any, Dict[str, Any]]]] = {}

    def is_valid(self, instance: Any) -> bool:
        """True when ``instance`` is valid; raises Unsupported for a keyword not handled here."""
        return self.valid(self.schema, instance)

    def valid(self, schema: Any, instance: Any) -> bool:
        if schema is True or schema is False:
            return schema
        plan = self.plans.get(id(schema))
        if plan is None:
            plan = self.plans[id(schema)] = self._plan(schema)
        return all(check(self, value, instance, node) for check, value, node in plan)

    def _plan(self, schema: Dict[str, Any]) -> List[Tuple[Callable, Any, Dict[str, Any]]]:
        """The checks of one schema node in order (its annotations left out), worked out once per node."""
        node = self._resolved(schema) if "$ref" in schema else schema
        plan = []
        for keyword, value in node.items():
            if keyword in _KEYWORDS:
                plan.append((_KEYWORDS[keyword], value, node))
            elif keyword not in ANNOTATIONS and not keyword.startswith(METADATA_PREFIX) and keyword not in _PAIRED:
                plan.append((_unsupported, keyword, node))  # raised only if the keywords before it hold
        return plan

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

    def _type(self, expected: Any, instance: Any, _schema) -> bool:
        names = expected if isinstance(expected, list) else [expected]
        return any(_is_type(instance, name) for name in names)

    def _enum(self, choices: Any, instance: Any, _schema) -> bool:
        return any(_equal(instance, choice) for choice in choices)

    def _const(self, value: Any, instance: Any, _schema) -> bool:
        return _equal(instance, value)

    def _pattern(self, pattern: str, instance: Any, _schema) -> bool:
        return not isinstance(instance, str) or re.search(pattern, instance) is not None

    def _minimum(self, bound: Any, instance: Any, _schema) -> bool:
        return not _is_type(instance, "number") or instance >= bound

    def _maximum(self, bound: Any, instance: Any, _schema) -> bool:
        return not _is_type(instance, "number") or instance <= bound

    def _exclusive_minimum(self, bound: Any, instance: Any, _schema) -> bool:
        return not _is_type(instance, "number") or instance > bound

    def _exclusive_maximum(self, bound: Any, instance: Any, _schema) -> bool:
        return not _is_type(instance, "number") or instance < bound

    def _properties(self, properties: Dict[str, Any], instance: Any, _schema) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(self.valid(properties[name], value) for name, value in instance.items() if name in properties)

    def _required(self, names: Any, instance: Any, _schema) -> bool:
        return not isinstance(instance, dict) or all(name in instance for name in names)

    def _additional(self, additional: Any, instance: Any, schema: Dict[str, Any]) -> bool:
        if not isinstance(instance, dict):
            return True
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = schema.get("properties", {})
        return all(self.valid(additional, value) for name, value in instance.items() if name not in known)

    def _property_names(self, names: Any, instance: Any, _schema) -> bool:
        return not isinstance(instance, dict) or all(self.valid(names, name) for name in instance)

    def _items(self, items: Any, instance: Any, schema: Dict[str, Any]) -> bool:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        return not isinstance(instance, list) or all(self.valid(items, item) for item in instance)

    def _all_of(self, schemas: Any, instance: Any, _schema) -> bool:
        return all(self.valid(schema, instance) for schema in schemas)

    def _any_of(self, schemas: Any, instance: Any, _schema) -> bool:
        return any(self.valid(schema, instance) for schema in schemas)

    def _one_of(self, schemas: Any, instance: Any, _schema) -> bool:
        return sum(1 for schema in schemas if self.valid(schema, instance)) == 1

    def _not(self, schema: Any, instance: Any, _schema) -> bool:
        return not self.valid(schema, instance)

    def _if(self, condition: Any, instance: Any, schema: Dict[str, Any]) -> bool:
        branch = "then" if self.valid(condition, instance) else "else"
        return branch not in schema or self.valid(schema[branch], instance)


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
def _unsupported(_checker, keyword: str, _instance, _schema) -> bool:
    raise Unsupported(keyword)


# Checked as part of another keyword: ``then``/``else`` by ``if``, ``$ref`` before the others.
_PAIRED = frozenset({"then", "else", "$ref"})
assert CHECKED == set(_KEYWORDS) | _PAIRED


def _is_type(instance: Any, name: str) -> bool:
    """jsonschema's Draft 2020-12 type checker: a bool is no number, 1.0 is an integer."""
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    if name == "number":
        return isinstance(instance, (int, float))
    raise Unsupported(f"type {name!r}")


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
