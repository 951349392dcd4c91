"""What every remote system's probes share: the run's deadline, a probe thread, timing and progress lines."""

import threading
import time
from email.utils import parsedate_to_datetime
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

from congregate_lint.findings import Severity
from congregate_lint.live.results import LABELS, Failure, ProbeResult
from congregate_lint.model import Conf


class Deadline:
    """The overall time budget of a live run."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())


Report = Callable[[ProbeResult], ProbeResult]


@dataclass
class Session:
    """What a system's ``run`` gets: the conf, the options, the shared deadline, and where its results go.

    ``found`` belongs to one system: the runner copies it once the system is done or
    the deadline is past, so a probe that answers later changes nothing.
    """

    conf: Conf
    options: object  # LiveOptions
    deadline: Deadline
    report: Report
    found: Dict[str, ProbeResult] = field(default_factory=dict)

    def put(self, result: ProbeResult) -> ProbeResult:
        """Record (and announce) one probe's result."""
        self.found[result.name] = self.report(result)
        return result


def reporter(progress: Optional[Callable[[str], None]]) -> Report:
    """Announce each finished probe on the progress channel (one line, thread-safe)."""
    lock = threading.Lock()

    def report(result: ProbeResult) -> ProbeResult:
        if progress is not None:
            state = "ok" if result.ok else ("skipped" if result.skip else f"failed ({result.failure.kind})")
            with lock:
                progress(f"{result.label}: {state} ({result.seconds:.2f} s)")
        return result

    return report


def crashed(name: str, error: Exception) -> ProbeResult:
    """The result of a probe whose system failed unexpectedly (a bug here, not a finding about the conf)."""
    return ProbeResult(name, failure=Failure(
        f"the check failed unexpectedly ({type(error).__name__})", "internal", Severity.WARNING,
        explanation=f"{LABELS[name]} was not made.",
        fix="Run again; if it persists, please report it to the congregate-lint maintainers."))


def late(name: str, deadline: Deadline) -> ProbeResult:
    """The result of a probe still running when the overall deadline ran out."""
    return ProbeResult(name, failure=Failure(
        f"the check did not finish within the overall deadline of {deadline.seconds:g} s", "deadline",
        Severity.WARNING, explanation=f"{LABELS[name]} was still waiting for an answer.",
        fix="Raise --deadline on a slow network."), seconds=deadline.seconds)


class Pending:
    """A piece of work running in its own daemon thread (a stuck call cannot hold the process open)."""

    def __init__(self, name: str, work: Callable[[], object]):
        self.name = name
        self.result = None
        self.error: Optional[Exception] = None
        self.done = threading.Event()
        threading.Thread(target=self._run, args=(work,), name=f"live-{name}", daemon=True).start()

    def _run(self, work: Callable[[], object]) -> None:
        try:
            self.result = work()
        except Exception as error:  # kept for the caller: a thread must not print a traceback
            self.error = error
        finally:
            self.done.set()

    def wait(self, deadline: Deadline) -> bool:
        """True when the work finished before the deadline."""
        return self.done.wait(deadline.remaining())


def posix_time(date: Optional[str]) -> Optional[float]:
    """An HTTP ``Date`` header as a POSIX time, None when absent or unreadable."""
    if not date:
        return None
    try:
        return parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return None
