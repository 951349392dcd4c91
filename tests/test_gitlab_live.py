"""The GitLab pre-flight (D101-D106, G101-G105) against a GitLab REST double on 127.0.0.1 (tests/live_servers.py).

The double answers with GitLab's documented bodies and status codes; real HTTP through botocore's stack (lint/live/
http.py), real configparser, nothing stubbed in the code under test. The whole ``--live`` run with AWS (moto), Git
(git http-backend) and GitLab together is in the CLI tests at the end.
"""

import base64
import json
import os
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, Optional

import pytest

from congregate_lint.engine import lint_source
from congregate_lint.findings import Finding, Severity
from congregate_lint.formatters import text as text_format
from congregate_lint.live import LiveContext, LiveOptions
from congregate_lint.registry import select_rules
from congregate_lint.reporting.report import Report
from congregate_lint.source import Source
from tests.helpers import split_problems
from tests.live_servers import (
    ConnectProxy, GitHttpServer, GitLabDouble, GitLabFault, GitLabToken, MotoServer, make_bare_repository, make_test_ca,
    seed_account,
)

ADMIN = "glpat-" + "Adm1nT0kenF0rTests20"
USER = "glpat-" + "Us3rT0kenF0rTests200"
READ_API = "glpat-" + "R3adApiT0kenF0rTests"
SOON = "glpat-" + "Exp1resS00nT0kenTest"
EXPIRED = "glpat-" + "Exp1redT0kenF0rTests"
REVOKED = "glpat-" + "Rev0kedT0kenF0rTests"
IMPERSONATION = "glpat-" + "Imp3rs0nat10nT0kenTe"
BLOCKED_OWNER = "glpat-" + "Bl0ckedOwnerT0kenTes"
OAUTH = "0a" * 32
UNKNOWN = "glpat-" + "Unkn0wnT0kenF0rTests"
TOKENS = (ADMIN, USER, READ_API, SOON, EXPIRED, REVOKED, IMPERSONATION, BLOCKED_OWNER, OAUTH, UNKNOWN)
AMBIENT = ("AWS_CA_BUNDLE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
           "ALL_PROXY", "all_proxy", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
           "CONGREGATE_LINT_GIT_ENDPOINT", "AWS_ENDPOINT_URL")
FAR = (date.today() + timedelta(days=300)).isoformat()


def seeded(double: GitLabDouble) -> GitLabDouble:
    double.add_user(1, "root", admin=True)
    double.add_user(2, "migrator")
    double.add_user(5, "importer")
    double.add_user(6, "gone", state="blocked")
    double.add_user(7, "sleeper", state="deactivated")
    double.add_group(42, "company/migrated")
    double.add_group(43, "open", visibility="public")
    double.tokens.update({
        ADMIN: GitLabToken(1, ("api", "read_repository"), FAR), USER: GitLabToken(2, ("api",), FAR),
        READ_API: GitLabToken(1, ("read_api",), FAR),
        SOON: GitLabToken(1, ("api",), (date.today() + timedelta(days=3)).isoformat()),
        EXPIRED: GitLabToken(1, state="expired"), REVOKED: GitLabToken(1, state="revoked"),
        IMPERSONATION: GitLabToken(1, state="impersonation"), BLOCKED_OWNER: GitLabToken(6),
        OAUTH: GitLabToken(1, personal=False),
    })
    return double


@pytest.fixture
def gitlab():
    double = seeded(GitLabDouble())
    yield double
    double.stop()


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    for name in AMBIENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))


def b64(text: str) -> str:
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def destination(host: str, token: Optional[str] = ADMIN, import_user: Optional[str] = "5",
                group_id: Optional[str] = "42", group_path: Optional[str] = "company/migrated",
                src_type: str = "CodeCommit", extra: str = "") -> str:
    lines = ["[DESTINATION]", f"dstn_hostname = {host}"]
    lines += [f"dstn_access_token = {b64(token)}"] if token else []
    lines += [f"import_user_id = {import_user}"] if import_user else []
    lines += [f"dstn_parent_group_id = {group_id}"] if group_id else []
    lines += [f"dstn_parent_group_path = {group_path}"] if group_path else []
    return "\n".join(lines + ["", "[SOURCE]", f"src_type = {src_type}", ""]) + extra


