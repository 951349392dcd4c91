"""Shared helpers for the S rules: one rule's schema violations, where they go, and how values may be shown."""

import unicodedata
from functools import cached_property
from itertools import compress, repeat
from operator import is_not
from typing import Any, Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Set, Tuple

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf, Option
from congregate_lint.names import best, index_of
from congregate_lint.shapes import quotable
from congregate_lint.obfuscation import describe
from congregate_lint.schema import (Violation, is_secret, keys_read_somewhere, known_keys, known_sections, misnamed_for,
                                   section_keys, violations)

SHOWN_LENGTH = 60
# How alike a name must be to a known one (difflib's ratio) to be offered as "did you mean".
CUTOFF = 0.7


def of_rule(conf: Conf, rule: str) -> Iterator[Violation]:
    return violations(conf, rule)


def problem(violation: Violation, headline: str, line: Optional[int] = None, column: Optional[int] = None,
            explanation: str = "", fix: str = "") -> Problem:
    """A Problem on the violation's key, at an explicit place when one is known."""
    line = line or violation.line
    # Positional, in Problem's field order: keywords cost as much again (an S rule may make 100,000s).
    column = (column or violation.column or 1) if line else None
    return Problem(headline, violation.section, violation.key, line, column,
                   Severity(violation.severity) if violation.severity else None, explanation, fix)


def shown(section: str, key: str, value: Any) -> str:
    """A value fit for a message: quoted (and shortened) for ordinary keys, described for secret ones."""
    text = str(value)
    if is_secret(section, key) or not quotable(text):
        return f"a value of {describe(text)}"
    text = text.replace("\n", "\\n")
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 3] + "..."
    return f"'{text}'"


def assignment(section: str, key: str, value: Any) -> Tuple[str, str]:
    """``(subject, note)`` for a headline about a value: ``key = 'value'`` and no note when the value may be quoted,
    else the key alone and a sentence describing the value (for the explanation)."""
    text = shown(section, key, value)
    if text.startswith("'"):
        return f"{key} = {text}", ""
    return key, f"Its value is {text}. "


