"""Live probes of an Azure DevOps source: connection data with the stored Basic value, and the project list.

Congregate sends ``Authorization: Basic <src_access_token as stored>`` (the base64 of
``:PAT``) to ``{src_hostname}/_apis/...?api-version=<api_version>``; these probes do the
same, to that host only. Congregate's own validator instead sends ``Bearer`` and lets
any answer but 200 pass, so the probe also says what that validator would have seen.
"""

from dataclasses import dataclass
from typing import Dict, Optional, Tuple
from urllib.parse import quote

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.inputs import Skip
from congregate_lint.live.rest import Client, ProbeFailed, field, run_probe, unexpected
from congregate_lint.live.results import ADO_CONNECTION, ADO_PROJECTS, Failure, ProbeResult
from congregate_lint.model import Conf

PROBES = (ADO_CONNECTION, ADO_PROJECTS)
ANONYMOUS_MARKERS = ("anonymous", "publicaccess")


@dataclass(frozen=True)
class AzureDevOpsTarget:
    base_url: str
    stored_token: str
    api_version: str


def read_target(conf: Conf) -> Tuple[Optional[AzureDevOpsTarget], Optional[Skip]]:
    hostname = conf.value(src.SECTION, src.HOSTNAME)
    if hostname is None:
        return None, Skip("src_hostname is not set (S007 explains)", Severity.WARNING, src.HOSTNAME)
    hostname = src.congregate_hostname(hostname)
    if not hostname.lower().startswith(("http://", "https://")):
        return None, Skip("src_hostname has no http(s):// scheme, so nothing was sent (A001 explains)",
                          key=src.HOSTNAME)
    stored = conf.value(src.SECTION, src.TOKEN)
    if stored is None:
        return None, Skip("src_access_token is not set (S007 explains)", Severity.WARNING, src.TOKEN)
    decoded = src.decoded_text(stored)
    if not decoded or not decoded.startswith(":") or len(decoded) < 2 or decoded.strip() != decoded:
        return None, Skip("src_access_token is not the base64 of ':PAT', so nothing was sent (A002 explains)",
                          key=src.TOKEN)
    version = conf.value(src.SECTION, src.API_VERSION) or src.ADO_DEFAULT_API_VERSION
    return AzureDevOpsTarget(hostname, stored.strip(), version), None


def run(conf: Conf, options, ssl_verify: bool) -> Dict[str, ProbeResult]:
    target, skip = read_target(conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in PROBES}
    basic = Client(target.base_url, {"Authorization": f"Basic {target.stored_token}", "Accept": "application/json"},
                   options, ssl_verify)
    bearer = Client(target.base_url, {"Authorization": f"Bearer {target.stored_token}",
                                      "Accept": "application/json"}, options, ssl_verify)
    connection = run_probe(ADO_CONNECTION, lambda: _connection(basic, bearer, target.api_version))
    if not connection.ok:
        return {ADO_CONNECTION: connection, ADO_PROJECTS: ProbeResult(
            ADO_PROJECTS, skip=Skip("the token was not accepted (A101 says why)"))}
    return {ADO_CONNECTION: connection,
            ADO_PROJECTS: run_probe(ADO_PROJECTS, lambda: _projects(basic, target.api_version))}


def _version(api_version: str) -> str:
    return quote(api_version, safe=".-")


def _connection(basic: Client, bearer: Client, api_version: str):
    path = f"/_apis/connectionData?api-version={_version(api_version)}"
    reply = basic.get(path)
    user = field(reply.body, "authenticatedUser")
    if reply.status == 200 and isinstance(user, dict):
        descriptor = str(user.get("descriptor") or "").lower()
        if any(marker in descriptor for marker in ANONYMOUS_MARKERS):
            return {}, Failure(f"{basic.host} answered as an anonymous user: the organisation allows public access, "
                               "and the token was not used. Check that src_access_token holds a current PAT.",
                               "anonymous", key=src.TOKEN)
        return {"user": str(user.get("providerDisplayName") or "?"), "host": basic.host,
                "congregate_validator": _bearer_status(bearer, path)}, None
    if reply.status in (401, 203) or (reply.status == 200 and reply.body is None):
        return {}, Failure(f"{basic.host} refused the stored Basic credential (HTTP {reply.status}"
                           f"{', a sign-in page' if reply.status != 401 else ''}): the PAT is wrong, expired or "
                           "revoked, or belongs to another organisation. Create a new PAT and store "
                           "printf %s ':PAT' | base64 -w0.", "bad-token", key=src.TOKEN)
    if reply.status == 400:
        return {}, Failure(f"{basic.host} refused api-version {api_version} (HTTP 400): older Azure DevOps Server "
                           "versions do not know it. Set [SOURCE] api_version to a version the server supports.",
                           "api-version", key=src.API_VERSION)
    return {}, unexpected(reply, basic.host, "GET _apis/connectionData")


def _bearer_status(bearer: Client, path: str) -> Optional[int]:
    """The status Congregate's own validator gets (it sends the stored value as a Bearer token), None on no answer."""
    try:
        return bearer.get(path).status
    except ProbeFailed:
        return None


def _projects(basic: Client, api_version: str):
    reply = basic.get(f"/_apis/projects?api-version={_version(api_version)}")
    count = field(reply.body, "count")
    if reply.status == 200 and isinstance(count, int):
        if count == 0:
            return {"count": 0}, Failure("the PAT's user sees no project in the organisation or collection: "
                                         "nothing would be migrated. Grant the user access (Project Collection "
                                         "Administrators) or give the PAT the Project and Team (Read) scope.",
                                         "no-projects", Severity.WARNING, key=src.TOKEN)
        return {"count": count}, None
    if reply.status in (401, 403):
        return {}, Failure(f"{basic.host} refused to list projects (HTTP {reply.status}): the PAT lacks the "
                           "Project and Team (Read) scope.", "forbidden", key=src.TOKEN)
    return {}, unexpected(reply, basic.host, "GET _apis/projects")
