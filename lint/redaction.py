"""The one masking layer: every text an output shows from a conf goes through a ``Redactor``.

Messages of findings (all formats), ``--diff`` lines, stderr lines and live
messages are masked here, never elsewhere. A credential is recognised two ways:

- by key: the values of secret keys and their misspellings (as written, joined,
  interpolated, decoded, and in base64), tokens in secret JSON values, string values
  under token-like names in any JSON value, credential-like text configparser read as
  a key or section name, and the line below a secret key left empty (a password
  pasted on the next line, however short);
- by shape, wherever it appears: known token prefixes (``glpat-``, ``ghp_``,
  ``github_pat_``, ``gho_``, ``ATBB``, ``ATATT``, ``xox…``), AWS access key IDs and
  40-character secrets, the base64 of any of these, and the password of URL userinfo
  (``https://user:PASS@host``, also without a scheme: ``user:PAT@host``).

Control characters of the conf (C0 but tab, DEL, C1: ESC sequences, OSC titles,
BEL) are shown escaped (``\x1b``) in everything a Redactor returns.
"""

import json
import re
from functools import lru_cache
from itertools import chain, compress, groupby
from operator import itemgetter
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from congregate_lint.model import DEFAULT_SECTION, Conf, Option, ValueLine
from congregate_lint.names import NameIndex
from congregate_lint.obfuscation import deobfuscate, describe, obfuscate
from congregate_lint.rules.p010_inline_comment import INLINE_COMMENT
from congregate_lint.shapes import MASK, mask_shapes, masked_and_escaped, quotable
from congregate_lint.schema import (keys_read_somewhere, known_keys, known_secret_keys, known_sections,
                                   obfuscated_leaves, secret_names_among)

# Shorter values are words, not credentials; masking them would garble ordinary messages.
MIN_SECRET_LENGTH = 8
# Below this length a value without digits is treated as a word, not masked (see _is_word_like).
WORD_LIKE_LENGTH = 16
# How alike a key's name must be to a secret key's (difflib's ratio) to be taken for a misspelling of it.
SECRET_NAME_CUTOFF = 0.8
# How many recent texts a Redactor remembers the masked form of.
SCRUB_MEMO = 1024
# Up to this many secrets, a text is first searched (in C) for the start of each before it is scanned in Python.
PREFIX_SEARCHES = 64
_PLACEHOLDER = re.compile(r"<[^>]*>|\*+|.*\.\.\.")
# JSON names under which a string is a credential.
_TOKEN_NAME = re.compile(r"token|password|passwd|secret|pwd|access_key|private_key|api_key|apikey", re.IGNORECASE)
_BRACKETED = re.compile(r"<([^<>]*)>")


# A "key" that is one long run without spaces or underscores, with a digit in it, is a pasted credential
# (a base64 secret whose '=' made configparser read it as a key, a bare token), not a setting's name.
_CREDENTIAL_LIKE_NAME = re.compile(r"(?=\S*\d)[^\s_]{16,}")
# The fewest characters of a credential-like name (both tests of is_credential_like ask for 16).
CREDENTIAL_LENGTH = 16
_BLANK = re.compile(r"\s")
# Tokens such as GitLab's glpat-… carry '_' and '-' too: a long name with a random-looking part (eight or more
# letters and digits, mixed, between separators) is a credential; setting names have no such part.
_ALPHANUMERIC_RUN = re.compile(r"[A-Za-z0-9]{8,}")


def is_credential_like(name: str) -> bool:
    """True when a name configparser read (key, section, bare line, JSON name) looks like a pasted credential."""
    if len(name) < CREDENTIAL_LENGTH:
        return False
    if _CREDENTIAL_LIKE_NAME.fullmatch(name):
        return True
    if _BLANK.search(name):
        return False
    # A run of ASCII letters and digits mixes them when it is neither all letters nor all digits.
    return any(not run.isalpha() and not run.isdigit() for run in _ALPHANUMERIC_RUN.findall(name))


