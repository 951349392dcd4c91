"""What the live checks send, read from the conf exactly as Congregate reads it, or why a check must not run.

A value is sent to AWS only when it has the shape of what it claims to be
(lint/shapes.py): a malformed key, secret or token would only earn a confusing
AWS error, and the offline C rules already explain it. Nothing here imports boto.
"""

import re
from dataclasses import dataclass
from typing import Optional

from congregate_lint.codecommit_keys import (
    CODECOMMIT,
    KEY_ID,
    PASSWORD,
    REGION,
    SECRET,
    SECTION,
    SOURCE_TYPE_KEY,
    TOKEN,
    USERNAME,
)
from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import ssl_verify
from congregate_lint.model import Conf
from congregate_lint.shapes import ACCESS_KEY_ID, GIT_PASSWORD, GIT_USERNAME, SECRET_ACCESS_KEY, SESSION_TOKEN

REGION_NAME = re.compile(r"[a-z]{2,4}(-[a-z]+)+-[0-9]+")
# Region names are about 15 characters; a longer value is not matched (the pattern's repeated group costs the
# regex engine memory in proportion to the value).
MAX_REGION_LENGTH = 64


@dataclass(frozen=True)
class Skip:
    """Why a check did not run, the key to blame (None: not the conf's fault), and what would let it run."""

    reason: str
    severity: Severity = Severity.INFO
    key: Optional[str] = None
    fix: str = ""


@dataclass(frozen=True)
class AwsCredentials:
    """Exactly what Congregate gives boto3: key ID as written, decoded secret and token, region."""

    key_id: str
    secret: str
    token: Optional[str]
    region: str

    @property
    def temporary(self) -> bool:
        return self.key_id.startswith("ASIA")


@dataclass(frozen=True)
class GitCredentials:
    """The HTTPS Git user name and decoded password the clone uses."""

    username: str
    password: str


@dataclass(frozen=True)
class LiveInputs:
    """The conf's credentials for each side, or the reason that side is skipped."""

    aws: Optional[AwsCredentials]
    aws_skip: Optional[Skip]
    git: Optional[GitCredentials]
    git_skip: Optional[Skip]
    region: Optional[str]
    ssl_verify: bool
    username_account: Optional[str]


def read_inputs(conf: Conf) -> LiveInputs:
    """Read and vet the CodeCommit settings of one conf."""
    verify = ssl_verify(conf)
    if (conf.value(SECTION, SOURCE_TYPE_KEY) or "").lower() != CODECOMMIT:
        skip = Skip("[SOURCE] src_type is not CodeCommit, so Congregate makes no CodeCommit call", key=SOURCE_TYPE_KEY,
                    fix="Nothing to do: these checks are for a CodeCommit source.")
        return LiveInputs(None, skip, None, skip, None, verify, None)
    region, region_skip = _region(conf)
    aws, aws_skip = (None, region_skip) if region_skip else _aws(conf, region)
    git, git_skip = _git(conf)
    git_skip = git_skip or region_skip
    username = conf.value(SECTION, USERNAME)
    match = GIT_USERNAME.fullmatch(username or "")
    return LiveInputs(aws, aws_skip, git, git_skip, region, verify, match.group("account") if match else None)


def _region(conf: Conf):
    region = conf.value(SECTION, REGION)
    if region is None:
        return None, Skip("src_aws_region is not set, so there is no region to call", Severity.WARNING, REGION)
    if len(region) > MAX_REGION_LENGTH or not REGION_NAME.fullmatch(region):
        return None, Skip("src_aws_region is not a region name (C001 explains)", key=REGION)
    return region, None


def _aws(conf: Conf, region: str):
    key_id = conf.value(SECTION, KEY_ID)
    if key_id is None:
        return None, Skip("src_aws_access_key_id is not set, and only the conf's own credentials are used",
                          Severity.WARNING, KEY_ID)
    if not ACCESS_KEY_ID.fullmatch(key_id):
        return None, Skip("src_aws_access_key_id does not have the shape of an access key ID, so it was not sent "
                          "(C002 explains)", key=KEY_ID)
    secret, skip = _decoded(conf, SECRET, "secret access key", SECRET_ACCESS_KEY, "C003", required=True)
    if skip:
        return None, skip
    token, skip = _decoded(conf, TOKEN, "session token", SESSION_TOKEN, "C004", required=False)
    if skip:
        return None, skip
    return AwsCredentials(key_id, secret, token, region), None


def _git(conf: Conf):
    username = conf.value(SECTION, USERNAME)
    if username is None:
        return None, Skip("src_aws_codecommit_username is not set", Severity.WARNING, USERNAME)
    if not GIT_USERNAME.fullmatch(username):
        return None, Skip("src_aws_codecommit_username does not have the shape <iam-user>-at-<account>, so it was "
                          "not sent (C005 explains)", key=USERNAME)
    password, skip = _decoded(conf, PASSWORD, "HTTPS Git password", GIT_PASSWORD, "C006", required=True)
    if skip:
        return None, skip
    return GitCredentials(username, password), None


def _decoded(conf: Conf, key: str, what: str, shape, rule: str, required: bool):
    """The decoded value of an obfuscated key, or the skip that explains why it is not sent."""
    decoded = conf.decoded(SECTION, key)
    if decoded is None:
        if required:
            return None, Skip(f"{key} is not set, and only the conf's own credentials are used", Severity.WARNING, key)
        return None, None
    if not decoded.ok:
        return None, Skip(f"{key} cannot be base64-decoded ({decoded.error}); Congregate would stop with "
                          f"'Invalid token', so it was not sent ({rule} explains)", key=key)
    if not shape.fullmatch(decoded.text or ""):
        return None, Skip(f"the decoded {what} in {key} does not have the expected shape, so it was not sent "
                          f"({rule} explains)", key=key)
    return decoded.text, None
