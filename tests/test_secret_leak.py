"""No output format ever carries a secret: every rule fixture through every formatter.

The secret values of a fixture are found two ways: ``lint.redaction.secret_values``
and an independent computation here (the values of every key ``lint.schema.is_secret``
marks, as written, base64-encoded and base64-decoded, plus every credential-like
fixture value substituted into the file, in the same three forms). None may appear
in any format's output. Values shorter than 8 characters and placeholders such as
``<obfuscated>`` or ``AKIA...`` are not credentials and are not searched for.
"""

import base64
import binascii
import re
from pathlib import Path
from typing import Iterable, Set

import pytest

from congregate_lint.engine import lint_conf, load
from congregate_lint.formatters import FORMATTERS
from congregate_lint.redaction import secret_values
from congregate_lint.reporting.report import Report
from congregate_lint.rules import RULES
from congregate_lint.schema import is_secret
from congregate_lint.source import Source
from tests import credentials as c
from tests.fixture_values import VALUES
from tests.helpers import FIXTURES, render_fixture

FIXTURE_FILES = sorted((FIXTURES / "rules").glob("*.conf"))
OFFLINE_RULES = [rule for rule in RULES if not getattr(rule, "LIVE", False)]
# Fixture values that are credentials (not account numbers or access key IDs, which are identifiers).
CREDENTIAL_NAME = re.compile(r"SECRET|TOKEN|PASSWORD")
MIN_LENGTH = 8
PLACEHOLDER = re.compile(r".*(<|>|\.\.\.).*|\**", re.DOTALL)


def forms(value: str) -> Set[str]:
    """The value as written, base64-encoded, and base64-decoded when it decodes to text."""
    found = {value, value.strip(), base64.b64encode(value.encode("utf-8")).decode("ascii")}
    try:
        found.add(base64.b64decode(value.strip(), validate=True).decode("utf-8"))
    except (binascii.Error, ValueError):
        pass
    return found


def searchable(values: Iterable[str]) -> Set[str]:
    return {value for value in values if len(value) >= MIN_LENGTH and not PLACEHOLDER.fullmatch(value)}


def fixture_secrets(path: Path, data: bytes, conf) -> Set[str]:
    secrets = set(secret_values(conf))
    for option in conf.all_options():
        if is_secret(option.section, option.key):
            lines = [line.text for line in option.value_lines]
            for text in [*lines, "\n".join(lines)]:
                secrets |= forms(text)
    text = path.read_text(encoding="utf-8", errors="replace")
    for name, value in VALUES.items():
        if CREDENTIAL_NAME.search(name) and "${" + name + "}" in text:
            secrets |= forms(value)
    return searchable(secrets)


def test_there_are_fixtures_with_secrets_to_search_for():
    with_secrets = [path for path in FIXTURE_FILES if _secrets_of(path)]
    assert len(with_secrets) >= 5, "the leak test would search for nothing"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_no_format_prints_a_secret_of_the_fixture(path):
    data = render_fixture(path)
    conf = load(Source("data/congregate.conf", data))
    result = lint_conf(conf, OFFLINE_RULES)
    report = Report(result.findings, 1, OFFLINE_RULES)
    secrets = fixture_secrets(path, data, conf)
    for name, formatter in FORMATTERS.items():
        for color in (False, True):
            output = formatter.render(report, color=color)
            leaked = [f"{len(secret)}-character value" for secret in secrets if secret in output]
            assert leaked == [], f"{name} output of {path.name} carries a secret ({', '.join(leaked)})"


def _secrets_of(path: Path) -> Set[str]:
    data = render_fixture(path)
    return fixture_secrets(path, data, load(Source("data/congregate.conf", data)))


# Every token shape of the GitHub, Bitbucket and Azure DevOps sources, with the source type it belongs to.
SOURCE_TOKENS = {
    "github-classic": ("github", c.github_token(seed=50)),
    "github-fine-grained": ("github", c.github_fine_grained_token(seed=51)),
    "bitbucket-app-password": ("bitbucket cloud", c.bitbucket_app_password(seed=52)),
    "atlassian-api-token": ("bitbucket cloud", c.atlassian_api_token(seed=53)),
    "bitbucket-access-token": ("bitbucket cloud", c.atlassian_api_token(seed=54, prefix="ATCTT")),
    "bitbucket-server-token": ("bitbucket server", c.bitbucket_server_token(seed=55)),
    "azure-devops-pat": ("azure devops", c.azure_devops_pat(seed=56)),
    "azure-devops-pat-84": ("azure devops", c.azure_devops_pat(seed=57, new_format=True)),
}
# Where a token ends up in real files: its own key raw, base64 and base64 of ':token'; the wrong key; a bare line.
SOURCE_TOKEN_PLACES = (
    "src_access_token = {raw}", "src_access_token = {b64}", "src_access_token = {colon}", "src_password = {raw}",
    "src_username = {raw}", "{raw}", "src_hostname = https://{raw}@git.example.com", "src_parent_workspace = {raw}",
    "api_version = {raw}",
)


@pytest.mark.parametrize("shape", sorted(SOURCE_TOKENS))
def test_no_format_prints_a_source_token_wherever_it_is_written(shape):
    source_type, token = SOURCE_TOKENS[shape]
    shown = {token, c.obfuscated(token), c.obfuscated(":" + token)}
    for place in SOURCE_TOKEN_PLACES:
        line = place.format(raw=token, b64=c.obfuscated(token), colon=c.obfuscated(":" + token))
        conf = load(Source("data/congregate.conf", f"[SOURCE]\nsrc_type = {source_type}\n{line}\n".encode()))
        report = Report(lint_conf(conf, OFFLINE_RULES).findings, 1, OFFLINE_RULES)
        assert report.findings, place  # every placement is worth a finding, so the output is not empty
        for name, formatter in FORMATTERS.items():
            output = formatter.render(report, color=False)
            assert not [form for form in shown if form in output], f"{name} output shows the token ({place})"