class SecretKeys:
    """The keys of one file that hold secrets (see ``is_secret_key``), each judged once: ``options`` as written,
    ``read`` as (section, key) of every key configparser reads, those inherited from [DEFAULT] included."""

    def __init__(self, conf: Conf):
        self.options: List[Option] = []
        for section in conf.all_sections():
            options = section.options
            if options:  # a file may hold 100,000s of sections, most of them often empty
                self.options.extend(compress(options.values(), secret_keys_in(section.name, list(options))))
        self._secret = {id(option) for option in self.options}
        # Each option written in a section is what configparser reads there: judged above. Judged here: the keys
        # configparser reads that no option of the section stands for, those inherited from [DEFAULT] above all.
        self.read = [(option.section, option.key) for option in self.options if option.section != DEFAULT_SECTION]
        inherited = _InheritedSecrets(conf, self)
        self.read.extend((DEFAULT_SECTION, key) for key in inherited.secret)
        unjudged: List[Tuple[str, str]] = []
        for section, values in conf.parser._sections.items():
            own = conf.sections[section].options if section in conf.sections else {}
            if len(values) != len(own):  # every key of ``own`` is one of ``values``
                unjudged.extend((section, key) for key in values.keys() - own.keys())
            self.read.extend((section, key) for key in inherited.secret_in(section, values))
        self.read.extend(place for place, secret in zip(unjudged, are_secret_keys(unjudged)) if secret)

    def holds(self, option: Option) -> bool:
        """Whether the option (one of the file's) holds a secret."""
        return id(option) in self._secret


class _InheritedSecrets:
    """Which keys of [DEFAULT] hold a secret in the sections Congregate reads that inherit them, without judging
    each key once per section: a key no section knows is judged by its name alone, as it was in [DEFAULT] (which
    knows no key).

    ``secret`` are the keys secret in [DEFAULT] itself, whose reading there is masked. Their readings in a
    section Congregate does not read are not looked for: nothing reads them, no output shows them, and a file of
    thousands of such sections would make thousands of readings of every key.
    """

    def __init__(self, conf: Conf, keys: SecretKeys):
        defaults = conf.parser._defaults
        own = conf.defaults.options if conf.defaults is not None else {}
        unwritten = [(DEFAULT_SECTION, key) for key in defaults if key not in own]
        self.secret = {option.key for option in keys.options if option.section == DEFAULT_SECTION}
        self.secret.update(key for (_, key), secret in zip(unwritten, are_secret_keys(unwritten)) if secret)
        # In [DEFAULT]'s order, the keys whose answer may depend on the section: those some section knows.
        read = keys_read_somewhere()
        self.open = [key for key in defaults if key in self.secret or key in read]

    def secret_in(self, section: str, values: Dict[str, str]) -> List[str]:
        """The keys of [DEFAULT] a section Congregate reads inherits (does not set itself) that hold a secret
        there; none for another section."""
        if section not in known_sections():
            return []
        known, secret = known_keys(section), known_secret_keys(section)
        return [key for key in self.open
                if key not in values and (key in secret if key in known else key in self.secret)]


def secret_values(conf: Conf, keys: Optional[SecretKeys] = None) -> List[str]:
    """Every secret string the file holds: values of secret keys as written, joined, interpolated and decoded,
    their base64, the tokens inside secret JSON values, and credential-like text that configparser took for a
    key or section name."""
    found = set(_credential_like_names(conf))
    for text in _secret_texts(conf, keys or SecretKeys(conf)):
        found.update(_forms(text))
    return sorted(
        (value for value in found
         if len(value) >= MIN_SECRET_LENGTH and not _PLACEHOLDER.fullmatch(value) and not _is_word_like(value)),
        key=len,
        reverse=True,
    )


def _secret_texts(conf: Conf, keys: SecretKeys) -> Iterator[str]:
    """The values of secret keys: each written line, the whole as written, and what Congregate reads."""
    for option in keys.options:
        texts = _value_texts(option)
        yield from texts
        yield "\n".join(texts)
    for section, key in keys.read:
        value = conf.value(section, key)
        if value is not None:
            yield value
            yield from _json_tokens(section, key, value)


