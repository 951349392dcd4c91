"""The parser agrees with configparser itself, and places every section and key where it is written."""

import configparser
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from congregate_lint.engine import load
from congregate_lint.findings import Severity
from congregate_lint.fixing.passes import fix_source
from congregate_lint.model import percents
from congregate_lint.obfuscation import deobfuscate, obfuscate
from congregate_lint.parser import LINEAR_OPTCRE, _LinearParser, new_parser
from congregate_lint.schema import known_sections, section_keys
from congregate_lint.source import Source, read_source
from tests.fixture_values import VALUES as FIXTURE_VALUES
from tests.helpers import congregate_reads, lint_text, prop, rule_places
from tests.test_fix_properties import RULES as OFFLINE_RULES

NAMES = st.sampled_from(["SOURCE", "DESTINATION", "APP", "DEFAULT", "source", "X Y"])
KEYS = st.sampled_from(["src_type", "SRC_Type", "import_user_id", "a", "b.c", "key with space", "x"])
VALUES = st.lists(st.sampled_from(list("ab %()s#;:=[]{}\"\t") + ["%%", "%(a)s", "%(x)s", "é"]), max_size=8).map("".join)
INDENT = st.sampled_from(["", " ", "  ", "\t"])
LINE = st.one_of(
    st.builds(lambda name: f"[{name}]", NAMES),
    st.builds(lambda indent, key, delimiter, value: f"{indent}{key}{delimiter}{value}", INDENT, KEYS,
              st.sampled_from([" = ", "=", ": ", " :"]), VALUES),
    st.builds(lambda indent, value: f"{indent}  {value}", INDENT, VALUES),
    st.sampled_from(["", "# comment", "; comment", "   ", "[", "]", "no delimiter here"]),
)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])


def _write(tmp: Path, text: str, newline: str) -> Path:
    path = tmp / "congregate.conf"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def _congregate_reads(path: Path):
    """What Congregate's ConfigParser() reads from the file: raw and interpolated values, or None."""
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error:
        return None
    return parser


def _interpolated(parser, section, key):
    try:
        return parser.get(section, key)
    except configparser.Error as error:
        return type(error)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, max_size=14), newline=NEWLINE)
def test_values_equal_configparsers_wherever_it_accepts_the_file(lines, newline):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "\n".join(lines) + "\n", newline)
        expected = _congregate_reads(path)
        conf = load(read_source(str(path)))
    event("configparser rejects the file" if expected is None else "configparser accepts the file")
    if expected is None:
        return
    assert conf.events == []
    assert list(conf.sections) == expected.sections()
    assert conf.parser.defaults() == expected.defaults()
    for section in expected.sections():
        assert conf.parser.options(section) == expected.options(section)
        for key in expected.options(section):
            assert conf.raw(section, key) == expected.get(section, key, raw=True)
            assert _interpolated(conf.parser, section, key) == _interpolated(expected, section, key)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINE, max_size=14), newline=NEWLINE)
def test_every_option_is_placed_on_the_line_that_writes_it(lines, newline):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "\n".join(lines) + "\n", newline)
        conf = load(read_source(str(path)))
    for section in conf.all_sections():
        header = lines[section.line - 1]
        assert header[section.column - 1:].startswith("[" + section.name + "]")
        for option in section.options.values():
            written = lines[option.line - 1][option.column - 1:]
            assert written.lower().startswith(option.name.lower())
            assert option.name.lower().strip() == option.key


def _conf(tmp_path, text):
    return load(read_source(str(_write(tmp_path, text, "\n"))))


def test_a_parser_made_by_copying_holds_what_a_parser_built_anew_holds():
    built, made = _LinearParser(strict=False), new_parser()
    assert list(vars(made)) == list(vars(built))
    for name, value in vars(built).items():
        copied = vars(made)[name]
        if isinstance(value, dict):  # its own dictionaries, as __init__ makes them
            assert copied is not value and list(copied) == list(value), name
        elif isinstance(value, (configparser.ConverterMapping, configparser.Interpolation)):
            assert type(copied) is type(value), name  # the converters compared below; the interpolation is stateless
        else:
            assert copied == value, name
    assert dict(made.converters) == dict(built.converters)
    assert made[made.default_section].parser is made


def test_parsers_made_by_copying_share_nothing_they_read_into():
    first = new_parser()
    first.read_string("[DEFAULT]\nshared = 1\n[A]\nx = %(shared)s\n")
    second = new_parser()
    assert (second.sections(), dict(second.defaults()), list(second)) == ([], {}, ["DEFAULT"])
    second.read_string("[B]\ny = 2\n")
    assert (first.sections(), first.get("A", "x"), second.sections()) == (["A"], "1", ["B"])


