"""What each live probe found, in a form the L rules turn into findings. Nothing here imports boto."""

from dataclasses import dataclass, field
from typing import Dict, Optional

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import DESTINATION, SOURCE
from congregate_lint.live.endpoints import Endpoint
from congregate_lint.live.inputs import LiveInputs, Skip

STS = "sts"
REPOSITORIES = "list-repositories"
REPOSITORY = "get-repository"
PULL_REQUESTS = "list-pull-requests"
GIT = "git"
AWS_PROBES = (STS, REPOSITORIES, REPOSITORY, PULL_REQUESTS)
NEEDS_A_REPOSITORY = (REPOSITORY, PULL_REQUESTS, GIT)
# The source probes of GitHub, Bitbucket and Azure DevOps (lint/live/github.py, bitbucket.py, azure_devops.py).
GITHUB_USER = "github-user"
GITHUB_SCOPES = "github-scopes"
GITHUB_RATE_LIMIT = "github-rate-limit"
BITBUCKET_SERVER_USER = "bitbucket-server-user"
BITBUCKET_SERVER_ADMIN = "bitbucket-server-admin"
BITBUCKET_CLOUD_USER = "bitbucket-cloud-user"
BITBUCKET_CLOUD_WORKSPACE = "bitbucket-cloud-workspace"
ADO_CONNECTION = "ado-connection"
ADO_PROJECTS = "ado-projects"
LABELS = {
    STS: "sts:GetCallerIdentity",
    REPOSITORIES: "codecommit:ListRepositories",
    REPOSITORY: "codecommit:GetRepository",
    PULL_REQUESTS: "codecommit:ListPullRequests",
    GIT: "git info/refs over HTTPS",
    GITHUB_USER: "GitHub GET /user",
    GITHUB_SCOPES: "GitHub token scopes (X-OAuth-Scopes)",
    GITHUB_RATE_LIMIT: "GitHub GET /rate_limit",
    BITBUCKET_SERVER_USER: "Bitbucket Server GET /rest/api/1.0/users/<user>",
    BITBUCKET_SERVER_ADMIN: "Bitbucket Server global permission",
    BITBUCKET_CLOUD_USER: "Bitbucket Cloud GET /2.0/user",
    BITBUCKET_CLOUD_WORKSPACE: "Bitbucket Cloud GET /2.0/workspaces/<workspace>",
    ADO_CONNECTION: "Azure DevOps GET _apis/connectionData",
    ADO_PROJECTS: "Azure DevOps GET _apis/projects",
}

# GitLab: the same probes for each side (the destination, and the source when src_type is GitLab).
GITLAB_VERSION = "version"
GITLAB_USER = "user"
GITLAB_TOKEN_INFO = "token"
GITLAB_IMPORT_USER = "import-user"
GITLAB_GROUP = "parent-group"
GITLAB_SETTINGS = "settings"
GITLAB_MEMBERSHIP = "membership"
GITLAB_ENDPOINTS = {
    GITLAB_VERSION: "GET /api/v4/version",
    GITLAB_USER: "GET /api/v4/user",
    GITLAB_TOKEN_INFO: "GET /api/v4/personal_access_tokens/self",
    GITLAB_IMPORT_USER: "GET /api/v4/users/:import_user_id",
    GITLAB_GROUP: "GET /api/v4/groups/:parent_group_id",
    GITLAB_SETTINGS: "GET /api/v4/application/settings",
    GITLAB_MEMBERSHIP: "GET /api/v4/groups/:parent_group_id/members/all/:user_id",
}
GITLAB_SIDE_CHECKS = {
    DESTINATION: tuple(GITLAB_ENDPOINTS),
    SOURCE: (GITLAB_VERSION, GITLAB_USER, GITLAB_TOKEN_INFO, GITLAB_GROUP),
}


def gitlab_probe(side: str, check: str) -> str:
    """The probe name of one GitLab check on one side, e.g. ``gitlab-destination:token``."""
    return f"gitlab-{side}:{check}"


for _side, _checks in GITLAB_SIDE_CHECKS.items():
    LABELS.update({gitlab_probe(_side, check): f"GitLab {_side} {GITLAB_ENDPOINTS[check]}" for check in _checks})


@dataclass(frozen=True)
class Failure:
    """A probe that ran and failed: what happened (``text``, the headline), why, and the fix, in words that are
    safe to print."""

    text: str
    kind: str
    severity: Severity = Severity.ERROR
    key: Optional[str] = None
    explanation: str = ""
    fix: str = ""


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
