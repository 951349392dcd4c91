"""Congregate's base64 "obfuscation" and safe descriptions of secret values."""

import base64
import binascii
from typing import NamedTuple, Optional


class Deobfuscated(NamedTuple):
    """The result of Congregate's ``deobfuscate``: text, or why it exits with "Invalid token"."""

    text: Optional[str]
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def deobfuscate(value: str) -> Deobfuscated:
    """Do what ``gitlab_ps_utils.string_utils.deobfuscate`` does: ``b64decode(s.encode('ascii')).decode('ascii')``.

    ``b64decode`` is not strict: characters outside the alphabet are dropped and
    decoding stops after the first padded block. Any exception makes Congregate
    print "Invalid token" and exit.
    """
    try:
        encoded = value.encode("ascii")
    except UnicodeEncodeError:
        return Deobfuscated(None, "it contains non-ASCII characters")
    try:
        decoded = base64.b64decode(encoded)
    except (binascii.Error, ValueError):
        return Deobfuscated(None, "it is not valid base64 (wrong length or padding)")
    try:
        return Deobfuscated(decoded.decode("ascii"))
    except UnicodeDecodeError:
        return Deobfuscated(None, "it decodes to bytes that are not ASCII text")


def obfuscate(text: str) -> str:
    """What ``congregate obfuscate`` stores for a secret."""
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def describe(value: str) -> str:
    """A description of a secret value that reveals nothing of it: its length and character classes."""
    classes = []
    characters = set(value)  # each test then looks at each distinct character once
    if any(map(str.isupper, characters)):
        classes.append("upper-case letters")
    if any(map(str.islower, characters)):
        classes.append("lower-case letters")
    if any(map(str.isdigit, characters)):
        classes.append("digits")
    if any(map(str.isspace, characters)):
        classes.append("whitespace")
    if any(not (c.isalnum() or c.isspace()) for c in characters):
        classes.append("symbols")
    shape = ", ".join(classes) if classes else "no characters"
    return f"{len(value)} characters ({shape})"
