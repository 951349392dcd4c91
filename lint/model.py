"""The parsed congregate.conf: sections, options with their source positions, and Congregate's reading of each value."""

import configparser
from bisect import bisect_right
from operator import attrgetter
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from congregate_lint.obfuscation import Deobfuscated, deobfuscate
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.source import DecodeIssue

DEFAULT_SECTION = configparser.DEFAULTSECT


# Interpolation that would make a value longer than this is not attempted (a real value is a few hundred
# characters; the file itself is at most 4 MiB).
MAX_EXPANDED_LENGTH = 4 * 1024 * 1024


class InterpolationTooLarge(configparser.InterpolationError):
    """A value whose '%(name)s' references would expand it beyond MAX_EXPANDED_LENGTH characters."""

    def __init__(self, option: str, section: str, limit: int):
        super().__init__(option, section, f"'%(name)s' references in {option!r} expand it beyond {limit} characters")


class Percent(NamedTuple):
    """A '%' as BasicInterpolation reads it: ``name`` is '' for a literal '%%', the name of a '%(name)s'
    reference, or None for a bare '%' (configparser's InterpolationSyntaxError)."""

    start: int
    end: int
    name: Optional[str]


def percents(text: str) -> Iterator[Percent]:
    """Each '%' of a raw value, read as configparser's ``%(([^)]+))s`` pattern reads it, in one pass.

    A regular expression would scan from every '%(' to the next ')' again (quadratic
    on a run of '%('); here that ')' is found once for all the '%(' before it.
    """
    close = -1
    position = text.find("%")
    while position >= 0:
        following = text[position + 1:position + 2]
        end = position + 1
        name: Optional[str] = None
        if following == "%":
            end, name = position + 2, ""
        elif following == "(":
            if close < position + 2:
                close = text.find(")", position + 2)
                close = len(text) if close < 0 else close
            if position + 2 < close < len(text) and text.startswith("s", close + 1):
                end, name = close + 2, text[position + 2:close]
        yield Percent(position, end, name)
        position = text.find("%", end)


def may_refer(raw: str) -> bool:
    """False when a raw value holds no '%(name)s' reference: every reference ends in ')s' (a test in C, before
    :func:`percents` walks a long value)."""
    return ")s" in raw


def literal_value(raw: str) -> Optional[str]:
    """What BasicInterpolation makes of a value without references or bare '%': the text with each '%%' (read
    left to right, as configparser reads it) made '%'; None for any other value. configparser copies the rest
    of the value for every '%' it reads (quadratic on a long run of '%%'); this is one pass in C."""
    if "%" not in raw:
        return raw
    return None if "%" in raw.replace("%%", "") else raw.replace("%%", "%")


class ValueLine(NamedTuple):
    """One physical line of a value: where its text starts and the text configparser kept."""

    line: int
    column: int
    text: str


class Option:
    """A key as written in the file. ``key`` is lower-cased, as Congregate looks it up.

    The first line of the value is held as its column and text (``value_column``,
    ``value_text``), the lines that continue it in ``continued``: a file may hold
    100,000s of keys, nearly all of one line, and an object and a list per key
    for that line would double what a key costs.
    """

    __slots__ = ("section", "key", "name", "line", "column", "value_column", "value_text", "continued")

    def __init__(self, section: str, key: str, name: str, line: int, column: int, value_column: int, value_text: str):
        self.section = section
        self.key = key
        self.name = name
        self.line = line
        self.column = column
        self.value_column = value_column
        self.value_text = value_text
        self.continued: Sequence[ValueLine] = ()

    def continue_value(self, value_line: ValueLine) -> None:
        """Add a line that continues the value."""
        if not self.continued:
            self.continued = []
        self.continued.append(value_line)

    @property
    def value_lines(self) -> List[ValueLine]:
        """Each physical line of the value, the first included (a new list: changing it changes nothing)."""
        return [ValueLine(self.line, self.value_column, self.value_text), *self.continued]

    @property
    def end_line(self) -> int:
        return self.continued[-1].line if self.continued else self.line


