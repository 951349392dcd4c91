"""``--live``: who are these AWS keys? STS GetCallerIdentity with exactly the conf's credentials.

**Why it matters.** Congregate signs every CodeCommit call with
``src_aws_access_key_id``, the decoded ``src_aws_secret_access_key`` and, for
temporary keys, the decoded ``src_aws_session_token``, in ``src_aws_region``. If AWS
does not accept them, the migration stops at its first call. GetCallerIdentity needs
no permission, so it tests exactly the credentials: on success the finding (info)
names the account and the identity's ARN; on failure it says which part is wrong.

Only the conf's credentials are used: never environment variables, ``~/.aws``,
profiles, SSO or instance metadata. A key, secret or token that is missing or
malformed (see C002–C004) is not sent; the finding says why the check was skipped.

What a failure means:

- unknown key (``InvalidClientTokenId`` / ``UnrecognizedClientException``): mistyped,
  deleted or inactive key; a temporary ``ASIA…`` key without its session token; a
  token next to a long-term ``AKIA…`` key; or an opt-in region not enabled;
- wrong secret (``SignatureDoesNotMatch``); clock more than 15 minutes off
  (``Signature expired`` / ``not yet current``); expired token (``ExpiredToken``);
- network: DNS, connection refused, timeout, TLS verification, proxy, reset.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east-1
    src_aws_access_key_id = AKIA...      (a key deleted in IAM)
    src_aws_secret_access_key = <base64 of its secret>

**Passing example**: a current access key of an IAM user and the base64 of its secret.

**Fix.** Follow the finding: the key in IAM → Users → Security credentials, its
secret stored as base64, a fresh token for temporary keys, the clock synchronised,
or the network path (``HTTPS_PROXY``, ``AWS_CA_BUNDLE``) set up.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import STS

from . import _codecommit as cc
from ._live import outcome, placed

ID = "L001"
NAME = "sts-identity"
SEVERITY = Severity.ERROR
SUMMARY = "--live: AWS does not accept the conf's access key, secret and token (STS GetCallerIdentity)."
LIVE = True
NEEDS = (STS,)
CHECK = ("AWS", "identity")


def check(conf, live):
    result = live.results(conf).probe(STS)

    def success(found):
        return placed(conf, cc.KEY_ID, f"AWS accepts these credentials in {live.results(conf).inputs.region}",
                      Severity.INFO,
                      explanation=f"They belong to account {found.data.get('account')}, identity {found.data.get('arn')}.")

    yield from outcome(conf, result, success)
