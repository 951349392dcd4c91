"""botocore clients that can use the conf's credentials and nothing else.

The session reads no config or credentials file and no profile (``AWS_PROFILE``,
``AWS_CONFIG_FILE`` and ``AWS_SHARED_CREDENTIALS_FILE`` are ignored), its credential
resolver has no provider to fall back on (environment, ``~/.aws``, SSO, process,
container, instance metadata), and instance metadata is switched off too. The
documented endpoint variables ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_STS`` and
``AWS_ENDPOINT_URL_CODECOMMIT`` still apply (checked like any override: no plain
``http://`` but to a loopback address), as do ``HTTPS_PROXY``/``NO_PROXY`` and
``AWS_CA_BUNDLE``. No answer is read beyond 1 MiB (``capped_sender``).
"""

import gzip
import json
import os
import random
import threading
import time
from typing import Dict, Optional

import botocore.session
from botocore import handlers
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.credentials import CredentialResolver
from botocore.exceptions import ClientError
from botocore.loaders import JSONFileLoader, Loader

from congregate_lint import __version__
from congregate_lint.live.endpoints import Endpoint, aws_override
from congregate_lint.live.errors import THROTTLING, AnswerTooLarge, error_code
from congregate_lint.live.http import MAX_BODY
from congregate_lint.live.inputs import AwsCredentials
from congregate_lint.live.probing import Deadline

MAX_ATTEMPTS = 4
BACKOFF_BASE = 0.2  # seconds; doubled per retry, with full jitter
BACKOFF_CAP = 2.0
CHUNK = 64 * 1024  # an answer is read this much at a time, up to MAX_BODY
_NO_FILE = os.devnull  # not a regular file: botocore reads it as "no config"
ISOLATED_VARIABLES = {
    "profile": (None, None, None, None),
    "config_file": (None, None, _NO_FILE, None),
    "credentials_file": (None, None, _NO_FILE, None),
}


SERVICES = ("codecommit", "sts")


class _PlainJsonFiles(JSONFileLoader):
    """botocore's JSON data files read into plain dicts (which keep their order) instead of OrderedDicts: parsing
    the 1.2 MB endpoints.json and the service models takes half the time without the ``object_pairs_hook``."""

    def load_file(self, file_path):
        for extension, opener in ((".json", open), (".json.gz", gzip.open)):
            if os.path.isfile(file_path + extension):
                with opener(file_path + extension, "rb") as stream:
                    return json.loads(stream.read().decode("utf-8"))
        return None


class _PreflightLoader(Loader):
    """botocore's data loader, told which services exist instead of listing ~400 data directories per client."""

    FILE_LOADER_CLASS = _PlainJsonFiles

    def list_available_services(self, type_name):
        return list(SERVICES)


def isolated_session() -> botocore.session.Session:
    """A botocore session that knows no credentials but those given to ``create_client``."""
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    session = botocore.session.Session(session_vars=ISOLATED_VARIABLES, include_builtin_handlers=False)
    _register_builtin_handlers(session)
    session.register_component("credential_provider", CredentialResolver(providers=[]))
    session.register_component("data_loader", _PreflightLoader(session.get_component("data_loader").search_paths))
    return session


class _ReadBody:
    """An answer's body already read, in the shape botocore reads a body from (``stream()``)."""

    def __init__(self, body: bytes):
        self.body = body

    def stream(self, *args, **kwargs):
        yield self.body


def capped_sender(http_session):
    """A ``before-send`` handler that sends the request itself, through the client's own HTTP session (same
    proxies, CA bundle, timeouts and connection pool), and reads at most MAX_BODY bytes of the answer.

    botocore would read a whole answer into memory before parsing it; a longer one
    closes the connection, its rest unread, and raises AnswerTooLarge instead.
    """

    def send(request, **_) -> AWSResponse:
        request.stream_output = True  # the session then reads no byte of the body itself
        response = http_session.send(request)
        chunks, size = [], 0
        for chunk in response.raw.stream(CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                response.raw.close()
                raise AnswerTooLarge(request.url, MAX_BODY)
        response.raw.release_conn()
        return AWSResponse(request.url, response.status_code, response.headers, _ReadBody(b"".join(chunks)))

    return send


def _register_builtin_handlers(session: botocore.session.Session) -> None:
    """botocore's built-in event handlers that can fire for an STS or CodeCommit client, registered as botocore
    registers them: the generic ones and those of these two services. The other hundred (other services' events,
    documentation) never fire here and only cost time to register."""
    events = session.get_component("event_emitter")
    how = {handlers.REGISTER_FIRST: events.register_first, handlers.REGISTER_LAST: events.register_last}
    for event, handler, *order in handlers.BUILTIN_HANDLERS:
        parts = event.split(".")
        if parts[0] == "docs" or (len(parts) > 1 and parts[1] not in ("*", *SERVICES)):
            continue
        register = how.get(order[0]) if order else events.register
        if register is not None:
            register(event, handler)


class AwsClients:
    """STS and CodeCommit clients for one set of credentials, created once, shared by the probe threads."""

    def __init__(self, credentials: AwsCredentials, connect_timeout: float, read_timeout: float, ssl_verify: bool):
        self.credentials = credentials
        self.session = isolated_session()
        self.verify = None if ssl_verify else False  # None: botocore's default, AWS_CA_BUNDLE when set
        self.config = Config(connect_timeout=connect_timeout, read_timeout=read_timeout,
                             retries={"mode": "standard", "total_max_attempts": 1},
                             user_agent_extra=f"congregate-lint/{__version__}")
        self._clients: Dict[str, object] = {}
        self._endpoints: Dict[str, Endpoint] = {}
        self._lock = threading.Lock()

    def client(self, service: str):
        """The service's client; an endpoint override that may not carry credentials raises OverrideError."""
        with self._lock:  # a botocore session is not thread-safe; its clients are
            if service not in self._clients:
                creds = self.credentials
                override = aws_override(service)
                self._clients[service] = self.session.create_client(
                    service, region_name=creds.region, aws_access_key_id=creds.key_id,
                    aws_secret_access_key=creds.secret, aws_session_token=creds.token or None,
                    endpoint_url=override.url if override else None, verify=self.verify, config=self.config)
                client = self._clients[service]
                client.meta.events.register("before-send", capped_sender(client._endpoint.http_session))
                self._endpoints[service] = Endpoint(self._clients[service].meta.endpoint_url,
                                                    override.override if override else None)
            return self._clients[service]

    def endpoint(self, service: str) -> Endpoint:
        """Where the service's calls (signed with the conf's key) go."""
        self.client(service)
        return self._endpoints[service]

    def known_endpoint(self, service: str) -> Optional[Endpoint]:
        """The service's endpoint once its client exists, else None; never waits."""
        return self._endpoints.get(service)

    def call(self, service: str, operation: str, deadline: Deadline, **params) -> dict:
        """One API call; throttling is retried with exponential backoff while attempts and time remain."""
        method = getattr(self.client(service), operation)
        attempt = 1
        while True:
            try:
                return method(**params)
            except ClientError as error:
                pause = random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt))
                if error_code(error) not in THROTTLING or attempt == MAX_ATTEMPTS or pause >= deadline.remaining():
                    raise
            time.sleep(pause)
            attempt += 1
