"""Machine output, contract version 1 (documented in the README):

``{"version": 1, "findings": [{"rule", "name", "severity", "message", "path",
"line", "column", "section", "key", "suppressed", "fingerprint", "headline",
"explanation", "fix", "count"}], "summary": {"files", "errors", "warnings", "infos",
"suppressed"}}``. Fields are only ever added within a version. ``message`` is
the whole text: the headline, the explanation and ``Fix:`` the fix. ``suppressed`` is the reason of the
``# congregate-lint: disable`` comment that silences a finding (null when none
does); the summary counts silenced findings only under ``suppressed``.
``fingerprint`` is the stable identity also used by the GitLab and SARIF reports. ``count`` is 1, or for the
summary of the findings of a rule over ``--max-per-rule``, how many it stands for; the summary counts them all.
"""

import json
from typing import Iterator

from congregate_lint.reporting.fingerprint import fingerprints
from congregate_lint.reporting.json_layout import document_pieces
from congregate_lint.findings import Severity
from congregate_lint.reporting.report import Report

VERSION = 1


# A finding's fields are all scalars: written with these separators, json's C encoder lays one out exactly as
# ``indent=2`` does inside the list (which goes through json's much slower pure-Python encoder).
_FINDING_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The document in consecutive pieces: a report of 100,000s of findings is written as it is made."""
    counts = report.counts()
    document = {
        "version": VERSION,
        "findings": [],
        "summary": {
            "files": report.files,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "suppressed": report.silenced(),
        },
    }
    findings = (_indented(_finding(finding, print_))
                for finding, print_ in zip(report.findings, fingerprints(report.findings)))
    return document_pieces(document, "findings", findings, 1)


def _indented(fields: dict) -> str:
    """One finding as ``json.dumps(..., indent=2)`` writes it at its depth in the document."""
    return "{\n      " + _FINDING_ENCODER.encode(fields)[1:-1] + "\n    }"


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
        "count": finding.count,
    }
