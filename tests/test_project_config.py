"""Project configuration: discovery up to the git root, the shipped schema, and command-line precedence."""

import json
import os
import subprocess

import jsonschema
import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.config import ConfigResolver, schema

# P005 (error) on line 3 and P010 (error) on line 4.
CONF = "[SOURCE]\nsrc_type = GitLab\nsrc_type = CodeCommit\nsrc_aws_region = us-east-1   # N. Virginia\n"


@pytest.fixture
def repo(tmp_path):
    """A git repository with data/congregate.conf; returns its root."""
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    root = tmp_path / "repo"
    (root / "data").mkdir()
    (root / "data" / "congregate.conf").write_text(CONF, encoding="utf-8")
    return root


def lint(root, *args):
    """Lint data/congregate.conf with the parse rules' IDs, as (exit code, [(rule, severity)] or the output)."""
    result = CliRunner().invoke(cli, ["conf", "--format", "json", *args, str(root / "data" / "congregate.conf")])
    if result.exit_code == 2:
        return 2, result.output
    findings = json.loads(result.output)["findings"]
    return result.exit_code, [(f["rule"], f["severity"]) for f in findings]


def pyproject(root, body):
    (root / "pyproject.toml").write_text("[tool.congregate-lint]\n" + body, encoding="utf-8")


def test_pyproject_table_select_ignore_and_severity(repo):
    pyproject(repo, 'select = ["P"]\nignore = ["P010"]\nseverity = { duplicate-option = "warning" }\n')
    assert lint(repo) == (0, [("P005", "warning")])


def test_strict_from_config_and_no_strict_on_the_command_line(repo):
    pyproject(repo, 'select = ["P005"]\nseverity = { P005 = "warning" }\nstrict = true\n')
    assert lint(repo) == (1, [("P005", "warning")])
    assert lint(repo, "--no-strict") == (0, [("P005", "warning")])


def test_command_line_select_replaces_and_ignore_adds(repo):
    pyproject(repo, 'select = ["P005"]\nignore = ["P009"]\n')
    assert lint(repo, "--select", "P010") == (1, [("P010", "error")])
    assert lint(repo, "--select", "P005,P010", "--ignore", "P010") == (1, [("P005", "error")])


def test_per_path_ignores_relative_to_the_config_file(repo):
    pyproject(repo, 'select = ["P"]\n[tool.congregate-lint.per-path-ignores]\n"data/*.conf" = ["P005"]\n"*.ini" = ["P010"]\n')
    assert lint(repo) == (1, [("P010", "error")])
    pyproject(repo, 'select = ["P"]\n[tool.congregate-lint.per-path-ignores]\n"congregate.conf" = ["inline-comment"]\n')
    assert lint(repo) == (1, [("P005", "error")])


