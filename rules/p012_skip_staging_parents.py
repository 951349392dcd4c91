"""``skip_staging_parents`` set to any value, ``False`` included.

**Why it matters.** Congregate reads ``APP.skip_staging_parents`` as a plain
string, not a boolean, and tests it for truth. Any non-empty value, including
``False``, ``no`` and ``0``, turns skipping of parent groups ON. Congregate's own
template shows ``# skip_staging_parents = False``, so uncommenting it does the
opposite of what it says.

**Failing example**::

    [APP]
    skip_staging_parents = False

**Passing example** (skipping off)::

    [APP]
    skip_staging_parents =

**Fix.** To keep parent groups, leave the value empty or delete the line. To skip
them, write ``True`` and know that any text has the same effect.
"""

from congregate_lint.findings import Problem, Severity

ID = "P012"
NAME = "string-flag"
SEVERITY = Severity.WARNING
SUMMARY = "skip_staging_parents is read as a string: any value, even 'False', turns it on."

FALSE_WORDS = {"0", "false", "no", "off"}


def check(conf):
    value = conf.value("APP", "skip_staging_parents")
    if value is None:
        return
    if value.strip().lower() in FALSE_WORDS:
        yield Problem(
            f"skip_staging_parents = {value} turns skipping ON",
            section="APP",
            key="skip_staging_parents",
            severity=Severity.ERROR,
            explanation="Congregate reads this key as a string and any non-empty text is true.",
            fix="Leave the value empty (or delete the line) to keep parent groups.",
        )
    else:
        yield Problem(
            "skip_staging_parents is read as a string: any non-empty value turns skipping on",
            section="APP",
            key="skip_staging_parents",
            severity=Severity.INFO,
            explanation="Whatever the value says, Congregate only checks that it is not empty: writing 'False' "
                        "later will not turn it off.",
            fix="To turn skipping off, empty the value instead.",
        )
