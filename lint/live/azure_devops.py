"""Live probes of an Azure DevOps source: connection data with the stored Basic value, and the project list.

Congregate sends ``Authorization: Basic <src_access_token as stored>`` (the base64 of
``:PAT``) to ``{src_hostname}/_apis/...?api-version=<api_version>``; these probes do the
same, to that host only. Congregate's own validator instead sends ``Bearer`` and lets
any answer but 200 pass, so the probe also says what that validator would have seen.
"""

from dataclasses import dataclass
import re
from typing import Dict, Optional, Set, Tuple
from urllib.parse import quote

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.endpoints import Endpoint
from congregate_lint.live.inputs import Skip
from congregate_lint.live.probing import Session
from congregate_lint.live.rest import Client, ProbeFailed, field, other_source, record, run_probe, unexpected
from congregate_lint.live.results import ADO_CONNECTION, ADO_PROJECTS, Failure, ProbeResult
from congregate_lint.model import Conf

PROBES = (ADO_CONNECTION, ADO_PROJECTS)
ANONYMOUS_MARKERS = ("anonymous", "publicaccess")
CONSEQUENCE = "Congregate's calls to the same host fail the same way."
HOW_TO_STORE = "printf %s ':PAT' | base64 -w0"
DISPLAY_NAME = re.compile(r"[\w .@'-]{1,80}")


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


def run(session: Session, wanted: Set[str]) -> None:
    """Record the wanted Azure DevOps probes for this conf (skipped, with the reason, when nothing may be sent)."""
    if not other_source(session, wanted, src.AZURE_DEVOPS):
        record(session, wanted, probe(session))


def probe(session: Session) -> Dict[str, ProbeResult]:
    target, skip = read_target(session.conf)
    if skip is not None:
        return {name: ProbeResult(name, skip=skip) for name in PROBES}
    endpoint = Endpoint(target.base_url)
    basic = Client(endpoint, {"Authorization": f"Basic {target.stored_token}", "Accept": "application/json"},
                   session, CONSEQUENCE)
    bearer = Client(endpoint, {"Authorization": f"Bearer {target.stored_token}",
                                      "Accept": "application/json"}, session, CONSEQUENCE)
    connection = run_probe(ADO_CONNECTION, lambda: _connection(basic, bearer, target.api_version), basic, bearer)
    if not connection.ok:
        return {ADO_CONNECTION: connection, ADO_PROJECTS: ProbeResult(
            ADO_PROJECTS, skip=Skip("the connection check did not pass (A101 says why)"))}
    return {ADO_CONNECTION: connection,
            ADO_PROJECTS: run_probe(ADO_PROJECTS, lambda: _projects(basic, target.api_version), basic)}


def _version(api_version: str) -> str:
    return quote(api_version, safe=".-")


def _connection(basic: Client, bearer: Client, api_version: str):
    path = f"/_apis/connectionData?api-version={_version(api_version)}"
    reply = basic.get(path)
    user = field(reply.body, "authenticatedUser")
    if reply.status == 200 and isinstance(user, dict):
        descriptor = str(user.get("descriptor") or "").lower()
        if any(marker in descriptor for marker in ANONYMOUS_MARKERS):
            return {}, Failure(f"{basic.host} answers as the anonymous public-access user", "anonymous",
                               key=src.TOKEN,
                               explanation="The organisation allows public access and did not take the stored "
                                           "credential as a PAT, so Congregate would see only public projects.",
                               fix=f"Store a current PAT: {HOW_TO_STORE}.")
        name = user.get("providerDisplayName")
        return {"user": name if isinstance(name, str) and DISPLAY_NAME.fullmatch(name) else "?", "host": basic.host,
                "congregate_validator": _bearer_status(bearer, path)}, None
    if reply.status in (401, 203) or (reply.status == 200 and reply.body is None):
        page = ", a sign-in page" if reply.status != 401 else ""
        return {}, Failure(f"{basic.host} refuses the stored Basic credential (HTTP {reply.status}{page})",
                           "bad-token", key=src.TOKEN,
                           explanation="The PAT is wrong, expired or revoked, or belongs to another organisation. "
                                       "Congregate's own check sends it as Bearer and lets any answer but 200 pass, "
                                       "so the migration would fail only at its first call.",
                           fix=f"Create a new PAT and store {HOW_TO_STORE}.")
    if reply.status == 400:
        return {}, Failure(f"{basic.host} refuses api-version {api_version} (HTTP 400)", "api-version",
                           key=src.API_VERSION,
                           explanation="Congregate sends this version with every call (default 7.2-preview); older "
                                       "Azure DevOps Server releases do not know it.",
                           fix="Set [SOURCE] api_version to a version the server supports (e.g. 5.0 for Azure "
                               "DevOps Server 2019).")
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
            return {"count": 0}, Failure("the PAT's user sees no project", "no-projects", Severity.WARNING,
                                         key=src.TOKEN, explanation="Congregate would list and migrate nothing.",
                                         fix="Make the user a Project Collection Administrator (the runbook asks "
                                             "for an organisation administrator), or give the PAT the Project and "
                                             "Team (Read) scope.")
        return {"count": count}, None
    if reply.status in (401, 403):
        return {}, Failure(f"{basic.host} refuses to list projects (HTTP {reply.status})", "forbidden",
                           key=src.TOKEN, explanation="The PAT lacks the Project and Team (Read) scope.",
                           fix="Create a PAT with Read scopes (or Full access) and store its base64 with ':'.")
    return {}, unexpected(reply, basic.host, "GET _apis/projects")
