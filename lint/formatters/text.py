"""Human output, the default: per finding a headline, the line itself with a caret, then why and how to fix.

::

    path:line:col: severity RULE headline
       |
    12 | the line, secrets shown as their description
       | ^^^^
       = why: the explanation, wrapped
       = fix: the fix, wrapped

Findings come grouped by file, in line order, a blank line between them; then
the summary line and, after ``--live``, the pre-flight checklist. Findings silenced by a ``# congregate-lint: disable``
comment are not listed; the summary counts them. The prose is wrapped to the
terminal (``COLUMNS``, else the terminal's width, else 100), never wider than
100 columns; a source line over 120 characters is cut around the caret. colorama is
imported only when colouring.
"""

import os
import re
import sys
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterator, List, Optional

from congregate_lint.reporting import preflight_summary
from congregate_lint.reporting.excerpts import SourceLines, cells, printable
from congregate_lint.findings import Finding, Severity, sentence
from congregate_lint.reporting.pieces import joined_pieces
from congregate_lint.reporting.report import Report

MAX_WIDTH = 100
MIN_WIDTH = 40
# A longer source line is cut around the caret (only pathological lines are this long).
MAX_EXCERPT = 120
COMMENT_STARTS = "#;"
# How many wrapped texts a report remembers at once (texts repeat across findings; most are short).
WRAP_MEMO = 256
# The text a caret underlines from its column: up to a blank, '=', ':' or tab.
_TOKEN = re.compile(r"[^ =:\t]*")


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The report in consecutive pieces of about PIECE characters: a long report is written as it is made."""
    blocks = _Blocks(painter(color), _width())
    sources = report.sources
    yield from joined_pieces((blocks.block(finding, sources.get(finding.path)) for finding in report.active), "\n\n")
    # Sections that sum a run up follow the summary line: the live pre-flight checklist (empty without --live).
    yield summary(report) + "\n" + preflight_summary.render(report)


def statistics(report: Report) -> str:
    """Counts per rule, most frequent first (``--statistics``), then the summary line."""
    counts: Counter = Counter()
    for finding in report.active:
        counts[(finding.rule, finding.name)] += finding.count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    digits = max((len(str(count)) for count in counts.values()), default=1)
    lines = [f"{count:>{digits}}  {rule}  {name}" for (rule, name), count in ranked]
    return "".join(line + "\n" for line in lines) + summary(report) + "\n"


def summary(report: Report) -> str:
    counts = report.counts()
    files = f"{report.files} file" + ("" if report.files == 1 else "s")
    if not report.files:
        return "no file checked."
    suppressed = report.silenced()
    silenced = f" ({suppressed} silenced by congregate-lint comments)" if suppressed else ""
    assumed = "; ".join(release.describe() for release in report.releases)
    assumed = f" Findings assume {assumed}." if assumed else ""
    if not any(counts.values()):
        return f"{files} checked: no problems found{silenced}.{assumed}"
    parts = [_plural(counts[severity], severity.value) for severity in Severity if counts[severity]]
    unlisted = report.unlisted()
    unlisted = f" ({unlisted} not listed; --max-per-rule 0 lists every one)" if unlisted else ""
    return f"{files} checked: " + ", ".join(parts) + f"{unlisted}{silenced}.{assumed}"


def header(finding: Finding, paint: Callable[[str, str], str], painted: Optional[dict] = None) -> str:
    """``path:line:col: severity RULE headline``: the first line of a finding, as the concise format prints it.

    Control characters that came from the file (in a key's name, say) are shown escaped, as in the source lines;
    a headline written as a sentence loses its full stop, so that every headline reads alike. ``painted`` keeps
    the painted severity and rule of earlier findings.
    """
    headline = finding.headline
    if headline.endswith(".") and not headline.endswith(".."):
        headline = headline[:-1]
    known = (finding.severity, finding.rule)
    start = painted.get(known) if painted is not None else None
    if start is None:
        severity = _SEVERITY_NAMES[finding.severity]
        start = f"{paint(severity, severity)} {paint('bold', finding.rule)}"
        if painted is not None:
            painted[known] = start
    place = f"{_printable_path(finding.path)}:{finding.line}:{finding.column}"
    return f"{place}: {start} {paint('bold', printable(headline))}"


_printable_path = lru_cache(maxsize=64)(printable)  # every finding of a file shows its path
# Each severity's name (an Enum's ``value`` is a slow look-up).
_SEVERITY_NAMES = {severity: severity.value for severity in Severity}


class _Blocks:
    """Each finding's block of the text report. What findings share is made once: the prose they share ("This line
    is ignored.") wrapped, the gutters of line numbers of one width, a rule or severity painted."""

    def __init__(self, paint: Callable[[str, str], str], width: int):
        self.paint = paint
        self.width = width
        self.explained: dict = {}
        self.gutters: dict = {}
        self.labels: dict = {}
        self.painted: dict = {}

    def block(self, finding: Finding, source: Optional[SourceLines]) -> str:
        paint = self.paint
        number = str(finding.line)
        digits = len(number)
        block = header(finding, paint, self.painted)
        excerpt = source.excerpt(finding.line, finding.column) if source is not None else None
        if excerpt is not None and excerpt.text and not excerpt.text.isspace():
            bar = self.gutters.get(digits) or self.gutters.setdefault(digits, paint("gutter", " " * digits + " |"))
            text, column = excerpt
            if len(text) > MAX_EXCERPT:
                text, column = _window(text, column)
            block = f"{block}\n{bar}\n{paint('gutter', number + ' |')} {text}"
            if column is not None:
                marker = paint(_SEVERITY_NAMES[finding.severity], "^" * _span(text, column))
                block = f"{block}\n{bar} {' ' * cells(text[:column - 1]) if column > 1 else ''}{marker}"
        if finding.explanation:
            block += self._explained(digits, "why", finding.explanation)
        if finding.fix:
            block += self._explained(digits, "fix", finding.fix)
        return block

    def _explained(self, digits: int, label: str, text: str) -> str:
        """``= why: text`` (or fix) wrapped, each line after a newline, for a gutter of ``digits``; continuation
        lines are aligned under the text."""
        known = (digits, label, text)
        lines = self.explained.get(known)
        if lines is None:
            if len(self.explained) >= WRAP_MEMO:
                self.explained.clear()
            first, hanging = self.labels.get(known[:2]) or self.labels.setdefault(known[:2], (
                f"\n{' ' * digits} = {self.paint(label, label)}: ", "\n" + " " * (digits + len(label) + 5)))
            wrapped = _wrap(printable(sentence(text)), max(self.width - len(hanging) + 1, 20))
            lines = self.explained[known] = (first + wrapped[0] if len(wrapped) == 1 else
                                             "".join((hanging if number else first) + line
                                                     for number, line in enumerate(wrapped)))
        return lines


def _wrap(text: str, width: int) -> List[str]:
    """``textwrap.wrap`` without breaking words or at hyphens; a printable ASCII text that fits on one line (most
    do) is its one line without trailing blanks, as textwrap would make it, at a fraction of textwrap's cost."""
    if len(text) <= width and text.isascii() and text.isprintable():
        line = text.rstrip(" ")
        return [line] if line else []
    import textwrap  # only prose that needs wrapping

    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _window(text: str, column: Optional[int]):
    """A line longer than MAX_EXCERPT characters, cut to about that many around the column, and the column within
    the cut."""
    room = MAX_EXCERPT - 2  # for the '…' at either end
    start = 0 if column is None or column <= room // 2 else column - 1 - room // 2
    prefix = "…" if start else ""
    shown_column = None if column is None else column - start + len(prefix)
    return prefix + text[start:start + room] + ("…" if start + room < len(text) else ""), shown_column


def _span(text: str, column: int) -> int:
    """How many cells to underline from the column: a comment to its end, a [SECTION] header, else one word."""
    start = column - 1
    first = text[start:column]
    if first in COMMENT_STARTS:  # also at the end of the line ('' is in any string)
        return max(cells(text[start:].rstrip()), 1)
    if first == "[" and "]" in text[start:]:
        return cells(text[start:text.index("]", start) + 1])
    return max(cells(_TOKEN.match(text, start).group()), 1)


def _width() -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, terminal_columns()))


def terminal_columns() -> int:
    """``shutil.get_terminal_size``'s width, without importing shutil (which loads bz2 and lzma): ``COLUMNS`` when
    it is a positive number, else the width of the terminal on stdout, else MAX_WIDTH."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else MAX_WIDTH


def painter(color: bool) -> Callable[[str, str], str]:
    """``paint(style, text)``: the text in that style's colours, or as it is when not colouring."""
    if not color:
        return lambda style, text: text
    from colorama import Fore, Style  # only a coloured report needs colorama

    styles = {
        Severity.ERROR.value: Fore.RED + Style.BRIGHT,
        Severity.WARNING.value: Fore.YELLOW + Style.BRIGHT,
        Severity.INFO.value: Fore.CYAN + Style.BRIGHT,
        "bold": Style.BRIGHT,
        "gutter": Fore.BLUE + Style.BRIGHT,
        "why": Style.BRIGHT,
        "fix": Fore.GREEN + Style.BRIGHT,
    }
    return lambda style, text: f"{styles[style]}{text}{Style.RESET_ALL}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
