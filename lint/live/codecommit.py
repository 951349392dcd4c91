"""The AWS side of the pre-flight: STS and CodeCommit with the conf's keys, and the HTTPS Git credential.

STS and ListRepositories start together; GetRepository, ListPullRequests and the
Git probe start as soon as ListRepositories has named a repository.
"""

import threading
import time
import warnings
from dataclasses import replace
from typing import Callable, Dict, Optional, Set, Tuple

from botocore.exceptions import ClientError

from congregate_lint.live import http
from congregate_lint.live.aws import AwsClients
from congregate_lint.live.endpoints import Endpoint, OverrideError, checked_override
from congregate_lint.live.errors import AnswerTooLarge, CallContext, explain
from congregate_lint.live.git import codecommit_git_endpoint, fetch_info_refs, info_refs_url, judge
from congregate_lint.live.inputs import LiveInputs, Skip, read_inputs
from congregate_lint.live.probing import Pending, Session, late, posix_time
from congregate_lint.live.results import (
    AWS_PROBES, GIT, NEEDS_A_REPOSITORY, PULL_REQUESTS, REPOSITORIES, REPOSITORY, STS, Failure, ProbeResult,
)

PROBES = (*AWS_PROBES, GIT)
GIT_ACTION = "codecommit:GitPull"  # the IAM action the Git probe needs
MAX_PAGES = 1000  # ListRepositories returns up to 1,000 names a page: a million repositories is plenty
Outcome = Tuple[Dict[str, object], Optional[str], Optional[Failure]]  # data, Date header, failure


def run(session: Session, wanted: Set[str]) -> None:
    """Run the wanted AWS and Git probes; those that cannot run are recorded as skipped."""
    inputs = read_inputs(session.conf)
    for name in sorted(wanted):
        skip = _skip_before_start(name, inputs)
        if skip is not None:
            session.put(ProbeResult(name, skip=skip))
    if any(name not in session.found for name in wanted):
        _Probing(inputs, session).run({name for name in wanted if name not in session.found})


def _skip_before_start(name: str, inputs: LiveInputs) -> Optional[Skip]:
    if name in AWS_PROBES and inputs.aws is None:
        return inputs.aws_skip
    if name == GIT and inputs.git is None:
        return inputs.git_skip
    if name == GIT and inputs.aws is None:
        return Skip(f"no repository to try: ListRepositories could not run ({inputs.aws_skip.reason})")
    return None


