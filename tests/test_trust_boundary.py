"""Where credentials go: only the conf and the person running the command decide, and no redirect carries one.

A capture server on 127.0.0.1 records every request. Each test that proves a credential does not reach it has a
positive control: the same set-up with the capture server given on the command line, where it does get one.
"""

import base64
import json
import time

import pytest

from congregate_lint.live import http
from congregate_lint.live.endpoints import Endpoint, OverrideError, aws_override, checked_override, is_loopback
from tests.live_servers import CaptureServer
from tests.test_live import (  # noqa: F401 - fixtures
    GIT_PASSWORD, GIT_USER, _cli, aws, conf_text, git_server, isolated_env, live_findings, moto,
)


@pytest.fixture
def capture():
    server = CaptureServer(401, [("WWW-Authenticate", 'Basic realm="capture"')])
    yield server
    server.stop()


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _write_conf(tmp_path, aws_account):
    (tmp_path / ".git").mkdir(exist_ok=True)  # the config search stops here
    conf = tmp_path / "congregate.conf"
    conf.write_text(conf_text(aws_account.allowed))
    return conf


# --- configuration files never steer a credential ----------------------------------------------------------------

@pytest.mark.parametrize("file_name, table", [(".congregate-lint.toml", "[live]"),
                                              ("pyproject.toml", "[tool.congregate-lint.live]")])
