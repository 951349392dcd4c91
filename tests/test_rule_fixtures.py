"""Every offline rule against its bad and good fixtures: exact rule, key and line."""

import re

import pytest

from congregate_lint.rules import RULES
from tests.helpers import FIXTURES, lint_bytes, places, render_fixture

RULE_FIXTURES = FIXTURES / "rules"
EXPECT = re.compile(r"^# expect: (\w+) (\S+) (\d+)$", re.MULTILINE)
BAD = sorted(RULE_FIXTURES.glob("*.bad.conf"))
GOOD = sorted(RULE_FIXTURES.glob("*.good.conf"))
# M001 is emitted by the engine (tests/test_engine.py); P013 needs a file over 4 MiB (tests/test_bad_inputs.py).
NEEDS_NO_FIXTURE = {"M001", "P013"}


def _rule_id(path):
    return path.name.split("-", 1)[0]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_fixture_gives_exactly_the_expected_findings(path):
    data = render_fixture(path)
    expected = [(rule, where, int(line)) for rule, where, line in EXPECT.findall(data.decode("utf-8", "replace"))]
    assert expected, f"{path.name} declares no '# expect:' line"
    rule = _rule_id(path)
    found = [place for place in places(lint_bytes(data)) if place[0] == rule]
    assert sorted(found, key=lambda p: p[2]) == sorted(expected, key=lambda p: p[2])


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixture_has_no_finding_of_its_rule(path):
    rule = _rule_id(path)
    assert [place for place in places(lint_bytes(render_fixture(path))) if place[0] == rule] == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.ID not in NEEDS_NO_FIXTURE and not getattr(r, "LIVE", False)],
                         ids=lambda r: r.ID)
def test_every_offline_rule_has_bad_and_good_fixtures(rule):
    assert any(_rule_id(p) == rule.ID for p in BAD), f"{rule.ID} has no bad fixture"
    assert any(_rule_id(p) == rule.ID for p in GOOD), f"{rule.ID} has no good fixture"
