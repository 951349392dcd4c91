"""A key Congregate needs, missing (or empty, which Congregate treats as unset).

**Why it matters.** An unset value is ``None`` inside Congregate, and some code
cannot run with ``None``:

* ``import_user_id`` is effectively required: Congregate's validator raises
  ``ConfigurationException('import_user_id')`` when it is unset, even in airgap mode.
* ``src_type = CodeCommit`` needs ``src_aws_region``, ``src_aws_access_key_id``,
  ``src_aws_secret_access_key``, ``src_aws_codecommit_username`` and
  ``src_aws_codecommit_password`` (an unset password raises ``TypeError`` in
  ``quote_plus``), plus ``[EXPORT] filesystem_path`` (repositories are cloned into
  ``{filesystem_path}/downloads``; Azure DevOps and Bitbucket Cloud too).
* GitLab, Bitbucket Server, Azure DevOps and GitHub sources need ``src_hostname``
  (GitHub not when ``[MULTIPLE_SOURCE] sources`` lists the instances).
* ``location = aws`` (or ``filesystem-aws``) needs ``s3_name``, ``s3_region`` and
  ``filesystem_path``; ``s3_access_key_id``/``s3_secret_access_key`` are a warning
  (only ``congregate update-aws-creds`` uses them).
* ``airgap = true`` needs one of ``airgap_export``/``airgap_import`` true.
* ``dstn_parent_group_path`` needs ``dstn_parent_group_id``: the validator checks the
  path against the group found by the ID.

``src_type`` is always needed: unset, ``congregate list`` raises an exception and
``congregate migrate`` migrates nothing.

The finding is placed where the key vanished when it is written where Congregate
does not read it (the same name under ``[Source]``, ``[SOURCE]]``, another section, or
a section an indented header failed to open; a near-miss name such as ``srctype``;
an indented line the value above swallowed; a ``# key = …`` comment in its section);
else on the line that makes the key required (``src_type``, ``location``, ...), on
the key itself when it is written empty, or on the section header.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = eu-west-1

**Passing example**::

    [DESTINATION]
    import_user_id = 2

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = eu-west-1
    src_aws_access_key_id = AKIA...
    src_aws_secret_access_key = <output of congregate obfuscate>
    src_aws_codecommit_username = migrator-at-123456789012
    src_aws_codecommit_password = <output of congregate obfuscate>

    [EXPORT]
    filesystem_path = /opt/congregate

**Fix.** Add the key with a value, in the section named in the message.
"""

from congregate_lint.findings import Problem, Severity, capitalized

from . import _schema
from .p014_indented_line import swallowed_key

ID = "S007"
NAME = "missing-required"
SEVERITY = Severity.ERROR
SUMMARY = "A key Congregate needs is missing or empty (import_user_id, CodeCommit credentials, s3_*, ...)."


def check(conf):
    for violation in _schema.of_rule(conf, ID):
        yield _problem(conf, violation)


def _problem(conf, violation):
    section, key = violation.section, violation.key
    if violation.keyword != "required":
        return _schema.problem(violation, f"{_cause(conf, violation)}, but neither airgap_export nor airgap_import "
                                          "is true", explanation=_sentence(violation.reason),
                               fix="Set exactly one of them to true.")
    if conf.option(section, key) is not None:
        return _schema.problem(violation, f"{key} is empty",
                               explanation="Congregate treats an empty value as unset; "
                                           f"{_because(conf, violation)}{violation.reason}.",
                               fix="Give it a value.")
    swallowed = swallowed_key(conf, key)
    if swallowed is not None:  # P014 reports the indentation too
        return _placed(conf, violation, "this indented line is part of the value above", swallowed.line,
                       swallowed.column, (section, key), "", "Remove the indentation so the line starts at the left margin.")
    written = _schema.unread_required(conf, violation)
    if written is not None:
        return _unread(conf, violation, written)
    commented = _schema.commented_out(conf, section, key)
    if commented is not None:
        return _placed(conf, violation, "this line is commented out", commented, 1, (section, key), "",
                       "Remove the '#' (or ';') and give the key its value.")
    line, column = _trigger_place(conf, violation)
    return _schema.problem(violation, f"[{section}] {key} is not set", line, column,
                           explanation=_sentence(f"{_because(conf, violation)}{violation.reason}"),
                           fix=f"Add it to [{section}].")


def _placed(conf, violation, what, line, column, place, where, fix):
    """The missing key, reported on the line where the file writes it in a way Congregate does not read."""
    because = f"{where}{_because(conf, violation)}{violation.reason}."
    return Problem(f"[{violation.section}] {violation.key} is not set: {what}.", section=place[0], key=place[1],
                   line=line, column=column, severity=_schema.problem(violation, "").severity,
                   explanation=because[:1].upper() + because[1:], fix=fix)


def _unread(conf, violation, written):
    """The key is written, but where Congregate does not read it: the finding goes on that line."""
    section, key = violation.section, violation.key
    if written.key == key:
        where = f"this line is in [{written.section}]; "
        fix = f"Move the line to [{section}]" + (" (section names are case-sensitive)."
                                                   if written.section.lower() == section.lower() else ".")
    else:
        where = f"this line names the key {written.name!r}, not {key!r}; "
        fix = f"Rename the key to {key}."
    return _placed(conf, violation, "Congregate does not read this line", written.line, written.column,
                   (written.section, written.key), where, fix)


def _cause(conf, violation):
    section, key = violation.trigger or (violation.section, violation.key)
    value = conf.value(section, key)
    return _schema.assignment(section, key, value)[0] if value is not None else key


def _because(conf, violation):
    """'with src_type = 'CodeCommit', it is needed: ' when a trigger applies."""
    return f"with {_cause(conf, violation)}, it is needed: " if violation.trigger else ""


def _sentence(text):
    return f"{capitalized(text)}."


def _trigger_place(conf, violation):
    """The trigger key's line when it is written; otherwise None (the engine uses the section header)."""
    if violation.trigger is None or conf.option(*violation.trigger) is None:
        return None, None
    return conf.locate(*violation.trigger)
