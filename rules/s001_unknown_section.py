"""A section Congregate never reads.

**Why it matters.** Congregate asks for each key in a fixed section
(``[DESTINATION]``, ``[SOURCE]``, ``[MULTIPLE_SOURCE]``, ``[CI_SOURCE]``,
``[JENKINS_CI_SOURCE]``, ``[TEAMCITY_CI_SOURCE]``, ``[EXPORT]``, ``[USER]``,
``[APP]``). Section names are case-sensitive, so ``[Source]`` is not ``[SOURCE]``:
every key under a section Congregate does not read is silently ignored and the
defaults apply. ``[EXT_SRC]`` is the pre-2020 name of ``[SOURCE]``.

A warning, or an **error** when the header stands for a section the file lacks
(``[Source]``, ``[SOURCE]]``, ``[EXT_SRC]``) and holds keys Congregate reads there (they
are all unset, the source type and its credentials included), or when it holds a key
Congregate needs and finds nowhere else.

**Failing example**::

    [Source]
    src_type = CodeCommit

**Passing example**::

    [SOURCE]
    src_type = CodeCommit

**Fix.** Rename the header to the section Congregate reads (the message suggests
one), or delete the section.
"""

from functools import lru_cache

from congregate_lint.findings import Problem, Severity
from congregate_lint.schema import is_known, key_info, known_sections, renamed_section, section_keys

from . import _schema

ID = "S001"
NAME = "unknown-section"
SEVERITY = Severity.WARNING
SUMMARY = "A section Congregate does not read (names are case-sensitive); its keys are ignored."


def check(conf):
    """Each unknown section with its headline; one that holds keys Congregate misses is an error, explained here.
    Why and how to fix the others are worked out by ``explained`` for those a report lists (a file may have
    100,000s of sections)."""
    for violation in _schema.of_rule(conf, ID):
        name = violation.section
        headline = f"Congregate reads no section [{name}]"
        lost = _lost(conf, name)
        if not lost:
            yield _schema.problem(violation, headline)
            continue
        explanation, fix = _why_and_fix(name, *_meaning(name))
        yield Problem(headline, section=name, severity=Severity.ERROR, explanation=(
            f"{explanation} Keys Congregate reads are unset because they are written here: "
            f"{_schema.listing(lost)}."), fix=fix)


def explained(conf, problems):
    """The problems with why and how to fix, from what each section most likely means."""
    result = []
    for problem in problems:
        if not problem.explanation:  # not an error, which check explains
            explanation, fix = _why_and_fix(problem.section, *_meaning(problem.section))
            problem = problem._replace(explanation=explanation, fix=fix)
        result.append(problem)
    return result


def _meaning(name):
    """(the section it is the old name of, the one it differs from in case only, the nearest known one): what the
    header most likely means; at most one is set."""
    successor, same_letters = renamed_section(name), _same_letters(name)
    near = None if successor or same_letters else _schema.closest(name.upper(), known_sections(), cutoff=0.75)
    return successor, same_letters, near


def _lost(conf, name):
    """The keys under this header that Congregate reads, but not from here, and finds unset.

    Those of a section the file lacks and the header stands for (its old name, same letters, or a near miss, as
    for ``[Source]``), and any key Congregate needs that it finds nowhere else.
    """
    keys = conf.sections[name].options
    if not keys:
        return []
    meant = next((section for section in _meaning(name) if section), None)
    lost = [key for key in keys if is_known(meant, key)] if meant and meant not in conf.sections else []
    reported_by_s007 = {key for section, key in _schema.reported_as_unread_required(conf) if section == name}
    return lost + [key for key in keys if key in reported_by_s007 and key not in lost] if reported_by_s007 else lost


def _same_letters(name):
    """The section Congregate reads whose name differs from this one in case only, if any."""
    return _by_lower_case().get(name.lower())


@lru_cache(maxsize=None)
def _by_lower_case():
    found = {}
    for known in known_sections():
        found.setdefault(known.lower(), known)
    return found


def _why_and_fix(name, successor, same_letters, near):
    """Why the section is ignored and what to do, from what it most likely means: the section it is the old name
    of, the one it differs from in case only, or a near miss."""
    ignored = "Every key in it is ignored"
    if successor:
        return (f"{ignored}: [{name}] is the old name of [{successor}].",
                f"Move its keys to [{successor}] ({_renames(name)}).")
    if same_letters:
        return f"{ignored}: section names are case-sensitive.", f"Rename the header to [{same_letters}]."
    if near:
        return f"{ignored}.", f"Did you mean [{near}]?"
    return (f"{ignored}. The sections Congregate reads are "
            f"{_schema.listing(['[%s]' % s for s in known_sections()])}.",
            "Rename the header to one of them, or delete the section.")


def _renames(name):
    """'old -> new' for the keys of a renamed section whose names changed too."""
    successor = renamed_section(name)
    pairs = []
    for key in section_keys(successor):
        for old in key_info(successor, key).get("renamed_from", []):
            if old.startswith(name + "."):
                pairs.append(f"{old.split('.', 1)[1]} -> {key}")
    return "; ".join(pairs) if pairs else "same names"