def is_secret_key(section: str, key: str) -> bool:
    """A key whose value is a secret: one the schema marks, or a misspelling of one (src_aws_codecommit_pasword,
    src_acces_tokn), which still holds the credential the user meant for it."""
    return are_secret_keys([(section, key)])[0]


def are_secret_keys(places: List[Tuple[str, str]]) -> List[bool]:
    """``is_secret_key`` of each (section, key), judged a section at a time (most places of a file share their
    section with the one before)."""
    answers: List[bool] = []
    for section, run in groupby(places, key=itemgetter(0)):
        answers.extend(secret_keys_in(section, [key for _, key in run]))
    return answers


def secret_keys_in(section: str, keys: List[str]) -> List[bool]:
    """``is_secret_key`` of each key of one section. The names the section does not know are judged together:
    their secret words looked for in one pass, and those left compared with the secret keys' names at once (a
    file may hold 100,000s of keys)."""
    known, secret = known_keys(section), known_secret_keys(section)
    unknown = [key for key in keys if key not in known] if known else keys
    found = secret_names_among(unknown)
    rest = [key for key in unknown if key not in found]
    near = _secret_names().best_each(rest, SECRET_NAME_CUTOFF)
    found.update(compress(rest, (guess is not None for guess in near)))
    if not known:
        return list(map(found.__contains__, keys))
    return [key in secret if key in known else key in found for key in keys]


@lru_cache(maxsize=None)
def _secret_names() -> NameIndex:
    return NameIndex(sorted({key for section in known_sections() for key in known_secret_keys(section)}))


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
    lines, options = conf.lines, conf.all_options()
    values = chain((option.value_text for option in options),
                   (line.text for option in options if option.continued for line in option.continued))
    names = chain(  # a name's length is tested first: most are too short to be a credential
        (option.name for option in options if len(option.name) >= CREDENTIAL_LENGTH), conf.sections,
        (event.key for event in conf.events if event.key),
        (lines[event.line - 1].strip() for event in conf.events if event.key and 0 < event.line <= len(lines)),
        (word for text in values if "#" in text or ";" in text for word in commented_words(text)))
    for name in names:
        if is_credential_like(name):
            yield name
            yield name.lower()


def _value_texts(option: Option) -> List[str]:
    """The text of each line of the option's value."""
    return [option.value_text, *(line.text for line in option.continued)] if option.continued else [option.value_text]


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


def pasted_below_empty_secrets(conf: Conf, keys: SecretKeys) -> Set[str]:
    """The text of each line just below a secret key left empty: a credential pasted on the next line, which
    configparser reads as a bare key, an unreadable line or a key with no value (base64 ending in '=')."""
    lines = conf.lines
    readable = {event.line for event in conf.events if event.kind in ("bare-key", "unparsable-line", "missing-header")}
    found: Set[str] = set()
    for option in keys.options:
        if any(_value_texts(option)):
            continue
        below = option.line + 1
        text = lines[below - 1].strip() if below <= len(lines) else ""
        other = conf.option_at(below)
        if text and (below in readable or (other is not None and not any(_value_texts(other)))):
            for form in (text, text.rstrip("=:").strip()):
                found.update({form, form.lower()})
    return {text for text in found if text}


def _json_values_under_token_names(conf: Conf) -> Iterator[str]:
    """String values under token-like names ("private_token": "...") in any JSON value of the conf."""
    raws = chain(conf.parser._defaults.values(), *(values.values() for values in conf.parser._sections.values()))
    for raw in raws:  # [DEFAULT]'s once, not once per section that inherits them
        if "{" not in raw:
            continue
        try:
            document = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [document]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for name, value in item.items():
                    if isinstance(value, str) and isinstance(name, str) and _TOKEN_NAME.search(name) and value:
                        yield value
                    else:
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)


