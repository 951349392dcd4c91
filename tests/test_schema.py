"""The full-file schema against the reference, Python's own int()/getboolean, and real confs."""

import configparser
import json
import re
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from congregate_lint import schema
from congregate_lint.cli import cli
from congregate_lint.engine import lint_source
from congregate_lint.findings import Severity
from congregate_lint.registry import select_rules
from congregate_lint.rules import RULES
from congregate_lint.source import Source
from tests.helpers import SHARED, congregate_reads, lint_text, prop, rule_places

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = SHARED / "reference" / "congregate-conf-semantics.md"
CORPUS = SHARED / "corpus" / "upstream"
MASTER_ROW = re.compile(r"^\| ([A-Z_]+) \| `([a-z0-9_]+)` \| ([^|]*) \| ([^|]*) \| ([^|]*) \|", re.MULTILINE)
READ_AS = {"prop_int": "integer", "prop_bool": "boolean", "prop_dict": "json", "prop_list": "list"}


def master_rows():
    """(section, key, read as, obfuscated, default) of each row of the reference's master table."""
    if not REFERENCE.exists():
        pytest.skip("the reference is not available")
    text = REFERENCE.read_text(encoding="utf-8")
    table = text[text.index("## 1. Master table"):text.index("Keys inside JSON values")]
    return MASTER_ROW.findall(table)


def test_the_schema_is_valid_json_schema_2020_12():
    Draft202012Validator.check_schema(schema.load_schema())
    assert schema.load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_master_table_is_read():
    assert len(master_rows()) > 90


@pytest.mark.parametrize("row", master_rows(), ids=lambda row: f"{row[0]}.{row[1]}")
def test_every_key_of_the_master_table_is_in_the_schema(row):
    section, key = row[0], row[1]
    assert schema.is_known(section, key)
    info = schema.key_info(section, key)
    assert {"type", "obfuscated", "secret", "default", "renamed_from", "used_for"} <= set(info)


@pytest.mark.parametrize("row", master_rows(), ids=lambda row: f"{row[0]}.{row[1]}")
def test_obfuscation_metadata_matches_the_reference(row):
    section, key, _, obfuscated, _ = row
    info = schema.key_info(section, key)
    if obfuscated.strip().startswith("inner tokens"):
        sample = {"github_source": [{"src_access_token": "x"}], "jenkins_ci_source": [{"jenkins_ci_src_access_token": "y"}]}
        assert not info["obfuscated"] and info["secret"]
        assert list(schema.obfuscated_leaves(section, key, sample)), "the tokens inside the JSON are marked obfuscated"
    else:
        assert info["obfuscated"] == obfuscated.strip().startswith("**obf"), obfuscated
    if info["obfuscated"]:
        assert info["secret"]
    if "except for Azure DevOps" in obfuscated:
        assert info["raw_for_src_types"] == ["azure devops"]


@pytest.mark.parametrize("row", master_rows(), ids=lambda row: f"{row[0]}.{row[1]}")
def test_type_metadata_matches_how_congregate_reads_the_key(row):
    section, key, read_as, _, _ = row
    info = schema.key_info(section, key)
    reader = read_as.strip().split(" ")[0].strip("*")
    assert info["type"] == READ_AS.get(reader, info["type"] if reader != "prop_lower" else "string")
    assert bool(info.get("lower_case")) == (reader == "prop_lower")
    if reader == "prop" or reader.startswith("`quote_plus"):
        assert info["type"] in ("string", "string-flag")


@pytest.mark.parametrize("row", master_rows(), ids=lambda row: f"{row[0]}.{row[1]}")
def test_defaults_match_the_reference(row):
    section, key, _, _, default = row
    written = re.sub(r" \((int|bool)\)$", "", default.strip().strip("`"))
    literal = {"None": None, "True": True, "False": False, "{}": {}, "[]": [], '""': ""}
    if written in literal:
        expected = literal[written]
    elif re.fullmatch(r"-?\d+", written):
        expected = int(written)
    elif re.fullmatch(r'"[^"]*"', written):
        expected = written[1:-1]
    elif written.startswith("http://"):
        expected = written
    else:
        pytest.skip(f"default written as prose: {written}")
    assert schema.key_info(section, key)["default"] == expected


def _definition(name):
    return Draft202012Validator({"$defs": schema.load_schema()["$defs"], "$ref": f"#/$defs/{name}"})


def _int_accepts(text):
    try:
        int(text)
    except ValueError:
        return False
    return True


TEXT = st.text(alphabet=st.sampled_from(list("0123456789+-_ \t\nxX.eE") + ["\u0663", "\u00a0", "\u2003", "\u00b2"]),
               max_size=12)


@given(TEXT)
def test_the_integer_definition_accepts_exactly_what_getint_accepts(text):
    assert _definition("integer").is_valid(text) == _int_accepts(text)


