"""``--fix`` and ``--diff``: each repair, byte preservation, refusals, and safe writing."""

import configparser
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from congregate_lint import atomic
from congregate_lint.cli import cli
from congregate_lint.engine import load
from congregate_lint.findings import Finding, Severity
from congregate_lint.fixing import repairs
from congregate_lint.fixing.diff import masked_diff
from congregate_lint.fixing.edits import Document, Edit, apply, conflicts
from congregate_lint.fixing.passes import fix_source
from congregate_lint.fixing.repairs import FIXERS, bare_percents
from congregate_lint.obfuscation import deobfuscate, obfuscate
from congregate_lint.registry import select_rules
from congregate_lint.rules import RULES
from congregate_lint.source import Source
from tests import credentials as c
from tests.helpers import cli_runner, render_fixture
from tests.test_secret_leak import FIXTURE_FILES, fixture_secrets

SECRET = c.secret_key(seed=11)
PASSWORD = c.git_password(seed=12)
SLASH_PASSWORD = c.git_password(slash=True, seed=13)
TOKEN = c.session_token(seed=14)
COMPLETE = (
    "[DESTINATION]\ndstn_hostname = https://gitlab.example.com\ndstn_access_token = {token}\nimport_user_id = 2\n"
    "[EXPORT]\nlocation = filesystem\nfilesystem_path = /opt/congregate\n"
    "[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = us-east-1\nsrc_aws_access_key_id = {key_id}\n"
    "src_aws_codecommit_username = migrator-at-123456789012\n"
)
ALL_RULES = [rule for rule in select_rules([], []) if not getattr(rule, "LIVE", False)]


def codecommit(extra: str, key_id: str = c.key_id(), token: str = obfuscate("glpat-" + "k" * 20)) -> str:
    """A conf with every key a CodeCommit migration needs; ``extra`` lines replace the default secrets."""
    defaults = {"src_aws_secret_access_key": obfuscate(c.secret_key()), "src_aws_codecommit_password": obfuscate(PASSWORD)}
    given = {line.split("=")[0].strip().lower() for line in extra.splitlines() if "=" in line}
    kept = "".join(f"{key} = {value}\n" for key, value in defaults.items() if key not in given)
    return COMPLETE.format(token=token, key_id=key_id) + kept + extra


