"""The live source probes (lint/live/github.py, bitbucket.py, azure_devops.py) against loopback doubles."""

import base64

import pytest

from congregate_lint.engine import load
from congregate_lint.live import LiveOptions
from congregate_lint.live import azure_devops, bitbucket, github
from congregate_lint.live.probing import Deadline, Session
from congregate_lint.live.results import (
    ADO_CONNECTION, ADO_PROJECTS, BITBUCKET_CLOUD_USER, BITBUCKET_CLOUD_WORKSPACE, BITBUCKET_SERVER_ADMIN,
    BITBUCKET_SERVER_USER, GITHUB_RATE_LIMIT, GITHUB_SCOPES, GITHUB_USER,
)
from congregate_lint.source import Source
from tests import credentials as c
from tests.source_servers import (
    AzureDevOpsServerDouble, BitbucketCloudDouble, BitbucketServerDouble, GitHubEnterpriseDouble,
)

OPTIONS = LiveOptions(connect_timeout=2.0, read_timeout=5.0, deadline=20.0)
ADMIN_TOKEN, PLAIN_TOKEN, FINE_TOKEN = c.github_token(seed=201), c.github_token(seed=202), c.github_fine_grained_token()
ADO_PAT = c.azure_devops_pat(seed=203)
APP_PASSWORD, BEARER = c.bitbucket_app_password(seed=204), c.atlassian_api_token(seed=205, prefix="ATCTT")
PASSWORD = c.password(seed=206)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
                 "AWS_CA_BUNDLE", bitbucket.CLOUD_API_OVERRIDE):
        monkeypatch.delenv(name, raising=False)


def ob(text: str) -> str:
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def session(parsed):
    return Session(parsed, OPTIONS, Deadline(OPTIONS.deadline), lambda result: result)


def conf(source: str):
    return load(Source("congregate.conf", ("[SOURCE]\n" + source).encode("utf-8")))


def serve(request, double):
    request.addfinalizer(double.stop)
    return double


# --- GitHub Enterprise ----------------------------------------------------------------------------------------------

@pytest.fixture
def ghe(request):
    return serve(request, GitHubEnterpriseDouble({
        ADMIN_TOKEN: {"login": "admin", "site_admin": True, "scopes": "repo, read:org, site_admin"},
        PLAIN_TOKEN: {"login": "dev", "site_admin": False, "scopes": "repo"},
        FINE_TOKEN: {"login": "admin2", "site_admin": True, "scopes": None},
    }))


def github_conf_text(url, tokens):
    return f"[SOURCE]\nsrc_type = github\nsrc_hostname = {url}/\nsrc_access_token = {','.join(ob(t) for t in tokens)}\n"


def github_conf(url, tokens):
    return load(Source("congregate.conf", github_conf_text(url, tokens).encode("utf-8")))


def test_github_enterprise_site_admin_token_passes(ghe):
    results = github.probe(session(github_conf(ghe.url, [ADMIN_TOKEN, FINE_TOKEN])))
    assert all(results[name].ok for name in github.PROBES)
    assert results[GITHUB_USER].data["logins"] == ["admin", "admin2"]
    assert results[GITHUB_SCOPES].data == {"listed": [["read:org", "repo", "site_admin"]], "unlisted": 1}
    assert results[GITHUB_RATE_LIMIT].data["remaining"] == 4990
    assert {path for path, _ in ghe.requests} == {"/api/v3/user", "/api/v3/rate_limit"}


def test_github_enterprise_non_admin_fails_like_congregate(ghe):
    results = github.probe(session(github_conf(ghe.url, [ADMIN_TOKEN, PLAIN_TOKEN])))
    failure = results[GITHUB_USER].failure
    assert failure.kind == "not-admin" and failure.key == "src_access_token" and "token 2" in failure.text
    assert results[GITHUB_SCOPES].skip is not None


def test_github_bad_token_is_named(ghe):
    failure = github.probe(session(github_conf(ghe.url, [c.github_token(seed=299)])))[GITHUB_USER].failure
    assert failure.kind == "bad-token" and "HTTP 401" in failure.text


