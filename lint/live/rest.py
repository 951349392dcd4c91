"""JSON GETs to a source's REST API for the live source probes (GitHub, Bitbucket, Azure DevOps).

Every request goes through :func:`lint.live.http.get` (no redirect followed, body capped).
What a server or the network says is never echoed: failures are our own words, plus a
status code, a host name, or values checked to be harmless.
"""

import json
import os
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

from botocore import exceptions as boto_errors

from congregate_lint.findings import Severity
from congregate_lint.live import http
from congregate_lint.live.results import Failure, ProbeResult
from congregate_lint.source_settings import HOSTNAME

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
    redirect_host: Optional[str]

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


class Client:
    """GETs to one source host with one set of headers, under the run's timeouts and TLS setting."""

    def __init__(self, base_url: str, headers: Dict[str, str], options, ssl_verify: bool):
        self.base_url = base_url.rstrip("/")
        self.headers = headers
        self.timeouts = (options.connect_timeout, options.read_timeout)
        self.verify = (os.environ.get("AWS_CA_BUNDLE") or True) if ssl_verify else False

    @property
    def host(self) -> str:
        return host_port(self.base_url)

    def get(self, path: str) -> Reply:
        """GET ``base_url + path``; a network error becomes :class:`ProbeFailed` worded for src_hostname."""
        try:
            answer = http.get(self.base_url + path, self.headers, self.timeouts, self.verify, JSON_BODY_LIMIT)
        except boto_errors.BotoCoreError as error:
            raise ProbeFailed(network_failure(error, self.host, self.timeouts)) from None
        return Reply(answer.status, dict(answer.headers), _json(answer.body, answer.truncated), answer.redirect_host)


def _json(body: bytes, truncated: bool) -> object:
    if truncated:
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def host_port(url: str) -> str:
    """``host[:port]`` of a URL: never its user name, password, path or query."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "the host"
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return "the host"


def network_failure(error: boto_errors.BotoCoreError, host: str, timeouts: Tuple[float, float]) -> Failure:
    """What a network error means for a source host named by src_hostname."""
    if isinstance(error, boto_errors.ProxyConnectionError):
        return Failure(f"the proxy (from HTTPS_PROXY/HTTP_PROXY) could not be reached or refused the tunnel to {host}. "
                       "Check the proxy setting, or NO_PROXY for hosts that need none.", "proxy")
    if isinstance(error, boto_errors.SSLError):
        return Failure(f"TLS verification of {host} failed: its certificate is not trusted here. Put the CA "
                       "certificate in AWS_CA_BUNDLE; [APP] ssl_verify = False turns verification off (for "
                       "Congregate too; not recommended).", "tls", key=HOSTNAME)
    if isinstance(error, boto_errors.ConnectTimeoutError):
        return Failure(f"no connection to {host} within {timeouts[0]:g} s: a firewall may drop the traffic, or a "
                       "proxy is needed (HTTPS_PROXY). On a slow network raise --timeout.", "timeout", key=HOSTNAME)
    if isinstance(error, boto_errors.ReadTimeoutError):
        return Failure(f"{host} accepted the connection but did not answer within {timeouts[1]:g} s. Run again; "
                       "on a slow network raise --timeout.", "timeout", Severity.WARNING, key=HOSTNAME)
    if isinstance(error, boto_errors.ConnectionClosedError):
        return Failure(f"{host} closed the connection before answering (a proxy or firewall may cut it).", "reset",
                       key=HOSTNAME)
    return Failure(f"could not connect to {host}: the name does not resolve or nothing listens there. Check "
                   "src_hostname, this machine's DNS and the network path (HTTPS_PROXY).", "network", key=HOSTNAME)


def unexpected(reply: Reply, host: str, what: str) -> Failure:
    """The failure for an answer a probe has no specific words for (redirect, server error, other status)."""
    if reply.redirect_host is not None or 300 <= reply.status < 400:
        target = reply.redirect_host or "another address"
        return Failure(f"{host} answered {what} with a redirect (HTTP {reply.status}) to {target}, which is not "
                       "followed, so no credential leaves the named host. Congregate calls src_hostname as "
                       "written: set it to the address the API answers at (https, the right path).", "redirect",
                       key=HOSTNAME)
    if reply.status >= 500:
        return Failure(f"{host} answered {what} with a server error (HTTP {reply.status}). Run again later.",
                       "server", Severity.WARNING, key=HOSTNAME)
    if reply.status == 404:
        return Failure(f"{host} has no such API (HTTP 404 for {what}): src_hostname does not point at the API "
                       "root Congregate needs.", "not-found", key=HOSTNAME)
    if reply.status == 200:
        return Failure(f"{host} answered {what} with HTTP 200 but not with the API's JSON (a proxy, portal or "
                       "sign-in page may be answering instead).", "not-api", key=HOSTNAME)
    return Failure(f"{host} answered {what} with HTTP {reply.status}.", "refused", key=HOSTNAME)


def field(body: object, *path: str) -> object:
    """``body[path[0]][path[1]]…``, or None when any step is missing or not an object."""
    for name in path:
        if not isinstance(body, dict):
            return None
        body = body.get(name)
    return body


def run_probe(name: str, work: Callable[[], Tuple[Dict[str, object], Optional[Failure]]]) -> ProbeResult:
    """One probe: its data or its failure, never a traceback."""
    started = time.monotonic()
    result = ProbeResult(name)
    try:
        result.data, result.failure = work()
    except ProbeFailed as failed:
        result.failure = failed.failure
    except Exception as error:  # every failure is reported as a finding
        result.failure = Failure(f"the check failed unexpectedly ({type(error).__name__}).", "internal",
                                 Severity.WARNING)
    result.local_time = time.time()
    result.seconds = time.monotonic() - started
    return result
