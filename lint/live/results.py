"""What each live probe found, in a form the L rules turn into findings. Nothing here imports boto."""

from dataclasses import dataclass, field
from typing import Dict, Optional

from congregate_lint.findings import Severity
from congregate_lint.live.endpoints import Endpoint
from congregate_lint.live.inputs import LiveInputs, Skip

STS = "sts"
REPOSITORIES = "list-repositories"
REPOSITORY = "get-repository"
PULL_REQUESTS = "list-pull-requests"
GIT = "git"
AWS_PROBES = (STS, REPOSITORIES, REPOSITORY, PULL_REQUESTS)
NEEDS_A_REPOSITORY = (REPOSITORY, PULL_REQUESTS, GIT)
LABELS = {
    STS: "sts:GetCallerIdentity",
    REPOSITORIES: "codecommit:ListRepositories",
    REPOSITORY: "codecommit:GetRepository",
    PULL_REQUESTS: "codecommit:ListPullRequests",
    GIT: "git info/refs over HTTPS",
}


@dataclass(frozen=True)
class Failure:
    """A probe that ran and failed: what happened and the fix, in words that are safe to print."""

    text: str
    kind: str
    severity: Severity = Severity.ERROR
    key: Optional[str] = None


@dataclass
class ProbeResult:
    """One probe: its data when it worked, else its failure or the reason it was skipped."""

    name: str
    data: Dict[str, object] = field(default_factory=dict)
    failure: Optional[Failure] = None
    skip: Optional[Skip] = None
    server_date: Optional[float] = None  # the response's Date header, as a POSIX time
    local_time: Optional[float] = None  # this machine's clock when that response arrived
    seconds: float = 0.0
    endpoint: Optional[Endpoint] = None  # where the probe sent the conf's credential
    answered: bool = False  # whether that host answered (an HTTP status, an API error), not just a network error

    @property
    def ok(self) -> bool:
        return self.failure is None and self.skip is None

    @property
    def label(self) -> str:
        return LABELS[self.name]

    def destination(self) -> str:
        """Where the credential went, in words for the finding ("" when the probe sent none)."""
        if self.endpoint is None:
            return ""
        if self.answered:
            return f"The credential was {self.endpoint.sent_to()}."
        return f"The credential was addressed to {self.endpoint.host}{self.endpoint.chosen_by()}, which did not answer."


@dataclass
class LiveResults:
    """Everything the live rules may report for one conf."""

    inputs: LiveInputs
    probes: Dict[str, ProbeResult] = field(default_factory=dict)

    def probe(self, name: str) -> ProbeResult:
        return self.probes.get(name) or ProbeResult(name, skip=Skip("this check was not selected"))
