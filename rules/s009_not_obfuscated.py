"""An obfuscated key whose value Congregate cannot base64-decode: "Invalid token" and exit.

**Why it matters.** Congregate stores tokens and passwords base64-encoded
(``congregate obfuscate``) and decodes them with ``b64decode(...).decode('ascii')``
when it reads them. A value pasted raw usually fails that decoding (wrong length,
bad padding, non-ASCII bytes): Congregate prints ``Invalid token`` and exits.
``congregate validate-config`` reads every setting, so even keys no migration
code uses fail it. Checked here: ``dstn_access_token``, ``src_access_token`` (not
for Azure DevOps, whose base64 of ``:PAT`` A002 checks; for GitHub each item of a
comma-separated list too), ``src_password``, ``s3_access_key_id``,
``s3_secret_access_key``, ``ci_src_access_token``, ``jenkins_ci_src_access_token``,
``tc_ci_src_access_token`` and the tokens inside the ``sources`` JSON values. The
CodeCommit secrets have their own rules (C003, C004, C006).

A value that decodes, but to nothing (a placeholder such as ``*****``: decoding
drops characters outside the base64 alphabet) or to text with control characters
(most likely a raw token that happens to be valid base64), is a warning: Congregate
would send that text as the credential. An empty decoding is an error for
``dstn_access_token`` and for a source's ``src_access_token``: Congregate skips
validating an empty token, and every API call of the migration then fails. The value itself is never shown; the
message gives its length and character classes.

**Failing example**::

    [DESTINATION]
    dstn_access_token = glpat-abcdefghij0123456789

**Passing example** (the output of ``congregate obfuscate``)::

    [DESTINATION]
    dstn_access_token = Z2xwYXQtYWJjZGVmZ2hpajAxMjM0NTY3ODk=

**Fix.** Run ``congregate obfuscate``, paste the token, and store its output.
"""

from functools import lru_cache
from typing import Iterator, List, Optional, Tuple

from congregate_lint.findings import Problem, Severity, capitalized
from congregate_lint.model import Conf
from congregate_lint.obfuscation import deobfuscate, describe
from congregate_lint.schema import ValuePlaces, check_conf, key_info, known_sections, obfuscated_leaves, section_keys

ID = "S009"
NAME = "not-obfuscated"
SEVERITY = Severity.ERROR
SUMMARY = "An obfuscated key (token, password) whose value is not base64: 'Invalid token' and exit."
FIXABLE = True

# The CodeCommit secrets are checked by C003, C004 and C006.
CODECOMMIT_SECRETS = {"src_aws_secret_access_key", "src_aws_session_token", "src_aws_codecommit_password"}


def check(conf):
    reported = set()
    source_type = (conf.value("SOURCE", "src_type") or "").lower()
    for section, key in _obfuscated_keys():
        option = conf.option(section, key) if section in conf.sections else None
        if option is None or (option.section, key) in reported:
            continue
        reported.add((option.section, key))
        if source_type in key_info(section, key).get("raw_for_src_types", []):
            continue  # Azure DevOps' token (the base64 of ':PAT', sent as stored): A002 checks it
        if key_info(section, key).get("type") == "json":
            yield from _json_tokens(conf, section, key)
        else:
            yield from _value_problems(conf, section, key, source_type)


@lru_cache(maxsize=None)
def _obfuscated_keys() -> List[Tuple[str, str]]:
    """Every key this rule checks: the obfuscated ones and the JSON values that may hold obfuscated tokens."""
    return [
        (section, key)
        for section in known_sections()
        for key in section_keys(section)
        if key not in CODECOMMIT_SECRETS
        and (key_info(section, key).get("obfuscated") or key_info(section, key).get("type") == "json")
    ]


def _value_problems(conf: Conf, section: str, key: str, source_type: str) -> Iterator[Problem]:
    value = conf.value(section, key)
    if value is None:
        return
    items = [value]
    if "," in value and source_type in key_info(section, key).get("comma_list_for_src_types", []):
        items += [item.strip() for item in value.split(",")]
    for index, item in enumerate(items):
        where = key if index == 0 else f"item {index} of {key}"
        problem = _problem(where, item, "" if index == 0 else f"{key} is a comma-separated token list. ")
        if problem is not None:
            if problem.severity == Severity.WARNING and not deobfuscate(item).text and _sent(key, source_type):
                problem = problem._replace(severity=Severity.ERROR)
            yield problem._replace(section=section, key=key)
            return


def _sent(key: str, source_type: str) -> bool:
    """Whether Congregate sends this credential in every migration of this source type (an empty one then fails)."""
    return key == "dstn_access_token" or (key == "src_access_token" and source_type not in ("", "codecommit"))


def _json_tokens(conf: Conf, section: str, key: str) -> Iterator[Problem]:
    value = check_conf(conf).instance.get(section, {}).get(key)
    raw = conf.value(section, key) or ""
    places = ValuePlaces(conf, section, key, raw)
    start = 0
    for path, text in obfuscated_leaves(section, key, value):
        offset = raw.find(f'"{path[-1]}"', start)
        start = offset + 1 if offset >= 0 else start
        problem = _problem(key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path), text)
        if problem is None:
            continue
        line, column = places.at(offset) if offset >= 0 else (None, None)
        yield problem._replace(section=section, key=key, line=line, column=column)


def _problem(where: str, value: str, context: str = "") -> Optional[Problem]:
    """The problem with one stored value, not yet placed; None when it decodes to usable text."""
    decoded = deobfuscate(value)
    shape = f"The value has {describe(value)}."
    if not decoded.ok:
        return Problem(
            f"{where} is not base64 as `congregate obfuscate` writes it",
            explanation=f"{context}{capitalized(decoded.error)}: Congregate fails to decode it, "
                        f"prints 'Invalid token' and exits. {shape}",
            fix="Store the output of `congregate obfuscate` instead.",
        )
    if decoded.text == "":
        return Problem(
            f"{where} decodes to nothing",
            severity=Severity.WARNING,
            explanation=f"{context}Base64 decoding drops characters outside its alphabet, so Congregate would send "
                        f"an empty credential. {shape}",
            fix="Replace the placeholder with the obfuscated token.",
        )
    if any(ord(char) < 32 or ord(char) == 127 for char in decoded.text):
        return Problem(
            f"{where} decodes to text with control characters",
            severity=Severity.WARNING,
            explanation=f"{context}It is most likely a raw value that happens to be valid base64, and Congregate "
                        f"would send the garbled text. {shape}",
            fix="Store the output of `congregate obfuscate` instead.",
        )
    return None
