"""--max-per-rule: a report lists the first findings of each rule in a file and counts the rest in summaries."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from congregate_lint.cli import cli
from congregate_lint.findings import Finding, Severity
from congregate_lint.listing import DEFAULT_LIMIT, listed

from .helpers import cli_runner

RULES = (("S002", "unknown-key"), ("P003", "bare-key"))


@st.composite
def findings(draw):
    """Findings of two rules in one file, in any order, some silenced, of any severity, places often shared."""
    result = []
    for number in range(draw(st.integers(0, 60))):
        rule, name = draw(st.sampled_from(RULES))
        result.append(Finding(rule, name, draw(st.sampled_from(list(Severity))), f"finding {number}",
                              "congregate.conf", draw(st.integers(1, 12)), draw(st.integers(1, 3)),
                              suppressed=draw(st.sampled_from([None, None, "r1", "r2"]))))
    return result


def expected(findings, limit):
    """What listing means, worked out the plain way: per rule and silence, the first ``limit`` by place
    (ties in the order given) are listed; the rest, per severity, become one summary placed at the first of them,
    or are listed when alone."""
    groups = {}
    for order, finding in enumerate(findings):
        groups.setdefault((finding.rule, finding.suppressed is not None), []).append((order, finding))
    shown, summaries = [], []
    for members in groups.values():
        members.sort(key=lambda member: (member[1].line, member[1].column, member[0]))
        shown.extend(finding for _, finding in members[:limit])
        rest = {}
        for order, finding in members[limit:]:
            rest.setdefault(finding.severity, []).append(finding)
        for severity, hidden in rest.items():
            if len(hidden) == 1:
                shown.append(hidden[0])
            else:
                first, last = hidden[0], max(finding.line for finding in hidden)
                lines = f"line {first.line}" if last == first.line else f"lines {first.line} to {last}"
                silenced = "silenced " if first.suppressed else ""
                headline = f"{len(hidden)} more {silenced}{severity.value}s of this rule, on {lines}, are not listed"
                summaries.append((first.path, first.rule, severity, first.line, first.column, first.suppressed,
                                  len(hidden), headline))
    return shown, summaries


@settings(max_examples=300, deadline=None)
@given(findings(), st.integers(1, 8))
def test_the_first_findings_of_each_rule_are_listed_and_the_rest_counted(found, limit):
    result = listed(found, limit)
    shown, summaries = expected(found, limit)
    assert sorted(map(id, (finding for finding in result if finding.count == 1 and finding in found))) == \
        sorted(map(id, shown))
    made = sorted(((finding.path, finding.rule, finding.severity, finding.line, finding.column, finding.suppressed,
                    finding.count, finding.headline) for finding in result if finding.count > 1), key=repr)
    assert made == sorted(summaries, key=repr)
    assert sum(finding.count for finding in result) == len(found)
    assert result == sorted(result, key=lambda finding: (finding.line, finding.column, finding.rule))


@settings(max_examples=200, deadline=None)
@given(findings(), st.integers(1, 8))
def test_listing_again_changes_nothing(found, limit):
    once = listed(found, limit)
    assert listed(once, limit) == once


@given(findings())
def test_a_limit_of_0_lists_every_finding(found):
    assert listed(found, 0) == found


def lint(tmp_path, text, *options):
    path = tmp_path / "congregate.conf"
    path.write_text(text, encoding="utf-8")
    return cli_runner().invoke(cli, ["conf", *options, str(path)], catch_exceptions=False)


def unknown_keys(count, section="APP"):
    return f"[{section}]\n" + "".join(f"k{number} = v\n" for number in range(count))


def test_a_rule_firing_250_times_lists_100_then_one_summary_counting_150(tmp_path):
    result = lint(tmp_path, unknown_keys(250), "--isolated", "--select", "S002", "--format", "json")
    document = json.loads(result.stdout)
    assert [finding["key"] for finding in document["findings"][:DEFAULT_LIMIT]] == [f"k{n}" for n in range(100)]
    summary = document["findings"][DEFAULT_LIMIT]
    assert len(document["findings"]) == DEFAULT_LIMIT + 1
    assert (summary["rule"], summary["severity"], summary["line"], summary["key"], summary["count"]) == \
        ("S002", "warning", 102, None, 150)
    assert summary["headline"] == "150 more warnings of this rule, on lines 102 to 251, are not listed"
    assert document["summary"]["warnings"] == 250
    assert {finding["count"] for finding in document["findings"][:DEFAULT_LIMIT]} == {1}


def test_the_text_report_and_statistics_count_every_finding(tmp_path):
    text = lint(tmp_path, unknown_keys(250), "--isolated", "--select", "S002").stdout
    assert text.count(" S002 ") == DEFAULT_LIMIT + 1
    assert "1 file checked: 250 warnings (150 not listed; --max-per-rule 0 lists every one)." in text
    assert "--max-per-rule 0" in text.split("150 more warnings")[1].split("\n\n")[0]
    statistics = lint(tmp_path, unknown_keys(250), "--isolated", "--select", "S002", "--statistics").stdout
    assert statistics.startswith("250  S002  unknown-key\n")


def test_max_per_rule_sets_the_limit_and_0_lists_all(tmp_path):
    for option, listed_count in (("10", 11), ("0", 250), ("300", 250)):
        result = lint(tmp_path, unknown_keys(250), "--isolated", "--select", "S002", "--format", "json",
                      "--max-per-rule", option)
        assert len(json.loads(result.stdout)["findings"]) == listed_count, option
    assert lint(tmp_path, unknown_keys(5), "--max-per-rule", "-1").exit_code == 2


def test_the_project_config_sets_the_limit_and_the_command_line_overrides_it(tmp_path):
    (tmp_path / ".congregate-lint.toml").write_text("max-per-rule = 10\nselect = [\"S002\"]\n", encoding="utf-8")
    configured = lint(tmp_path, unknown_keys(250), "--format", "json")
    assert len(json.loads(configured.stdout)["findings"]) == 11
    overridden = lint(tmp_path, unknown_keys(250), "--format", "json", "--max-per-rule", "0")
    assert len(json.loads(overridden.stdout)["findings"]) == 250
    (tmp_path / ".congregate-lint.toml").write_text("max-per-rule = -3\n", encoding="utf-8")
    refused = lint(tmp_path, unknown_keys(5))
    assert refused.exit_code == 2 and "max-per-rule" in refused.output


def test_an_error_past_the_limit_still_fails_the_run_and_is_listed_alone(tmp_path):
    """One S002 is an error (the name `congregate configure` writes): it stays an error, listed, after 150
    warnings."""
    text = unknown_keys(150, "SOURCE") + "src_aws_access_key = AKIAIOSFODNN7EXAMPLE\n"
    result = lint(tmp_path, text, "--isolated", "--select", "S002", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    errors = [finding for finding in document["findings"] if finding["severity"] == "error"]
    assert [(finding["key"], finding["line"], finding["count"]) for finding in errors] == \
        [("src_aws_access_key", 152, 1)]
    assert document["summary"]["errors"] == 1 and document["summary"]["warnings"] == 150
    assert lint(tmp_path, text, "--isolated", "--select", "S002", "--max-per-rule", "5").exit_code == 1


def test_silenced_findings_are_listed_and_summarised_apart_and_never_fail(tmp_path):
    text = "# congregate-lint: disable-file=S002 -- legacy file\n" + unknown_keys(250)
    result = lint(tmp_path, text, "--isolated", "--select", "S002,M002", "--format", "json", "--strict")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert len(document["findings"]) == DEFAULT_LIMIT + 1
    assert {finding["suppressed"] for finding in document["findings"]} == {"legacy file"}
    assert document["findings"][-1]["count"] == 150
    assert document["summary"]["suppressed"] == 250 and document["summary"]["warnings"] == 0
    text_report = lint(tmp_path, text, "--isolated", "--select", "S002,M002").stdout
    assert "no problems found (250 silenced by congregate-lint comments)" in text_report


def test_the_summary_carries_its_count_in_sarif(tmp_path):
    result = lint(tmp_path, unknown_keys(250), "--isolated", "--select", "S002", "--format", "sarif")
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert len(results) == DEFAULT_LIMIT + 1
    assert results[-1]["properties"]["count"] == 150
    assert all("count" not in finding.get("properties", {}) for finding in results[:-1])


def test_fix_repairs_every_finding_past_the_limit(tmp_path):
    path = tmp_path / "congregate.conf"
    path.write_text("[APP]\n" + "".join(f"k{number} = v # note\n" for number in range(150)), encoding="utf-8")
    result = cli_runner().invoke(cli, ["conf", "--isolated", "--select", "P010", "--fix", str(path)],
                                 catch_exceptions=False)
    assert "fixed 150 problems" in result.stderr
    assert " # note" not in path.read_text(encoding="utf-8")
