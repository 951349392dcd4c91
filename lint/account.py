"""Which AWS account a CodeCommit credential belongs to, worked out offline.

A new-generation access key ID carries its account: after the four-letter
prefix come 16 base32 characters (10 bytes); bits 7-46 of the first six bytes,
read big-endian, are the 12-digit account ID. Old-generation IDs, whose fifth
character is ``I`` or ``J``, do not carry it. AWS does not document this layout
(it was found by Tal Beery and analysed by WithSecure), so a mismatch is a hint,
not proof. An HTTPS Git credential's user name ends in ``-at-<account ID>``.
"""

import base64
import re
from typing import Optional

from congregate_lint.shapes import ACCESS_KEY_ID

OLD_GENERATION_MARKS = "IJ"
_ACCOUNT_BITS = 0x7FFFFFFFFF80
_ACCOUNT_SHIFT = 7
_USERNAME_ACCOUNT = re.compile(r"-at-([0-9]{12})$")


def account_from_key_id(key_id: str) -> Optional[str]:
    """The account a new-generation AKIA/ASIA key ID belongs to, or None when it cannot be told."""
    if not ACCESS_KEY_ID.fullmatch(key_id) or key_id[4] in OLD_GENERATION_MARKS:
        return None
    head = int.from_bytes(base64.b32decode(key_id[4:])[:6], "big")
    return "%012d" % ((head & _ACCOUNT_BITS) >> _ACCOUNT_SHIFT)


def account_from_git_username(username: str) -> Optional[str]:
    """The account ID at the end of a CodeCommit Git user name (``jane-at-123456789012``), or None."""
    match = _USERNAME_ACCOUNT.search(username)
    return match.group(1) if match else None
