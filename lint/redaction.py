"""The last line of defence for secrets: no message may carry a secret value, raw or base64."""

import json
import re
from functools import lru_cache
from typing import Any, Dict, Iterator, List, Optional

from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, obfuscate
from congregate_lint.rules.p010_inline_comment import INLINE_COMMENT
from congregate_lint.schema import is_known, is_secret, known_sections, obfuscated_leaves, section_keys

MASK = "****"
# Shorter values are words, not credentials; masking them would garble ordinary messages.
MIN_SECRET_LENGTH = 8
# Below this length a value without digits is treated as a word, not masked (see _is_word_like).
WORD_LIKE_LENGTH = 16
_PLACEHOLDER = re.compile(r"<[^>]*>|\*+|.*\.\.\.")
_BRACKETED = re.compile(r"<([^<>]*)>")


# A "key" that is one long run without spaces or underscores, with a digit in it, is a pasted credential
# (a base64 secret whose '=' made configparser read it as a key, a bare token), not a setting's name.
_CREDENTIAL_LIKE_NAME = re.compile(r"(?=\S*\d)[^\s_]{16,}")
# Tokens such as GitLab's glpat-… carry '_' and '-' too: a long name with a random-looking part (eight or more
# letters and digits, mixed, between separators) is a credential; setting names have no such part.
_ALPHANUMERIC_RUN = re.compile(r"[A-Za-z0-9]{8,}")


def is_credential_like(name: str) -> bool:
    """True when a name configparser read (key, section, bare line, JSON name) looks like a pasted credential."""
    if _CREDENTIAL_LIKE_NAME.fullmatch(name):
        return True
    if len(name) < 16 or any(char.isspace() for char in name):
        return False
    return any(_mixes_letters_and_digits(run) for run in _ALPHANUMERIC_RUN.findall(name))


def _mixes_letters_and_digits(text: str) -> bool:
    return any(char.isdigit() for char in text) and any(char.isalpha() for char in text)


def secret_values(conf: Conf) -> List[str]:
    """Every secret string the file holds: values of secret keys as written, joined, interpolated and decoded,
    their base64, the tokens inside secret JSON values, and credential-like text that configparser took for a
    key or section name."""
    found = set(_credential_like_names(conf))
    for text in _secret_texts(conf):
        found.update(_forms(text))
    return sorted(
        (value for value in found
         if len(value) >= MIN_SECRET_LENGTH and not _PLACEHOLDER.fullmatch(value) and not _is_word_like(value)),
        key=len,
        reverse=True,
    )


def _secret_texts(conf: Conf) -> Iterator[str]:
    """The values of secret keys: each written line, the whole as written, and what Congregate reads."""
    for option in conf.all_options():
        if is_secret_key(option.section, option.key):
            texts = [line.text for line in option.value_lines]
            yield from texts
            yield "\n".join(texts)
    for section in conf.parser.sections():
        for key in conf.parser.options(section):
            if is_secret_key(section, key):
                value = conf.value(section, key)
                if value is not None:
                    yield value
                    yield from _json_tokens(section, key, value)


def is_secret_key(section: str, key: str) -> bool:
    """A key whose value is a secret: one the schema marks, or a misspelling of one (src_aws_codecommit_pasword,
    src_acces_tokn), which still holds the credential the user meant for it."""
    return is_secret(section, key) or (not is_known(section, key) and _near_secret_name(key))


@lru_cache(maxsize=None)
def _near_secret_name(key: str) -> bool:
    import difflib  # only for a key the schema does not know

    return bool(difflib.get_close_matches(key, _secret_names(), n=1, cutoff=0.8))


@lru_cache(maxsize=None)
def _secret_names() -> List[str]:
    return sorted({key for section in known_sections() for key in section_keys(section) if is_secret(section, key)})


def _forms(text: str) -> Iterator[str]:
    """The text, its base64 decoding and its base64 encoding: base64 protects nothing. A credential written
    inside the template's angle brackets (<...>) is still a credential."""
    yield text
    bracketed = _BRACKETED.fullmatch(text.strip())
    if bracketed and any(char.isdigit() for char in bracketed.group(1)):
        yield from _forms(bracketed.group(1))
    decoded = deobfuscate(text)
    if decoded.ok and decoded.text:
        yield decoded.text
    if text.isascii():
        yield obfuscate(text)


def _json_tokens(section: str, key: str, value: str) -> Iterator[str]:
    """Inside a secret JSON value: the obfuscated strings, and any name or string that looks like a credential."""
    try:
        document = json.loads(value)
    except (ValueError, RecursionError):
        return
    yield from (text for _, text in obfuscated_leaves(section, key, document))
    yield from (text for text in _json_strings(document) if is_credential_like(text))


def _json_strings(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (name for name in item if isinstance(name, str))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _credential_like_names(conf: Conf) -> Iterator[str]:
    """Key and section names, as written and lower-cased, bare lines of parse events, and words of notes after a
    value that look like credentials (configparser lower-cases key names; a bare line's event keeps only the
    lower-cased text)."""
    lines = conf.text.split("\n")
    names = [option.name for option in conf.all_options()] + list(conf.sections)
    names += [event.key for event in conf.events if event.key]
    names += [lines[event.line - 1].strip() for event in conf.events if event.key and 0 < event.line <= len(lines)]
    names += [word for option in conf.all_options() for line in option.value_lines for word in commented_words(line.text)]
    for name in names:
        if is_credential_like(name):
            yield name
            yield name.lower()


def commented_words(text: str) -> List[str]:
    """The words of a note written after a value ('value  # old token ...'), which Congregate keeps in the value;
    web addresses are left out, as they are no credentials."""
    inline = INLINE_COMMENT.search(text)
    return [word for word in text[inline.start():].split() if "://" not in word] if inline else []


def _is_word_like(value: str) -> bool:
    """A short "secret" without digits ('password', 'Congregate') is also a word of the tool's own messages:
    masking it there would point at it (src_aws_codecommit_****). Credentials are longer or carry digits; rules
    never print secret values anyway, so this only narrows the safety net."""
    return len(value) < WORD_LIKE_LENGTH and not any(char.isdigit() for char in value)


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
