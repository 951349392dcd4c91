"""A key Congregate knows, written in a section it does not read it from.

**Why it matters.** Congregate reads every key from one fixed section. A known key
in another section is ignored: the template itself shows the multi-instance GitHub
``sources`` and the CI ``sources`` JSON under ``[SOURCE]``, but Congregate reads
``sources`` only from ``[MULTIPLE_SOURCE]`` and ``[CI_SOURCE]``.
``max_asset_expiration_time`` was read from ``[SOURCE]`` for one day in 2020 and
from ``[DESTINATION]`` ever since; ``export_import_timeout`` moved from
``[SOURCE]`` to ``[APP]``.

**Failing example**::

    [SOURCE]
    max_asset_expiration_time = 48

**Passing example**::

    [DESTINATION]
    max_asset_expiration_time = 48

**Fix.** Move the line to the section named in the message.
"""

import json

from congregate_lint.findings import Severity

from . import _schema

ID = "S008"
NAME = "wrong-section"
SEVERITY = Severity.WARNING
SUMMARY = "A known key in a section Congregate does not read it from; it is ignored."

# Which [..._SOURCE] section a ``sources`` JSON belongs to, by its top-level names.
SOURCES_OWNER = {"github_source": "MULTIPLE_SOURCE", "jenkins_ci_source": "CI_SOURCE",
                 "teamcity_ci_source": "CI_SOURCE", "jenkins": "CI_SOURCE", "teamcity": "CI_SOURCE"}


def check(conf):
    reported_by_s007 = _schema.reported_as_unread_required(conf)
    for violation in _schema.of_rule(conf, ID):
        if (violation.section, violation.key) in reported_by_s007:
            continue  # S007 reports the line as an error: the key Congregate needs is unset
        owners = _owners(conf, violation)
        places = " or ".join(f"[{owner}]" for owner in owners)
        yield _schema.problem(
            violation,
            f"Congregate does not read '{violation.key}' from [{violation.section}]",
            explanation=f"It reads it only from {' or '.join(f'[{owner}]' for owner in violation.expected)}, so this "
                        "line is ignored.",
            fix=f"Move it to {places}.",
        )


def _owners(conf, violation):
    """The section(s) to move the key to; for ``sources``, the one its JSON is written for, when that is clear."""
    if violation.key != "sources":
        return violation.expected
    try:
        names = json.loads(conf.value(violation.section, violation.key) or "")
    except (ValueError, RecursionError):
        return violation.expected
    owners = {SOURCES_OWNER[name] for name in names if name in SOURCES_OWNER} if isinstance(names, dict) else set()
    return sorted(owners) if len(owners) == 1 else violation.expected
