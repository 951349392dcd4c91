"""Shapes of AWS credential values, shared by the rules that check them and the fixes that repair them.

Each pattern describes the raw (unobfuscated) value and is meant for ``fullmatch``.
"""

import re

ACCESS_KEY_ID = re.compile(r"(AKIA|ASIA)[A-Z2-7]{16}")
SECRET_ACCESS_KEY = re.compile(r"[A-Za-z0-9+/]{40}")
GIT_PASSWORD = re.compile(r"[A-Za-z0-9+/]{43}=")
SESSION_TOKEN = re.compile(r"[A-Za-z0-9+/]{100,}={0,2}")
# The HTTPS Git credential's user name AWS generates: <IAM user name>-at-<12-digit account ID>.
GIT_USERNAME = re.compile(r"(?P<user>[\w+=,.@-]{1,64})-at-(?P<account>[0-9]{12})", re.ASCII)
# Access tokens recognised by their documented prefix: GitLab personal/project/group tokens, GitHub PATs.
GITLAB_TOKEN = re.compile(r"glpat-[A-Za-z0-9_.-]{20,}")
GITHUB_TOKEN = re.compile(r"(ghp|gho|ghu|ghs)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}")
# Atlassian credentials by their documented prefixes: Bitbucket Cloud app passwords (ATBB), Atlassian API tokens
# (ATATT), Bitbucket Cloud repository/project/workspace access tokens (ATCTT); Bitbucket Data Center HTTP access
# tokens (BBDC-).
ATLASSIAN_APP_PASSWORD = re.compile(r"ATBB[A-Za-z0-9_=-]{20,}")
ATLASSIAN_API_TOKEN = re.compile(r"ATATT[A-Za-z0-9_=-]{20,}")
BITBUCKET_ACCESS_TOKEN = re.compile(r"ATCTT[A-Za-z0-9_=-]{20,}")
BITBUCKET_SERVER_TOKEN = re.compile(r"BBDC-[A-Za-z0-9+/_-]{20,}")
# Azure DevOps personal access tokens: 52 characters of lower-case base32, or the 84-character format (since 2024)
# with "AZDO" at characters 77-80.
AZURE_DEVOPS_PAT = re.compile(r"[a-z2-7]{52}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}")

# What each recognisable token is, in words (first match wins).
TOKEN_KINDS = (
    (GITLAB_TOKEN, "a GitLab access token (glpat-...)"),
    (GITHUB_TOKEN, "a GitHub token (ghp_..., github_pat_...)"),
    (ATLASSIAN_APP_PASSWORD, "a Bitbucket Cloud app password (ATBB...)"),
    (ATLASSIAN_API_TOKEN, "an Atlassian API token (ATATT...)"),
    (BITBUCKET_ACCESS_TOKEN, "a Bitbucket Cloud access token (ATCTT...)"),
    (BITBUCKET_SERVER_TOKEN, "a Bitbucket Data Center HTTP access token (BBDC-...)"),
    (AZURE_DEVOPS_PAT, "an Azure DevOps personal access token"),
)


def token_kind(text: str):
    """The kind of token ``text`` is, in words, or None when its shape is not one of TOKEN_KINDS."""
    for shape, kind in TOKEN_KINDS:
        if shape.fullmatch(text):
            return kind
    return None
