"""A JSON-valued key that is not valid JSON, or not in the shape Congregate reads.

**Why it matters.** ``reporting``, ``sources`` (in ``[MULTIPLE_SOURCE]`` and
``[CI_SOURCE]``) and the two wave-spreadsheet mappings are read with
``json.loads``: a missing comma or a trailing comma raises ``JSONDecodeError``, an
uncaught traceback (Congregate's own template ships a CI ``sources`` example with
both). Parsed JSON must also have the shape Congregate indexes into:

* ``reporting``: ``post_migration_issues`` (list), ``pmi_project_id`` (number) and
  ``subs`` (object), all three needed to create post-migration issues;
* ``[MULTIPLE_SOURCE] sources``: ``{"github_source": [{"src_hostname": ...,
  "src_access_token": ...}]}``;
* ``[CI_SOURCE] sources``: lists under ``jenkins_ci_source``/``teamcity_ci_source``
  (listing) or ``jenkins``/``teamcity`` (CI migration), each entry with its
  ``*_ci_src_hostname``, ``*_ci_src_username`` and ``*_ci_src_access_token``;
* the wave mappings: an object of column name to property name.

A top-level name Congregate never reads inside ``sources`` is a warning (the
entries under it are ignored). A multi-line JSON value works only when every
continuation line is indented.

**Failing example**::

    [DESTINATION]
    reporting = {"post_migration_issues": ["issue1.md"], "pmi_project_id": 6439,}

**Passing example**::

    [DESTINATION]
    reporting = {"post_migration_issues": ["issue1.md"], "pmi_project_id": 6439, "subs": {}}

**Fix.** Correct the JSON at the reported line (``python -m json.tool`` helps) and
give it the keys listed in the message.
"""

from congregate_lint.findings import Severity, first_names

from . import _schema

ID = "S005"
NAME = "invalid-json"
SEVERITY = Severity.ERROR
SUMMARY = "A JSON-valued key that json.loads rejects, or with a shape Congregate cannot use."

JSON_TYPES = {"object": "an object {...}", "array": "a list [...]", "string": "a string", "integer": "a whole number",
              "number": "a number", "boolean": "true or false", "null": "null"}


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        headline, explanation, fix = _message(violation)
        yield _schema.problem(violation, headline, explanation=explanation, fix=fix)


def _message(violation):
    """(headline, explanation, fix) of a JSON value Congregate cannot use."""
    where = violation.key + _path(violation.path)
    if violation.keyword == "json":
        return (f"{violation.key} is not valid JSON ({violation.value})",
                "Congregate reads it with json.loads, which raises an uncaught error.",
                "Fix the JSON here; a multi-line value needs every continuation line indented.")
    if violation.keyword == "required":
        missing = [name for name in violation.expected if name not in violation.value]
        return (f"{where} has no {_names(missing)}",
                f"Congregate needs {_names(violation.expected)} there and fails without them.",
                "Add the missing keys.")
    if violation.keyword == "additionalProperties":
        return (f"{where} has {_names(violation.value)}, which Congregate never reads",
                "What is under it is ignored.",
                f"Congregate reads {_names(violation.expected)} here: rename or delete the others.")
    if violation.keyword in ("type", "pattern"):
        expected = violation.expected if violation.keyword == "type" else "integer"
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(JSON_TYPES.get(name, name) for name in expected if name != "string" or len(expected) == 1)
        return (f"{where} should be {words}, but it is {_kind(violation.value)}",
                "Congregate cannot use it as it is.", f"Write {words} there.")
    return (f"{where} does not have the shape Congregate reads ({violation.keyword})",
            "Congregate cannot use it as it is.", f"See `congregate-lint explain {ID}` for the shape.")


def _path(path):
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _names(names):
    return first_names([f"'{name}'" for name in names]) or "nothing"


def _kind(value):
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a number"
