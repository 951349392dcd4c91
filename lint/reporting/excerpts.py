"""The lines of a linted file as a human report may show them: secrets described, control characters escaped."""

import re
import unicodedata
from typing import NamedTuple, Optional

from congregate_lint.model import Conf
from congregate_lint.redaction import Redactor

TAB = "    "
# What printable() rewrites: a tab, and the control characters C0, DEL and C1.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Excerpt(NamedTuple):
    """One shown line, and where the finding's column is in it (1-based), when known."""

    text: str
    column: Optional[int]


class SourceLines:
    """The shown lines of one file, each masked when first asked for: only the text report asks, and only for the
    lines of its findings."""

    def __init__(self, conf: Conf, redactor: Redactor):
        self._conf = conf
        self._redactor = redactor

    def excerpt(self, line: int, column: int) -> Optional[Excerpt]:
        """Line ``line`` as it may be shown, with ``column`` moved to where it is shown; None past the file's end.

        The column is None when masking changed the text before it (a spot inside or after a secret value).
        """
        lines = self._conf.lines
        if not 0 < line <= len(lines):
            return None
        masked = self._redactor.line(line)
        shown = printable(masked)
        if column == 1:
            return Excerpt(shown, 1)
        before = lines[line - 1][:column - 1]
        return Excerpt(shown, len(printable(before)) + 1 if masked.startswith(before) else None)


def printable(text: str) -> str:
    """The text fit for a terminal: tabs as spaces, control characters (C0, DEL, C1) as ``\\xNN``. A text Python
    calls printable holds none of them (a test in C, quicker than the search)."""
    return text if text.isprintable() or not _UNPRINTABLE.search(text) else _UNPRINTABLE.sub(_shown, text)


def _shown(match: "re.Match[str]") -> str:
    char = match.group()
    return TAB if char == "\t" else f"\\x{ord(char):02x}"


def cells(text: str) -> int:
    """How many terminal cells the text takes: wide (East Asian) characters take two."""
    if text.isascii():  # no ASCII character is wide
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
