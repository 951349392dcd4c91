"""A value Congregate reads, but rejects, given the rest of the file.

**Why it matters.** Some values are well-formed yet fail inside Congregate:

* ``import_user_id = 0`` (the template's value): the validator looks user 0 up,
  finds none and raises ``ConfigurationException('import_user_id')``.
* ``dstn_parent_group_id = 0``: the code reads 0 as "no parent group", but the
  validator looks group 0 up and raises ``ConfigurationException('parent_id')``,
  unless ``airgap`` is on.
* ``user_mapping_field = username`` with a gitlab.com destination: refused.
* ``airgap = true`` with both ``airgap_export`` and ``airgap_import`` true: the
  validator wants exactly one and exits.

**Failing example**::

    [DESTINATION]
    import_user_id = 0

**Passing example**::

    [DESTINATION]
    import_user_id = 2

**Fix.** As the message says: the real ID, the full URL, or one direction.
"""

from congregate_lint.findings import Severity, capitalized

from . import _schema

ID = "S010"
NAME = "invalid-value"
SEVERITY = Severity.ERROR
SUMMARY = "A value Congregate rejects given the rest of the file (ID 0, both airgap directions, ...)."


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        statement = violation.summary or f"{violation.key} is not accepted here"
        written = ""
        if violation.keyword == "pattern":
            written = f"{violation.key} = {_schema.shown(violation.section, violation.key, violation.value)}: "
        yield _schema.problem(violation, statement, explanation=f"{written}{capitalized(violation.reason)}.",
                              fix=violation.fix or f"Change {violation.key} as explained.")