def live(text: str, select=("D1",), **options) -> Dict[str, Finding]:
    """Lint with the selected rules in process; one finding per rule, keyed by rule ID. No token in any text."""
    rules = select_rules(list(select), [])
    settings = dict(connect_timeout=2.0, read_timeout=5.0, deadline=20.0)
    settings.update(options)
    findings = lint_source(Source("congregate.conf", text.encode()), rules,
                           LiveContext(LiveOptions(**settings), rules)).findings
    assert_no_token(findings_text(findings))
    assert split_problems(findings) == []
    chosen = [finding for finding in findings if any(finding.rule.startswith(prefix) for prefix in select)]
    by_rule = {finding.rule: finding for finding in chosen}
    assert len(by_rule) == len(chosen), [finding.rule for finding in chosen]
    return by_rule


def findings_text(findings) -> str:
    return "\n".join(f"{f.message} {f.location}" for f in findings) + text_format.render(Report(findings, 1, []))


def assert_no_token(output: str) -> None:
    for token in TOKENS:
        assert token not in output and b64(token) not in output


def severities(found: Dict[str, Finding]) -> Dict[str, str]:
    return {rule: finding.severity.value for rule, finding in found.items()}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- success ------------------------------------------------------------------------------------------------------

def test_an_administrators_token_passes_every_destination_check(gitlab):
    found = live(destination(gitlab.url))
    assert severities(found) == {rule: "info" for rule in ("D101", "D102", "D103", "D104", "D105", "D106", "D107")}
    assert found["D107"].skipped and "administrator's" in found["D107"].explanation
    assert "GitLab 17.3.1-ee (Enterprise Edition)" in found["D101"].headline
    assert "root" in found["D102"].headline and "administrator" in found["D102"].headline
    assert f"expires {FAR}" in found["D103"].headline and "api, read_repository" in found["D103"].headline
    assert "importer (active)" in found["D104"].headline
    assert "'company/migrated' (private)" in found["D105"].headline
    assert "gitlab_project is enabled" in found["D106"].headline
    assert {path.split("?")[0] for path, _ in gitlab.requests} == {
        "/api/v4/version", "/api/v4/user", "/api/v4/personal_access_tokens/self", "/api/v4/users/5",
        "/api/v4/groups/42", "/api/v4/application/settings"}
    assert {token for _, token in gitlab.requests} == {ADMIN}  # the conf's token, in PRIVATE-TOKEN, nothing else


def test_each_destination_rule_is_placed_on_the_key_it_checks(gitlab):
    """Lines: 2 dstn_hostname, 3 dstn_access_token, 4 import_user_id, 5 group ID, 6 group path."""
    found = live(destination(gitlab.url))
    assert {rule: (f.location, f.line) for rule, f in found.items()} == {
        "D101": ("DESTINATION.dstn_hostname", 2), "D102": ("DESTINATION.dstn_access_token", 3),
        "D103": ("DESTINATION.dstn_access_token", 3), "D104": ("DESTINATION.import_user_id", 4),
        "D105": ("DESTINATION.dstn_parent_group_path", 6), "D106": ("DESTINATION.dstn_hostname", 2),
        "D107": ("DESTINATION", 1)}


# --- the token ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token, words", [(UNKNOWN, "is not known to this GitLab"), (EXPIRED, "has expired"),
                                          (REVOKED, "was revoked"), (IMPERSONATION, "impersonation is disabled")])
def test_a_refused_token_is_named_once_with_its_reason(gitlab, token, words):
    found = live(destination(gitlab.url, token=token))
    assert found["D102"].severity is Severity.ERROR and words in found["D102"].headline
    assert found["D102"].key == "dstn_access_token"
    assert "Invalid user and/or token" in found["D102"].explanation and "api scope" in found["D102"].fix
    for rule in ("D103", "D104", "D105", "D106", "D107"):
        assert found[rule].severity is Severity.INFO and found[rule].skipped and "not checked" in found[rule].headline
    assert found["D101"].severity is Severity.INFO and found["D101"].skipped


def test_a_blocked_token_owner_is_an_error(gitlab):
    found = live(destination(gitlab.url, token=BLOCKED_OWNER), select=("D102",))
    assert found["D102"].severity is Severity.ERROR
    assert "denies the token's user API access (blocked)" in found["D102"].headline


def test_read_api_only_is_an_error(gitlab):
    found = live(destination(gitlab.url, token=READ_API), select=("D103",))
    assert found["D103"].severity is Severity.ERROR
    assert found["D103"].headline == "the token has read_api but not api"


