"""The target Congregate release: its table, where it comes from, and how it reaches the rules and the report."""

import pytest

from congregate_lint.cli import cli
from congregate_lint.releases import (
    CHANGES, GIT_PASSWORD_URL_ENCODED, UNKNOWN, Release, VersionError, from_congregate_path, parse_version,
    target_release,
)
from tests.credentials import git_password, obfuscated
from tests.helpers import cli_runner

CONF = ("[DESTINATION]\nimport_user_id = 2\n[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = eu-west-1\n"
        f"src_aws_codecommit_password = {obfuscated(git_password(slash=True))}\n")


def congregate_checkout(tmp_path, version='"7.15.0"', name='"congregate"'):
    (tmp_path / "pyproject.toml").write_text(f"[tool.poetry]\nname = {name}\nversion = {version}\n", encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("text, version", [("7.15.0", (7, 15, 0)), (" 7.14.2 ", (7, 14, 2)), ("10.0.1", (10, 0, 1))])
def test_versions_are_three_numbers(text, version):
    assert parse_version(text) == version


@pytest.mark.parametrize("text", ["7.15", "7.15.0.1", "v7.15.0", "7.x.0", "07.1.0", "", "7.15.0rc1", None])
def test_anything_else_is_a_version_error(text):
    with pytest.raises(VersionError):
        parse_version(text)


def test_every_change_names_the_commit_and_release_it_comes_from():
    for change in CHANGES:
        assert change.commit and change.released_in and change.what and len(change.since) == 3


@pytest.mark.parametrize("release, encoded", [
    (UNKNOWN, None), (Release((7, 14, 9), "x"), False), (Release((7, 15, 0), "x"), True), (Release((8, 0, 0), "x"), True),
])
def test_a_release_has_a_change_from_its_version_on_and_unknown_is_none(release, encoded):
    assert release.has(GIT_PASSWORD_URL_ENCODED) is encoded


def test_congregate_path_gives_the_version_of_congregate_s_own_pyproject(tmp_path):
    assert from_congregate_path({"CONGREGATE_PATH": congregate_checkout(tmp_path)}) == Release((7, 15, 0), "$CONGREGATE_PATH")


@pytest.mark.parametrize("version, name", [('"7.15.0"', '"other-tool"'), ('"seven"', '"congregate"'), ("[1]", '"congregate"')])
def test_another_project_or_an_odd_version_there_is_unknown(tmp_path, version, name):
    assert from_congregate_path({"CONGREGATE_PATH": congregate_checkout(tmp_path, version, name)}) == UNKNOWN


def test_no_congregate_path_or_no_readable_pyproject_is_unknown(tmp_path):
    assert from_congregate_path({}) == UNKNOWN
    assert from_congregate_path({"CONGREGATE_PATH": str(tmp_path)}) == UNKNOWN
    (tmp_path / "pyproject.toml").write_bytes(b"\xff[tool")
    assert from_congregate_path({"CONGREGATE_PATH": str(tmp_path)}) == UNKNOWN


def test_the_command_line_wins_over_the_config_which_wins_over_congregate_path(tmp_path):
    environ = {"CONGREGATE_PATH": congregate_checkout(tmp_path, '"7.13.0"')}
    assert target_release("7.15.1", "7.14.0", "p.toml", environ) == Release((7, 15, 1), "--congregate-version")
    assert target_release(None, "7.14.0", "p.toml", environ) == Release((7, 14, 0), "p.toml")
    assert target_release(None, None, None, environ) == Release((7, 13, 0), "$CONGREGATE_PATH")


def run(tmp_path, *args, env=None, config=None):
    (tmp_path / "congregate.conf").write_text(CONF, encoding="utf-8")
    if config is not None:
        (tmp_path / ".congregate-lint.toml").write_text(config, encoding="utf-8")
    return cli_runner().invoke(cli, ["conf", "--select", "C006", *args, str(tmp_path / "congregate.conf")],
                               env={"CONGREGATE_PATH": "", **(env or {})})


def test_the_summary_says_which_release_the_findings_assume_and_where_it_came_from(tmp_path):
    checkout = tmp_path / "congregate"
    checkout.mkdir()
    result = run(tmp_path, env={"CONGREGATE_PATH": congregate_checkout(checkout)})
    assert result.exit_code == 0 and " info C006 " in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 info. Findings assume Congregate 7.15.0, from $CONGREGATE_PATH."


def test_the_release_from_the_command_line_and_from_the_project_config(tmp_path):
    result = run(tmp_path, "--congregate-version", "7.14.0")
    assert result.exit_code == 1 and " error C006 " in result.stdout
    assert result.stdout.splitlines()[-1].endswith("Findings assume Congregate 7.14.0, from --congregate-version.")
    result = run(tmp_path, config='congregate-version = "7.15.0"\n')
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith(f"Congregate 7.15.0, from {tmp_path / '.congregate-lint.toml'}.")


def test_an_unknown_release_is_said_in_the_summary(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].endswith(
        "Findings assume no particular Congregate release (declare one with --congregate-version).")


@pytest.mark.parametrize("args, config, named", [
    (["--congregate-version", "7.15"], None, "--congregate-version: '7.15' is not a Congregate version"),
    ([], 'congregate-version = "7.x"\n', "congregate-version: '7.x' does not match"),
])
def test_a_malformed_version_is_one_line_and_exit_2(tmp_path, args, config, named):
    result = run(tmp_path, *args, config=config)
    assert result.exit_code == 2 and result.stdout in ("", "no file checked.\n")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("congregate-lint: ") and named in result.stderr
