"""Audit of "a finding must be true of what Congregate will do with the file".

Each test reads a conf the way Congregate does (a plain ``ConfigParser()`` reading
the file, then ``has_option and get``, ``getint``, ``getboolean``, ``json.loads``)
and checks that congregate-lint reports exactly what that reading runs into.
"""

import configparser
import json
from pathlib import Path
from typing import List, Optional, Tuple
from urllib.parse import urlparse

import pytest

from congregate_lint.findings import Severity
from congregate_lint.fixing.passes import fix_source
from congregate_lint.obfuscation import deobfuscate, obfuscate
from congregate_lint.schema import known_sections, section_keys
from congregate_lint.source import Source
from tests.fixture_values import VALUES
from tests.helpers import lint_text, places
from tests.test_fix_properties import RULES as OFFLINE_RULES

IMPORT_USER = "[DESTINATION]\nimport_user_id = 2\n"


def congregate_reads(tmp_path: Path, text: str) -> configparser.ConfigParser:
    """Congregate's parser after ``config.read(path)`` of a file holding ``text``."""
    path = tmp_path / "congregate.conf"
    path.write_text(text, encoding="utf-8")
    parser = configparser.ConfigParser()
    parser.read(path)
    return parser


def prop(parser: configparser.ConfigParser, section: str, key: str) -> Optional[str]:
    """``BaseConfig.prop``: the interpolated value when ``has_option`` and it is not empty, else None."""
    if parser.has_option(section, key) and parser.get(section, key):
        return parser.get(section, key)
    return None


def found(text: str, rule: str) -> List[Tuple[str, str, int]]:
    return [place for place in places(lint_text(text)) if place[0] == rule]


# --- S rules: what getint reads ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["0", "-0", "0_0", "\u0660", "\uff10"])
def test_every_spelling_getint_reads_as_zero_is_the_user_id_zero(tmp_path, written):
    text = f"[DESTINATION]\nimport_user_id = {written}\n"
    assert congregate_reads(tmp_path, text).getint("DESTINATION", "import_user_id") == 0
    assert found(text, "S010") == [("S010", "DESTINATION.import_user_id", 2)]


def _url_port(text: str) -> Optional[int]:
    try:
        return urlparse(f"redis://localhost:{text}/0").port
    except ValueError:
        return None


# Python 3.10.12+ and 3.11+ take only ASCII digits as a URL port; older ones passed the text to int().
URL_PORTS_ARE_DIGITS = _url_port("+1") is None


@pytest.mark.parametrize("written", ["+6379", "6_379", "\u0666\u0663\u0667\u0669"])
def test_redis_port_is_pasted_into_a_url_where_only_plain_digits_are_a_port(tmp_path, written):
    value = prop(congregate_reads(tmp_path, IMPORT_USER + f"[APP]\nredis_port = {written}\n"), "APP", "redis_port")
    assert int(value) == 6379  # getint would take it ...
    if URL_PORTS_ARE_DIGITS:
        assert _url_port(value) is None  # ... the broker URL does not
    assert found(IMPORT_USER + f"[APP]\nredis_port = {written}\n", "S003") == [("S003", "APP.redis_port", 4)]


def test_plain_digit_redis_port_is_fine():
    assert _url_port("6379") == 6379
    assert found(IMPORT_USER + "[APP]\nredis_port = 6379\n", "S003") == []


# --- P009: only keys Congregate reads are interpolated ------------------------------------------------------------

UNREAD_PERCENTS = (
    "[DEFAULT]\nnote = 50% done\nslack_url = https://hooks.slack.com/services/T0%2FB0\n"
    + IMPORT_USER + "comment = 100%\n[NOTES]\nprogress = 10%\n"
)