def test_a_token_expiring_within_a_week_is_a_warning_with_its_date(gitlab):
    found = live(destination(gitlab.url, token=SOON), select=("D103",))
    expiry = (date.today() + timedelta(days=3)).isoformat()
    assert found["D103"].severity is Severity.WARNING
    assert found["D103"].headline == f"the token expires on {expiry}, in 3 days"


def test_a_token_gitlab_does_not_describe_leaves_scopes_unchecked(gitlab):
    found = live(destination(gitlab.url, token=OAUTH), select=("D102", "D103"))
    assert found["D102"].severity is Severity.INFO
    assert found["D103"].skipped and "not a personal, group or project access token" in found["D103"].explanation


def test_a_non_administrator_is_a_warning_for_codecommit_and_an_error_for_gitlab_sources(gitlab):
    found = live(destination(gitlab.url, token=USER))
    assert found["D102"].severity is Severity.WARNING
    assert "cannot create users" in found["D102"].explanation
    assert found["D106"].skipped and "needs an administrator's token" in found["D106"].headline
    found = live(destination(gitlab.url, token=USER, src_type="GitLab"), select=("D102",))
    assert found["D102"].severity is Severity.ERROR


# --- import user, parent group, import sources --------------------------------------------------------------------

@pytest.mark.parametrize("user, severity, words", [("6", "error", "the import user gone is blocked"),
                                                    ("7", "warning", "the import user sleeper is deactivated"),
                                                    ("999", "error", "no user 999 on 127.0.0.1")])
def test_import_user_that_is_missing_blocked_or_deactivated(gitlab, user, severity, words):
    found = live(destination(gitlab.url, import_user=user), select=("D104",))
    assert found["D104"].severity.value == severity and words in found["D104"].headline
    assert (found["D104"].key, found["D104"].line) == ("import_user_id", 4)


def test_parent_group_path_mismatch_public_group_and_missing_group(gitlab):
    found = live(destination(gitlab.url, group_path="company/Migrated"), select=("D105",))
    assert found["D105"].severity is Severity.ERROR
    assert found["D105"].headline == "group 42 is 'company/migrated', not 'company/Migrated'"
    assert found["D105"].fix == "Set dstn_parent_group_path = company/migrated, or correct dstn_parent_group_id."
    found = live(destination(gitlab.url, group_id="43", group_path="open"), select=("D105",))
    assert found["D105"].severity is Severity.ERROR and "is public" in found["D105"].headline
    found = live(destination(gitlab.url, group_id="77", group_path=None), select=("D105",))
    assert found["D105"].severity is Severity.ERROR and found["D105"].key == "dstn_parent_group_id"
    found = live(destination(gitlab.url, group_id=None, group_path=None), select=("D105",))
    assert found["D105"].skipped


@pytest.mark.parametrize("level, severity, words", [(None, "error", "is not a member of company/migrated"),
                                                     (20, "error", "is only Reporter in company/migrated"),
                                                     (30, "warning", "is only Developer in company/migrated"),
                                                     (50, "info", "is Owner in company/migrated")])
def test_a_non_administrators_role_in_the_parent_group(gitlab, level, severity, words):
    if level is not None:
        gitlab.members[(42, 2)] = level
    found = live(destination(gitlab.url, token=USER), select=("D107",))
    assert found["D107"].severity.value == severity and words in found["D107"].headline
    assert found["D107"].key == "dstn_parent_group_id"
    assert ("/api/v4/groups/42/members/all/2", USER) in gitlab.requests


def test_import_source_the_migration_needs_is_disabled(gitlab):
    gitlab.settings["import_sources"] = ["github", "git"]
    found = live(destination(gitlab.url), select=("D106",))
    assert found["D106"].severity is Severity.ERROR
    assert found["D106"].headline == "the import source gitlab_project is disabled on the destination"
    found = live(destination(gitlab.url, src_type="GitHub"), select=("D106",))
    assert found["D106"].severity is Severity.INFO and "github is enabled" in found["D106"].headline


def test_direct_transfer_needs_bulk_import_enabled(gitlab):
    gitlab.settings["bulk_import_enabled"] = False
    found = live(destination(gitlab.url, src_type="GitLab", extra="[APP]\ndirect_transfer = True\n"),
                 select=("D106",))
    assert found["D106"].severity is Severity.ERROR and "Direct Transfer is disabled" in found["D106"].headline


# --- what the host does -------------------------------------------------------------------------------------------