class Section:
    """A ``[header]`` and the options written under it (all headers of that name, merged)."""

    __slots__ = ("name", "line", "column", "options")

    def __init__(self, name: str, line: int, column: int):
        self.name = name
        self.line = line
        self.column = column
        self.options: Dict[str, Option] = {}


class ParseEvent(NamedTuple):
    """Something configparser tripped over, or would have with Congregate's strict settings.

    kind: ``missing-header`` (an option before any section), ``unparsable-line``,
    ``bare-key``, ``duplicate-section`` or ``duplicate-option``. ``first_line`` is the
    earlier occurrence for duplicates.
    """

    kind: str
    line: int
    column: int
    section: Optional[str] = None
    key: Optional[str] = None
    first_line: Optional[int] = None


class Conf:
    """Everything the rules may ask about one file; ``release`` is the Congregate release the findings assume
    (rules ask ``conf.release.has(change)``)."""

    def __init__(self, path: str, text: str, parser: configparser.ConfigParser, sections: Dict[str, Section],
                 defaults: Optional[Section], events: List[ParseEvent], decode_issues: List[DecodeIssue],
                 release: Release = UNKNOWN, lines: Optional[List[str]] = None):
        self.path = path
        self.text = text
        self.parser = parser
        self.sections = sections
        self.defaults = defaults
        self.events = events
        self.decode_issues = decode_issues
        self.release = release
        self._reads: Dict[Tuple[str, str], Tuple[Optional[str], Optional[configparser.Error]]] = {}
        self._lengths: Dict[Tuple[str, str], int] = {}
        self._lines = lines  # the parser's, when it gives them
        self._by_line: Optional[Tuple[List[int], List[Option]]] = None
        self._options: Optional[List[Option]] = None

    @property
    def lines(self) -> List[str]:
        """The lines of the text, split once (a newline at the end starts no line)."""
        if self._lines is None:
            self._lines = self.text.split("\n")
            if self._lines[-1] == "":
                self._lines.pop()
        return self._lines

    def option_at(self, line: int) -> Optional[Option]:
        """The option whose key is written on ``line`` (the last one read there), or None.

        Found by bisection in the options sorted by line: a dictionary of 100,000s of lines would cost several
        times the memory."""
        if self._by_line is None:
            ordered = sorted(self.all_options(), key=attrgetter("line"))
            self._by_line = ([option.line for option in ordered], ordered)
        lines, ordered = self._by_line
        index = bisect_right(lines, line) - 1
        return ordered[index] if index >= 0 and lines[index] == line else None

    def all_sections(self) -> Iterator[Section]:
        """DEFAULT first (if written), then the sections in file order."""
        if self.defaults is not None:
            yield self.defaults
        yield from self.sections.values()

    def all_options(self) -> List[Option]:
        """Every option, DEFAULT's first, then each section's in file order; listed once (rules walk them all)."""
        if self._options is None:
            self._options = [option for section in self.all_sections() for option in section.options.values()]
        return self._options

    def option(self, section: str, key: str) -> Optional[Option]:
        """The option Congregate would read for ``section.key``, including one inherited from DEFAULT."""
        if section == DEFAULT_SECTION:
            return self.defaults.options.get(key) if self.defaults else None
        if section not in self.sections:
            return None
        own = self.sections[section].options.get(key)
        if own is not None or self.defaults is None:
            return own
        return self.defaults.options.get(key)

    def raw(self, section: str, key: str) -> Optional[str]:
        """The value before interpolation, or None when the key is absent: ``get(section, key, raw=True)`` after
        ``has_option``, read from configparser's dictionaries (a file may hold 100,000s of keys)."""
        key = self.parser.optionxform(key)
        defaults = self.parser._defaults
        if section == DEFAULT_SECTION:
            return defaults.get(key)
        options = self.parser._sections.get(section)
        if options is None:
            return None
        value = options.get(key)
        return defaults.get(key) if value is None else value

    def raw_values(self, section: str) -> Dict[str, str]:
        """Each key of ``section`` in ``parser.options`` order (its own, then [DEFAULT]'s) → its raw value."""
        values = dict(self.parser._sections[section])
        for key, value in self.parser._defaults.items():
            values.setdefault(key, value)
        return values

    def interpolation_error(self, section: str, key: str) -> Optional[configparser.Error]:
        """The error Congregate's ``get`` raises for this key, if any."""
        return self._read(section, key)[1]

    def _read(self, section: str, key: str) -> Tuple[Optional[str], Optional[configparser.Error]]:
        """``get``'s value (None when absent) or its error, asked of configparser once per key with a '%' (a value
        without references or bare '%' is read by :func:`literal_value`, as configparser would read it)."""
        raw = self.raw(section, key)
        if raw is None or "%" not in raw:  # nothing to interpolate: get() returns the raw value
            return raw, None
        place = (section, key)
        if place not in self._reads:
            literal = literal_value(raw)
            if literal is not None:
                self._reads[place] = (literal, None)
            else:
                try:
                    self._check_expansion(section, key)
                    self._reads[place] = (self.parser.get(section, key), None)
                except configparser.Error as error:
                    self._reads[place] = (None, error)
        return self._reads[place]

    def _check_expansion(self, section: str, key: str) -> None:
        """Raise InterpolationTooLarge before configparser spends minutes and gigabytes expanding a value whose
        '%(name)s' references multiply (each key referring ten times to the next: a 500-byte file)."""
        if self._expanded_length(section, key, set()) > MAX_EXPANDED_LENGTH:
            raise InterpolationTooLarge(key, section, MAX_EXPANDED_LENGTH)

    def _expanded_length(self, section: str, key: str, pending: set) -> int:
        """At least as long as the value interpolation makes of ``section.key``, capped just above the limit;
        each key of a section is measured once (a reference loop counts as nothing: configparser's depth
        limit reports it)."""
        place = (section, key)
        if place in self._lengths:
            return self._lengths[place]
        raw = self.raw(section, key) or ""
        if not may_refer(raw) or place in pending:
            return len(raw)
        pending.add(place)
        total = len(raw)
        for percent in percents(raw):
            if percent.name and total <= MAX_EXPANDED_LENGTH:
                total += self._expanded_length(section, self.parser.optionxform(percent.name), pending)
        pending.discard(place)
        self._lengths[place] = min(total, MAX_EXPANDED_LENGTH + 1)
        return self._lengths[place]

    def references(self, section: str, key: str) -> Iterator[Option]:
        """The options ``section.key`` takes text from through ``%(name)s``, directly or in turn, each once."""
        seen = {key}
        pending = [key]
        while pending:
            raw = self.raw(section, pending.pop()) or ""
            if not may_refer(raw):
                continue
            for name in (percent.name for percent in percents(raw) if percent.name):
                name = self.parser.optionxform(name)
                option = self.option(section, name)
                if option is not None and name not in seen:
                    seen.add(name)
                    pending.append(name)
                    yield option

    def value(self, section: str, key: str) -> Optional[str]:
        """What Congregate gets: the interpolated value, or None when unset, empty or broken by interpolation."""
        return self._read(section, key)[0] or None

    def decoded(self, section: str, key: str) -> Optional[Deobfuscated]:
        """Congregate's base64 "deobfuscation" of the value, or None when unset."""
        value = self.value(section, key)
        return None if value is None else deobfuscate(value)

    def locate(self, section: Optional[str], key: Optional[str]) -> Tuple[int, int]:
        """Line and column for a place: the key, else its section header, else the top of the file."""
        if section is not None and key is not None:
            option = self.option(section, key)
            if option is not None:
                return option.line, option.column
        if section == DEFAULT_SECTION and self.defaults is not None:
            return self.defaults.line, self.defaults.column
        if section in self.sections:
            return self.sections[section].line, self.sections[section].column
        return 1, 1