def test_github_missing_scopes_and_low_rate_limit_are_warnings(request):
    double = serve(request, GitHubEnterpriseDouble({PLAIN_TOKEN: {"login": "dev", "site_admin": True,
                                                                  "scopes": "repo"}}, remaining=12))
    results = github.probe(session(github_conf(double.url, [PLAIN_TOKEN])))
    assert results[GITHUB_USER].ok
    scopes, rate = results[GITHUB_SCOPES].failure, results[GITHUB_RATE_LIMIT].failure
    assert scopes.severity.value == "warning" and "read:org" in scopes.text
    assert rate.kind == "rate-limit" and "12 of 5000" in rate.text


def test_github_enterprise_without_rate_limiting_passes(request):
    double = serve(request, GitHubEnterpriseDouble({ADMIN_TOKEN: {"login": "a", "site_admin": True, "scopes": None}},
                                                   rate_limiting=False))
    assert github.probe(session(github_conf(double.url, [ADMIN_TOKEN])))[GITHUB_RATE_LIMIT].data == {"disabled": True}


def test_github_dot_com_is_asked_at_its_api_host_and_enterprise_under_api_v3():
    token = ob(ADMIN_TOKEN)
    dot_com, _ = github.read_target(conf(f"src_type = github\nsrc_hostname = https://api.github.com/\n"
                                         f"src_access_token = {token}\n"))
    enterprise, _ = github.read_target(conf(f"src_type = GitHub\nsrc_hostname = https://git.example.com\n"
                                            f"src_access_token = {token}, {ob(PLAIN_TOKEN)}\n"))
    assert (dot_com.api_base, dot_com.enterprise, dot_com.tokens) == ("https://api.github.com", False, [ADMIN_TOKEN])
    assert (enterprise.api_base, enterprise.enterprise) == ("https://git.example.com/api/v3", True)
    assert enterprise.tokens == [ADMIN_TOKEN, PLAIN_TOKEN]


def test_github_host_with_api_path_is_not_called(ghe):
    results = github.probe(session(github_conf(ghe.url + "/api/v3", [ADMIN_TOKEN])))
    assert results[GITHUB_USER].skip.key == "src_hostname" and ghe.requests == []


def test_github_dot_com_web_host_is_not_called():
    results = github.probe(session(github_conf("https://github.com", [ADMIN_TOKEN])))
    assert all(result.skip is not None for result in results.values())


def test_github_unreachable_host_is_a_failure_at_the_hostname():
    failure = github.probe(session(github_conf("http://127.0.0.1:9", [ADMIN_TOKEN])))[GITHUB_USER].failure
    assert failure.key == "src_hostname" and failure.kind == "refused"


# --- Bitbucket Server -----------------------------------------------------------------------------------------------

@pytest.fixture
def bbs(request):
    return serve(request, BitbucketServerDouble(
        passwords={name: PASSWORD
                   for name in ("alice", "ann", "anne", "bob", "bobby", "carol", "dave", "eve", "evelyn")},
        permissions={"alice": "SYS_ADMIN", "anne": "ADMIN", "bobby": "LICENSED_USER", "carol": "PROJECT_CREATE",
                     "evelyn": "ADMIN"},
        groups={"ann": ["migration-admins"], "bob": ["migration-admins"], "dave": ["migration-admins"],
                "eve": ["developers"]},
        group_permissions={"migration-admins": "ADMIN", "developers": "LICENSED_USER"}))


def bbs_conf_text(url, user, secret=PASSWORD):
    return (f"[SOURCE]\nsrc_type = bitbucket server\nsrc_hostname = {url}/bitbucket\nsrc_username = {user}\n"
            f"src_access_token = {ob(secret)}\n")


def bbs_conf(url, user, secret=PASSWORD):
    return load(Source("congregate.conf", bbs_conf_text(url, user, secret).encode("utf-8")))


def test_bitbucket_server_admin_passes(bbs):
    results = bitbucket.probe_server(session(bbs_conf(bbs.url, "alice")))
    assert results[BITBUCKET_SERVER_USER].ok and results[BITBUCKET_SERVER_ADMIN].data["permission"] == "SYS_ADMIN"


