"""The pre-flight summary: after a ``--live`` text report, one checklist line per live check, for each file.

Built from the live rules' findings (already redacted, so no secret can appear) and
each live rule's ``CHECK = (side, item)``; it knows no particular rule. Symbols: ✔
verified, ! verified with a warning, ✘ failed, – not checked.
"""

from typing import Dict, List

from congregate_lint.findings import Finding, Severity
from congregate_lint.reporting.report import Report

SYMBOLS = {Severity.INFO: "✔", Severity.WARNING: "!", Severity.ERROR: "✘"}
NOT_CHECKED = "–"
MAX_LINE = 110


def render(report: Report) -> str:
    """The checklist as text (empty when no live rule ran)."""
    checks = {rule.ID: rule.CHECK for rule in report.rules if getattr(rule, "LIVE", False) and hasattr(rule, "CHECK")}
    if not checks:
        return ""
    by_path: Dict[str, List[Finding]] = {}
    for finding in report.findings:
        if finding.rule in checks:
            by_path.setdefault(finding.path, []).append(finding)
    lines = ["", "Pre-flight summary (✔ verified, ! warning, ✘ failed, – not checked):"]
    for path, findings in by_path.items():
        if len(by_path) > 1:
            lines.append(f"{path}:")
        order = list(checks)
        for finding in sorted(findings, key=lambda found: order.index(found.rule)):
            side, item = checks[finding.rule]
            lines.append(_line(finding, side, item))
    return "\n".join(lines) + "\n"


def _line(finding: Finding, side: str, item: str) -> str:
    symbol = NOT_CHECKED if finding.skipped else SYMBOLS[finding.severity]
    silenced = " (silenced)" if finding.suppressed is not None else ""
    text = f"  {symbol} {side} {item}: {_first_sentence(finding.headline)}{silenced}"
    return text if len(text) <= MAX_LINE else text[:MAX_LINE - 1] + "…"


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text[:end] if end > 0 else text.rstrip(".")
