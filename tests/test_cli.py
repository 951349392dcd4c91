"""The command line as users run it: through click's runner and through the installed console script."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from congregate_lint import __version__
from congregate_lint.cli import cli, rule_table
from congregate_lint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "congregate.conf"
DUPLICATE = ("[DESTINATION]\nimport_user_id = 2\n[APP]\nprocesses = 4\nprocesses = 8\n"
             "[SOURCE]\nsrc_type = GitLab\nsrc_hostname = https://gitlab.example.org\n")
ASSUMED = " Findings assume no particular Congregate release (declare one with --congregate-version)."
DEFAULT_ONLY = "[DEFAULT]\nssl_verify = false\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def test_error_finding_in_text_format_and_exit_1(conf_file):
    path = conf_file(DUPLICATE)
    result = run("conf", str(path), env={"COLUMNS": "100"})
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:5:1: error P005 'processes' is set twice in [APP], at lines 4 and 5",
        "  |",
        "5 | processes = 8",
        "  | ^^^^^^^^^",
        "  = why: Key names ignore case; Congregate's strict parser raises DuplicateOptionError (an uncaught",
        "         traceback).",
        "  = fix: Keep one of them.",
        "",
        "1 file checked: 1 error." + ASSUMED,
    ]


def test_concise_format_is_one_line_per_finding(conf_file):
    path = conf_file(DUPLICATE)
    result = run("conf", "--format", "concise", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:5:1: error P005 'processes' is set twice in [APP], at lines 4 and 5 [APP.processes]",
        "1 file checked: 1 error." + ASSUMED,
    ]


def test_json_contract(conf_file):
    path = conf_file(DUPLICATE)
    result = run("conf", "--format", "json", str(path))
    document = json.loads(result.output)
    assert document["version"] == 1
    finding = document["findings"][0]
    assert {k: finding[k] for k in ("rule", "name", "severity", "path", "line", "column", "section", "key")} == {
        "rule": "P005", "name": "duplicate-option", "severity": "error", "path": str(path), "line": 5,
        "column": 1, "section": "APP", "key": "processes",
    }
    assert {k: finding[k] for k in ("headline", "explanation", "fix")} == {
        "headline": "'processes' is set twice in [APP], at lines 4 and 5",
        "explanation": "Key names ignore case; Congregate's strict parser raises DuplicateOptionError (an uncaught "
                       "traceback).",
        "fix": "Keep one of them.",
    }
    assert finding["message"] == f"{finding['headline']}. {finding['explanation']} Fix: {finding['fix']}"
    assert set(document["summary"]) >= {"files", "errors", "warnings", "infos"}
    assert document["summary"]["files"] == 1 and document["summary"]["errors"] >= 1


def test_warnings_pass_unless_strict(conf_file):
    path = conf_file(DEFAULT_ONLY)
    assert run("conf", "--select", "P011", str(path)).exit_code == 0
    assert run("conf", "--select", "P011", "--strict", str(path)).exit_code == 1


def test_select_and_ignore_by_id_prefix_and_name(conf_file):
    path = conf_file(DUPLICATE + "[DEFAULT]\nx = 1\n")
    assert "P005" not in run("conf", "--ignore", "duplicate-option", str(path)).output
    assert "P005" not in run("conf", "--ignore", "P0", str(path)).output
    output = run("conf", "--select", "P005,P011", str(path)).output
    assert "P005" in output and "P011" in output
    assert run("conf", "--select", "P011", "--ignore", "P011", str(path)).exit_code == 0


def test_unknown_selector_is_a_usage_error(conf_file):
    result = CliRunner().invoke(cli, ["conf", "--select", "Z999", str(conf_file(DUPLICATE))])
    assert result.exit_code == 2
    assert "no rule matches 'Z999'" in result.output


@pytest.mark.parametrize("problem, message", [("missing", "no such file"), ("directory", "is a directory")])
def test_unreadable_path_is_one_line_and_exit_2(tmp_path, problem, message):
    path = tmp_path / "nothing" if problem == "missing" else tmp_path
    result = CliRunner().invoke(cli, ["conf", str(path)])
    assert result.exit_code == 2
    assert f"congregate-lint: {path}: {message}" in result.output


# A first run on a readable file loads what a run imports (rules are imported when chosen): as 'nobody', Python's
# own library may be out of reach (under /root).
DROP_PRIVILEGES_AND_RUN = """
import io, os, sys
from contextlib import redirect_stdout
from congregate_lint.cli import main
unreadable, readable = sys.argv[1:3]
sys.argv = ["congregate-lint", "conf", readable]
with redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
sys.argv = ["congregate-lint", "conf", unreadable]
main()
"""


def test_file_without_read_permission_is_exit_2(conf_file):
    """chmod 000 is real for any user but root; as root (CI) the check runs after dropping to 'nobody'."""
    path = conf_file(DUPLICATE)
    path.chmod(0)
    readable = conf_file(DUPLICATE, "readable.conf")
    result = subprocess.run([sys.executable, "-c", DROP_PRIVILEGES_AND_RUN, str(path), str(readable)],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "no file checked.\n")
    assert result.stderr == f"congregate-lint: {path}: permission denied\n"


def test_stdin_is_read_for_dash():
    result = run("conf", "-", input=DUPLICATE)
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:5:1: error P005")


def test_default_path_is_congregates_own(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "congregate.conf").write_text(DUPLICATE)
    result = run("conf", env={"CONGREGATE_PATH": str(tmp_path)})
    assert result.output.startswith(f"{tmp_path / 'data' / 'congregate.conf'}:5:1: error P005")
    monkeypatch.chdir(tmp_path)
    result = run("conf", env={"CONGREGATE_PATH": ""})
    assert result.output.startswith(f"{tmp_path / 'data' / 'congregate.conf'}:5:1")


def test_color_always_never_and_no_color(conf_file):
    path = str(conf_file(DUPLICATE))
    assert "\x1b[31m" in run("conf", "--color", "always", path).output
    assert "\x1b[" not in run("conf", "--color", "never", path).output
    assert "\x1b[" not in run("conf", path, env={"NO_COLOR": "1"}).output
    assert "\x1b[31m" in run("conf", "--color", "always", path, env={"NO_COLOR": "1"}).output


def test_several_files_are_summed(conf_file, tmp_path):
    first = conf_file(DUPLICATE, "a.conf")
    second = conf_file(DUPLICATE, "b.conf")
    result = run("conf", "--select", "P005", str(first), str(second))
    assert result.output.splitlines()[-1] == "2 files checked: 2 errors." + ASSUMED


def test_rules_explain_schema_and_version():
    assert run("rules").output.strip() == rule_table(RULES)
    explained = run("explain", "duplicate-option").output
    assert explained.startswith("# P005 duplicate-option") and "DuplicateOptionError" in explained
    assert run("explain", "p005").output == explained
    assert CliRunner().invoke(cli, ["explain", "nope"]).exit_code == 2
    assert json.loads(run("schema").output)["$schema"].endswith("2020-12/schema")
    assert run("--version").output.strip() == f"congregate-lint, version {__version__}"


def test_installed_console_script_runs_the_example_and_a_bad_file(conf_file):
    script = shutil.which("congregate-lint", path=str(Path(sys.executable).parent))
    assert script, "the console script is not installed next to this Python"
    good = subprocess.run([script, "conf", "--select", "P", str(EXAMPLE)], capture_output=True, text=True)
    assert (good.returncode, good.stdout, good.stderr) == (0, f"1 file checked: no problems found.{ASSUMED}\n", "")
    bad = subprocess.run([script, "conf", str(conf_file(DUPLICATE))], capture_output=True, text=True)
    assert bad.returncode == 1 and ":5:1: error P005" in bad.stdout and bad.stderr == ""
    missing = subprocess.run([script, "conf", "/nonexistent/congregate.conf"], capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr == "congregate-lint: /nonexistent/congregate.conf: no such file\n"
