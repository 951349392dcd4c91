"""The ``congregate-lint`` command: its entry points and the ``conf`` run.

The options, the help and the other commands are click's, in :mod:`congregate_lint.commands` (``cli`` here is
loaded on first use). A command line of ``conf`` and paths alone, which is what the pre-commit hook runs, needs
nothing of click: :func:`main` runs it without importing click (a quarter of a one-file run), with every option at
the default click would give it, writing what click would write and exiting as click would
(tests/test_plain_conf_run.py compares the two).
"""

import atexit
import codecs
import errno
import gc
import io
import math
import os
import signal
import sys
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from congregate_lint.config import ConfigError, ConfigResolver, ProjectConfig
from congregate_lint.engine import lint_source
from congregate_lint.listing import DEFAULT_LIMIT, listed
from congregate_lint.findings import Severity
from congregate_lint.formatters import FORMATTERS
from congregate_lint.reporting.outputs import OutputError, check_report_paths, default_format, parse_output, write_reports
from congregate_lint.registry import SelectionError, check_selectors, in_registry_order, split_selectors
from congregate_lint.releases import Release, VersionError, parse_version, target_release
from congregate_lint.reporting.report import Report
from congregate_lint.shapes import escape_controls
from congregate_lint.source import SourceError, default_conf_path, read_source

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C
# How many new objects the command lets pile up before the collector looks at the young ones (Python's: 700).
YOUNG_COLLECTION = 50_000
GIT_ENDPOINT_VARIABLE = "CONGREGATE_LINT_GIT_ENDPOINT"
DEFAULT_COLOR, DEFAULT_TIMEOUT, DEFAULT_DEADLINE = "auto", "5,10", 30.0
# When set, click answers a shell's completion request instead of running a command (click's name for it).
COMPLETION_VARIABLE = "_CONGREGATE_LINT_COMPLETE"


def __getattr__(name: str):
    """``cli``, the click group of every command, imported on first use."""
    if name != "cli":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from congregate_lint.commands import cli

    return cli


def run_conf(paths: Sequence[str], output_format: Optional[str] = None, outputs: Sequence[str] = (),
             config_path: Optional[str] = None, isolated: bool = False, select: Sequence[str] = (),
             ignore: Sequence[str] = (), strict: Optional[bool] = None, max_per_rule: Optional[int] = None,
             statistics: bool = False,
             color: str = DEFAULT_COLOR, fix: bool = False, force: bool = False, show_diff: bool = False,
             congregate_version: Optional[str] = None, live: bool = False, timeout: str = DEFAULT_TIMEOUT,
             deadline: float = DEFAULT_DEADLINE, git_endpoint: Optional[str] = None):
    """The ``conf`` command (options and help in :mod:`congregate_lint.commands`): lint, report, exit with the
    code. Each default is the one click gives an option left out."""
    selected, ignored = split_selectors(select), split_selectors(ignore)
    try:
        check_selectors([*selected, *ignored])  # unknown selectors are usage errors, whatever the config says
        reports = [parse_output(value) for value in outputs]
        if congregate_version is not None:
            parse_version(congregate_version)
    except (SelectionError, OutputError) as error:
        raise _usage_error(str(error)) from None
    except VersionError as error:  # one line, like every other bad input
        error_line(f"--congregate-version: {error}")
        sys.exit(EXIT_ERROR)
    if config_path and isolated:
        raise _usage_error("--config and --isolated exclude each other")
    if force and not fix:
        raise _usage_error("--force applies to --fix only")
    try:
        check_report_paths(reports, [path for path in paths or [default_conf_path()] if path != "-"])
    except OutputError as error:
        error_line(error)
        sys.exit(EXIT_ERROR)
    resolver = ConfigResolver(config_path, isolated)
    if live:
        timeout, deadline = _configured_live(resolver, paths, timeout, deadline)
    run = _Run(resolver, selected, ignored, _live_options(live, timeout, deadline, git_endpoint, fix or show_diff),
               fix, show_diff, force, congregate_version, max_per_rule)
    for path in paths or [default_conf_path()]:
        run.lint(path)
    report = run.report()
    for passed_over in resolver.passed_over:
        error_line(f"{passed_over} was not read: others may write to its folder, or another user owns it "
                   f"(--config {passed_over} uses it)")
    use_color = _use_color(color)
    # The diff, or stdin's fixed text, owns stdout; the report then goes to stderr.
    report_to_stderr = show_diff or (fix and "-" in (paths or ()))
    for piece in _rendered(report, output_format, statistics, use_color):
        echo(piece, err=report_to_stderr, color=use_color)
    try:
        write_reports(report, reports)
    except OutputError as error:
        error_line(error)
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


