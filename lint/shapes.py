"""Shapes of credential values, shared by the rules that check them, the fixes that repair them and the
masking layer (lint/redaction.py) that finds them in any text.

The patterns at the top describe the raw (unobfuscated) value and are meant for ``fullmatch``.
"""

import base64
import binascii
import re
from functools import lru_cache
from typing import Pattern

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


# ---------------------------------------------------------------------------------------------------------------
# Credentials inside any text, and text safe to show.

MASK = "****"
# Credentials by their documented shapes. The 40-character AWS secret is a whole run of its alphabet (with a
# digit and a letter); each lookahead is bounded, so a search stays linear.
_TOKEN_SHAPES = (
    r"glpat-[A-Za-z0-9_.-]{20,}|gh[opsu]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|ATBB[A-Za-z0-9_=.-]{24,}"
    r"|ATATT[A-Za-z0-9_=.-]{24,}|ATCTT[A-Za-z0-9_=.-]{24,}|BBDC-[A-Za-z0-9+/_-]{20,}"
    r"|(?<![A-Za-z0-9])(?:[a-z2-7]{52}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])"
    r"|xox[abeoprs]-[A-Za-z0-9-]{10,}|(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z2-7])"
    r"|(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]{0,39}[0-9])(?=[A-Za-z0-9+/]{0,39}[A-Za-z])[A-Za-z0-9+/]{40}"
    r"(?![A-Za-z0-9+/=])")


@lru_cache(maxsize=None)
def _token_shapes() -> Pattern:
    """_TOKEN_SHAPES, compiled on first use: it takes a millisecond, and a file without findings masks no text."""
    return re.compile(_TOKEN_SHAPES)


# The characters every shape above is made of, in a run as long as the shortest (xoxb- and ten more).
_CANDIDATE_LENGTH = 15
_CANDIDATE_RUN = re.compile(rf"[A-Za-z0-9_.=+/-]{{{_CANDIDATE_LENGTH},}}")
# A text's UTF-8 bytes as _CANDIDATE_RUN sees them: 'a' for a byte of a character it runs over, ' ' for any other
# (each byte of a character beyond ASCII is 0x80 or above, so none of them is taken for one).
_CANDIDATE_BYTES = bytes(
    0x61 if _CANDIDATE_RUN.match(chr(byte) * _CANDIDATE_LENGTH) else 0x20 for byte in range(256))
_CANDIDATE_BYTES_RUN = b"a" * _CANDIDATE_LENGTH
# A run of base64 long enough to hold the smallest token above.
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
# Words of a text as URLs and user:password@host are written (no blanks, quotes or brackets).
_URL_WORD = re.compile(r"[^\s'\"<>()\[\]{},]+")
# Control characters shown escaped: C0 but tab, DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def masked_and_escaped(text: str) -> str:
    """``escape_controls(mask_shapes(text))``, after a quick look for what they change (most texts have none of
    it: an '@', a control character, a run that may hold a token). A text Python calls printable holds no
    control character (a test in C, quicker than the search)."""
    if "@" in text or not text.isprintable() and _CONTROL.search(text) or _may_hold_token(text):
        return escape_controls(mask_shapes(text))
    return text


def _may_hold_token(text: str) -> bool:
    """Whether _CANDIDATE_RUN occurs in the text, tested in C: a byte translation and a substring search take half
    the time of the regex search (a report masks each text of every finding)."""
    return _CANDIDATE_BYTES_RUN in text.encode("utf-8", "surrogatepass").translate(_CANDIDATE_BYTES)


def escape_controls(text: str) -> str:
    """The text with each control character of the conf (C0 but tab, DEL, C1) written as ``\\xNN``: a
    terminal, a pipe to ``less -R`` or a CI log never runs an escape sequence or a bell from a conf."""
    return text if text.isprintable() or not _CONTROL.search(text) else _CONTROL.sub(_escaped, text)


def _escaped(match) -> str:
    return f"\\x{ord(match.group()):02x}"


def mask_shapes(text: str) -> str:
    """The text with every credential recognised by its shape masked: tokens with a known prefix, AWS key IDs
    and secrets, the base64 of any of them, and the password of URL userinfo."""
    if _CANDIDATE_RUN.search(text):
        text = _CANDIDATE_RUN.sub(_masked_run, text)
    return _URL_WORD.sub(lambda word: _masked_userinfo(word.group()), text) if "@" in text else text


def _masked_run(run) -> str:
    """A run that may hold a token (each shape, and each look-around, is made of the run's characters only, so
    a run is searched on its own): tokens masked, then base64 that decodes to one."""
    text = _token_shapes().sub(MASK, run.group())
    return _BASE64_RUN.sub(lambda found: MASK if _hides_a_token(found.group()) else found.group(), text)


def _hides_a_token(run: str) -> bool:
    try:
        decoded = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        return False
    return bool(_token_shapes().search(decoded))


def _masked_userinfo(word: str) -> str:
    """``scheme://user:PASSWORD@host/...`` or ``user:PASSWORD@host`` with the password masked."""
    _, scheme, rest = word.rpartition("://") if "://" in word else ("", "", word)
    authority = rest.split("/", 1)[0]
    userinfo, at, _ = authority.rpartition("@")
    if not at or ":" not in userinfo:
        return word
    user, _, password = userinfo.partition(":")
    if not password or password == MASK:
        return word
    prefix = word[:len(word) - len(rest)]
    return f"{prefix}{user}:{MASK}@{rest[len(userinfo) + 1:]}"


# A value that cannot be a credential: words (each may end in a few digits) joined by separators, or a number:
# us-east-1, CodeCommit, https://gitlab.example.com:8443/api/v4, 10.0.0.1, 42.
_WORD_OR_NUMBER = r"(?:[A-Za-z]+[0-9]{0,5}|[0-9]{1,5}[A-Za-z]?)"
_PLAIN_VALUE = re.compile(rf"{_WORD_OR_NUMBER}(?:(?:[-_./: @]|://)+{_WORD_OR_NUMBER})*[-_./]?|[0-9]{{1,20}}")


def quotable(value: str) -> bool:
    """True when a value of a non-secret key may be quoted in a message: it cannot be a credential (made of
    words and short numbers, no userinfo, no token shape). Anything else is described instead."""
    return len(value) <= 80 and bool(_PLAIN_VALUE.fullmatch(value)) and mask_shapes(value) == value
