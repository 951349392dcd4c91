"""The rule registry: what its module names promise, and choosing rules without importing the others."""

import json
import subprocess
import sys

import pytest

from congregate_lint.registry import ID_PREFIX, RULE_REFS, SelectionError, find_rule, in_registry_order, select_rules
from congregate_lint.rules import RULE_MODULES, RULES, is_live_id, rule_id


@pytest.mark.parametrize("module_name, rule", list(zip(RULE_MODULES, RULES)), ids=lambda value: str(value)[:4])
def test_each_module_name_gives_its_rules_id_and_liveness(module_name, rule):
    assert rule.__name__.endswith("." + module_name)
    assert rule_id(module_name) == rule.ID
    assert is_live_id(rule.ID) == bool(getattr(rule, "LIVE", False)), "live rules are L… or numbered from 100"
    assert not ID_PREFIX.fullmatch(rule.NAME), "a name that looks like an ID prefix would be chosen by ID only"


def test_each_id_is_registered_once():
    ids = [rule_id(name) for name in RULE_MODULES]
    assert len(set(ids)) == len(ids)


def test_choosing_by_reference_and_by_module_agree():
    for select, ignore in [([], []), (["C"], []), (["p00", "S001"], ["P005"]), (["duplicate-option", "L"], ["L00"]),
                           (["ALL"], ["interpolation-error"])]:
        from_registry = select_rules(select, ignore)
        assert from_registry == select_rules(select, ignore, rules=RULES)
        assert [rule for rule in from_registry if not getattr(rule, "LIVE", False)] == \
            select_rules(select, ignore, live=False)


def test_a_rule_is_found_by_id_or_name_and_unknown_ones_are_errors():
    assert find_rule("p005") is find_rule("duplicate-option") is next(rule for rule in RULES if rule.ID == "P005")
    with pytest.raises(SelectionError):
        find_rule("P0")
    with pytest.raises(SelectionError):
        select_rules(["no-such-rule"], [])


def test_registry_order_of_a_set_of_rules():
    assert in_registry_order(set(RULES)) == list(RULES)
    assert [ref.ID for ref in RULE_REFS] == [rule.ID for rule in RULES]


IMPORTED_RULES = """
import json, sys
from congregate_lint.registry import select_rules
chosen = select_rules(sys.argv[1].split(","), [], live=sys.argv[2] == "live")
print(json.dumps([[rule.ID for rule in chosen], sorted(name.rpartition(".")[2][:4] for name in sys.modules
                                                       if name.startswith("congregate_lint.rules.") and "._" not in name)]))
"""


def imported_rules(select: str, live: str):
    """In a fresh process: the IDs chosen by select_rules, and the rule modules imported (as ID prefixes)."""
    result = subprocess.run([sys.executable, "-c", IMPORTED_RULES, select, live], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_an_offline_choice_imports_no_live_rule():
    ids, modules = imported_rules("ALL", "offline")
    assert ids and not any(is_live_id(identifier) for identifier in ids)
    assert sorted(modules) == sorted(identifier.lower() for identifier in ids)


def test_choosing_some_rules_imports_those_and_what_they_import_only():
    ids, modules = imported_rules("C", "offline")
    assert ids == [f"C00{number}" for number in range(1, 9)]
    assert {identifier.lower() for identifier in ids} <= set(modules)
    assert not any(module.startswith(("s", "l", "m")) for module in modules), modules


def test_a_live_rule_is_imported_when_live_rules_run():
    ids, modules = imported_rules("L001,P001", "live")
    assert ids == ["P001", "L001"] and {"l001", "p001"} <= set(modules)
    assert not any(module.startswith(("s", "c0", "l002")) for module in modules), modules
