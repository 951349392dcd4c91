"""``--live``: does the HTTPS Git credential let git clone from CodeCommit?

**Why it matters.** The repositories are cloned over HTTPS from
``git-codecommit.<src_aws_region>.amazonaws.com/v1/repos/<name>`` with
``src_aws_codecommit_username`` and the decoded ``src_aws_codecommit_password`` (GitLab
clones the same URL for an API import). These credentials are separate from the access
keys, and only a clone tests them. The check makes git's first request,
``GET /v1/repos/<repo>/info/refs?service=git-upload-pack``, with HTTP Basic auth, on
the first repository ListRepositories returned: 200 with Git's ref advertisement is
success; 401 means a wrong user name or password; 403 means the credential's IAM user
lacks ``codecommit:GitPull``. Skipped, with an info finding, when there is no
repository to try or the credential is missing or malformed (C005, C006).

``--git-endpoint`` (or ``CONGREGATE_LINT_GIT_ENDPOINT``) replaces the Git host, e.g.
for a VPC endpoint: ``https://`` only (``http://`` to a loopback address), and never
from a project configuration file. The finding names the host the credential was sent
to, and says when it was an override. A redirect is not followed: it is reported as a
warning, and the credential is not sent to the host it points at.

**Failing example**::

    [SOURCE]
    src_aws_codecommit_username = jane-at-123456789012
    src_aws_codecommit_password = <base64 of an old, reset password>

**Passing example**: the user name and the base64 of the current password of that
HTTPS Git credential.

**Fix.** IAM → Users → Security credentials → HTTPS Git credentials for AWS
CodeCommit: check the user name, reset the password and store its base64; grant the
user ``codecommit:GitPull``.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GIT

from . import _codecommit as cc
from ._live import outcome, placed

ID = "L006"
NAME = "git-credentials"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the HTTPS Git credential cannot read a repository (401/403)."
LIVE = True
NEEDS = (GIT,)
CHECK = ("AWS", "Git clone")


def check(conf, live):
    def success(found):
        return placed(conf, cc.USERNAME, "the HTTPS Git credential can clone", Severity.INFO,
                      explanation=f"Tried on {found.data.get('repository')!r}: the Git host answered 200 with the "
                                  "repository's refs.")

    yield from outcome(conf, live.results(conf).probe(GIT), success, default_key=cc.USERNAME)