class _Run:
    """One `conf` invocation: lints path after path and gathers what the report and the exit code need."""

    def __init__(self, resolver: ConfigResolver, selected: List[str], ignored: List[str],
                 live_options: Optional[object], fix: bool, show_diff: bool, force: bool = False,
                 congregate_version: Optional[str] = None, max_per_rule: Optional[int] = None):
        self.resolver = resolver
        self.selected = selected
        self.ignored = ignored
        self.live_options = live_options
        self.fix = fix
        self.show_diff = show_diff
        self.force = force
        self.congregate_version = congregate_version
        self.max_per_rule = max_per_rule
        self.findings: List = []
        self.files = 0
        self.failed = False
        self.configured_strict = False
        self.ran: set = set()
        self.releases: List[Release] = []
        self.sources: dict = {}
        self._release_of: Dict[Tuple[Optional[str], Optional[str]], Release] = {}

    def lint(self, path: str) -> None:
        try:
            source = read_source(path)
        except SourceError as error:
            error_line(error)
            self.failed = True
            return
        try:
            settings = self.resolver.for_path(source.path)
            rules = settings.rules_for(source.path, self.selected, self.ignored, live=self.live_options is not None)
            release = self._release(settings)
        except (ConfigError, VersionError) as error:
            error_line(error)
            sys.exit(EXIT_ERROR)
        if release not in self.releases:
            self.releases.append(release)
        self.ran.update(rules)
        self.configured_strict = self.configured_strict or bool(settings.strict)
        limit = next(limit for limit in (self.max_per_rule, settings.max_per_rule, DEFAULT_LIMIT) if limit is not None)
        result = self._result(source, rules, release, limit)
        self.findings.extend(settings.apply_severity(result.findings))
        if result.source is not None and result.findings:  # only a finding's lines are shown: keep no other file
            self.sources[result.path] = result.source
        self.files += 1
        self.failed = self.failed or result.crashed

    def _release(self, settings: ProjectConfig) -> Release:
        """The Congregate release assumed under these settings, worked out once per configuration (a batch would
        otherwise read $CONGREGATE_PATH/pyproject.toml again for every file)."""
        key = (settings.congregate_version, settings.path)
        if key not in self._release_of:
            self._release_of[key] = target_release(self.congregate_version, settings.congregate_version,
                                                   settings.path, os.environ)
        return self._release_of[key]

    def _result(self, source, rules, release: Release, limit: int):
        if self.fix or self.show_diff:
            from congregate_lint.fixing.write import fix_file  # only --fix and --diff pay for loading the fixers

            result, not_written = fix_file(source, rules, diff=self.show_diff, force=self.force, release=release)
            self.failed = self.failed or not_written
            result.findings = listed(result.findings, limit)  # every finding was needed to choose the repairs
            return result
        return lint_source(source, rules, self.live_options and _live_context(self.live_options, rules), release,
                           limit)

    def report(self) -> Report:
        return Report(self.findings, self.files, in_registry_order(self.ran), self.releases, self.sources)


def error_line(error: Exception) -> None:
    """One line on stderr: the error, its control characters escaped."""
    echo(f"congregate-lint: {escape_controls(str(error))}\n", err=True)


def echo(text: str, err: bool = False, color: Optional[bool] = None) -> None:
    """Write the text to stdout (stderr with ``err``) and flush, as ``click.echo(text, nl=False, err=err,
    color=color)`` does.

    click writes the text unchanged to an ordinary text stream (one that is not ASCII-encoded) when it holds no
    escape sequence (the only thing it would strip), so those are written here without loading click; anything
    else goes through click.echo itself.
    """
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if "\x1b" in text or not _ordinary_text_stream(stream):
        import click

        click.echo(text, nl=False, err=err, color=color)
        return
    if text:
        stream.write(text)
    stream.flush()


def _ordinary_text_stream(stream) -> bool:
    """A text stream click would write to as it is: not one that takes bytes, not ASCII-encoded (click wraps those
    in a UTF-8 writer), not on Windows (click has its own writer for the console there)."""
    if os.name == "nt" or not isinstance(stream, io.TextIOWrapper) or not stream.encoding or stream.errors is None:
        return False
    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return True


def _usage_error(message: str) -> Exception:
    """click's usage error (the usage line, then the message; exit 2). Only an option raises one, so click, which
    parsed the options, is loaded already."""
    from click import UsageError

    return UsageError(message)