WORDS = st.sampled_from(["1", "yes", "true", "on", "0", "no", "false", "off", "y", "enabled", "", "truee"])


@given(WORDS, st.lists(st.booleans(), max_size=6), st.sampled_from(["", " ", "\u212a", "\u0130"]))
def test_the_boolean_definition_accepts_exactly_what_getboolean_accepts(word, upper, extra):
    text = "".join(c.upper() if i < len(upper) and upper[i] else c for i, c in enumerate(word)) + extra
    parser = configparser.ConfigParser()
    parser.read_string("[APP]\nflag = placeholder\n")
    parser.set("APP", "flag", text)
    try:
        parser.getboolean("APP", "flag")
        accepted = True
    except ValueError:
        accepted = False
    assert _definition("boolean").is_valid(text) == accepted


def test_the_example_conf_has_no_schema_error_or_warning():
    data = (ROOT / "examples" / "congregate.conf").read_bytes()
    findings = lint_source(Source("congregate.conf", data), select_rules(["S"], [])).findings
    assert [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")) if CORPUS.exists() else [], ids=lambda p: p.name)
def test_real_confs_do_not_crash_any_rule(path):
    offline = [rule for rule in RULES if not getattr(rule, "LIVE", False)]
    result = lint_source(Source(str(path), path.read_bytes()), offline)
    assert not result.crashed
    assert [f for f in result.findings if f.rule == "M001"] == []


def test_the_corpus_is_present_or_skipped():
    if not CORPUS.exists():
        pytest.skip("the corpus is not available")
    assert list(CORPUS.glob("*.conf"))


@pytest.mark.parametrize("section, old, new", [
    ("USER", "keep_blocked_users", "keep_inactive_users"),
    ("APP", "export_import_wait_time", "export_import_status_check_time"),
    ("DESTINATION", "system_hooks_enabled", "migrate_system_hooks"),
    ("APP", "remapping_file", "remapping_file_path"),
    ("DESTINATION", "parent_group_id", "dstn_parent_group_id"),
    ("DESTINATION", "dest_parent_group_path", "dstn_parent_group_path"),
    ("DESTINATION", "hostname", "dstn_hostname"),
    ("SOURCE", "hostname", "src_hostname"),
    ("SOURCE", "access_token", "src_access_token"),
    ("SOURCE", "username", "src_username"),
    ("CI_SOURCE", "ci_username", "ci_src_username"),
    ("USER", "block_users_with_state_mismatch", "align_users_with_state_mismatch"),
    ("SOURCE", "max_export_wait_time", "export_import_timeout' in [APP]"),
    ("DESTINATION", "post_migration_issues", "reporting"),
])
def test_historical_names_suggest_the_current_key(section, old, new):
    findings = [f for f in lint_text(f"[{section}]\n{old} = 1\n", select=["S002"])]
    assert [(f.rule, f.location, f.line, f.severity) for f in findings] == [("S002", f"{section}.{old}", 2, Severity.WARNING)]
    assert f"'{new}" in findings[0].message


def test_configures_misnamed_access_key_is_an_error_naming_the_right_key():
    findings = lint_text("[SOURCE]\nsrc_aws_access_key = AKIAEXAMPLEEXAMPLE12\n", select=["S002"])
    assert [(f.severity, f.line) for f in findings] == [(Severity.ERROR, 2)]
    assert "src_aws_access_key_id" in findings[0].message and "PartialCredentialsError" in findings[0].message


def test_a_default_key_is_checked_where_it_is_inherited_and_reported_once_at_its_line():
    findings = lint_text("[DEFAULT]\nprocesses = four\n\n[APP]\nui_port = 8000\n", select=["S"])
    assert [(f.rule, f.line) for f in findings if f.rule != "S007"] == [("S003", 2)]


def test_a_default_key_unknown_everywhere_is_reported_once():
    findings = lint_text("[DEFAULT]\nprocesess = 4\n\n[APP]\n[USER]\n", select=["S002"])
    assert [(f.location, f.line) for f in findings] == [("DEFAULT.procesess", 2)]
    assert "'processes' in [APP]" in findings[0].message


def test_an_interpolation_error_is_not_also_reported_as_missing():
    findings = lint_text("[DESTINATION]\nimport_user_id = 5%\n[SOURCE]\nsrc_type = GitLab\nsrc_hostname = h\n",
                         select=["S007", "P009"])
    assert [f.rule for f in findings] == ["P009"]


def test_obfuscation_messages_never_show_the_value_or_its_decoding():
    raw = "ghp_RawTokenThatIsNotBase64x"
    findings = lint_text(f"[SOURCE]\nsrc_type = GitHub\nsrc_access_token = {raw}\nsrc_password = QUFBQQ\n", select=["S009"])
    assert [f.key for f in findings] == ["src_access_token", "src_password"]
    for finding in findings:
        assert raw not in finding.message and "QUFBQQ" not in finding.message and "AAAA" not in finding.message


def test_the_schema_command_prints_the_shipped_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == schema.load_schema()


def test_every_condition_names_its_rule_key_and_reason():
    registered = {rule.ID for rule in RULES}
    for entry in schema.load_schema()["allOf"]:
        for condition in entry.get("then", {}).get("allOf", [entry]):
            assert condition["x-congregate-rule"] in registered
            section, key = condition["x-congregate-key"]
            assert schema.is_known(section, key)
            assert condition["x-congregate-reason"]


IMPORT_USER = "[DESTINATION]\nimport_user_id = 2\n"


# --- S rules: what getint reads ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["0", "-0", "0_0", "\u0660", "\uff10"])
def test_every_spelling_getint_reads_as_zero_is_the_user_id_zero(written):
    text = f"[DESTINATION]\nimport_user_id = {written}\n"
    assert congregate_reads(text).getint("DESTINATION", "import_user_id") == 0
    assert rule_places(text, "S010") == [("S010", "DESTINATION.import_user_id", 2)]


def _url_port(text: str) -> Optional[int]:
    try:
        return urlparse(f"redis://localhost:{text}/0").port
    except ValueError:
        return None


# Python 3.10.12+ and 3.11+ take only ASCII digits as a URL port; older ones passed the text to int().
URL_PORTS_ARE_DIGITS = _url_port("+1") is None


@pytest.mark.parametrize("written", ["+6379", "6_379", "\u0666\u0663\u0667\u0669"])
def test_redis_port_is_pasted_into_a_url_where_only_plain_digits_are_a_port(written):
    value = prop(congregate_reads(IMPORT_USER + f"[APP]\nredis_port = {written}\n"), "APP", "redis_port")
    assert int(value) == 6379  # getint would take it ...
    if URL_PORTS_ARE_DIGITS:
        assert _url_port(value) is None  # ... the broker URL does not
    assert rule_places(IMPORT_USER + f"[APP]\nredis_port = {written}\n", "S003") == [("S003", "APP.redis_port", 4)]


def test_plain_digit_redis_port_is_fine():
    assert _url_port("6379") == 6379
    assert rule_places(IMPORT_USER + "[APP]\nredis_port = 6379\n", "S003") == []


# --- S002: a key another one reads through %(name)s is not ignored -------------------------------------------------

def test_interpolation_variables_are_not_reported_as_ignored():
    text = "[DEFAULT]\nhost = gitlab.example.com\n" + IMPORT_USER + "base = https://%(host)s\ndstn_hostname = %(base)s/\n"
    assert prop(congregate_reads(text), "DESTINATION", "dstn_hostname") == "https://gitlab.example.com/"
    assert rule_places(text, "S002") == []


def test_an_escaped_reference_reads_nothing_so_the_key_stays_unknown():
    text = IMPORT_USER + "base = x\ndstn_hostname = %%(base)s\n"
    assert prop(congregate_reads(text), "DESTINATION", "dstn_hostname") == "%(base)s"
    assert rule_places(text, "S002") == [("S002", "DESTINATION.base", 3)]


# --- secret names: the quick search of an ASCII name answers as the case-blind one ----------------------------------

@given(st.text(alphabet=st.sampled_from(list("tokenpaswrdcyl_ASPWTOKE19-\u017f\u212a")), max_size=20))
def test_a_secret_name_is_found_alike_in_ascii_and_any_other_name(name):
    assert schema.is_secret_name(name) == (name in schema._secret_anywhere() or bool(schema._SECRET_NAME.search(name)))


def test_a_secret_word_in_capitals_or_with_a_long_s_is_a_secret_name():
    assert schema.is_secret_name("MY_PASSWORD") and schema.is_secret_name("pa\u017f\u017fword")
    assert not schema.is_secret_name("src_hostname")


@given(st.lists(st.text(alphabet=st.sampled_from(list("tokenpaswrdcyl_ASPWTOKE19-\n\u017f\u212a")), max_size=20),
                max_size=8))
def test_the_secret_names_among_many_are_those_found_one_by_one(names):
    """One search through all the names (ASCII) or one name at a time (any other, or a name holding a newline)."""
    assert schema.secret_names_among(names) == {name for name in names if schema.is_secret_name(name)}


def test_secret_words_next_to_each_other_name_each_of_their_names():
    names = ["k1", "tokentoken", "x_passwordpwd", "k2", "slack_url", "access_keyaccess_key", "plain"]
    assert schema.secret_names_among(names) == {"tokentoken", "x_passwordpwd", "slack_url", "access_keyaccess_key"}
