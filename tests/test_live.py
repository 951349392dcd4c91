"""The ``--live`` pre-flight (L001-L007) against real servers on 127.0.0.1, started and stopped here.

- AWS: moto's server in this process (``tests/live_servers.MotoServer``) with IAM authentication on. moto 5.2.5 lacks
  CodeCommit's ListRepositories and ListPullRequests; the harness adds both to moto's CodeCommit responses (auth still
  applies), and its ``AwsFaults`` middleware injects throttling, delays, resets and AWS errors moto never produces
  (expired token, clock skew), and gives CodeCommit's auth errors AWS's JSON shape.
- Git: git's own ``git http-backend`` behind a loopback server with Basic auth, serving a real bare repository.

Real boto3/botocore over HTTP, real git, real configparser; nothing is stubbed in the code under test.
"""

import base64
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from congregate_lint.engine import lint_source
from congregate_lint.findings import Finding, Severity
from congregate_lint.live import LiveContext, LiveOptions
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.registry import select_rules
from congregate_lint.source import Source
from tests.helpers import split_problems
from tests.live_servers import (
    AwsIdentity, ConnectProxy, Fault, GitHttpServer, MotoServer, SeededAccount, make_bare_repository, seed_account,
)

ACCOUNT = "123456789012"
GIT_USER = f"allowed-at-{ACCOUNT}"
GIT_PASSWORD = base64.b64encode(bytes(range(7, 39))).decode("ascii")  # like AWS's: 44 characters, base64 of 32 bytes
DENIED_GIT_USER = f"nogitpull-at-{ACCOUNT}"
LIVE_RULES = ("L001", "L002", "L003", "L004", "L005", "L006", "L007")
AMBIENT = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
           "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_CODECOMMIT", "AWS_CA_BUNDLE", "AWS_CONFIG_FILE",
           "AWS_SHARED_CREDENTIALS_FILE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY",
           "no_proxy", "ALL_PROXY", "all_proxy", "CONGREGATE_LINT_GIT_ENDPOINT")


@pytest.fixture(scope="session")
def moto():
    server = MotoServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def git_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("git")
    for name in ("alpha", "beta", "gamma"):
        make_bare_repository(root, name)
    server = GitHttpServer(root, {GIT_USER: GIT_PASSWORD, DENIED_GIT_USER: GIT_PASSWORD},
                           denied={DENIED_GIT_USER})
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    """No ambient AWS settings or proxies; HOME is a temporary directory."""
    for name in AMBIENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def aws(moto, monkeypatch) -> SeededAccount:
    moto.faults.clear()
    account = seed_account(moto)
    moto.faults.clear()
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    return account


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def conf_text(identity: Optional[AwsIdentity], token: Optional[str] = None, region: str = "us-east-1",
              git_user: Optional[str] = GIT_USER, git_password: Optional[str] = GIT_PASSWORD, extra: str = "",
              source_type: str = "CodeCommit") -> str:
    lines = ["[SOURCE]", f"src_type = {source_type}", f"src_aws_region = {region}"]
    if identity is not None:
        lines += [f"src_aws_access_key_id = {identity.key_id}",
                  f"src_aws_secret_access_key = {_b64(identity.secret)}"]
    if token:
        lines.append(f"src_aws_session_token = {_b64(token)}")
    if git_user:
        lines.append(f"src_aws_codecommit_username = {git_user}")
    if git_password:
        lines.append(f"src_aws_codecommit_password = {_b64(git_password)}")
    return "\n".join(lines) + "\n" + textwrap.dedent(extra)


def live_findings(text: str, git_url: Optional[str] = None, select=("L",), ignore=(),
                  **options) -> Dict[str, Finding]:
    """Lint with the live rules, in process; one finding per rule is expected, keyed by rule ID."""
    rules = select_rules(list(select), list(ignore))
    settings = dict(connect_timeout=2.0, read_timeout=5.0, deadline=20.0, git_endpoint=git_url)
    settings.update(options)
    findings = lint_source(Source("congregate.conf", text.encode()), rules,
                           LiveContext(LiveOptions(**settings), rules)).findings
    live = [finding for finding in findings if finding.rule.startswith("L")]
    _assert_no_secret(text, [finding.message for finding in findings])
    assert split_problems(findings) == []
    by_rule = {finding.rule: finding for finding in live}
    assert len(by_rule) == len(live), [f.rule for f in live]
    return by_rule


