"""JSON GETs to a source's REST API for the live source probes (GitHub, Bitbucket, Azure DevOps).

Every request goes through :func:`lint.live.http.get_patiently` (no redirect followed,
body capped, a 429 waited out while the deadline allows), to the host the conf names.
What a server says is never echoed: failures are our own words, plus a status code, a
host name, or values checked to be harmless.
"""

import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

from congregate_lint.findings import Severity
from congregate_lint.gitlab_keys import ssl_verify
from congregate_lint.live import http
from congregate_lint.live.endpoints import Endpoint, host_port
from congregate_lint.live.errors import Endpoint as NetworkPlace, explain_network, network_kind
from congregate_lint.live.inputs import Skip
from congregate_lint.live.probing import Session
from congregate_lint.live.results import Failure, ProbeResult
from congregate_lint.source_settings import HOSTNAME, NAMES, source_type

JSON_BODY_LIMIT = 256 * 1024


class ProbeFailed(Exception):
    """Raised inside a probe to end it with this failure."""

    def __init__(self, failure: Failure):
        super().__init__(failure.kind)
        self.failure = failure


@dataclass(frozen=True)
class Reply:
    """A server's answer: status, lower-case headers, and the body parsed as JSON (None when it is not JSON)."""

    status: int
    headers: Dict[str, str]
    body: object
    redirect_note: Optional[str]  # for a 3xx (never followed): where it pointed, and that nothing was sent there

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


class Client:
    """GETs to one source host with one set of headers, under the session's timeouts, deadline and TLS setting.

    ``endpoint`` says where the credential goes and who chose that host; ``answered``
    becomes true once the host has answered anything.
    """

    def __init__(self, endpoint: Endpoint, headers: Dict[str, str], session: Session, consequence: str = ""):
        self.endpoint = endpoint
        self.base_url = endpoint.url.rstrip("/")
        self.headers = headers
        self.session = session
        options = session.options
        self.timeouts = (options.connect_timeout, options.read_timeout)
        self.ssl_verify = ssl_verify(session.conf)
        self.consequence = consequence
        self.answered = False

    @property
    def host(self) -> str:
        return host_port(self.base_url)

    def get(self, path: str) -> Reply:
        """GET ``base_url + path``; a network error becomes :class:`ProbeFailed` worded for src_hostname."""
        started = time.monotonic()
        try:
            answer = http.get_patiently(self.base_url + path, self.headers, self.timeouts,
                                        http.verify_setting(self.ssl_verify), self.session.deadline.remaining,
                                        JSON_BODY_LIMIT)
        except http.UnreadableRedirect as redirect:
            self.answered = True
            raise ProbeFailed(redirected(self.host, "a request", str(redirect))) from None
        except Exception as error:
            if network_kind(error) is None:
                raise
            where = NetworkPlace(self.host, HOSTNAME, self.timeouts[0], self.timeouts[1], self.ssl_verify,
                                 self.consequence)
            raise ProbeFailed(explain_network(error, where, time.monotonic() - started)) from None
        self.answered = True
        return Reply(answer.status, dict(answer.headers), answer.json(), answer.redirect_note())


def unexpected(reply: Reply, host: str, what: str) -> Failure:
    """The failure for an answer a probe has no specific words for (redirect, 404, server error, other status)."""
    if reply.redirect_note is not None:
        return redirected(host, what, reply.redirect_note)
    if reply.status >= 500:
        return Failure(f"{host} answered {what} with a server error (HTTP {reply.status})", "server",
                       Severity.WARNING, key=HOSTNAME, explanation="The server could not answer now.",
                       fix="Run again later.")
    if reply.status == 404:
        return Failure(f"{host} has no such API (HTTP 404 for {what})", "not-found", key=HOSTNAME,
                       explanation="src_hostname does not point at the API root Congregate builds its URLs on.",
                       fix="Correct src_hostname (offline rules of this source explain its form).")
    if reply.status == 200:
        return Failure(f"{host} answered {what} with HTTP 200 but not with the API's JSON", "not-api", key=HOSTNAME,
                       explanation="A proxy, portal or sign-in page may be answering instead of the API.",
                       fix="Check src_hostname and the network path (HTTPS_PROXY).")
    return Failure(f"{host} answered {what} with HTTP {reply.status}", "refused", key=HOSTNAME,
                   explanation="The answer is not one the check knows.", fix="Check src_hostname and the credential.")


def redirected(host: str, what: str, note: str) -> Failure:
    """The failure for a redirect (never followed); ``note`` says where it pointed."""
    return Failure(f"{host} answered {what} with {note}", "redirect", Severity.WARNING,
                   key=HOSTNAME, explanation="Congregate calls src_hostname as written and would not get the API "
                                             "there either; the redirect was not followed.",
                   fix="Set src_hostname to the address the API answers at (https, the right path).")


def field(body: object, *path: str) -> object:
    """``body[path[0]][path[1]]…``, or None when any step is missing or not an object."""
    for name in path:
        if not isinstance(body, dict):
            return None
        body = body.get(name)
    return body


Outcome = Tuple[Dict[str, object], Optional[Failure]]


def run_probe(name: str, work: Callable[[], Outcome], *clients: Client) -> ProbeResult:
    """One probe made with ``clients``: its data or its failure (never a traceback), and where its credential went."""
    started = time.monotonic()
    result = ProbeResult(name, endpoint=clients[0].endpoint if clients else None)
    try:
        result.data, result.failure = work()
    except ProbeFailed as failed:
        result.failure = failed.failure
    except Exception as error:  # every failure is reported as a finding
        result.failure = Failure(f"the check failed unexpectedly ({type(error).__name__})", "internal",
                                 Severity.WARNING, explanation="This is a fault of congregate-lint, not of the conf.",
                                 fix="Report it with the command line used (never the conf's secrets).")
    result.answered = any(client.answered for client in clients)
    result.local_time = time.time()
    result.seconds = time.monotonic() - started
    return result


def skipped(name: str, skip: Skip) -> ProbeResult:
    return ProbeResult(name, skip=skip)


def other_source(session: Session, wanted, *types: str) -> bool:
    """True (and every wanted probe recorded as skipped) when ``src_type`` is none of ``types``."""
    if source_type(session.conf) in types:
        return False
    names = " or ".join(NAMES[kind] for kind in types)
    for name in wanted:
        session.put(skipped(name, Skip(f"the source is not {names}")))
    return True


def record(session: Session, wanted, results: Dict[str, ProbeResult]) -> None:
    """Put each wanted result into the session while the deadline allows."""
    for name, result in results.items():
        if name in wanted and session.deadline.remaining() > 0:
            session.put(result)
