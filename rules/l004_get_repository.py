"""``--live``: can the conf's keys read a repository's details (GetRepository)?

**Why it matters.** For every listed repository Congregate calls ``GetRepository``
(IAM action ``codecommit:GetRepository``) to learn its clone URL and metadata. The
check tries the first repository ListRepositories returned (by name). It also
catches a repository whose AWS KMS key cannot be used. Skipped, with an info
finding, when there is no repository to try.

**Failing example**: a policy that allows ``codecommit:ListRepositories`` only.

**Passing example**: a policy that also allows ``codecommit:GetRepository``
(``AWSCodeCommitReadOnly`` has both).

**Fix.** Grant ``codecommit:GetRepository`` on the repositories to migrate.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import REPOSITORY

from . import _codecommit as cc
from ._live import outcome, placed

ID = "L004"
NAME = "get-repository"
SEVERITY = Severity.ERROR
SUMMARY = "--live: GetRepository fails on a listed repository."
LIVE = True
NEEDS = (REPOSITORY,)
CHECK = ("AWS", "CodeCommit get repository")


def check(conf, live):
    def success(found):
        return placed(conf, cc.KEY_ID, "codecommit:GetRepository works", Severity.INFO,
                      explanation=f"Tried on {found.data.get('repository')!r}.")

    yield from outcome(conf, live.results(conf).probe(REPOSITORY), success)
