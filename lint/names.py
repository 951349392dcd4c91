"""Finding the known name a written one is probably a misspelling of: ``difflib.get_close_matches`` over all the
known names, with the same answer, in time that does not grow with the number of names a file writes.

difflib keeps a name only when its ``quick_ratio`` (``2 * shared / (both lengths)``,
where ``shared`` counts the characters the two have in common, with repetition) reaches
the cutoff. The index works that bound out for every known name at once, from the
names holding each character, and hands difflib only the names that pass it; the
others difflib would drop anyway. Before that, one pass over the word (in C) counts
its characters that occur in any known name: when even the best-fitting length could
not reach the cutoff with that many, the word is no misspelling of any name. A file of
200,000 keys then costs a few operations per key.
"""

from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import ge, sub
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

# How many answers an index remembers (a file asks about the same names from several rules).
MEMO = 4096
# How many words best_each compares at a time: what it makes of them (their join, a string left of each) stays small.
SLICE = 4096
_NONE: Dict[int, int] = {}


class NameIndex:
    """Candidates indexed by each character and how many times they hold it."""

    def __init__(self, names: Iterable[str]):
        self.names: Tuple[str, ...] = tuple(dict.fromkeys(names))
        self.lengths = sorted({len(name) for name in self.names})
        # (character, n) → the positions of the names holding that character at least n times.
        self.holding: Dict[Tuple[str, int], List[int]] = {}
        for position, name in enumerate(self.names):
            for char, count in Counter(name).items():
                for times in range(1, count + 1):
                    self.holding.setdefault((char, times), []).append(position)
        # str.translate table deleting every character of a known name: what is left of a word is what no name has.
        self.foreign = {ord(char): None for char, _ in self.holding}
        self.memo: Dict[Tuple[str, float, int], List[str]] = {}
        self.any_empty = not all(self.names)
        # cutoff → word length → how many of its characters a word must share with a name to pass quick_ratio.
        self.needed: Dict[float, Dict[int, int]] = {}

    def close(self, word: str, cutoff: float, n: int = 1) -> List[str]:
        """Exactly ``difflib.get_close_matches(word, names, n, cutoff)``."""
        return list(self._matches(word, cutoff, n))

    def best(self, word: str, cutoff: float) -> Optional[str]:
        """The name most like ``word``, or None."""
        matches = self._matches(word, cutoff, 1)
        return matches[0] if matches else None

    def best_each(self, words: Sequence[str], cutoff: float) -> List[Optional[str]]:
        """``best`` of each word, in order: the words that share too few characters with every name are told
        apart in one pass over them all (:meth:`passing`), not one by one."""
        answers: List[Optional[str]] = [None] * len(words)
        for index in self.passing(words, cutoff):
            answers[index] = self.best(words[index], cutoff)
        return answers

    def passing(self, words: Sequence[str], cutoff: float) -> List[int]:
        """The positions of the words that share enough characters with some name to have a match (a superset of
        those that have one), found in C, a step at a time over a slice of the words. An index of more names lets
        more words pass: what passes this one's names passes theirs."""
        if cutoff <= 0 or self.any_empty:
            return list(range(len(words)))
        if len(words) > SLICE:
            return [start + index for start in range(0, len(words), SLICE)
                    for index in self.passing(words[start:start + SLICE], cutoff)]
        joined = "\n".join(words)
        if joined.count("\n") != len(words) - 1:  # a word holds a newline: no name does, so let best judge each
            return list(range(len(words)))
        lengths = list(map(len, words))
        needed = {length: self._needed(length, cutoff) for length in set(lengths)}
        shared = map(sub, lengths, map(len, joined.translate(self.foreign).split("\n")))
        return list(compress(range(len(words)), map(ge, shared, map(needed.__getitem__, lengths))))

    def _matches(self, word: str, cutoff: float, n: int) -> List[str]:
        """``close``'s answer, remembered (not to be changed by the caller)."""
        if cutoff > 0 and not self.any_empty:
            needed = self.needed.get(cutoff, _NONE).get(len(word))
            if needed is None:
                needed = self._needed(len(word), cutoff)
            if len(word) - len(word.translate(self.foreign)) < needed:
                return []
        asked = (word, cutoff, n)
        if asked not in self.memo:
            if len(self.memo) >= MEMO:
                self.memo.clear()
            self.memo[asked] = self._close(word, cutoff, n)
        return self.memo[asked]

    def _close(self, word: str, cutoff: float, n: int) -> List[str]:
        if cutoff > 0 and not self.any_empty:
            candidates = self._passing_quick_ratio(word, cutoff)
        else:  # every name passes the bound: let difflib judge them all
            candidates = list(self.names)
        if not candidates:
            return []
        import difflib  # only for a word that may have a match

        return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)

    def _needed(self, length: int, cutoff: float) -> int:
        """The fewest characters a word of ``length`` must share with a name for some name to pass quick_ratio:
        sharing ``c``, a name of length ``b`` scores at most ``2 * min(c, b) / (length + b)``, which grows with ``c``
        (so the fewest is found by bisection)."""
        needed = self.needed.setdefault(cutoff, {})
        if length not in needed:
            low, high = 0, length + 1  # length + 1: no number of shared characters is enough
            while low < high:
                middle = (low + high) // 2
                if any(2.0 * min(middle, other) / (length + other) >= cutoff for other in self.lengths):
                    high = middle
                else:
                    low = middle + 1
            needed[length] = low
        return needed[length]

    def _passing_quick_ratio(self, word: str, cutoff: float) -> List[str]:
        """The names whose quick_ratio with ``word`` (difflib's own formula) reaches the cutoff, in index order."""
        shared: Dict[int, int] = {}
        for char, count in Counter(word).items():
            for times in range(1, count + 1):
                for position in self.holding.get((char, times), ()):
                    shared[position] = shared.get(position, 0) + 1
        length = len(word)
        return [self.names[position] for position in sorted(shared)
                if 2.0 * shared[position] / (length + len(self.names[position])) >= cutoff]

@lru_cache(maxsize=64)
def index_of(names: Tuple[str, ...]) -> NameIndex:
    """The index of a fixed tuple of names, built once per process."""
    return NameIndex(names)


def best(word: str, names: Iterable[str], cutoff: float) -> Optional[str]:
    """The name most like ``word``, or None (for a few look-ups; hold a NameIndex for many)."""
    return index_of(tuple(names)).best(word, cutoff)
