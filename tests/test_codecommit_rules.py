"""The CodeCommit source rules (C001-C008) beyond their fixtures: messages, the seed, valid confs, secrecy."""

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congregate_lint.account import account_from_git_username, account_from_key_id
from congregate_lint.engine import lint_conf, load
from congregate_lint.findings import Severity
from congregate_lint.formatters import json_format
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.reporting.report import Report
from congregate_lint.rules import RULES
from congregate_lint.source import Source
from tests import credentials as c
from tests.fixture_values import VALUES
from tests.helpers import FIXTURES, SHARED, congregate_reads, places, prop, render_fixture, rule_places
from tests.helpers import lint_text as lint_all

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = SHARED / "seed"
OFFLINE_RULES = [rule for rule in RULES if not getattr(rule, "LIVE", False)]
C_RULES = [rule for rule in RULES if rule.ID.startswith("C")]
C_FIXTURES = sorted((FIXTURES / "rules").glob("C0*.conf"))


def codecommit_conf(**source) -> str:
    """A complete, valid CodeCommit conf; keyword arguments replace or add [SOURCE] keys (None drops one)."""
    keys = {
        "src_type": "CodeCommit",
        "src_aws_region": "eu-west-1",
        "src_aws_access_key_id": c.key_id(),
        "src_aws_secret_access_key": c.obfuscated(c.secret_key()),
        "src_aws_session_token": "",
        "src_aws_codecommit_username": f"migrator-at-{c.ACCOUNT}",
        "src_aws_codecommit_password": c.obfuscated(c.git_password()),
    }
    keys.update(source)
    lines = [f"{key} = {value}" for key, value in keys.items() if value is not None]
    return (
        "[DESTINATION]\n"
        "dstn_hostname = https://gitlab.example.com\n"
        f"dstn_access_token = {c.obfuscated('glpat-' + c.secret_key()[:20])}\n"
        "import_user_id = 2\n\n"
        "[SOURCE]\n" + "\n".join(lines) + "\n\n"
        "[EXPORT]\nlocation = filesystem\nfilesystem_path = /opt/congregate\n"
    )


def lint_text(text: str):
    """Every offline rule over the text (live rules need --live)."""
    return lint_conf(load(Source("congregate.conf", text.encode("utf-8"))), OFFLINE_RULES).findings


def c_findings(text: str):
    return [f for f in lint_text(text) if f.rule.startswith("C")]


def only(text: str, rule: str):
    found = [f for f in lint_text(text) if f.rule == rule]
    assert len(found) == 1, [(f.rule, f.message) for f in found]
    return found[0]


# --- complete confs -------------------------------------------------------------------------------------------

def test_a_complete_valid_codecommit_conf_has_no_error_or_warning():
    findings = lint_text(codecommit_conf())
    assert [(f.rule, f.message) for f in findings if f.severity != Severity.INFO] == []


def test_the_shipped_example_conf_has_no_codecommit_error_or_warning():
    findings = lint_text((ROOT / "examples" / "congregate.conf").read_text(encoding="utf-8"))
    assert [(f.rule, f.message) for f in findings if f.rule.startswith("C") and f.severity != Severity.INFO] == []


def test_c_rules_stay_silent_for_another_source_type():
    text = codecommit_conf(src_type="GitLab", src_aws_region="nowhere", src_aws_access_key_id="key",
                           src_aws_codecommit_password=c.git_password())
    assert c_findings(text) == []


def test_src_type_is_compared_case_insensitively_like_congregate():
    assert places(c_findings(codecommit_conf(src_type="CODECOMMIT", src_aws_region="us-east1"))) == [
        ("C001", "SOURCE.src_aws_region", 8)
    ]


# --- the seed ---------------------------------------------------------------------------------------------------

def _seed_source_block() -> str:
    seeds = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    for seed in seeds:
        lines = seed.read_text(encoding="utf-8").splitlines()
        if "[SOURCE]" in lines:
            block = lines[lines.index("[SOURCE]"):]
            end = next((i for i, line in enumerate(block) if line.startswith("```")), len(block))
            return "\n".join(block[:end]) + "\n"
    pytest.skip("the seed with a [SOURCE] block is not available here")