class _KnownSecrets:
    """One file's secrets as masking looks for them: long ones by their first MIN_SECRET_LENGTH characters, short
    ones (a word pasted below an empty secret key) as whole words."""

    __slots__ = ("by_prefix", "words")

    def __init__(self):
        self.by_prefix: Dict[str, List[str]] = {}
        self.words: Set[str] = set()

    def scrubbed(self, text: str) -> str:
        """The text with every secret of the file and every credential-shaped word masked, control characters
        escaped."""
        return masked_and_escaped(self.masked(text))

    def masked(self, text: str) -> str:
        """The text with every secret of the file masked."""
        if self.by_prefix and self._may_hold_secret(text):
            pieces, start, index = [], 0, 0
            while index <= len(text) - MIN_SECRET_LENGTH:
                secret = self._secret_at(text, index)
                if secret is None:
                    index += 1
                    continue
                pieces.append(text[start:index] + MASK)
                index = start = index + len(secret)
            text = "".join(pieces) + text[start:]
        if self.words:
            text = _TOKEN_WORD.sub(lambda word: MASK if word.group() in self.words else word.group(), text)
        return text

    def _may_hold_secret(self, text: str) -> bool:
        """False when no secret's first characters occur in the text (searched in C), for a file with few secrets."""
        return len(self.by_prefix) > PREFIX_SEARCHES or any(prefix in text for prefix in self.by_prefix)

    def _secret_at(self, text: str, index: int) -> Optional[str]:
        """The longest secret starting at index, if any."""
        for secret in self.by_prefix.get(text[index:index + MIN_SECRET_LENGTH], ()):
            if text.startswith(secret, index):
                return secret
        return None


