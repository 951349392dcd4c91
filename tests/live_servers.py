"""Real servers on 127.0.0.1 for the ``--live`` tests: moto (with IAM auth) and a Git smart-HTTP server.

moto 5.2.5 does not implement CodeCommit's ListRepositories and ListPullRequests (they answer HTTP 500), so
``add_missing_codecommit_operations`` adds both to moto's CodeCommit response class, in this process only; moto's
IAM authentication still applies to them. ``AwsFaults`` is a WSGI middleware in front of moto that injects what moto
cannot produce (throttling, delays, connection resets, AWS error answers, a shifted ``Date`` header) and rewrites
moto's XML auth errors on CodeCommit into the JSON errors AWS sends for that JSON-protocol service.
"""

import base64
import io
import json
import os
import re
import select
import socket
import struct
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs

CODECOMMIT_TARGET = "CodeCommit_20150413."
LIST_PAGE_SIZE = 2  # small on purpose, so that listing three repositories needs pagination


def add_missing_codecommit_operations() -> None:
    """Give moto's CodeCommit the two read operations the pre-flight calls and moto lacks (idempotent)."""
    from moto.codecommit.exceptions import RepositoryDoesNotExistException
    from moto.codecommit.responses import CodeCommitResponse

    def list_repositories(self) -> str:
        names = sorted(self.codecommit_backend.repositories)
        start = int(self._get_param("nextToken") or 0)
        page = names[start:start + LIST_PAGE_SIZE]
        body = {"repositories": [
            {"repositoryName": name,
             "repositoryId": self.codecommit_backend.repositories[name].repository_metadata["repositoryId"]}
            for name in page
        ]}
        if start + LIST_PAGE_SIZE < len(names):
            body["nextToken"] = str(start + LIST_PAGE_SIZE)
        return json.dumps(body)

    def list_pull_requests(self) -> str:
        name = self._get_param("repositoryName")
        if name not in self.codecommit_backend.repositories:
            raise RepositoryDoesNotExistException(name)
        return json.dumps({"pullRequestIds": []})

    CodeCommitResponse.list_repositories = list_repositories
    CodeCommitResponse.list_pull_requests = list_pull_requests


@dataclass
class Fault:
    """One injected misbehaviour for an operation (``*`` = any), for the next ``times`` requests."""

    operation: str
    kind: str  # throttle | delay | reset | error
    times: int = 1
    seconds: float = 0.0
    code: str = ""
    message: str = ""
    status: int = 400


class AwsFaults:
    """WSGI middleware in front of moto's application (``date_offset`` shifts the server's ``Date`` header)."""

    def __init__(self, app):
        self.app = app
        self.faults: List[Fault] = []
        self.date_offset = 0.0
        self.seen: List[str] = []
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.seen.clear()
            self.date_offset = 0.0

    def add(self, fault: Fault) -> None:
        with self.lock:
            self.faults.append(fault)

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        operation = target.split(".", 1)[1] if "." in target else _form_action(body)
        if operation:
            with self.lock:
                self.seen.append(operation)
        fault = self._take(operation)
        json_protocol = target.startswith(CODECOMMIT_TARGET)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.seconds)
        elif fault is not None and fault.kind == "reset":
            _reset_connection(environ["werkzeug.socket"])
            start_response("500 Reset", [])
            return [b""]
        elif fault is not None:
            code = fault.code or ("ThrottlingException" if json_protocol else "Throttling")
            message = fault.message or "Rate exceeded"
            return self._error(start_response, json_protocol, fault.status, code, message)
        return self._passthrough(environ, start_response, json_protocol)

    def _take(self, operation: str) -> Optional[Fault]:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.operation in ("*", operation):
                    fault.times -= 1
                    return fault
        return None

    def _passthrough(self, environ, start_response, json_protocol: bool):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(self.app(environ, capture))
        status, headers = captured["status"], captured["headers"]
        if json_protocol and status.startswith("403") and b"<ErrorResponse" in body:
            return self._error(start_response, True, 400, *_json_error_of(body))
        start_response(status, headers)
        return [body]

    def _error(self, start_response, json_protocol: bool, status: int, code: str, message: str):
        if json_protocol:
            body = json.dumps({"__type": code, "message": message}).encode()
            content_type = "application/x-amz-json-1.1"
        else:
            body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message>"
                    "</Error><RequestId>0</RequestId></ErrorResponse>").encode()
            content_type = "text/xml"
        start_response(f"{status} Error", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]