def test_the_seeds_source_block_pasted_verbatim_gives_one_short_list_of_fixes():
    findings = [f for f in lint_text(_seed_source_block()) if f.rule[0] in "PC"]
    assert places(findings) == [
        ("P010", "SOURCE.src_aws_region", 3),
        ("C007", "SOURCE.src_aws_access_key_id", 4),
        ("P010", "SOURCE.src_aws_access_key_id", 4),
        ("C007", "SOURCE.src_aws_secret_access_key", 5),
        ("P010", "SOURCE.src_aws_secret_access_key", 5),
        ("C007", "SOURCE.src_aws_session_token", 6),
        ("P010", "SOURCE.src_aws_session_token", 6),
        ("C007", "SOURCE.src_aws_codecommit_username", 7),
        ("C007", "SOURCE.src_aws_codecommit_password", 8),
        ("P010", "SOURCE.src_aws_codecommit_password", 8),
    ]
    placeholders = {f.key: f.message for f in findings if f.rule == "C007"}
    assert "'AKIA...'" in placeholders["src_aws_access_key_id"]
    assert "'<codecommit-user-at>-<account-id>'" in placeholders["src_aws_codecommit_username"]
    assert "congregate obfuscate" in placeholders["src_aws_codecommit_password"]


# --- what `congregate configure` writes (issue 3, item 8) ---------------------------------------------------

def test_a_configure_written_conf_gets_the_parser_finding_and_the_raw_password_error():
    text = codecommit_conf(src_aws_session_token=None, src_aws_codecommit_password=c.git_password())
    text = text.replace("[SOURCE]\n", "[SOURCE]\nsrc_aws_session_token\n")
    found = places(f for f in lint_text(text) if f.rule in ("P003", "C006"))
    assert found == [("P003", "SOURCE", 7), ("C006", "SOURCE.src_aws_codecommit_password", 13)]
    assert "raw HTTPS Git password" in only(text, "C006").message


# --- C001 region ----------------------------------------------------------------------------------------------

def test_region_typo_suggests_the_closest_codecommit_region():
    assert "Did you mean 'us-east-1'" in only(codecommit_conf(src_aws_region="us-east1"), "C001").message


def test_region_without_codecommit_names_nearby_codecommit_regions():
    message = only(codecommit_conf(src_aws_region="eu-central-2"), "C001").message
    assert "eu-central-1" in message and "eu-central-2 (Europe (Zurich))" in message


def test_china_region_names_the_real_git_host():
    assert "git-codecommit.cn-northwest-1.amazonaws.com.cn" in only(
        codecommit_conf(src_aws_region="cn-northwest-1"), "C001").message


@pytest.mark.parametrize("region, severity", [
    ("us-gov-east-1", Severity.INFO), ("me-south-1", Severity.INFO), ("eu-west-1", None), ("us-east-1", None),
])
def test_govcloud_and_opt_in_regions_are_information_only(region, severity):
    found = [f.severity for f in c_findings(codecommit_conf(src_aws_region=region)) if f.rule == "C001"]
    assert found == ([severity] if severity else [])


# --- C002 access key ID ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, meaning", [
    ("ACCA", "HTTPS Git credential"), ("AIDA", "IAM user's unique ID"), ("AROA", "role"),
    ("ABIA", "bearer token"), ("AGPA", "group"), ("ANPA", "managed policy"),
])
def test_other_iam_id_prefixes_are_explained(prefix, meaning):
    message = only(codecommit_conf(src_aws_access_key_id=c.key_id(prefix=prefix)), "C002").message
    assert f"'{prefix}'" in message and meaning in message


def test_a_session_key_with_its_token_passes_c002():
    text = codecommit_conf(src_aws_access_key_id=c.key_id(prefix="ASIA"),
                           src_aws_session_token=c.obfuscated(c.session_token()))
    assert [f for f in c_findings(text) if f.rule == "C002"] == []


# --- C004 session token ---------------------------------------------------------------------------------------

def test_asia_key_with_token_only_gets_the_expiry_information():
    text = codecommit_conf(src_aws_access_key_id=c.key_id(prefix="ASIA"),
                           src_aws_session_token=c.obfuscated(c.session_token(length=1200, seed=9)))
    assert [(f.rule, f.severity) for f in c_findings(text)] == [("C004", Severity.INFO)]
    assert "--live" in only(text, "C004").message


def test_akia_key_with_token_is_one_error_whatever_the_token():
    text = codecommit_conf(src_aws_session_token="not base64 at all")
    finding = only(text, "C004")
    assert finding.severity == Severity.ERROR and "AKIA" in finding.message


# --- C005 Git user name and the offline account ---------------------------------------------------------------

@given(st.integers(min_value=0, max_value=10**12 - 1), st.sampled_from(["AKIA", "ASIA"]), st.integers(0, 1000))
def test_the_account_decodes_from_any_new_generation_key_id(account, prefix, seed):
    key_id = c.key_id(account="%012d" % account, prefix=prefix, seed=seed)
    assert account_from_key_id(key_id) == "%012d" % account


