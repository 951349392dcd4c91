"""Any bytes in: a finding or a one-line error out, never a traceback.

Random bytes and text through the engine; odd paths, closed or full standard streams, pipes and bad project
config through the command as users run it: ``python -m congregate_lint`` (the console script's own ``main``)
in a child process where streams and files are real, and in process through click's runner with
``catch_exceptions=False``, so that an exception fails the test instead of becoming a line. Each of these
cases once gave an "internal error" line (an exception that escaped), hung, or replaced a pipe with a file.
"""

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congregate_lint.cli import cli
from congregate_lint.formatters import FORMATTERS
from congregate_lint.rules import RULES
from congregate_lint.source import BOM, Source, decode
from tests.helpers import cli_runner, lint_bytes, places

CLEAN = b"[DESTINATION]\nimport_user_id = 2\n"


def parse_rules(data):
    return [place for place in places(lint_bytes(data, select=["P"]))]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_findings_not_exceptions(data):
    for finding in lint_bytes(data):
        assert finding.rule != "M001", finding.message
        assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_random_text_gives_findings_not_exceptions(text):
    assert all(finding.rule != "M001" for finding in lint_bytes(text.encode("utf-8", "surrogatepass")))


def test_empty_file_has_no_parse_finding():
    assert parse_rules(b"") == []


def test_random_binary_file_is_reported_once_as_not_utf8():
    data = bytes(range(256)) * 8
    # byte 0 is a NUL; the first byte that is not UTF-8 (0x80) follows the \n and \r of bytes 10 and 13
    assert parse_rules(data) == [("P008", "-", 1), ("P007", "-", 3)]


def test_crlf_and_mixed_line_endings_keep_line_numbers():
    data = b"[SOURCE]\r\nsrc_type = a\rsrc_type = b\nx = 1\r\n"
    assert parse_rules(data) == [("P005", "SOURCE.src_type", 3)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b"= ", b"\xc3\xa9", b"\xc3", b"\x80", b"\0",
                                 b"\xef\xbb\xbf"]), max_size=40).map(b"".join))
def test_decoded_text_is_what_text_mode_reads(data):
    """Congregate reads the file in text mode: UTF-8, undecodable bytes replaced, universal newlines."""
    text, issues = decode(Source("congregate.conf", data))
    body = data[len(BOM):] if data.startswith(BOM) else data
    expected = io.TextIOWrapper(io.BytesIO(body), encoding="utf-8", errors="replace", newline=None).read()
    assert text == ("" if "binary" in [issue.kind for issue in issues] else expected)


def test_tabs_indent_continuation_lines():
    data = b"[DESTINATION]\nreporting = {\n\t\"subs\": {}\n\t}\n\tbad = indented\n"
    assert parse_rules(data) == []


def test_very_long_line_is_read_whole():
    data = b"[APP]\nslack_url = " + b"a" * 1_000_000 + b"%\n"
    assert parse_rules(data) == [("P009", "APP.slack_url", 2)]


def test_bom_is_reported_and_the_rest_still_linted():
    data = b"\xef\xbb\xbf[SOURCE]\nsrc_type = a\nsrc_type = b\n"
    assert parse_rules(data) == [("P006", "-", 1), ("P005", "SOURCE.src_type", 3)]


def test_stdin_with_crlf_and_bom():
    result = CliRunner().invoke(cli, ["conf", "--select", "P", "--format", "concise", "-"],
                                input=b"\xef\xbb\xbf[A]\r\nx = 1\r\nx = 2\r\n")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "<stdin>:1:1: error P006 the file starts with a UTF-8 byte-order mark",
        "<stdin>:3:1: error P005 'x' is set twice in [A], at lines 2 and 3 [A.x]",
    ]


