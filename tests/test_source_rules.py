"""The GitHub, Bitbucket and Azure DevOps source rules beyond their fixtures: dates, and what they do not report."""

from datetime import date
from pathlib import Path

from congregate_lint.rules import b005_bitbucket_cloud_app_password as b005
from tests.fixture_values import VALUES
from tests.helpers import lint_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLOUD = """[SOURCE]
src_type = bitbucket cloud
src_hostname = https://api.bitbucket.org
src_parent_workspace = acme-dev
src_username = jane-doe
src_access_token = {token}
"""


def _b005(monkeypatch, today):
    monkeypatch.setattr(b005, "today", lambda: today)
    return [f for f in lint_text(CLOUD.format(token=VALUES["BITBUCKET_APP_PASSWORD_OBF"])) if f.rule == "B005"]


def test_app_password_before_the_end_date_is_a_warning_with_the_days_left(monkeypatch):
    [finding] = _b005(monkeypatch, date(2026, 6, 1))
    assert finding.severity.value == "warning" and "in 8 days" in finding.headline
    assert (finding.key, finding.line) == ("src_access_token", 6)


def test_app_password_from_the_end_date_on_is_an_error(monkeypatch):
    for today in (date(2026, 6, 9), date(2027, 1, 1)):
        [finding] = _b005(monkeypatch, today)
        assert finding.severity.value == "error" and "stopped working on 2026-06-09" in finding.headline


def test_api_token_is_a_warning_about_the_import_fields_whatever_the_date(monkeypatch):
    monkeypatch.setattr(b005, "today", lambda: date(2025, 1, 1))
    text = CLOUD.format(token=VALUES["ATLASSIAN_API_TOKEN_OBF"]).replace("jane-doe", "jane@example.com")
    [finding] = [f for f in lint_text(text) if f.rule == "B005"]
    assert finding.severity.value == "warning" and "bitbucket_api_token" in finding.message


def test_valid_source_examples_lint_clean():
    """Each source type's example has no finding but those its comments silence with a reason."""
    examples = sorted(EXAMPLES.glob("congregate-*.conf"))
    assert len(examples) == 5
    for path in examples:
        findings = lint_text(path.read_text(encoding="utf-8"), path=str(path))
        assert [(f.rule, f.line) for f in findings if f.suppressed is None] == [], path.name


def test_fix_stores_the_base64_of_colon_pat_for_azure_devops():
    from congregate_lint.fixing.passes import fix_source
    from congregate_lint.registry import select_rules
    from congregate_lint.source import Source
    head = "[SOURCE]\nsrc_type = azure devops\nsrc_hostname = https://dev.azure.com/acme\nsrc_access_token = "
    for written in (VALUES["ADO_TOKEN_RAW"], VALUES["ADO_TOKEN_NO_COLON"]):
        outcome = fix_source(Source("congregate.conf", (head + written + "\n").encode()), select_rules(["A002"], []))
        assert outcome.fixed.decode() == head + VALUES["ADO_TOKEN"] + "\n"
    for untouched in (VALUES["ADO_TOKEN_TWICE"], VALUES["ADO_TOKEN_NEWLINE"], "not base64!"):
        outcome = fix_source(Source("congregate.conf", (head + untouched + "\n").encode()), select_rules(["A002"], []))
        assert outcome.fixed.decode() == head + untouched + "\n"
