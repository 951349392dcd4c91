"""Real servers on 127.0.0.1 for the ``--live`` tests: moto (with IAM auth) and a Git smart-HTTP server.

moto 5.2.5 does not implement CodeCommit's ListRepositories and ListPullRequests (they answer HTTP 500), so
``add_missing_codecommit_operations`` adds both to moto's CodeCommit response class, in this process only; moto's
IAM authentication still applies to them. ``AwsFaults`` is a WSGI middleware in front of moto that injects what moto
cannot produce (throttling, delays, connection resets, AWS error answers, huge answers, a shifted ``Date`` header) and rewrites
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
    kind: str  # throttle | delay | reset | error | huge (an answer of ``size`` bytes, streamed)
    times: int = 1
    seconds: float = 0.0
    code: str = ""
    message: str = ""
    status: int = 400
    size: int = 0


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
        elif fault is not None and fault.kind == "huge":
            return self._huge(start_response, fault.status, fault.size)
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

    def _huge(self, start_response, status: int, size: int):
        """An answer of ``size`` bytes, made and sent 64 KiB at a time (the server never holds it whole)."""
        start_response(f"{status} Huge", [("Content-Type", "text/xml"), ("Content-Length", str(size))])
        piece = b"<" + b"x" * (64 * 1024 - 1)
        return (piece[:min(len(piece), size - start)] for start in range(0, size, len(piece)))

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

    def _serve(self, handler, tls_context=None) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"{'https' if tls_context else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"
        if tls_context is not None:
            self.httpd.socket = tls_context.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, headers, body: bytes) -> None:
        request.send_response(status)
        for name, value in headers:
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

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


# --- GitLab REST API ----------------------------------------------------------------------------------------------

@dataclass
class GitLabToken:
    """A token the GitLab double knows: its user, scopes, expiry and state (active, expired, revoked, impersonation)."""

    user_id: int
    scopes: Tuple[str, ...] = ("api",)
    expires_at: Optional[str] = None
    state: str = "active"
    personal: bool = True  # False: GitLab does not describe it (GET personal_access_tokens/self answers 404)


@dataclass
class GitLabFault:
    """One misbehaviour for paths starting with ``prefix`` (under /api/v4/), for the next ``times`` requests.

    kind: redirect (to ``location``), throttle (429 with ``headers``), hang (``seconds``), reset, oversized, html.
    """

    prefix: str
    kind: str
    times: int = 1
    seconds: float = 0.0
    location: str = ""
    headers: Tuple[Tuple[str, str], ...] = ()


TOKEN_ERRORS = {  # GitLab's api_guard.rb bodies for a known token that may not be used
    "expired": "Token is expired. You can either do re-authorization or token refresh.",
    "revoked": "Token was revoked. You have to re-authorize from the user.",
    "impersonation": "Token is an impersonation token but impersonation was disabled.",
}
ACCESS_DENIED = {"blocked": "403 Forbidden - Your account has been blocked.",
                 "deactivated": "403 Forbidden - Your account has been deactivated by your administrator. Please "
                                "log back in from a web browser to reactivate your account at http://127.0.0.1"}


class GitLabDouble(_LoopbackServer):
    """GitLab's REST API v4 on 127.0.0.1, answering with the bodies and status codes GitLab documents.

    Routes: version, user, personal_access_tokens/self, users/:id, groups/:id, groups/:id/members/all/:user_id,
    application/settings. Tokens come in
    PRIVATE-TOKEN; 401 bodies tell unknown, expired, revoked and impersonation tokens apart; blocked token owners get
    403; tokens without api/read_api get insufficient_scope; only administrators read the settings. ``requests``
    records (path, token) of every request; ``faults`` inject redirects, 429s, hangs, resets, oversized and HTML
    answers. With ``certificate`` (cert and key PEM paths) it serves HTTPS.
    """

    def __init__(self, version: str = "17.3.1-ee", certificate: Optional[Tuple[str, str]] = None):
        self.version = version
        self.tokens: Dict[str, GitLabToken] = {}
        self.users: Dict[int, dict] = {}
        self.groups: Dict[int, dict] = {}
        self.members: Dict[Tuple[int, int], int] = {}  # (group ID, user ID) -> access level, inherited included
        self.settings = {"import_sources": ["github", "bitbucket", "bitbucket_server", "gitlab_project", "git"],
                         "bulk_import_enabled": True, "bulk_import_max_download_file_size": 5120,
                         "personal_access_token_prefix": "glpat-"}
        self.faults: List[GitLabFault] = []
        self.requests: List[Tuple[str, Optional[str]]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                outer.handle(self)

            def log_message(self, *args):
                pass

        context = None
        if certificate is not None:
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
        self._serve(Handler, context)

    def add_user(self, user_id: int, username: str, admin: bool = False, state: str = "active") -> None:
        self.users[user_id] = {"id": user_id, "username": username, "name": username.title(), "state": state,
                               "locked": False, "avatar_url": "", "web_url": f"{self.url}/{username}",
                               "is_admin": admin}

    def add_group(self, group_id: int, full_path: str, visibility: str = "private") -> None:
        self.groups[group_id] = {"id": group_id, "name": full_path.rsplit("/", 1)[-1],
                                 "path": full_path.rsplit("/", 1)[-1], "full_path": full_path,
                                 "visibility": visibility, "parent_id": None,
                                 "web_url": f"{self.url}/groups/{full_path}"}

    def fault(self, fault: GitLabFault) -> None:
        with self.lock:
            self.faults.append(fault)

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        token = request.headers.get("PRIVATE-TOKEN")
        path = request.path.split("?", 1)[0]
        route = path[len("/api/v4/"):] if path.startswith("/api/v4/") else None
        with self.lock:
            self.requests.append((request.path, token))
        fault = self._take(route) if route is not None else None
        if fault is not None and self._misbehave(request, fault):
            return
        if route is None:
            return self._json(request, 404, {"error": "404 Not Found"})
        status, body, headers = self._answer(route, token)
        self._json(request, status, body, headers)

    def _take(self, route: str) -> Optional[GitLabFault]:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and route.startswith(fault.prefix):
                    fault.times -= 1
                    return fault
        return None

    def _misbehave(self, request: BaseHTTPRequestHandler, fault: GitLabFault) -> bool:
        """Act out a fault; False when the normal answer follows (a hang shorter than the client's patience)."""
        if fault.kind == "redirect":
            self._reply(request, 301, [("Location", fault.location)], b"")
        elif fault.kind == "throttle":
            self._json(request, 429, {"message": "Retry later"}, list(fault.headers))
        elif fault.kind == "hang":
            time.sleep(fault.seconds)
            return False
        elif fault.kind == "reset":
            _reset_connection(request.connection)
            request.close_connection = True
        elif fault.kind == "oversized":
            self._reply(request, 200, [("Content-Type", "application/json")], b'{"version": "' + b"9" * (2 << 20)
                        + b'"}')
        elif fault.kind == "html":
            self._reply(request, 200, [("Content-Type", "text/html")],
                        b"<!DOCTYPE html><html><body>Sign in to continue</body></html>")
        return True

    def _answer(self, route: str, token: Optional[str]):
        known = self.tokens.get(token or "")
        if known is None:
            return 401, {"message": "401 Unauthorized"}, []
        if known.state in TOKEN_ERRORS:
            description = TOKEN_ERRORS[known.state]
            challenge = f'Bearer realm="The API", error="invalid_token", error_description="{description}"'
            return 401, {"error": "invalid_token", "error_description": description}, [("WWW-Authenticate", challenge)]
        user = self.users[known.user_id]
        if user["state"] in ACCESS_DENIED:
            return 403, {"message": ACCESS_DENIED[user["state"]]}, []
        if not {"api", "read_api"} & set(known.scopes) and route not in ("version", "user",
                                                                          "personal_access_tokens/self"):
            return 403, {"error": "insufficient_scope", "error_description": "The request requires higher privileges "
                         "than provided by the access token.", "scope": "api read_api"}, []
        return self._resource(route, known, user)

    def _resource(self, route: str, known: GitLabToken, user: dict):
        admin = user["is_admin"]
        if route == "version":
            return 200, {"version": self.version, "revision": "ceb07b24cb0", "kas": {"enabled": False},
                         "enterprise": self.version.endswith("-ee")}, []
        if route == "user":
            return 200, _user_view(user, admin), []
        if route == "personal_access_tokens/self":
            if not known.personal:
                return 404, {"message": "404 Not Found"}, []
            return 200, {"id": 4, "name": "migration", "revoked": False, "created_at": "2026-01-01T00:00:00.000Z",
                         "description": "", "scopes": list(known.scopes), "user_id": known.user_id,
                         "last_used_at": None, "active": True, "expires_at": known.expires_at}, []
        if route.startswith("users/"):
            found = self.users.get(int(route[6:])) if route[6:].isdigit() else None
            return (200, _user_view(found, admin), []) if found else (404, {"message": "404 User Not Found"}, [])
        if route.startswith("groups/") and "/members/all/" in route:
            group_id, _, member = route[7:].partition("/members/all/")
            level = self.members.get((int(group_id), int(member))) if group_id.isdigit() and member.isdigit() else None
            if level is None:
                return 404, {"message": "404 Not found"}, []
            return 200, {**_user_view(self.users[int(member)], admin), "access_level": level,
                         "membership_state": "active"}, []
        if route.startswith("groups/"):
            group = self.groups.get(int(route[7:])) if route[7:].isdigit() else None
            return (200, group, []) if group else (404, {"message": "404 Group Not Found"}, [])
        if route == "application/settings":
            return (200, self.settings, []) if admin else (403, {"message": "403 Forbidden"}, [])
        return 404, {"error": "404 Not Found"}, []

    def _json(self, request: BaseHTTPRequestHandler, status: int, body, headers=()) -> None:
        self._reply(request, status, [("Content-Type", "application/json"), *headers], json.dumps(body).encode())


def _user_view(user: dict, admin_view: bool) -> dict:
    """What GitLab shows of a user: ``is_admin`` only to administrators."""
    return user if admin_view else {key: value for key, value in user.items() if key != "is_admin"}


def make_test_ca(directory: Path) -> Tuple[str, Tuple[str, str]]:
    """A test CA and a certificate for 127.0.0.1 it signed: (CA PEM path, (cert PEM path, key PEM path))."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def key_and_name(common_name):
        return ec.generate_private_key(ec.SECP256R1()), x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                                                                       common_name)])

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, ca_name = key_and_name("congregate-lint test CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key, name = key_and_name("127.0.0.1")
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {name: str(directory / f"{name}.pem") for name in ("ca", "cert", "key")}
    Path(paths["ca"]).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    Path(paths["cert"]).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    Path(paths["key"]).write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
    return paths["ca"], (paths["cert"], paths["key"])


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
