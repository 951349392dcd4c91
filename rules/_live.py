"""Shared wording for the live rules (L…): one finding per probe, for success, failure or skip."""

from dataclasses import replace
from typing import Callable, Iterator, Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.live.results import ProbeResult
from congregate_lint.model import Conf

from . import _codecommit as cc


def placed(conf: Conf, key: Optional[str], message: str, severity: Optional[Severity] = None,
           skipped: bool = False) -> Problem:
    """A problem on a [SOURCE] key, or on the [SOURCE] header when no key is to blame."""
    if key is None:
        return Problem(message, section=cc.SECTION, severity=severity, skipped=skipped)
    return replace(cc.problem(conf, key, message, severity), skipped=skipped)


def outcome(conf: Conf, result: ProbeResult, success: Callable[[ProbeResult], Problem],
            failure_severity: Optional[Severity] = None, default_key: str = cc.KEY_ID) -> Iterator[Problem]:
    """The one problem a probe gives: its skip, its failure (worded with the fix) or ``success``; a probe that
    sent a credential says to which host."""
    if result.skip is not None:
        yield placed(conf, result.skip.key, f"{result.label} was not checked: {result.skip.reason}.",
                     result.skip.severity, skipped=True)
        return
    if result.failure is not None:
        failure = result.failure
        problem = placed(conf, failure.key or default_key, f"{result.label} failed: {failure.text}",
                         failure_severity or failure.severity)
    else:
        problem = success(result)
    destination = result.destination()
    if destination:
        problem = replace(problem, explanation=" ".join(part for part in (problem.explanation, destination) if part))
    yield problem
