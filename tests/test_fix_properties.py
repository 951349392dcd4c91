"""Property test of ``--fix`` over generated confs: configparser reads exactly the intended values afterwards.

Each generated option records what its author meant: a plain value, a literal
text with bare ``%`` signs, a value followed by an inline comment, or a raw
CodeCommit secret. After fixing, the real ``ConfigParser()`` must return the
literal texts, the values without their comments, and base64 that decodes to
the raw secrets given; nothing else in the file may change.
"""

import base64
import configparser
import re
from dataclasses import dataclass
from typing import List

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from congregate_lint.fixing.diff import masked_diff
from congregate_lint.fixing.passes import fix_source
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.registry import select_rules
from congregate_lint.source import Source
from tests import credentials as c

RULES = [rule for rule in select_rules([], []) if not getattr(rule, "LIVE", False)]
SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@"
plain_text = st.text(SAFE, min_size=1, max_size=20)
comment_text = st.text(SAFE + " %#;", max_size=15).map(str.strip)


# [APP] keys Congregate reads as plain text (so interpolates): a bare '%' in them is what P009 repairs.
APP_TEXT_KEYS = ("flower_url", "grafana_url", "wave_spreadsheet_path", "remapping_file_path", "mongo_host", "redis_host")


@dataclass(frozen=True)
class Written:
    """An option as generated: the name as written, the value as written, and what Congregate should get."""

    section: str
    name: str
    written: str
    intended: str
    secret: bool = False


def cased(name: str, draw) -> str:
    """The key name in some mix of cases (configparser lower-cases it)."""
    flips = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    return "".join(ch.upper() if flip else ch for ch, flip in zip(name, flips))


@st.composite
def percent_literal(draw) -> str:
    """A literal text with at least one '%' that configparser cannot read as written (no '%%', no '%(')."""
    pieces = st.sampled_from(["%", "%", "2F", "7E", "(", ")s", "a", "Z9", "/", ":"]) | plain_text
    text = "".join(draw(st.lists(pieces, min_size=1, max_size=8)))
    assume("%" in text and "%%" not in text and "%(" not in text)
    return text


@st.composite
def raw_secret(draw, size: int) -> str:
    """A raw secret as AWS prints it (base64 text of ``size`` random bytes); Congregate cannot decode it as it is."""
    text = base64.b64encode(draw(st.binary(min_size=size, max_size=size))).decode("ascii")
    assume(not deobfuscate(text).ok)
    return text


@st.composite
def with_comment(draw, value: str) -> str:
    space = draw(st.sampled_from([" ", "  ", "\t", " \t "]))
    return f"{value}{space}{draw(st.sampled_from('#;'))} {draw(comment_text)}"


@st.composite
def app_option(draw, index: int) -> Written:
    kind = draw(st.sampled_from(["plain", "percent", "comment", "percent-comment"]))
    name = cased(APP_TEXT_KEYS[index], draw)
    if kind == "plain":
        value = draw(plain_text)
        return Written("APP", name, value, value)
    if kind == "percent":
        literal = draw(percent_literal())
        return Written("APP", name, literal, literal)
    value = draw(percent_literal() if kind == "percent-comment" else plain_text)
    return Written("APP", name, draw(with_comment(value)), value)


@st.composite
def source_options(draw) -> List[Written]:
    secret = draw(raw_secret(30))  # 40 characters
    password = draw(raw_secret(32))  # 44 characters ending in '='
    token = draw(raw_secret(240))  # 320 characters
    found = []
    for key, raw in (("src_aws_secret_access_key", secret), ("src_aws_codecommit_password", password),
                     ("src_aws_session_token", token)):
        written = draw(with_comment(raw)) if draw(st.booleans()) else raw
        found.append(Written("SOURCE", cased(key, draw), written, raw, secret=True))
    return found


