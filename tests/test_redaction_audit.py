"""Secrets in places an audit found unmasked: every report format, --output files, --diff and --fix's stderr.

Each case is a whole congregate.conf run through the real command line (in process) in every mode; the
output is searched for the secret as written, lower-cased (configparser lower-cases key names) and in
base64 both ways. The fixed text --fix prints for stdin is the user's own file and is not searched.
"""

import base64
import binascii
from typing import Dict, Iterable, List, Set

import pytest

from congregate_lint.cli import cli
from congregate_lint.formatters import FORMATTERS
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
    return {form for form in found if len(form) >= 8}


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
