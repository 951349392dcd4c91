"""Hostile files cost work in proportion to their size: no stage may grow faster than the input.

Nothing here is timed (speed is measured in bench/hostile_bench.py). Work is counted
in steps: the Python lines the interpreter runs (congregate-lint's, configparser's,
difflib's...) while a file is linted, shown as a diff and fixed. A file of a
repeated piece twice as long must not take four times the steps; the bound
allows twice plus some slack for caches warming up. Regular expressions run in C,
out of sight of the count: their linear patterns are checked here on the shapes
that made the old ones quadratic, by their results, and timed in the bench.
"""

import configparser
import json
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congregate_lint.cli import cli
from congregate_lint.engine import lint_source, load
from congregate_lint.fixing.diff import masked_diff
from congregate_lint.fixing.passes import fix_source
from congregate_lint.formatters import text as text_report
from congregate_lint.model import literal_value, may_refer, percents
from congregate_lint.registry import select_rules
from congregate_lint.rules.d003_parent_group_path import FULL_PATH
from congregate_lint.reporting.report import Report
from congregate_lint.source import Source
from tests.helpers import cli_runner, congregate_reads

RULES = select_rules([], [])
# Doubling the input may double the steps; this much more is slack for one-off work (imports, caches).
GROWTH = 2.4


