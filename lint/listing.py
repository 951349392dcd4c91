"""How many findings of one rule a report lists for one file (``--max-per-rule``), and the summary of the rest.

A rule that fires 100,000s of times on one file (a file that is not a congregate.conf, or one mistake pasted
over and over) would bury everything else and take seconds to report. The first ``limit`` findings of each rule,
by place in the file, are listed; the findings it keeps back are counted by severity and by whether a
``# congregate-lint: disable`` comment silences them, and each such group becomes one summary finding, placed at
its first finding, whose ``count`` is how many it stands for. Counts, exit codes and statistics come out as if
every finding were listed.
"""

import heapq
from operator import attrgetter
from itertools import count as numbering
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from congregate_lint.findings import Finding, Severity

# How many findings of each rule a report lists for a file unless told otherwise (0 lists all).
DEFAULT_LIMIT = 100


class _Group:
    """Findings kept back that share a severity and a silence: how many they are and stand for, the first of them
    (``(line, column, order, severity, reason, item)``, its place also as ``line`` and ``column``) and the last
    line."""

    __slots__ = ("members", "count", "first", "line", "column", "last_line")

    def __init__(self, first: tuple):
        self.members = self.count = 0
        self.first = first
        self.line, self.column = first[0], first[1]
        self.last_line = first[0]

    def add(self, entry: tuple, weight: int) -> None:
        self.members += 1
        self.count += weight
        if entry[:3] < self.first[:3]:
            self.first = entry
            self.line, self.column = entry[0], entry[1]
        self.last_line = max(self.last_line, entry[0])


class Listing:
    """The findings of one rule in one file as they come: the first ``limit`` by place among the active ones and
    among the silenced ones are kept (each with whatever the caller needs to build it later); the rest are only
    counted, by severity and silence. A group of one is listed after all. ``limit`` is at least 1."""

    def __init__(self, limit: int):
        self.limit = limit
        self._kept: Dict[bool, List[tuple]] = {False: [], True: []}  # silenced → heap of the kept, last place on top
        self._order = numbering()
        self._groups: Dict[Tuple[Severity, bool], _Group] = {}

    def take(self, entries: Iterable[Tuple[int, int, Severity, Optional[str], Any]], weight: int = 1) -> None:
        """Findings as ``(line, column, severity, reason, item)``, each at ``line``:``column`` and standing for
        ``weight`` findings; ``reason`` is the comment that silences it (None: none does). One loop for them all: a
        rule may have 100,000s, and most are only counted."""
        limit, kept_by, groups, order = self.limit, self._kept, self._groups, self._order
        for line, column, severity, reason, item in entries:
            silenced = reason is not None
            kept = kept_by[silenced]
            if len(kept) < limit:
                heapq.heappush(kept, (-line, -column, -next(order), severity, reason, item, weight))
                continue
            last = kept[0]
            if line < -last[0] or (line == -last[0] and column < -last[1]):  # it takes the last kept one's place
                out = heapq.heapreplace(kept, (-line, -column, -next(order), severity, reason, item, weight))
                self._keep_back((-out[0], -out[1], -out[2], out[3], out[4], out[5]), out[6], silenced)
                continue
            group = groups.get((severity, silenced))
            if group is not None and (line > group.line or (line == group.line and column >= group.column)):
                group.members += 1  # the common case, a finding after the first kept back: only counted
                group.count += weight
                if line > group.last_line:
                    group.last_line = line
                continue
            self._keep_back((line, column, next(order), severity, reason, item), weight, silenced)

    def _keep_back(self, entry: tuple, weight: int, silenced: bool) -> None:
        group = self._groups.get((entry[3], silenced))
        if group is None:
            group = self._groups[(entry[3], silenced)] = _Group(entry)
        group.add(entry, weight)

    def kept(self) -> List[Tuple[int, int, Severity, Optional[str], Any]]:
        """``(line, column, severity, reason, item)`` of each finding listed, in the order they came."""
        entries = [(-line, -column, -order, severity, reason, item)
                   for line, column, order, severity, reason, item, _ in self._kept[False] + self._kept[True]]
        entries.extend(group.first for group in self._groups.values() if group.members == 1)
        entries.sort(key=lambda entry: entry[2])
        return [(line, column, severity, reason, item) for line, column, _, severity, reason, item in entries]

    def summaries(self, rule: str, name: str, path: str) -> List[Finding]:
        """One finding for each group of findings kept back (of two or more)."""
        return [_summary(rule, name, path, group, self.limit) for group in self._groups.values() if group.members > 1]


def _summary(rule: str, name: str, path: str, group: _Group, limit: int) -> Finding:
    line, column, _, severity, reason, _ = group.first
    kind = "silenced " if reason is not None else ""
    lines = f"line {line:,}" if group.last_line == line else f"lines {line:,} to {group.last_line:,}"
    return Finding(rule, name, severity, f"{group.count:,} more {kind}{severity.value}s of this rule, on {lines}, "
                   "are not listed", path, line, column, suppressed=reason,
                   explanation=f"A report lists the first {limit:,} findings of each rule in a file and counts the "
                               "rest here. So many findings of one rule most often mean the file is not a "
                               "congregate.conf, or one mistake repeated.",
                   fix="Fix the findings listed and run again, or list every one with --max-per-rule 0.",
                   count=group.count)


def listed(findings: Sequence[Finding], limit: int) -> List[Finding]:
    """One file's findings as a report lists them, in file order: at most ``limit`` of each rule, the rest
    summarised (a summary listed again counts what it stood for)."""
    if not limit:
        return list(findings)
    listings: Dict[Tuple[str, str], Listing] = {}
    for finding in findings:
        listing = listings.get((finding.rule, finding.name))
        if listing is None:
            listing = listings[(finding.rule, finding.name)] = Listing(limit)
        listing.take(((finding.line, finding.column, finding.severity, finding.suppressed, finding),), finding.count)
    result = []
    for (rule, name), listing in listings.items():
        result.extend(item for _, _, _, _, item in listing.kept())
        result.extend(listing.summaries(rule, name, findings[0].path))
    return sorted(result, key=attrgetter("line", "column", "rule"))
