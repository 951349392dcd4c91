"""Findings agree with what Congregate's own reading of the file runs into (issue 10's classes, and a property).

The table: each file in tests/fixtures/semantics states what Congregate gets for a
key, checked here with a plain ``ConfigParser()`` and Congregate's ``has_option and
get`` and base64 decoding, and which errors must be reported where.

The property: a valid CodeCommit conf is mutated (a key renamed, indented, moved,
emptied or given a value; a section header renamed or indented). Whenever the
mutation leaves a key Congregate reads unreadable per the semantics reference
(unset, failing interpolation, not decodable or decoding to nothing, not a number,
an unknown ``src_type``), an error must land on the line the mutation touched.
"""

import codecs
import configparser
import re
from pathlib import Path
from typing import List, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congregate_lint.engine import lint_source
from congregate_lint.findings import Severity
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.registry import select_rules
from congregate_lint.releases import UNKNOWN, Release, parse_version
from congregate_lint.source import Source
from tests import credentials as c
from tests.helpers import FIXTURES, congregate_reads, prop, render_fixture

CASES = sorted((FIXTURES / "semantics").glob("*.conf"))
CONGREGATE = re.compile(r"^# congregate: (\w+)\.(\S+) (unset|decodes to nothing|does not decode|"
                        r"decodes the same without its NULs|reads '(.*)')$", re.MULTILINE)
EXPECT = re.compile(r"^# expect: (\w+) (error|warning|info) (\S+) (\d+)$", re.MULTILINE)
RELEASE = re.compile(r"^# release: (\S+)$", re.MULTILINE)
OFFLINE_RULES = [rule for rule in select_rules([], []) if not getattr(rule, "LIVE", False)]


def unescaped(text: str) -> str:
    return codecs.decode(text, "unicode_escape")


def findings(data: bytes, release: Release = UNKNOWN):
    return lint_source(Source("congregate.conf", data), OFFLINE_RULES, release=release).findings


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_each_class_is_read_as_congregate_reads_it_and_reported_where_it_is_written(path: Path):
    data = render_fixture(path)
    text = data.decode("utf-8")
    parser = congregate_reads(text)
    for section, key, outcome, read in CONGREGATE.findall(text):
        value = prop(parser, section, unescaped(key))
        if outcome == "unset":
            assert value is None, (section, key)
        elif outcome.startswith("reads"):
            assert value == unescaped(read)
        elif outcome == "does not decode":
            assert not deobfuscate(value).ok
        elif outcome == "decodes to nothing":
            assert deobfuscate(value).text == ""
        else:
            assert "\0" in value and deobfuscate(value) == deobfuscate(value.replace("\0", ""))
    release = RELEASE.search(text)
    release = Release(parse_version(release.group(1)), "fixture") if release else UNKNOWN
    expected = {(rule, severity, unescaped(where), int(line)) for rule, severity, where, line in EXPECT.findall(text)}
    found = {(f.rule, f.severity.value, f.location or "-", f.line) for f in findings(data, release)}
    assert expected <= found
    assert {place for place in found if place[1] == "error"} <= expected


# --- the property ------------------------------------------------------------------------------------------------

SOURCE_TYPES = {"gitlab", "bitbucket server", "bitbucket cloud", "github", "azure devops", "codecommit"}
# The keys of the base conf Congregate reads, how, and whether unset is a failure (the destination's own keys are
# issue 11's D rules: here only a value Congregate cannot read counts for them).
READ = {
    ("DESTINATION", "dstn_hostname"): ("text", False),
    ("DESTINATION", "dstn_access_token"): ("obfuscated", False),
    ("DESTINATION", "import_user_id"): ("integer", True),
    ("SOURCE", "src_type"): ("source type", True),
    ("SOURCE", "src_aws_region"): ("text", True),
    ("SOURCE", "src_aws_access_key_id"): ("text", True),
    ("SOURCE", "src_aws_secret_access_key"): ("obfuscated", True),
    ("SOURCE", "src_aws_codecommit_username"): ("text", True),
    ("SOURCE", "src_aws_codecommit_password"): ("obfuscated", True),
    ("EXPORT", "filesystem_path"): ("text", True),
}


