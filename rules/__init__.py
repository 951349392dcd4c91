"""The explicit registry of every rule, in ID order.

IDs are one letter and three digits, by range: P parse, S schema, C CodeCommit
source, H GitHub/GitHub Enterprise source, B Bitbucket Server and Cloud source, A Azure
DevOps source, L live (``--live``, CodeCommit), M meta (the tool itself). In the H, B
and A families, x001… are offline and x101… live.
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
    "l001_sts_identity",
    "l002_account_mismatch",
    "l003_list_repositories",
    "l004_get_repository",
    "l005_list_pull_requests",
    "l006_git_credentials",
    "l007_clock_skew",
    "m001_internal_error",
    "m002_unused_suppression",
)

RULES = tuple(import_module(f"{__name__}.{name}") for name in RULE_MODULES)