def test_bitbucket_server_admin_through_first_group_passes(bbs):
    results = bitbucket.probe_server(session(bbs_conf(bbs.url, "dave")))
    admin = results[BITBUCKET_SERVER_ADMIN]
    assert admin.ok and admin.data["via"] == "through its first group migration-admins"


def test_bitbucket_server_admin_refused_by_congregate_through_a_longer_name_is_an_error(bbs):
    """bob is ADMIN through his group; filter=bob lists only bobby (LICENSED_USER), whose row Congregate reads."""
    result = bitbucket.probe_server(session(bbs_conf(bbs.url, "bob")))[BITBUCKET_SERVER_ADMIN]
    assert result.data == {"permission": "ADMIN", "via": "through its first group migration-admins"}
    assert result.failure.kind == "substring" and result.failure.severity.value == "error"
    assert "bobby: LICENSED_USER" in result.failure.text and result.failure.key == "src_username"


def test_bitbucket_server_admin_passing_on_a_longer_names_row_is_a_warning(bbs):
    """ann is ADMIN through her group; Congregate reads anne's row (ADMIN) and passes by chance."""
    result = bitbucket.probe_server(session(bbs_conf(bbs.url, "ann")))[BITBUCKET_SERVER_ADMIN]
    assert result.failure.kind == "substring" and result.failure.severity.value == "warning"
    assert "anne: ADMIN" in result.failure.text


def test_bitbucket_server_non_admin_cannot_borrow_an_admins_rights(bbs):
    """eve (developers) cannot even list permissions, so evelyn's ADMIN does not count for her."""
    result = bitbucket.probe_server(session(bbs_conf(bbs.url, "eve")))[BITBUCKET_SERVER_ADMIN]
    assert result.failure.kind == "not-admin" and "HTTP 401" in result.failure.text


def test_bitbucket_server_non_admin_fails(bbs):
    failure = bitbucket.probe_server(session(bbs_conf(bbs.url, "carol")))[BITBUCKET_SERVER_ADMIN].failure
    assert failure.kind == "not-admin" and failure.key == "src_username"


def test_bitbucket_server_wrong_password_is_named(bbs):
    failure = bitbucket.probe_server(session(bbs_conf(bbs.url, "alice", "wrong-password")))[
        BITBUCKET_SERVER_USER].failure
    assert failure.kind == "bad-credentials" and failure.key == "src_access_token"


def test_bitbucket_server_without_context_path_is_not_found(bbs):
    parsed = conf(f"src_type = bitbucket server\nsrc_hostname = {bbs.url}\nsrc_username = alice\n"
                  f"src_access_token = {ob(PASSWORD)}\n")
    result = bitbucket.probe_server(session(parsed))[BITBUCKET_SERVER_USER]
    assert result.failure.key == "src_hostname"


# --- Bitbucket Cloud ------------------------------------------------------------------------------------------------

@pytest.fixture
def bbc(request, monkeypatch):
    double = serve(request, BitbucketCloudDouble({"jane-doe": APP_PASSWORD}, bearer=[BEARER]))
    monkeypatch.setenv(bitbucket.CLOUD_API_OVERRIDE, double.url)
    return double


def bbc_conf_text(user, secret, workspace="acme-dev"):
    user_line = f"src_username = {user}\n" if user else ""
    return (f"[SOURCE]\nsrc_type = bitbucket cloud\nsrc_hostname = https://api.bitbucket.org\n{user_line}"
            f"src_access_token = {ob(secret)}\nsrc_parent_workspace = {workspace}\n")


def bbc_conf(user, secret, workspace="acme-dev"):
    return load(Source("congregate.conf", bbc_conf_text(user, secret, workspace).encode("utf-8")))


def test_bitbucket_cloud_basic_and_bearer_pass(bbc):
    for user, secret in (("jane-doe", APP_PASSWORD), (None, BEARER)):
        results = bitbucket.probe_cloud(session(bbc_conf(user, secret)))
        assert results[BITBUCKET_CLOUD_USER].ok and results[BITBUCKET_CLOUD_WORKSPACE].data == {"workspace": "acme-dev"}
    assert [auth.split()[0] for _, auth in bbc.requests] == ["Basic", "Basic", "Bearer", "Bearer"]


