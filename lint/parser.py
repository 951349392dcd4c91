"""Parse a congregate.conf exactly as Congregate does, recording where every section and key is written.

The grammar is the standard library's: a plain ``ConfigParser()`` reads the text.
Positions come from watching it work: the lines are fed through a cursor that
knows the current line number, and the parser's own dictionaries (``dict_type``)
note each section and option as configparser stores them. Strictness is off
while reading so that every duplicate is reported, not only the first; the
values are the same as a strict parse wherever a strict parse succeeds.
"""

import configparser
import re
from functools import lru_cache, partial
from bisect import bisect_right
from typing import Dict, List, Optional, Tuple

from congregate_lint.model import DEFAULT_SECTION, Conf, Option, ParseEvent, Section, ValueLine
from congregate_lint.source import DecodeIssue

# Options written before any header land here instead of aborting the parse; never part of the model.
PREAMBLE = "\0congregate-lint preamble"
_BARE_KEY = re.compile(r"[\w.\-]+")


class _Recorder:
    """Watches configparser's dictionaries while it reads, and builds sections, options and events."""

    def __init__(self, lines: List[str]):
        self.lines = lines
        self.line = 0
        self.parser: Optional[configparser.ConfigParser] = None
        self.sections: Dict[str, Section] = {}
        self.defaults: Optional[Section] = None
        self.events: List[ParseEvent] = []
        self.continued_at = 0  # the last line option_read saw

    def feed(self):
        """The lines for configparser, preceded by a header that keeps a header-less start parseable."""
        self.line = 0
        yield f"[{PREAMBLE}]\n"
        for self.line, text in enumerate(self.lines, start=1):
            yield text + "\n"

    def indent(self) -> int:
        text = self.lines[self.line - 1]
        return len(text) - len(text.lstrip()) + 1

    def section_added(self, name: str, options: "_OptionsDict") -> None:
        options.section = name
        if name != PREAMBLE:
            self.sections[name] = Section(name, self.line, self.indent())

    def section_reopened(self, name: str) -> None:
        if name in self.sections:
            first = self.sections[name].line
            self.events.append(ParseEvent("duplicate-section", self.line, self.indent(), name, None, first))

    def option_set(self, options: "_OptionsDict", key: str, value: list) -> None:
        """Note the option configparser just read (``value`` is its ``[value]``). The text is that of
        configparser's own match of the stripped line: the name as written is what it lower-cased last, and the
        value runs to the line's end."""
        section = options.section
        if section == PREAMBLE:
            if self.line:
                self.events.append(ParseEvent("missing-header", self.line, self.indent(), None, key))
            return
        line = self.line
        text = self.lines[line - 1]
        # An ordinary line starts with its key and ends with its value: no stripped copy of it is needed.
        column = len(text) - len(text.lstrip()) + 1 if text[:1].isspace() else 1
        first = value[0]
        end = len(text.rstrip()) if text[-1:].isspace() else len(text)
        name = self.parser.written_name
        option = Option(section, key, key if name == key else name, line, column,  # one string when they are alike
                        end - len(first) + 1, first)
        owner = self.defaults if section == DEFAULT_SECTION else self.sections[section]
        if owner is None:
            owner = self.defaults = Section(DEFAULT_SECTION, *self._default_header())
        previous = owner.options.get(key)
        if previous is not None:
            self.events.append(ParseEvent("duplicate-option", line, column, section, key, previous.line))
        owner.options[key] = option

    def _default_header(self):
        """Where the ``[DEFAULT]`` header above the current line is (configparser does not store it)."""
        for number in range(self.line, 0, -1):
            text = self.lines[number - 1]
            match = self.parser.SECTCRE.match(text.strip())
            if match and match.group("header") == DEFAULT_SECTION:
                return number, len(text) - len(text.lstrip()) + 1
        return 1, 1

    def option_read(self, options: "_OptionsDict", key: str) -> None:
        """configparser looks an option up while reading only to add the current line to its value: a
        continuation line (its text stripped, as configparser appends it), or a blank one (nothing to note).
        Python 3.13 looks twice per line."""
        if self.line == self.continued_at:
            return
        self.continued_at = self.line
        source = self.lines[self.line - 1]
        text = source.strip()
        section = options.section
        owner = self.defaults if section == DEFAULT_SECTION else self.sections.get(section)
        option = owner.options.get(key) if owner is not None else None
        if text and option is not None:
            option.continue_value(ValueLine(self.line, len(source) - len(source.lstrip()) + 1, text))


