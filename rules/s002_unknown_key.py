"""A key Congregate does not read in its section: a typo, an old name, or a removed setting.

**Why it matters.** Congregate looks each setting up by its exact (case-insensitive)
name. A misspelt or renamed key is silently ignored and the default applies:
``keep_blocked_users = False`` (renamed ``keep_inactive_users`` in 2021) leaves
inactive users kept. The message suggests the current name, from Congregate's
rename history (``export_import_wait_time`` -> ``export_import_status_check_time``,
``system_hooks_enabled`` -> ``migrate_system_hooks``, ``remapping_file`` ->
``remapping_file_path``, ``parent_group_id`` -> ``dstn_parent_group_id``,
``hostname`` -> ``dstn_hostname``/``src_hostname``, ...) or the closest known key.

One name is an **error**: ``src_aws_access_key`` in ``[SOURCE]``. ``congregate
configure`` writes that name, but Congregate reads ``src_aws_access_key_id``; boto3
then gets a secret key without a key ID and raises ``PartialCredentialsError``.

A key under ``[DEFAULT]`` is inherited by every section; it is reported only when
no section reads it. Keys under a section Congregate does not read are left to
S001, and a known key in the wrong section to S008.

**Failing example**::

    [USER]
    keep_blocked_users = False

**Passing example**::

    [USER]
    keep_inactive_users = False

**Fix.** Rename the key as the message says, or delete the line.
"""

from functools import lru_cache

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import DEFAULT_SECTION
from congregate_lint.names import NameIndex
from congregate_lint.schema import (key_info, known_sections, misnamed_keys, removed_note, renamed_to, section_keys,
                                   unread_options)

from . import _schema

ID = "S002"
NAME = "unknown-key"
SEVERITY = Severity.WARNING
SUMMARY = "A key Congregate does not read (typo, old name or removed setting); it is ignored."
FIXABLE = True


def check(conf):
    """The unread keys, each with its headline; why and how to fix are worked out by ``explained`` for those a
    report lists (a file may hold 100,000s of unknown keys, so the loop looks nothing up twice)."""
    reported_by_s007 = _schema.reported_as_unread_required(conf)
    misnamings = misnamed_keys()
    make = Problem._make  # positional and without defaults to fill: half the cost of Problem(...)
    for option in unread_options(conf, ID):
        section, key = option.section, option.key
        misnamed = misnamings.get(key)
        if misnamed and misnamed[0] == section:
            yield _misnamed(section, key, misnamed[1])
        elif not reported_by_s007 or (section, key) not in reported_by_s007:  # else S007 reports it as an error
            yield make((_headline(section, key), section, key, option.line, option.column, None, "", "", False))


def explained(conf, problems):
    """The problems with why and how to fix: the known key each unread key most likely means is worked out for
    them all at once (the engine hands them over a chunk at a time)."""
    result = []
    for problem, meant in zip(problems, _meant(problems)):
        if not problem.explanation:  # not one of _misnamed's, which say it all
            explanation, fix = _hint(problem.section, problem.key, meant)
            problem = problem._replace(explanation=explanation, fix=fix)
        result.append(problem)
    return result


def _meant(problems):
    """For each unread key, the known key it most likely means ('key', or 'key' in [SECTION] for one of another
    section), or None: a key of its own section first, then one of any section. The names are compared all at
    once."""
    meant = [None] * len(problems)
    by_section = {}
    for index, problem in enumerate(problems):
        by_section.setdefault(problem.section, []).append(index)
    for section, indexes in by_section.items():
        if section in known_sections():
            for index, guess in zip(indexes, _index(section).best_each([problems[i].key for i in indexes],
                                                                        _schema.CUTOFF)):
                meant[index] = guess and f"'{guess}'"
    unmatched = [index for index, guess in enumerate(meant) if guess is None]
    for index, guess in zip(unmatched, _index(None).best_each([problems[i].key for i in unmatched],
                                                              _schema.CUTOFF)):
        meant[index] = guess and _place(problems[index].section, _owners()[guess], guess)
    return meant


def _misnamed(section, key, target):
    return Problem(
        f"Congregate reads '{target}', not '{key}'",
        section=section,
        key=key,
        severity=Severity.ERROR,
        explanation=f"'{key}' is the name `congregate configure` writes, so this line is ignored. With "
                    f"{target} unset, boto3 gets a secret key without a key ID and raises PartialCredentialsError.",
        fix=f"Rename the key to {target}.",
    )


def _headline(section, key):
    if section == DEFAULT_SECTION:
        return f"Congregate reads no key '{key}', in [DEFAULT] or elsewhere"
    return f"Congregate does not read '{key}' in [{section}]"


def _hint(section, key, meant):
    """(explanation, fix) for an unread key; ``meant`` is the known key it most likely means, if any."""
    ignored = ("Every section inherits the keys of [DEFAULT], but none reads this one." if section == DEFAULT_SECTION
               else "This line is ignored.")
    renamed = renamed_to(section, key)
    if renamed:
        new_section, new_key = renamed
        place = _place(section, new_section, new_key)
        return (f"{ignored} '{key}' is an old name of {place}{_default(new_section, new_key)}.",
                f"Rename it to {place}.")
    note = removed_note(section, key)
    if note:
        return f"{ignored} Congregate no longer has this setting ({note}).", "Delete the line."
    if meant:
        return ignored, f"Did you mean {meant}?"
    return ignored, "Check the spelling against Congregate's template, or delete the line."


@lru_cache(maxsize=None)
def _index(section):
    """The known keys of a section (None: of every section), indexed for "did you mean"."""
    return NameIndex(section_keys(section) if section is not None else _owners())


@lru_cache(maxsize=None)
def _owners():
    """Every known key → the first section that has it."""
    owners = {}
    for known in known_sections():
        for name in section_keys(known):
            owners.setdefault(name, known)
    return owners


def _place(section, new_section, new_key):
    return f"'{new_key}'" if new_section == section else f"'{new_key}' in [{new_section}]"


def _default(section, key):
    info = key_info(section, key)
    default = info.get("default")
    if default is None or info.get("type") == "json":
        return ""
    return f" (while it is unset, Congregate uses the default {default!r})"
