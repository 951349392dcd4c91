"""docs/rules/ is generated from the rules' docstrings and kept in sync; SARIF and `explain` point there."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.registry import documentation
from congregate_lint.rule_docs import help_uri, pages, stale_pages, write_pages
from congregate_lint.rules import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_docs_rules_match_the_rules():
    assert stale_pages(str(DOCS)) == [], "regenerate them: congregate-lint docs --write docs/rules"


def test_every_rule_has_a_page_made_from_its_docstring():
    generated = pages()
    for rule in RULES:
        page = generated[f"{rule.ID}.md"]
        assert documentation(rule) in page
        assert rule.__doc__.strip().splitlines()[0] in page
    assert all(f"[{rule.ID}]({rule.ID}.md)" in generated["README.md"] for rule in RULES)


def test_write_then_check_detects_edits_and_leftovers(tmp_path):
    target = tmp_path / "rules"
    assert len(write_pages(str(target))) == len(RULES) + 1
    assert stale_pages(str(target)) == [] and write_pages(str(target)) == []
    (target / "P005.md").write_text("edited by hand\n", encoding="utf-8")
    (target / "X999.md").write_text("a removed rule\n", encoding="utf-8")
    assert stale_pages(str(target)) == ["P005.md", "X999.md"]
    write_pages(str(target))
    assert stale_pages(str(target)) == [] and not (target / "X999.md").exists()


def test_docs_command_checks_and_writes(tmp_path):
    target = str(tmp_path / "rules")
    assert CliRunner().invoke(cli, ["docs", target]).exit_code == 1
    assert CliRunner().invoke(cli, ["docs", "--write", target]).exit_code == 0
    assert CliRunner().invoke(cli, ["docs", target]).exit_code == 0


def test_explain_prints_the_page_text_and_points_to_it():
    result = CliRunner().invoke(cli, ["explain", "unused-suppression"])
    assert result.exit_code == 0
    rule = next(rule for rule in RULES if rule.ID == "M002")
    assert result.output.startswith(documentation(rule))
    assert result.output.rstrip().endswith(f"Online: {help_uri('M002')}")
    assert help_uri("M002").endswith("/docs/rules/M002.md")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_every_rule_documents_why_examples_and_fix(rule):
    """The docstring is the rule's page: why it matters, a failing and a passing example, and the fix."""
    for section in ("**Why it matters.**", "**Failing example", "**Passing example", "**Fix.**"):
        assert section in rule.__doc__, f"{rule.ID} documentation lacks {section}"
    assert re.fullmatch(r"[PSCLMDGHBA]\d{3}", rule.ID) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.NAME)
    assert rule.SUMMARY and "\n" not in rule.SUMMARY
