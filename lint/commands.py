"""The click command line: every option, the help, and the commands besides ``conf``.

``conf`` itself runs :func:`congregate_lint.cli.run_conf`; a command line of ``conf`` and paths alone does not
load this module at all (see :func:`congregate_lint.cli.main`).
"""

import os
import sys

import click

from congregate_lint import __version__
from congregate_lint import cli as entry
from congregate_lint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, GIT_ENDPOINT_VARIABLE, error_line, rule_table
from congregate_lint.formatters import FORMATTERS
from congregate_lint.registry import SelectionError, documentation, find_rule
from congregate_lint.schema import schema_text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="congregate-lint")
def cli():
    """Lint Congregate's congregate.conf before a migration runs."""


@cli.command("conf")
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default=None,
              help="Report format on stdout (default: text, each finding with its line, why and fix; github when "
                   "GITHUB_ACTIONS=true). concise: one line per finding.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write a report file in that format (repeatable), e.g. sarif=congregate-lint.sarif.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file (pyproject.toml or .congregate-lint.toml) instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", multiple=True, metavar="RULES", help="Run only these rules (ID, ID prefix or name; repeatable, comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules (ID, ID prefix or name).")
@click.option("--strict/--no-strict", default=None, help="Warnings fail the run too (default: the config's 'strict').")
@click.option("--max-per-rule", type=click.IntRange(min=0), default=None, metavar="N",
              help="List at most N findings of each rule per file and count the rest in a summary finding (default: "
                   "the config's 'max-per-rule', else 100; 0 lists all).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings of each rule instead of the findings (--output files are unchanged).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default=entry.DEFAULT_COLOR, show_default=True,
              help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--fix", is_flag=True,
              help="Make the safe repairs in place, then report what remains ('-': the fixed text goes to stdout).")
@click.option("--force", is_flag=True,
              help="--fix: also replace read-only files and files with other hard links (those keep the old text).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the repairs --fix would make as a unified diff (secrets masked); write nothing.")
@click.option("--congregate-version", metavar="X.Y.Z", default=None,
              help="The Congregate release the conf is for (default: the project config's congregate-version, else "
                   "$CONGREGATE_PATH/pyproject.toml); some findings depend on it.")
@click.option("--live", is_flag=True,
              help="Also run the live pre-flight (L, D1xx, G1xx rules): ask AWS, the Git host and GitLab whether the conf's credentials work.")
@click.option("--timeout", default=entry.DEFAULT_TIMEOUT, show_default=True, metavar="CONNECT,READ",
              help="--live: connect and read timeout of each call, in seconds (one number sets both).")
@click.option("--deadline", type=click.FloatRange(1, 3600), default=entry.DEFAULT_DEADLINE, show_default=True,
              help="--live: overall time limit of the live checks, in seconds.")
@click.option("--git-endpoint", envvar=GIT_ENDPOINT_VARIABLE, default=None, metavar="URL",
              help="--live: Git host to send the conf's Git credential to instead of "
                   "https://git-codecommit.<region>.amazonaws.com (env CONGREGATE_LINT_GIT_ENDPOINT; https://, or "
                   "http:// to a loopback address only).")
def conf_command(**options):
    """Lint congregate.conf files (default: Congregate's own path; '-' reads stdin).

    Exit codes: 0 no errors (and no warnings with --strict), 1 findings that fail,
    2 usage error, unreadable path or internal error. With --fix or --diff they
    count the findings that remain after fixing; a file that cannot be written is 2.
    """
    entry.run_conf(**options)


@cli.command("rules")
def rules_command():
    """List every rule: ID, name, default severity and summary."""
    from congregate_lint.rules import RULES  # imports every rule: only this command and the docs need them all

    click.echo(rule_table(RULES))


@cli.command("explain")
@click.argument("rule")
def explain_command(rule: str):
    """Print a rule's documentation (by ID or name): the text of its page in docs/rules/."""
    try:
        found = find_rule(rule)
    except SelectionError as error:
        raise click.UsageError(str(error)) from None
    from congregate_lint.rule_docs import help_uri

    click.echo(documentation(found) + f"\nOnline: {help_uri(found.ID)}\n", nl=False)


@cli.command("docs")
@click.argument("directory", default=os.path.join("docs", "rules"))
@click.option("--write", is_flag=True, help="Regenerate the pages (default: only check that they are current).")
def docs_command(directory: str, write: bool):
    """Check (or --write) the rule pages DIRECTORY/<ID>.md generated from the rules' docstrings.

    Exit codes: 0 current (or written), 1 pages missing or outdated.
    """
    from congregate_lint.rule_docs import stale_pages, write_pages

    try:
        if write:
            for path in write_pages(directory):
                click.echo(f"wrote {path}")
            return
        stale = stale_pages(directory)
    except OSError as error:
        error_line(f"{directory}: the rule pages cannot be {'written' if write else 'read'} "
                   f"({error.strerror or type(error).__name__})")
        sys.exit(EXIT_ERROR)
    for name in stale:
        click.echo(f"{os.path.join(directory, name)}: out of date; run `congregate-lint docs --write {directory}`")
    sys.exit(EXIT_FINDINGS if stale else EXIT_OK)


@cli.command("schema")
def schema_command():
    """Print the JSON Schema of congregate.conf."""
    click.echo(schema_text(), nl=False)