def test_old_generation_and_malformed_key_ids_give_no_account():
    assert account_from_key_id(c.old_key_id()) is None
    assert account_from_key_id(c.old_key_id(prefix="ASIA")[:4] + "J" + c.old_key_id()[5:]) is None
    assert account_from_key_id(c.key_id().lower()) is None


def test_the_account_of_a_git_user_name():
    assert account_from_git_username("developer+1-at-123456789012") == "123456789012"
    assert account_from_git_username("developer-at-12345") is None


def test_keys_and_git_credential_of_different_accounts_warn_with_both_accounts():
    text = codecommit_conf(src_aws_access_key_id=c.key_id(account="210987654321"))
    finding = only(text, "C005")
    assert finding.severity == Severity.WARNING
    assert "123456789012" in finding.message and "210987654321" in finding.message


def test_the_same_account_gives_no_warning():
    text = codecommit_conf(src_aws_access_key_id=c.key_id(account="210987654321", seed=7),
                           src_aws_codecommit_username="migrator-at-210987654321")
    assert c_findings(text) == []


# --- C006 Git password --------------------------------------------------------------------------------------

def test_the_slash_is_found_in_the_decoded_password_though_the_stored_text_has_none():
    stored = c.obfuscated(c.git_password(slash=True))
    assert "/" not in stored
    finding = only(codecommit_conf(src_aws_codecommit_password=stored), "C006")
    assert finding.severity == Severity.ERROR and "'/'" in finding.message


@pytest.mark.parametrize("slash, plus, release, severity, words", [
    (True, False, None, Severity.ERROR, ["up to Congregate 7.14.x", "from 7.15.0", "--congregate-version"]),
    (True, False, (7, 14, 0), Severity.ERROR, ["Congregate 7.14.0 puts the decoded password", "ends the URL's host"]),
    (True, False, (7, 15, 0), Severity.INFO, ["Congregate 7.15.0 URL-encodes the password"]),
    (False, True, None, Severity.WARNING, ["Up to Congregate 7.14.x", "--congregate-version"]),
    (False, True, (7, 13, 1), Severity.WARNING, ["into a space", "Congregate 7.13.1"]),
    (False, True, (7, 15, 0), None, []),
    (True, True, (7, 14, 0), Severity.ERROR, ["'/'"]),
])
def test_slash_and_plus_follow_the_target_release(slash, plus, release, severity, words):
    text = codecommit_conf(src_aws_codecommit_password=c.obfuscated(c.git_password(slash=slash, plus=plus)))
    target = Release(release, "--congregate-version") if release else UNKNOWN
    conf = load(Source("congregate.conf", text.encode("utf-8")), target)
    found = [f for f in lint_conf(conf, OFFLINE_RULES).findings if f.rule == "C006"]
    assert [f.severity for f in found] == ([severity] if severity else [])
    for word in words:
        assert word in found[0].message


@pytest.mark.parametrize("stored", ['""', "====", "!!!!"])
def test_a_password_that_decodes_to_nothing_is_an_error(stored):
    assert deobfuscate(stored).text == ""
    finding = only(codecommit_conf(src_aws_codecommit_password=stored), "C006")
    assert finding.severity == Severity.ERROR and "decodes to nothing" in finding.message


@pytest.mark.parametrize("seed", range(5))
def test_passwords_without_slash_or_plus_pass(seed):
    text = codecommit_conf(src_aws_codecommit_password=c.obfuscated(c.git_password(seed=seed)))
    assert c_findings(text) == []


# --- C007 placeholders are the only C finding -----------------------------------------------------------------

@pytest.mark.parametrize("key, placeholder", [
    ("src_aws_region", "<region>"), ("src_aws_access_key_id", "AKIA..."), ("src_aws_access_key_id", "key"),
    ("src_aws_secret_access_key", "<obfuscated>"), ("src_aws_session_token", "*****"),
    ("src_aws_codecommit_username", "aws_codecommit_username"), ("src_aws_codecommit_password", "xxxx"),
])
def test_a_placeholder_gets_only_the_placeholder_finding(key, placeholder):
    findings = c_findings(codecommit_conf(**{key: placeholder}))
    assert [(f.rule, f.key) for f in findings] == [("C007", key)]


@pytest.mark.parametrize("key", ["src_aws_region", "src_aws_secret_access_key"])
def test_a_placeholder_too_long_to_quote_is_described(key):
    placeholder = "<your-value>" * 100_000  # 1.2 MB
    finding = only(codecommit_conf(**{key: placeholder}), "C007")
    assert "'<your-value>" not in finding.message and "1200000 characters" in finding.message