class _SectionsDict(dict):
    """configparser's dictionary of sections, while it reads: reports each section it opens or opens again."""

    __slots__ = ("recorder",)

    def __init__(self, recorder: _Recorder):
        super().__init__()
        self.recorder = recorder

    def __setitem__(self, name, options):
        self.recorder.section_added(name, options)
        dict.__setitem__(self, name, options)

    def __getitem__(self, name):
        self.recorder.section_reopened(name)
        return dict.__getitem__(self, name)


class _OptionsDict(dict):
    """configparser's dictionary of one section's options (its ``dict_type``, made by ``partial(_OptionsDict,
    recorder)``), and of [DEFAULT]'s, while it reads: reports each option it stores, and each look-up (which adds
    a line to a value). One class for every file: a class made per file would cost its making, and a garbage
    collection to free it. Once read, the parser's plain copies take their place (see _LinearParser)."""

    __slots__ = ("recorder", "section")

    def __init__(self, recorder: _Recorder):
        super().__init__()
        self.recorder = recorder
        self.section = DEFAULT_SECTION  # the name of the section whose options it holds, once it is one

    def __setitem__(self, key, value):
        self.recorder.option_set(self, key, value)
        dict.__setitem__(self, key, value)

    def __getitem__(self, key):
        self.recorder.option_read(self, key)
        return dict.__getitem__(self, key)


# configparser's OPTCRE, ``(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$``, and this pattern match the same
# lines (text without a newline, as configparser and this package apply them), with the same delimiter and
# value: the option is everything before the first '=' or ':'. configparser's leaves out the blanks just before
# the delimiter, this one keeps them; configparser strips them (``optname.rstrip()``), and so does every reader
# of the option here. configparser's lazy option retries the blanks at every character, quadratic on a long run
# of spaces; a repeated group that would not keep the blanks costs the regex engine ~150 bytes of backtracking
# state per character (600 MiB for a 4 MiB line). One run of characters that are no delimiter costs neither.
LINEAR_OPTCRE = re.compile(r"(?P<option>[^=:]*)(?P<vi>[=:])\s*(?P<value>.*)$")


class _LinearParser(configparser.ConfigParser):
    """``ConfigParser`` reading exactly as the stdlib's, in linear time.

    Two things differ, neither in what is read: the option pattern is LINEAR_OPTCRE,
    and the lines it cannot read are collected in a list (the stdlib also appends
    each one to the error's message string, quadratic on thousands of such lines;
    that message is never read here).
    """

    def __init__(self, **options):
        self.written_name = ""
        super().__init__(**options)
        if self._optcre is self.OPTCRE:
            self._optcre = LINEAR_OPTCRE

    def optionxform(self, optionstr: str) -> str:
        """Lower-case, as the stdlib's; the name as written is kept until the next call (while reading, that is
        the option configparser is about to store)."""
        self.written_name = optionstr
        return optionstr.lower()

    def _handle_error(self, exc, fpname, lineno, line):  # Python 3.9 to 3.12
        exc = exc or configparser.ParsingError(fpname)
        exc.errors.append((lineno, repr(line)))
        return exc

    def _join_multiline_values(self):
        """configparser's last step of reading: once read, the recording dictionaries have done their work, and
        plain ones make this step and every later look-up cheap."""
        if self._dict is not dict:
            self._dict = dict
            self._defaults = dict(self._defaults)
            self._sections = {name: dict(options) for name, options in self._sections.items()}
        super()._join_multiline_values()

    if hasattr(configparser.RawConfigParser, "_read_inner"):  # Python 3.13 and later
        def _read(self, fp, fpname):
            try:
                errors = self._read_inner(fp, fpname)
            finally:
                self._join_multiline_values()
            if errors:
                combined = configparser.ParsingError(fpname)
                combined.errors = [place for error in errors for place in error.errors]
                raise combined