def steps(text: str) -> int:
    """The Python lines run to lint ``text``, print its text report, show its fix as a diff, and fix it."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    data = text.encode("utf-8", "surrogatepass")
    source = Source("congregate.conf", data)
    sys.settrace(trace)
    try:
        result = lint_source(source, RULES)
        text_report.render(Report(result.findings, 1, RULES, sources={result.path: result.source}))
        outcome = fix_source(source, RULES)
        masked_diff(source.path, outcome.original, outcome.fixed)
    finally:
        sys.settrace(None)
    return count


def assert_linear(header: str, piece: str, times: int) -> None:
    steps(header + piece * 3)  # caches and lazy imports are filled before counting
    small, large = steps(header + piece * times), steps(header + piece * times * 2)
    assert large <= GROWTH * small, f"{small} steps, then {large} for twice the input"


SHAPES = {
    "'%(' in a key Congregate reads": ("[APP]\nslack_url = ", "%("),
    "'%' broken references": ("[APP]\nslack_url = ", "%(a%"),
    "bare lines": ("[APP]\n", "bare\n"),
    "bare lines between sections": ("", "[s]\nbare\n"),
    "stacked suppression comments": ("[APP]\n", "# congregate-lint: disable=P010 -- reason\n"),
    "suppressions over keys": ("[APP]\n", "# congregate-lint: disable=S002 -- r\nx = 1 # c\n"),
    "short unknown keys": ("[APP]\n", "k = v\n"),
    "unknown keys like secret names": ("[SOURCE]\n", "src_aws_secret_acces_key = x\n"),
    "keys in an unknown section": ("[X]\n", "k = v\n"),
    "inline comments with '%'": ("[APP]\n", "slack_url_% = a%b # c\n"),
    "a comment with a run of spaces": ("[SOURCE]\nsrc_type = gitlab # x\n# a", " "),
    "a key line with a run of spaces": ("[SOURCE]\nsrc_type = gitlab\na", " "),
    "references that multiply": ("[APP]\nk0 = x\n", "k = %(k0)s%(k0)s\n"),
    "commented-out secrets": ("[SOURCE]\n", "# src_aws_secret_access_key = QUtJQUFBQUFBQUFBQUFBQUFBQUE=\n"),
}


@pytest.mark.parametrize("header, piece", SHAPES.values(), ids=list(SHAPES))
def test_a_hostile_shape_takes_linear_work(header, piece):
    assert_linear(header, piece, 150)


# Files of many different lines: each key or line is new to every cache (name matching, masking, wrapping).
NUMBERED = {
    "distinct unknown keys": ("[APP]\n", "k{} = v\n"),
    "distinct keys in an unknown section": ("[X]\n", "k{} = v\n"),
    "distinct keys of [DEFAULT], inherited by four sections": ("[SOURCE]\n[APP]\n[USER]\n[EXPORT]\n[DEFAULT]\n", "k{} = v\n"),
    "distinct keys near secret names": ("[SOURCE]\n", "src_aws_secret_acces_key{} = x{}\n"),
    "distinct keys near secret names in an unknown section": ("[X]\n", "src_aws_secret_acces_key{} = x\n"),
    "distinct bare lines": ("[APP]\n", "bareline{}\n"),
    "distinct suppressions over unknown keys": ("[APP]\n", "# congregate-lint: disable=S002 -- r{}\nk{} = v\n"),
    "distinct secrets": ("[SOURCE]\nsrc_type = CodeCommit\n", "src_aws_secret_access_key = glpat-{:020d}\n"),
}


@pytest.mark.parametrize("header, line", NUMBERED.values(), ids=list(NUMBERED))
def test_a_file_of_distinct_lines_takes_linear_work(header, line):
    def text(count: int) -> str:
        return header + "".join(line.format(number, number) for number in range(10 ** 5, 10 ** 5 + count))

    steps(text(3))
    small, large = steps(text(150)), steps(text(300))
    assert large <= GROWTH * small, f"{small} steps, then {large} for twice the input"


PIECES = st.sampled_from([
    "[SOURCE]\n", "[APP]\n", "[DEFAULT]\n", "[X]\n", "k = v\n", "bare\n", "  continued\n", "%(", "%%", "%(k)s",
    "%", "# congregate-lint: disable=S002 -- r\n", "# note\n", " # inline", " ", "=", ":", "\n",
    "src_aws_codecommit_password = ", "glpat-", "Zm9vYmFyYmF6cXV4", "https://u:p@h/", "{\"a\": ", "\"x\"", "}",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(PIECES, max_size=4).map("".join), piece=st.lists(PIECES, min_size=1, max_size=4).map("".join))
def test_any_repeated_piece_takes_linear_work(header, piece):
    assert_linear(header, piece, 60)


# ---------------------------------------------------------------------------------------------------------------
# The hostile shapes of issue 9 at full size, through the command line: each gives its findings.

def run(tmp_path, text: str, *options: str):
    path = tmp_path / "congregate.conf"
    path.write_text(text, encoding="utf-8")
    return cli_runner().invoke(cli, ["conf", "--isolated", "--format", "json", *options, str(path)],
                               catch_exceptions=False)


def test_80_kb_of_percent_parentheses_is_one_interpolation_error(tmp_path):
    result = run(tmp_path, "[APP]\nslack_url = " + "%(" * 40000 + "\n")
    assert result.exit_code == 1
    assert result.stdout.count('"rule": "P009"') == 1


def test_80_kb_of_percent_parentheses_under_diff_escapes_each_one(tmp_path):
    result = run(tmp_path, "[APP]\nslack_url = " + "%(" * 40000 + "\n", "--diff")
    # slack_url is a secret (a webhook URL): the diff describes it; each '%' doubled makes it 120,000 characters.
    assert "-slack_url = <secret: 80000 characters" in result.stdout
    assert "+slack_url = <secret: 120000 characters" in result.stdout


def test_80_kb_of_escaped_percents_reads_as_configparser_reads_it(tmp_path):
    text = "[APP]\nslack_url = " + "%%(" * 40000 + "\n"
    conf = load(Source("congregate.conf", text.encode()))
    assert conf.value("APP", "slack_url") == congregate_reads(text).get("APP", "slack_url") == "%(" * 40000
    result = run(tmp_path, text, "--diff")
    assert result.exit_code == 1 and result.stdout == ""  # nothing to repair, nothing broken


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="%()sa\n", max_size=24))
def test_a_value_read_without_configparser_is_what_configparser_reads(raw):
    """literal_value and may_refer spare configparser's quadratic reading only where it has nothing to do."""
    parser = configparser.ConfigParser()
    parser.read_string("[APP]\na = x\nk = " + raw.replace("\n", "\n  ") + "\n")
    raw = parser.get("APP", "k", raw=True)
    try:
        expected = parser.get("APP", "k")
    except configparser.Error:
        expected = None
    literal = literal_value(raw)
    assert literal is None or literal == expected
    assert literal is not None or any(percent.name != "" for percent in percents(raw))
    assert may_refer(raw) or not any(percent.name for percent in percents(raw))


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(["a", "é", "_", ".", "+", "-", "/", " ", "!", "\n"]), max_size=12))
def test_the_group_path_pattern_without_a_repeated_group_reads_as_the_one_with_it(value):
    assert bool(FULL_PATH.fullmatch(value)) == bool(re.fullmatch(r"[\w.+-]+(/[\w.+-]+)*", value))


def test_a_long_group_path_is_read_whole(tmp_path):
    path = "/".join(["group"] * 200_000)  # 1.2 MB, a repeated regex group would hold 200,000 states for it
    result = run(tmp_path, f"[DESTINATION]\ndstn_parent_group_path = {path}\n", "--select", "D003")
    assert '"rule": "D003"' not in result.stdout
    result = run(tmp_path, f"[DESTINATION]\ndstn_parent_group_path = {path}//x\n", "--select", "D003")
    assert result.stdout.count('"rule": "D003"') == 1


def test_a_message_about_thousands_of_keys_names_ten_and_counts_the_rest(tmp_path):
    defaults = "[DEFAULT]\n" + "".join(f"k{i:05d} = v\n" for i in range(20_000))
    [finding] = json.loads(run(tmp_path, defaults, "--select", "P011").stdout)["findings"]
    assert "[DEFAULT] sets k00000, k00001, k00002, k00003, k00004, k00005, k00006, k00007, k00008, k00009 and 19990 " \
           "more;" in finding["message"]
    names = json.dumps({f"x{i:05d}": 1 for i in range(20_000)})
    [finding] = json.loads(run(tmp_path, f"[CI_SOURCE]\nsources = {names}\n", "--select", "S005").stdout)["findings"]
    assert "'x00008', 'x00009' and 19990 more, which Congregate never reads" in finding["message"]


def test_a_key_name_a_megabyte_long_makes_a_headline_of_a_thousand_characters(tmp_path):
    result = run(tmp_path, "[APP]\n" + "k" * 1_000_000 + "x = v\n", "--select", "S002")
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["message"].startswith("Congregate does not read 'kkk")
    assert "… (999037 characters left out) …" in finding["message"] and finding["message"].count("k") < 1100
    assert finding["message"].split(" … ")[2].startswith("k" * 239 + "x' in [APP].")
    assert len(finding["key"]) == 1_000_001  # the place itself is not cut


def test_thousands_of_bare_lines_are_each_reported_when_all_are_asked_for(tmp_path):
    result = run(tmp_path, "[APP]\n" + "".join(f"bareline{i}\n" for i in range(20000)), "--max-per-rule", "0")
    assert result.exit_code == 1
    assert result.stdout.count('"rule": "P003"') == 20000


def test_a_40_kb_comment_with_a_run_of_spaces_is_shown_in_the_diff(tmp_path):
    result = run(tmp_path, "[SOURCE]\nsrc_type = gitlab # x\n# a" + " " * 40000 + "b\n", "--diff")
    assert " # a" + " " * 40000 + "b" in result.stdout


def test_a_key_line_with_a_run_of_spaces_is_read_as_configparser_reads_it(tmp_path):
    result = run(tmp_path, "[SOURCE]\nsrc_type = gitlab\na" + " " * 40000 + "b\n")
    assert '"rule": "P002"' in result.stdout


def test_thousands_of_stacked_suppressions_all_apply_to_the_key_below(tmp_path):
    result = run(tmp_path, "[APP]\n" + "# congregate-lint: disable=S002 -- r\n" * 5000 + "x = 1\n", "--select", "S002,M002")
    assert result.stdout.count('"suppressed": "r"') == 1
    assert '"rule": "M002"' not in result.stdout  # each comment of the stack silenced the finding


@pytest.mark.parametrize("section, findings", [("APP", 20000), ("X", 0), ("DEFAULT", 20000)])
def test_twenty_thousand_short_keys_are_each_reported_where_congregate_reads_them(tmp_path, section, findings):
    result = run(tmp_path, f"[{section}]\n" + "".join(f"k{i} = v\n" for i in range(20000)), "--select", "S002",
                 "--max-per-rule", "0")
    assert result.stdout.count('"rule": "S002"') == findings


def test_references_that_multiply_are_reported_instead_of_expanded(tmp_path):
    """A 500-byte file whose keys each refer ten times to the next expands to 100 million characters."""
    lines = ["[APP]", "k0 = xxxxxxxxxx"] + [f"k{i} = " + f"%(k{i - 1})s" * 10 for i in range(1, 8)]
    result = run(tmp_path, "\n".join(lines + ["slack_url = %(k7)s"]) + "\n", "--select", "P009")
    assert result.exit_code == 1
    assert result.stdout.count('"rule": "P009"') == 1
    assert "would expand to more than 4 million characters" in result.stdout


def test_references_of_ordinary_length_are_still_read(tmp_path):
    result = run(tmp_path, "[DEFAULT]\nhost = gitlab.example.com\n[DESTINATION]\ndstn_hostname = https://%(host)s\n",
                 "--select", "P009")
    assert '"rule": "P009"' not in result.stdout