def test_a_percent_in_a_key_congregate_never_reads_breaks_nothing(tmp_path):
    parser = congregate_reads(tmp_path, UNREAD_PERCENTS)
    for section in known_sections():
        for key in section_keys(section):
            prop(parser, section, key)  # every key Congregate reads: no InterpolationError
    with pytest.raises(configparser.InterpolationSyntaxError):
        parser.get("DESTINATION", "comment")  # it would break, were it read
    assert found(UNREAD_PERCENTS, "P009") == []


def test_a_default_key_is_interpolated_only_in_the_section_that_reads_it(tmp_path):
    text = "[DEFAULT]\ndstn_hostname = https://%(host)s\n" + IMPORT_USER + "host = gitlab.example.com\n[APP]\nssl_verify = 1\n"
    parser = congregate_reads(tmp_path, text)
    assert prop(parser, "DESTINATION", "dstn_hostname") == "https://gitlab.example.com"
    with pytest.raises(configparser.InterpolationMissingOptionError):
        parser.get("APP", "dstn_hostname")  # never read there
    assert found(text, "P009") == []


def test_a_bare_percent_in_a_referenced_key_is_reported_where_it_is_written_and_fixed_there(tmp_path):
    text = "[DEFAULT]\nq = 100%\n" + IMPORT_USER + "dstn_hostname = https://gitlab.example.com/%(q)s\n"
    with pytest.raises(configparser.InterpolationSyntaxError):
        prop(congregate_reads(tmp_path, text), "DESTINATION", "dstn_hostname")
    findings = [f for f in lint_text(text) if f.rule == "P009"]
    assert [(f.location, f.line) for f in findings] == [("DEFAULT.q", 2)]
    assert "'%(q)s' in 'dstn_hostname' of [DESTINATION]" in findings[0].message
    repaired = fix_source(Source("congregate.conf", text.encode()), OFFLINE_RULES).fixed.decode()
    assert prop(congregate_reads(tmp_path, repaired), "DESTINATION", "dstn_hostname") == "https://gitlab.example.com/100%"


# --- S002: a key another one reads through %(name)s is not ignored -------------------------------------------------

def test_interpolation_variables_are_not_reported_as_ignored(tmp_path):
    text = "[DEFAULT]\nhost = gitlab.example.com\n" + IMPORT_USER + "base = https://%(host)s\ndstn_hostname = %(base)s/\n"
    assert prop(congregate_reads(tmp_path, text), "DESTINATION", "dstn_hostname") == "https://gitlab.example.com/"
    assert found(text, "S002") == []


def test_an_escaped_reference_reads_nothing_so_the_key_stays_unknown(tmp_path):
    text = IMPORT_USER + "base = x\ndstn_hostname = %%(base)s\n"
    assert prop(congregate_reads(tmp_path, text), "DESTINATION", "dstn_hostname") == "%(base)s"
    assert found(text, "S002") == [("S002", "DESTINATION.base", 3)]


# --- P010: JSON has no comments -----------------------------------------------------------------------------------

def test_a_hash_inside_a_json_string_is_data_not_an_inline_comment(tmp_path):
    text = IMPORT_USER + 'reporting = {"post_migration_issues": ["issue #1.md"], "pmi_project_id": 3, "subs": {}}\n'
    reporting = json.loads(prop(congregate_reads(tmp_path, text), "DESTINATION", "reporting"))
    assert reporting["post_migration_issues"] == ["issue #1.md"]
    assert found(text, "P010") == []


def test_a_comment_after_json_is_still_an_inline_comment(tmp_path):
    text = IMPORT_USER + 'reporting = {"subs": {}}   # issue templates\n'
    with pytest.raises(json.JSONDecodeError):
        json.loads(prop(congregate_reads(tmp_path, text), "DESTINATION", "reporting"))
    assert found(text, "P010") == [("P010", "DESTINATION.reporting", 3)]


# --- The bytes: valid UTF-8 is text to Congregate, control characters and all ------------------------------------

def test_form_feeds_in_a_short_file_do_not_stop_the_linting(tmp_path):
    text = "[DESTINATION]\n\f\f\nimport_user_id = 0\n"
    assert congregate_reads(tmp_path, text).getint("DESTINATION", "import_user_id") == 0
    assert found(text, "S010") == [("S010", "DESTINATION.import_user_id", 3)]


