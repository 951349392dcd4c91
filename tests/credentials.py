"""Realistic, fake AWS credential values for tests, built in code (never real, never AWS's examples)."""

import base64
import random
import string

ACCOUNT = "123456789012"
SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"
BASE32_ALPHABET = string.ascii_uppercase + "234567"


def key_id(account: str = ACCOUNT, prefix: str = "AKIA", seed: int = 1) -> str:
    """A new-generation access key ID whose base32 body carries ``account`` (the layout AWS uses)."""
    rng = random.Random(seed)
    head = (1 << 47) | (int(account) << 7) | rng.getrandbits(7)
    body = head.to_bytes(6, "big") + bytes(rng.getrandbits(8) for _ in range(4))
    return prefix + base64.b32encode(body).decode("ascii")


def secret_key(seed: int = 2) -> str:
    """A 40-character secret access key."""
    rng = random.Random(seed)
    return "".join(rng.choice(SECRET_ALPHABET) for _ in range(40))


def git_password(slash: bool = False, plus: bool = False, seed: int = 3) -> str:
    """A 44-character HTTPS Git password (base64 of 32 bytes), with or without '/' and '+'."""
    rng = random.Random(seed)
    while True:
        candidate = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode("ascii")
        if ("/" in candidate) == slash and ("+" in candidate) == plus:
            return candidate


def session_token(length: int = 600, seed: int = 4) -> str:
    """A session token: base64 text of the usual length, starting like current STS tokens."""
    rng = random.Random(seed)
    body = bytes(rng.getrandbits(8) for _ in range(length))
    return ("IQoJb3JpZ2luX2Vj" + base64.b64encode(body).decode("ascii"))[:length]


def obfuscated(value: str) -> str:
    """What ``congregate obfuscate`` stores."""
    return base64.b64encode(value.encode("ascii")).decode("ascii")


def old_key_id(prefix: str = "AKIA", seed: int = 5) -> str:
    """An old-generation access key ID (fifth character 'I'): it carries no account ID."""
    rng = random.Random(seed)
    return prefix + "I" + "".join(rng.choice(BASE32_ALPHABET) for _ in range(15))


def example_key_id(seed: int = 6) -> str:
    """An access key ID shaped like AWS's documentation keys (ending in EXAMPLE), not AWS's own."""
    rng = random.Random(seed)
    return "AKIA" + "".join(rng.choice(BASE32_ALPHABET) for _ in range(9)) + "EXAMPLE"


def token(prefix: str, length: int, alphabet: str = string.ascii_letters + string.digits, seed: int = 7) -> str:
    """A token of a vendor's documented shape: ``prefix`` and ``length`` random characters of ``alphabet``."""
    rng = random.Random(seed)
    return prefix + "".join(rng.choice(alphabet) for _ in range(length))


ALPHANUMERIC = string.ascii_letters + string.digits
HEX = "0123456789ABCDEF"


def github_token(seed: int = 7) -> str:
    """A classic GitHub personal access token: ghp_ and 36 letters and digits."""
    return token("ghp_", 36, ALPHANUMERIC, seed)


def github_fine_grained_token(seed: int = 8) -> str:
    """A fine-grained GitHub personal access token: github_pat_, 22 characters, '_', 59 characters."""
    return token("github_pat_", 22, ALPHANUMERIC, seed) + token("_", 59, ALPHANUMERIC, seed + 1)


def bitbucket_app_password(seed: int = 9) -> str:
    """A Bitbucket Cloud app password: ATBB, 28 letters and digits, an 8-digit hex checksum."""
    return token("ATBB", 28, ALPHANUMERIC, seed) + token("", 8, HEX, seed + 1)


def atlassian_api_token(seed: int = 10, prefix: str = "ATATT") -> str:
    """An Atlassian API token (ATATT…), or with prefix ATCTT a Bitbucket Cloud access token."""
    return token(prefix + "3xFfGF0", 170, ALPHANUMERIC + "_-", seed) + token("=", 8, HEX, seed)


def bitbucket_server_token(seed: int = 11) -> str:
    """A Bitbucket Data Center HTTP access token: BBDC- and 44 characters."""
    return token("BBDC-", 44, ALPHANUMERIC, seed)


def azure_devops_pat(seed: int = 12, new_format: bool = False) -> str:
    """An Azure DevOps personal access token: 52 characters of base32, or the 84-character format."""
    if new_format:
        return token("", 76, ALPHANUMERIC, seed) + token("AZDO", 4, ALPHANUMERIC, seed + 1)
    return token("", 52, "abcdefghijklmnopqrstuvwxyz234567", seed)


def password(seed: int = 13) -> str:
    """An account password of the kind people choose: letters, digits and symbols."""
    return token("", 14, ALPHANUMERIC, seed) + "!#"