def test_a_redirect_is_reported_and_never_followed(gitlab):
    elsewhere = seeded(GitLabDouble())
    try:
        gitlab.fault(GitLabFault("", "redirect", times=100, location=f"{elsewhere.url}/api/v4/version"))
        found = live(destination(gitlab.url), select=("D101", "D102"))
    finally:
        elsewhere.stop()
    assert found["D101"].severity is Severity.ERROR
    assert found["D101"].headline == f"{gitlab.url[7:]} redirects the API to 127.0.0.1 (HTTP 301)"
    assert "not followed" in found["D101"].explanation
    assert elsewhere.requests == []  # the token went nowhere else


def test_a_redirect_to_an_unreadable_address_is_worded_for_gitlab(gitlab):
    gitlab.fault(GitLabFault("", "redirect", times=100, location="http://[::1/api/v4/version"))
    found = live(destination(gitlab.url), select=("D101",))
    assert found["D101"].headline == f"{gitlab.url[7:]} redirects the API to an address that cannot be read (HTTP 3xx)"
    assert "not followed" in found["D101"].explanation


def test_a_429_is_waited_out_within_the_deadline(gitlab):
    gitlab.fault(GitLabFault("version", "throttle", times=2, headers=(("Retry-After", "1"),)))
    started = time.monotonic()
    found = live(destination(gitlab.url), select=("D101",))
    assert found["D101"].severity is Severity.INFO
    assert [path for path, _ in gitlab.requests].count("/api/v4/version") == 3
    assert time.monotonic() - started >= 2


def test_ratelimit_reset_is_a_posix_time(gitlab):
    reset = str(int(time.time()) + 1)
    gitlab.fault(GitLabFault("version", "throttle", headers=(("RateLimit-Reset", reset),)))
    found = live(destination(gitlab.url), select=("D101",))
    assert found["D101"].severity is Severity.INFO


def test_a_wait_longer_than_the_deadline_gives_up_at_once(gitlab):
    gitlab.fault(GitLabFault("version", "throttle", times=5, headers=(("Retry-After", "120"),)))
    started = time.monotonic()
    found = live(destination(gitlab.url), select=("D101",))
    assert time.monotonic() - started < 5
    assert found["D101"].severity is Severity.WARNING and "HTTP 429" in found["D101"].headline


def test_a_hanging_server_is_named_within_the_read_timeout(gitlab):
    gitlab.fault(GitLabFault("version", "hang", seconds=3))
    found = live(destination(gitlab.url), select=("D101",), read_timeout=1.0)
    assert found["D101"].severity is Severity.WARNING
    assert found["D101"].headline == f"{gitlab.url[7:]} did not answer within 1 s"


def test_the_overall_deadline_stops_waiting(gitlab):
    gitlab.fault(GitLabFault("version", "hang", seconds=4))
    started = time.monotonic()
    found = live(destination(gitlab.url), select=("D101",), read_timeout=10.0, deadline=1.0)
    assert time.monotonic() - started < 3
    assert "did not finish within the overall deadline of 1 s" in found["D101"].headline


def test_a_reset_connection(gitlab):
    gitlab.fault(GitLabFault("version", "reset"))
    found = live(destination(gitlab.url), select=("D101",))
    assert "reset the connection before answering" in found["D101"].headline


@pytest.mark.parametrize("kind, words", [("oversized", "more than 1 MiB"), ("html", "not GitLab's JSON")])
def test_answers_that_are_not_gitlabs_api(gitlab, kind, words):
    gitlab.fault(GitLabFault("version", kind))
    found = live(destination(gitlab.url), select=("D101",))
    assert found["D101"].severity is Severity.ERROR and words in found["D101"].headline


def test_api_path_in_the_host_gives_404_named_at_the_key(gitlab):
    found = live(destination(gitlab.url + "/api/v4"), select=("D001", "D101"))
    assert found["D101"].headline == f"no GitLab API at {gitlab.url}/api/v4/api/v4 (HTTP 404)"
    assert found["D101"].key == "dstn_hostname"


def test_unreachable_hosts_are_named_in_seconds():
    started = time.monotonic()
    port = closed_port()
    found = live(destination(f"https://127.0.0.1:{port}"), select=("D101",))
    assert found["D101"].headline.startswith(f"127.0.0.1:{port} refused the connection: nothing listens there")
    found = live(destination("https://gitlab.unresolvable.invalid"), select=("D101",))
    assert found["D101"].headline.startswith("the host name in dstn_hostname (gitlab.unresolvable.invalid) does not "
                                             "resolve")
    assert "about 20 minutes" in found["D101"].explanation
    assert time.monotonic() - started < 15


