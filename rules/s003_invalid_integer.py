"""A value Congregate reads as a whole number, but which is not one.

**Why it matters.** Congregate reads ``import_user_id``, ``dstn_parent_group_id``,
``max_import_retries``, ``processes``, the timeouts and the ports with
``ConfigParser.getint``, that is Python's ``int()``. Anything else (``10s``,
``3.5``, ``ten``) raises ``ValueError``, which Congregate does not catch: the run
stops with a traceback. ``redis_port`` is the exception that proves the rule: it
is read as text and pasted into the Redis URL, where anything but plain digits
(a sign, a ``_`` or a non-ASCII digit included) breaks the connection instead.

**Failing example**::

    [APP]
    export_import_timeout = 1h

**Passing example**::

    [APP]
    export_import_timeout = 3600

**Fix.** Write the number alone, in digits (signs and ``_`` separators are
accepted, units are not).
"""

from congregate_lint.findings import Severity, capitalized
from congregate_lint.schema import key_info

from . import _schema

ID = "S003"
NAME = "invalid-integer"
SEVERITY = Severity.ERROR
SUMMARY = "A value read with getint that is not a whole number: ValueError."

GETINT_EFFECT = "Congregate reads it with getint, which raises ValueError (an uncaught traceback)"


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        section, key = violation.section, violation.key
        info = key_info(section, key)
        effect = info.get("invalid_effect", GETINT_EFFECT)
        # A number read as text (redis_port) goes into a URL as written, where only plain digits make a port.
        expected = "a number in plain digits" if info.get("type") == "string" else "a whole number"
        subject, note = _schema.assignment(section, key, violation.value)
        yield _schema.problem(
            violation,
            f"{subject} is not {expected}",
            explanation=f"{note}{capitalized(effect)}.",
            fix="Write the number in digits only, without units.",
        )
