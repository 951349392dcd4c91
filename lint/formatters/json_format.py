"""Machine output, contract version 1 (documented in the README):

``{"version": 1, "findings": [{"rule", "name", "severity", "message", "path",
"line", "column", "section", "key", "suppressed", "fingerprint", "headline",
"explanation", "fix"}], "summary": {"files", "errors", "warnings", "infos",
"suppressed"}}``. Fields are only ever added within a version. ``message`` is
the whole text: the headline, the explanation and ``Fix:`` the fix. ``suppressed`` is the reason of the
``# congregate-lint: disable`` comment that silences a finding (null when none
does); the summary counts silenced findings only under ``suppressed``.
``fingerprint`` is the stable identity also used by the GitLab and SARIF reports.
"""

import json

from congregate_lint.fingerprint import fingerprints
from congregate_lint.findings import Severity
from congregate_lint.report import Report

VERSION = 1


def render(report: Report, color: bool = False) -> str:
    counts = report.counts()
    document = {
        "version": VERSION,
        "findings": [_finding(finding, print_) for finding, print_ in zip(report.findings, fingerprints(report.findings))],
        "summary": {
            "files": report.files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "suppressed": len(report.suppressed),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding, print_: str) -> dict:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "section": finding.section,
        "key": finding.key,
        "suppressed": finding.suppressed,
        "fingerprint": print_,
        "headline": finding.headline,
        "explanation": finding.explanation,
        "fix": finding.fix,
    }