def test_bitbucket_cloud_email_with_app_password_is_refused(bbc):
    failure = bitbucket.probe_cloud(session(bbc_conf("jane@example.com", APP_PASSWORD)))[BITBUCKET_CLOUD_USER].failure
    assert failure.kind == "bad-credentials" and "HTTP Basic" in failure.text


def test_bitbucket_cloud_unknown_workspace_is_at_its_key(bbc):
    failure = bitbucket.probe_cloud(session(bbc_conf("jane-doe", APP_PASSWORD, "acme")))[
        BITBUCKET_CLOUD_WORKSPACE].failure
    assert failure.key == "src_parent_workspace" and failure.kind == "no-workspace"


def test_bitbucket_cloud_web_host_is_not_called(bbc):
    found = bitbucket.probe_cloud(session(conf("src_type = bitbucket cloud\nsrc_hostname = https://bitbucket.org\n"
                                     f"src_access_token = {ob(BEARER)}\n")))
    assert found[BITBUCKET_CLOUD_USER].skip.key == "src_hostname" and bbc.requests == []


# --- Azure DevOps Server --------------------------------------------------------------------------------------------

def ado_conf_text(url, stored, extra=""):
    return (f"[SOURCE]\nsrc_type = azure devops\nsrc_hostname = {url}/tfs/DefaultCollection\n"
            f"src_access_token = {stored}\n" + extra)


def ado_conf(url, stored, extra=""):
    return load(Source("congregate.conf", ado_conf_text(url, stored, extra).encode("utf-8")))


def test_azure_devops_colon_pat_passes_and_bearer_would_not(request):
    double = serve(request, AzureDevOpsServerDouble([ADO_PAT]))
    results = azure_devops.probe(session(ado_conf(double.url, ob(":" + ADO_PAT), "api_version = 7.1\n")))
    assert results[ADO_CONNECTION].data["user"] == "Jane Doe" and results[ADO_PROJECTS].data == {"count": 2}
    assert results[ADO_CONNECTION].data["congregate_validator"] == 401
    assert all("api-version=7.1" in path for path, _ in double.requests)


def test_azure_devops_default_api_version_out_of_range_is_at_api_version(request):
    double = serve(request, AzureDevOpsServerDouble([ADO_PAT], max_version=5.0))
    failure = azure_devops.probe(session(ado_conf(double.url, ob(":" + ADO_PAT))))[ADO_CONNECTION].failure
    assert failure.key == "api_version" and "7.2-preview" in failure.text


def test_azure_devops_revoked_pat_and_anonymous_answers_fail(request):
    double = serve(request, AzureDevOpsServerDouble([ADO_PAT]))
    failure = azure_devops.probe(session(ado_conf(double.url, ob(":" + c.azure_devops_pat(seed=299)))))[
        ADO_CONNECTION].failure
    assert failure.kind == "bad-token" and failure.key == "src_access_token"
    public = serve(request, AzureDevOpsServerDouble([ADO_PAT], anonymous=True))
    failure = azure_devops.probe(session(ado_conf(public.url, ob(":" + ADO_PAT))))[ADO_CONNECTION].failure
    assert failure.kind == "anonymous"


def test_azure_devops_token_without_colon_is_not_sent(request):
    double = serve(request, AzureDevOpsServerDouble([ADO_PAT]))
    results = azure_devops.probe(session(ado_conf(double.url, ob(ADO_PAT))))
    assert results[ADO_CONNECTION].skip.key == "src_access_token" and double.requests == []


def test_azure_devops_no_projects_is_a_warning(request):
    double = serve(request, AzureDevOpsServerDouble([ADO_PAT], projects=0))
    failure = azure_devops.probe(session(ado_conf(double.url, ob(":" + ADO_PAT))))[ADO_PROJECTS].failure
    assert failure.kind == "no-projects" and failure.severity.value == "warning"


# --- through the CLI: rules, placement, summary, and no secret in any output -----------------------------------------

def cli_live(path, *extra):
    from congregate_lint.cli import cli
    from tests.helpers import cli_runner
    return cli_runner().invoke(cli, ["conf", "--live", "--isolated", "--timeout", "2,5", "--deadline", "20",
                                     *extra, str(path)])


