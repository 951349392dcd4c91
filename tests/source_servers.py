"""Loopback doubles of the source APIs the live source probes call, with bodies shaped after each vendor's docs.

GitHub Enterprise Server (REST v3 under /api/v3), Bitbucket Server/Data Center (REST 1.0), Bitbucket Cloud (2.0) and
Azure DevOps Server (a collection URL). Each records the requests it got (path and Authorization header) so tests
can check where each credential went.
"""

import base64
import json
from http.server import BaseHTTPRequestHandler
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from tests.live_servers import _LoopbackServer

Answer = Tuple[int, Dict[str, str], object]  # status, headers, body (JSON-able, or bytes sent as they are)


class RestDouble(_LoopbackServer):
    """A loopback HTTP server that answers GETs through :meth:`answer` and records each request."""

    def __init__(self):
        self.requests: List[Tuple[str, Optional[str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append((self.path, self.headers.get("Authorization")))
                parts = urlsplit(self.path)
                status, headers, body = outer.answer(parts.path, parse_qs(parts.query),
                                                     self.headers.get("Authorization") or "")
                data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                self.send_response(status)
                headers = {"Content-Type": "application/json; charset=utf-8", **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._serve(Handler)

    def answer(self, path: str, query: Dict[str, List[str]], authorization: str) -> Answer:
        raise NotImplementedError


def basic_pair(authorization: str) -> Optional[Tuple[str, str]]:
    if not authorization.startswith("Basic "):
        return None
    try:
        user, sep, secret = base64.b64decode(authorization[6:]).decode("utf-8").partition(":")
    except ValueError:
        return None
    return (user, secret) if sep else None


class GitHubEnterpriseDouble(RestDouble):
    """GitHub Enterprise Server: ``/api/v3/user`` and ``/api/v3/rate_limit`` with ``Authorization: token``.

    ``tokens`` maps a token to its user: ``{"login": ..., "site_admin": bool, "scopes": "repo, read:org" or None}``
    (None: a fine-grained token, which sends no X-OAuth-Scopes).
    """

    def __init__(self, tokens: Dict[str, dict], remaining: int = 4990, rate_limiting: bool = True):
        self.tokens, self.remaining, self.rate_limiting = tokens, remaining, rate_limiting
        super().__init__()

    def answer(self, path, query, authorization):
        user = self.tokens.get(authorization[len("token "):]) if authorization.startswith("token ") else None
        if user is None:
            return 401, {}, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}
        headers = {"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": str(self.remaining)}
        if user.get("scopes") is not None:
            headers["X-OAuth-Scopes"] = user["scopes"]
        if path == "/api/v3/user":
            return 200, headers, {"login": user["login"], "id": 1, "type": "User",
                                  "site_admin": user.get("site_admin", False), "name": user["login"].title()}
        if path == "/api/v3/rate_limit":
            if not self.rate_limiting:
                return 404, {}, {"message": "Rate limiting is not enabled.",
                                 "documentation_url": "https://docs.github.com/rest"}
            core = {"limit": 5000, "used": 5000 - self.remaining, "remaining": self.remaining, "reset": 1767225600}
            return 200, headers, {"resources": {"core": core, "search": core}, "rate": core}
        return 404, {}, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}


BITBUCKET_AUTH_ERROR = {"errors": [{"context": None, "message": "Authentication failed. Please check your "
                                    "credentials and try again.", "exceptionName":
                                    "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException"}]}
BITBUCKET_NOT_PERMITTED = {"errors": [{"context": None, "message": "You are not permitted to access this resource",
                                       "exceptionName": "com.atlassian.bitbucket.AuthorisationException"}]}


class BitbucketServerDouble(RestDouble):
    """Bitbucket Server/Data Center REST 1.0 under a context path, with Basic auth and global permissions.

    ``passwords`` maps a user slug to its password; ``permissions`` maps slugs to their own global permission;
    ``groups`` maps slugs to their groups (in order); ``group_permissions`` maps groups to a permission.
    """

    def __init__(self, passwords, permissions, groups=None, group_permissions=None, context="/bitbucket"):
        self.passwords, self.permissions = passwords, permissions
        self.groups, self.group_permissions = groups or {}, group_permissions or {}
        self.context = context
        super().__init__()

    def answer(self, path, query, authorization):
        if not path.startswith(self.context + "/"):
            return 404, {"Content-Type": "text/html"}, b"<html><body>HTTP Status 404 - Not Found</body></html>"
        pair = basic_pair(authorization)
        if pair is None or self.passwords.get(pair[0]) != pair[1]:
            return 401, {}, BITBUCKET_AUTH_ERROR
        path = path[len(self.context):]
        caller_is_admin = self.permissions.get(pair[0]) in ("ADMIN", "SYS_ADMIN") or any(
            self.group_permissions.get(group) in ("ADMIN", "SYS_ADMIN") for group in self.groups.get(pair[0], []))
        if path.startswith("/rest/api/1.0/users/"):
            slug = path.rsplit("/", 1)[1]
            if slug not in self.passwords:
                return 404, {}, {"errors": [{"context": None, "message": f"User {slug} does not exist.",
                                             "exceptionName": "com.atlassian.bitbucket.user.NoSuchUserException"}]}
            return 200, {}, self._user(slug)
        if path.startswith("/rest/api/1.0/admin/") and not caller_is_admin:
            return 401, {}, BITBUCKET_NOT_PERMITTED
        term = (query.get("filter") or query.get("context") or [""])[0]
        if path == "/rest/api/1.0/admin/permissions/users":
            rows = [{"user": self._user(slug), "permission": permission}
                    for slug, permission in sorted(self.permissions.items()) if term.lower() in slug]
            return 200, {}, self._page(rows)
        if path == "/rest/api/1.0/admin/users/more-members":
            return 200, {}, self._page([{"name": group, "deletable": True} for group in self.groups.get(term, [])])
        if path == "/rest/api/1.0/admin/permissions/groups":
            rows = [{"group": {"name": group}, "permission": permission}
                    for group, permission in sorted(self.group_permissions.items()) if term.lower() in group]
            return 200, {}, self._page(rows)
        return 404, {}, {"errors": [{"context": None, "message": "Not found", "exceptionName": None}]}

    @staticmethod
    def _user(slug):
        return {"name": slug, "emailAddress": f"{slug}@example.com", "id": 101, "displayName": slug.title(),
                "active": True, "slug": slug, "type": "NORMAL"}

    @staticmethod
    def _page(values):
        return {"size": len(values), "limit": 1000, "isLastPage": True, "values": values, "start": 0}


class BitbucketCloudDouble(RestDouble):
    """Bitbucket Cloud 2.0: ``/2.0/user`` and ``/2.0/workspaces/<id>``; Basic ``user:secret`` pairs or Bearer tokens."""

    def __init__(self, basic: Dict[str, str], bearer=(), workspaces=("acme-dev",)):
        self.basic, self.bearer, self.workspaces = basic, set(bearer), set(workspaces)
        super().__init__()

    def answer(self, path, query, authorization):
        pair = basic_pair(authorization)
        known = (pair is not None and self.basic.get(pair[0]) == pair[1]) or (
            authorization.startswith("Bearer ") and authorization[7:] in self.bearer)
        if not known:
            return 401, {"WWW-Authenticate": 'Basic realm="Bitbucket.org HTTP"'}, {
                "type": "error", "error": {"message": "Unauthorized"}}
        if path == "/2.0/user":
            return 200, {}, {"type": "user", "username": "jane-doe", "display_name": "Jane Doe",
                             "account_id": "557058:0f0e0d0c", "uuid": "{d3f1c8a0}"}
        if path.startswith("/2.0/workspaces/") and path.rsplit("/", 1)[1] in self.workspaces:
            slug = path.rsplit("/", 1)[1]
            return 200, {}, {"type": "workspace", "slug": slug, "name": slug.title(), "uuid": "{a1b2c3}",
                             "is_private": True}
        return 404, {}, {"type": "error", "error": {"message": "No workspace with identifier."}}


class AzureDevOpsServerDouble(RestDouble):
    """Azure DevOps Server under a collection URL: ``_apis/connectionData`` and ``_apis/projects``.

    Any Basic ``<user>:<PAT>`` with a known PAT is accepted (Azure DevOps ignores the user part); a Bearer value is
    refused, as for a PAT. ``anonymous`` answers connectionData as the anonymous public-access user.
    """

    def __init__(self, pats, projects=2, collection="/tfs/DefaultCollection", max_version=7.2, anonymous=False):
        self.pats, self.projects, self.collection = set(pats), projects, collection
        self.max_version, self.anonymous = max_version, anonymous
        super().__init__()

    def answer(self, path, query, authorization):
        version = (query.get("api-version") or ["0"])[0]
        if float(version.split("-")[0]) > self.max_version:
            return 400, {}, {"$id": "1", "innerException": None, "message": f"The requested REST API version of "
                             f"{version} is out of range for this server. The latest REST API version this server "
                             f"supports is {self.max_version}.", "typeName": "Microsoft.VisualStudio.Services.WebApi."
                             "VssVersionOutOfRangeException", "typeKey": "VssVersionOutOfRangeException",
                             "errorCode": 0, "eventId": 3000}
        if self.anonymous and path == f"{self.collection}/_apis/connectionData":
            return 200, {}, self._connection("Anonymous", "System:PublicAccess;aaaa")
        pair = basic_pair(authorization)
        if pair is None or pair[1] not in self.pats:
            return 401, {"WWW-Authenticate": "Basic realm=\"https://ado.example.com/\""}, b"Unauthorized"
        if path == f"{self.collection}/_apis/connectionData":
            return 200, {}, self._connection("Jane Doe", "Microsoft.IdentityModel.Claims.ClaimsIdentity;jane")
        if path == f"{self.collection}/_apis/projects":
            return 200, {}, {"count": self.projects, "value": [
                {"id": f"p{n}", "name": f"project-{n}", "state": "wellFormed", "visibility": "private"}
                for n in range(self.projects)]}
        return 404, {}, {"$id": "1", "message": "The resource cannot be found.", "typeKey": "NotFoundException"}

    @staticmethod
    def _connection(name, descriptor):
        user = {"id": "0a1b", "descriptor": descriptor, "subjectDescriptor": "aad.x", "providerDisplayName": name,
                "isActive": True, "properties": {"Account": {"$type": "System.String", "$value": "jane@example.com"}},
                "resourceVersion": 2, "metaTypeId": 0}
        return {"authenticatedUser": user, "authorizedUser": user, "instanceId": "c0ffee",
                "deploymentId": "d00d", "deploymentType": "onPremises",
                "locationServiceData": {"serviceOwner": "00025394",
                                        "defaultAccessMappingMoniker": "PublicAccessMapping"}}
