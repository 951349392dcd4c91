"""A rule crashed while checking this file.

**Why it matters.** A crash inside one rule must not hide the findings of the
others, nor end in a traceback. The engine catches it, runs the remaining rules,
and reports this finding naming the rule that failed; the run exits with code 2
because the file was not fully checked.

**Failing example**: any input that makes a rule raise an exception.

**Passing example**: every rule completes.

**Fix.** Report it with the rule ID and, if you can, a copy of the file with every
secret replaced. Meanwhile ``--ignore`` that rule to lint with the others.
"""

from congregate_lint.findings import Severity

ID = "M001"
NAME = "internal-error"
SEVERITY = Severity.ERROR
SUMMARY = "A rule crashed on this file; the other rules still ran."


def check(conf):
    """Reported by the engine when another rule raises; it has nothing to check itself."""
    return iter(())