def test_a_config_file_cannot_send_the_git_credential_elsewhere(aws, moto, capture, tmp_path, file_name, table):
    conf = _write_conf(tmp_path, aws)
    (tmp_path / file_name).write_text(f'{table}\ngit-endpoint = "{capture.url}"\n')
    result = _cli(["conf", "--live", "--select", "L", str(conf)], {"AWS_ENDPOINT_URL": moto.url}, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "live.git-endpoint: refused: a configuration file may select rules, severities and formats" in result.stderr
    assert "--git-endpoint or CONGREGATE_LINT_GIT_ENDPOINT" in result.stderr
    assert capture.requests == []


def test_positive_control_the_command_line_override_does_reach_the_capture_server(aws, moto, capture, tmp_path):
    conf = _write_conf(tmp_path, aws)
    result = _cli(["conf", "--live", "--select", "L006", "--format", "json", "--git-endpoint", capture.url,
                   str(conf)], {"AWS_ENDPOINT_URL": moto.url}, tmp_path)
    assert result.returncode == 1, result.stderr
    assert capture.credentials_seen == [_basic(GIT_USER, GIT_PASSWORD)]
    message = json.loads(result.stdout)["findings"][0]["message"]
    assert "HTTP 401" in message
    assert "sent to 127.0.0.1 (an override given by --git-endpoint) over plain http://, in clear text" in message


@pytest.mark.parametrize("body, key, why", [
    ('[live]\nproxy = "http://127.0.0.1:9"\n', "live.proxy", "not a proxy for credentials"),
    ('[live]\nca-bundle = "/tmp/ca.pem"\n', "live.ca-bundle", "not which TLS certificates are trusted"),
    ('[live]\nverify = false\n', "live.verify", "not which TLS certificates are trusted"),
    ('gitlab-url = "https://gitlab.example.com"\n', "gitlab-url", "not where credentials are sent"),
    ('[live]\ndeadline = 3600\n', "live.deadline", "3600 seconds is above the 60 a configuration file may set"),
    ('[live]\ntimeout = "5,600"\n', "live.timeout", "600 seconds is above the 30 a configuration file may set"),
    ('[live]\ntimeout = 31\n', "live.timeout", "31 seconds is above the 30"),
])
def test_a_config_file_that_steers_or_stalls_is_refused_naming_the_key(tmp_path, body, key, why):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".congregate-lint.toml").write_text(body)
    (tmp_path / "congregate.conf").write_text("[SOURCE]\nsrc_type = CodeCommit\n")
    result = _cli(["conf", "congregate.conf"], {}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f".congregate-lint.toml: {key}: " in result.stderr and why in result.stderr


def test_a_config_file_may_still_lower_the_time_limits(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".congregate-lint.toml").write_text('[live]\ndeadline = 60\ntimeout = "2,30"\n')
    (tmp_path / "congregate.conf").write_text("[SOURCE]\nsrc_type = gitlab\n")
    result = _cli(["conf", "--live", "--select", "L", "congregate.conf"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "7 infos. Findings assume" in result.stdout  # each live check skipped: src_type is not CodeCommit


# --- overrides from the command line and the environment ----------------------------------------------------------

@pytest.mark.parametrize("args, env, named", [
    (["--git-endpoint", "http://git.example.com"], {}, "--git-endpoint"),
    ([], {"CONGREGATE_LINT_GIT_ENDPOINT": "http://10.0.0.7:8080"}, "CONGREGATE_LINT_GIT_ENDPOINT"),
    ([], {"AWS_ENDPOINT_URL": "http://aws.example.com"}, "AWS_ENDPOINT_URL"),
    ([], {"AWS_ENDPOINT_URL_STS": "http://127.example.com"}, "AWS_ENDPOINT_URL_STS"),
])
def test_an_override_pointing_a_credential_at_plain_http_is_refused(aws, moto, capture, tmp_path, args, env, named):
    conf = _write_conf(tmp_path, aws)
    result = _cli(["conf", "--live", *args, str(conf)], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"congregate-lint: {named}: refused: plain http:// would send the conf's credential in clear text" \
        in result.stderr
    assert result.stdout == ""


def test_an_override_with_a_password_in_it_is_refused():
    with pytest.raises(OverrideError, match="must not contain a user name or password"):
        checked_override("https://user:pass@git.example.com", "--git-endpoint")


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("LOCALHOST.", True), ("10.0.0.1", False), ("127.example.com", False), ("localhost.example.com", False),
    ("0.0.0.0", False), ("", False), (None, False),
])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_http_is_accepted_for_a_loopback_override_and_https_anywhere():
    assert checked_override("http://127.0.0.1:8080/", "--git-endpoint") == Endpoint("http://127.0.0.1:8080",
                                                                                    "--git-endpoint")
    assert checked_override("https://git.example.com/prefix", "X").url == "https://git.example.com/prefix"


def test_a_plain_http_host_the_conf_names_is_used_with_a_clear_text_warning():
    """No override: the conf's own host (dstn_hostname = http://…, say) is used as Congregate uses it."""
    assert Endpoint("http://gitlab.internal:8080").sent_to() == (
        "sent to gitlab.internal over plain http://, in clear text")
    assert Endpoint("https://gitlab.example.com").sent_to() == "sent to gitlab.example.com"


def test_aws_endpoint_variables_are_checked_service_first():
    environ = {"AWS_ENDPOINT_URL": "http://aws.example.com", "AWS_ENDPOINT_URL_STS": "https://sts.example.com"}
    assert aws_override("sts", environ) == Endpoint("https://sts.example.com", "AWS_ENDPOINT_URL_STS")
    with pytest.raises(OverrideError, match="AWS_ENDPOINT_URL: refused"):
        aws_override("codecommit", environ)
    assert aws_override("codecommit", {**environ, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}) is None


# --- every finding that sent a credential names the host ----------------------------------------------------------

def test_every_live_finding_that_sent_a_credential_names_the_host_and_the_override(aws, moto, git_server):
    found = live_findings(conf_text(aws.allowed), git_server.url)
    aws_note = "sent to 127.0.0.1 (an override given by AWS_ENDPOINT_URL) over plain http://, in clear text"
    for rule in ("L001", "L003", "L004", "L005"):
        assert aws_note in found[rule].message, found[rule].message
    assert "sent to 127.0.0.1 (an override given by --git-endpoint)" in found["L006"].message


def test_the_environment_override_is_named_as_such(aws, moto, git_server):
    found = live_findings(conf_text(aws.allowed), git_server.url, select=("L006",),
                          git_endpoint_origin="CONGREGATE_LINT_GIT_ENDPOINT")
    assert "(an override given by CONGREGATE_LINT_GIT_ENDPOINT)" in found["L006"].message


def test_a_refused_override_sends_nothing_even_past_the_command_line(aws, moto):
    """LiveOptions built without the CLI (a library caller) are checked by the runner too."""
    found = live_findings(conf_text(aws.allowed), "http://192.0.2.1:9", select=("L006",))
    assert found["L006"].severity.value == "error"
    assert "failed: not run" in found["L006"].headline
    assert "--git-endpoint: refused: plain http://" in found["L006"].explanation
    assert "sent to" not in found["L006"].message


# --- no redirect carries a credential -----------------------------------------------------------------------------

@pytest.fixture
def redirector(capture):
    """Answers every request with 302 to the capture server, under another host name (localhost)."""
    port = capture.url.rsplit(":", 1)[1]
    server = CaptureServer(302, [("Location", f"http://localhost:{port}/v1/repos/alpha/info/refs")])
    yield server
    server.stop()


def test_the_git_probe_reports_a_redirect_and_does_not_follow_it(aws, moto, capture, redirector):
    found = live_findings(conf_text(aws.allowed), redirector.url, select=("L006",))
    message = found["L006"].message
    assert "HTTP 302, redirected to localhost; credentials not sent there" in message
    assert found["L006"].severity.value == "warning"
    assert redirector.credentials_seen == [_basic(GIT_USER, GIT_PASSWORD)]  # the override itself got it
    assert capture.requests == []


@pytest.mark.parametrize("header", ["PRIVATE-TOKEN", "Authorization"])
def test_a_gitlab_like_token_never_follows_a_redirect(capture, redirector, header):
    token = "glpat-" + "A1b2C3d4E5f6G7h8I9j0"
    answer = http.get(redirector.url + "/api/v4/user", {header: token}, (2.0, 5.0), True)
    assert answer.status == 302 and answer.redirect_host == "localhost"
    assert answer.redirect_note() == "HTTP 302, redirected to localhost; credentials not sent there"
    assert redirector.credentials_seen == [token]
    assert capture.requests == []


def test_a_redirect_to_an_unprintable_host_is_not_echoed(aws, moto):
    server = CaptureServer(301, [("Location", "https://\u00e9vil.example/")])
    try:
        found = live_findings(conf_text(aws.allowed), server.url, select=("L006",))
    finally:
        server.stop()
    assert "redirected to another host; credentials not sent there" in found["L006"].message
    assert "vil.example" not in found["L006"].message


UNREADABLE_LOCATIONS = ["http://[::1", "https://git.example:99999/", "http://a b/"]


@pytest.mark.parametrize("location", UNREADABLE_LOCATIONS)
def test_a_redirect_to_an_unreadable_address_is_a_git_redirect_not_an_aws_failure(aws, moto, location):
    server = CaptureServer(302, [("Location", location)])
    try:
        found = live_findings(conf_text(aws.allowed), server.url, select=("L006",))
    finally:
        server.stop()
    finding = found["L006"]
    assert finding.headline == "git info/refs over HTTPS failed: the Git host redirected the request"
    assert "a redirect to an address that cannot be read; credentials not sent there" in finding.explanation
    assert "AWS" not in finding.headline + finding.explanation and finding.severity.value == "warning"
    assert "The credential was sent to 127.0.0.1" in finding.message  # the host answered


@pytest.mark.parametrize("location", UNREADABLE_LOCATIONS)
def test_http_get_names_a_redirect_to_an_unreadable_address(location):
    server = CaptureServer(302, [("Location", location)])
    try:
        with pytest.raises(http.UnreadableRedirect, match="credentials not sent there"):
            http.get(server.url + "/api/v4/user", {"PRIVATE-TOKEN": "glpat-A1b2C3d4E5f6G7h8I9j0"}, (2.0, 5.0), True)
    finally:
        server.stop()


# --- bounded responses --------------------------------------------------------------------------------------------

def test_http_get_reads_at_most_the_cap():
    server = CaptureServer(200, [("Content-Type", "text/plain")], body_size=8 * http.MAX_BODY)
    try:
        answer = http.get(server.url, {}, (2.0, 5.0), True)
    finally:
        server.stop()
    assert len(answer.body) == http.MAX_BODY and answer.truncated


def test_the_git_probe_reads_a_huge_answer_only_up_to_its_cap_and_says_so(aws, moto):
    server = CaptureServer(200, [("Content-Type", "text/html")], body_size=512 * 1024 * 1024)
    started = time.monotonic()
    try:
        found = live_findings(conf_text(aws.allowed), server.url, select=("L006",))
    finally:
        server.stop()
    assert time.monotonic() - started < 15
    assert "not with Git's smart-HTTP ref advertisement" in found["L006"].message
    assert "its first 64 KiB were read, the rest was not" in found["L006"].message


def test_a_probe_stopped_by_the_deadline_still_names_where_its_credential_went(aws, moto):
    tarpit = CaptureServer(200, delay=30)
    try:
        found = live_findings(conf_text(aws.allowed), tarpit.url, select=("L006",), deadline=4.0, read_timeout=30.0)
    finally:
        tarpit.stop()
    message = found["L006"].message
    assert "did not finish within the overall deadline of 4 s" in message
    assert "addressed to 127.0.0.1 (an override given by --git-endpoint), which did not answer" in message
    assert tarpit.credentials_seen == [_basic(GIT_USER, GIT_PASSWORD)]