class Redactor:
    """Masks any secret of one file, and any credential by its shape, in a text bound for an output.

    The secrets are indexed by their first characters (see _KnownSecrets), so scrubbing a
    message costs one look-up per character, however many secrets the file holds.
    """

    def __init__(self, conf: Conf):
        self.conf = conf
        # The file's secrets, found when a text is first masked (a file without findings never needs them).
        self.secret_keys: Optional[SecretKeys] = None
        self.secrets: Optional[_KnownSecrets] = None
        self.pasted_lines: Set[int] = set()
        # Line → the option and its value line, for each continuation line of a value.
        self._continued: Optional[Dict[int, Tuple[Option, ValueLine]]] = None

    def _find_secrets(self) -> "_KnownSecrets":
        """The file's secrets (and the lines pasted below an empty secret key), found once."""
        if self.secrets is None:
            self.secret_keys = SecretKeys(self.conf)
            secrets = _KnownSecrets()
            pasted = pasted_below_empty_secrets(self.conf, self.secret_keys)
            extra = {form for text in _json_values_under_token_names(self.conf) for form in _forms(text)}
            found = set(secret_values(self.conf, self.secret_keys)) | extra | pasted
            for secret in sorted(found, key=len, reverse=True):
                if len(secret) >= MIN_SECRET_LENGTH and (secret in pasted or not _PLACEHOLDER.fullmatch(secret)):
                    secrets.by_prefix.setdefault(secret[:MIN_SECRET_LENGTH], []).append(secret)
                elif secret in pasted:
                    secrets.words.add(secret)
            self.pasted_lines = self._pasted_lines(pasted)
            self.secrets = secrets
        return self.secrets

    def scrub(self, text: str) -> str:
        """The text with every secret of the file and every credential-shaped word masked, control characters
        escaped.

        Findings repeat their texts ("This line is ignored.", a section's name): each is masked once. The first
        call puts the memo in this method's place, so later ones (every text of every finding) call it directly;
        a file without findings makes none. The memo holds the file's secrets, not this Redactor: a memo of one
        of its own methods would be a reference cycle, keeping the whole file's model for the garbage collector.
        In a file without secrets, only shapes are left to mask: the memo holds the function that masks them."""
        secrets = self._find_secrets()
        masking = secrets.scrubbed if secrets.by_prefix or secrets.words else masked_and_escaped
        self.scrub = lru_cache(maxsize=SCRUB_MEMO)(masking)  # type: ignore[method-assign]
        return self.scrub(text)

    def reason(self, text: str) -> str:
        """A suppression comment's reason: scrubbed, and each credential-like word masked too."""
        return " ".join(MASK if is_credential_like(word) else word for word in self.scrub(text).split(" "))

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) of the conf as an output may show it: values of secret keys and a line
        pasted below an empty one described, commented-out secrets and credential-like words in comments
        described, everything else scrubbed. Each line is masked when asked for: a report shows few of them."""
        lines = self.conf.lines
        if not 0 < number <= len(lines):
            return ""
        self._find_secrets()
        text = lines[number - 1]
        if self._continued is None:
            self._continued = {value_line.line: (option, value_line) for option in self.conf.all_options()
                               for value_line in option.continued}
        option = self.conf.option_at(number)
        if option is not None:  # the key's own line: its value's first line (no ValueLine made for it)
            column, value = option.value_column, option.value_text
        elif number in self._continued:
            option, continued = self._continued[number]
            column, value = continued.column, continued.text
        if option is not None:
            if self.secret_keys.holds(option):
                text = _described_value(text, column, value) if value else text
            elif not option.continued and _pasted_credential(value):
                text = _described_value(text, column, value)
        if number in self.pasted_lines:
            indent = len(text) - len(text.lstrip())
            text = f"{text[:indent]}<secret: {describe(text.strip())}>"
        return self.scrub(_masked_comment(self.conf, text))

    @property
    def line_count(self) -> int:
        return len(self.conf.lines)

    def _pasted_lines(self, pasted: Set[str]) -> Set[int]:
        if not pasted:
            return set()
        return {number for number, text in enumerate(self.conf.lines, start=1) if text.strip() and text.strip() in pasted}


# A comment line; its body runs to the end of the line (a lazy body followed by '\s*$' would retry the trailing
# blanks at every character: quadratic on a long run of spaces).
_COMMENT = re.compile(r"^\s*[#;]\s*(?P<body>.*)$")
# A word of a comment long enough to be credential-like.
_COMMENT_WORD = re.compile(rf"[^\s#;]{{{CREDENTIAL_LENGTH},}}")


def _described_value(text: str, column: int, value: str) -> str:
    """The line with the value written from ``column`` replaced by its description."""
    start, end = column - 1, column - 1 + len(value)
    return f"{text[:start]}<secret: {describe(value)}>{text[end:]}"


@lru_cache(maxsize=SCRUB_MEMO)  # a file repeats its values (true, 1, a section's host)
def _pasted_credential(value: str) -> bool:
    """A one-word value of a key that is not secret which could be a credential pasted there (anything but words
    and short numbers, and not already masked by its shape); JSON and text with blanks are shown, their
    credentials masked by shape."""
    return (bool(value) and not any(char.isspace() for char in value) and value[0] not in "{["
            and not quotable(value) and mask_shapes(value) == value)


def _masked_comment(conf: Conf, line: str) -> str:
    """A commented-out ``# secret_key = value`` line (an old credential, kept "just in case") with its value
    described; in any other comment, also one after a value, the credential-like words described."""
    if "#" not in line and ";" not in line:  # no comment
        return line
    comment = _COMMENT.match(line)
    if not comment:
        inline = INLINE_COMMENT.search(line)
        return line[:inline.start()] + _described_words(line[inline.start():]) if inline else line
    assignment = conf.parser._optcre.match(comment.group("body"))
    if not assignment or not assignment.group("value").strip() or not is_secret_key("", conf.parser.optionxform(
            assignment.group("option").strip())):
        return _described_words(line)
    start = comment.start("body") + assignment.start("value")
    return f"{line[:start]}<secret: {describe(assignment.group('value').rstrip())}>"


def _described_words(comment: str) -> str:
    """A comment with each credential-like word (an old key or token kept in a note) replaced by its description;
    web addresses stay as they are (their userinfo is masked by shape)."""
    return _COMMENT_WORD.sub(lambda word: word.group() if "://" in word.group() or not is_credential_like(word.group())
                             else f"<secret: {describe(word.group())}>", comment)


# A word as a short secret is compared: the text between blanks, quotes, brackets and '=' or ':'.
_TOKEN_WORD = re.compile(r"[^\s'\"<>()\[\]{},;=:]+")
