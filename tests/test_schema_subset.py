"""The quick subset checker says "valid" exactly when jsonschema does, and knows every keyword the schema uses.

Compared with the validator that produces the schema findings (congregate_lint.schema.validator) on the real
confs of the corpus, on every rule fixture and on thousands of generated confs close to valid ones.
"""

import copy
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congregate_lint import schema, schema_subset
from congregate_lint.engine import load
from congregate_lint.source import Source
from tests.helpers import FIXTURES, SHARED, render_fixture

ROOT = Path(__file__).resolve().parent.parent
CORPUS = SHARED / "corpus" / "upstream"
EXAMPLE = ROOT / "examples" / "congregate.conf"


def instance_of(data: bytes):
    return schema.build_instance(load(Source("congregate.conf", data)))[0]


def assert_same_answer(instance) -> bool:
    """The subset checker's yes/no is jsonschema's; returns it."""
    expected = schema.validator().is_valid(instance)
    assert schema.subset_checker().is_valid(instance) == expected, json.dumps(instance)[:2000]
    return expected


# --- every keyword of the schema is one the checker knows -------------------------------------------------------

def keywords(node, found=None):
    """Every keyword written in a schema: not the names under properties or $defs, nor inside values (enum,
    const, annotations, the project's metadata)."""
    found = set() if found is None else found
    if isinstance(node, list):
        for item in node:
            keywords(item, found)
    elif isinstance(node, dict):
        for keyword, value in node.items():
            found.add(keyword)
            if keyword in ("properties", "$defs", "patternProperties", "dependentSchemas"):
                keywords(list(value.values()), found)
            elif keyword not in VALUES_NOT_SCHEMAS and not keyword.startswith(schema_subset.METADATA_PREFIX):
                keywords(value, found)
    return found


VALUES_NOT_SCHEMAS = {"enum", "const", "required", "type", "pattern", "$ref"} | schema_subset.ANNOTATIONS


def unknown_keywords(document):
    return sorted(keyword for keyword in keywords(document)
                  if keyword not in schema_subset.CHECKED | schema_subset.ANNOTATIONS
                  and not keyword.startswith(schema_subset.METADATA_PREFIX))


def test_the_schema_uses_only_keywords_the_checker_knows():
    assert unknown_keywords(schema.load_schema()) == []


def test_a_keyword_the_checker_does_not_know_is_caught_by_the_test_and_sent_to_jsonschema():
    changed = copy.deepcopy(schema.load_schema())
    changed["properties"]["SOURCE"]["properties"]["src_type"]["minLength"] = 3
    changed["allOf"][0]["dependentRequired"] = {}
    assert unknown_keywords(changed) == ["dependentRequired", "minLength"]
    with pytest.raises(schema_subset.Unsupported):
        schema_subset.is_valid(changed, instance_of(EXAMPLE.read_bytes()))
    with pytest.raises(schema_subset.Unsupported):
        schema_subset.is_valid({"properties": {"a": {"minLength": 3}}}, {"a": "x"})


def test_without_the_subset_jsonschema_answers(monkeypatch):
    monkeypatch.setattr(schema, "subset_checker", lambda: schema_subset.Checker({"minLength": 1}))
    valid = instance_of(EXAMPLE.read_bytes())
    assert schema.is_valid(valid) is True
    assert schema.is_valid(dict(valid, USER={"keep_inactive_users": "Flase"})) is False


# --- real confs and fixtures ------------------------------------------------------------------------------------

def corpus_files():
    return sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not corpus_files(), reason="the corpus is not available")
def test_same_answer_on_every_conf_of_the_corpus():
    answers = [assert_same_answer(instance_of(path.read_bytes())) for path in corpus_files()]
    assert len(answers) == len(corpus_files())


def test_same_answer_on_every_rule_fixture_and_the_example():
    paths = sorted((FIXTURES / "rules").glob("*.conf")) + [EXAMPLE]
    answers = [assert_same_answer(instance_of(render_fixture(path))) for path in paths]
    assert True in answers and False in answers


# --- generated confs close to valid ones ------------------------------------------------------------------------

def valid_bases():
    """Instances of the valid confs at hand: the starting points that mutations move a little."""
    paths = corpus_files() + sorted((FIXTURES / "rules").glob("*.good.conf")) + [EXAMPLE]
    instances = [instance_of(render_fixture(path)) for path in paths]
    return [instance for instance in instances if schema.validator().is_valid(instance)]


def schema_words():
    """Every enum member and const of the schema, and words close to the values Congregate reads."""
    words = set()

    def walk(node):
        if isinstance(node, dict):
            for keyword, value in node.items():
                if keyword == "enum":
                    words.update(item for item in value if isinstance(item, str))
                elif keyword == "const" and isinstance(value, str):
                    words.add(value)
                elif not keyword.startswith(schema_subset.METADATA_PREFIX):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema.load_schema())
    words.update(["", "0", "1", "-1", " 2 ", "+0_0", "1_000", "12a", "true", "False", "yes", "ON", "off", "maybe",
                  "https://gitlab.example.com", "http://x", "gitlab.example.com", "/opt/data", "us-east-1", "None"])
    return sorted(words)


BASES = valid_bases()
WORDS = schema_words()
SECTIONS = list(schema.known_sections()) + ["DEFAULT", "NOT_A_SECTION"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([1.0, 0.5]) | st.sampled_from(WORDS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(WORDS + ["name", "token"]), inner,
                                                                 max_size=3),
    max_leaves=6,
)


def keys_of(section):
    return schema.section_keys(section) if section in schema.known_sections() else ["some_key"]


