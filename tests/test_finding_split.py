"""Every finding is split: a short one-line headline, and a fix (the text report prints them apart).

Checked on every finding the fixture sets, the examples and the shared corpus produce, with every offline rule;
the live findings are checked where tests/test_live.py produces them, the engine's and the fixer's own
findings below.
"""

import pytest

from congregate_lint.engine import lint_conf, load
from congregate_lint.findings import Finding, Severity, join_message
from congregate_lint.rules import RULES, p011_default_section
from congregate_lint.source import Source
from tests.helpers import FIXTURES, SHARED, lint_bytes, render_fixture, split_problems

ROOT = FIXTURES.parent.parent
CONFS = sorted(FIXTURES.rglob("*.conf")) + sorted((ROOT / "examples").glob("*.conf")) + sorted(
    (SHARED / "corpus").rglob("*.conf*"))


@pytest.mark.parametrize("path", CONFS, ids=lambda p: p.name)
def test_every_finding_of_a_conf_is_split(path):
    findings = lint_bytes(render_fixture(path), path=path.name)
    assert split_problems(findings) == []


def test_the_fixtures_cover_every_offline_rule_but_the_engine_s_own():
    found = {finding.rule for path in CONFS for finding in lint_bytes(render_fixture(path), path=path.name)}
    offline = {rule.ID for rule in RULES if not getattr(rule, "LIVE", False)}
    assert offline - found == {"M001", "P013"}  # M001 and P013 are checked below


def test_a_crashing_rule_s_finding_is_split(monkeypatch):
    def explode(conf):
        raise ValueError("boom")

    monkeypatch.setattr(p011_default_section, "check", explode)
    result = lint_conf(load(Source("c.conf", b"[APP]\n")), [p011_default_section])
    assert [finding.rule for finding in result.findings] == ["M001"]
    assert split_problems(result.findings) == []


def test_a_file_too_large_is_split():
    source = Source("big.conf", b"[APP]\n" + b"# padding\n" * 50, truncated=True)
    findings = lint_conf(load(source), [rule for rule in RULES if rule.ID == "P013"]).findings
    assert [finding.rule for finding in findings] == ["P013"]
    assert split_problems(findings) == []


def test_split_problems_names_each_broken_part():
    long = Finding("S002", "unknown-key", Severity.WARNING, "x" * 101, "c.conf", 1, 1, fix="Do it.")
    bare = Finding("S002", "unknown-key", Severity.WARNING, "two\nlines", "c.conf", 2, 1)
    assert [problem.split(": ")[-1] for problem in split_problems([long, bare])] == [
        "the headline has 101 characters (at most 100)", "the headline must be one non-empty line", "no fix"]


def test_the_message_joins_the_parts_as_one_text():
    assert join_message("key is wrong", "Because.", "Change it.") == "key is wrong. Because. Fix: Change it."
    assert join_message("is it wrong?", "", "") == "is it wrong?"
