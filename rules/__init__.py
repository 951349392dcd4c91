"""The explicit registry of every rule, in ID order.

IDs are one letter and three digits, by range: P parse, S schema, C CodeCommit
source, L CodeCommit live (``--live``), D destination GitLab, G GitLab as a source,
H GitHub/GitHub Enterprise source, B Bitbucket Server and Cloud source, A Azure DevOps
source, M meta (the tool itself). In D, G, H, B and A, x001… are offline and x101… live
(``--live``).

Every module is named ``<id>_<words>`` (``p001_missing_section_header``), and a
rule is live (``LIVE = True``, run only under ``--live``) exactly when its ID is
in the L family or numbered from 100 up (the live ranges of the other families,
e.g. D101); tests/test_registry.py holds every module to both. So a run chooses
its rules from this list alone and imports only those it runs: an offline run
never imports a live rule. ``RULES``, every rule module in this order, is
imported on first use.

A rule whose problems cost work to explain (S002 works out which known key an
unknown one most likely means, S001 which section a header stands for) may yield
them with a headline only and define
``explained(conf, problems)``, returning them with explanation and fix: the engine
calls it for the problems a report lists (see ``--max-per-rule``), which for a file
of 100,000s of findings are a few hundred.
"""

from importlib import import_module

RULE_MODULES = (
    "p001_missing_section_header",
    "p002_unparsable_line",
    "p003_bare_key",
    "p004_duplicate_section",
    "p005_duplicate_option",
    "p006_utf8_bom",
    "p007_not_utf8",
    "p008_nul_byte",
    "p009_interpolation",
    "p010_inline_comment",
    "p011_default_section",
    "p012_skip_staging_parents",
    "p013_file_too_large",
    "p014_indented_line",
    "s001_unknown_section",
    "s002_unknown_key",
    "s003_invalid_integer",
    "s004_invalid_boolean",
    "s005_invalid_json",
    "s006_invalid_choice",
    "s007_missing_required",
    "s008_wrong_section",
    "s009_not_obfuscated",
    "s010_invalid_value",
    "c001_region",
    "c002_access_key_id",
    "c003_secret_access_key",
    "c004_session_token",
    "c005_git_username",
    "c006_git_password",
    "c007_placeholder",
    "c008_irrelevant_key",
    "l001_sts_identity",
    "l002_account_mismatch",
    "l003_list_repositories",
    "l004_get_repository",
    "l005_list_pull_requests",
    "l006_git_credentials",
    "l007_clock_skew",
    "d001_dstn_hostname",
    "d002_dstn_access_token",
    "d003_parent_group_path",
    "d004_ssl_verify_off",
    "d101_dstn_version",
    "d102_dstn_token",
    "d103_dstn_token_scopes",
    "d104_import_user",
    "d105_parent_group",
    "d106_import_sources",
    "d107_parent_group_access",
    "g001_src_hostname",
    "g002_src_access_token",
    "g101_src_version",
    "g102_src_token",
    "g103_src_token_scopes",
    "g104_src_parent_group",
    "g105_version_order",
    "h001_github_hostname",
    "h002_github_token",
    "h003_github_ignored_key",
    "b001_bitbucket_server_hostname",
    "b002_bitbucket_server_credentials",
    "b003_bitbucket_cloud_hostname",
    "b004_bitbucket_cloud_user",
    "b005_bitbucket_cloud_app_password",
    "b006_bitbucket_cloud_workspace",
    "b007_bitbucket_ignored_key",
    "a001_azure_devops_hostname",
    "a002_azure_devops_token",
    "a003_azure_devops_ignored_key",
    "h101_github_token",
    "h102_github_token_scopes",
    "h103_github_rate_limit",
    "h104_github_enterprise_import_host",
    "b101_bitbucket_server_credentials",
    "b102_bitbucket_server_admin",
    "b103_bitbucket_cloud_credentials",
    "b104_bitbucket_cloud_workspace",
    "a101_azure_devops_token",
    "a102_azure_devops_projects",
    "m001_internal_error",
    "m002_unused_suppression",
)


def rule_id(module_name: str) -> str:
    """``P001`` for ``p001_missing_section_header``."""
    return module_name.partition("_")[0].upper()


def is_live_id(identifier: str) -> bool:
    """True for the IDs of live rules: the L family, and numbers from 100 up in the others."""
    return identifier.startswith("L") or int(identifier[1:]) >= 100


def load_rule(module_name: str):
    """The rule module of that name (imported now if it was not yet)."""
    return import_module(f"{__name__}.{module_name}")


def __getattr__(attribute: str):
    """``RULES``: every rule module, in ID order, imported on first use."""
    if attribute != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
    rules = tuple(load_rule(name) for name in RULE_MODULES)
    globals()["RULES"] = rules
    return rules
