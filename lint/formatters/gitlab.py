"""GitLab Code Quality: the JSON array read by ``artifacts:reports:codequality``.

Each active finding becomes ``{description, check_name, fingerprint, severity,
location: {path, lines: {begin}}, content: {body}}``: the description, which the
merge request widget lists, is the rule, the headline and the fix; the
explanation is the Markdown ``content.body`` that the Code Climate format allows. Severity mapping (fixed): error → ``critical``,
warning → ``major``, info → ``info``. Paths are relative to ``$CI_PROJECT_DIR``
(else the working directory). The fingerprint is the one SARIF carries, so a
finding keeps its identity when lines move. Silenced findings are left out: Code
Quality has no notion of a suppressed finding. No byte-order mark is written.
"""

from typing import Iterator

from congregate_lint.reporting.fingerprint import RelativePaths, fingerprints
from congregate_lint.findings import Finding, Severity, sentence
from congregate_lint.reporting.json_layout import array_pieces, indented
from congregate_lint.reporting.report import Report

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The list in consecutive pieces: a report of 100,000s of findings is written as it is made."""
    paths = RelativePaths()
    issues = (
        indented(_issue(finding, print_, paths[finding.path]), 1)
        for finding, print_ in zip(report.findings, fingerprints(report.findings))
        if finding.suppressed is None
    )
    yield from array_pieces(issues, 0)
    yield "\n"


def _issue(finding: Finding, print_: str, path: str) -> dict:
    where = f" [{finding.location}]" if finding.location else ""
    fix = f" Fix: {finding.fix}" if finding.fix else ""
    issue = {
        "description": f"{finding.rule} {finding.name}: {sentence(finding.headline)}{fix}{where}",
        "check_name": finding.rule,
        "fingerprint": print_,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": path, "lines": {"begin": finding.line}},
    }
    if finding.explanation:
        issue["content"] = {"body": finding.explanation}
    return issue