def mutated(choose, json_value):
    """A valid instance with one to three changes: a value set to a word of the schema or to a JSON value, a key
    removed, or a key of another section added. ``choose`` picks one of a list; ``json_value`` makes a JSON value."""
    instance = copy.deepcopy(choose(BASES))
    for _ in range(choose([1, 2, 3])):
        section = choose(SECTIONS)
        values = instance.setdefault(section, {})
        action = choose(["set", "set", "set", "json", "remove", "foreign"])
        if action == "remove" and values:
            del values[choose(sorted(values))]
        elif action == "foreign":
            values[choose(keys_of(choose(list(schema.known_sections()))))] = choose(WORDS)
        else:
            values[choose(keys_of(section))] = json_value() if action == "json" else choose(WORDS)
    return instance


@st.composite
def near_valid_instances(draw):
    return mutated(lambda options: draw(st.sampled_from(options)), lambda: draw(JSON_VALUES))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid_instances())
def test_same_answer_on_generated_near_valid_confs(instance):
    assert_same_answer(instance)


def test_generated_confs_are_both_valid_and_invalid_often():
    """The generator is worth its examples: a fair share of its confs falls on each side."""
    seeded = random.Random(13)
    json_samples = [None, True, 1, 1.0, "x", [], {}, {"name": "a"}, ["a", 1], {"token": None}]
    answers = [assert_same_answer(mutated(seeded.choice, lambda: seeded.choice(json_samples))) for _ in range(600)]
    assert 0.1 < sum(answers) / len(answers) < 0.9


# --- the corners of jsonschema's semantics ----------------------------------------------------------------------

@pytest.mark.parametrize("keyword_schema, instance", [
    ({"enum": [1]}, True), ({"enum": [True]}, 1), ({"const": [0]}, [False]), ({"const": {"a": 1}}, {"a": 1.0}),
    ({"type": "integer"}, 1.0), ({"type": "integer"}, True), ({"type": "number"}, False),
    ({"type": "integer"}, float("inf")), ({"type": ["string", "null"]}, None), ({"pattern": "b"}, "abc"),
    ({"pattern": "^b"}, "abc"), ({"pattern": "^b"}, 5), ({"items": {"type": "string"}}, ["a", 1]),
    ({"propertyNames": {"pattern": "^x"}}, {"xa": 1, "b": 2}), ({"not": {"required": ["a"]}}, {"a": 1}),
    ({"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}, {"c": 1}),
    ({"anyOf": [{"type": "string"}, {"type": "array"}]}, {}), ({"additionalProperties": False}, {"a": 1}),
    ({"properties": {"a": True}, "additionalProperties": {"type": "string"}}, {"a": 1, "b": "x"}),
    ({"$defs": {"s": {"type": "string", "pattern": "a"}}, "$ref": "#/$defs/s", "pattern": "b"}, "b"),
    ({"minimum": 1}, True), ({"minimum": 1}, 0.5), ({"maximum": 600}, 600.5), ({"exclusiveMinimum": 0}, 0),
    ({"exclusiveMaximum": 1}, 0.99), ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1.5), ({"oneOf": [{"type": "string"}]}, None),
])
def test_keyword_semantics_are_jsonschemas(keyword_schema, instance):
    from jsonschema import Draft202012Validator

    inlined = schema._inline_refs(keyword_schema, keyword_schema.get("$defs", {}))
    assert schema_subset.is_valid(keyword_schema, instance) == Draft202012Validator(inlined).is_valid(instance)


# --- the project configuration's schema ------------------------------------------------------------------------

def test_the_configuration_schema_uses_only_keywords_the_checker_knows():
    assert unknown_keywords(config_schema()) == []


def config_schema():
    from congregate_lint.config import schema as configuration_schema

    return configuration_schema()


CONFIG_WORDS = ["C", "S002", "duplicate-option", "ALL", "no such", "", "1", "5,10", " 2 , 3 ", "x", "https://h",
                "git.example", "error", "warning", "info", "note", "data/*.conf", "*"]
CONFIG_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 4000) | st.sampled_from([0.0, 0.5, 1.0, 600.0, 600.5])
    | st.sampled_from(CONFIG_WORDS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(CONFIG_WORDS), inner, max_size=3),
    max_leaves=5,
)
CONFIG_KEYS = ["select", "ignore", "severity", "strict", "per-path-ignores", "live", "other"]
LIVE_KEYS = ["timeout", "deadline", "git-endpoint", "other"]


@st.composite
def configurations(draw):
    """Project configurations near valid ones: known keys with values of the right shape or of any shape."""
    document = {}
    for key in draw(st.lists(st.sampled_from(CONFIG_KEYS), max_size=4, unique=True)):
        if key in ("select", "ignore"):
            value = draw(st.lists(st.sampled_from(CONFIG_WORDS), max_size=3) | CONFIG_VALUES)
        elif key == "live":
            value = draw(st.dictionaries(st.sampled_from(LIVE_KEYS), CONFIG_VALUES, max_size=3) | CONFIG_VALUES)
        elif key in ("severity", "per-path-ignores"):
            value = draw(st.dictionaries(st.sampled_from(CONFIG_WORDS), CONFIG_VALUES, max_size=3))
        else:
            value = draw(CONFIG_VALUES)
        document[key] = value
    return document


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configurations())
def test_same_answer_on_generated_configurations(document):
    from jsonschema import Draft202012Validator

    assert schema_subset.is_valid(config_schema(), document) == Draft202012Validator(config_schema()).is_valid(document)
