"""``# congregate-lint: disable`` comments silence findings, with a reason, as the rules yield them.

Congregate skips full-line comments, so these directives change nothing in the
migration. Silenced findings stay in the result with ``suppressed`` set to the
reason; unused or unreadable directives become M002 findings (when M002 runs).
The forms and their scope are documented in ``rules/m002_unused_suppression.py``.
"""

import re
from functools import lru_cache
from types import ModuleType
from typing import Dict, List, Optional, Sequence, Set, Tuple

from congregate_lint.findings import Finding, capitalized
from congregate_lint.model import Conf
from congregate_lint.redaction import Redactor
from congregate_lint.registry import SelectionError, find_rule
from congregate_lint.rules import m002_unused_suppression

NO_REASON = "no reason given"
_DIRECTIVE = re.compile(r"^\s*[#;]\s*congregate-lint\s*:(?P<body>.*)$", re.IGNORECASE)
# Every directive line holds this, matched the same way: a file without it has no directive to look for.
_MENTION = re.compile(r"congregate-lint", re.IGNORECASE)
_BODY = re.compile(r"^\s*(?P<scope>disable|disable-file)\s*=(?P<rules>.*?)(?:\s--(?P<reason>.*))?$")
_SELECTOR = re.compile(r"^[A-Za-z][\w-]*$")


class Directive:
    """One readable ``# congregate-lint: disable`` comment: ``rules`` maps each selector as written to its rule ID
    (None when it names no rule); ``target`` is the line a key-level directive applies to; ``used`` holds the
    selectors that silenced at least one finding."""

    __slots__ = ("line", "whole_file", "rules", "reason", "target", "used")

    def __init__(self, line: int, whole_file: bool, rules: Dict[str, Optional[str]], reason: str):
        self.line = line
        self.whole_file = whole_file
        self.rules = rules
        self.reason = reason
        self.target = 0
        self.used: Set[str] = set()


class Silencer:
    """A file's readable directives: which findings they silence (asked for each finding as a rule yields it),
    and, once every rule has run, the M002 findings about the directives themselves."""

    def __init__(self, conf: Conf, redactor: Redactor):
        self.conf = conf
        self.redactor = redactor
        self.directives, self.unreadable = _parse(conf.lines) if _MENTION.search(conf.text) else ([], [])
        self.owners = _key_owners(conf) if self.directives else {}
        self.index = _Index(self.directives, self.owners)
        self._reasons: Dict[int, str] = {}  # directive line → its reason as outputs show it

    def names(self, rule: str) -> bool:
        """Whether some directive names the rule: only then can a finding of it be silenced."""
        return rule in self.index.rules

    def reason(self, rule: str, line: int, section: Optional[str], key: Optional[str]) -> Optional[str]:
        """The reason of the first directive (key-level before file-level) that covers a finding of ``rule`` at
        that place, marking every covering one used; None when none covers it."""
        return self._reason_in(self.index, rule, line, section, key)

    def meta_findings(self, rules: Sequence[ModuleType]) -> List[Finding]:
        """M002's findings (when M002 is among ``rules``, the rules that ran): unreadable directives and unused
        selectors, each silenced by a file-level directive that names M002."""
        if m002_unused_suppression not in rules:
            return []
        ran = {rule.ID for rule in rules}
        meta = [_unreadable(self.conf, line) for line in self.unreadable]
        meta.extend(problem for directive in self.directives
                    for problem in _unused(self.conf, directive, ran, self.owners))
        file_level = _Index([directive for directive in self.directives if directive.whole_file], self.owners)
        scrub = self.redactor.scrub
        return [finding._replace(headline=scrub(finding.headline), explanation=scrub(finding.explanation),
                                 fix=scrub(finding.fix),
                                 suppressed=self._reason_in(file_level, finding.rule, finding.line, None, None))
                for finding in meta]

    def _reason_in(self, index: "_Index", rule: str, line: int, section: Optional[str],
                   key: Optional[str]) -> Optional[str]:
        first = None
        for directive in index.covering(rule, line, section, key):
            directive.used.update(selector for selector, named in directive.rules.items() if named == rule)
            first = first or directive
        if first is None:
            return None
        if first.line not in self._reasons:
            self._reasons[first.line] = self.redactor.reason(first.reason)
        return self._reasons[first.line]


