"""The HTTPS Git credential probe: the first request of ``git clone``, made with the conf's Git credential."""

import base64
from dataclasses import dataclass
from typing import Optional, Union

from congregate_lint import __version__
from congregate_lint.findings import Severity
from congregate_lint.live import http
from congregate_lint.live import inputs as conf_keys
from congregate_lint.live.endpoints import Endpoint
from congregate_lint.live.inputs import GitCredentials
from congregate_lint.live.results import Failure

SMART_HTTP_TYPE = "application/x-git-upload-pack-advertisement"
# The check needs the status and the content type; the ref advertisement itself is read only this far.
MAX_ADVERTISEMENT = 64 * 1024


@dataclass(frozen=True)
class GitAnswer:
    status: Optional[int]  # None for a redirect whose status botocore's stack did not hand back
    content_type: str
    date: Optional[str]
    redirect: Optional[str] = None  # HttpAnswer.redirect_note()
    truncated: bool = False


def codecommit_git_endpoint(region: str) -> Endpoint:
    """The Git host Congregate clones from: it always writes ``git-codecommit.<region>.amazonaws.com``."""
    return Endpoint(f"https://git-codecommit.{region}.amazonaws.com")


def info_refs_url(base_url: str, repository: str) -> str:
    """CodeCommit's clone path; repository names are ``[\\w.-]+``, so nothing needs escaping."""
    return f"{base_url}/v1/repos/{repository}/info/refs?service=git-upload-pack"


def fetch_info_refs(url: str, credentials: GitCredentials, connect_timeout: float, read_timeout: float,
                    verify: Union[bool, str]) -> GitAnswer:
    """GET the ref advertisement with HTTP Basic auth, as git does once the server asks for credentials."""
    pair = f"{credentials.username}:{credentials.password}".encode("utf-8")
    headers = {
        "Authorization": "Basic " + base64.b64encode(pair).decode("ascii"),
        "User-Agent": f"git/2 (congregate-lint/{__version__})",
        "Pragma": "no-cache",
    }
    try:
        answer = http.get(url, headers, (connect_timeout, read_timeout), verify, max_bytes=MAX_ADVERTISEMENT)
    except http.UnreadableRedirect as redirect:
        return GitAnswer(None, "", None, str(redirect))
    return GitAnswer(answer.status, answer.header("content-type") or "", answer.header("date"),
                     answer.redirect_note(), answer.truncated)


def judge(answer: GitAnswer, repository: str) -> Optional[Failure]:
    """None when the server handed out the repository's refs, else what its status means."""
    if answer.status == 200 and answer.content_type.startswith(SMART_HTTP_TYPE):
        return None
    if answer.redirect is not None:
        return Failure("the Git host redirected the request", "git-redirected", Severity.WARNING,
                       key=conf_keys.USERNAME, explanation=f"It answered {answer.redirect}: the redirect was not "
                                                           "followed, so the credential was not checked.",
                       fix="Point --git-endpoint at the host that serves the repositories.")
    if answer.status == 401:
        return Failure("the Git host refused the HTTPS Git credential (HTTP 401)", "git-denied",
                       key=conf_keys.PASSWORD,
                       explanation=f"Tried on {repository!r}: the user name or the decoded password is wrong, or the "
                                   "credential was deleted or made inactive.",
                       fix="In IAM → Users → Security credentials → HTTPS Git credentials for AWS CodeCommit, check "
                           "the user name or reset the password, and store the password's base64.")
    if answer.status == 403:
        return Failure("the Git host refused to serve the repository (HTTP 403)", "git-denied",
                       key=conf_keys.USERNAME,
                       explanation=f"It accepted the credential, but the IAM user that owns the HTTPS Git credential "
                                   f"lacks codecommit:GitPull for {repository!r} (or a policy denies it).",
                       fix="Grant codecommit:GitPull, e.g. through AWSCodeCommitReadOnly.")
    if answer.status == 200:
        seen = f" (its first {MAX_ADVERTISEMENT // 1024} KiB were read, the rest was not)" if answer.truncated else ""
        return Failure("the Git host did not answer with Git's ref advertisement", "git-unexpected",
                       key=conf_keys.USERNAME,
                       explanation="It answered 200 but not with Git's smart-HTTP ref advertisement (a proxy or "
                                   f"portal may be answering instead){seen}.",
                       fix="Check the network path to the Git host (proxy settings, captive portal).")
    return Failure(f"the Git host answered HTTP {answer.status}", "git-unexpected",
                   key=conf_keys.USERNAME,
                   explanation=f"Asked for {repository!r}, it did not send the ref advertisement a clone needs.",
                   fix="Check the Git host and the network path, then run again.")
