"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per active finding.

``::error file=PATH,line=L,col=C,title=RULE name::message``, the message being
the headline and place, then the explanation and the fix on lines of their own, with GitHub's escaping
of ``%``, CR and LF (and of ``:`` and ``,`` in properties). Paths are relative to
``$GITHUB_WORKSPACE`` (else the working directory). Silenced findings are not
shown. The last line is the plain-text summary. Chosen by default when
``GITHUB_ACTIONS=true``.
"""

from typing import Iterator

from congregate_lint.reporting.fingerprint import RelativePaths
from congregate_lint.findings import Finding, Severity, sentence
from congregate_lint.formatters.text import summary
from congregate_lint.reporting.pieces import joined_pieces
from congregate_lint.reporting.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The lines in consecutive pieces: a long report is written as it is made."""
    paths = RelativePaths()
    yield from joined_pieces((_annotation(finding, paths[finding.path]) for finding in report.active), "\n")
    yield summary(report) + "\n"


def _annotation(finding: Finding, path: str) -> str:
    properties = {
        "file": path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.rule} {finding.name}",
    }
    joined = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
    where = f" [{finding.location}]" if finding.location else ""
    lines = [sentence(finding.headline) + where, finding.explanation, finding.fix and f"Fix: {finding.fix}"]
    return f"::{COMMANDS[finding.severity]} {joined}::{_escape_data(chr(10).join(line for line in lines if line))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
