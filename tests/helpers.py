"""Running the real engine over text in tests."""

import configparser
import string
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

from click.testing import CliRunner

from congregate_lint.engine import lint_source
from congregate_lint.findings import Finding
from congregate_lint.registry import select_rules
from congregate_lint.source import Source
from tests.fixture_values import VALUES

FIXTURES = Path(__file__).parent / "fixtures"
# The project's shared material (seed, reference, corpus), beside the checkout; read at test time, never copied.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def render_fixture(path: Path) -> bytes:
    """A fixture's bytes with ``${NAME}`` values filled in (a fixture that is not UTF-8 is used as it is)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return string.Template(text).substitute(VALUES).encode("utf-8")


def lint_bytes(data: bytes, select: Sequence[str] = (), path: str = "congregate.conf", live: Optional[object] = None) -> List[Finding]:
    return lint_source(Source(path, data), select_rules(list(select), []), live).findings


def lint_text(text: str, select: Sequence[str] = (), path: str = "congregate.conf") -> List[Finding]:
    return lint_bytes(text.encode("utf-8"), select, path)


# The longest headline a finding may have: the first line of the text report must stay short.
MAX_HEADLINE = 100


def split_problems(findings: Sequence[Finding]) -> List[str]:
    """What breaks the split of each finding: a headline too long or on several lines, an empty fix."""
    problems = []
    for finding in findings:
        where = f"{finding.rule} at line {finding.line}: {finding.headline!r}"
        if not finding.headline.strip() or "\n" in finding.headline:
            problems.append(f"{where}: the headline must be one non-empty line")
        if len(finding.headline) > MAX_HEADLINE:
            problems.append(f"{where}: the headline has {len(finding.headline)} characters (at most {MAX_HEADLINE})")
        if not finding.fix.strip():
            problems.append(f"{where}: no fix")
    return problems


def places(findings: List[Finding]) -> List[tuple]:
    """(rule, section.key, line) of each finding: what fixtures and tests assert."""
    return [(f.rule, f.location or "-", f.line) for f in findings]


def cli_runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout: click < 8.2 (on Python 3.9) must be asked to."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps them apart
        return CliRunner()


def congregate_reads(text: str) -> configparser.ConfigParser:
    """Congregate's parser after ``config.read(path)`` of a file holding ``text``."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "congregate.conf"
        path.write_text(text, encoding="utf-8")
        parser = configparser.ConfigParser()
        parser.read(path)
    return parser


def prop(parser: configparser.ConfigParser, section: str, key: str) -> Optional[str]:
    """``BaseConfig.prop``: the interpolated value when ``has_option`` and it is not empty, else None."""
    if parser.has_option(section, key) and parser.get(section, key):
        return parser.get(section, key)
    return None


def rule_places(text: str, rule: str) -> List[tuple]:
    """(rule, section.key, line) of one rule's findings in the text."""
    return [place for place in places(lint_text(text)) if place[0] == rule]