def _parse(lines: List[str]) -> Tuple[List[Directive], List[int]]:
    """The readable directives and the line numbers of unreadable ``# congregate-lint:`` comments."""
    directives: List[Directive] = []
    unreadable: List[int] = []
    for number, text in enumerate(lines, start=1):
        match = _DIRECTIVE.match(text)
        if not match:
            continue
        body = _BODY.match(match.group("body"))
        selectors = [part.strip() for part in body.group("rules").split(",")] if body else []
        if not body or not selectors or not all(_SELECTOR.match(selector) for selector in selectors):
            unreadable.append(number)
            continue
        reason = (body.group("reason") or "").strip() or NO_REASON
        rules = {selector: _rule_id(selector) for selector in selectors}
        directives.append(Directive(number, body.group("scope") == "disable-file", rules, reason))
    below = _line_below_stack({directive.line for directive in directives} | set(unreadable))
    for directive in directives:
        directive.target = below[directive.line]
    return directives, unreadable


def _line_below_stack(directive_lines: Set[int]) -> Dict[int, int]:
    """For each directive comment, the first line below its stack of directive comments (worked out bottom-up,
    so a stack of thousands costs one pass)."""
    below: Dict[int, int] = {}
    for line in sorted(directive_lines, reverse=True):
        below[line] = below.get(line + 1, line + 1)
    return below


def _key_owners(conf: Conf) -> Dict[int, Tuple[str, str]]:
    """Line of each key as written → (section, key), including every line of a key written twice."""
    owners = {option.line: (option.section, option.key) for option in conf.all_options()}
    for event in conf.events:
        if event.kind == "duplicate-option" and event.section is not None and event.key is not None:
            for line in (event.line, event.first_line):
                if line is not None:
                    owners[line] = (event.section, event.key.lower())
    return owners


@lru_cache(maxsize=256)  # a file repeats its selectors
def _rule_id(selector: str) -> Optional[str]:
    try:
        return find_rule(selector).ID
    except SelectionError:
        return None


class _Index:
    """The directives by rule and by what they cover (a line, a key, the file): finding the ones that cover a
    finding is a few look-ups, however many directives the file has."""

    def __init__(self, directives: Sequence[Directive], owners: Dict[int, Tuple[str, str]]):
        self.by_place: Dict[tuple, List[Directive]] = {}
        self.rules: Set[str] = set()  # the rules some directive names
        for directive in directives:
            for rule in set(directive.rules.values()) - {None}:
                self.rules.add(rule)
                places = [("file",)] if directive.whole_file else [("line", directive.target)]
                if not directive.whole_file and directive.target in owners:
                    places.append(("key", owners[directive.target]))
                for place in places:
                    self.by_place.setdefault((rule, place), []).append(directive)

    def covering(self, rule: str, line: int, section: Optional[str], key: Optional[str]) -> List[Directive]:
        """The directives naming the rule whose scope includes a finding of it at that place: key-level first, in
        file order."""
        if rule not in self.rules:
            return []
        places = [("line", line), ("file",)]
        if key is not None and section is not None:
            places.append(("key", (section, key.lower())))
        found = {id(d): d for place in places for d in self.by_place.get((rule, place), ())}
        return sorted(found.values(), key=lambda directive: (directive.whole_file, directive.line))


def _unused(conf: Conf, directive: Directive, ran: Set[str], owners: Dict[int, Tuple[str, str]]) -> List[Finding]:
    problems = []
    scope = _scope(directive, owners)
    for selector, rule in directive.rules.items():
        if rule is None:
            problems.append((f"'{selector}' names no rule", "This comment silences nothing for it.",
                             "Write a rule's ID or name: `congregate-lint rules` lists them."))
        elif rule in ran and selector not in directive.used and rule != m002_unused_suppression.ID:
            problems.append((f"this comment disables {rule}, but {rule} finds nothing to silence here",
                             f"{capitalized(scope)} has no {rule} finding.",
                             f"Remove {selector} from the comment."))
    return [_meta_finding(conf, directive.line, *problem) for problem in problems]


def _scope(directive: Directive, owners: Dict[int, Tuple[str, str]]) -> str:
    if directive.whole_file:
        return "this file"
    owner = owners.get(directive.target)
    if owner is None:
        return (f"line {directive.target}, directly below, is not a key (a comment applies only to the key on the "
                "very next line) and")
    return f"'{owner[1]}' on line {directive.target}"


def _unreadable(conf: Conf, line: int) -> Finding:
    return _meta_finding(conf, line, "this '# congregate-lint:' comment is not understood",
                         "It silences nothing.",
                         "Write '# congregate-lint: disable=RULE[,RULE] -- reason' above a key, or "
                         "'disable-file=RULE' for the whole file.")


def _meta_finding(conf: Conf, line: int, headline: str, explanation: str, fix: str) -> Finding:
    rule = m002_unused_suppression
    return Finding(rule.ID, rule.NAME, rule.SEVERITY, headline, conf.path, line, 1, explanation=explanation, fix=fix)