def test_live_github_enterprise_through_the_cli(ghe, tmp_path):
    path = tmp_path / "congregate.conf"
    secret = ob(PLAIN_TOKEN)
    path.write_text("[DESTINATION]\nimport_user_id = 2\n\n[SOURCE]\nsrc_type = github\n"
                    f"src_hostname = {ghe.url}\nsrc_access_token = {secret}\n")
    result = cli_live(path, "--select", "H")
    assert result.exit_code == 1
    assert "congregate.conf:7:1: error H101 the token belongs to dev, who is not a site administrator" in result.stdout
    assert "Pre-flight summary" in result.stdout and "✘ GitHub source token owner" in result.stdout
    assert "– GitHub source rate limit: GitHub source rate limit not checked" in result.stdout
    for shown in (secret, PLAIN_TOKEN):
        assert shown not in result.stdout and shown not in result.stderr
    assert {auth for _, auth in ghe.requests} == {f"token {PLAIN_TOKEN}"}


def test_live_json_for_each_source_type_carries_no_secret(request, tmp_path, monkeypatch):
    """One working conf per source type, all checks green, nothing secret in the JSON report."""
    bbs = serve(request, BitbucketServerDouble({"alice": PASSWORD}, {"alice": "SYS_ADMIN"}))
    bbc = serve(request, BitbucketCloudDouble({"jane@example.com": c.atlassian_api_token(seed=207)}))
    ado = serve(request, AzureDevOpsServerDouble([ADO_PAT]))
    ghe = serve(request, GitHubEnterpriseDouble({ADMIN_TOKEN: {"login": "admin", "site_admin": True,
                                                               "scopes": "repo, read:org"}}))
    monkeypatch.setenv(bitbucket.CLOUD_API_OVERRIDE, bbc.url)
    confs = {
        "H": (f"src_type = github\nsrc_hostname = {ghe.url}\nsrc_access_token = {ob(ADMIN_TOKEN)}\n", ADMIN_TOKEN),
        "B1": (f"src_type = bitbucket server\nsrc_hostname = {bbs.url}/bitbucket\nsrc_username = alice\n"
               f"src_access_token = {ob(PASSWORD)}\n", PASSWORD),
        "B2": ("src_type = bitbucket cloud\nsrc_hostname = https://api.bitbucket.org\nsrc_username = jane@example.com\n"
               f"src_access_token = {ob(c.atlassian_api_token(seed=207))}\nsrc_parent_workspace = acme-dev\n",
               c.atlassian_api_token(seed=207)),
        "A": (f"src_type = azure devops\nsrc_hostname = {ado.url}/tfs/DefaultCollection\n"
              f"src_access_token = {ob(':' + ADO_PAT)}\napi_version = 7.1\n", ADO_PAT),
    }
    import json
    for family, (source, secret) in confs.items():
        path = tmp_path / f"{family}.conf"
        path.write_text("[SOURCE]\n" + source)
        result = cli_live(path, "--select", family[0] + "1", "--format", "json")
        found = json.loads(result.stdout)["findings"]
        live = [f for f in found if f["rule"][1] == "1"]
        assert live and all(f["severity"] == "info" for f in live), (family, found)
        for shown in (secret, ob(secret), ob(":" + secret)):
            assert shown not in result.stdout and shown not in result.stderr


# --- cross-check with the destination ---------------------------------------------------------------------------------

@pytest.mark.parametrize("version, expected", [("17.0.2-ee", "error"), ("16.5.0", "error"), ("17.2.0-ee", "info"),
                                               ("16.4.1", "info")])
def test_github_enterprise_into_self_managed_16_5_to_17_1_is_an_error(request, tmp_path, ghe, version, expected):
    import json
    from tests.live_servers import GitLabDouble, GitLabToken
    gitlab = GitLabDouble(version=version)
    request.addfinalizer(gitlab.stop)
    token = "glpat-" + c.github_token(seed=208)[4:24]
    gitlab.tokens[token] = GitLabToken(user_id=1)
    gitlab.add_user(1, "root", admin=True)
    path = tmp_path / "congregate.conf"
    path.write_text(f"[DESTINATION]\ndstn_hostname = {gitlab.url}\ndstn_access_token = {ob(token)}\n"
                    "import_user_id = 1\n"
                    f"\n[SOURCE]\nsrc_type = github\nsrc_hostname = {ghe.url}\nsrc_access_token = {ob(ADMIN_TOKEN)}\n")
    result = cli_live(path, "--select", "H104,D101", "--format", "json")
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "H104"]
    assert (finding["severity"], finding["key"], finding["line"]) == (expected, "src_hostname", 8)
    assert ghe.requests == []  # the cross-check asks only the destination


