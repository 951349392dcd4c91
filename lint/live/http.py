"""One HTTPS GET for the live probes that are not AWS API calls (Git, GitLab, the other sources).

It uses botocore's HTTP stack, so proxies (``HTTPS_PROXY``/``NO_PROXY``), CA bundles,
timeouts and network errors behave, and are explained, exactly as for the AWS calls.
Redirects are never followed: a 3xx comes back as the answer (``redirect_note`` words
it for a finding), so no header carrying a credential reaches another URL. At most
``max_bytes`` of the body are read.
"""

from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from botocore.awsrequest import AWSRequest
from botocore.httpsession import URLLib3Session
from botocore.utils import get_environ_proxies

from congregate_lint import __version__
from congregate_lint.live.endpoints import printable_host

MAX_BODY = 1024 * 1024
USER_AGENT = f"congregate-lint/{__version__}"


@dataclass(frozen=True)
class HttpAnswer:
    """What the server said: status, headers (lower-case names), the body's first bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    truncated: bool

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())

    @property
    def redirect_host(self) -> Optional[str]:
        """The host a 3xx points at (None when it is not a redirect or names no host)."""
        if not 300 <= self.status < 400:
            return None
        try:
            return urlsplit(self.header("location") or "").hostname
        except ValueError:  # a malformed address (an unclosed IPv6 bracket) names no usable host
            return None

    def redirect_note(self) -> Optional[str]:
        """For a 3xx (never followed): ``HTTP 302, redirected to HOST; credentials not sent there``, with the host
        only when it is printable; None for any other status."""
        if not 300 <= self.status < 400:
            return None
        relative = "//" not in (self.header("location") or "")  # a path on the same host, or no Location at all
        target = "another path of the same host" if relative else printable_host(self.redirect_host)
        return f"HTTP {self.status}, redirected to {target}; credentials not sent there"


def host_of(url: str) -> str:
    """The host name of a URL, for reports ("sent to HOST")."""
    return urlsplit(url).hostname or url


def get(url: str, headers: Dict[str, str], timeouts: Tuple[float, float], verify: Union[bool, str],
        max_bytes: int = MAX_BODY) -> HttpAnswer:
    """GET ``url`` once; network errors raise botocore's exceptions (``live.errors.explain`` words them)."""
    sent = {"User-Agent": USER_AGENT, **headers}
    session = URLLib3Session(verify=verify, proxies=get_environ_proxies(url), timeout=timeouts)
    try:
        request = AWSRequest(method="GET", url=url, headers=sent).prepare()
        request.stream_output = True
        response = session.send(request)
        try:
            body = response.raw.read(max_bytes + 1)
        finally:
            response.raw.release_conn()
        names = {name.lower(): value for name, value in response.headers.items()}
        return HttpAnswer(response.status_code, names, body[:max_bytes], len(body) > max_bytes)
    finally:
        session.close()
