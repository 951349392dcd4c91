"""A ``# congregate-lint:`` comment that silences nothing, or that cannot be read.

**Why it matters.** A suppression comment outlives the problem it was written
for: once the value is fixed (or the key is moved, or a blank line slips in
between), the comment silences nothing, yet it reads as if a problem were still
known and accepted, and it would silently hide a new one of that rule later. A
comment with a typo (``disabel=``, an unknown rule) never worked at all.
Congregate itself ignores every full-line comment, so none of this changes the
migration: it only keeps the suppressions honest.

**How suppression works.** Full-line INI comments, which Congregate's parser skips:

- ``# congregate-lint: disable=RULE[,RULE] -- reason`` on the line directly above
  a key silences those rules for that key (and for anything reported on that
  line). Several such comments may be stacked directly above the key.
- ``# congregate-lint: disable-file=RULE[,RULE] -- reason`` anywhere in the file
  silences those rules for the whole file (by convention, put it at the top).

Rules are named by ID (``C007``) or name (``placeholder``). The reason after
``--`` is optional but recommended; it is shown in JSON and SARIF reports. A
silenced finding never fails the run. This rule reports each named rule that
silenced nothing (only for rules that ran), unknown rule names, and
``# congregate-lint:`` comments that are not one of the two forms.

**Failing example** (``src_type`` is set only once, so nothing is duplicated)::

    [SOURCE]
    # congregate-lint: disable=P005 -- the template repeats it
    src_type = CodeCommit

**Passing example**::

    [SOURCE]
    src_type = CodeCommit

**Fix.** Delete the comment, or the rules in it that no longer apply; correct a
misspelt rule or directive. To keep stale suppressions on purpose, silence this
rule for the file with ``# congregate-lint: disable-file=M002`` or ``--ignore M002``.
"""

from congregate_lint.findings import Severity

ID = "M002"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
SUMMARY = "A '# congregate-lint: disable' comment silences nothing or cannot be read."


def check(conf):
    """Reported by the engine's suppression stage, which sees every rule's findings; nothing to check here."""
    return iter(())