def closest(word: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> Optional[str]:
    """The candidate most like ``word`` (difflib's ratio, through an index of the candidates), or None."""
    return best(word, candidates, cutoff)


def listing(names: List[str]) -> str:
    return ", ".join(names)


# What the S rules ask about the file being checked, worked out once: S001, S002, S007 and S008 ask in turn.
_worked_out: Dict[str, Tuple[Conf, Any]] = {}


def _once(conf: Conf, compute: Callable[[Conf], Any]) -> Any:
    """``compute(conf)``, remembered for the last file it was asked about."""
    held = _worked_out.get(compute.__name__)
    if held is None or held[0] is not conf:
        held = _worked_out[compute.__name__] = (conf, compute(conf))
    return held[1]


def stray_writing(conf: Conf, section: str, key: str) -> Optional[Option]:
    """Where the file most likely means ``section.key``, which Congregate finds unset, or None.

    The key vanishes when it is written where Congregate does not read it: the same
    name in another section (``[Source]``, ``[SOURCE]]``, ``[EXPORT]``, or a section an
    indented header failed to open), or, in its section or one Congregate does not
    read, a name that is not known there and comes closest to ``key`` (``srctype``,
    ``src_type`` with a zero-width space).
    """
    return _once(conf, _StrayWritings).find(section, key)


class _StrayWritings:
    """The options of one file that are not known where they are written, matched against the known keys of a
    section once per section asked about (not once per key asked). Nothing is copied of most of them: a file may
    hold 100,000s, and a key is looked up in the few sections that hold any; only the names that could be a
    misspelling of some known key are kept, once, for every section asked about."""

    def __init__(self, conf: Conf):
        # (section, its options, the keys known there) of each section holding an option not known there, in
        # file order.
        self.groups: List[Tuple[str, Dict[str, Option], FrozenSet[str]]] = []
        for section in conf.all_sections():
            known = known_keys(section.name)
            if any(key not in known for key in section.options):
                self.groups.append((section.name, section.options, known))
        self.closest_in: Dict[str, Dict[str, Option]] = {}

    def find(self, section: str, key: str) -> Optional[Option]:
        for _, options, known in self.groups:  # the first option of that name not known where it is written
            if key in options and key not in known:
                return options[key]
        if section not in self.closest_in:
            self.closest_in[section] = self._closest(section)
        return self.closest_in[section].get(key)

    def _closest(self, section: str) -> Dict[str, Option]:
        """Each known key of ``section`` → the first option not known where it is written that comes closest to it,
        of those in the section itself and in those Congregate does not read (only they can hold a stray writing
        of its keys)."""
        other_read = set(known_sections()) - {section}
        closest: Dict[str, Option] = {}
        index = index_of(tuple(section_keys(section)))
        for name, options, keys in self.near_misses:
            if name in other_read:
                continue
            guesses = index.best_each(keys, CUTOFF)
            for option, guess in compress(zip(options, guesses), map(is_not, guesses, repeat(None))):
                closest.setdefault(guess, option)
        return closest

    @cached_property
    def near_misses(self) -> List[Tuple[str, List[Option], List[str]]]:
        """(section, options, their names without invisible characters) of the options not known where they are
        written whose names could be a misspelling of a key some section reads: those that pass the screen of the
        index of every known key (what passes one section's passes it; see NameIndex.passing)."""
        every_key = index_of(tuple(keys_read_somewhere()))
        found = []
        for name, written, known in self.groups:
            if known:
                options = [option for option in written.values() if option.key not in known]
                keys = [option.key for option in options]
            else:  # a section no key is known in (its keys are those of its options)
                options, keys = list(written.values()), list(written)
            keys = _plain_names(keys)
            passing = every_key.passing(keys, CUTOFF)
            found.append((name, [options[i] for i in passing], [keys[i] for i in passing]))
        return found


def unread_required(conf: Conf, violation: Violation) -> Optional[Option]:
    """The line S007 reports for a required key that is written where Congregate does not read it, or None."""
    if violation.keyword != "required":
        return None
    return _once(conf, _unread_required)[0].get((violation.section, violation.key))


def reported_as_unread_required(conf: Conf) -> Set[Tuple[str, str]]:
    """(section, key) of each line S007 reports as a required key Congregate does not read there."""
    return _once(conf, _unread_required)[1]


def _unread_required(conf: Conf) -> Tuple[Dict[Tuple[str, str], Option], Set[Tuple[str, str]]]:
    """{(section, key): line} of each required key Congregate finds unset but the file writes elsewhere, and the
    (section, key) of those lines.

    Left out: a name ``congregate configure`` is known to write wrongly (S002 reports that one as an error).
    """
    found: Dict[Tuple[str, str], Option] = {}
    for violation in of_rule(conf, "S007"):
        place = (violation.section, violation.key)
        if violation.keyword != "required" or conf.option(*place) is not None or place in found:
            continue
        written = stray_writing(conf, *place)
        if written is not None and misnamed_for(written.key) != place:
            found[place] = written
    return found, {(line.section, line.key) for line in found.values()}


def commented_out(conf: Conf, section: str, key: str) -> Optional[int]:
    """The line of the last ``# key = …`` (or ``;``) comment under ``[section]``, where a key was switched off."""
    return _once(conf, _commented_keys).get((section, key))


def _commented_keys(conf: Conf) -> Dict[Tuple[str, str], int]:
    """(section, key) → the line of the last ``# key = …`` comment under that section, in one pass over the file."""
    found: Dict[Tuple[str, str], int] = {}
    if "#" not in conf.text and ";" not in conf.text:  # no comment
        return found
    headers = {found.line: name for name, found in conf.sections.items()}
    owner = None
    for number, text in enumerate(conf.lines, start=1):
        owner = headers.get(number, owner)
        stripped = text.strip()
        if owner is not None and stripped[:1] in ("#", ";"):
            match = conf.parser._optcre.match(stripped.lstrip("#; \t"))
            if match:
                found[(owner, conf.parser.optionxform(match.group("option").strip()))] = number
    return found


def _plain_names(names: List[str]) -> List[str]:
    """The names without invisible characters."""
    return names if "".join(names).isascii() else [_plain(name) for name in names]


def _plain(name: str) -> str:
    """A key name without invisible characters (zero-width spaces, joiners, ...)."""
    if name.isascii():  # no ASCII character is invisible (Cf)
        return name
    return "".join(char for char in name if unicodedata.category(char) != "Cf")
