"""Reports written as they are made: a report of 100,000s of findings is handed out in pieces, never held whole."""

from typing import Iterable, Iterator, List

# About how many characters of a long report are written at once.
PIECE = 1 << 16


def joined_pieces(items: Iterable[str], separator: str) -> Iterator[str]:
    """The items, each followed by ``separator``, in consecutive pieces of about PIECE characters."""
    pending: List[str] = []
    size = 0
    for item in items:
        pending.append(item)
        size += len(item)
        if size >= PIECE:
            yield separator.join(pending) + separator
            pending, size = [], 0
    if pending:
        yield separator.join(pending) + separator
