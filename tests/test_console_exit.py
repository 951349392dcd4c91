"""The console script's exit: every byte written and the exit code kept, with or without interpreter teardown."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli

WIDTH = "100"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "congregate.conf"
THEN = """
import sys
{before}
from congregate_lint.cli import console_main
sys.argv = ["congregate-lint", *sys.argv[1:]]
try:
    console_main()
finally:
    print("code after the exit ran", file=sys.stderr)
"""


def console(tmp_path, args, before=""):
    """The console script's run; COLUMNS is set, as the text report's width must not come from whatever the test
    process inherited (GNU readline, once imported, exports a COLUMNS that os.environ does not show)."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", THEN.format(before=before), *args], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "COLUMNS": WIDTH}, check=False)


def bad_confs(tmp_path, count):
    paths = []
    for index in range(count):
        path = tmp_path / f"{index:03d}.conf"
        path.write_text(f"[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = eu-west{index}\n")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("format_name", ["text", "json"])
def test_a_long_report_through_a_pipe_is_whole_and_nothing_runs_after_it(tmp_path, monkeypatch, format_name):
    paths = bad_confs(tmp_path, 150)
    args = ["conf", "--isolated", "--format", format_name, *paths]
    result = console(tmp_path, args)
    monkeypatch.chdir(tmp_path)
    expected = CliRunner().invoke(cli, args, env={"COLUMNS": WIDTH})
    assert (result.returncode, result.stdout) == (expected.exit_code, expected.output) and result.returncode == 1
    assert result.stderr == ""


@pytest.mark.parametrize("args, code", [(["conf", str(EXAMPLE)], 0), (["conf", "--select", "Z9"], 2),
                                        (["conf", "/nonexistent.conf"], 2), (["--version"], 0)])
def test_exit_codes_are_kept(tmp_path, args, code):
    assert console(tmp_path, args).returncode == code


def test_an_atexit_handler_gets_the_ordinary_exit(tmp_path):
    result = console(tmp_path, ["conf", str(EXAMPLE)],
                     before="import atexit\natexit.register(lambda: print('atexit handler ran'))")
    assert result.returncode == 0 and "no problems found" in result.stdout
    assert result.stdout.endswith("\natexit handler ran\n")
    assert "code after the exit ran" in result.stderr


def test_a_running_thread_gets_the_ordinary_exit(tmp_path):
    result = console(tmp_path, ["conf", str(EXAMPLE)],
                     before="import threading, time\n"
                            "threading.Thread(target=lambda: (time.sleep(0.5), print('thread finished'))).start()")
    assert result.returncode == 0 and result.stdout.endswith("thread finished\n")


def test_a_message_exit_status_gets_the_ordinary_exit(tmp_path):
    result = console(tmp_path, ["conf", str(EXAMPLE)],
                     before="import congregate_lint.cli as c\nc.main = lambda: sys.exit('stopped: a message')")
    assert (result.returncode, result.stderr.splitlines()[-1]) == (1, "stopped: a message")
