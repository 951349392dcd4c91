"""A value outside the fixed set Congregate compares it with.

**Why it matters.** Some settings select a branch of Congregate's code:

* ``src_type`` (compared lower-cased): ``gitlab``, ``bitbucket server``,
  ``bitbucket cloud``, ``github``, ``azure devops``, ``codecommit``. There are no
  aliases: ``AWS CodeCommit``, ``ADO`` or ``GitHub Enterprise`` make ``list`` raise
  an exception and ``migrate`` do nothing.
* ``location`` (lower-cased): ``filesystem``, ``aws``, ``filesystem-aws``; any other
  value matches none of the export and import branches.
* ``user_mapping_field`` (exact): ``email`` or ``username``; anything else makes
  Congregate log "Invalid user mapping field" and exit.
* ``src_tier`` (lower-cased, warning): ``core``, ``free``, ``starter``, ``bronze``,
  ``premium``, ``silver``, ``ultimate``, ``gold``; an unknown tier is treated as a
  paid one.
* ``timeout_strategy`` (exact, warning): ``pessimistic`` or ``optimistic``; it is sent
  unchecked to GitLab's import API.

**Failing example**::

    [SOURCE]
    src_type = AWS CodeCommit

**Passing example**::

    [SOURCE]
    src_type = CodeCommit

**Fix.** Use one of the listed values (the message suggests the closest).
"""

from congregate_lint.findings import Severity, capitalized
from congregate_lint.schema import key_info

from . import _schema

ID = "S006"
NAME = "invalid-choice"
SEVERITY = Severity.ERROR
SUMMARY = "A value that is not one of the choices Congregate compares it with (src_type, location, ...)."


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        section, key = violation.section, violation.key
        info = key_info(section, key)
        written = conf.value(section, key) or violation.value
        choices = list(violation.expected)
        compared = "compared lower-cased" if info.get("lower_case") else "compared exactly, case included"
        effect = info.get("invalid_effect", "Congregate does not know this value")
        guess = _guess(str(violation.value), choices)
        subject, note = _schema.assignment(section, key, written)
        yield _schema.problem(
            violation,
            f"{subject} is not a value Congregate knows",
            explanation=f"{note}{capitalized(effect)}. Congregate knows ({compared}): {_schema.listing(choices)}.",
            fix=f"Did you mean '{guess}'?" if guess else "Write one of the values listed.",
        )


def _guess(value, choices):
    """The closest choice, comparing case-insensitively and ignoring spaces and dashes as well."""
    folded = {choice.replace(" ", "").replace("-", "").lower(): choice for choice in choices}
    plain = value.replace(" ", "").replace("-", "").lower()
    if plain in folded:
        return folded[plain]
    for short, choice in folded.items():
        if short and short in plain:
            return choice
    guess = _schema.closest(plain, folded, cutoff=0.6)
    return folded[guess] if guess else None
