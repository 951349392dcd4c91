"""Byte-span edits on a file's original bytes, placed by the model's lines and columns.

The model counts lines the way Congregate's parser reads them (universal
newlines: CRLF, LF and a lone CR each end a line, after an optional BOM) and
columns in characters. ``Document`` maps those places back to byte offsets of
the untouched file, so an edit changes its own span and nothing else: line
endings, a missing final newline and every other byte stay as they were.
"""

import re
from dataclasses import dataclass
from typing import Iterable, List, Tuple

from congregate_lint.source import BOM

_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``data[start:end]`` with ``text`` (an insertion when start == end)."""

    start: int
    end: int
    text: bytes = b""


class Document:
    """The original bytes of one file, with the byte span of each line the model numbers."""

    def __init__(self, data: bytes):
        self.data = data
        self.bom = len(BOM) if data.startswith(BOM) else 0
        self._lines: List[Tuple[int, int, int]] = []  # (content start, content end, end after the line ending)
        start = self.bom
        for match in _LINE_END.finditer(data, self.bom):
            self._lines.append((start, match.start(), match.end()))
            start = match.end()
        if start < len(data):
            self._lines.append((start, len(data), len(data)))

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line_text(self, line: int) -> str:
        """The text of a line (1-based), without its ending."""
        start, end, _ = self._lines[line - 1]
        return self.data[start:end].decode("utf-8")

    def offset(self, line: int, column: int) -> int:
        """The byte offset of a 1-based character column; the column just after the text is the line's end."""
        start, end, _ = self._lines[line - 1]
        text = self.data[start:end].decode("utf-8")
        if not 1 <= column <= len(text) + 1:
            raise ValueError(f"column {column} is outside line {line}")
        return start + len(text[:column - 1].encode("utf-8"))

    def line_start(self, line: int) -> int:
        return self._lines[line - 1][0]

    def line_end(self, line: int) -> int:
        """The offset where the line's text ends (before its line ending)."""
        return self._lines[line - 1][1]

    def ending(self, line: int) -> bytes:
        """The line ending written after a line, or the file's usual one when the line is the unterminated last."""
        _, end, after = self._lines[line - 1]
        return self.data[end:after] or self.usual_ending()

    def usual_ending(self) -> bytes:
        """The first line ending in the file (LF in a file with none)."""
        match = _LINE_END.search(self.data, self.bom)
        return match.group() if match else b"\n"


def conflicts(first: Edit, second: Edit) -> bool:
    """True when two different edits cannot both be made: their spans overlap, an insertion falls inside a
    replacement, or two insertions land on one offset (their order would be a guess)."""
    if first == second:
        return False
    if first.start == first.end and second.start == second.end:
        return first.start == second.start
    return first.start < second.end and second.start < first.end


def apply(data: bytes, edits: Iterable[Edit]) -> bytes:
    """The bytes with the compatible ``edits`` made (each distinct edit once); every other byte is copied."""
    pieces: List[bytes] = []
    position = 0
    for edit in sorted(set(edits)):
        if edit.start < position or edit.end < edit.start or edit.end > len(data):
            raise ValueError("overlapping or out-of-range edit")
        pieces.append(data[position:edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(data[position:])
    return b"".join(pieces)
