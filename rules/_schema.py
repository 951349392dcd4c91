"""Shared helpers for the S rules: one rule's schema violations, where they go, and how values may be shown."""

from typing import Any, Iterable, Iterator, List, Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.obfuscation import describe
from congregate_lint.schema import Violation, is_secret, violations

SHOWN_LENGTH = 60


def of_rule(conf: Conf, rule: str) -> Iterator[Violation]:
    return violations(conf, rule)


def problem(violation: Violation, message: str, line: Optional[int] = None, column: Optional[int] = None) -> Problem:
    """A Problem on the violation's key, at an explicit place when one is known."""
    line = line or violation.line
    return Problem(
        message,
        section=violation.section,
        key=violation.key,
        line=line,
        column=(column or violation.column or 1) if line else None,
        severity=Severity(violation.severity) if violation.severity else None,
    )


def shown(section: str, key: str, value: Any) -> str:
    """A value fit for a message: quoted (and shortened) for ordinary keys, described for secret ones."""
    text = str(value)
    if is_secret(section, key):
        return f"a value of {describe(text)}"
    text = text.replace("\n", "\\n")
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 3] + "..."
    return f"'{text}'"


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.7) -> Optional[str]:
    """The candidate most like ``word`` (difflib), or None."""
    import difflib  # only for a finding

    candidates = list(candidates)
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def listing(names: List[str]) -> str:
    return ", ".join(names)