def test_a_redirect_is_not_followed_and_no_credential_leaves_the_named_host(request, ghe):
    """The named host redirects to another one (the GHE double here): the token must not reach it."""
    from tests.source_servers import RestDouble

    class Redirecting(RestDouble):
        def answer(self, path, query, authorization):
            return 301, {"Location": f"{ghe.url}{path}"}, b""

    redirecting = serve(request, Redirecting())
    failure = github.probe(session(github_conf(redirecting.url, [ADMIN_TOKEN])))[GITHUB_USER].failure
    assert failure.kind == "redirect" and failure.key == "src_hostname" and "127.0.0.1" in failure.text
    assert len(redirecting.requests) == 1 and ghe.requests == []


def test_a_redirect_to_an_unreadable_address_is_worded_for_the_source(request):
    from tests.source_servers import RestDouble

    class Redirecting(RestDouble):
        def answer(self, path, query, authorization):
            return 301, {"Location": "https://[github.example/"}, b""

    redirecting = serve(request, Redirecting())
    result = github.probe(session(github_conf(redirecting.url, [ADMIN_TOKEN])))[GITHUB_USER]
    assert (result.failure.kind, result.failure.key) == ("redirect", "src_hostname")
    assert "a redirect to an address that cannot be read; credentials not sent there" in result.failure.text
    assert result.answered and len(redirecting.requests) == 1


def test_github_sso_enforcement_is_named(request):
    from tests.source_servers import RestDouble

    class SsoEnforced(RestDouble):
        def answer(self, path, query, authorization):
            sso = "required; url=https://github.example.com/orgs/acme/sso?authorization_request=1"
            return 403, {"X-GitHub-SSO": sso}, {"message": "Resource protected by organization SAML enforcement.",
                                                "documentation_url": "https://docs.github.com/articles/"
                                                "authenticating-to-a-github-organization-with-saml-single-sign-on/"}

    double = serve(request, SsoEnforced())
    failure = github.probe(session(github_conf(double.url, [ADMIN_TOKEN])))[GITHUB_USER].failure
    assert failure.kind == "forbidden" and "single sign-on" in failure.explanation and "SSO" in failure.fix


def test_bitbucket_cloud_override_in_clear_text_to_another_host_is_refused_before_anything_is_sent(tmp_path,
                                                                                                      monkeypatch):
    monkeypatch.setenv(bitbucket.CLOUD_API_OVERRIDE, "http://bitbucket-proxy.example.com")
    path = tmp_path / "congregate.conf"
    path.write_text("[SOURCE]\nsrc_type = bitbucket cloud\nsrc_hostname = https://api.bitbucket.org\n"
                    f"src_access_token = {ob(BEARER)}\nsrc_parent_workspace = acme-dev\n")
    result = cli_live(path, "--select", "B")
    assert result.exit_code == 2 and result.stdout == ""
    assert "CONGREGATE_LINT_BITBUCKET_CLOUD_API: refused: plain http://" in result.stderr


def test_source_findings_say_where_the_credential_went(bbc):
    from congregate_lint.engine import lint_source
    from congregate_lint.live import LiveContext
    from congregate_lint.registry import select_rules
    rules = select_rules(["B103", "B104"], [])
    text = bbc_conf_text("jane-doe", APP_PASSWORD)
    found = {f.rule: f for f in lint_source(Source("congregate.conf", text.encode()), rules,
                                            LiveContext(OPTIONS, rules)).findings}
    override = f"(an override given by {bitbucket.CLOUD_API_OVERRIDE}) over plain http://, in clear text"
    assert found["B103"].explanation.endswith(f"The credential was sent to 127.0.0.1 {override}.")
    assert found["B104"].severity.value == "info" and "sent to 127.0.0.1" in found["B104"].explanation


