"""Machine output, contract version 1 (documented in the README):

``{"version": 1, "findings": [{"rule", "name", "severity", "message", "path",
"line", "column", "section", "key"}], "summary": {"files", "errors",
"warnings", "infos"}}``. Fields are only ever added within a version.
"""

import json

from congregate_lint.findings import Severity
from congregate_lint.report import Report

VERSION = 1


def render(report: Report, color: bool = False) -> str:
    counts = report.counts()
    document = {
        "version": VERSION,
        "findings": [_finding(finding) for finding in report.findings],
        "summary": {
            "files": report.files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding) -> dict:
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
    }
