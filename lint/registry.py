"""Choosing rules by ID, ID prefix or name, before any of them runs.

Choosing works on :data:`RULE_REFS`, read from the registry's module names, so a
run imports only the rule modules it runs. A rule's name is in its module only:
a selector that could be an ID prefix (``C``, ``p00``, ``S001``) is matched by ID
alone, and only a selector that could be a name imports the rules to read theirs.
"""

import re
from functools import lru_cache
from types import ModuleType
from typing import Iterable, List, Optional, Sequence, Tuple

from congregate_lint.rules import RULE_MODULES, is_live_id, load_rule, rule_id

# What an ID or an ID prefix looks like; no rule name looks like this (tests/test_registry.py).
ID_PREFIX = re.compile(r"[A-Za-z]\d{0,3}")


class SelectionError(Exception):
    """A selector that names no rule."""


class RuleRef:
    """A registered rule as choosing sees it: ID and liveness from the module name; the name on demand."""

    __slots__ = ("module_name", "ID", "LIVE")

    def __init__(self, module_name: str):
        self.module_name = module_name
        self.ID = rule_id(module_name)
        self.LIVE = is_live_id(self.ID)

    @property
    def NAME(self) -> str:  # noqa: N802 - the attribute every rule module has
        return self.load().NAME

    def load(self) -> ModuleType:
        return load_rule(self.module_name)

    def __repr__(self) -> str:
        return f"RuleRef({self.module_name!r})"


RULE_REFS = tuple(RuleRef(name) for name in RULE_MODULES)


def rule_matches(rule, selector: str) -> bool:
    """True when the selector is the rule's ID, a prefix of it, its name, or ``ALL``."""
    selector = selector.strip()
    if selector.upper() == "ALL" or rule.ID.startswith(selector.upper()):
        return True
    return not ID_PREFIX.fullmatch(selector) and rule.NAME == selector.lower()


def split_selectors(values: Iterable[str]) -> List[str]:
    """Selectors from repeated options and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_selectors(selectors: Sequence[str], rules: Sequence = RULE_REFS) -> None:
    """Raise SelectionError for the first selector that matches no rule."""
    for selector in selectors:
        if not any(rule_matches(rule, selector) for rule in rules):
            raise SelectionError(f"no rule matches {selector!r}; `congregate-lint rules` lists them")


def select_rules(select: Sequence[str], ignore: Sequence[str], rules: Optional[Sequence[ModuleType]] = None,
                 live: bool = True) -> List[ModuleType]:
    """The rules to run: those selected (all when none are), less those ignored, in registry order.

    Without ``rules``, from the registry, importing only the modules chosen; ``live=False`` leaves the live rules
    out before that.
    """
    if rules is None:
        return list(_registered(tuple(select), tuple(ignore), live))
    return _chosen(select, ignore, rules, live)


@lru_cache(maxsize=None)
def _registered(select: Tuple[str, ...], ignore: Tuple[str, ...], live: bool) -> Tuple[ModuleType, ...]:
    """The registry's choice, made once per run for each set of selectors (a batch asks for every file)."""
    return tuple(rule.load() for rule in _chosen(select, ignore, RULE_REFS, live))


def _chosen(select: Sequence[str], ignore: Sequence[str], rules: Sequence, live: bool) -> List:
    check_selectors([*select, *ignore], rules)
    chosen = [rule for rule in rules if not select or any(rule_matches(rule, s) for s in select)]
    chosen = [rule for rule in chosen if not any(rule_matches(rule, s) for s in ignore)]
    return chosen if live else [rule for rule in chosen if not getattr(rule, "LIVE", False)]


def find_rule(selector: str, rules: Optional[Sequence[ModuleType]] = None) -> ModuleType:
    """One rule by exact ID or name."""
    for rule in RULE_REFS if rules is None else rules:
        if selector.upper() == rule.ID or (not ID_PREFIX.fullmatch(selector) and selector.lower() == rule.NAME):
            return rule.load() if rules is None else rule
    raise SelectionError(f"no rule is called {selector!r}; `congregate-lint rules` lists them")


def in_registry_order(rules: Iterable[ModuleType]) -> List[ModuleType]:
    """Rule modules sorted as the registry lists them."""
    position = {name: index for index, name in enumerate(RULE_MODULES)}
    return sorted(rules, key=lambda rule: position[rule.__name__.rpartition(".")[2]])


def documentation(rule: ModuleType) -> str:
    """A rule's documentation page, from its docstring."""
    body = (rule.__doc__ or "").strip()
    return f"# {rule.ID} {rule.NAME}\n\n{rule.SUMMARY}\n\nDefault severity: {rule.SEVERITY.value}\n\n{body}\n"
