"""No output carries a secret: every report format, --output files, --diff and --fix's stderr.

Each case is a whole congregate.conf run through the real command line (in process) in every mode; the
output is searched for the secret as written, lower-cased (configparser lower-cases key names) and in
base64 both ways. The fixed text --fix prints for stdin is the user's own file and is not searched.
The cases are the leak vectors found so far: credentials where configparser does not expect them, in
comments shown as diff context, in keys whose names do not say secret, recognised only by their shape,
in URLs, JSON values, suppression comments, and on the line below an empty secret key.
"""

import base64
import binascii
import difflib
from typing import Dict, Iterable, List, Set

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congregate_lint.cli import cli
from congregate_lint.fixing.diff import masked_diff
from congregate_lint.engine import lint_conf, load
from congregate_lint.formatters import FORMATTERS
from congregate_lint.model import DEFAULT_SECTION
from congregate_lint.redaction import SECRET_NAME_CUTOFF, SecretKeys, are_secret_keys, is_secret_key
from congregate_lint.schema import is_secret_name, known_keys, known_secret_keys, known_sections
from congregate_lint.registry import select_rules
from congregate_lint.reporting.report import Report
from congregate_lint.source import Source
from tests import credentials as c
from tests.helpers import cli_runner

SECRET = c.secret_key(seed=41)
SECRET_OBF = c.obfuscated(SECRET)
PASSWORD_OBF = c.obfuscated(c.git_password(seed=42))
GITLAB_TOKEN = "glpat-Qx7_Rm2Kp9Lz4Vb8_Nc1"
CODECOMMIT = (f"[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = us-east-1\nsrc_aws_access_key_id = {c.key_id()}\n"
              "src_aws_codecommit_username = jane-at-123456789012\n")


