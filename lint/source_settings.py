"""What Congregate reads from [SOURCE] for GitHub, Bitbucket Server/Cloud and Azure DevOps, and how it builds URLs.

Shared by the offline rules (H, B, A) and the live probes; nothing here imports boto.
"""

from typing import List, Optional

from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate

SECTION = "SOURCE"
SOURCE_TYPE = "src_type"
HOSTNAME = "src_hostname"
USERNAME = "src_username"
PASSWORD = "src_password"
TOKEN = "src_access_token"
WORKSPACE = "src_parent_workspace"
ORG = "src_parent_org"
API_VERSION = "api_version"

GITLAB = "gitlab"
GITHUB = "github"
BITBUCKET_SERVER = "bitbucket server"
BITBUCKET_CLOUD = "bitbucket cloud"
AZURE_DEVOPS = "azure devops"
CODECOMMIT = "codecommit"
NAMES = {GITLAB: "GitLab", GITHUB: "GitHub", BITBUCKET_SERVER: "Bitbucket Server", BITBUCKET_CLOUD: "Bitbucket Cloud",
         AZURE_DEVOPS: "Azure DevOps", CODECOMMIT: "CodeCommit"}

GITHUB_DOT_COM_API = "https://api.github.com"
BITBUCKET_CLOUD_API = "https://api.bitbucket.org"
# The environment variable that replaces BITBUCKET_CLOUD_API for the live checks (a proxy, a test double).
BITBUCKET_CLOUD_API_VARIABLE = "CONGREGATE_LINT_BITBUCKET_CLOUD_API"
ADO_DEFAULT_API_VERSION = "7.2-preview"

_AWS_KEYS = ("src_aws_access_key_id", "src_aws_secret_access_key", "src_aws_session_token",
             "src_aws_codecommit_username", "src_aws_codecommit_password", "src_aws_region")
# [SOURCE] keys that only some source types read (conf-semantics §1); the others read them nowhere.
READ_ONLY_BY = {
    "src_tier": (GITLAB,),
    "src_parent_group_id": (GITLAB,),
    "src_parent_group_path": (GITLAB,),
    "src_registry_url": (GITLAB,),
    ORG: (GITHUB,),
    PASSWORD: (GITHUB,),
    WORKSPACE: (BITBUCKET_CLOUD,),
    "list_subset_input_path": (BITBUCKET_SERVER,),
    API_VERSION: (AZURE_DEVOPS,),
    **{key: (CODECOMMIT,) for key in _AWS_KEYS},
}


def source_type(conf: Conf) -> str:
    """``src_type`` as Congregate compares it (``prop_lower``), or '' when unset."""
    return (conf.value(SECTION, SOURCE_TYPE) or "").lower()


def congregate_hostname(value: str) -> str:
    """``src_hostname`` as Congregate reads it: ``strip().rstrip("/")``."""
    return value.strip().rstrip("/")


def is_github_dot_com(hostname: str) -> bool:
    """Congregate's test (``helpers/utils.py``): the substring ``api.github.com``."""
    return "api.github.com" in hostname


def github_api_base(hostname: str) -> str:
    """The REST base Congregate uses: the host itself for github.com, ``{host}/api/v3`` for GitHub Enterprise."""
    return hostname if is_github_dot_com(hostname) else f"{hostname}/api/v3"


def token_items(value: str) -> List[str]:
    """``prop_array``: the comma-separated items, spaces stripped (GitHub token rotation)."""
    return [item.strip() for item in value.split(",")]


def decoded_text(value: str) -> Optional[str]:
    """Congregate's decoding of an obfuscated value, or None when it would exit with 'Invalid token'."""
    decoded = deobfuscate(value)
    return decoded.text if decoded.ok else None