_MOTO_TO_JSON = {
    "InvalidClientTokenId": "UnrecognizedClientException",
    "SignatureDoesNotMatch": "InvalidSignatureException",
    "AccessDenied": "AccessDeniedException",
}


def _json_error_of(xml: bytes) -> Tuple[str, str]:
    """AWS's JSON error code and message for one of moto's XML auth errors."""
    text = xml.decode("utf-8", "replace")
    code = re.search(r"<Code>([^<]*)</Code>", text)
    message = re.search(r"<Message>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</Message>", text, re.DOTALL)  # moto < 5.2: CDATA
    code_text = code.group(1) if code else "AccessDenied"
    return _MOTO_TO_JSON.get(code_text, code_text), message.group(1) if message else ""


def _form_action(body: bytes) -> str:
    values = parse_qs(body.decode("utf-8", "replace")).get("Action")
    return values[0] if values else ""


def _reset_connection(connection: socket.socket) -> None:
    """Abort the TCP connection with a RST: linger 0, then replace its descriptor by a dead pipe end."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    dead, other = socket.socketpair()
    other.close()
    os.dup2(dead.fileno(), connection.fileno())
    dead.close()


class MotoServer:
    """moto's server in this process, bound to 127.0.0.1 on a free port, behind ``AwsFaults``."""

    def __init__(self, tls: bool = False):
        from moto.moto_server.threaded_moto_server import ThreadedMotoServer
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server

        try:
            from moto.moto_server.werkzeug_app import MotoRequestHandler
        except ImportError:  # moto < 5.2 (the newest on Python 3.9) serves with werkzeug's own handler
            from werkzeug.serving import WSGIRequestHandler as MotoRequestHandler

        add_missing_codecommit_operations()
        self.faults = AwsFaults(DomainDispatcherApplication(create_backend_app))
        faults = self.faults

        class ShiftedClockHandler(MotoRequestHandler):
            def date_time_string(self, timestamp=None):
                return formatdate((time.time() if timestamp is None else timestamp) + faults.date_offset, usegmt=True)

            def log_request(self, *args):
                pass

        class FaultyMotoServer(ThreadedMotoServer):
            def _server_entry(self) -> None:
                self._server = make_server(self._ip_address, self._port, faults, True,
                                           request_handler=ShiftedClockHandler,
                                           ssl_context="adhoc" if tls else None)
                self._server_ready_event.set()
                self._server.serve_forever()

        self.server = FaultyMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.url = f"{'https' if tls else 'http'}://{host}:{port}"

    def stop(self) -> None:
        self.server.stop()

    def post(self, path: str, body: bytes = b"") -> None:
        """A moto control call (text/plain: a form body makes reset-auth fail)."""
        request = urllib.request.Request(self.url + path, data=body, method="POST",
                                         headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(request, timeout=10).read()


@dataclass(frozen=True)
class AwsIdentity:
    key_id: str
    secret: str
    token: Optional[str] = None


@dataclass
class SeededAccount:
    """What ``seed_account`` created."""

    allowed: AwsIdentity
    no_policy: AwsIdentity
    no_pull_requests: AwsIdentity
    role: AwsIdentity
    other_account: AwsIdentity
    repositories: List[str]


CODECOMMIT_READ_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow",
    "Action": ["codecommit:List*", "codecommit:Get*", "codecommit:BatchGet*", "codecommit:GitPull"],
    "Resource": "*",
}]})
NO_PULL_REQUESTS_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ["codecommit:ListRepositories", "codecommit:GetRepository"], "Resource": "*",
}]})
OTHER_ACCOUNT = "111122223333"