# --- C rules: the value as Congregate gets it, and only for a source it sees as CodeCommit --------------------------

def _codecommit(**values: str) -> str:
    keys = {
        "src_type": "CodeCommit", "src_aws_region": "us-east-1", "src_aws_access_key_id": VALUES["KEY_ID"],
        "src_aws_secret_access_key": VALUES["SECRET_KEY_OBF"],
        "src_aws_codecommit_username": f"migrator-at-{VALUES['ACCOUNT']}",
        "src_aws_codecommit_password": VALUES["GIT_PASSWORD_OBF"],
    }
    keys.update(values)
    return "[SOURCE]\n" + "".join(f"{key} = {value}\n" for key, value in keys.items())


@pytest.mark.parametrize("key, rule, line", [
    ("src_aws_region", "C001", 3),
    ("src_aws_access_key_id", "C002", 4),
    ("src_aws_codecommit_username", "C005", 6),
])
def test_a_value_written_below_its_key_keeps_the_line_break(tmp_path, key, rule, line):
    good = _codecommit()
    text = good.replace(f"{key} = ", f"{key} =\n    ")
    value = prop(congregate_reads(tmp_path, text), "SOURCE", key)
    assert value == "\n" + prop(congregate_reads(tmp_path, good), "SOURCE", key)
    assert found(good, rule) == []
    assert found(text, rule) == [(rule, f"SOURCE.{key}", line)]


@pytest.mark.parametrize("written", ["codecommit # aws", "\n    codecommit"])
def test_c_rules_apply_only_when_congregate_sees_a_codecommit_source(tmp_path, written):
    text = _codecommit(src_type=written, src_aws_region="mars-1")
    assert prop(congregate_reads(tmp_path, text), "SOURCE", "src_type").lower() != "codecommit"
    assert [rule for rule, _, _ in places(lint_text(text)) if rule.startswith("C")] == []
    assert found(_codecommit(src_aws_region="mars-1"), "C001") == [("C001", "SOURCE.src_aws_region", 3)]


# --- P002: what is wrong with the line ---------------------------------------------------------------------------

def test_a_line_with_no_key_before_its_equals_sign_is_named_as_such(tmp_path):
    text = IMPORT_USER + "= value\n"
    with pytest.raises(configparser.ParsingError):
        congregate_reads(tmp_path, text)
    [finding] = [f for f in lint_text(text) if f.rule == "P002"]
    assert finding.line == 3 and "no key before its '='" in finding.message


def test_a_comment_after_padded_base64_is_dropped_by_congregate_s_decoding(tmp_path):
    text = "[SOURCE]\nsrc_type = CodeCommit\n" + f"src_aws_secret_access_key = {VALUES['SECRET_KEY_OBF']}   # from IAM\n"
    parser = congregate_reads(tmp_path, text)
    stored = prop(parser, "SOURCE", "src_aws_secret_access_key")
    assert "#" in stored and deobfuscate(stored).text == deobfuscate(VALUES["SECRET_KEY_OBF"]).text
    [finding] = [f for f in lint_text(text) if f.rule == "P010"]
    assert (finding.location, finding.line, finding.severity) == ("SOURCE.src_aws_secret_access_key", 3, Severity.INFO)


def test_a_comment_after_unpadded_base64_breaks_the_decoding(tmp_path):
    token = obfuscate("x" * 39)  # 52 characters, no padding
    text = IMPORT_USER + f"dstn_access_token = {token}   # GitLab token\n"
    assert not deobfuscate(prop(congregate_reads(tmp_path, text), "DESTINATION", "dstn_access_token")).ok
    [finding] = [f for f in lint_text(text) if f.rule == "P010"]
    assert (finding.location, finding.severity) == ("DESTINATION.dstn_access_token", Severity.ERROR)
