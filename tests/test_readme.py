"""The README stays true: its rule table, and the test command CI runs."""

import re
from pathlib import Path

from congregate_lint.cli import rule_table
from congregate_lint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_matches_the_registry():
    table = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", README, re.DOTALL)
    assert table, "README has no rule table markers"
    assert table.group(1) == rule_table(RULES), "regenerate it with `congregate-lint rules`"


def test_ci_runs_exactly_the_readme_test_command():
    setup = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    test_command = setup[1].split("&&")[-1].strip()
    ci_commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command == "python -m pytest"
    assert ci_commands[-1] == test_command


def test_readme_sample_output_is_what_the_tool_prints(monkeypatch):
    from click.testing import CliRunner

    from congregate_lint.cli import cli

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    sample = re.search(r"Sample output, for `examples/mistakes.conf`.*?```text\n(.*?)```", README, re.DOTALL)
    assert sample, "README has no sample output block"
    result = CliRunner().invoke(cli, ["conf", "--isolated", "--color", "never", "examples/mistakes.conf"])
    assert result.output == sample.group(1)