def _assert_no_secret(text: str, outputs: List[str]) -> None:
    """No value of a secret key, raw or decoded, appears in any output."""
    secrets = []
    for line in text.splitlines():
        key, _, value = line.partition(" = ")
        if key in ("src_aws_secret_access_key", "src_aws_session_token", "src_aws_codecommit_password"):
            decoded = deobfuscate(value.strip())
            secrets += [value.strip()] + ([decoded.text] if decoded.ok and decoded.text else [])
    for output in outputs:
        for secret in secrets:
            assert secret not in output


def severities(found: Dict[str, Finding]) -> Dict[str, str]:
    return {rule: finding.severity.value for rule, finding in found.items()}


# --- success ------------------------------------------------------------------------------------------------------

def test_working_credentials_pass_every_check(aws, moto, git_server):
    found = live_findings(conf_text(aws.allowed), git_server.url)
    assert severities(found) == {rule: "info" for rule in LIVE_RULES}
    assert f"account {ACCOUNT}" in found["L001"].message
    assert "arn:aws:iam::123456789012:user/allowed" in found["L001"].message
    assert "3 repositories" in found["L003"].message  # three repositories over two pages
    assert moto.faults.seen.count("ListRepositories") == 2
    assert "'alpha'" in found["L004"].message and "'alpha'" in found["L006"].message
    assert ("/v1/repos/alpha/info/refs?service=git-upload-pack", GIT_USER) in git_server.requests
    assert (found["L001"].line, found["L001"].key) == (4, "src_aws_access_key_id")


def places(found: Dict[str, Finding]) -> Dict[str, tuple]:
    return {rule: (finding.severity.value, finding.location, finding.line) for rule, finding in found.items()}


def test_each_live_rule_is_placed_on_the_key_it_checks(aws, git_server):
    """Lines of conf_text: 1 [SOURCE], 3 region, 4 key ID, 5 secret, 6 Git user name, 7 Git password."""
    assert places(live_findings(conf_text(aws.allowed), git_server.url)) == {
        "L001": ("info", "SOURCE.src_aws_access_key_id", 4),
        "L002": ("info", "SOURCE.src_aws_codecommit_username", 6),
        "L003": ("info", "SOURCE.src_aws_region", 3),
        "L004": ("info", "SOURCE.src_aws_access_key_id", 4),
        "L005": ("info", "SOURCE.src_aws_access_key_id", 4),
        "L006": ("info", "SOURCE.src_aws_codecommit_username", 6),
        "L007": ("info", "SOURCE", 1),
    }
    # A denied listing is the key's fault; the checks it leaves without a repository are skipped at the section.
    assert places(live_findings(conf_text(aws.no_policy), git_server.url)) == {
        "L001": ("info", "SOURCE.src_aws_access_key_id", 4),
        "L002": ("info", "SOURCE.src_aws_codecommit_username", 6),
        "L003": ("error", "SOURCE.src_aws_access_key_id", 4),
        "L004": ("info", "SOURCE", 1),
        "L005": ("info", "SOURCE", 1),
        "L006": ("info", "SOURCE", 1),
        "L007": ("info", "SOURCE", 1),
    }


def test_assumed_role_credentials_with_their_token_work(aws, git_server):
    found = live_findings(conf_text(aws.role, token=aws.role.token), git_server.url)
    assert found["L001"].severity is Severity.INFO
    assert "assumed-role/cc-role/preflight" in found["L001"].message
    assert found["L003"].severity is Severity.INFO


# --- credentials AWS refuses --------------------------------------------------------------------------------------

def test_wrong_secret_is_named(aws):
    wrong = AwsIdentity(aws.allowed.key_id, "A" * 40)
    found = live_findings(conf_text(wrong))
    assert found["L001"].severity is Severity.ERROR
    assert "secret access key does not belong to the access key ID" in found["L001"].message
    assert (found["L001"].key, found["L001"].line) == ("src_aws_secret_access_key", 5)
    assert "secret access key does not belong" in found["L003"].message  # CodeCommit's InvalidSignatureException


def test_unknown_key_is_named(aws):
    unknown = AwsIdentity("AKIA" + "Q" * 16, aws.allowed.secret)
    found = live_findings(conf_text(unknown))
    assert found["L001"].severity is Severity.ERROR
    assert "AWS does not know this access key ID" in found["L001"].message
    assert found["L001"].key == "src_aws_access_key_id"
    assert "AKIAQ" not in found["L001"].message


