"""The ``congregate-lint`` command line."""

import os
import sys
from typing import List, Sequence

import click

from congregate_lint import __version__
from congregate_lint.engine import lint_source
from congregate_lint.findings import Severity
from congregate_lint.formatters import FORMATTERS
from congregate_lint.registry import SelectionError, documentation, find_rule, select_rules, split_selectors
from congregate_lint.report import Report
from congregate_lint.rules import RULES
from congregate_lint.schema import schema_text
from congregate_lint.source import SourceError, default_conf_path, read_source

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="congregate-lint")
def cli():
    """Lint Congregate's congregate.conf before a migration runs."""


@cli.command("conf")
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True,
              help="Report format on stdout.")
@click.option("--select", multiple=True, metavar="RULES", help="Run only these rules (ID, ID prefix or name; repeatable, comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (ID, ID prefix or name).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).")
def conf_command(paths: Sequence[str], output_format: str, select, ignore, strict: bool, color: str):
    """Lint congregate.conf files (default: Congregate's own path; '-' reads stdin).

    Exit codes: 0 no errors (and no warnings with --strict), 1 findings that fail,
    2 usage error, unreadable path or internal error.
    """
    try:
        rules = select_rules(split_selectors(select), split_selectors(ignore))
    except SelectionError as error:
        raise click.UsageError(str(error)) from None
    findings, files, failed = [], 0, False
    for path in paths or [default_conf_path()]:
        try:
            source = read_source(path)
        except SourceError as error:
            click.echo(f"congregate-lint: {error}", err=True)
            failed = True
            continue
        result = lint_source(source, rules)
        findings.extend(result.findings)
        files += 1
        failed = failed or result.crashed
    report = Report(findings, files, rules)
    use_color = _use_color(color)
    click.echo(FORMATTERS[output_format].render(report, color=use_color), nl=False, color=use_color)
    sys.exit(EXIT_ERROR if failed else exit_code(report, strict))


def exit_code(report: Report, strict: bool) -> int:
    """1 when an error (or, with strict, a warning) was found; never depends on the format."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_FINDINGS if any(finding.severity in failing for finding in report.findings) else EXIT_OK


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


@cli.command("rules")
def rules_command():
    """List every rule: ID, name, default severity and summary."""
    click.echo(rule_table(RULES))


def rule_table(rules) -> str:
    """The rule table, as Markdown (the README embeds the same table)."""
    rows: List[str] = ["| ID | name | severity | summary |", "|---|---|---|---|"]
    rows.extend(f"| {rule.ID} | {rule.NAME} | {rule.SEVERITY.value} | {rule.SUMMARY} |" for rule in rules)
    return "\n".join(rows)


@cli.command("explain")
@click.argument("rule")
def explain_command(rule: str):
    """Print a rule's documentation (by ID or name)."""
    try:
        click.echo(documentation(find_rule(rule)), nl=False)
    except SelectionError as error:
        raise click.UsageError(str(error)) from None


@cli.command("schema")
def schema_command():
    """Print the JSON Schema of congregate.conf."""
    click.echo(schema_text(), nl=False)


def main():
    """Console-script entry point: any unexpected failure is one line on stderr and exit code 2."""
    try:
        cli(prog_name="congregate-lint")
    except Exception as error:  # the promise: no tracebacks
        click.echo(f"congregate-lint: internal error ({type(error).__name__}); please report it", err=True)
        sys.exit(EXIT_ERROR)