# VmHWM is the peak resident memory of this process since exec; ru_maxrss would carry over pytest's own size.
MEASURE_PEAK_MEMORY = """
import re, sys
from congregate_lint.cli import main
sys.argv = ["congregate-lint", "conf", "--format", "json", sys.argv[1]]
try:
    main()
finally:
    status = open("/proc/self/status").read()
    print(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1), file=sys.stderr)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak memory from /proc/self/status")
def test_fifty_megabyte_file_is_refused_early_with_bounded_memory(tmp_path):
    path = tmp_path / "congregate.conf"
    with open(path, "wb") as handle:
        handle.write(CLEAN)
        for _ in range(50):
            handle.write(b"x = " + b"y" * (1024 * 1024 - 5) + b"\n")
    result = subprocess.run([sys.executable, "-c", MEASURE_PEAK_MEMORY, str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert '"rule": "P013"' in result.stdout
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    assert peak_kib < 150 * 1024, f"peak memory {peak_kib} KiB for a 50 MB file"


# ---------------------------------------------------------------------------------------------------------------
# Odd paths, streams, pipes and project configs through the command.

COMMAND = [sys.executable, "-m", "congregate_lint"]
CONF = b"[SOURCE]\nsrc_type = gitlab # note\n[DESTINATION]\nimport_user_id = 1\n"
# A child that never ends would hang the suite: this bound only turns a hang into a failure.
HANG = 60
CRASH_WORDS = ("internal error", "report it", "report this", "Traceback")
posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes, /dev/full and shell redirections")


def run(args, cwd, shell_redirect="", stdin=None):
    """The command in a child process; ``shell_redirect`` closes or points its streams elsewhere."""
    # exec: the shell becomes the command, so the bound below stops the command itself, not just the shell.
    command = "exec " + " ".join(f"'{part}'" for part in COMMAND + list(args)) + " " + shell_redirect
    return subprocess.run(["/bin/sh", "-c", command], cwd=cwd, input=stdin, capture_output=True, timeout=HANG)


def assert_one_line_error(result, words):
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("congregate-lint: ") and words in stderr, stderr
    assert not any(word in stderr for word in CRASH_WORDS), stderr


@posix_only
@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, name):
    raw = os.path.join(os.fsencode(tmp_path), b"congregate-\xff.conf")
    with open(raw, "wb") as handle:
        handle.write(CONF)
    report = tmp_path / "report"
    result = cli_runner().invoke(cli, ["conf", "--isolated", "--format", name, f"--output={name}={report}",
                                       os.fsdecode(raw)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    assert "P010" in result.stdout and "P010" in report.read_text(encoding="utf-8")
    shown = "congregate-%EF%BF%BD.conf" if name == "sarif" else "congregate-\ufffd.conf"  # SARIF holds a URI
    assert shown in result.stdout


@posix_only
def test_closed_stdin_is_a_one_line_error(tmp_path):
    assert_one_line_error(run(["conf", "--isolated", "-"], tmp_path, "<&-"), "standard input is closed")


@posix_only
@pytest.mark.parametrize("args", [["conf", "--isolated", "--format", "json"], ["rules"], ["schema"]])
def test_a_full_stdout_is_a_one_line_error(tmp_path, args):
    (tmp_path / "congregate.conf").write_bytes(CONF)
    args = args + ["congregate.conf"] if args[0] == "conf" else args
    assert_one_line_error(run(args, tmp_path, ">/dev/full"), "No space left on device")


@posix_only
def test_a_closed_stdout_still_gives_the_exit_code(tmp_path):
    (tmp_path / "congregate.conf").write_bytes(CONF)
    result = run(["conf", "--isolated", "congregate.conf"], tmp_path, ">&-")
    assert result.returncode == 1 and result.stderr == b""


@posix_only
def test_fixed_stdin_that_cannot_reach_stdout_is_a_failure_not_a_crash(tmp_path):
    result = run(["conf", "--isolated", "--fix", "-"], tmp_path, ">&-", stdin=CONF)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.startswith("congregate-lint: <stdin>: the fixed text cannot be written (standard output is closed)")
    assert not any(word in stderr for word in CRASH_WORDS)


@posix_only
def test_a_named_pipe_nobody_writes_to_is_read_as_empty_instead_of_hanging(tmp_path):
    os.mkfifo(tmp_path / "congregate.conf")
    result = run(["conf", "--isolated", "--select", "S007", "congregate.conf"], tmp_path)
    assert result.returncode == 1
    assert b"congregate.conf:1:1: error S007 [DESTINATION] import_user_id is not set" in result.stdout


@posix_only
def test_fix_never_replaces_a_pipe_with_a_file(tmp_path):
    """Process substitution, <(sops -d congregate.conf), hands the tool a pipe: --fix must say it cannot write."""
    read, write = os.pipe()
    os.write(write, b"\xef\xbb\xbf" + CONF)
    os.close(write)
    try:
        result = subprocess.run(COMMAND + ["conf", "--isolated", "--fix", f"/dev/fd/{read}"], pass_fds=(read,),
                                capture_output=True, timeout=HANG)
    finally:
        os.close(read)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"/dev/fd/{read}: not a regular file (a pipe or a device), so it is not replaced" in stderr
    assert not any(word in stderr for word in CRASH_WORDS)


@posix_only
def test_fix_on_a_named_pipe_leaves_it_a_pipe(tmp_path):
    pipe = tmp_path / "congregate.conf"
    os.mkfifo(pipe)
    result = run(["conf", "--isolated", "--fix", "congregate.conf"], tmp_path)
    assert result.returncode == 1
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_deeply_nested_project_config_is_a_config_error(tmp_path):
    (tmp_path / ".congregate-lint.toml").write_text("select = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "congregate.conf").write_bytes(CONF)
    result = cli_runner().invoke(cli, ["conf", str(tmp_path / "congregate.conf")], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(".congregate-lint.toml: not valid TOML (arrays or tables nested too deeply)")


@pytest.mark.parametrize("config", ["[live]\ndeadline = nan\n", "[live]\ndeadline = -nan\n"])
def test_a_deadline_that_is_not_a_number_is_a_usage_error(tmp_path, config):
    (tmp_path / ".congregate-lint.toml").write_text(config)
    (tmp_path / "congregate.conf").write_bytes(CONF)
    for args in (["--config", str(tmp_path / ".congregate-lint.toml")], ["--isolated", "--deadline", "nan"]):
        result = cli_runner().invoke(cli, ["conf", "--live", *args, str(tmp_path / "congregate.conf")],
                                     catch_exceptions=False)
        assert result.exit_code == 2 and "--deadline nan: expected a number of seconds" in result.stderr


@pytest.mark.parametrize("write", [True, False])
def test_rule_pages_in_a_place_that_is_not_a_directory_are_a_one_line_error(tmp_path, write):
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    result = cli_runner().invoke(cli, ["docs", *(["--write"] if write else []), str(not_a_directory)],
                                 catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"congregate-lint: {not_a_directory}: the rule pages cannot be ")


# ----------------------------------------------------------------------------------------------------------
# Fuzzing: random INI-like text and random bytes through the whole command, in every mode.

SELECTORS = [rule.ID for rule in RULES if not getattr(rule, "LIVE", False)] + ["P", "S", "C", "M", "c00", "s0"]
INI_PIECES = st.one_of(
    st.sampled_from(["[SOURCE]\n", "[DEFAULT]\n", "[APP]\n", "[MULTIPLE_SOURCE]\n", "src_type = CodeCommit\n",
                     "src_aws_secret_access_key = ", "src_aws_codecommit_password: ", "sources = {", "\"github_source\"",
                     ": [", "]}", "%", "%(src_type)s", "%%", " # c", "\n  ", "\r\n", "\ufeff", "\x00", "=", "[", "]",
                     "# congregate-lint: disable=C003 -- why\n", "Zm9vYmFy", "AKIA", "us-east-1", "\n"]),
    st.text(max_size=6),
)
CONF_BYTES = st.one_of(
    st.lists(INI_PIECES, max_size=30).map(lambda pieces: "".join(pieces).encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=CONF_BYTES, name=st.sampled_from(sorted(FORMATTERS)),
       mode=st.sampled_from(["lint", "stdin", "fix", "fix-stdin", "diff"]),
       select=st.lists(st.sampled_from(SELECTORS), max_size=2), ignore=st.lists(st.sampled_from(SELECTORS), max_size=2))
def test_the_command_turns_any_bytes_into_findings_in_every_mode(tmp_path, data, name, mode, select, ignore):
    path = tmp_path / "congregate.conf"
    path.write_bytes(data)
    args = ["conf", "--isolated", "--format", name, f"--output=sarif={tmp_path / 'out.sarif'}"]
    args += [f"--select={','.join(select)}"] if select else []
    args += [f"--ignore={','.join(ignore)}"] if ignore else []
    args += {"lint": [str(path)], "stdin": ["-"], "fix": ["--fix", str(path)], "fix-stdin": ["--fix", "-"],
             "diff": ["--diff", str(path)]}[mode]
    result = cli_runner().invoke(cli, args, input=data if "stdin" in mode else None, catch_exceptions=False)
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1), output
    assert not any(word in output for word in CRASH_WORDS), output


SCRIPT = shutil.which("congregate-lint", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed next to this Python")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=CONF_BYTES, name=st.sampled_from(sorted(FORMATTERS)), diff=st.booleans())
def test_the_installed_console_script_turns_any_bytes_into_findings(tmp_path, data, name, diff):
    (tmp_path / "congregate.conf").write_bytes(data)
    args = [SCRIPT, "conf", "--isolated", "--format", name, *(["--diff"] if diff else []), "congregate.conf", "-"]
    result = subprocess.run(args, cwd=tmp_path, input=data, capture_output=True, timeout=HANG)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1), stderr
    assert not any(word in stderr for word in CRASH_WORDS), stderr