def test_temporary_key_without_its_token_is_explained(aws):
    found = live_findings(conf_text(aws.role))
    assert found["L001"].severity is Severity.ERROR
    assert "temporary key (ASIA…) and src_aws_session_token is not set" in found["L001"].message
    assert found["L001"].key == "src_aws_session_token"


def test_long_term_key_with_a_token_is_explained(aws):
    found = live_findings(conf_text(aws.allowed, token=aws.role.token))
    assert "session token is set together with a long-term key" in found["L001"].message


def test_unknown_key_in_an_opt_in_region_mentions_the_region(aws):
    found = live_findings(conf_text(AwsIdentity("AKIA" + "Q" * 16, aws.allowed.secret), region="me-south-1"))
    assert "opt-in region" in found["L001"].message
    assert found["L001"].key == "src_aws_region"


def test_expired_token_is_explained(aws, moto):
    moto.faults.add(Fault("GetCallerIdentity", "error", code="ExpiredToken", status=403,
                          message="The security token included in the request is expired"))
    found = live_findings(conf_text(aws.role, token=aws.role.token), select=("L001",))
    assert "session token has expired" in found["L001"].message
    assert found["L001"].key == "src_aws_session_token"


def test_signature_expired_is_reported_as_clock_skew(aws, moto):
    moto.faults.add(Fault("GetCallerIdentity", "error", code="SignatureDoesNotMatch", status=403, message=(
        "Signature expired: 20260101T000000Z is now earlier than 20260101T001600Z (20260101T003100Z - 15 min.)")))
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert "clock is more than 15 minutes away" in found["L001"].message


# --- permissions --------------------------------------------------------------------------------------------------

def test_user_without_codecommit_policy(aws, git_server):
    found = live_findings(conf_text(aws.no_policy), git_server.url)
    assert found["L001"].severity is Severity.INFO  # STS needs no permission
    assert found["L003"].severity is Severity.ERROR
    assert "may not call codecommit:ListRepositories" in found["L003"].message
    assert "arn:aws:iam::123456789012:user/nopolicy" in found["L003"].message
    assert {found[rule].severity for rule in ("L004", "L005", "L006")} == {Severity.INFO}
    assert "no repository to try" in found["L006"].message.lower()


def test_missing_pull_request_permission_is_a_warning(aws, git_server):
    found = live_findings(conf_text(aws.no_pull_requests), git_server.url)
    assert found["L004"].severity is Severity.INFO
    assert found["L005"].severity is Severity.WARNING
    assert "codecommit:ListPullRequests" in found["L005"].message


def test_region_without_repositories_is_a_warning(moto, monkeypatch, git_server):
    moto.faults.clear()
    account = seed_account(moto, repositories=())
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    found = live_findings(conf_text(account.allowed), git_server.url)
    assert found["L003"].severity is Severity.WARNING
    assert "finds no repository in us-east-1" in found["L003"].message
    assert found["L006"].severity is Severity.INFO and "no repository" in found["L006"].message


def test_git_credential_of_another_account(aws):
    found = live_findings(conf_text(aws.other_account), select=("L001", "L002"))
    assert "account 111122223333" in found["L001"].message
    assert found["L002"].severity is Severity.ERROR
    assert "belongs to account 123456789012" in found["L002"].message
    assert found["L002"].key == "src_aws_codecommit_username"


# --- Git over HTTPS -----------------------------------------------------------------------------------------------

def test_wrong_git_password_is_an_error(aws, git_server):
    found = live_findings(conf_text(aws.allowed, git_password="x" * 43 + "="), git_server.url)
    assert found["L006"].severity is Severity.ERROR
    assert "HTTP 401" in found["L006"].message
    assert found["L006"].key == "src_aws_codecommit_password"


def test_git_user_without_git_pull_is_an_error(aws, git_server):
    found = live_findings(conf_text(aws.allowed, git_user=DENIED_GIT_USER), git_server.url)
    assert "HTTP 403" in found["L006"].message and "codecommit:GitPull" in found["L006"].message


def test_missing_git_credential_skips_the_git_check(aws, git_server):
    found = live_findings(conf_text(aws.allowed, git_password=None), git_server.url)
    assert found["L006"].severity is Severity.WARNING
    assert "src_aws_codecommit_password is not set" in found["L006"].message
    assert not git_server.requests or all(path.find("/v1/repos/") == 0 for path, _ in git_server.requests)


