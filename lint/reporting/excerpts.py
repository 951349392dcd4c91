"""The lines of a linted file as a human report may show them: secrets described, control characters escaped."""

import re
import unicodedata
from typing import List, NamedTuple, Optional

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
    """The shown lines of one file, masked on first use: only the text report asks for them."""

    def __init__(self, conf: Conf, redactor: Redactor):
        self._conf = conf
        self._redactor = redactor
        self._shown: List[str] = []
        self._original: List[str] = []

    def excerpt(self, line: int, column: int) -> Optional[Excerpt]:
        """Line ``line`` as it may be shown, with ``column`` moved to where it is shown; None past the file's end.

        The column is None when masking changed the text before it (a spot inside or after a secret value).
        """
        if not self._shown:
            self._shown = masked_lines(self._redactor)
            self._original = self._conf.text.split("\n")
        if not 0 < line <= min(len(self._shown), len(self._original)):
            return None
        shown, original = self._shown[line - 1], self._original[line - 1]
        before = original[:column - 1]
        return Excerpt(printable(shown), len(printable(before)) + 1 if shown.startswith(before) else None)


def masked_lines(redactor: Redactor) -> List[str]:
    """Each line of the file as the masking layer shows it: secret values described, control characters escaped."""
    return [redactor.line(number) for number in range(1, redactor.line_count + 1)]


def printable(text: str) -> str:
    """The text fit for a terminal: tabs as spaces, control characters (C0, DEL, C1) as ``\\xNN``."""
    return _UNPRINTABLE.sub(_shown, text)


def _shown(match: "re.Match[str]") -> str:
    char = match.group()
    return TAB if char == "\t" else f"\\x{ord(char):02x}"


def cells(text: str) -> int:
    """How many terminal cells the text takes: wide (East Asian) characters take two."""
    if text.isascii():  # no ASCII character is wide
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