def forms(secret: str) -> Set[str]:
    """The secret as written, lower-cased, without base64 padding, base64-encoded and base64-decoded."""
    found = {secret, secret.lower(), secret.rstrip("="), base64.b64encode(secret.encode()).decode()}
    try:
        found.add(base64.b64decode(secret, validate=True).decode("ascii"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        pass
    return {form for form in found if len(form) >= 8} | {secret}


def every_output(tmp_path, text: str) -> Dict[str, str]:
    """What a user sees, by mode: each --format on stdout, each --output file, --diff, and --fix's stderr."""
    path = tmp_path / "congregate.conf"
    path.write_text(text, encoding="utf-8")
    seen = {}
    for name in FORMATTERS:
        result = _run(["conf", "--isolated", "--format", name, str(path)])
        seen[f"--format {name}"] = result.stdout + result.stderr
    files = [f"--output={name}={tmp_path / name}.report" for name in FORMATTERS]
    _run(["conf", "--isolated", *files, str(path)])
    seen.update({f"--output {name}": (tmp_path / f"{name}.report").read_text(encoding="utf-8") for name in FORMATTERS})
    diff = _run(["conf", "--isolated", "--diff", str(path)])
    seen["--diff"] = diff.stdout + diff.stderr
    seen["--fix - (stderr)"] = _run(["conf", "--isolated", "--fix", "-"], text).stderr
    return seen


def _run(args: List[str], stdin: str = None):
    result = cli_runner().invoke(cli, args, input=stdin, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result


def leaks(outputs: Dict[str, str], secrets: Iterable[str]) -> List[str]:
    return sorted({mode for mode, text in outputs.items() for secret in secrets for form in forms(secret)
                   if form in text})


CASES = {
    # S001 and P004 name the section, and the JSON 'section' field carried it as written.
    "a secret pasted as a section name": (f"{CODECOMMIT}[{SECRET}]\nx = 1\n[{PASSWORD_OBF}]\n", [SECRET, PASSWORD_OBF]),
    # GitLab tokens have '_' in them, which the credential-like name test excluded.
    "a GitLab token pasted as a bare line": (f"{CODECOMMIT}{GITLAB_TOKEN}\n", [GITLAB_TOKEN]),
    "a GitLab token pasted before any header": (f"{GITLAB_TOKEN}\n{CODECOMMIT}", [GITLAB_TOKEN]),
    "a GitLab token read as a key name": (f"{CODECOMMIT}{GITLAB_TOKEN} = 1\n", [GITLAB_TOKEN]),
    # P009 quoted the '%(...)s' name, a piece of the secret itself.
    "a '%(' inside a secret": (f"{CODECOMMIT}src_aws_codecommit_password = Ab1%(Qx7Rm2Kp9Lz4Vb8)sN0\n",
                               ["Qx7Rm2Kp9Lz4Vb8"]),
    # The secret key's raw text is '%(stash)s'; the secret is what interpolation gives, and C001 quotes the region.
    "a secret reached through interpolation": (
        f"[DEFAULT]\nstash = {SECRET_OBF}\n{CODECOMMIT}src_aws_secret_access_key = %(stash)s\n"
        "src_aws_region = %(stash)sx\n".replace("src_aws_region = us-east-1\n", ""), [SECRET_OBF]),
    # A raw secret's base64 is the same secret; here it sits in a suppression comment's reason.
    "the base64 of a raw secret in a suppression reason": (
        f"{CODECOMMIT}# congregate-lint: disable=C003 -- was {SECRET_OBF}\nsrc_aws_secret_access_key = {SECRET}\n",
        [SECRET_OBF]),
    # S005 names the unexpected JSON names in a secret JSON value.
    "a token used as a JSON name in sources": (
        f'[MULTIPLE_SOURCE]\nsources = {{"github_source": [], "{GITLAB_TOKEN}": 1}}\n', [GITLAB_TOKEN]),
    # C007 quotes '<...>' placeholders; a real credential typed inside the template's brackets is no placeholder.
    "a credential inside the template's angle brackets": (
        f"{CODECOMMIT}src_aws_codecommit_password = <{PASSWORD_OBF}>\n", [PASSWORD_OBF]),
    # --diff showed comments as context; only '# secret_key = value' comments were masked.
    "an old secret kept in a comment, shown as diff context": (
        f"{CODECOMMIT}#{SECRET_OBF}\nsrc_type = CodeCommit # was glpat {GITLAB_TOKEN}\n".replace(
            "src_type = CodeCommit\n", "", 1), [SECRET_OBF, GITLAB_TOKEN]),
    # is_secret knows the schema's names; a misspelt secret key still holds the credential meant for it.
    "secrets under misspelt keys, shown as diff context": (
        f"{CODECOMMIT}src_aws_codecommit_pasword = {PASSWORD_OBF}\nsrc_acces_tokn = {GITLAB_TOKEN}\n"
        "src_hostname = x # old\n", [PASSWORD_OBF, GITLAB_TOKEN]),
}


@pytest.mark.parametrize("text, secrets", CASES.values(), ids=list(CASES))
def test_no_output_carries_the_secret(tmp_path, text, secrets):
    outputs = every_output(tmp_path, text)
    assert leaks(outputs, secrets) == []


def test_the_diff_still_shows_what_is_not_a_credential(tmp_path):
    text = (f"{CODECOMMIT}# see https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-gc.html\n"
            "src_hostname = x # old host\n")
    diff = every_output(tmp_path, text)["--diff"]
    assert "# see https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-gc.html" in diff
    assert "+# old host" in diff


@pytest.mark.parametrize("word", ["Congregate", "password", "codecommit"])
def test_a_secret_that_is_one_of_the_tools_own_words_is_not_pointed_at(tmp_path, word):
    """Masking 'password' in src_aws_codecommit_password, or 'Congregate' in every message, would show exactly
    what the secret is; the value itself is never printed by a rule (they describe it)."""
    text = (f"{CODECOMMIT}src_aws_secret_access_key = {word}\n"
            f"src_aws_codecommit_password = {base64.b64encode(word.encode()).decode()}\n")
    outputs = every_output(tmp_path, text)
    for mode, output in outputs.items():
        assert "****" not in output, mode
    assert "src_aws_codecommit_password" in outputs["--format json"]
    assert '"key": "src_aws_codecommit_password"' in outputs["--format json"]


# ---------------------------------------------------------------------------------------------------------------
# Credentials configparser reads as a key, a section name or a bare line.

PASTED_PASSWORD_OBF = c.obfuscated(c.git_password())
RAW_TOKEN = "glpat-" + c.secret_key(seed=21)[:20].replace("/", "x").replace("+", "y")
OLD_SECRET_OBF = c.obfuscated(c.secret_key(seed=22))

PASTED = {
    "base64 password pasted before any header": f"{PASTED_PASSWORD_OBF}\n[SOURCE]\nsrc_type = gitlab\n",
    "base64 password pasted as a line of its own": f"[SOURCE]\nsrc_type = gitlab\n{PASTED_PASSWORD_OBF}x = 1\n",
    "raw token pasted without a key": f"[DESTINATION]\nimport_user_id = 2\n{RAW_TOKEN}\n",
}


def _name_forms(secret):
    """The secret as written and as configparser lower-cases a key name, without base64 padding."""
    bare = secret.rstrip("=")
    return {bare, bare.lower()}


@pytest.mark.parametrize("text", PASTED.values(), ids=list(PASTED))
def test_a_credential_read_as_a_key_name_is_masked_in_every_format(text):
    conf = load(Source("congregate.conf", text.encode()))
    result = lint_conf(conf, select_rules([], []))
    assert result.findings, "the pasted line should be reported"
    report = Report(result.findings, 1, select_rules([], []))
    for name, formatter in FORMATTERS.items():
        output = formatter.render(report)
        for secret in (PASTED_PASSWORD_OBF, RAW_TOKEN):
            assert not any(form in output for form in _name_forms(secret)), f"{name} shows a credential"


def test_a_commented_out_old_secret_is_masked_in_the_diff_context():
    before = (f"[SOURCE]\n# src_aws_secret_access_key = {OLD_SECRET_OBF}\n;src_aws_codecommit_password: {PASTED_PASSWORD_OBF}\n"
              "src_aws_region = us-east-1   # N. Virginia\n# a plain comment = kept as it is\n").encode()
    after = before.replace(b"src_aws_region = us-east-1   # N. Virginia\n", b"# N. Virginia\nsrc_aws_region = us-east-1\n")
    diff = masked_diff("congregate.conf", before, after)
    assert " # src_aws_secret_access_key = <secret: 56 characters" in diff
    assert " ;src_aws_codecommit_password: <secret: 60 characters" in diff
    assert " # a plain comment = kept as it is" in diff
    assert OLD_SECRET_OBF not in diff and PASTED_PASSWORD_OBF not in diff


# ---------------------------------------------------------------------------------------------------------------
# Issue 9: credentials recognised by their shape, in URLs, JSON, suppression comments, below an empty secret key,
# and pasted into keys that are not secret. Each sits next to a fixable line, so --diff shows it as context.

GHP = c.token("ghp_", 36, seed=51)
GHO = c.token("gho_", 36, seed=52)
GITHUB_PAT = c.token("github_pat_", 59, seed=53)
BITBUCKET = c.token("ATBB", 28, seed=54)
ATLASSIAN = c.token("ATATT3x", 40, seed=55)
SLACK = c.token("xoxb-", 40, seed=56)
AWS_SECRET = c.secret_key(seed=57)
AZURE_PAT = c.token("", 52, "abcdefghijklmnopqrstuvwxyz234567", seed=58)
PASSWORD = "Tr0ub4dor&3xyzzyQ"
FIXABLE = "[SOURCE]\nsrc_type = CodeCommit # the source\n"
REST = (f"src_aws_region = us-east-1\nsrc_aws_access_key_id = {c.key_id()}\n"
        "src_aws_codecommit_username = jane-at-123456789012\n")

SHAPED = {
    **{f"a {name} token in a key whose name does not say token": (f"{FIXABLE}src_repo_note = {token}\n{REST}", [token])
       for name, token in [("GitHub ghp_", GHP), ("GitHub gho_", GHO), ("GitHub fine-grained", GITHUB_PAT),
                           ("Bitbucket ATBB", BITBUCKET), ("Atlassian ATATT", ATLASSIAN), ("Slack xoxb-", SLACK),
                           ("GitLab glpat-", GITLAB_TOKEN)]},
    "an AWS key pair in a key whose name does not say secret": (
        f"{FIXABLE}src_repo_note = {c.key_id(seed=9)} {AWS_SECRET}\n{REST}", [c.key_id(seed=9), AWS_SECRET]),
    "the base64 of a GitLab token in a comment": (
        f"{FIXABLE}# old: {c.obfuscated(GITLAB_TOKEN)}\n{REST}", [GITLAB_TOKEN]),
    "a password in URL userinfo": (
        f"{FIXABLE}src_hostname = https://jane:{PASSWORD}@git.example.com/repo\n{REST}", [PASSWORD]),
    "a PAT in user:PAT@ of an Azure DevOps src_hostname": (
        f"{FIXABLE}src_hostname = https://myorg:{AZURE_PAT}@dev.azure.com/myorg\n{REST}", [AZURE_PAT]),
    "user:PAT@ without a scheme": (f"{FIXABLE}src_hostname = myorg:{AZURE_PAT}@dev.azure.com\n{REST}", [AZURE_PAT]),
    "a token under a token-like name in a JSON value": (
        f"{FIXABLE}{REST}[DESTINATION]\nreporting = {{\"jira\": {{\"api_token\": \"Jira7Tok3nValue\"}}}}\n"
        "import_user_id = 1 # me\n", ["Jira7Tok3nValue"]),
    "a token as the selector of a suppression comment": (
        f"{FIXABLE}# congregate-lint: disable={GITLAB_TOKEN}\n{REST}", [GITLAB_TOKEN]),
    "a password in the reason of a suppression comment": (
        f"# congregate-lint: disable=P010 -- the password is Hx9qLm2vRt7zKp4w\n{FIXABLE}{REST}", ["Hx9qLm2vRt7zKp4w"]),
    "a short password on the line below an empty secret key": (
        f"{FIXABLE}src_aws_codecommit_password =\nhunter2\n{REST}", ["hunter2"]),
    "a password without digits on the line below an empty secret key": (
        f"{FIXABLE}src_aws_secret_access_key =\ncorrecthorsebattery\n{REST}", ["correcthorsebattery"]),
    "base64 with '=' on the line below an empty secret key": (
        f"{FIXABLE}src_aws_codecommit_password =\n{c.obfuscated('hunter22')}\n{REST}", [c.obfuscated("hunter22")]),
    "a password pasted into src_type (S006)": (f"[SOURCE]\nsrc_type = {PASSWORD}\n", [PASSWORD]),
    "a password pasted into src_aws_region (C001)": (
        f"{FIXABLE}{REST}".replace("us-east-1", PASSWORD), [PASSWORD]),
    "a password pasted into an integer key (S003)": (f"{FIXABLE}[APP]\nprocesses = {PASSWORD}\n", [PASSWORD]),
}


@pytest.mark.parametrize("text, secrets", SHAPED.values(), ids=list(SHAPED))
def test_no_output_carries_a_credential_recognised_by_shape_or_place(tmp_path, text, secrets):
    outputs = every_output(tmp_path, text)
    assert leaks(outputs, secrets) == []


@pytest.mark.parametrize("name, shown", [
    ("a GitHub ghp_ token in a key whose name does not say token", " src_repo_note = ****\n"),
    ("a password in URL userinfo", " src_hostname = https://jane:****@git.example.com/repo"),
    ("a token under a token-like name in a JSON value", ' reporting = {"jira": {"api_token": "****"}}'),
    ("a password pasted into src_aws_region (C001)", " src_aws_region = <secret: 17 characters"),
])
def test_the_diff_shows_the_masked_line_as_context(tmp_path, name, shown):
    text, _ = SHAPED[name]
    diff = every_output(tmp_path, text)["--diff"]
    assert "+# the source" in diff
    assert shown in diff


def test_a_pasted_line_below_an_empty_secret_key_is_described_in_the_diff(tmp_path):
    text = f"{FIXABLE}src_aws_codecommit_password =\n{c.obfuscated('hunter22')}\n{REST}"
    diff = every_output(tmp_path, text)["--diff"]
    assert "\n src_aws_codecommit_password =\n <secret: 12 characters (upper-case letters, lower-case letters, symbols)>\n" in diff


def test_a_value_that_cannot_be_a_credential_is_still_quoted(tmp_path):
    outputs = every_output(tmp_path, "[SOURCE]\nsrc_type = CodeComit\n")
    assert "src_type = 'CodeComit'" in outputs["--format text"]


def test_a_source_line_is_given_masked_for_an_output_to_show():
    """The API a formatter uses to print the line of a finding: Redactor.line(number)."""
    text = (f"[SOURCE]\nsrc_aws_codecommit_password = {PASTED_PASSWORD_OBF}\nsrc_hostname = https://u:{PASSWORD}@h\n"
            f"src_repo_note = {GHP}\x1b[2J\n")
    result = lint_conf(load(Source("congregate.conf", text.encode())), select_rules([], []))
    assert result.redactor.line(2) == "src_aws_codecommit_password = <secret: 60 characters (upper-case letters, lower-case letters, digits, symbols)>"
    assert result.redactor.line(3) == "src_hostname = https://u:****@h"
    assert result.redactor.line(4) == "src_repo_note = ****\\x1b[2J"
    assert result.redactor.line(1) == "[SOURCE]" and result.redactor.line(99) == ""


# --- the keys that hold secrets, judged once per key, are those judged for every section --------------------------

KEY_NAMES = ["src_access_token", "src_acces_tokn", "dstn_access_token", "src_aws_secret_access_key", "my_password",
             "src_hostname", "src_type", "k1", "pasword", "slack_url", "sources"]


@given(defaults=st.lists(st.sampled_from(KEY_NAMES), unique=True, max_size=6),
       sections=st.dictionaries(st.sampled_from(["SOURCE", "DESTINATION", "APP", "X"]),
                                st.lists(st.sampled_from(KEY_NAMES), unique=True, max_size=4), max_size=4))
def test_the_secret_keys_configparser_reads_are_those_judged_one_by_one(defaults, sections):
    """Every key a section holds or, in a section Congregate reads, inherits; and [DEFAULT]'s own readings."""
    text = "[DEFAULT]\n" + "".join(f"{key} = v{i}\n" for i, key in enumerate(defaults)) + "".join(
        f"[{name}]\n" + "".join(f"{key} = w\n" for key in keys) for name, keys in sections.items())
    conf = load(Source("congregate.conf", text.encode()))
    expected = {(section, key) for section in conf.parser.sections() for key in conf.parser.options(section)
                if is_secret_key(section, key) and (key in sections[section] or section in known_sections())}
    expected |= {(DEFAULT_SECTION, key) for key in defaults if is_secret_key(DEFAULT_SECTION, key)}
    assert set(SecretKeys(conf).read) == expected


SECRET_KEY_NAMES = sorted({key for section in known_sections() for key in known_secret_keys(section)})


@given(places=st.lists(st.tuples(st.sampled_from(["SOURCE", "DESTINATION", "APP", "X", DEFAULT_SECTION]), st.one_of(
    st.sampled_from(KEY_NAMES), st.text(st.sampled_from(list("src_acesstokenpw1\u017f\u200b")), max_size=24))),
    max_size=10))
def test_keys_judged_together_are_judged_as_each_alone(places):
    """A key the section knows is secret when the schema says so; any other when its name suggests a credential
    or difflib finds it a misspelling of a secret key's name."""
    expected = [key in known_secret_keys(section) if key in known_keys(section) else
                is_secret_name(key) or bool(difflib.get_close_matches(key, SECRET_KEY_NAMES, 1, SECRET_NAME_CUTOFF))
                for section, key in places]
    assert are_secret_keys(places) == expected
