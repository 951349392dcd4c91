"""Run the chosen rules over one file and turn their problems into located findings."""

from itertools import chain
from operator import attrgetter
from types import ModuleType
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

from congregate_lint import suppression
from congregate_lint.reporting.excerpts import SourceLines
from congregate_lint.findings import Finding, Problem, Severity
from congregate_lint.listing import DEFAULT_LIMIT, Listing, listed
from congregate_lint.model import Conf
from congregate_lint.parser import parse
from congregate_lint.redaction import Redactor
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.rules import m001_internal_error
from congregate_lint.shapes import escape_controls
from congregate_lint.source import Source, decode


# The longest headline, explanation or fix a finding carries (the rules' own are a few hundred characters at most).
LONGEST_TEXT = 1000
# How many findings of a rule are built together when a report lists every one (--max-per-rule 0).
CHUNK = 10_000


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


def lint_conf(conf: Conf, rules: Sequence[ModuleType], live: Optional[object] = None,
              limit: int = DEFAULT_LIMIT) -> FileResult:
    """Run each rule; a rule that raises becomes one internal-error finding naming it.

    Live rules (``LIVE = True``) run only when a live context is given (``--live``). Of each rule, the first
    ``limit`` findings are listed and the rest summarised (0 lists all; see :mod:`congregate_lint.listing`).
    """
    redactor = Redactor(conf)
    result = FileResult(conf.path, redactor=redactor, source=SourceLines(conf, redactor))
    silencer = suppression.Silencer(conf, redactor)
    ran: List[ModuleType] = []
    for rule in rules:
        live_rule = is_live(rule)
        if live_rule and live is None:
            continue
        ran.append(rule)
        try:
            result.findings.extend(_rule_findings(conf, rule, live, silencer, limit))
        except Exception as error:  # a crashing rule must never become a traceback
            result.crashed = True
            result.findings.append(_internal_error(conf, rule, error))
    result.findings.extend(listed(silencer.meta_findings(ran), limit))
    result.findings.sort(key=attrgetter("line", "column", "rule"))
    return result


def _rule_findings(conf: Conf, rule: ModuleType, live: Optional[object], silencer: suppression.Silencer,
                   limit: int) -> List[Finding]:
    """The findings of one rule, each placed and silenced as it comes (a file may have 100,000s); only those
    listed are explained (a rule's ``explained``), masked and built. Listing them all, they are built a chunk at a
    time, so that no more than a chunk of problems waits beside the findings."""
    placed = _placed(conf, rule, live, silencer)
    first = next(placed, None)
    if first is None:  # most rules find nothing in most files
        return []
    placed = chain((first,), placed)
    build = _builder(conf, rule, silencer.redactor)
    if not limit:
        found: List[Finding] = []
        chunk: List[tuple] = []
        for entry in placed:
            chunk.append(entry)
            if len(chunk) == CHUNK:
                found.extend(build(chunk))
                chunk = []
        return found + build(chunk)
    listing = Listing(limit)
    listing.take(placed)
    return build(listing.kept()) + listing.summaries(rule.ID, rule.NAME, conf.path)


def _placed(conf: Conf, rule: ModuleType, live: Optional[object],
            silencer: suppression.Silencer) -> Iterator[Tuple[int, int, Severity, Optional[str], Problem]]:
    """``(line, column, severity, reason, problem)`` of each problem of the rule: where it is, how much it matters,
    and the reason of the comment that silences it (None: none does)."""
    rule_id, default_severity = rule.ID, rule.SEVERITY
    silenced = silencer.names(rule_id)
    place = conf.locate
    for problem in rule.check(conf, live) if is_live(rule) else rule.check(conf):
        if problem.line:  # placed by the rule itself
            line, column = problem.line, problem.column or 1
        else:
            line, column = place(problem.section, problem.key)
            column = problem.column or (column if problem.line is None else 1)
        reason = silencer.reason(rule_id, line, problem.section, problem.key) if silenced else None
        yield line, column, problem.severity or default_severity, reason, problem


def is_live(rule: ModuleType) -> bool:
    """Whether the rule is live (``LIVE = True``). Read from the module's namespace: most rules have no ``LIVE``,
    and a ``getattr`` that misses on a module costs a microsecond (it builds an AttributeError) for every rule
    and file."""
    return vars(rule).get("LIVE", False)


def lint_source(source: Source, rules: Sequence[ModuleType], live: Optional[object] = None,
                release: Release = UNKNOWN, limit: int = DEFAULT_LIMIT) -> FileResult:
    return lint_conf(load(source, release), rules, live, limit)


def _builder(conf: Conf, rule: ModuleType, redactor: Redactor) -> Callable[[Sequence[tuple]], List[Finding]]:
    """``build(entries)``: the findings of ``(line, column, severity, reason, problem)`` entries of the rule, each
    problem explained (the rule's ``explained``, for all of them at once) and its texts masked. What every finding
    of the rule shares is looked up once."""
    rule_id, name, path = rule.ID, rule.NAME, conf.path
    explained = vars(rule).get("explained")
    make = Finding._make

    def build(entries: Sequence[tuple]) -> List[Finding]:
        if not entries:
            return []
        problems = [entry[4] for entry in entries]
        if explained:
            problems = explained(conf, problems)
        redactor.scrub(problems[0].headline)  # the first call puts the memo in scrub's place
        scrub = redactor.scrub
        # Positional, in Finding's field order: a call with keywords costs as much as the rest of the finding.
        return [make((rule_id, name, severity, bounded(scrub(problem.headline)), path, line, column,
                      problem.section and scrub(problem.section), problem.key and scrub(problem.key), reason,
                      bounded(scrub(problem.explanation)), bounded(scrub(problem.fix)), problem.skipped, 1))
                for (line, column, severity, reason, _), problem in zip(entries, problems)]

    return build


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
