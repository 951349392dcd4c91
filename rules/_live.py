"""Shared wording for the live rules (L…): one finding per probe, for success, failure or skip."""

from typing import TYPE_CHECKING, Callable, Iterator, Optional

from congregate_lint.findings import Problem, Severity, capitalized
from congregate_lint.model import Conf

if TYPE_CHECKING:  # the offline D and G checks share this wording; they do not load the live package
    from congregate_lint.live.results import ProbeResult

from . import _codecommit as cc

NOTHING_TO_CHANGE = "Nothing to change."
SKIP_FIX = "Correct {key} as its offline finding says, then run `congregate-lint conf --live` again."
SKIP_FIX_NO_KEY = "Run `congregate-lint conf --live` again once the check it depends on works."


def placed(conf: Conf, key: Optional[str], headline: str, severity: Optional[Severity] = None,
           explanation: str = "", fix: str = NOTHING_TO_CHANGE, skipped: bool = False) -> Problem:
    """A problem on a [SOURCE] key, or on the [SOURCE] header when no key is to blame."""
    if key is None:
        return Problem(headline, section=cc.SECTION, severity=severity, explanation=explanation, fix=fix,
                       skipped=skipped)
    return cc.problem(conf, key, headline, severity, explanation=explanation, fix=fix)._replace(skipped=skipped)


def outcome(conf: Conf, result: "ProbeResult", success: "Callable[[ProbeResult], Problem]",
            failure_severity: Optional[Severity] = None, default_key: str = cc.KEY_ID) -> Iterator[Problem]:
    """The one problem a probe gives: its skip, its failure (with why and the fix) or ``success``; a probe that
    sent a credential says to which host."""
    if result.skip is not None:
        skip = result.skip
        fix = skip.fix or (SKIP_FIX.format(key=skip.key) if skip.key else SKIP_FIX_NO_KEY)
        yield placed(conf, skip.key, f"{result.label} was not checked", skip.severity,
                     explanation=f"{capitalized(skip.reason)}.", fix=fix, skipped=True)
        return
    if result.failure is not None:
        failure = result.failure
        problem = placed(conf, failure.key or default_key, f"{result.label} failed: {failure.text}",
                         failure_severity or failure.severity, explanation=failure.explanation, fix=failure.fix)
    else:
        problem = success(result)
    destination = result.destination()
    if destination:
        problem = problem.noted(destination)
    yield problem
