"""Finding the known name a written one is probably a misspelling of, in time that does not grow with the
number of known names.

difflib compares a word with every candidate; a file of 200,000 keys then makes
millions of comparisons. The index here hands difflib only the candidates that
could pass its cutoff: those of a fitting length (difflib's own bound: a ratio of
at least ``cutoff`` needs ``2 * shorter / (both) >= cutoff``) that share at least
one pair of adjacent characters with the word. A word with no such candidate
costs one look-up per pair of its characters.
"""

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Set, Tuple


class NameIndex:
    """Candidates indexed by their pairs of adjacent characters."""

    def __init__(self, names: Iterable[str]):
        self.names: Tuple[str, ...] = tuple(dict.fromkeys(names))
        self.by_pair: Dict[str, Set[int]] = {}
        self.lengths = sorted({len(name) for name in self.names})
        for position, name in enumerate(self.names):
            for pair in _pairs(name):
                self.by_pair.setdefault(pair, set()).add(position)

    def close(self, word: str, cutoff: float, n: int = 1) -> List[str]:
        """``difflib.get_close_matches(word, names, n, cutoff)`` among the names of a fitting length that share a
        pair of adjacent characters with ``word`` (a name sharing none is no misspelling of it)."""
        shortest, longest = len(word) * cutoff / (2 - cutoff), len(word) * (2 - cutoff) / cutoff
        if bisect_left(self.lengths, shortest) == bisect_right(self.lengths, longest):
            return []  # no name is of a length difflib could match
        found: Set[int] = set()
        for pair in _pairs(word):
            found |= self.by_pair.get(pair, set())
        candidates = [self.names[position] for position in sorted(found)
                      if _length_fits(len(word), len(self.names[position]), cutoff)]
        if not candidates:
            return []
        import difflib  # only for a word that needs a suggestion

        return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)

    def best(self, word: str, cutoff: float) -> Optional[str]:
        """The name most like ``word``, or None."""
        matches = self.close(word, cutoff)
        return matches[0] if matches else None


def _pairs(text: str) -> Set[str]:
    return {text[index:index + 2] for index in range(len(text) - 1)}


def _length_fits(first: int, second: int, cutoff: float) -> bool:
    return 2 * min(first, second) >= cutoff * (first + second)


@lru_cache(maxsize=64)
def index_of(names: Tuple[str, ...]) -> NameIndex:
    """The index of a fixed tuple of names, built once per process."""
    return NameIndex(names)


def best(word: str, names: Iterable[str], cutoff: float) -> Optional[str]:
    """The name most like ``word``, or None (for a few look-ups; hold a NameIndex for many)."""
    return index_of(tuple(names)).best(word, cutoff)