def new_parser(recorder: Optional[_Recorder] = None) -> configparser.ConfigParser:
    """A parser with Congregate's settings, apart from strictness (see the module docstring); with a recorder,
    its dictionaries report to it while it reads.

    It is a copy of one parser built once per run, given its own empty dictionaries as ``__init__`` gives them:
    building each anew costs a tenth of linting a file, nearly all of it configparser's search of ``dir()`` for
    ``get*`` converter methods. The copy shares the settings (strings, tuples, patterns, the stateless
    interpolation) and the converter table, which is only read here. tests/test_parser.py compares a copy with a
    parser built anew.
    """
    built = _built_once()
    parser = _LinearParser.__new__(_LinearParser)
    parser.__dict__.update(built.__dict__)
    if recorder is None:
        parser._dict, parser._sections, parser._defaults = dict, {}, {}
    else:
        parser._dict = partial(_OptionsDict, recorder)
        parser._sections, parser._defaults = _SectionsDict(recorder), _OptionsDict(recorder)
    parser._proxies = {}
    parser._proxies[built.default_section] = configparser.SectionProxy(parser, built.default_section)
    return parser


@lru_cache(maxsize=None)
def _built_once() -> "_LinearParser":
    return _LinearParser(strict=False)


def parse(path: str, text: str, decode_issues: List[DecodeIssue]) -> Conf:
    """Parse text as Congregate would, and return the model with every event found on the way."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    recorder = _Recorder(lines)
    parser = recorder.parser = new_parser(recorder)
    try:
        parser.read_file(recorder.feed(), source=path)
    except configparser.ParsingError as error:
        headers = sorted((section.line, section.name) for section in recorder.sections.values())
        for lineno, _ in error.errors:
            recorder.events.append(_unparsable(recorder, headers, lineno - 1))
        # The error's traceback holds the frame that raised it, which holds the error: a cycle that would keep
        # the lines it lists (thousands, in a file of bare lines) until the collector came round.
        error.__traceback__ = None
    # The section proxies (``parser[section]``) go: nothing here reads through them, and each is a reference cycle
    # (its getters are partials of its own methods) holding the parser, which would keep the file's values until the
    # collector came round.
    for proxy in parser._proxies.values():
        vars(proxy).clear()
    if parser.has_section(PREAMBLE):
        parser.remove_section(PREAMBLE)
    parser._proxies.clear()
    for section in recorder.sections.values():
        section.options.pop("", None)
    events = _before_first_header(recorder.events, _first_header_line(recorder))
    return Conf(path, text, parser, recorder.sections, recorder.defaults, events, decode_issues, lines=lines)


def _first_header_line(recorder: _Recorder) -> int:
    headers = [section.line for section in recorder.sections.values()]
    if recorder.defaults is not None:
        headers.append(recorder.defaults.line)
    return min(headers, default=len(recorder.lines) + 1)


def _before_first_header(events: List[ParseEvent], first_header: int) -> List[ParseEvent]:
    """Congregate stops at the first line before any header: keep one missing-header event for it."""
    early = [event for event in events if event.line < first_header]
    rest = [event for event in events if event.line >= first_header]
    if early:
        first = min(early, key=lambda event: event.line)
        rest.append(ParseEvent("missing-header", first.line, first.column, None, first.key))
    return sorted(rest, key=lambda event: (event.line, event.column))


def _unparsable(recorder: _Recorder, headers: List[Tuple[int, str]], number: int) -> ParseEvent:
    text = recorder.lines[number - 1]
    column = len(text) - len(text.lstrip()) + 1
    kind = "bare-key" if _BARE_KEY.fullmatch(text.strip()) else "unparsable-line"
    key = text.strip().lower() if kind == "bare-key" else None
    return ParseEvent(kind, number, column, _section_above(headers, number), key)


def _section_above(headers: List[Tuple[int, str]], number: int) -> Optional[str]:
    """The name of the last header at or above line ``number``; ``headers`` are (line, name) in line order."""
    index = bisect_right(headers, (number, "\U0010ffff")) - 1
    return headers[index][1] if index >= 0 else None
