"""One HTTPS GET for the live probes that are not AWS API calls (Git, GitLab, the other sources).

It uses botocore's HTTP stack, so proxies (``HTTPS_PROXY``/``NO_PROXY``), CA bundles,
timeouts and network errors behave, and are explained, exactly as for the AWS calls.
Redirects are never followed: a 3xx comes back as the answer (``redirect_note`` words
it for a finding), so no header carrying a credential reaches another URL. At most
``max_bytes`` of the body are read.
"""

import json
import os
import time
import warnings
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Callable, Dict, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit

from botocore.awsrequest import AWSRequest
from botocore.exceptions import HTTPClientError
from botocore.httpsession import URLLib3Session
from botocore.utils import get_environ_proxies
from urllib3.exceptions import LocationParseError

from congregate_lint import __version__
from congregate_lint.live.endpoints import printable_host

MAX_BODY = 1024 * 1024
RATE_LIMITED = 429
MAX_ATTEMPTS = 3  # a rate-limited GET is tried at most this often
USER_AGENT = f"congregate-lint/{__version__}"
UNREADABLE_REDIRECT = "a redirect to an address that cannot be read; credentials not sent there"


class UnreadableRedirect(Exception):
    """A redirect (3xx) whose Location header is no address urllib3 can parse. botocore's stack raises before it
    hands the answer back (so its status is unknown); nothing was followed, nothing sent there. Each probe words
    it for its own system."""

    def __init__(self):
        super().__init__(UNREADABLE_REDIRECT)


@dataclass(frozen=True)
class HttpAnswer:
    """What the server said: status, headers (lower-case names), the body's first bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    truncated: bool

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())

    def json(self) -> object:
        """The body as JSON; None when it was cut at the cap or is not UTF-8 JSON."""
        if self.truncated:
            return None
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError included
            return None

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


def verify_setting(ssl_verify: bool) -> Union[bool, str]:
    """``verify`` for a conf's ``[APP] ssl_verify``: off, or the CA bundle the AWS calls use (else the default)."""
    return (os.environ.get("AWS_CA_BUNDLE") or True) if ssl_verify else False


def retry_after(answer: HttpAnswer, now: Optional[float] = None) -> Optional[float]:
    """Seconds a 429 asks to wait: ``Retry-After`` (seconds or a date), else ``RateLimit-Reset``/``X-RateLimit-Reset``
    (a POSIX time); None when the answer is not a 429 or names no wait."""
    if answer.status != RATE_LIMITED:
        return None
    now = time.time() if now is None else now
    value = (answer.header("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - now)
        except (TypeError, ValueError):
            pass
    reset = (answer.header("ratelimit-reset") or answer.header("x-ratelimit-reset") or "").strip()
    return max(0.0, float(reset) - now) if reset.isdigit() else None


def get_patiently(url: str, headers: Dict[str, str], timeouts: Tuple[float, float], verify: Union[bool, str],
                  remaining: Callable[[], float], max_bytes: int = MAX_BODY) -> HttpAnswer:
    """:func:`get`, with a 429 tried again after the wait it names, while that wait fits in ``remaining()`` seconds
    and attempts remain; otherwise the 429 is the answer."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        answer = get(url, headers, timeouts, verify, max_bytes)
        wait = retry_after(answer)
        if wait is None or attempt == MAX_ATTEMPTS or wait + sum(timeouts) > remaining():
            return answer
        time.sleep(wait)
    return answer


def get(url: str, headers: Dict[str, str], timeouts: Tuple[float, float], verify: Union[bool, str],
        max_bytes: int = MAX_BODY) -> HttpAnswer:
    """GET ``url`` once; network errors raise botocore's exceptions (``live.errors.explain`` words them), a redirect
    to an unreadable address raises UnreadableRedirect."""
    sent = {"User-Agent": USER_AGENT, **headers}
    if verify is False:  # the conf asked for it ([APP] ssl_verify = False; D004 warns): keep stderr clean
        warnings.filterwarnings("ignore", message="Unverified HTTPS request")
    session = URLLib3Session(verify=verify, proxies=get_environ_proxies(url), timeout=timeouts)
    try:
        request = AWSRequest(method="GET", url=url, headers=sent).prepare()
        request.stream_output = True
        try:
            response = session.send(request)
        except HTTPClientError as error:
            if isinstance(error.kwargs.get("error"), LocationParseError):
                raise UnreadableRedirect() from None
            raise
        try:
            body = response.raw.read(max_bytes + 1)
        finally:
            response.raw.release_conn()
        names = {name.lower(): value for name, value in response.headers.items()}
        return HttpAnswer(response.status_code, names, body[:max_bytes], len(body) > max_bytes)
    finally:
        session.close()
