"""Human output: ``path:line:col: severity RULE message [section.key]`` and a summary line.

Findings silenced by a ``# congregate-lint: disable`` comment are not listed; the summary counts them.
"""

from colorama import Fore, Style

from congregate_lint import preflight_summary
from congregate_lint.findings import Severity
from congregate_lint.report import Report

COLORS = {Severity.ERROR: Fore.RED, Severity.WARNING: Fore.YELLOW, Severity.INFO: Fore.CYAN}


def render(report: Report, color: bool = False) -> str:
    lines = [_line(finding, color) for finding in report.active]
    lines.append(summary(report))
    return "\n".join(lines) + "\n" + preflight_summary.render(report)


def _line(finding, color: bool) -> str:
    severity = finding.severity.value
    if color:
        severity = f"{COLORS[finding.severity]}{severity}{Style.RESET_ALL}"
    where = f" [{finding.location}]" if finding.location else ""
    rule = f"{Style.BRIGHT}{finding.rule}{Style.RESET_ALL}" if color else finding.rule
    return f"{finding.path}:{finding.line}:{finding.column}: {severity} {rule} {finding.message}{where}"


def summary(report: Report) -> str:
    counts = report.counts()
    files = f"{report.files} file" + ("" if report.files == 1 else "s")
    if not report.files:
        return "no file checked."
    silenced = f" ({len(report.suppressed)} silenced by congregate-lint comments)" if report.suppressed else ""
    assumed = "; ".join(release.describe() for release in report.releases)
    assumed = f" Findings assume {assumed}." if assumed else ""
    if not report.active:
        return f"{files} checked: no problems found{silenced}.{assumed}"
    parts = [_plural(counts[severity], severity.value) for severity in Severity if counts[severity]]
    return f"{files} checked: " + ", ".join(parts) + f"{silenced}.{assumed}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
