"""The last line of defence for secrets: no message may carry a secret value, raw or base64."""

import re
from typing import Dict, Iterator, List, Optional

from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.schema import is_secret

MASK = "****"
# Shorter values are words, not credentials; masking them would garble ordinary messages.
MIN_SECRET_LENGTH = 8
_PLACEHOLDER = re.compile(r"<[^>]*>|\*+|.*\.\.\.")


# A "key" that is one long run without spaces or underscores, with a digit in it, is a pasted credential
# (a base64 secret whose '=' made configparser read it as a key, a bare token), not a setting's name.
_CREDENTIAL_LIKE_NAME = re.compile(r"(?=\S*\d)[^\s_]{16,}")


def secret_values(conf: Conf) -> List[str]:
    """Every secret string the file holds: values of secret keys as written, joined and decoded, and
    credential-like text that configparser took for a key name."""
    found = set(_credential_like_names(conf))
    for option in conf.all_options():
        if not is_secret(option.section, option.key):
            continue
        texts = [line.text for line in option.value_lines]
        texts.append("\n".join(texts))
        for text in texts:
            found.add(text)
            decoded = deobfuscate(text)
            if decoded.ok and decoded.text:
                found.add(decoded.text)
    return sorted(
        (value for value in found if len(value) >= MIN_SECRET_LENGTH and not _PLACEHOLDER.fullmatch(value)),
        key=len,
        reverse=True,
    )


def _credential_like_names(conf: Conf) -> Iterator[str]:
    """Key names, as written and lower-cased, and bare words of parse events that look like credentials."""
    names = [option.name for option in conf.all_options()] + [event.key for event in conf.events if event.key]
    for name in names:
        if _CREDENTIAL_LIKE_NAME.fullmatch(name):
            yield name
            yield name.lower()


class Redactor:
    """Masks any secret of one file that a message might carry.

    Secrets are indexed by their first MIN_SECRET_LENGTH characters, so scrubbing a
    message costs one look-up per character, however many secrets the file holds.
    """

    def __init__(self, conf: Conf):
        self.by_prefix: Dict[str, List[str]] = {}
        for secret in secret_values(conf):
            self.by_prefix.setdefault(secret[:MIN_SECRET_LENGTH], []).append(secret)

    def scrub(self, text: str) -> str:
        if not self.by_prefix:
            return text
        pieces, start, index = [], 0, 0
        while index <= len(text) - MIN_SECRET_LENGTH:
            secret = self._secret_at(text, index)
            if secret is None:
                index += 1
                continue
            pieces.append(text[start:index] + MASK)
            index = start = index + len(secret)
        return "".join(pieces) + text[start:]

    def _secret_at(self, text: str, index: int) -> Optional[str]:
        """The longest secret starting at index, if any."""
        for secret in self.by_prefix.get(text[index:index + MIN_SECRET_LENGTH], ()):
            if text.startswith(secret, index):
                return secret
        return None
