"""One line per finding, for editors, grep and pre-commit logs: ``path:line:col: severity RULE headline [section.key]``.

The last line is the summary. Findings silenced by a ``# congregate-lint: disable`` comment are not listed; the
summary counts them.
"""

from congregate_lint.reporting.excerpts import printable
from congregate_lint.formatters.text import header, painter, summary
from congregate_lint.reporting.report import Report


def render(report: Report, color: bool = False) -> str:
    paint = painter(color)
    painted: dict = {}
    lines = [header(finding, paint, painted) + (f" [{printable(finding.location)}]" if finding.location else "")
             for finding in report.active]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