def test_a_conf_without_destination_warns_once():
    found = live("[SOURCE]\nsrc_type = CodeCommit\n")
    assert all(f.skipped and "dstn_hostname is not set" in f.explanation for f in found.values())
    assert [rule for rule, f in found.items() if f.severity is not Severity.INFO] == ["D102"]
    assert found["D102"].severity is Severity.WARNING


def test_a_host_without_scheme_is_not_called():
    found = live(destination("gitlab.example.com"), select=("D101", "D102"))
    assert all(f.skipped and "not an http(s):// URL" in f.explanation for f in found.values())


def test_tls_with_a_test_ca(tmp_path, monkeypatch):
    ca, certificate = make_test_ca(tmp_path)
    double = seeded(GitLabDouble(certificate=certificate))
    try:
        found = live(destination(double.url), select=("D101",))
        assert found["D101"].headline == "the TLS certificate of 127.0.0.1:{} is not trusted here".format(
            double.url.rsplit(":", 1)[1]) + found["D101"].headline[-len(" (after 0.0 s)"):]
        found = live(destination(double.url, extra="[APP]\nssl_verify = False\n"), select=("D101", "D004"))
        assert found["D101"].severity is Severity.INFO and found["D004"].severity is Severity.WARNING
        monkeypatch.setenv("AWS_CA_BUNDLE", ca)
        found = live(destination(double.url), select=("D101",))
        assert found["D101"].severity is Severity.INFO
    finally:
        double.stop()


def test_https_proxy_carries_the_gitlab_calls(tmp_path, monkeypatch):
    ca, certificate = make_test_ca(tmp_path)
    double, proxy = seeded(GitLabDouble(certificate=certificate)), ConnectProxy()
    try:
        monkeypatch.setenv("AWS_CA_BUNDLE", ca)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        found = live(destination(double.url), select=("D101", "D102"))
    finally:
        proxy.stop()
        double.stop()
    assert severities(found) == {"D101": "info", "D102": "info"}
    assert set(proxy.tunnels) == {double.url.split("//")[1]}


def test_every_live_finding_names_the_host_the_token_went_to(gitlab):
    host = gitlab.url.split("//")[1]
    for text in (destination(gitlab.url), destination(gitlab.url, token=USER, import_user="7")):
        for finding in live(text).values():
            assert finding.skipped or host in finding.message, finding.message  # a skipped check sent nothing


# --- a GitLab source ----------------------------------------------------------------------------------------------

def gitlab_to_gitlab(source: str, target: str, token: str = ADMIN, group: str = "company/migrated") -> str:
    return destination(target, src_type="GitLab") + (f"src_hostname = {source}\nsrc_access_token = {b64(token)}\n"
                                                     f"src_parent_group_id = 42\nsrc_parent_group_path = {group}\n")


@pytest.fixture
def source_gitlab():
    double = seeded(GitLabDouble(version="17.2.0"))
    yield double
    double.stop()


def test_a_gitlab_source_passes_every_check(gitlab, source_gitlab):
    found = live(gitlab_to_gitlab(source_gitlab.url, gitlab.url), select=("G1", "D101"))
    assert severities(found) == {rule: "info" for rule in ("D101", "G101", "G102", "G103", "G104", "G105")}
    assert found["G105"].headline == "versions fit for export/import (source 17.2.0, destination 17.3.1-ee)"
    assert {token for _, token in source_gitlab.requests} == {ADMIN}
    assert found["G102"].location == "SOURCE.src_access_token"


def test_a_gitlab_source_needs_an_administrator_and_matching_group(gitlab, source_gitlab):
    found = live(gitlab_to_gitlab(source_gitlab.url, gitlab.url, token=USER, group="company"), select=("G1",))
    assert found["G102"].severity is Severity.ERROR and "not an administrator" in found["G102"].headline
    assert found["G104"].severity is Severity.ERROR and found["G104"].key == "src_parent_group_path"


def test_a_source_newer_than_the_destination_is_an_error(gitlab, source_gitlab):
    source_gitlab.version = "17.5.0-ee"
    found = live(gitlab_to_gitlab(source_gitlab.url, gitlab.url), select=("G105", "G101", "D101"))
    assert found["G105"].severity is Severity.ERROR and "newer than the destination" in found["G105"].headline
    source_gitlab.version = "16.11.0"
    found = live(gitlab_to_gitlab(source_gitlab.url, gitlab.url), select=("G105",))
    assert found["G105"].severity is Severity.WARNING


