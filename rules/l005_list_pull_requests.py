"""``--live``: can the conf's keys list a repository's pull requests (ListPullRequests)?

**Why it matters.** Congregate's CodeCommit pull-request features (migrating pull
requests and their comments as merge requests) call ``ListPullRequests`` (IAM
action ``codecommit:ListPullRequests``), then ``GetPullRequest``,
``GetCommentsForPullRequest`` and ``GetDifferences``. The check tries the first
listed repository. A failure is a warning: repositories still migrate without their
pull requests. Skipped, with an info finding, when there is no repository to try.

**Failing example**: a policy that allows ``codecommit:ListRepositories`` and
``codecommit:GetRepository`` only.

**Passing example**: ``AWSCodeCommitReadOnly``, which allows all the read actions.

**Fix.** Grant ``codecommit:ListPullRequests``, ``codecommit:GetPullRequest``,
``codecommit:GetCommentsForPullRequest`` and ``codecommit:GetDifferences``.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import PULL_REQUESTS

from . import _codecommit as cc
from ._live import outcome, placed

ID = "L005"
NAME = "list-pull-requests"
SEVERITY = Severity.WARNING
SUMMARY = "--live: ListPullRequests fails: pull requests cannot be migrated."
LIVE = True
NEEDS = (PULL_REQUESTS,)
CHECK = ("AWS", "CodeCommit pull requests")


def check(conf, live):
    def success(found):
        repository = found.data.get("repository")
        return placed(conf, cc.KEY_ID, "codecommit:ListPullRequests works", Severity.INFO,
                      explanation=f"Tried on {repository!r}.")

    yield from outcome(conf, live.results(conf).probe(PULL_REQUESTS), success, failure_severity=SEVERITY)
