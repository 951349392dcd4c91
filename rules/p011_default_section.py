"""Keys in a ``[DEFAULT]`` section.

**Why it matters.** ``ConfigParser`` copies every ``[DEFAULT]`` key into every
section. Congregate reads keys by section, so a key put in ``[DEFAULT]`` is read
from all of them: a ``src_type`` there is also ``DESTINATION.src_type``, and
``%(...)s`` references resolve against it. It is rarely what the author meant, and
it hides which section a setting really belongs to.

**Failing example**::

    [DEFAULT]
    ssl_verify = false

**Passing example**::

    [APP]
    ssl_verify = false

**Fix.** Move each key to the section Congregate reads it from.
"""

from congregate_lint.findings import Problem, Severity, first_names
from congregate_lint.model import DEFAULT_SECTION

ID = "P011"
NAME = "default-section"
SEVERITY = Severity.WARNING
SUMMARY = "Keys in [DEFAULT] leak into every section."


def check(conf):
    if conf.defaults is not None and conf.defaults.options:
        keys = first_names(sorted(conf.defaults.options))
        yield Problem(
            "keys in [DEFAULT] leak into every section",
            section=DEFAULT_SECTION,
            explanation=f"[DEFAULT] sets {keys}; configparser copies these into every section, so Congregate reads "
                        "them everywhere.",
            fix="Move each key to the section it belongs to.",
        )