def seed_account(moto: MotoServer, repositories=("alpha", "beta", "gamma"), region: str = "us-east-1") -> SeededAccount:
    """Reset moto, create users, keys, a role and repositories with auth off, then turn IAM auth on."""
    import boto3

    moto.post("/moto-api/reset-auth", b"inf")
    moto.post("/moto-api/reset")
    bootstrap = dict(endpoint_url=moto.url, region_name=region, aws_access_key_id="AKIABOOTSTRAP",
                     aws_secret_access_key="bootstrap", verify=False)
    iam = boto3.client("iam", **bootstrap)
    allowed = _user_with_key(iam, "allowed", CODECOMMIT_READ_POLICY)
    no_policy = _user_with_key(iam, "nopolicy", None)
    no_pull_requests = _user_with_key(iam, "nopr", NO_PULL_REQUESTS_POLICY)
    role_arn = iam.create_role(RoleName="cc-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                       "Action": "sts:AssumeRole"}],
    }))["Role"]["Arn"]
    iam.put_role_policy(RoleName="cc-role", PolicyName="read", PolicyDocument=CODECOMMIT_READ_POLICY)
    iam.put_user_policy(UserName="allowed", PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}],
    }))
    sts = boto3.client("sts", endpoint_url=moto.url, region_name=region, aws_access_key_id=allowed.key_id,
                       aws_secret_access_key=allowed.secret, verify=False)
    assumed = sts.assume_role(RoleArn=role_arn, RoleSessionName="preflight")["Credentials"]
    role = AwsIdentity(assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"])
    other_iam = boto3.client("iam", **bootstrap)
    other_iam.meta.events.register("before-sign.iam.*", _account_header(OTHER_ACCOUNT))
    other = _user_with_key(other_iam, "other", CODECOMMIT_READ_POLICY)
    codecommit = boto3.client("codecommit", **bootstrap)
    for name in repositories:
        codecommit.create_repository(repositoryName=name)
    moto.post("/moto-api/reset-auth", b"0")
    return SeededAccount(allowed, no_policy, no_pull_requests, role, other, list(repositories))


def _user_with_key(iam, name: str, policy: Optional[str]) -> AwsIdentity:
    iam.create_user(UserName=name)
    if policy:
        iam.put_user_policy(UserName=name, PolicyName="codecommit-read", PolicyDocument=policy)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return AwsIdentity(key["AccessKeyId"], key["SecretAccessKey"])


def _account_header(account: str):
    def add(request, **kwargs):
        request.headers["x-moto-account-id"] = account
    return add


# --- Git smart HTTP -----------------------------------------------------------------------------------------------

def make_bare_repository(root: Path, name: str) -> Path:
    """A real bare repository ``root/name`` holding one commit."""
    bare = root / name
    work = root / f"{name}-work"
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-q", "--allow-empty", "-m", "first"], check=True)
    subprocess.run([*git, "-C", str(work), "push", "-q", str(bare), "HEAD:refs/heads/main"], check=True)
    return bare


class _LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 (a free port), stopped by :meth:`stop`."""

    def _serve(self, handler) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


class GitHttpServer(_LoopbackServer):
    """``git http-backend`` (git's own CGI) behind a loopback HTTP server that checks Basic auth like CodeCommit.

    Paths are CodeCommit's: ``/v1/repos/<name>/...``. Wrong or missing credentials get 401; users in ``denied``
    (right password, no ``codecommit:GitPull``) get 403.
    """

    def __init__(self, root: Path, users: Dict[str, str], denied=()):
        self.root, self.users, self.denied = root, dict(users), set(denied)
        self.requests: List[Tuple[str, Optional[str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.handle(self)

            def log_message(self, *args):
                pass

        self._serve(Handler)

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        user = self._authenticated_user(request.headers.get("Authorization", ""))
        self.requests.append((request.path, user))
        if user is None:
            self._reply(request, 401, [("WWW-Authenticate", 'Basic realm="git"')], b"")
        elif user in self.denied:
            self._reply(request, 403, [], b"")
        else:
            self._run_backend(request, user)

    def _authenticated_user(self, header: str) -> Optional[str]:
        if not header.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            return None
        return user if self.users.get(user) == password else None

    def _run_backend(self, request: BaseHTTPRequestHandler, user: str) -> None:
        path, _, query = request.path.partition("?")
        if not path.startswith("/v1/repos/"):
            self._reply(request, 404, [], b"")
            return
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_PROJECT_ROOT": str(self.root),
               "GIT_HTTP_EXPORT_ALL": "1", "REQUEST_METHOD": "GET", "PATH_INFO": path[len("/v1/repos"):],
               "QUERY_STRING": query, "REMOTE_USER": user, "REMOTE_ADDR": "127.0.0.1", "GATEWAY_INTERFACE": "CGI/1.1"}
        output = subprocess.run(["git", "http-backend"], env=env, capture_output=True, check=False).stdout
        head, _, body = output.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").splitlines()
        headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines if ":" in line]
        status = 200
        for name, value in headers:
            if name.lower() == "status":
                status = int(value.split()[0])
        self._reply(request, status, [(n, v) for n, v in headers if n.lower() != "status"], body)

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, headers, body: bytes) -> None:
        request.send_response(status)
        for name, value in headers:
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)


class ConnectProxy(_LoopbackServer):
    """An HTTPS proxy on 127.0.0.1: answers CONNECT and relays bytes; ``tunnels`` records each target."""

    def __init__(self):
        self.tunnels: List[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_CONNECT(self):
                outer.tunnels.append(self.path)
                host, _, port = self.path.rpartition(":")
                with socket.create_connection((host, int(port)), timeout=10) as upstream:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    _relay(self.connection, upstream)
                self.close_connection = True

            def log_message(self, *args):
                pass

        self._serve(Handler)


def _relay(client: socket.socket, upstream: socket.socket) -> None:
    """Copy bytes both ways until one side closes."""
    sockets = [client, upstream]
    while True:
        readable, _, _ = select.select(sockets, [], [], 10)
        if not readable:
            return
        for source in readable:
            data = source.recv(65536)
            if not data:
                return
            (upstream if source is client else client).sendall(data)


@dataclass
class CapturedRequest:
    path: str
    headers: Dict[str, str]


class CaptureServer(_LoopbackServer):
    """A loopback server that records every request it gets (path and headers) and answers each with ``status``,
    ``headers`` and ``body`` (``body_size`` streams that many filler bytes instead), after ``delay`` seconds. Used
    to prove a credential never reaches a host nobody on the command line chose; ``received`` is set on the first
    request."""

    def __init__(self, status: int = 200, headers=(), body: bytes = b"", body_size: int = 0, delay: float = 0.0):
        self.requests: List[CapturedRequest] = []
        self.status, self.headers, self.body, self.body_size = status, list(headers), body, body_size
        self.received = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(CapturedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}))
                outer.received.set()
                time.sleep(delay)
                self.send_response(outer.status)
                for name, value in outer.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(outer.body_size or len(outer.body)))
                self.end_headers()
                outer._write_body(self.wfile)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self._serve(Handler)

    def _write_body(self, stream) -> None:
        if not self.body_size:
            stream.write(self.body)
            return
        chunk, left = b"x" * 65536, self.body_size
        try:
            while left > 0:
                stream.write(chunk[:left])
                left -= len(chunk)
        except OSError:  # the client stopped reading: what a capped reader does
            pass

    @property
    def credentials_seen(self) -> List[str]:
        """Every header value that could carry a credential, from every request."""
        names = ("authorization", "private-token", "x-amz-security-token", "proxy-authorization")
        return [request.headers[name] for request in self.requests for name in names if name in request.headers]
