"""What the CLI hands the live rules under ``--live``: the options, and the context that runs the probes once per conf."""

import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Callable, Optional, Sequence, Set, Tuple

from congregate_lint.live.results import NEEDS_A_REPOSITORY, REPOSITORIES, LiveResults
from congregate_lint.model import Conf
from congregate_lint.shapes import escape_controls

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
DEADLINE = 30.0


@dataclass(frozen=True)
class LiveOptions:
    """Time limits, the Git host override (and the option or variable that gave it) and where progress lines go."""

    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = DEADLINE
    git_endpoint: Optional[str] = None
    git_endpoint_origin: str = "--git-endpoint"
    progress: Optional[Callable[[str], None]] = None


def wanted_probes(rules: Sequence[ModuleType]) -> Set[str]:
    """The probes the selected live rules need, with ListRepositories for those that need a repository."""
    wanted = {probe for rule in rules if getattr(rule, "LIVE", False) for probe in rule.NEEDS}
    if wanted & set(NEEDS_A_REPOSITORY):
        wanted.add(REPOSITORIES)
    return wanted


class LiveContext:
    """Handed to every live rule; runs the probes once per conf, on first request."""

    def __init__(self, options: LiveOptions, rules: Sequence[ModuleType]):
        self.options = options
        self.wanted = wanted_probes(rules)
        self._conf: Optional[Conf] = None
        self._results: Optional[LiveResults] = None
        self._error: Optional[Exception] = None

    def results(self, conf: Conf) -> LiveResults:
        """The probes' results for this conf; a crash is raised again to each live rule, never retried."""
        if self._conf is not conf:
            from congregate_lint.live.runner import run_live  # imports botocore: only now

            self._conf, self._results, self._error = conf, None, None
            try:
                self._results = run_live(conf, self.options, self.wanted)
            except Exception as error:  # the engine turns it into an internal-error finding per live rule
                self._error = error
        if self._error is not None:
            raise self._error
        return self._results


def parse_timeout(text: str) -> Tuple[float, float]:
    """``--timeout``: ``CONNECT,READ`` in seconds, or one number for both."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) not in (1, 2):
        raise ValueError("expected SECONDS or CONNECT,READ")
    values = [float(part) for part in parts]
    if not all(0 < value <= 600 for value in values):
        raise ValueError("timeouts must be between 0 and 600 seconds")
    return values[0], values[-1]


def stderr_progress() -> Optional[Callable[[str], None]]:
    """A progress printer for stderr when it is a terminal, else None (stdout carries only the report)."""
    if not sys.stderr.isatty():
        return None

    def show(line: str) -> None:
        sys.stderr.write(f"congregate-lint: live {escape_controls(line)}\n")
        sys.stderr.flush()

    return show