# --- every source live rule: a failing and a passing conf, with the exact rule, severity, key and line ---------------

def _live_places(text, rule):
    from congregate_lint.engine import lint_source
    from congregate_lint.live import LiveContext
    from congregate_lint.registry import select_rules
    rules = select_rules([rule], [])
    findings = lint_source(Source("congregate.conf", text.encode()), rules, LiveContext(OPTIONS, rules)).findings
    return [(f.rule, f.severity.value, f.location, f.line) for f in findings]


def test_each_source_live_rule_fails_and_passes_at_its_key(request, ghe, bbs, bbc):
    ado, empty = serve(request, AzureDevOpsServerDouble([ADO_PAT])), serve(request, AzureDevOpsServerDouble([ADO_PAT],
                                                                                                           projects=0))
    revoked = ob(":" + c.azure_devops_pat(seed=298))
    low = serve(request, GitHubEnterpriseDouble({PLAIN_TOKEN: {"login": "dev", "site_admin": True,
                                                               "scopes": "repo"}}, remaining=3))
    github_text = "[SOURCE]\nsrc_type = github\nsrc_hostname = {}\nsrc_access_token = {}\n"
    cases = {  # rule: (failing conf, expected), (passing conf, expected)
        "H101": ((github_text.format(ghe.url, ob(PLAIN_TOKEN)), ("error", "SOURCE.src_access_token", 4)),
                 (github_text.format(ghe.url, ob(ADMIN_TOKEN)), ("info", "SOURCE.src_access_token", 4))),
        "H102": ((github_text.format(low.url, ob(PLAIN_TOKEN)), ("warning", "SOURCE.src_access_token", 4)),
                 (github_text.format(ghe.url, ob(ADMIN_TOKEN)), ("info", "SOURCE.src_access_token", 4))),
        "H103": ((github_text.format(low.url, ob(PLAIN_TOKEN)), ("warning", "SOURCE.src_access_token", 4)),
                 (github_text.format(ghe.url, ob(ADMIN_TOKEN)), ("info", "SOURCE.src_access_token", 4))),
        "B101": ((bbs_conf_text(bbs.url, "alice", "wrong-password"), ("error", "SOURCE.src_access_token", 5)),
                 (bbs_conf_text(bbs.url, "alice"), ("info", "SOURCE.src_username", 4))),
        "B102": ((bbs_conf_text(bbs.url, "carol"), ("error", "SOURCE.src_username", 4)),
                 (bbs_conf_text(bbs.url, "alice"), ("info", "SOURCE.src_username", 4))),
        "B103": ((bbc_conf_text("jane@example.com", APP_PASSWORD), ("error", "SOURCE.src_access_token", 5)),
                 (bbc_conf_text(None, BEARER), ("info", "SOURCE.src_access_token", 4))),
        "B104": ((bbc_conf_text(None, BEARER, "acme"), ("error", "SOURCE.src_parent_workspace", 5)),
                 (bbc_conf_text(None, BEARER), ("info", "SOURCE.src_parent_workspace", 5))),
        "A101": ((ado_conf_text(ado.url, revoked), ("error", "SOURCE.src_access_token", 4)),
                 (ado_conf_text(ado.url, ob(":" + ADO_PAT)), ("info", "SOURCE.src_access_token", 4))),
        "A102": ((ado_conf_text(empty.url, ob(":" + ADO_PAT)), ("warning", "SOURCE.src_access_token", 4)),
                 (ado_conf_text(ado.url, ob(":" + ADO_PAT)), ("info", "SOURCE.src_access_token", 4))),
    }
    for rule, ((bad, bad_place), (good, good_place)) in cases.items():
        assert _live_places(bad, rule) == [(rule, *bad_place)], rule
        assert _live_places(good, rule) == [(rule, *good_place)], rule


def test_source_live_rules_stay_silent_for_other_source_types(ghe):
    text = github_conf_text(ghe.url, [ADMIN_TOKEN])
    for rule in ("B101", "B102", "B103", "B104", "A101", "A102"):
        assert _live_places(text, rule) == []
    assert ghe.requests == []