def test_source_checks_skip_other_source_types(gitlab):
    found = live(destination(gitlab.url), select=("G1",))
    assert all(f.skipped for rule, f in found.items() if rule != "G105") and "G105" not in found
    assert all("src_type is not GitLab" in f.explanation for f in found.values())


# --- the command line: AWS, Git and GitLab together ---------------------------------------------------------------

def _cli(args, env_extra: Dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in AMBIENT}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "congregate_lint", *args], env=env, cwd=cwd, text=True, timeout=120,
                          capture_output=True)


@pytest.fixture(scope="module")
def aws_and_git(tmp_path_factory):
    moto = MotoServer()
    root = tmp_path_factory.mktemp("git")
    make_bare_repository(root, "alpha")
    password = base64.b64encode(bytes(range(5, 37))).decode("ascii")
    git = GitHttpServer(root, {"allowed-at-123456789012": password})
    account = seed_account(moto, repositories=("alpha",))
    yield moto, git, account.allowed, password
    git.stop()
    moto.stop()


def full_conf(gitlab_url: str, identity, git_password: str, token: str = ADMIN) -> str:
    return destination(gitlab_url, token=token) + (
        f"src_aws_region = us-east-1\nsrc_aws_access_key_id = {identity.key_id}\n"
        f"src_aws_secret_access_key = {b64(identity.secret)}\n"
        f"src_aws_codecommit_username = allowed-at-123456789012\nsrc_aws_codecommit_password = {b64(git_password)}\n")


def test_cli_live_runs_both_sides_and_ends_with_the_pre_flight_summary(gitlab, aws_and_git, tmp_path):
    moto, git, identity, password = aws_and_git
    conf = tmp_path / "congregate.conf"
    conf.write_text(full_conf(gitlab.url, identity, password))
    env = {"AWS_ENDPOINT_URL": moto.url, "CONGREGATE_LINT_GIT_ENDPOINT": git.url}
    result = _cli(["conf", "--live", "--isolated", "--select", "L,D1", str(conf)], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.split("Pre-flight summary (✔ verified, ! warning, ✘ failed, – not checked):\n")[1]
    lines = summary.splitlines()
    assert [line[:4] for line in lines] == ["  ✔ "] * 13 + ["  – "], summary  # an administrator: no role to check
    assert lines[-1].startswith("  – GitLab destination access to the parent group: token's access to the parent")
    assert any(line.startswith("  ✔ AWS identity: AWS accepts these credentials") for line in lines)
    assert any(line.startswith("  ✔ GitLab destination token owner: the token of root is accepted") for line in lines)
    assert_no_token(result.stdout + result.stderr)
    assert identity.secret not in result.stdout and password not in result.stdout


def test_cli_summary_marks_failures_and_unchecked_items(gitlab, aws_and_git, tmp_path):
    moto, git, identity, password = aws_and_git
    conf = tmp_path / "congregate.conf"
    conf.write_text(full_conf(gitlab.url, identity, password, token=REVOKED))
    env = {"AWS_ENDPOINT_URL": moto.url, "CONGREGATE_LINT_GIT_ENDPOINT": git.url}
    result = _cli(["conf", "--live", "--isolated", "--select", "L001,D1", "--format", "text", str(conf)], env,
                  tmp_path)
    assert result.returncode == 1
    summary = result.stdout.split("not checked):\n")[1].splitlines()
    assert summary[2] == "  ✘ GitLab destination token owner: GitLab refuses dstn_access_token: the token was revoked"
    assert [line[2] for line in summary] == ["✔", "–", "✘", "–", "–", "–", "–", "–"]
    json_result = _cli(["conf", "--live", "--isolated", "--select", "D1", "--format", "json", str(conf)], env,
                       tmp_path)
    assert "Pre-flight summary" not in json_result.stdout  # only the text report carries it
    assert json.loads(json_result.stdout)["summary"]["errors"] == 1
    assert_no_token(result.stdout + json_result.stdout)


def test_without_live_the_gitlab_rules_do_not_run_and_nothing_is_sent(gitlab, tmp_path):
    conf = tmp_path / "congregate.conf"
    conf.write_text(destination(gitlab.url))
    script = ("import sys\nfrom congregate_lint.cli import main\nsys.argv = ['congregate-lint', 'conf', '--isolated', "
              f"'--select', 'D,G', {str(conf)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('boto3', 'botocore'))\n"
              "print('LOADED', loaded)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
    assert "D101" not in result.stdout and "Pre-flight summary" not in result.stdout
    assert gitlab.requests == []
