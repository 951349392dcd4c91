"""Choosing rules by ID, ID prefix or name, before any of them runs."""

from types import ModuleType
from typing import Iterable, List, Sequence

from congregate_lint.rules import RULES


class SelectionError(Exception):
    """A selector that names no rule."""


def rule_matches(rule: ModuleType, selector: str) -> bool:
    """True when the selector is the rule's ID, a prefix of it, its name, or ``ALL``."""
    selector = selector.strip()
    return selector.upper() == "ALL" or rule.ID.startswith(selector.upper()) or rule.NAME == selector.lower()


def split_selectors(values: Iterable[str]) -> List[str]:
    """Selectors from repeated options and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def select_rules(select: Sequence[str], ignore: Sequence[str], rules: Sequence[ModuleType] = RULES) -> List[ModuleType]:
    """The rules to run: those selected (all when none are), less those ignored."""
    for selector in [*select, *ignore]:
        if not any(rule_matches(rule, selector) for rule in rules):
            raise SelectionError(f"no rule matches {selector!r}; `congregate-lint rules` lists them")
    chosen = [rule for rule in rules if not select or any(rule_matches(rule, s) for s in select)]
    return [rule for rule in chosen if not any(rule_matches(rule, s) for s in ignore)]


def find_rule(selector: str, rules: Sequence[ModuleType] = RULES) -> ModuleType:
    """One rule by exact ID or name."""
    for rule in rules:
        if selector.upper() == rule.ID or selector.lower() == rule.NAME:
            return rule
    raise SelectionError(f"no rule is called {selector!r}; `congregate-lint rules` lists them")


def documentation(rule: ModuleType) -> str:
    """A rule's documentation page, from its docstring."""
    body = (rule.__doc__ or "").strip()
    return f"# {rule.ID} {rule.NAME}\n\n{rule.SUMMARY}\n\nDefault severity: {rule.SEVERITY.value}\n\n{body}\n"
