"""One line per finding, for editors, grep and pre-commit logs: ``path:line:col: severity RULE headline [section.key]``.

The last line is the summary. Findings silenced by a ``# congregate-lint: disable`` comment are not listed; the
summary counts them.
"""

from typing import Iterator

from congregate_lint.reporting.excerpts import printable
from congregate_lint.formatters.text import header, painter, summary
from congregate_lint.reporting.pieces import joined_pieces
from congregate_lint.reporting.report import Report


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The lines in consecutive pieces: a long report is written as it is made."""
    paint = painter(color)
    painted: dict = {}
    lines = (header(finding, paint, painted) + (f" [{printable(finding.location)}]" if finding.location else "")
             for finding in report.active)
    yield from joined_pieces(lines, "\n")
    yield summary(report) + "\n"