def fixed(data, select=()):
    """Fix bytes (or text) in memory with the real registry; returns the outcome."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    return fix_source(Source("congregate.conf", data), select_rules(list(select), []) if select else ALL_RULES)


def read(data: bytes) -> configparser.ConfigParser:
    """What Congregate's own parser makes of the bytes (universal newlines, as Congregate opens the file)."""
    parser = configparser.ConfigParser()
    parser.read_string(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    return parser


def rules_found(outcome):
    return {finding.rule for finding in outcome.result.findings}


def run(*args, input=None):
    return cli_runner().invoke(cli, list(args), input=input, catch_exceptions=False)


# --- edits and positions ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_document_maps_model_positions_to_original_bytes(ending):
    data = b"\xef\xbb\xbf[A]" + ending + "k\u00e9y = v\u00e4lue".encode("utf-8") + ending + b"x = 1"
    document = Document(data)
    conf = load(Source("c", data))
    option = conf.option("A", "x")
    assert document.line_count == 3
    assert data[document.offset(option.line, option.column):].startswith(b"x = 1")
    value = conf.option("A", "k\u00e9y").value_lines[0]
    start = document.offset(value.line, value.column)
    assert data[start:document.offset(value.line, value.column + len(value.text))] == "v\u00e4lue".encode("utf-8")
    assert document.ending(1) == ending and document.ending(3) == ending  # the unterminated last line: the usual one
    assert document.line_end(3) == len(data)


def test_edit_conflicts_and_apply():
    insert, replace = Edit(3, 3, b"#c\n"), Edit(3, 5, b"XY")
    assert not conflicts(insert, replace) and not conflicts(replace, replace)
    assert conflicts(Edit(4, 4, b"a"), replace) and conflicts(Edit(3, 3, b"a"), Edit(3, 3, b"b"))
    assert conflicts(Edit(2, 4), replace) and not conflicts(Edit(1, 3), replace)
    assert apply(b"abcdefg", [replace, insert, replace]) == b"abc#c\nXYfg"


def test_bare_percents_are_exactly_what_configparser_rejects():
    for value, bare in [("50%", [2]), ("a%%b", []), ("%(x)s", []), ("%(x)d %2F", [0, 6]), ("%(x", [0]), ("%", [0])]:
        assert bare_percents(value) == bare, value


# --- each repair -----------------------------------------------------------------------------------------------

def test_bom_is_stripped_and_nothing_else_changes():
    original = b"\xef\xbb\xbf[APP]\r\nssl_verify = False\r\n"
    outcome = fixed(original)
    assert outcome.fixed == original[3:]
    assert "P006" not in rules_found(outcome)


def test_literal_percent_is_doubled_so_configparser_reads_the_intended_text():
    url = "https://hooks.slack.com/services/T0%2FB0/x%7E"
    outcome = fixed(f"[APP]\nslack_url = {url}\n")
    assert outcome.fixed == b"[APP]\nslack_url = https://hooks.slack.com/services/T0%%2FB0/x%%7E\n"
    assert read(outcome.fixed).get("APP", "slack_url") == url
    assert "P009" not in rules_found(outcome)


def test_percent_in_multi_line_value_and_valid_references_are_kept():
    text = "[DESTINATION]\nbase = /data\nreporting = {\"a\": \"%(base)s/x\",\n  \"b\": \"100%\", \"c\": \"5%%\"}\n"
    outcome = fixed(text)
    assert outcome.fixed.decode() == text.replace('"100%"', '"100%%"')
    assert read(outcome.fixed).get("DESTINATION", "reporting") == '{"a": "/data/x",\n"b": "100%", "c": "5%"}'


def test_missing_reference_is_not_a_syntax_error_and_is_not_fixed():
    text = "[APP]\nslack_url = %(nowhere)s/x\n"
    outcome = fixed(text)
    assert outcome.fixed == text.encode() and "P009" in rules_found(outcome)


def test_inline_comment_moves_above_the_key_with_its_indentation_and_line_ending():
    original = b"[SOURCE]\r\n  src_type = CodeCommit\r\n  src_aws_region = us-east-1   # N. Virginia  \r\n# end\r\n"
    outcome = fixed(original)
    assert outcome.fixed == (b"[SOURCE]\r\n  src_type = CodeCommit\r\n  # N. Virginia\r\n  src_aws_region = us-east-1\r\n"
                             b"# end\r\n")
    assert read(outcome.fixed).get("SOURCE", "src_aws_region") == "us-east-1"


def test_inline_comment_on_an_unterminated_last_line_gets_the_file_s_line_ending():
    outcome = fixed(b"[APP]\rssl_verify = False ; no CA here")
    assert outcome.fixed == b"[APP]\r; no CA here\rssl_verify = False"


def test_moved_comment_goes_above_suppression_comments_so_they_still_apply_to_the_key():
    text = codecommit("# congregate-lint: disable=C001 -- a region we test\n"
                      "src_aws_region = mars-1   # far away\n").replace("src_aws_region = us-east-1\n", "")
    outcome = fixed(text)
    assert outcome.fixed.decode().endswith("# far away\n# congregate-lint: disable=C001 -- a region we test\n"
                                           "src_aws_region = mars-1\n")
    silenced = [f for f in outcome.result.findings if f.rule == "C001"]
    assert silenced and all(f.suppressed == "a region we test" for f in silenced)


def test_inline_comments_on_continuation_lines_all_move():
    text = "[APP]\nreporting = {\"a\": 1,  # first\n    \"b\": 2}  ; second\nx = 1\n"
    outcome = fixed(text)
    assert outcome.fixed.decode() == "[APP]\n# first\n; second\nreporting = {\"a\": 1,\n    \"b\": 2}\nx = 1\n"
    assert read(outcome.fixed).get("APP", "reporting") == '{"a": 1,\n"b": 2}'


def test_raw_codecommit_secrets_are_obfuscated_and_decode_to_the_given_values():
    text = codecommit(f"src_aws_secret_access_key = {SECRET}\nsrc_aws_codecommit_password = {PASSWORD}\n",
                      key_id=c.key_id(prefix="ASIA"))
    text += f"src_aws_session_token = {TOKEN}\n"
    outcome = fixed(text)
    parser = read(outcome.fixed)
    assert deobfuscate(parser.get("SOURCE", "src_aws_secret_access_key")).text == SECRET
    assert deobfuscate(parser.get("SOURCE", "src_aws_codecommit_password")).text == PASSWORD
    assert deobfuscate(parser.get("SOURCE", "src_aws_session_token")).text == TOKEN
    assert not {"C003", "C006"} & rules_found(outcome)
    assert outcome.fixes == 3


def test_raw_secret_behind_an_inline_comment_is_fixed_over_two_passes():
    outcome = fixed(codecommit(f"src_aws_secret_access_key = {SECRET}  # from IAM\n"))
    assert outcome.fixed.decode().endswith(f"# from IAM\nsrc_aws_secret_access_key = {obfuscate(SECRET)}\n")
    assert not {"P010", "C003"} & rules_found(outcome)


def test_a_value_congregate_already_decodes_is_never_encoded_again():
    # echo's newline inside the base64: reported, but the value decodes, so it is not encoded a second time.
    # The base64 of a session token still has the raw token's shape: only the decoding check stops a second encoding.
    text = codecommit(f"src_aws_secret_access_key = {obfuscate(SECRET + chr(10))}\n"
                      f"src_aws_codecommit_password = {obfuscate(SLASH_PASSWORD)}\n"
                      f"src_aws_session_token = {obfuscate(TOKEN + chr(10))}\n", key_id=c.key_id(prefix="ASIA"))
    outcome = fixed(text)
    assert outcome.fixed == text.encode()
    assert {"C003", "C004", "C006"} <= rules_found(outcome)


def test_session_token_with_a_long_term_key_is_left_for_the_user():
    text = codecommit(f"src_aws_session_token = {TOKEN}\n")
    outcome = fixed(text)
    assert outcome.fixed == text.encode() and "C004" in rules_found(outcome)


def test_value_of_another_shape_is_not_obfuscated():
    text = codecommit("src_aws_secret_access_key = not-my-secret\n")
    assert fixed(text).fixed == text.encode()


def test_file_with_positional_doubt_is_not_touched(capsys):
    text = codecommit(f"src_aws_secret_access_key = {SECRET}\nsrc_aws_region = us-east-2\n")
    outcome = fixed(text)
    assert outcome.fixed == text.encode()
    duplicate = text.splitlines().index("src_aws_region = us-east-2") + 1
    assert outcome.blocked is not None and f"P005 at line {duplicate}" in outcome.blocked
    binary = fixed(b"\x00\x01\x02[SOURCE]\n" + b"\x00" * 50)
    assert binary.fixed == binary.original and binary.blocked is not None


def test_suppressed_findings_are_not_fixed_by_ignoring_the_rule():
    text = codecommit(f"src_aws_secret_access_key = {SECRET}\n")
    outcome = fix_source(Source("c", text.encode()), select_rules([], ["C003"]))
    assert outcome.fixed == text.encode()


# --- S002 and S009 fixers, given their findings ------------------------------------------------------------------

def _finding(rule, section, key):
    return Finding(rule, "x", Severity.ERROR, "m", "c", 1, 1, section, key)


def _run_fixer(rule, text, section, key):
    data = text.encode("utf-8")
    edits = FIXERS[rule](load(Source("c", data)), _finding(rule, section, key), Document(data))
    return None if edits is None else apply(data, edits).decode("utf-8")


def test_renames_to_the_key_congregate_reads_keeping_everything_else():
    assert _run_fixer("S002", "[USER]\n  Keep_Blocked_Users = False\r\n", "USER", "keep_blocked_users") == \
        "[USER]\n  keep_inactive_users = False\r\n"
    assert _run_fixer("S002", "[SOURCE]\nsrc_aws_access_key = AKIA\n", "SOURCE", "src_aws_access_key") == \
        "[SOURCE]\nsrc_aws_access_key_id = AKIA\n"


@pytest.mark.parametrize("text, key", [
    ("[USER]\nkeep_blocked_users = False\nkeep_inactive_users = True\n", "keep_blocked_users"),
    ("[DEFAULT]\nkeep_inactive_users = True\n[USER]\nkeep_blocked_users = False\n", "keep_blocked_users"),
    ("[DESTINATION]\nparent_group_id = 1\ndest_parent_group_id = 2\n", "parent_group_id"),
    ("[DESTINATION]\npost_migration_issues = True\n", "post_migration_issues"),
    ("[SOURCE]\nurl = https://x\n", "url"),
    ("[SOURCE]\nmax_export_wait_time = 5\n", "max_export_wait_time"),
])
def test_rename_is_refused_when_it_would_lose_or_guess(text, key):
    section = [line.strip("[]") for line in text.splitlines() if line.startswith("[")][-1]
    assert _run_fixer("S002", text, section, key) is None


def test_generic_tokens_are_obfuscated_only_with_a_known_token_shape():
    token = "glpat-" + "aB3_" * 5
    fixed_text = _run_fixer("S009", f"[DESTINATION]\ndstn_access_token = {token}\n", "DESTINATION", "dstn_access_token")
    assert deobfuscate(read(fixed_text.encode()).get("DESTINATION", "dstn_access_token")).text == token
    assert _run_fixer("S009", "[SOURCE]\nsrc_password = hunter2hunter2\n", "SOURCE", "src_password") is None
    ado = f"[SOURCE]\nsrc_type = Azure DevOps\nsrc_access_token = {token}\n"
    assert _run_fixer("S009", ado, "SOURCE", "src_access_token") is None


def test_lint_driven_renames_and_token_obfuscation():
    token = "glpat-" + "x1Y_" * 5
    text = (f"[DESTINATION]\r\ndstn_access_token = {token}\r\nsystem_hooks_enabled = yes\r\n"
            "post_migration_issues = True\r\n[USER]\r\n  Keep_Blocked_Users = False\r\n")
    outcome = fixed(text)
    assert outcome.fixed.decode() == (f"[DESTINATION]\r\ndstn_access_token = {obfuscate(token)}\r\n"
                                      "migrate_system_hooks = yes\r\npost_migration_issues = True\r\n"
                                      "[USER]\r\n  keep_inactive_users = False\r\n")
    remaining = [(f.rule, f.key) for f in outcome.result.findings if f.rule in ("S002", "S009")]
    assert remaining == [("S002", "post_migration_issues")]  # its value is no `reporting` JSON: left to the user


def test_fixable_rules_and_fixers_match():
    marked = {rule.ID for rule in RULES if getattr(rule, "FIXABLE", False)}
    assert marked == set(FIXERS)


# --- byte preservation and idempotence ---------------------------------------------------------------------------

MIXED = (
    "; top comment\r\n"
    "[SOURCE]\r\n"
    "SRC_Type = CodeCommit\r\n"
    "\r\n"
    "    # indented comment\r\n"
    "Src_Aws_Region = us-east-1\t# Virginia\r\n"
    f"src_AWS_access_key_id = {c.key_id()}\r\n"
    f"src_aws_secret_access_key = {SECRET}\r\n"
    "[APP]\r\n"
    "slack_url = https://h/T0%2F"
)


def test_every_byte_outside_the_repairs_is_kept_and_a_second_fix_changes_nothing():
    outcome = fixed(MIXED)
    expected = (MIXED.replace("Src_Aws_Region = us-east-1\t# Virginia\r\n", "# Virginia\r\nSrc_Aws_Region = us-east-1\r\n")
                .replace(SECRET, obfuscate(SECRET)).replace("%2F", "%%2F"))
    assert outcome.fixed.decode("utf-8") == expected
    again = fixed(outcome.fixed)
    assert again.fixed == outcome.fixed and again.fixes == 0


# --- the command line --------------------------------------------------------------------------------------------

def test_fix_writes_the_file_and_exits_on_what_remains(conf_file):
    path = conf_file(codecommit(f"src_aws_secret_access_key = {SECRET}\n"))
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 0, result.output
    assert deobfuscate(read(path.read_bytes()).get("SOURCE", "src_aws_secret_access_key")).text == SECRET
    assert "fixed 1 problem" in result.stderr
    assert run("conf", "--fix", str(path)).exit_code == 0


def test_fix_exit_code_is_1_when_unfixable_findings_remain(conf_file):
    path = conf_file(codecommit(f"src_aws_codecommit_password = {obfuscate(SLASH_PASSWORD)}\n"))
    before = path.read_bytes()
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 1 and "C006" in result.stdout
    assert path.read_bytes() == before


def test_blocked_file_says_why_on_stderr(conf_file):
    path = conf_file("[SOURCE]\nsrc_type = a\nsrc_type = b\n")
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 1
    assert "not fixed: P005 at line 3" in result.stderr


def test_a_file_blocked_by_thousands_of_lines_names_the_first_few_on_one_line(conf_file):
    path = conf_file("[APP]\n" + "".join(f"bare{i}\n" for i in range(10_000)))
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 1 and result.stdout.count("P003") == 101  # 100 listed, then their summary
    assert "9,900 more errors of this rule, on lines 102 to 10,001, are not listed" in result.stdout
    assert result.stderr.count("\n") == 1
    assert "not fixed: P003 at line 2, P003 at line 3, P003 at line 4, P003 at line 5, P003 at line 6 and 9995 more " \
           "leave line positions uncertain" in result.stderr


def test_diff_masks_every_secret_and_writes_nothing(conf_file):
    token = "glpat-" + "Zq9_" * 5
    text = codecommit(f"# old secret was {SECRET}\nsrc_aws_secret_access_key = {SECRET}   # rotated\n"
                      f"src_aws_codecommit_password = {PASSWORD}\n", token=token)
    path = conf_file(text)
    result = run("conf", "--diff", str(path))
    assert path.read_bytes() == text.encode()
    assert result.exit_code == 0, result.output
    assert "+# rotated" in result.stdout and "-src_aws_secret_access_key = <secret: " in result.stdout
    for secret in (SECRET, obfuscate(SECRET), PASSWORD, obfuscate(PASSWORD), token):
        assert secret not in result.output
    assert "<BOM>" not in result.stdout


def test_diff_shows_a_removed_bom(conf_file):
    path = conf_file(b"\xef\xbb\xbf[APP]\nssl_verify = False\n")
    result = run("conf", "--diff", str(path))
    assert "-<BOM>[APP]\n+[APP]\n" in result.stdout


def test_stdin_fix_prints_the_fixed_bytes_and_reports_on_stderr():
    original = f"[SOURCE]\r\nsrc_type = CodeCommit\r\nsrc_aws_secret_access_key = {SECRET}".encode()
    result = run("conf", "--fix", "-", input=original)
    assert result.stdout_bytes == original.replace(SECRET.encode(), obfuscate(SECRET).encode())
    assert "checked" in result.stderr


def test_symlink_target_is_replaced_and_the_link_kept(tmp_path):
    target = tmp_path / "real" / "congregate.conf"
    target.parent.mkdir()
    target.write_text("\ufeff" + codecommit(""), encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "congregate.conf"
    link.symlink_to(target)
    assert run("conf", "--fix", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == codecommit("").encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["congregate.conf"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_interrupted_write_leaves_the_original_and_no_temporary_file(conf_file, monkeypatch, failing):
    original = f"[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_secret_access_key = {SECRET}\n".encode()
    path = conf_file(original)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, failing, broken)
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 2
    assert "not written (No space left on device); the file is unchanged" in result.stderr
    assert path.read_bytes() == original
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert SECRET not in result.output


def test_file_changed_during_the_fix_is_not_overwritten(conf_file, monkeypatch):
    path = conf_file("\ufeff[APP]\nssl_verify = False\n")
    real_fix = repairs.FIXERS["P006"]

    def meddling(conf, finding, document):
        path.write_text("[APP]\nssl_verify = True\n", encoding="utf-8")
        return real_fix(conf, finding, document)

    monkeypatch.setitem(repairs.FIXERS, "P006", meddling)
    result = run("conf", "--fix", str(path))
    assert result.exit_code == 2 and "changed meanwhile (while it was being fixed); not written" in result.stderr
    assert path.read_text(encoding="utf-8") == "[APP]\nssl_verify = True\n"


def test_failing_fixer_becomes_an_internal_error_finding(conf_file, monkeypatch):
    path = conf_file("\ufeff[APP]\nssl_verify = False\n")

    def crashing(conf, finding, document):
        raise KeyError("boom")

    monkeypatch.setitem(repairs.FIXERS, "P006", crashing)
    result = run("conf", "--fix", "--format", "json", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    (internal,) = [finding for finding in json.loads(result.stdout)["findings"] if finding["rule"] == "M001"]
    assert internal["headline"] == "the fix for rule P006 failed with KeyError"
    assert internal["fix"] and internal["explanation"]


def test_console_script_fixes_and_diffs(tmp_path):
    script = Path(sys.executable).with_name("congregate-lint")
    path = tmp_path / "congregate.conf"
    path.write_bytes(codecommit(f"src_aws_secret_access_key = {SECRET} # pasted\n").encode())
    diff = subprocess.run([str(script), "conf", "--diff", str(path)], capture_output=True, text=True)
    assert diff.returncode == 0 and "+# pasted" in diff.stdout and SECRET not in diff.stdout + diff.stderr
    done = subprocess.run([str(script), "conf", "--fix", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert deobfuscate(read(path.read_bytes()).get("SOURCE", "src_aws_secret_access_key")).text == SECRET


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_diff_of_every_rule_fixture_carries_no_secret(path):
    before = render_fixture(path)
    outcome = fixed(before)
    diff = masked_diff(str(path), outcome.original, outcome.fixed)
    after_conf = load(Source("c", outcome.fixed))
    secrets = fixture_secrets(path, before, load(Source("c", before))) | fixture_secrets(path, outcome.fixed, after_conf)
    leaked = [f"{len(secret)}-character value" for secret in secrets if secret in diff]
    assert leaked == [], f"the diff of {path.name} carries a secret ({', '.join(leaked)})"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_diff_with_the_lints_redactors_is_the_diff_built_from_the_texts(path):
    outcome = fixed(render_fixture(path))
    assert masked_diff(str(path), outcome.original, outcome.fixed, outcome.original_redactor,
                       outcome.result.redactor) == masked_diff(str(path), outcome.original, outcome.fixed)


def test_some_rule_fixtures_are_fixed_and_diffed():
    changed = [path.name for path in FIXTURE_FILES if fixed(render_fixture(path)).changed]
    assert len(changed) >= 5, changed