# --- values that are not sent -------------------------------------------------------------------------------------

def test_malformed_key_is_not_sent(aws, moto):
    found = live_findings(conf_text(AwsIdentity("AKIA-not-a-key", aws.allowed.secret)))
    assert found["L001"].severity is Severity.INFO
    assert "does not have the shape of an access key ID" in found["L001"].message
    assert moto.faults.seen == []


def test_secret_that_is_not_base64_is_not_sent(aws, moto):
    text = conf_text(aws.allowed).replace(_b64(aws.allowed.secret), "not*base64!")
    found = live_findings(text, select=("L001", "L003"))
    assert "cannot be base64-decoded" in found["L001"].message
    assert moto.faults.seen == []


def test_missing_key_is_a_warning_and_nothing_is_sent(aws, moto):
    found = live_findings(conf_text(None))
    assert found["L001"].severity is Severity.WARNING
    assert "src_aws_access_key_id is not set" in found["L001"].message
    assert moto.faults.seen == []


def test_other_source_types_are_not_checked(aws, moto):
    found = live_findings(conf_text(aws.allowed, source_type="GitLab"))
    assert all("src_type is not CodeCommit" in found[rule].message for rule in ("L001", "L003", "L006"))
    assert moto.faults.seen == []


def test_ignored_rules_make_no_calls(aws, moto):
    found = live_findings(conf_text(aws.allowed), ignore=("L003", "L004", "L005", "L006"))
    assert set(found) == {"L001", "L002", "L007"}
    assert moto.faults.seen == ["GetCallerIdentity"]


# --- faults -------------------------------------------------------------------------------------------------------

def test_throttling_is_retried_with_backoff(aws, moto):
    moto.faults.add(Fault("GetCallerIdentity", "throttle", times=2))
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert found["L001"].severity is Severity.INFO
    assert moto.faults.seen.count("GetCallerIdentity") == 3


def test_endless_throttling_gives_up_with_a_warning(aws, moto):
    moto.faults.add(Fault("ListRepositories", "throttle", times=100))
    found = live_findings(conf_text(aws.allowed), select=("L003",))
    assert found["L003"].severity is Severity.WARNING
    assert "throttled" in found["L003"].message
    assert moto.faults.seen.count("ListRepositories") == 4


def test_a_call_slower_than_the_read_timeout(aws, moto):
    moto.faults.add(Fault("ListRepositories", "delay", seconds=2.5))
    found = live_findings(conf_text(aws.allowed), select=("L001", "L003"), read_timeout=1.0)
    assert found["L001"].severity is Severity.INFO
    assert "did not answer within 1 s" in found["L003"].message


def test_the_overall_deadline_stops_waiting(aws, moto):
    moto.faults.add(Fault("GetCallerIdentity", "delay", seconds=3))
    found = live_findings(conf_text(aws.allowed), select=("L001",), deadline=1.0)
    assert found["L001"].severity is Severity.WARNING
    assert "did not finish within the overall deadline of 1 s" in found["L001"].message


def test_connection_reset(aws, moto):
    moto.faults.add(Fault("GetCallerIdentity", "reset"))
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert "closed or reset the connection" in found["L001"].message


MIB = 1024 * 1024


def bytes_received(monkeypatch) -> List[int]:
    """A counter of the bytes this process reads from its sockets from now on (HTTP answers are read through
    ``socket.recv_into``)."""
    received = [0]
    recv_into = socket.socket.recv_into

    def counted(self, buffer, *args, **kwargs):
        count = recv_into(self, buffer, *args, **kwargs)
        received[0] += count
        return count

    monkeypatch.setattr(socket.socket, "recv_into", counted)
    return received


def test_an_aws_answer_larger_than_1_mib_is_not_read(aws, moto, monkeypatch):
    moto.faults.add(Fault("GetCallerIdentity", "huge", status=200, size=50 * MIB))
    received = bytes_received(monkeypatch)
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert found["L001"].severity is Severity.WARNING
    assert "is larger than 1 MiB; not read" in found["L001"].message
    assert MIB < received[0] < 2 * MIB  # of the 50 MiB sent, the first MiB (and one read more) was read