def test_continuation_lines_are_recorded_with_their_positions(tmp_path):
    conf = _conf(tmp_path, '[DESTINATION]\nreporting = {\n    "subs": {}\n\n    }\nx = 1\n')
    option = conf.sections["DESTINATION"].options["reporting"]
    assert [(v.line, v.column, v.text) for v in option.value_lines] == [(2, 13, "{"), (3, 5, '"subs": {}'), (5, 5, "}")]
    assert option.end_line == 5
    assert conf.value("DESTINATION", "reporting") == '{\n"subs": {}\n\n}'


def test_default_keys_leak_into_every_section_and_are_located_in_default(tmp_path):
    conf = _conf(tmp_path, "[SOURCE]\nsrc_type = gitlab\n\n[DEFAULT]\nssl_verify = false\n")
    assert conf.value("SOURCE", "ssl_verify") == "false"
    assert (conf.defaults.line, conf.defaults.column) == (4, 1)
    assert conf.option("SOURCE", "ssl_verify").section == "DEFAULT"
    assert conf.locate("SOURCE", "ssl_verify") == (5, 1)


def test_empty_value_is_unset_and_missing_section_is_unset(tmp_path):
    conf = _conf(tmp_path, "[SOURCE]\nsrc_type =\n")
    assert conf.raw("SOURCE", "src_type") == ""
    assert conf.value("SOURCE", "src_type") is None
    assert conf.value("APP", "processes") is None
    assert conf.locate("APP", "processes") == (1, 1)
    assert conf.locate("SOURCE", "src_aws_region") == (1, 1)


def test_duplicates_are_all_reported_with_both_lines(tmp_path):
    conf = _conf(tmp_path, "[A]\nx = 1\nX = 2\nx = 3\n[A]\ny = 1\n")
    kinds = [(e.kind, e.line, e.first_line) for e in conf.events]
    assert kinds == [("duplicate-option", 3, 2), ("duplicate-option", 4, 3), ("duplicate-section", 5, 1)]
    assert conf.value("A", "x") == "3"


def test_option_name_keeps_its_case_and_value_column_follows_the_delimiter(tmp_path):
    conf = _conf(tmp_path, "[SOURCE]\n  Src_Type :  CodeCommit\n")
    option = conf.sections["SOURCE"].options["src_type"]
    assert (option.name, option.line, option.column, option.value_lines[0].column) == ("Src_Type", 2, 3, 15)


IMPORT_USER = "[DESTINATION]\nimport_user_id = 2\n"


# --- P009: only keys Congregate reads are interpolated ------------------------------------------------------------

UNREAD_PERCENTS = (
    "[DEFAULT]\nnote = 50% done\nslack_url = https://hooks.slack.com/services/T0%2FB0\n"
    + IMPORT_USER + "comment = 100%\n[NOTES]\nprogress = 10%\n"
)


def test_a_percent_in_a_key_congregate_never_reads_breaks_nothing():
    parser = congregate_reads(UNREAD_PERCENTS)
    for section in known_sections():
        for key in section_keys(section):
            prop(parser, section, key)  # every key Congregate reads: no InterpolationError
    with pytest.raises(configparser.InterpolationSyntaxError):
        parser.get("DESTINATION", "comment")  # it would break, were it read
    assert rule_places(UNREAD_PERCENTS, "P009") == []


def test_a_default_key_is_interpolated_only_in_the_section_that_reads_it():
    text = "[DEFAULT]\ndstn_hostname = https://%(host)s\n" + IMPORT_USER + "host = gitlab.example.com\n[APP]\nssl_verify = 1\n"
    parser = congregate_reads(text)
    assert prop(parser, "DESTINATION", "dstn_hostname") == "https://gitlab.example.com"
    with pytest.raises(configparser.InterpolationMissingOptionError):
        parser.get("APP", "dstn_hostname")  # never read there
    assert rule_places(text, "P009") == []


def test_a_bare_percent_in_a_referenced_key_is_reported_where_it_is_written_and_fixed_there():
    text = "[DEFAULT]\nq = 100%\n" + IMPORT_USER + "dstn_hostname = https://gitlab.example.com/%(q)s\n"
    with pytest.raises(configparser.InterpolationSyntaxError):
        prop(congregate_reads(text), "DESTINATION", "dstn_hostname")
    findings = [f for f in lint_text(text) if f.rule == "P009"]
    assert [(f.location, f.line) for f in findings] == [("DEFAULT.q", 2)]
    assert "'%(q)s' in 'dstn_hostname' of [DESTINATION]" in findings[0].message
    repaired = fix_source(Source("congregate.conf", text.encode()), OFFLINE_RULES).fixed.decode()
    assert prop(congregate_reads(repaired), "DESTINATION", "dstn_hostname") == "https://gitlab.example.com/100%"


