"""A value Congregate reads as a boolean, but which ConfigParser does not accept.

**Why it matters.** Congregate reads flags such as ``ssl_verify``, ``airgap``,
``direct_transfer`` and ``keep_inactive_users`` with ``ConfigParser.getboolean``.
It accepts only ``1``/``yes``/``true``/``on`` and ``0``/``no``/``false``/``off`` (in
any case); ``enabled``, ``y``, ``True.`` or ``False  # comment`` raise
``ValueError``, an uncaught traceback. (``skip_staging_parents`` is read as text,
not as a boolean: see P012.)

**Failing example**::

    [APP]
    ssl_verify = enabled

**Passing example**::

    [APP]
    ssl_verify = true

**Fix.** Write ``true`` or ``false``.
"""

from congregate_lint.findings import Severity

from . import _schema

ID = "S004"
NAME = "invalid-boolean"
SEVERITY = Severity.ERROR
SUMMARY = "A value read with getboolean that is not 1/yes/true/on/0/no/false/off: ValueError."


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        section, key = violation.section, violation.key
        subject, note = _schema.assignment(section, key, violation.value)
        yield _schema.problem(
            violation,
            f"{subject} is not a boolean ConfigParser knows",
            explanation=f"{note}Congregate reads it with getboolean, which accepts only 1/yes/true/on and 0/no/false/off "
                        "(any case) and raises ValueError (an uncaught traceback) on anything else.",
            fix="Write true or false.",
        )