def test_an_aws_error_answer_larger_than_1_mib_is_not_read(aws, moto, monkeypatch):
    moto.faults.add(Fault("ListRepositories", "huge", status=500, size=5 * MIB))
    received = bytes_received(monkeypatch)
    found = live_findings(conf_text(aws.allowed), select=("L001", "L003"))
    assert found["L001"].severity is Severity.INFO  # the other client, and its answers, are untouched
    assert "is larger than 1 MiB; not read" in found["L003"].message
    assert received[0] < 2 * MIB


def test_unresolvable_host(aws, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", "https://sts.unresolvable.invalid")
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert "sts.unresolvable.invalid could not be resolved (DNS)" in found["L001"].message


def test_connection_refused(aws, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", f"http://127.0.0.1:{_closed_port()}")
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert "refused the connection" in found["L001"].message


def test_git_host_refusing_the_connection_names_the_git_endpoint_setting(aws):
    found = live_findings(conf_text(aws.allowed), f"http://127.0.0.1:{_closed_port()}", select=("L006",))
    assert "refused the connection" in found["L006"].headline
    assert "--git-endpoint, CONGREGATE_LINT_GIT_ENDPOINT" in found["L006"].fix
    assert "AWS_ENDPOINT_URL" not in found["L006"].message


def test_clock_far_off_is_an_error_and_a_few_minutes_a_warning(aws, moto):
    moto.faults.date_offset = -20 * 60
    found = live_findings(conf_text(aws.allowed), select=("L001", "L007"))
    assert found["L007"].severity is Severity.ERROR and "20 minutes ahead of AWS's" in found["L007"].message
    moto.faults.date_offset = 7 * 60
    found = live_findings(conf_text(aws.allowed), select=("L001", "L007"))
    assert found["L007"].severity is Severity.WARNING and "7 minutes behind AWS's" in found["L007"].message


# --- endpoints, TLS and proxies -----------------------------------------------------------------------------------

def test_service_endpoint_variables_take_precedence(aws, moto, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", moto.url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_CODECOMMIT", moto.url)
    found = live_findings(conf_text(aws.allowed), select=("L001", "L003"))
    assert severities(found) == {"L001": "info", "L003": "info"}


@pytest.fixture(scope="module")
def tls_moto():
    server = MotoServer(tls=True)
    yield server
    server.stop()


def test_untrusted_certificate_fails_unless_ssl_verify_is_off(aws, tls_moto, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", tls_moto.url)  # same moto state, served over TLS with a self-signed cert
    found = live_findings(conf_text(aws.allowed), select=("L001",))
    assert "TLS verification of 127.0.0.1" in found["L001"].message
    found = live_findings(conf_text(aws.allowed, extra="[APP]\nssl_verify = False\n"), select=("L001",))
    assert found["L001"].severity is Severity.INFO


def test_https_proxy_is_used(aws, tls_moto, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", tls_moto.url)
    monkeypatch.setenv("HTTPS_PROXY", f"http://user:proxy-pass@127.0.0.1:{_closed_port()}")
    found = live_findings(conf_text(aws.allowed, extra="[APP]\nssl_verify = False\n"), select=("L001",))
    assert "the proxy 127.0.0.1" in found["L001"].message
    assert "proxy-pass" not in found["L001"].message


def test_https_proxy_carries_the_calls(aws, tls_moto, monkeypatch):
    proxy = ConnectProxy()
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", tls_moto.url)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        found = live_findings(conf_text(aws.allowed, extra="[APP]\nssl_verify = False\n"), select=("L001", "L003"))
    finally:
        proxy.stop()
    assert severities(found) == {"L001": "info", "L003": "info"}
    assert proxy.tunnels and set(proxy.tunnels) == {tls_moto.url.split("//")[1]}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the command line ---------------------------------------------------------------------------------------------

def _cli(args, env_extra: Dict[str, str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in AMBIENT}
    env.update(env_extra)
    streams = {"stdout": subprocess.PIPE, "stderr": kwargs.pop("stderr", subprocess.PIPE)}
    return subprocess.run([sys.executable, "-m", "congregate_lint", *args], env=env, cwd=cwd, text=True, timeout=120,
                          **streams, **kwargs)


def test_no_fallback_to_environment_or_aws_files(aws, moto, tmp_path):
    """Valid AWS_* variables, ~/.aws/credentials and AWS_PROFILE are all there; only the conf's secret is wrong."""
    good = aws.allowed
    aws_dir = tmp_path / ".aws"
    aws_dir.mkdir()
    (aws_dir / "credentials").write_text(f"[default]\naws_access_key_id = {good.key_id}\naws_secret_access_key = "
                                         f"{good.secret}\n[other]\naws_access_key_id = {good.key_id}\n"
                                         f"aws_secret_access_key = {good.secret}\n")
    (aws_dir / "config").write_text("[default]\nregion = us-east-1\n[profile other]\nregion = us-east-1\n")
    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(AwsIdentity(good.key_id, "B" * 40), git_user=None, git_password=None))
    env = {"HOME": str(tmp_path), "AWS_ACCESS_KEY_ID": good.key_id, "AWS_SECRET_ACCESS_KEY": good.secret,
           "AWS_PROFILE": "other", "AWS_ENDPOINT_URL": moto.url}
    result = _cli(["conf", "--live", "--isolated", "--select", "L001", "--format", "json", str(conf)], env, tmp_path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    l001 = [finding for finding in findings if finding["rule"] == "L001"]
    assert len(l001) == 1 and l001[0]["severity"] == "error"
    assert "secret access key does not belong" in l001[0]["message"]
    assert good.secret not in result.stdout + result.stderr


def test_cli_live_prints_only_the_report(aws, moto, git_server, tmp_path):
    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(aws.allowed))
    env = {"AWS_ENDPOINT_URL": moto.url, "CONGREGATE_LINT_GIT_ENDPOINT": git_server.url}
    result = _cli(["conf", "--live", "--isolated", "--select", "L", "--timeout", "2,5", str(conf)], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    report, summary = result.stdout.split("\n\nPre-flight summary", 1)
    headlines = [line for line in report.splitlines() if line.startswith(f"{conf}:")]
    assert [line.split()[1] for line in headlines] == ["info"] * 7
    assert [line[:4] for line in summary.splitlines()[1:]] == ["  ✔ "] * 7  # one checklist line per check
    _assert_no_secret(conf.read_text(), [result.stdout])


def test_cli_progress_lines_go_to_a_terminal_on_stderr(aws, moto, git_server, tmp_path):
    import pty

    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(aws.allowed))
    env = {"AWS_ENDPOINT_URL": moto.url, "CONGREGATE_LINT_GIT_ENDPOINT": git_server.url}
    leader, follower = pty.openpty()
    try:
        result = _cli(["conf", "--live", "--isolated", "--select", "L", "--format", "concise", str(conf)], env, tmp_path,
                      stderr=follower)
    finally:
        os.close(follower)
    progress = _read_all(leader).decode("utf-8").splitlines()
    assert sorted(line.split(": ")[1].split()[1] for line in progress) == sorted(
        ["sts:GetCallerIdentity", "codecommit:ListRepositories", "codecommit:GetRepository",
         "codecommit:ListPullRequests", "git"])
    assert all(": ok (" in line for line in progress)
    assert result.returncode == 0 and "congregate-lint: live" not in result.stdout
    assert len(result.stdout.splitlines()) == 8  # seven findings and the summary line; concise has no checklist


def _read_all(fd: int) -> bytes:
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError:  # the terminal's other end is closed
        pass
    finally:
        os.close(fd)
    return b"".join(chunks)


def test_without_live_the_live_rules_do_not_run_and_boto_is_not_imported(tmp_path):
    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(AwsIdentity("AKIA" + "Q" * 16, "C" * 40)))
    script = ("import sys\nfrom congregate_lint.cli import main\nsys.argv = ['congregate-lint', 'conf', '--isolated', "
              f"'--select', 'L,C', {str(conf)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('boto3', 'botocore'))\n"
              "print('LOADED', loaded)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={key: value for key, value in os.environ.items() if key not in AMBIENT})
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
    assert " L0" not in result.stdout


@pytest.mark.parametrize("args", [["--live", "--timeout", "soon"], ["--live", "--timeout", "0"],
                                  ["--live", "--fix"], ["--live", "--git-endpoint", "git-codecommit.example"]])
def test_bad_live_options_are_usage_errors(args, tmp_path):
    conf = tmp_path / "congregate.conf"
    conf.write_text("[SOURCE]\nsrc_type = CodeCommit\n")
    result = _cli(["conf", "--isolated", *args, str(conf)], {}, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