# --- P010: JSON has no comments -----------------------------------------------------------------------------------

def test_a_hash_inside_a_json_string_is_data_not_an_inline_comment():
    text = IMPORT_USER + 'reporting = {"post_migration_issues": ["issue #1.md"], "pmi_project_id": 3, "subs": {}}\n'
    reporting = json.loads(prop(congregate_reads(text), "DESTINATION", "reporting"))
    assert reporting["post_migration_issues"] == ["issue #1.md"]
    assert rule_places(text, "P010") == []


def test_a_comment_after_json_is_still_an_inline_comment():
    text = IMPORT_USER + 'reporting = {"subs": {}}   # issue templates\n'
    with pytest.raises(json.JSONDecodeError):
        json.loads(prop(congregate_reads(text), "DESTINATION", "reporting"))
    assert rule_places(text, "P010") == [("P010", "DESTINATION.reporting", 3)]


# --- The bytes: valid UTF-8 is text to Congregate, control characters and all ------------------------------------

def test_form_feeds_in_a_short_file_do_not_stop_the_linting():
    text = "[DESTINATION]\n\f\f\nimport_user_id = 0\n"
    assert congregate_reads(text).getint("DESTINATION", "import_user_id") == 0
    assert rule_places(text, "S010") == [("S010", "DESTINATION.import_user_id", 3)]


# --- P002: what is wrong with the line ---------------------------------------------------------------------------

def test_a_line_with_no_key_before_its_equals_sign_is_named_as_such():
    text = IMPORT_USER + "= value\n"
    with pytest.raises(configparser.ParsingError):
        congregate_reads(text)
    [finding] = [f for f in lint_text(text) if f.rule == "P002"]
    assert finding.line == 3 and "no key before its '='" in finding.message


def test_a_comment_after_padded_base64_is_dropped_by_congregate_s_decoding():
    text = "[SOURCE]\nsrc_type = CodeCommit\n" + f"src_aws_secret_access_key = {FIXTURE_VALUES['SECRET_KEY_OBF']}   # from IAM\n"
    parser = congregate_reads(text)
    stored = prop(parser, "SOURCE", "src_aws_secret_access_key")
    assert "#" in stored and deobfuscate(stored).text == deobfuscate(FIXTURE_VALUES["SECRET_KEY_OBF"]).text
    [finding] = [f for f in lint_text(text) if f.rule == "P010"]
    assert (finding.location, finding.line, finding.severity) == ("SOURCE.src_aws_secret_access_key", 3, Severity.INFO)


def test_a_comment_after_unpadded_base64_breaks_the_decoding():
    token = obfuscate("x" * 39)  # 52 characters, no padding
    text = IMPORT_USER + f"dstn_access_token = {token}   # GitLab token\n"
    assert not deobfuscate(prop(congregate_reads(text), "DESTINATION", "dstn_access_token")).ok
    [finding] = [f for f in lint_text(text) if f.rule == "P010"]
    assert (finding.location, finding.severity) == ("DESTINATION.dstn_access_token", Severity.ERROR)


# The linear readings that replace configparser's quadratic patterns must read every line as configparser does.
LINE_CHARACTERS = st.sampled_from(["a", "B", " ", "\t", "=", ":", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "é", "#",
                                   "\r", "%", "(", ")", "s"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(LINE_CHARACTERS, max_size=16).map("".join))
def test_the_linear_option_pattern_matches_as_configparsers_does(line):
    """The same delimiter and value; the option with the blanks before the delimiter, which configparser strips."""
    ours, theirs = LINEAR_OPTCRE.match(line), configparser.ConfigParser.OPTCRE.match(line)
    assert (ours is None) == (theirs is None)
    if theirs:
        assert ours.group("vi", "value") == theirs.group("vi", "value")
        assert ours.group("option").rstrip() == theirs.group("option")
        assert bool(ours.group("option")) == bool(theirs.group("option")) or line[:1].isspace()


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["%", "(", ")", "s", "a", "\n", "%%"]), max_size=16).map("".join))
def test_percents_reads_references_as_basic_interpolation_does(value):
    names = [match.group(1) for match in re.finditer(r"%%|%\(([^)]+)\)s", value) if match.group(1)]
    assert [percent.name for percent in percents(value) if percent.name] == names
    bare = "%" in re.sub(r"%%|%\(([^)]+)\)s", "", value)
    assert any(percent.name is None for percent in percents(value)) == bare
