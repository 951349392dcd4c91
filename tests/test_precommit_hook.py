"""The real pre-commit, installed as a git hook in a temporary repository, running this project's
``.pre-commit-hooks.yaml``: a bad congregate.conf fails the commit with the finding, a good one commits.

How it stays offline. pre-commit builds the hook's environment with virtualenv and
``pip install .`` of a hook repository: here a fresh git repository holding a copy of
this working tree (so uncommitted changes are what is tested, in a clean CI clone too).
pip is given no index at all (``PIP_NO_INDEX=1``, machine pip configuration ignored);
the build backend's ``setuptools`` comes from the wheels virtualenv itself ships
(``PIP_FIND_LINKS``), and the runtime dependencies (click, boto3, jsonschema, colorama)
are already installed in the test's own environment, which ``PYTHONPATH`` makes visible
to pip and to the hook. Every proxy variable points at a closed local port, so any
attempt to reach the network fails instead of silently succeeding.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from virtualenv.seed.wheels.embed import BUNDLE_FOLDER

ROOT = Path(__file__).resolve().parent.parent
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
HOOK_REPO_DIRS = ("lint", "rules", "schemas")
CLOSED_PORT = "http://127.0.0.1:9"
BAD = "[SOURCE]\nsrc_type = GitLab\nsrc_type = CodeCommit\n"
GOOD = "[SOURCE]\nsrc_type = CodeCommit\n"


def offline_env(home: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "GIT_", "PRE_COMMIT"))}
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(BUNDLE_FOLDER),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(home),
    })
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env[name] = CLOSED_PORT
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


def git(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def hook_repository(target: Path, env: dict) -> str:
    """A git repository with this working tree's package and hook manifest committed; returns the commit."""
    target.mkdir()
    for name in HOOK_REPO_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in HOOK_REPO_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    git(target, env, "init", "-q")
    git(target, env, "add", ".")
    assert git(target, env, "commit", "-q", "-m", "hooks").returncode == 0
    return git(target, env, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory):
    """A repository using both hooks, with pre-commit installed as its git pre-commit hook."""
    base = tmp_path_factory.mktemp("precommit")
    env = offline_env(base)
    revision = hook_repository(base / "hooks", env)
    repo = base / "project"
    repo.mkdir()
    git(repo, env, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {base / 'hooks'}\n    rev: {revision}\n    hooks:\n"
        "      - id: congregate-lint\n      - id: congregate-lint-live\n",
        encoding="utf-8",
    )
    # Parse rules only: this test is about the hook's wiring, and shows project config is honoured under pre-commit.
    (repo / ".congregate-lint.toml").write_text('select = ["P"]\n', encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    git(repo, env, "add", ".pre-commit-config.yaml", ".congregate-lint.toml")
    assert git(repo, env, "commit", "-q", "-m", "config").returncode == 0
    return repo, env


def commit(repo: Path, env: dict, path: str, text: str) -> subprocess.CompletedProcess:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    git(repo, env, "add", path)
    result = git(repo, env, "commit", "-m", f"add {path}")
    git(repo, env, "reset", "-q")
    return result


def head_files(repo: Path, env: dict) -> list:
    return git(repo, env, "ls-tree", "-r", "--name-only", "HEAD").stdout.split()


def test_a_bad_conf_fails_the_commit_with_the_finding(user_repo):
    repo, env = user_repo
    result = commit(repo, env, "congregate.conf", BAD)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "congregate.conf:3:1: error P005 'src_type' is set twice in [SOURCE]" in output
    assert "congregate.conf" not in head_files(repo, env)


def test_a_bad_conf_under_data_fails_too(user_repo):
    repo, env = user_repo
    result = commit(repo, env, "data/staging.conf", BAD)
    assert result.returncode != 0
    assert "data/staging.conf:3:1: error P005" in result.stdout + result.stderr


def test_a_good_conf_commits_and_the_live_hook_stays_manual(user_repo):
    repo, env = user_repo
    result = commit(repo, env, "nested/congregate.conf", GOOD)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "congregate-lint" in output and "Passed" in output
    assert "(live)" not in output
    assert "nested/congregate.conf" in head_files(repo, env)


def test_other_files_are_not_linted(user_repo):
    repo, env = user_repo
    result = commit(repo, env, "notes/congregate.conf.example", BAD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout + result.stderr
