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

Only keys Congregate reads are checked (an unknown key is never interpolated).
A bare ``%`` in a key that another one takes in through ``%(name)s`` is
reported where it is written.

**Fix.** Double each literal ``%`` (``congregate-lint conf --fix`` does it).
"""

import configparser

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import MAX_EXPANDED_LENGTH, InterpolationTooLarge, percents
from congregate_lint.schema import is_secret, read_keys

ID = "P009"
NAME = "interpolation-error"
SEVERITY = Severity.ERROR
SUMMARY = "A '%' that breaks configparser interpolation; write '%%'."
FIXABLE = True


def check(conf):
    if "%" not in conf.text:  # every interpolation error needs a '%' in a value, and values are text of the file
        return
    reported = set()
    # Only keys Congregate reads are ever interpolated: a '%' in any other key breaks nothing.
    for section, key in read_keys(conf):
        error = conf.interpolation_error(section, key)
        option = _broken_text(conf, section, key, error) if error is not None else None
        # Reported once, where the text is written, not for every section or key that reads it.
        if option is None or (option.section, option.key) in reported:
            continue
        reported.add((option.section, option.key))
        headline, explanation, fix = _message(option.key, error, is_secret(option.section, option.key))
        if option.key != key:
            explanation += f" Congregate reads it through '%({option.key})s' in '{key}' of [{section}]."
        yield Problem(headline, section=option.section, key=option.key, explanation=explanation, fix=fix)


def _broken_text(conf, section, key, error):
    """The option whose text is broken: for a bare '%', the key itself or the one it refers to that holds it."""
    own = conf.option(section, key)
    if not isinstance(error, configparser.InterpolationSyntaxError):
        return own
    candidates = [own, *conf.references(section, key)]
    return next((option for option in candidates if option is not None and _has_bare_percent(conf, section, option)), own)


def _has_bare_percent(conf, section, option):
    return any(percent.name is None for percent in percents(conf.raw(section, option.key) or ""))


def _message(key, error, secret):
    """(headline, explanation, fix) for the interpolation error."""
    if isinstance(error, configparser.InterpolationMissingOptionError):
        # In a secret the '%(...)s' text is a piece of the secret itself: name no part of it.
        reference = "a '%(...)s' name" if secret else f"'%({error.reference})s'"
        return (
            f"'{key}' refers to {reference}, which is not set in this section or [DEFAULT]",
            f"Congregate fails with InterpolationMissingOptionError when it reads '{key}'.",
            "Write '%%' for a literal '%'.",
        )
    if isinstance(error, InterpolationTooLarge):
        return (
            f"'{key}' would expand to more than {MAX_EXPANDED_LENGTH // (1024 * 1024)} million characters",
            f"It takes text from other keys through '%(name)s' references that repeat each other; Congregate "
            f"spends minutes and gigabytes of memory reading '{key}', if it finishes at all.",
            "Write the value out instead of building it from repeated references.",
        )
    if isinstance(error, configparser.InterpolationDepthError):
        return (
            f"'{key}' refers to itself through '%(...)s' references",
            f"Congregate fails with InterpolationDepthError when it reads '{key}'.",
            "Break the loop: give one of the keys its value, or write '%%' for a literal '%'.",
        )
    return (
        f"'{key}' contains a '%' that is not '%%' or '%(name)s'",
        f"Congregate fails with InterpolationSyntaxError whenever it reads or even checks '{key}'.",
        "Write '%%' for each literal '%'.",
    )
