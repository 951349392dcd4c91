"""The CI templates in ci/: their structure, and their lint command run for real on a bad conf."""

import json
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from congregate_lint.cli import cli

CI = Path(__file__).resolve().parent.parent / "ci"
BAD = "[SOURCE]\nsrc_type = GitLab\nsrc_type = CodeCommit\n"


def lint_command(line: str, conf: Path):
    """The template's ``congregate-lint …`` line as CLI arguments, with the conf variable filled in."""
    words = shlex.split(line.replace("$CONGREGATE_CONF", str(conf)))
    assert words[0] == "congregate-lint"
    return [words[1], "--isolated", "--select", "P", *words[2:]]


@pytest.fixture
def bad_conf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "data" / "congregate.conf"
    path.parent.mkdir()
    path.write_text(BAD, encoding="utf-8")
    return path


def test_gitlab_job_reports_always_on_merge_requests_and_the_default_branch(bad_conf):
    job = yaml.safe_load((CI / "congregate-lint.gitlab-ci.yml").read_text(encoding="utf-8"))["congregate-lint"]
    assert job["artifacts"]["when"] == "always"
    reports = job["artifacts"]["reports"]
    conditions = [rule["if"] for rule in job["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in conditions
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in conditions
    (line,) = [line for line in job["script"] if line.startswith("congregate-lint ")]
    assert f"--output gitlab={reports['codequality']}" in line and f"--output junit={reports['junit']}" in line
    result = CliRunner().invoke(cli, lint_command(line, bad_conf), env={"GITHUB_ACTIONS": None})
    assert result.exit_code == 1 and "error P005" in result.output
    issues = json.loads(Path(reports["codequality"]).read_text(encoding="utf-8"))
    assert [issue["check_name"] for issue in issues] == ["P005"]
    assert ET.parse(reports["junit"]).getroot().find("testsuite").get("failures") == "1"


def test_github_workflow_annotates_and_uploads_sarif(bad_conf):
    workflow = yaml.safe_load((CI / "github-actions-example.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["congregate-lint"]["steps"]
    (lint,) = [step for step in steps if str(step.get("run", "")).startswith("congregate-lint ")]
    (upload,) = [step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert upload["if"] == "always()"
    sarif = upload["with"]["sarif_file"]
    assert f"--output sarif={sarif}" in lint["run"]
    result = CliRunner().invoke(cli, lint_command(lint["run"], bad_conf), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.startswith("::error file=data/congregate.conf,line=3,col=1,title=P005 duplicate-option::")
    document = json.loads(Path(sarif).read_text(encoding="utf-8"))
    assert [result["ruleId"] for result in document["runs"][0]["results"]] == ["P005"]
