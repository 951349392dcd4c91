"""``--fix``: lint, repair what the fixers can, lint again, until nothing more is fixable.

Edits are made on the original bytes. A file whose parse leaves positions in
doubt (a line configparser cannot read, a duplicate, bytes that are not UTF-8
text) is not touched at all.
"""

from dataclasses import dataclass, field
from types import ModuleType
from typing import List, Optional, Sequence, Tuple

from congregate_lint.fixing.edits import ChosenEdits, Document, Edit, apply
from congregate_lint.engine import FileResult, lint_conf, load
from congregate_lint.findings import Finding, first_names
from congregate_lint.fixing.repairs import FIXERS
from congregate_lint.model import Conf
from congregate_lint.redaction import Redactor
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.rules import m001_internal_error
from congregate_lint.source import Source

# A fix can make another fixable (a moved comment leaves a raw secret to encode); a few passes always suffice.
MAX_PASSES = 8
# Parse events and byte problems after which line and column no longer say for certain which bytes are meant.
BLOCKING_EVENTS = {
    "missing-header": "P001",
    "unparsable-line": "P002",
    "bare-key": "P003",
    "duplicate-section": "P004",
    "duplicate-option": "P005",
}
BLOCKING_ISSUES = {"not-utf8": "P007", "nul": "P008", "too-large": "P013", "binary": "a binary file"}
# How many of them the one line that says why a file was not fixed names (the report lists every one).
NAMED_CAUSES = 5


@dataclass
class FixOutcome:
    """The bytes before and after fixing, how many findings were fixed, and what remains (``result``, whose
    Redactor masks the fixed text; ``original_redactor`` masks the original)."""

    original: bytes
    fixed: bytes
    result: FileResult
    original_redactor: Optional[Redactor] = None
    fixes: int = 0
    blocked: Optional[str] = None
    failures: List[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def blocking_reason(conf: Conf) -> Optional[str]:
    """Why no fix may be made to this file, or None when positions are certain."""
    causes = [f"{code} at line {event.line}" for event in conf.events
              for kind, code in BLOCKING_EVENTS.items() if event.kind == kind]
    causes += [code for issue in conf.decode_issues for kind, code in BLOCKING_ISSUES.items() if issue.kind == kind]
    if not causes:
        return None
    named = first_names(list(dict.fromkeys(causes)), NAMED_CAUSES)
    return f"not fixed: {named} leave line positions uncertain; repair those by hand, then run --fix again"


def fix_source(source: Source, rules: Sequence[ModuleType], release: Release = UNKNOWN) -> FixOutcome:
    """Fix one file in memory, for the Congregate release given; nothing is written here."""
    conf = load(source, release)
    result = lint_conf(conf, rules, limit=0)  # every finding: each may have a repair
    outcome = FixOutcome(source.data, source.data, result, result.redactor, blocked=blocking_reason(conf))
    if outcome.blocked is not None:
        return outcome
    for _ in range(MAX_PASSES):
        document = Document(outcome.fixed)
        edits, fixed = _chosen_edits(conf, outcome.result.findings, document, outcome.failures)
        if not edits:
            break
        candidate = apply(outcome.fixed, edits)
        if candidate == outcome.fixed:
            break
        candidate_conf = load(Source(source.path, candidate), release)
        if blocking_reason(candidate_conf) is not None:
            outcome.failures.append("a fix would have made the file unreadable and was not made")
            break
        outcome.fixed, conf, outcome.fixes = candidate, candidate_conf, outcome.fixes + fixed
        outcome.result = lint_conf(conf, rules, limit=0)
    failures = dict.fromkeys(outcome.failures)
    outcome.result.findings.extend(_failure_finding(conf.path, failure) for failure in failures)
    outcome.result.crashed = outcome.result.crashed or bool(outcome.failures)
    return outcome


def _chosen_edits(conf: Conf, findings: Sequence[Finding], document: Document,
                  failures: List[str]) -> Tuple[List[Edit], int]:
    """The edits of every finding whose repair fits with those before it, and how many findings they fix.

    A finding's edits are taken all together or not at all; one left out is
    tried again on the next pass, against the bytes as they are then.
    """
    chosen = ChosenEdits()
    fixed = 0
    order = list(FIXERS)
    fixable = [finding for finding in findings if finding.rule in FIXERS and not finding.suppressed]
    for finding in sorted(fixable, key=lambda finding: order.index(finding.rule)):
        edits = _proposed(conf, finding, document, failures)
        if edits and all(chosen.fits(edit) for edit in edits):
            for edit in edits:
                chosen.add(edit)
            fixed += 1
    return chosen.edits, fixed


def _proposed(conf: Conf, finding: Finding, document: Document, failures: List[str]) -> Optional[List[Edit]]:
    try:
        return FIXERS[finding.rule](conf, finding, document)
    except Exception as error:  # a failing fixer leaves its finding unfixed, never a traceback
        failures.append(f"the fix for rule {finding.rule} failed with {type(error).__name__}")
        return None


def _failure_finding(path: str, failure: str) -> Finding:
    rule = m001_internal_error
    return Finding(rule.ID, rule.NAME, rule.SEVERITY, failure, path, 1, 1,
                   explanation="That repair was not made; the other repairs and every check were.",
                   fix="Please report this to the congregate-lint maintainers.")