def _configured_live(resolver: ConfigResolver, paths: Sequence[str], timeout: str, deadline: float):
    """--timeout and --deadline: the command line's if given, else the config's [live] table (of the first linted
    file's configuration, capped by lint/config.py), else the built-in defaults. Where credentials go is never
    taken from a configuration file."""
    try:
        configured = resolver.for_path((list(paths) or [default_conf_path()])[0]).live
    except ConfigError as error:
        error_line(error)
        sys.exit(EXIT_ERROR)
    import click
    from click.core import ParameterSource

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
        raise _usage_error("--live cannot be combined with --fix or --diff")
    if not math.isfinite(deadline):
        raise _usage_error(f"--deadline {deadline}: expected a number of seconds")
    try:
        connect_timeout, read_timeout = parse_timeout(timeout)
    except ValueError as error:
        raise _usage_error(f"--timeout {timeout!r}: {error}") from None
    origin = _git_endpoint_origin()
    try:  # every override that would receive a credential, checked before anything is sent
        if git_endpoint:
            checked_override(git_endpoint, origin)
        for service in ("sts", "codecommit"):
            aws_override(service)
        if os.environ.get(BITBUCKET_CLOUD_API_VARIABLE):
            checked_override(os.environ[BITBUCKET_CLOUD_API_VARIABLE], BITBUCKET_CLOUD_API_VARIABLE)
    except OverrideError as error:
        error_line(error)
        sys.exit(EXIT_ERROR)
    return LiveOptions(connect_timeout, read_timeout, deadline, git_endpoint, origin, stderr_progress())


def _git_endpoint_origin() -> str:
    """Who gave the Git host override: the option, or the environment variable."""
    import click
    from click.core import ParameterSource

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


def rule_table(rules) -> str:
    """The rule table, as Markdown (the README embeds the same table)."""
    rows: List[str] = ["| ID | name | severity | summary |", "|---|---|---|---|"]
    rows.extend(f"| {rule.ID} | {rule.NAME} | {rule.SEVERITY.value} | {rule.SUMMARY} |" for rule in rules)
    return "\n".join(rows)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT): raised instead of KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""


def main():
    """Console-script entry point: any unexpected failure is one line on stderr and exit code 2; Ctrl-C is one
    line and exit code 130."""
    _raise_interrupted_on_sigint()
    try:
        paths = plain_conf_paths(sys.argv[1:])
        if paths is None:
            from congregate_lint.commands import cli

            cli(prog_name="congregate-lint")
        else:
            conf_without_click(paths)
    except Interrupted:
        _discard_stdout()
        echo("congregate-lint: interrupted\n", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:  # stdout closed, a broken pipe or a full disk while the report was written
        _discard_stdout()
        echo(f"congregate-lint: the output could not be written ({error.strerror or type(error).__name__})\n",
             err=True)
        sys.exit(EXIT_ERROR)
    except Exception as error:  # the promise: no tracebacks
        echo(f"congregate-lint: internal error ({type(error).__name__}); please report it\n", err=True)
        sys.exit(EXIT_ERROR)


def plain_conf_paths(args: Sequence[str]) -> Optional[List[str]]:
    """The paths of a command line that is ``conf`` and paths alone (no option, no ``-`` for stdin), which click
    would hand to ``conf`` as they are; None for any other command line, on Windows (where click expands
    wildcards in the arguments) and when a shell asks click to complete a command line."""
    if os.name == "nt" or os.environ.get(COMPLETION_VARIABLE) or list(args[:1]) != ["conf"]:
        return None
    paths = list(args[1:])
    return None if any(path.startswith("-") for path in paths) else paths


def conf_without_click(paths: Sequence[str]) -> None:
    """``conf PATH...`` as click runs it: every option at its default (the Git endpoint, as click reads it, from
    the environment), and on a broken pipe click's own exit, 1, after making the standard streams' flush ignore
    the closed pipe."""
    try:
        run_conf(tuple(paths), git_endpoint=os.environ.get(GIT_ENDPOINT_VARIABLE) or None)
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        sys.stdout = _BrokenPipeIgnored(sys.stdout)
        sys.stderr = _BrokenPipeIgnored(sys.stderr)
        sys.exit(1)  # click's exit code after a broken pipe


class _BrokenPipeIgnored:
    """A standard stream whose flush ignores a closed pipe (what click puts in place after a broken pipe)."""

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str):
        return getattr(self.wrapped, name)


def console_main() -> None:
    """The ``congregate-lint`` command: :func:`main`, then an exit that skips the interpreter's teardown.

    Freeing every module and object at exit costs a run milliseconds and does nothing for the user. Once
    ``main`` is done, stdout and stderr are flushed and the process ends at once (``os._exit``) with main's
    exit code; nothing runs after the flush. The ordinary exit is taken instead whenever something could still
    need it: an atexit handler (logging, a temporary directory's finalizer), a thread besides the main one, an
    exit status that is not a number, or a flush that fails (so Python reports it as it always does).

    The cyclic garbage collector looks at the newest objects every YOUNG_COLLECTION allocations instead of 700:
    a file of 100,000s of keys makes millions of objects that all live on (its model, its findings), and each
    collection walked them again (a large part of linting such a file). The few cycles a file makes are still
    collected, a few files later.
    """
    gc.set_threshold(YOUNG_COLLECTION)
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
