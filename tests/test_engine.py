"""The engine: rule selection before running, crash isolation, locating problems, masking secrets."""

import gc

import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.engine import lint_conf, load
from congregate_lint.findings import Problem
from congregate_lint.formatters import text as text_report
from congregate_lint.registry import select_rules
from congregate_lint.reporting.report import Report
from congregate_lint.rules import p005_duplicate_option, p011_default_section
from congregate_lint.source import Source
from tests import credentials

DUPLICATE_AND_DEFAULT = b"[SOURCE]\nsrc_type = a\nsrc_type = b\n[DEFAULT]\nx = 1\n"


def _explode(conf):
    raise ValueError("boom")
    yield  # pragma: no cover - makes this a generator like a real check


def test_a_crashing_rule_becomes_an_internal_error_and_the_others_still_run(monkeypatch):
    monkeypatch.setattr(p011_default_section, "check", _explode)
    result = lint_conf(load(Source("c.conf", DUPLICATE_AND_DEFAULT)), [p005_duplicate_option, p011_default_section])
    assert result.crashed
    assert [(f.rule, f.line) for f in result.findings] == [("M001", 1), ("P005", 3)]
    assert result.findings[0].message.startswith("rule P011 (default-section) failed with ValueError")
    assert "boom" not in result.findings[0].message


def test_internal_error_exits_2_without_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(p011_default_section, "check", _explode)
    path = tmp_path / "c.conf"
    path.write_bytes(DUPLICATE_AND_DEFAULT)
    result = CliRunner().invoke(cli, ["conf", str(path)])
    assert result.exit_code == 2
    assert "error M001 rule P011 (default-section) failed with ValueError" in result.output
    assert "Traceback" not in result.output


def test_an_ignored_rule_does_not_run(monkeypatch):
    monkeypatch.setattr(p011_default_section, "check", _explode)
    rules = select_rules([], ["default-section"])
    assert p011_default_section not in rules
    result = lint_conf(load(Source("c.conf", DUPLICATE_AND_DEFAULT)), rules)
    assert not result.crashed


def test_select_by_prefix_keeps_registry_order():
    assert [rule.ID for rule in select_rules(["P00"], [])] == [f"P00{i}" for i in range(1, 10)]


def test_a_message_that_would_carry_a_secret_is_masked(monkeypatch):
    secret = credentials.secret_key()
    encoded = credentials.obfuscated(secret)

    def leaky(conf):
        yield Problem(f"value {encoded} decodes to {secret}", section="SOURCE")

    monkeypatch.setattr(p011_default_section, "check", leaky)
    text = f"[SOURCE]\nsrc_aws_secret_access_key = {encoded}\n".encode()
    message = lint_conf(load(Source("c.conf", text)), [p011_default_section]).findings[0].message
    assert message == "value **** decodes to ****."


# --- a linted file is freed as soon as it is done with -----------------------------------------------------------

CYCLE_CASES = {
    "no finding": b"[APP]\nslack_url = https://hooks.example.com/x\n",
    "findings": b"[APP]\nunknown_key = 1\n[Source]\nsrc_type = x\n",
    "findings and secrets": b"[SOURCE]\nsrc_type = GitLab\nsrc_access_token = " + credentials.token("glpat-", 20).encode()
                            + b"\nsrc_hostnme = x\n",
    "lines configparser cannot read": b"[APP]\nbare\n= x\n",
}


@pytest.mark.parametrize("data", CYCLE_CASES.values(), ids=list(CYCLE_CASES))
def test_a_linted_file_and_its_report_leave_no_reference_cycle(data):
    """A cycle would keep the file's whole model until the collector came round, which the command lets wait
    for 50,000 new objects: in a batch, file after file."""
    rules = select_rules([], [])

    def lint_and_report():
        result = lint_conf(load(Source("congregate.conf", data)), rules)
        text_report.render(Report(result.findings, 1, rules, sources={result.path: result.source}))

    lint_and_report()  # imports and caches first
    gc.collect()
    gc.disable()
    try:
        lint_and_report()
        assert gc.collect() == 0
    finally:
        gc.enable()
