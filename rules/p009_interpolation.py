"""A ``%`` that configparser's interpolation cannot read.

**Why it matters.** Congregate's ``ConfigParser()`` interpolates values: ``%`` must
be written ``%%`` for a literal percent sign, and ``%(name)s`` refers to another
key. ``Config.option_exists`` calls ``get()`` on every key it checks, so a bare
``%`` raises ``InterpolationSyntaxError`` even when Congregate only asks whether
the key is set. URL-encoded text (``%2F``, ``%7E``) in a Slack URL or a
``reporting`` JSON is the usual cause.

**Failing example**::

    [APP]
    slack_url = https://hooks.slack.com/services/T0%2FB0

**Passing example**::

    [APP]
    slack_url = https://hooks.slack.com/services/T0%%2FB0

**Fix.** Double each literal ``%`` (``congregate-lint conf --fix`` does it).
"""

import configparser

from congregate_lint.findings import Problem, Severity

ID = "P009"
NAME = "interpolation-error"
SEVERITY = Severity.ERROR
SUMMARY = "A '%' that breaks configparser interpolation; write '%%'."
FIXABLE = True


def check(conf):
    reported = set()
    for section in conf.sections.values():
        for key in conf.parser.options(section.name):
            error = conf.interpolation_error(section.name, key)
            option = conf.option(section.name, key)
            # A broken DEFAULT key is reported once, where it is written, not in every section inheriting it.
            if error is None or option is None or (option.section, key) in reported:
                continue
            reported.add((option.section, key))
            yield Problem(_message(key, error), section=option.section, key=key)


def _message(key, error):
    if isinstance(error, configparser.InterpolationMissingOptionError):
        return (
            f"'{key}' refers to '%({error.reference})s', which is not set in this section or [DEFAULT]; Congregate "
            f"fails with InterpolationMissingOptionError when it reads '{key}'. Write '%%' for a literal '%'."
        )
    if isinstance(error, configparser.InterpolationDepthError):
        return (
            f"'{key}' refers to itself through '%(...)s' references; Congregate fails with InterpolationDepthError "
            f"when it reads '{key}'."
        )
    return (
        f"'{key}' contains a '%' that is not '%%' or '%(name)s'; Congregate fails with InterpolationSyntaxError "
        f"whenever it reads or even checks '{key}'. Write '%%' for each literal '%'."
    )
