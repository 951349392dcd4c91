"""The ``congregate-lint`` command line."""

import atexit
import math
import os
import signal
import sys
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence

import click
from click.core import ParameterSource

from congregate_lint import __version__
from congregate_lint.config import ConfigError, ConfigResolver
from congregate_lint.engine import lint_source
from congregate_lint.findings import Severity
from congregate_lint.formatters import FORMATTERS
from congregate_lint.reporting.outputs import OutputError, check_report_paths, default_format, parse_output, write_reports
from congregate_lint.registry import (SelectionError, check_selectors, documentation, find_rule, in_registry_order,
                                      split_selectors)
from congregate_lint.releases import Release, VersionError, parse_version, target_release
from congregate_lint.reporting.report import Report
from congregate_lint.schema import schema_text
from congregate_lint.shapes import escape_controls
from congregate_lint.source import SourceError, default_conf_path, read_source

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C
GIT_ENDPOINT_VARIABLE = "CONGREGATE_LINT_GIT_ENDPOINT"


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
@click.option("--statistics", is_flag=True,
              help="Print the number of findings of each rule instead of the findings (--output files are unchanged).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
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
@click.option("--timeout", default="5,10", show_default=True, metavar="CONNECT,READ",
              help="--live: connect and read timeout of each call, in seconds (one number sets both).")
@click.option("--deadline", type=click.FloatRange(1, 3600), default=30.0, show_default=True,
              help="--live: overall time limit of the live checks, in seconds.")
@click.option("--git-endpoint", envvar=GIT_ENDPOINT_VARIABLE, default=None, metavar="URL",
              help="--live: Git host to send the conf's Git credential to instead of "
                   "https://git-codecommit.<region>.amazonaws.com (env CONGREGATE_LINT_GIT_ENDPOINT; https://, or "
                   "http:// to a loopback address only).")
def conf_command(paths: Sequence[str], output_format: Optional[str], outputs, config_path: Optional[str], isolated: bool,
                 select, ignore, strict: Optional[bool], statistics: bool, color: str,
                 fix: bool, force: bool, show_diff: bool, congregate_version: Optional[str], live: bool, timeout: str,
                 deadline: float, git_endpoint: Optional[str]):
    """Lint congregate.conf files (default: Congregate's own path; '-' reads stdin).

    Exit codes: 0 no errors (and no warnings with --strict), 1 findings that fail,
    2 usage error, unreadable path or internal error. With --fix or --diff they
    count the findings that remain after fixing; a file that cannot be written is 2.
    """
    selected, ignored = split_selectors(select), split_selectors(ignore)
    try:
        check_selectors([*selected, *ignored])  # unknown selectors are usage errors, whatever the config says
        reports = [parse_output(value) for value in outputs]
        if congregate_version is not None:
            parse_version(congregate_version)
    except (SelectionError, OutputError) as error:
        raise click.UsageError(str(error)) from None
    except VersionError as error:  # one line, like every other bad input
        _error_line(f"--congregate-version: {error}")
        sys.exit(EXIT_ERROR)
    if config_path and isolated:
        raise click.UsageError("--config and --isolated exclude each other")
    if force and not fix:
        raise click.UsageError("--force applies to --fix only")
    try:
        check_report_paths(reports, [path for path in paths or [default_conf_path()] if path != "-"])
    except OutputError as error:
        _error_line(error)
        sys.exit(EXIT_ERROR)
    resolver = ConfigResolver(config_path, isolated)
    if live:
        timeout, deadline = _configured_live(resolver, paths, timeout, deadline)
    run = _Run(resolver, selected, ignored, _live_options(live, timeout, deadline, git_endpoint, fix or show_diff),
               fix, show_diff, force, congregate_version)
    for path in paths or [default_conf_path()]:
        run.lint(path)
    report = run.report()
    use_color = _use_color(color)
    # The diff, or stdin's fixed text, owns stdout; the report then goes to stderr.
    report_to_stderr = show_diff or (fix and "-" in (paths or ()))
    for piece in _rendered(report, output_format, statistics, use_color):
        click.echo(piece, nl=False, color=use_color, err=report_to_stderr)
    try:
        write_reports(report, reports)
    except OutputError as error:
        _error_line(error)
        run.failed = True
    strict = run.configured_strict if strict is None else strict
    sys.exit(EXIT_ERROR if run.failed else exit_code(report, strict))


def _rendered(report: Report, output_format: Optional[str], statistics: bool, color: bool) -> Iterable[str]:
    """The stdout report, in pieces written as they are made: the chosen format's, or with --statistics the
    counts per rule."""
    if statistics:
        from congregate_lint.formatters.text import statistics as rule_counts

        return [rule_counts(report)]
    formatter = FORMATTERS[output_format or default_format()]
    return formatter.pieces(report, color=color) if hasattr(formatter, "pieces") else [formatter.render(report, color=color)]


@dataclass
class _Run:
    """One `conf` invocation: lints path after path and gathers what the report and the exit code need."""

    resolver: ConfigResolver
    selected: List[str]
    ignored: List[str]
    live_options: Optional[object]
    fix: bool
    show_diff: bool
    force: bool = False
    congregate_version: Optional[str] = None
    findings: List = field(default_factory=list)
    files: int = 0
    failed: bool = False
    configured_strict: bool = False
    ran: set = field(default_factory=set)
    releases: List[Release] = field(default_factory=list)
    sources: dict = field(default_factory=dict)

    def lint(self, path: str) -> None:
        try:
            source = read_source(path)
        except SourceError as error:
            _error_line(error)
            self.failed = True
            return
        try:
            settings = self.resolver.for_path(source.path)
            rules = settings.rules_for(source.path, self.selected, self.ignored, live=self.live_options is not None)
            release = target_release(self.congregate_version, settings.congregate_version, settings.path, os.environ)
        except (ConfigError, VersionError) as error:
            _error_line(error)
            sys.exit(EXIT_ERROR)
        if release not in self.releases:
            self.releases.append(release)
        rules = [rule for rule in rules if self.live_options or not getattr(rule, "LIVE", False)]
        self.ran.update(rules)
        self.configured_strict = self.configured_strict or bool(settings.strict)
        result = self._result(source, rules, release)
        self.findings.extend(settings.apply_severity(result.findings))
        if result.source is not None:
            self.sources[result.path] = result.source
        self.files += 1
        self.failed = self.failed or result.crashed

    def _result(self, source, rules, release: Release):
        if self.fix or self.show_diff:
            from congregate_lint.fixing.write import fix_file  # only --fix and --diff pay for loading the fixers

            result, not_written = fix_file(source, rules, diff=self.show_diff, force=self.force, release=release)
            self.failed = self.failed or not_written
            return result
        return lint_source(source, rules, self.live_options and _live_context(self.live_options, rules), release)

    def report(self) -> Report:
        return Report(self.findings, self.files, in_registry_order(self.ran), self.releases, self.sources)


def _error_line(error: Exception) -> None:
    click.echo(f"congregate-lint: {escape_controls(str(error))}", err=True)


def _configured_live(resolver: ConfigResolver, paths: Sequence[str], timeout: str, deadline: float):
    """--timeout and --deadline: the command line's if given, else the config's [live] table (of the first linted
    file's configuration, capped by lint/config.py), else the built-in defaults. Where credentials go is never
    taken from a configuration file."""
    try:
        configured = resolver.for_path((list(paths) or [default_conf_path()])[0]).live
    except ConfigError as error:
        _error_line(error)
        sys.exit(EXIT_ERROR)
    context = click.get_current_context()
    values = {"timeout": timeout, "deadline": deadline}
    for name in values:
        if name in configured and context.get_parameter_source(name) is ParameterSource.DEFAULT:
            values[name] = str(configured[name]) if name == "timeout" else configured[name]
    return values["timeout"], values["deadline"]


def _live_context(options, rules):
    from congregate_lint.live import LiveContext  # the live machinery loads only under --live

    return LiveContext(options, rules)


def _live_options(live: bool, timeout: str, deadline: float, git_endpoint: Optional[str], fixing: bool):
    """The --live settings (a LiveOptions), or None without --live (the live rules then do not run)."""
    if not live:
        return None
    from congregate_lint.live import LiveOptions, parse_timeout, stderr_progress
    from congregate_lint.live.endpoints import OverrideError, aws_override, checked_override
    from congregate_lint.source_settings import BITBUCKET_CLOUD_API_VARIABLE

    if fixing:
        raise click.UsageError("--live cannot be combined with --fix or --diff")
    if not math.isfinite(deadline):
        raise click.UsageError(f"--deadline {deadline}: expected a number of seconds")
    try:
        connect_timeout, read_timeout = parse_timeout(timeout)
    except ValueError as error:
        raise click.UsageError(f"--timeout {timeout!r}: {error}") from None
    origin = _git_endpoint_origin()
    try:  # every override that would receive a credential, checked before anything is sent
        if git_endpoint:
            checked_override(git_endpoint, origin)
        for service in ("sts", "codecommit"):
            aws_override(service)
        if os.environ.get(BITBUCKET_CLOUD_API_VARIABLE):
            checked_override(os.environ[BITBUCKET_CLOUD_API_VARIABLE], BITBUCKET_CLOUD_API_VARIABLE)
    except OverrideError as error:
        _error_line(error)
        sys.exit(EXIT_ERROR)
    return LiveOptions(connect_timeout, read_timeout, deadline, git_endpoint, origin, stderr_progress())


def _git_endpoint_origin() -> str:
    """Who gave the Git host override: the option, or the environment variable."""
    source = click.get_current_context().get_parameter_source("git_endpoint")
    return GIT_ENDPOINT_VARIABLE if source is ParameterSource.ENVIRONMENT else "--git-endpoint"


def exit_code(report: Report, strict: bool) -> int:
    """1 when an error (or, with strict, a warning) was found; never depends on the format nor on silenced findings."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_FINDINGS if any(finding.severity in failing for finding in report.active) else EXIT_OK


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


@cli.command("rules")
def rules_command():
    """List every rule: ID, name, default severity and summary."""
    from congregate_lint.rules import RULES  # imports every rule: only this command and the docs need them all

    click.echo(rule_table(RULES))


def rule_table(rules) -> str:
    """The rule table, as Markdown (the README embeds the same table)."""
    rows: List[str] = ["| ID | name | severity | summary |", "|---|---|---|---|"]
    rows.extend(f"| {rule.ID} | {rule.NAME} | {rule.SEVERITY.value} | {rule.SUMMARY} |" for rule in rules)
    return "\n".join(rows)


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
        _error_line(f"{directory}: the rule pages cannot be {'written' if write else 'read'} "
                    f"({error.strerror or type(error).__name__})")
        sys.exit(EXIT_ERROR)
    for name in stale:
        click.echo(f"{os.path.join(directory, name)}: out of date; run `congregate-lint docs --write {directory}`")
    sys.exit(EXIT_FINDINGS if stale else EXIT_OK)


@cli.command("schema")
def schema_command():
    """Print the JSON Schema of congregate.conf."""
    click.echo(schema_text(), nl=False)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT): raised instead of KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""


def main():
    """Console-script entry point: any unexpected failure is one line on stderr and exit code 2; Ctrl-C is one
    line and exit code 130."""
    _raise_interrupted_on_sigint()
    try:
        cli(prog_name="congregate-lint")
    except Interrupted:
        _discard_stdout()
        click.echo("congregate-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:  # stdout closed, a broken pipe or a full disk while the report was written
        _discard_stdout()
        click.echo(f"congregate-lint: the output could not be written ({error.strerror or type(error).__name__})",
                   err=True)
        sys.exit(EXIT_ERROR)
    except Exception as error:  # the promise: no tracebacks
        click.echo(f"congregate-lint: internal error ({type(error).__name__}); please report it", err=True)
        sys.exit(EXIT_ERROR)


def console_main() -> None:
    """The ``congregate-lint`` command: :func:`main`, then an exit that skips the interpreter's teardown.

    Freeing every module and object at exit costs a run milliseconds and does nothing for the user. Once
    ``main`` is done, stdout and stderr are flushed and the process ends at once (``os._exit``) with main's
    exit code; nothing runs after the flush. The ordinary exit is taken instead whenever something could still
    need it: an atexit handler (logging, a temporary directory's finalizer), a thread besides the main one, an
    exit status that is not a number, or a flush that fails (so Python reports it as it always does).
    """
    try:
        main()
    except SystemExit as done:
        code = 0 if done.code is None else done.code
    else:
        code = 0
    if isinstance(code, int) and _nothing_waits_for_exit() and _flushed():
        os._exit(code)
    sys.exit(code)


def _nothing_waits_for_exit() -> bool:
    """No atexit handler is registered and no thread but the main one is alive."""
    count_handlers = getattr(atexit, "_ncallbacks", None)
    threading = sys.modules.get("threading")
    return count_handlers is not None and count_handlers() == 0 and (threading is None or threading.active_count() == 1)


def _flushed() -> bool:
    """Flush every standard stream; False when one of them fails."""
    for stream in {id(stream): stream for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)}.values():
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            return False
    return True


def _raise_interrupted_on_sigint() -> None:
    """Turn SIGINT into :class:`Interrupted` (a file being replaced still gets its temporary file removed),
    unless SIGINT was ignored when the process started (a background job)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return

    def interrupted(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C stops at once
        raise Interrupted()

    signal.signal(signal.SIGINT, interrupted)


def _discard_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit does not fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass
