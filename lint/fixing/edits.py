"""Byte-span edits on a file's original bytes, placed by the model's lines and columns.

The model counts lines the way Congregate's parser reads them (universal
newlines: CRLF, LF and a lone CR each end a line, after an optional BOM) and
columns in characters. ``Document`` maps those places back to byte offsets of
the untouched file, so an edit changes its own span and nothing else: line
endings, a missing final newline and every other byte stay as they were.
"""

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from itertools import accumulate
from typing import Dict, Iterable, List, Tuple, Union

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
        self._offsets: Dict[int, Union[int, List[int]]] = {}
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
        start, _, _ = self._lines[line - 1]
        offsets = self._char_offsets(line)
        length = len(offsets) - 1 if isinstance(offsets, list) else offsets
        if not 1 <= column <= length + 1:
            raise ValueError(f"column {column} is outside line {line}")
        return start + (offsets[column - 1] if isinstance(offsets, list) else column - 1)

    def _char_offsets(self, line: int):
        """A line's length when its text is ASCII, else the byte offset of each character (and of its end);
        worked out once per line, so that many edits on one long line stay linear."""
        if line not in self._offsets:
            start, end, _ = self._lines[line - 1]
            text = self.data[start:end].decode("utf-8")
            self._offsets[line] = len(text) if text.isascii() else list(
                accumulate((len(char.encode("utf-8", "surrogatepass")) for char in text), initial=0))
        return self._offsets[line]

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


class ChosenEdits:
    """Edits that fit together, kept in order: whether a new edit conflicts with one of them is a look-up of
    its neighbours, not a comparison with every edit chosen so far."""

    def __init__(self):
        self.edits: List[Edit] = []

    def fits(self, edit: Edit) -> bool:
        for index in range(max(bisect_left(self.edits, Edit(edit.start, edit.start)) - 1, 0), len(self.edits)):
            other = self.edits[index]
            if other.start > edit.end:
                return True
            if conflicts(edit, other):
                return False
        return True

    def add(self, edit: Edit) -> None:
        insort(self.edits, edit)


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