# --- secrets never leave ------------------------------------------------------------------------------------

def _secret_forms():
    """Every fixture value but the account, with its base64 and its decoding: none may be printed."""
    forms = set()
    for name, value in VALUES.items():
        if name == "ACCOUNT":
            continue
        forms.update({value, value.strip(), base64.b64encode(value.encode("ascii")).decode("ascii")})
        decoded = deobfuscate(value)
        if decoded.ok and decoded.text:
            forms.update({decoded.text, decoded.text.strip()})
    return sorted(form for form in forms if len(form) >= 8)


@pytest.mark.parametrize("path", C_FIXTURES, ids=lambda p: p.name)
def test_no_secret_reaches_the_json_output_or_a_rule_message(path):
    conf = load(Source(path.name, render_fixture(path)))
    # The messages as the rules write them, before the engine's redaction: the rules themselves must not leak.
    messages = [problem.headline for rule in C_RULES for problem in rule.check(conf)]
    output = json_format.render(Report(lint_conf(conf, OFFLINE_RULES).findings, 1, OFFLINE_RULES))
    json.loads(output)
    for secret in _secret_forms():
        assert secret not in output
        assert not any(secret in message for message in messages)


# --- offline --------------------------------------------------------------------------------------------------

def test_linting_a_codecommit_conf_imports_neither_boto3_nor_botocore(tmp_path):
    conf = tmp_path / "congregate.conf"
    conf.write_text(codecommit_conf(src_aws_region="us-east1"), encoding="utf-8")
    script = (
        "import sys\n"
        "from congregate_lint.cli import main\n"
        f"sys.argv = ['congregate-lint', 'conf', {str(conf)!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore'))\n"
        "print('LOADED', loaded, 'EXIT', code)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "C001" in result.stdout
    assert "LOADED [] EXIT 1" in result.stdout


# --- any value, no crash ------------------------------------------------------------------------------------

CODECOMMIT_KEYS = ["src_type", "src_aws_region", "src_aws_access_key_id", "src_aws_secret_access_key",
                   "src_aws_session_token", "src_aws_codecommit_username", "src_aws_codecommit_password"]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
OBFUSCATED_TEXT = st.builds(c.obfuscated, st.text("abc+/= \n", max_size=60))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(CODECOMMIT_KEYS[1:]),
                       st.one_of(ANY_TEXT, st.sampled_from(sorted(VALUES.values())), OBFUSCATED_TEXT)))
def test_any_codecommit_values_give_findings_never_a_crash(values):
    conf = load(Source("c.conf", codecommit_conf(**values).encode("utf-8")))
    for rule in C_RULES:
        list(rule.check(conf))


# --- C rules: the value as Congregate gets it, and only for a source it sees as CodeCommit --------------------------

def _codecommit(**values: str) -> str:
    keys = {
        "src_type": "CodeCommit", "src_aws_region": "us-east-1", "src_aws_access_key_id": VALUES["KEY_ID"],
        "src_aws_secret_access_key": VALUES["SECRET_KEY_OBF"],
        "src_aws_codecommit_username": f"migrator-at-{VALUES['ACCOUNT']}",
        "src_aws_codecommit_password": VALUES["GIT_PASSWORD_OBF"],
    }
    keys.update(values)
    return "[SOURCE]\n" + "".join(f"{key} = {value}\n" for key, value in keys.items())


@pytest.mark.parametrize("key, rule, line", [
    ("src_aws_region", "C001", 3),
    ("src_aws_access_key_id", "C002", 4),
    ("src_aws_codecommit_username", "C005", 6),
])
def test_a_value_written_below_its_key_keeps_the_line_break(key, rule, line):
    good = _codecommit()
    text = good.replace(f"{key} = ", f"{key} =\n    ")
    value = prop(congregate_reads(text), "SOURCE", key)
    assert value == "\n" + prop(congregate_reads(good), "SOURCE", key)
    assert rule_places(good, rule) == []
    assert rule_places(text, rule) == [(rule, f"SOURCE.{key}", line)]


@pytest.mark.parametrize("written", ["codecommit # aws", "\n    codecommit"])
def test_c_rules_apply_only_when_congregate_sees_a_codecommit_source(written):
    text = _codecommit(src_type=written, src_aws_region="mars-1")
    assert prop(congregate_reads(text), "SOURCE", "src_type").lower() != "codecommit"
    assert [rule for rule, _, _ in places(lint_all(text)) if rule.startswith("C")] == []
    assert rule_places(_codecommit(src_aws_region="mars-1"), "C001") == [("C001", "SOURCE.src_aws_region", 3)]
