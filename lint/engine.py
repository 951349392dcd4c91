"""Run the chosen rules over one file and turn their problems into located findings."""

from operator import attrgetter
from types import ModuleType
from typing import Callable, List, Optional, Sequence

from congregate_lint import suppression
from congregate_lint.reporting.excerpts import SourceLines
from congregate_lint.findings import Finding, Problem
from congregate_lint.model import Conf
from congregate_lint.parser import parse
from congregate_lint.redaction import Redactor
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.rules import m001_internal_error
from congregate_lint.shapes import escape_controls
from congregate_lint.source import Source, decode


# The longest headline, explanation or fix a finding carries (the rules' own are a few hundred characters at most).
LONGEST_TEXT = 1000


class FileResult:
    """The findings for one file, whether a rule crashed on it, its masking layer (whose ``line(number)`` is a
    source line as an output may show it) and its lines as the text report shows them."""

    __slots__ = ("path", "findings", "crashed", "redactor", "source")

    def __init__(self, path: str, redactor: Optional[Redactor] = None, source: Optional[SourceLines] = None):
        self.path = path
        self.findings: List[Finding] = []
        self.crashed = False
        self.redactor = redactor
        self.source = source


def load(source: Source, release: Release = UNKNOWN) -> Conf:
    """Decode and parse a source into the model the rules read, for the Congregate release given."""
    text, issues = decode(source)
    conf = parse(printable_path(source.path), text, issues)
    conf.release = release
    return conf


def printable_path(path: str) -> str:
    """The path as reports can carry it: bytes of a file name that are not UTF-8 become U+FFFD, control
    characters are escaped."""
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that no file name byte stands for
        text = path.encode("utf-8", "replace").decode("utf-8")
    return escape_controls(text)


def lint_conf(conf: Conf, rules: Sequence[ModuleType], live: Optional[object] = None) -> FileResult:
    """Run each rule; a rule that raises becomes one internal-error finding naming it.

    Live rules (``LIVE = True``) run only when a live context is given (``--live``).
    """
    redactor = Redactor(conf)
    result = FileResult(conf.path, redactor=redactor, source=SourceLines(conf, redactor))
    ran: List[ModuleType] = []
    for rule in rules:
        live_rule = is_live(rule)
        if live_rule and live is None:
            continue
        ran.append(rule)
        found: List[Finding] = []
        locate = _locator(conf, rule, redactor)
        try:  # each problem becomes a finding as it comes: a file may have 100,000s
            for problem in rule.check(conf, live) if live_rule else rule.check(conf):
                found.append(locate(problem))
        except Exception as error:  # a crashing rule must never become a traceback
            result.crashed = True
            result.findings.append(_internal_error(conf, rule, error))
            continue
        if found:
            result.findings.extend(found)
    result.findings = suppression.apply(conf, result.findings, ran, redactor)
    result.findings.sort(key=attrgetter("line", "column", "rule"))
    return result


def is_live(rule: ModuleType) -> bool:
    """Whether the rule is live (``LIVE = True``). Read from the module's namespace: most rules have no ``LIVE``,
    and a ``getattr`` that misses on a module costs a microsecond (it builds an AttributeError) for every rule
    and file."""
    return vars(rule).get("LIVE", False)


def lint_source(source: Source, rules: Sequence[ModuleType], live: Optional[object] = None,
                release: Release = UNKNOWN) -> FileResult:
    return lint_conf(load(source, release), rules, live)


def _locator(conf: Conf, rule: ModuleType, redactor: Redactor) -> Callable[[Problem], Finding]:
    """``locate(problem)``: the rule's problem as a finding, placed in the file, its texts masked. What every
    finding of the rule shares is looked up once (a rule may yield 100,000s)."""
    rule_id, name, default_severity, path = rule.ID, rule.NAME, rule.SEVERITY, conf.path
    make = Finding._make

    def locate(problem: Problem) -> Finding:
        headline, section, key, placed, column, severity, explanation, fix, skipped = problem
        if placed:  # placed by the rule itself
            line, column = placed, column or 1
        else:
            line, found_column = conf.locate(section, key)
            column = column or (found_column if placed is None else 1)
        headline = redactor.scrub(headline)  # the first call puts the memo in scrub's place (see Redactor.scrub)
        scrub = redactor.scrub
        # Positional, in Finding's field order: a call with keywords costs as much as the rest of the finding.
        return make((rule_id, name, severity or default_severity, bounded(headline), path, line, column,
                     section and scrub(section), key and scrub(key), None, bounded(scrub(explanation)),
                     bounded(scrub(fix)), skipped))

    return locate


def bounded(text: str) -> str:
    """The text, cut in its middle when longer than LONGEST_TEXT: a rule quotes the names a file wrote, and a name
    pasted megabytes long would make a headline as long."""
    if len(text) <= LONGEST_TEXT:
        return text
    head, tail = LONGEST_TEXT * 3 // 4, LONGEST_TEXT // 4
    return f"{text[:head]} … ({len(text) - head - tail} characters left out) … {text[-tail:]}"


def _internal_error(conf: Conf, rule: ModuleType, error: Exception) -> Finding:
    internal = m001_internal_error
    return Finding(internal.ID, internal.NAME, internal.SEVERITY,
                   f"rule {rule.ID} ({rule.NAME}) failed with {type(error).__name__}", conf.path, 1, 1,
                   explanation="Its checks were not made; the other rules ran.",
                   fix="Please report this to the congregate-lint maintainers.")
