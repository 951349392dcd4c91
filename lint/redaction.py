"""The last line of defence for secrets: no message may carry a secret value, raw or base64."""

import re
from typing import List

from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate
from congregate_lint.schema import is_secret

MASK = "****"
# Shorter values are words, not credentials; masking them would garble ordinary messages.
MIN_SECRET_LENGTH = 8
_PLACEHOLDER = re.compile(r"<[^>]*>|\*+|.*\.\.\.")


def secret_values(conf: Conf) -> List[str]:
    """Every secret string the file holds: values of secret keys as written, joined and decoded."""
    found = set()
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


class Redactor:
    """Masks any secret of one file that a message might carry."""

    def __init__(self, conf: Conf):
        self.secrets = secret_values(conf)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text
