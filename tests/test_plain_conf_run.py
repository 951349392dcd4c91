"""``conf PATH...`` alone runs without click: the same bytes, streams and exit code as through click.

Each case runs the console script's code twice in fresh processes, once as it is (a command line of ``conf`` and
paths takes the plain path) and once with the plain path turned off (click parses the same command line), and
compares the exit code, stdout and stderr.
"""

import inspect
import io
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import congregate_lint.cli as entry
from congregate_lint.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "congregate.conf"
MISTAKES = EXAMPLE.parent / "mistakes.conf"
CONSOLE = """
import sys
import congregate_lint.cli as entry
if sys.argv[1] == "click":
    entry.plain_conf_paths = lambda args: None
sys.argv = ["congregate-lint", *sys.argv[2:]]
entry.console_main()
"""


def both_ways(cwd, args, env=None, **popen):
    """(plain, click): each a (exit code, stdout bytes, stderr bytes), or the Popen objects with ``popen``."""
    environment = {**os.environ, **(env or {})}
    runs = []
    for way in ("plain", "click"):
        command = [sys.executable, "-c", CONSOLE, way, *args]
        if popen:
            runs.append(subprocess.Popen(command, cwd=cwd, env=environment, **popen))
        else:
            done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, check=False)
            runs.append((done.returncode, done.stdout, done.stderr))
    return runs


@pytest.fixture
def checkout(tmp_path):
    """A git checkout without project configuration, holding a clean conf, one with findings and a directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "clean.conf").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "mistakes.conf").write_bytes(MISTAKES.read_bytes())
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.mark.parametrize("args, code", [
    (["conf", "clean.conf"], 0),
    (["conf", "mistakes.conf"], 1),
    (["conf", "clean.conf", "mistakes.conf", "clean.conf"], 1),
    (["conf", "missing.conf", "clean.conf"], 2),
    (["conf", "folder"], 2),
    (["conf"], 2),  # Congregate's own path, ./data/congregate.conf, is missing here
    (["conf", "n\u00e4me\x1b[31m.conf"], 2),
    (["conf", ""], 2),
])
def test_the_plain_run_writes_and_exits_as_click(checkout, args, code):
    plain, through_click = both_ways(checkout, args)
    assert plain == through_click and plain[0] == code


def test_congregates_own_path_a_project_configuration_and_the_environment_are_read_alike(checkout):
    (checkout / "data").mkdir()
    (checkout / "data" / "congregate.conf").write_bytes(MISTAKES.read_bytes())
    (checkout / ".congregate-lint.toml").write_text('ignore = ["S007"]\nseverity = { C003 = "warning" }\n')
    for env in ({}, {"GITHUB_ACTIONS": "true"}, {"NO_COLOR": "1", "CONGREGATE_LINT_GIT_ENDPOINT": "https://x.test"},
                {"PYTHONIOENCODING": "ascii"}):
        plain, through_click = both_ways(checkout, ["conf"], env)
        assert plain == through_click and plain[0] == 1, env


def test_an_ascii_stream_and_a_file_name_beyond_it_are_written_as_click_writes_them(checkout):
    (checkout / "n\u00e4me.conf").write_bytes(MISTAKES.read_bytes())
    plain, through_click = both_ways(checkout, ["conf", "n\u00e4me.conf", "gone\u00e4.conf"],
                                     {"PYTHONIOENCODING": "ascii"})
    assert plain == through_click and plain[0] == 2
    assert "n\u00e4me.conf:10:1: error S007".encode() in plain[1] and "gone\u00e4.conf".encode() in plain[2]


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
@pytest.mark.parametrize("text", ["", "plain text\n", "caf\u00e9 \x1b[1mbold\x1b[0m\n", "\x1b]8;;x\x07"])
@pytest.mark.parametrize("color", [None, False, True])
@pytest.mark.parametrize("err", [False, True])
def test_echo_writes_what_click_echo_writes(monkeypatch, encoding, text, color, err):
    written = []
    for write in (entry.echo, lambda text, err, color: click.echo(text, nl=False, err=err, color=color)):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace" if encoding == "latin-1" else "strict")
        monkeypatch.setattr(sys, "stderr" if err else "stdout", stream)
        write(text, err=err, color=color)
        written.append(raw.getvalue())
    assert written[0] == written[1]


def test_echo_to_a_stream_that_is_not_a_text_wrapper_is_click_echo(monkeypatch):
    written = []
    for write in (entry.echo, lambda text: click.echo(text, nl=False)):
        stream = io.StringIO()
        monkeypatch.setattr(sys, "stdout", stream)
        write("r\u00e9sum\u00e9 \x1b[1m\n")
        written.append(stream.getvalue())
    assert written[0] == written[1] == "r\u00e9sum\u00e9 \n"


def test_a_broken_pipe_ends_both_alike(checkout):
    paths = []
    for index in range(150):
        (checkout / f"{index:03d}.conf").write_bytes(MISTAKES.read_bytes())
        paths.append(f"{index:03d}.conf")
    runs = both_ways(checkout, ["conf", *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outcomes = []
    for run in runs:
        run.stdout.close()  # long before the report is written: the process is still starting
        outcomes.append((run.wait(timeout=120), run.stderr.read()))
        run.stderr.close()
    assert outcomes[0] == outcomes[1] and outcomes[0][0] == 1


@pytest.mark.parametrize("args", [
    ["conf", "--isolated", "a.conf"], ["conf", "a.conf", "-"], ["conf", "--", "a.conf"], ["conf", "-h"],
    ["rules"], ["--version"], [], ["conff", "a.conf"],
])
def test_any_other_command_line_is_clicks(args):
    assert entry.plain_conf_paths(args) is None


def test_a_shell_asking_for_completions_gets_click(monkeypatch):
    assert entry.plain_conf_paths(["conf", "a.conf"]) == ["a.conf"]
    monkeypatch.setenv(entry.COMPLETION_VARIABLE, "bash_complete")
    assert entry.plain_conf_paths(["conf", "a.conf"]) is None


def test_click_gives_the_conf_run_the_arguments_the_plain_run_gives_it(monkeypatch):
    monkeypatch.setenv(entry.GIT_ENDPOINT_VARIABLE, "https://git.example.test")
    defaults = {name: parameter.default for name, parameter in inspect.signature(entry.run_conf).parameters.items()}
    calls = []
    monkeypatch.setattr(entry, "run_conf", lambda *args, **options: calls.append((args, options)))
    CliRunner().invoke(cli, ["conf", "one.conf", "two.conf"], catch_exceptions=False)
    entry.conf_without_click(["one.conf", "two.conf"])
    (no_args, through_click), ((paths,), plain) = calls
    assert no_args == () and through_click == {**defaults, **plain, "paths": paths}
    assert through_click["git_endpoint"] == "https://git.example.test" and paths == ("one.conf", "two.conf")