class _Probing:
    def __init__(self, inputs: LiveInputs, session: Session):
        self.inputs, self.session, self.options = inputs, session, session.options
        self.deadline = session.deadline
        self.clients = AwsClients(inputs.aws, self.options.connect_timeout, self.options.read_timeout,
                                  inputs.ssl_verify)
        self.first_page = threading.Event()  # set once ListRepositories' first page (or failure) is in
        self.first_repository: Optional[str] = None
        if not inputs.ssl_verify:  # the conf asked for it; the report says nothing secret, stderr stays clean
            warnings.filterwarnings("ignore", message="Unverified HTTPS request")

    def run(self, wanted: Set[str]) -> None:
        pending = {}
        dependents = [name for name in NEEDS_A_REPOSITORY if name in wanted]
        listing = Pending(REPOSITORIES, self._listing) if REPOSITORIES in wanted or dependents else None
        if STS in wanted:  # started second: the listing chain is the longer one
            pending[STS] = Pending(STS, lambda: self._probe(STS, "sts:GetCallerIdentity", self._identity))
        if listing is not None:
            self.first_page.wait(self.deadline.remaining())  # the dependents need one name, not every page
            for name in dependents:
                if self.first_repository:
                    pending[name] = Pending(name, self._dependent(name, self.first_repository))
            self._collect(listing)
            for name in dependents:
                if name not in pending:
                    self.session.put(ProbeResult(name, skip=_no_repository(self.session.found[REPOSITORIES])))
        for running in pending.values():
            self._collect(running)

    def _collect(self, running: Pending) -> None:
        """Wait for a probe; one stopped by the deadline still says where its credential was addressed."""
        if not running.wait(self.deadline):
            result = late(running.name, self.deadline)
            result.endpoint = self._known_endpoint(running.name)
            self.session.put(result)

    def _known_endpoint(self, name: str) -> Optional[Endpoint]:
        """The probe's endpoint if it is already known (never waits for a client a stuck thread is creating)."""
        if name != GIT:
            return self.clients.known_endpoint("sts" if name == STS else "codecommit")
        try:
            return self._endpoint(GIT)
        except OverrideError:
            return None

    def _listing(self) -> ProbeResult:
        try:
            return self._probe(REPOSITORIES, "codecommit:ListRepositories", self._list_repositories)
        finally:
            self.first_page.set()

    def _dependent(self, name: str, repository: str) -> Callable[[], ProbeResult]:
        if name == REPOSITORY:
            return lambda: self._probe(name, "codecommit:GetRepository", lambda: self._get_repository(repository))
        if name == PULL_REQUESTS:
            return lambda: self._probe(name, "codecommit:ListPullRequests", lambda: self._pull_requests(repository))
        return lambda: self._probe(name, GIT_ACTION, lambda: self._git(repository))

    def _probe(self, name: str, action: str, work: Callable[[], Outcome]) -> ProbeResult:
        """Run one probe; any exception becomes a failure in words, never a traceback."""
        started = time.monotonic()
        result = ProbeResult(name)
        date = None
        try:
            result.endpoint = self._endpoint(name)
            result.data, date, result.failure = work()
            result.answered = True
        except OverrideError as error:  # nothing was sent
            result.failure = Failure("not run: the endpoint override is refused", "override-refused",
                                     explanation=f"{error}.",
                                     fix="Correct or remove the override on the command line or in the environment.")
        except Exception as error:  # every failure is reported as a finding
            result.failure = explain(error, self._context(action))
            result.answered = isinstance(error, (ClientError, AnswerTooLarge))
            date = _header(getattr(error, "response", None), "date")
        result.local_time = time.time()
        result.server_date = posix_time(date)
        result.seconds = time.monotonic() - started
        if self.deadline.remaining() > 0:
            self.session.put(result)
        return result

    def _endpoint(self, name: str) -> Endpoint:
        """Where the probe sends the conf's credential: the Git override, or the host the conf's region names."""
        if name != GIT:
            return self.clients.endpoint("sts" if name == STS else "codecommit")
        if self.options.git_endpoint:
            return checked_override(self.options.git_endpoint, self.options.git_endpoint_origin)
        return codecommit_git_endpoint(self.inputs.region)

    def _context(self, action: str) -> CallContext:
        options = self.options
        context = CallContext(action, self.inputs.aws, options.connect_timeout, options.read_timeout,
                              self.inputs.ssl_verify)
        if action == GIT_ACTION:
            return replace(context, endpoint_settings="the Git endpoint setting (--git-endpoint, "
                                                      "CONGREGATE_LINT_GIT_ENDPOINT)")
        return context

    def _identity(self) -> Outcome:
        response = self.clients.call("sts", "get_caller_identity", self.deadline)
        return {"account": response.get("Account"), "arn": response.get("Arn")}, _header(response, "date"), None

    def _list_repositories(self) -> Outcome:
        """Every page (names come sorted); the first name is announced as soon as the first page is in."""
        count, params, response = 0, {}, {}
        for _ in range(MAX_PAGES):
            response = self.clients.call("codecommit", "list_repositories", self.deadline, **params)
            names = [item["repositoryName"] for item in response.get("repositories", []) if item.get("repositoryName")]
            if names and not self.first_page.is_set():
                self.first_repository = names[0]
                self.first_page.set()
            count += len(names)
            if not response.get("nextToken"):
                break
            params = {"nextToken": response["nextToken"]}
        return {"count": count, "first": self.first_repository}, _header(response, "date"), None

    def _get_repository(self, repository: str) -> Outcome:
        response = self.clients.call("codecommit", "get_repository", self.deadline, repositoryName=repository)
        return {"repository": repository}, _header(response, "date"), None

    def _pull_requests(self, repository: str) -> Outcome:
        response = self.clients.call("codecommit", "list_pull_requests", self.deadline, repositoryName=repository)
        data = {"repository": repository, "listed": len(response.get("pullRequestIds", []))}
        return data, _header(response, "date"), None

    def _git(self, repository: str) -> Outcome:
        answer = fetch_info_refs(info_refs_url(self._endpoint(GIT).url, repository), self.inputs.git, self.options.connect_timeout,
                                 self.options.read_timeout, http.verify_setting(self.inputs.ssl_verify))
        return {"repository": repository, "status": answer.status}, answer.date, judge(answer, repository)


def _no_repository(listing: ProbeResult) -> Skip:
    if listing.ok:
        return Skip("ListRepositories found no repository in the region to try")
    return Skip("no repository to try, since ListRepositories failed (L003 says why)")


def _header(response: Optional[dict], name: str) -> Optional[str]:
    if not isinstance(response, dict):
        return None
    return response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get(name)
