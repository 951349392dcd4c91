"""``--live``: the HTTPS Git credential and the access key belong to different AWS accounts.

**Why it matters.** Congregate lists repositories with the access key and clones
them with the HTTPS Git credential (``src_aws_codecommit_username``, which AWS
generates as ``<iam-user>-at-<account ID>``). Git credentials cannot be used across
accounts, so when the account in the user name is not the account STS reports for
the access key, the API calls find repositories that the clone cannot read.

This rule compares the account from STS GetCallerIdentity (L001) with the 12 digits
after ``-at-``. It is skipped, with an info finding, when L001 did not succeed or the
user name has no ``-at-<account>``.

**Failing example**::

    [SOURCE]
    src_aws_access_key_id = AKIA...      (STS: account 111122223333)
    src_aws_codecommit_username = jane-at-123456789012

**Passing example**: both from account 123456789012.

**Fix.** Use the HTTPS Git credential of an IAM user in the access key's account
(IAM → Users → Security credentials → HTTPS Git credentials for AWS CodeCommit), or
the access key of that account.
"""

from congregate_lint.findings import Severity, capitalized
from congregate_lint.live.results import STS

from . import _codecommit as cc
from ._live import placed

ID = "L002"
NAME = "account-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "--live: the Git user name's -at-<account> is not the account of the access key."
LIVE = True
NEEDS = (STS,)
CHECK = ("AWS", "Git user's account")


def check(conf, live):
    results = live.results(conf)
    identity = results.probe(STS)
    git_account = results.inputs.username_account
    if not identity.ok:
        reason = identity.skip.reason if identity.skip else "the STS identity check (L001) failed"
        yield placed(conf, cc.USERNAME, "the Git credential's account was not compared", Severity.INFO,
                     explanation=f"{capitalized(reason)}.",
                     fix="Run `congregate-lint conf --live` again once L001 passes.", skipped=True)
    elif git_account is None:
        yield placed(conf, cc.USERNAME, "the Git credential's account was not compared", Severity.INFO,
                     explanation="src_aws_codecommit_username does not end in -at-<12-digit account>.",
                     fix="Correct src_aws_codecommit_username as C005 says.", skipped=True)
    elif git_account != identity.data.get("account"):
        yield placed(conf, cc.USERNAME, f"the HTTPS Git credential belongs to account {git_account}, the access key "
                     f"to {identity.data.get('account')}",
                     explanation=f"The Git user name ends in -at-{git_account}. Git credentials cannot be used across "
                                 "accounts, so the clone of the listed repositories will fail.",
                     fix="Use the Git credential of an IAM user in the access key's account, or keys of the Git "
                         "credential's account.")
    else:
        yield placed(conf, cc.USERNAME, f"the HTTPS Git credential and the access key are both of account "
                     f"{git_account}", Severity.INFO)
