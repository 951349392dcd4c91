"""Credentials in places configparser does not expect them never reach any output, nor a diff's context."""

import pytest

from congregate_lint.fixing.diff import masked_diff
from congregate_lint.engine import lint_conf, load
from congregate_lint.formatters import FORMATTERS
from congregate_lint.registry import select_rules
from congregate_lint.report import Report
from congregate_lint.source import Source
from tests import credentials as c

PASSWORD_OBF = c.obfuscated(c.git_password())
RAW_TOKEN = "glpat-" + c.secret_key(seed=21)[:20].replace("/", "x").replace("+", "y")
OLD_SECRET_OBF = c.obfuscated(c.secret_key(seed=22))

PASTED = {
    "base64 password pasted before any header": f"{PASSWORD_OBF}\n[SOURCE]\nsrc_type = gitlab\n",
    "base64 password pasted as a line of its own": f"[SOURCE]\nsrc_type = gitlab\n{PASSWORD_OBF}x = 1\n",
    "raw token pasted without a key": f"[DESTINATION]\nimport_user_id = 2\n{RAW_TOKEN}\n",
}


def _forms(secret):
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
        for secret in (PASSWORD_OBF, RAW_TOKEN):
            assert not any(form in output for form in _forms(secret)), f"{name} shows a credential"


def test_a_commented_out_old_secret_is_masked_in_the_diff_context():
    before = (f"[SOURCE]\n# src_aws_secret_access_key = {OLD_SECRET_OBF}\n;src_aws_codecommit_password: {PASSWORD_OBF}\n"
              "src_aws_region = us-east-1   # N. Virginia\n# a plain comment = kept as it is\n").encode()
    after = before.replace(b"src_aws_region = us-east-1   # N. Virginia\n", b"# N. Virginia\nsrc_aws_region = us-east-1\n")
    diff = masked_diff("congregate.conf", before, after)
    assert " # src_aws_secret_access_key = <secret: 56 characters" in diff
    assert " ;src_aws_codecommit_password: <secret: 60 characters" in diff
    assert " # a plain comment = kept as it is" in diff
    assert OLD_SECRET_OBF not in diff and PASSWORD_OBF not in diff