@st.composite
def confs(draw):
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    fixed_keys = [
        Written("SOURCE", cased("src_type", draw), "CodeCommit", "CodeCommit"),
        Written("SOURCE", "src_aws_region", "us-east-1", "us-east-1"),
        Written("SOURCE", "src_aws_access_key_id", c.key_id(prefix="ASIA"), c.key_id(prefix="ASIA")),
    ]
    options = fixed_keys + draw(source_options())
    options += [draw(app_option(index)) for index in range(draw(st.integers(0, 5)))]
    lines: List[str] = []
    for section in ("SOURCE", "APP"):
        lines.append(f"[{section}]")
        for option in (o for o in options if o.section == section):
            if draw(st.booleans()):
                lines.append(draw(st.sampled_from(["", "# a note", "; another", "  # indented note"])))
            lines.append(f"{indent}{option.name} = {option.written}")
    text = ending.join(lines) + (ending if draw(st.booleans()) else "")
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8"), options, ending


def congregate_reads(data: bytes) -> configparser.ConfigParser:
    """Congregate's own reading: text mode with universal newlines, then a plain ConfigParser()."""
    parser = configparser.ConfigParser()
    parser.read_string(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    return parser


def fix(data: bytes):
    return fix_source(Source("congregate.conf", data), RULES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(confs())
def test_after_fixing_configparser_reads_the_intended_values(generated):
    data, options, ending = generated
    outcome = fix(data)
    parser = congregate_reads(outcome.fixed)
    for option in options:
        got = parser.get(option.section, option.name)
        if option.secret:
            assert deobfuscate(got).text == option.intended, option.name
        else:
            assert got == option.intended, option.name
    assert not {"P006", "P009", "P010"} & {finding.rule for finding in outcome.result.findings}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(confs())
def test_fixing_keeps_every_other_byte_and_a_second_fix_changes_nothing(generated):
    data, options, ending = generated
    outcome = fix(data)
    after = outcome.fixed
    assert set(re.findall(rb"\r\n|\r|\n", after)) <= {ending.encode()}
    assert after.endswith(ending.encode()) == data.endswith(ending.encode())
    assert _in_order(_full_line_comments(data), _full_line_comments(after))
    for option in options:  # key names keep their case
        assert option.name.encode() in after
    again = fix(after)
    assert again.fixed == after and again.fixes == 0


def _full_line_comments(data: bytes) -> List[bytes]:
    return [line for line in re.split(rb"\r\n|\r|\n", data) if line.strip()[:1] in (b"#", b";")]


def _in_order(wanted: List[bytes], lines: List[bytes]) -> bool:
    """True when ``wanted`` appears in ``lines`` in the same order, other lines possibly in between."""
    remaining = iter(lines)
    return all(any(line == item for item in remaining) for line in wanted)


ini_like = st.lists(
    st.sampled_from(["[SOURCE]", "[APP]", "[DEFAULT]", "key = value", "x = 5% # c", " cont ; x", "src_type = CodeCommit",
                     "  indented = 1 ;c", "src_aws_secret_access_key = " + "A" * 39 + "/", "# note", "", "%", "\ufeff",
                     "keep_blocked_users = no", "k\u00e9y = v\u00e4l  # \u00fc", "a = %(b)s %", "\t", "=", "[x",
                     "n = a\u2028b \x85# c", "\x0cff = 1 # c"]),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(ini_like, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_fixing_any_ini_like_text_never_fails_and_never_breaks_the_parse(lines, ending, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + ending.join(lines).encode("utf-8")
    outcome = fix(data)
    assert not outcome.failures
    assert outcome.blocked is not None or fix(outcome.fixed).fixed == outcome.fixed


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_fixing_any_bytes_never_fails(data):
    assert not fix(data).failures


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(confs())
def test_the_diff_masked_by_the_lints_own_redactors_is_the_diff_masked_from_the_texts(generated):
    """--diff reuses the Redactors its lint built for the original and the fixed text: same bytes as fresh ones."""
    data, _, _ = generated
    outcome = fix(data)
    reused = masked_diff("congregate.conf", outcome.original, outcome.fixed, outcome.original_redactor,
                         outcome.result.redactor)
    assert reused == masked_diff("congregate.conf", outcome.original, outcome.fixed)
