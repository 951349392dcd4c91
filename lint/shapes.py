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