def base_lines() -> List[str]:
    values = {
        "dstn_hostname": "https://gitlab.example.com", "dstn_access_token": c.obfuscated("glpat-" + "x" * 20),
        "import_user_id": "2", "src_type": "CodeCommit", "src_aws_region": "eu-west-1",
        "src_aws_access_key_id": c.key_id(), "src_aws_secret_access_key": c.obfuscated(c.secret_key()),
        "src_aws_codecommit_username": f"migrator-at-{c.ACCOUNT}",
        "src_aws_codecommit_password": c.obfuscated(c.git_password()), "filesystem_path": "/opt/congregate",
    }
    lines: List[str] = []
    for section in ("DESTINATION", "SOURCE", "EXPORT"):
        lines += ([""] if lines else []) + [f"[{section}]"]
        lines += [f"{key} = {values[key]}" for owner, key in READ if owner == section]
    return lines


BASE = base_lines()


def unreadable(text: str) -> List[tuple]:
    """The keys of READ that Congregate cannot use after a mutation."""
    try:
        parser = congregate_reads(text)
    except configparser.Error:
        return list(READ)
    lost = []
    for (section, key), (kind, required) in READ.items():
        try:
            value = prop(parser, section, key)
        except configparser.Error:  # interpolation
            lost.append((section, key))
            continue
        if value is None:  # unset, or written empty
            if required:
                lost.append((section, key))
            continue
        if (kind == "obfuscated" and not deobfuscate(value).text) or (kind == "integer" and not _int(value)) \
                or (kind == "source type" and value.lower() not in SOURCE_TYPES):
            lost.append((section, key))
    return lost


def _int(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return False
    return True


class Mutation(NamedTuple):
    lines: List[str]
    touched: int  # 1-based line of the text the mutation changed


KEY_LINES = [number for number, line in enumerate(BASE) if "=" in line]
HEADER_LINES = [number for number, line in enumerate(BASE) if line.startswith("[")]
NAME_CHANGES = [lambda k: k + "\u200b", lambda k: k[:-1], lambda k: k.replace("_", "-", 1), lambda k: k.upper(),
                lambda k: k + "s", lambda k: "#" + k]
VALUES = st.one_of(st.sampled_from(["", '""', "====", "%", "100%", "x", "AWS CodeCommit", "0x2", "  ", "%(nope)s"]),
                   st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12))
HEADER_CHANGES = [str.lower, lambda h: h + "]", lambda h: "  " + h, lambda h: "[EXT_SRC]", lambda h: h.replace("_", "")]


@st.composite
def mutations(draw) -> Mutation:
    lines = list(BASE)
    kind = draw(st.sampled_from(["rename", "indent", "move", "value", "header"]))
    if kind == "header":
        number = draw(st.sampled_from(HEADER_LINES))
        lines[number] = draw(st.sampled_from(HEADER_CHANGES))(lines[number])
        return Mutation(lines, number + 1)
    number = draw(st.sampled_from(KEY_LINES))
    key, _, value = lines[number].partition(" = ")
    if kind == "rename":
        lines[number] = f"{draw(st.sampled_from(NAME_CHANGES))(key)} = {value}"
    elif kind == "indent":
        lines[number] = " " * draw(st.integers(1, 4)) + lines[number]
    elif kind == "value":
        lines[number] = f"{key} = {draw(VALUES)}".rstrip()
    else:
        line = lines.pop(number)
        target = draw(st.sampled_from([h for h in HEADER_LINES if h < len(lines) and h != number] + [None]))
        if target is None:
            lines += ["[NOTES]", line]
            return Mutation(lines, len(lines))
        target = target if target < number else target - 1
        lines.insert(target + 1, line)
        return Mutation(lines, target + 2)
    return Mutation(lines, number + 1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_a_mutation_that_makes_a_key_unreadable_gives_an_error_on_the_line_it_touched(mutation: Mutation):
    text = "\n".join(mutation.lines) + "\n"
    if not unreadable(text):
        return
    errors = [f for f in findings(text.encode("utf-8")) if f.severity == Severity.ERROR]
    assert mutation.touched in {f.line for f in errors}, (text, [(f.rule, f.line, f.headline) for f in errors])


def test_the_unmutated_conf_is_readable_and_has_no_error():
    text = "\n".join(BASE) + "\n"
    assert unreadable(text) == []
    assert [f.rule for f in findings(text.encode("utf-8")) if f.severity == Severity.ERROR] == []
