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
from contextlib import contextmanager
from functools import lru_cache, partial
from bisect import bisect_right
from operator import itemgetter
from typing import Dict, List, Optional, Tuple

from congregate_lint.model import DEFAULT_SECTION, Conf, Option, ParseEvent, Section, ValueLine
from congregate_lint.source import DecodeIssue

# Options written before any header land here instead of aborting the parse; never part of the model.
PREAMBLE = "\0congregate-lint preamble"
_BARE_KEY = re.compile(r"[\w.\-]+")


class _Recorder:
    """Watches configparser's dictionaries while it reads, and builds sections, options and events.

    configparser reads the file's lines from their own list, behind a header that keeps a header-less start
    parseable (see :meth:`reading`), without their newlines (configparser strips them anyway). The line it is at
    is what the list's iterator has left to give (asked in C), not counted by a generator resuming at every line.
    """

    def __init__(self, lines: List[str]):
        self.lines = lines
        self.left = iter(()).__length_hint__  # until reading starts
        self.parser: Optional[configparser.ConfigParser] = None
        self.sections: Dict[str, Section] = {}
        self.defaults: Optional[Section] = None
        self.events: List[ParseEvent] = []
        self.continued_at = 0  # the last line option_read saw

    @contextmanager
    def reading(self):
        """The lines for configparser, while it reads them: the list itself, the header put in its first place for
        that time (line ``n`` of the file is then item ``n``)."""
        self.lines.insert(0, f"[{PREAMBLE}]")
        try:
            lines = iter(self.lines)
            self.left = lines.__length_hint__
            yield lines
        finally:
            self.left = iter(()).__length_hint__
            del self.lines[0]

    @property
    def line(self) -> int:
        """The number of the line configparser is reading (0: the header before the file's first line)."""
        return len(self.lines) - 1 - self.left()

    def indent(self) -> int:
        text = self.lines[self.line]
        return len(text) - len(text.lstrip()) + 1

    def section_added(self, name: str, options: "_OptionsDict") -> None:
        options.section = name
        if name != PREAMBLE:
            section = self.sections[name] = Section(name, self.line, self.indent())
            options.owner = section.options

    def section_reopened(self, name: str) -> None:
        if name in self.sections:
            first = self.sections[name].line
            self.events.append(ParseEvent("duplicate-section", self.line, self.indent(), name, None, first))

    def defaults_written(self) -> Dict[str, Option]:
        """[DEFAULT]'s options, once configparser stores its first one (it does not store the header)."""
        line = self.line
        self.defaults = Section(DEFAULT_SECTION, *self._default_header(line))
        return self.defaults.options

    def before_header(self, key: str) -> None:
        """An option written before any header."""
        line = self.line
        if line:
            self.events.append(ParseEvent("missing-header", line, self.indent(), None, key))

    def duplicate(self, option: Option, previous: Option) -> None:
        self.events.append(ParseEvent("duplicate-option", option.line, option.column, option.section, option.key,
                                      previous.line))

    def _default_header(self, line: int):
        """Where the ``[DEFAULT]`` header above ``line`` is."""
        for number in range(line, 0, -1):
            text = self.lines[number]
            match = self.parser.SECTCRE.match(text.strip())
            if match and match.group("header") == DEFAULT_SECTION:
                return number, len(text) - len(text.lstrip()) + 1
        return 1, 1

    def option_read(self, options: "_OptionsDict", key: str) -> None:
        """configparser looks an option up while reading only to add the current line to its value: a
        continuation line (its text stripped, as configparser appends it), or a blank one (nothing to note).
        Python 3.13 looks twice per line."""
        line = self.line
        if line == self.continued_at:
            return
        self.continued_at = line
        source = self.lines[line]
        text = source.strip()
        option = options.owner.get(key) if options.owner is not None else None
        if text and option is not None:
            option.continue_value(ValueLine(line, len(source) - len(source.lstrip()) + 1, text))


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
    recorder)``), and of [DEFAULT]'s, while it reads: notes each option it stores, and each look-up (which adds
    a line to a value). The options themselves are kept in a plain dictionary (``stored``), which takes its place
    once configparser has read them (see _LinearParser): no copy of 100,000s of options is made, and every later
    look-up is a plain one. One class for every file: a class made per file would cost its making, and a garbage
    collection to free it."""

    __slots__ = ("recorder", "section", "owner", "stored")

    def __init__(self, recorder: _Recorder):
        super().__init__()
        self.recorder = recorder
        self.section = DEFAULT_SECTION  # the name of the section whose options it holds, once it is one
        self.owner: Optional[Dict[str, Option]] = None  # that section's options, once it has a Section
        self.stored: Dict[str, list] = {}

    def __setitem__(self, key, value):
        """Note the option configparser is storing (``value`` is its ``[value]``). The text is that of
        configparser's own match of the stripped line: the name as written is what it lower-cased last, and the
        value runs to the line's end."""
        self.stored[key] = value
        recorder = self.recorder
        owner = self.owner
        if owner is None:
            if self.section != DEFAULT_SECTION:  # the options written before any header
                recorder.before_header(key)
                return
            owner = self.owner = recorder.defaults_written()
        line = len(recorder.lines) - 1 - recorder.left()  # recorder.line, inlined: this runs for every option
        text = recorder.lines[line]
        first = value[0]
        name = recorder.parser.written_name
        # An ordinary line starts with its key and ends with its value: no stripped copy of it is needed.
        option = Option(self.section, key, key if name == key else name, line,  # one string when they are alike
                        len(text) - len(text.lstrip()) + 1 if text[:1].isspace() else 1,
                        (len(text.rstrip()) if text[-1:].isspace() else len(text)) - len(first) + 1, first)
        previous = owner.get(key)
        if previous is not None:
            recorder.duplicate(option, previous)
        owner[key] = option

    def __getitem__(self, key):
        self.recorder.option_read(self, key)
        return self.stored[key]


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
        the plain ones that hold the options make this step and every later look-up cheap."""
        if self._dict is not dict:
            self._dict = dict
            self._defaults = self._defaults.stored
            self._sections = {name: options.stored for name, options in dict.items(self._sections)}
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
        with recorder.reading() as reading:
            parser.read_file(reading, source=path)
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
    return sorted(rest, key=itemgetter(1, 2))  # line, column


def _unparsable(recorder: _Recorder, headers: List[Tuple[int, str]], number: int) -> ParseEvent:
    text = recorder.lines[number - 1]
    stripped = text.strip()
    column = len(text) - len(text.lstrip()) + 1
    if _BARE_KEY.fullmatch(stripped):
        return ParseEvent("bare-key", number, column, _section_above(headers, number), stripped.lower())
    return ParseEvent("unparsable-line", number, column, _section_above(headers, number))


def _section_above(headers: List[Tuple[int, str]], number: int) -> Optional[str]:
    """The name of the last header at or above line ``number``; ``headers`` are (line, name) in line order."""
    index = bisect_right(headers, (number, "\U0010ffff")) - 1
    return headers[index][1] if index >= 0 else None