def test_own_file_wins_over_pyproject_and_nearer_wins_over_farther(repo):
    pyproject(repo, 'select = ["P005"]\n')
    (repo / ".congregate-lint.toml").write_text('select = ["P010"]\n', encoding="utf-8")
    assert lint(repo) == (1, [("P010", "error")])
    (repo / "data" / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")  # no table: skipped
    assert lint(repo) == (1, [("P010", "error")])
    (repo / "data" / "pyproject.toml").write_text('[tool.congregate-lint]\nselect = ["P005"]\n', encoding="utf-8")
    assert lint(repo) == (1, [("P005", "error")])


def test_search_stops_at_the_git_root(repo):
    (repo.parent / ".congregate-lint.toml").write_text('select = ["P010"]\n', encoding="utf-8")
    resolver = ConfigResolver()
    assert resolver.for_path(str(repo / "data" / "congregate.conf")).path is None
    assert lint(repo, "--select", "P") == (1, [("P005", "error"), ("P010", "error")])


# --- where the search stops: nothing someone else could have put there ---------------------------------------------

def conf_below(directory):
    """A conf two folders below ``directory`` (folders of this user, mode 0755), outside any git repository."""
    (directory / "mine" / "data").mkdir(parents=True)
    (directory / "mine").chmod(0o755)
    path = directory / "mine" / "data" / "congregate.conf"
    path.write_text(CONF, encoding="utf-8")
    return str(path)


def test_without_git_the_search_goes_up_through_folders_only_this_user_can_write(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    (tmp_path / ".congregate-lint.toml").write_text('select = ["P010"]\n', encoding="utf-8")
    tmp_path.chmod(0o755)
    assert ConfigResolver().for_path(conf_below(tmp_path)).path == str(tmp_path / ".congregate-lint.toml")


@pytest.mark.parametrize("mode", [0o1777, 0o777], ids=["world-writable with sticky bit, like /tmp", "world-writable"])
def test_a_config_in_a_folder_anyone_can_write_is_never_read(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / ".congregate-lint.toml").write_text('ignore = ["P"]\n', encoding="utf-8")
    (tmp_path / ".congregate-lint.toml").write_text('ignore = ["P"]\n', encoding="utf-8")  # above it: not reached
    shared.chmod(mode)
    conf = conf_below(shared)
    assert ConfigResolver().for_path(conf).path is None
    result = CliRunner().invoke(cli, ["conf", "--format", "json", "--select", "P", conf])
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["P005", "P010"]
    planted = shared / ".congregate-lint.toml"
    assert result.stderr == (f"congregate-lint: {planted} was not read: others may write to its folder, or another "
                             f"user owns it (--config {planted} uses it)\n")


def test_a_pyproject_without_the_table_in_a_folder_anyone_can_write_is_not_mentioned(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    shared.chmod(0o777)
    result = CliRunner().invoke(cli, ["conf", "--format", "json", "--select", "P", conf_below(shared)])
    assert (result.exit_code, result.stderr) == (1, "")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a folder away")
def test_a_config_in_a_folder_of_another_user_is_never_read(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / ".congregate-lint.toml").write_text('ignore = ["P"]\n', encoding="utf-8")
    conf = conf_below(theirs)
    os.chown(theirs, 65534, 65534)  # nobody
    assert ConfigResolver().for_path(conf).path is None


def test_the_search_stops_at_the_home_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / ".congregate-lint.toml").write_text('ignore = ["P"]\n', encoding="utf-8")
    conf = conf_below(home)
    assert ConfigResolver().for_path(conf).path is None
    (home / ".congregate-lint.toml").write_text('select = ["P010"]\n', encoding="utf-8")
    assert ConfigResolver().for_path(conf).path == str(home / ".congregate-lint.toml")


def test_explicit_config_and_isolated(repo, tmp_path):
    pyproject(repo, 'select = ["P005"]\n')
    other = tmp_path / "ci.toml"
    other.write_text('select = ["P010"]\n', encoding="utf-8")
    assert lint(repo, "--config", str(other)) == (1, [("P010", "error")])
    assert lint(repo, "--isolated", "--select", "P") == (1, [("P005", "error"), ("P010", "error")])
    code, output = lint(repo, "--isolated", "--config", str(other))
    assert code == 2 and "--config and --isolated exclude each other" in output


def test_live_table(repo):
    pyproject(repo, "[tool.congregate-lint.live]\ntimeout = 7.5\n")
    config = ConfigResolver().for_path(str(repo / "data" / "congregate.conf"))
    assert config.live == {"timeout": 7.5}


@pytest.mark.parametrize("body, key", [
    ('selct = ["P"]\n', "unknown key 'selct' (known: congregate-version, ignore, live, max-per-rule, per-path-ignores, select, severity, strict)"),
    ('select = "P005"\n', "tool.congregate-lint.select: 'P005' is not of type 'array'"),
    ('select = ["P999"]\n', "tool.congregate-lint.select: no rule matches 'P999'"),
    ('ignore = ["bogus-rule"]\n', "tool.congregate-lint.ignore: no rule matches 'bogus-rule'"),
    ('severity = { P005 = "fatal" }\n', "tool.congregate-lint.severity.P005: 'fatal' is not one of"),
    ('severity = { P = "info" }\n', "tool.congregate-lint.severity.P: names no rule"),
    ('strict = "yes"\n', "tool.congregate-lint.strict: 'yes' is not of type 'boolean'"),
    ('[tool.congregate-lint.per-path-ignores]\n"data/*" = ["Q1"]\n', "tool.congregate-lint.per-path-ignores.data/*: no rule"),
    ("[tool.congregate-lint.live]\ntimeout = 0\n", "tool.congregate-lint.live.timeout: 0 is less than or equal"),
    ("[tool.congregate-lint.live]\nretries = 3\n", "live: unknown key 'retries' (known: deadline, timeout)"),
    ("select = [\n", "not valid TOML"),
])
def test_a_bad_config_is_exit_2_with_one_line_naming_the_key(repo, body, key):
    pyproject(repo, body)
    code, output = lint(repo)
    assert code == 2
    assert output.count("\n") == 1 and output.startswith(f"congregate-lint: {repo / 'pyproject.toml'}: ")
    assert key in output


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    (tmp_path / "congregate.conf").write_text("[SOURCE]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["conf", "--config", str(tmp_path / "pyproject.toml"), str(tmp_path / "congregate.conf")])
    assert result.exit_code == 2
    assert result.output == f"congregate-lint: {tmp_path / 'pyproject.toml'}: has no [tool.congregate-lint] table\n"


def test_the_shipped_config_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_live_defaults_from_config_reach_the_live_options_and_the_command_line_wins(repo):
    """A timeout the live options reject shows the config value was used; no network is reached (usage error)."""
    pyproject(repo, '[tool.congregate-lint.live]\ntimeout = "0"\n')
    code, output = lint(repo, "--live")
    assert code == 2 and "--timeout '0': timeouts must be between 0 and 600 seconds" in output
    code, output = lint(repo, "--live", "--timeout", "0,1")
    assert code == 2 and "--timeout '0,1'" in output
