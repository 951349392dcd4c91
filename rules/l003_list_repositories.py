"""``--live``: can the conf's keys list the CodeCommit repositories of the region?

**Why it matters.** Congregate's ``list`` starts with ``ListRepositories`` in
``src_aws_region`` (all pages) and its configuration check makes the same call. It
needs the IAM action ``codecommit:ListRepositories``. The info finding gives the
number of repositories; zero is a warning, since there is nothing to migrate (often
the wrong region: CodeCommit repositories live in one region). Denied access names
the missing IAM action.

Skipped, with an info or warning finding, when the keys are missing or malformed.

**Failing example**: keys of an IAM user without a CodeCommit policy::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east-1
    src_aws_access_key_id = AKIA...      (no codecommit:ListRepositories)

**Passing example**: the same keys once the user has ``AWSCodeCommitReadOnly``.

**Fix.** Grant ``codecommit:ListRepositories`` (e.g. the AWS managed policy
``AWSCodeCommitReadOnly``), or set ``src_aws_region`` to the region that holds the
repositories.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import REPOSITORIES

from . import _codecommit as cc
from ._live import outcome, placed

ID = "L003"
NAME = "list-repositories"
SEVERITY = Severity.ERROR
SUMMARY = "--live: ListRepositories fails in the region, or finds no repository."
LIVE = True
NEEDS = (REPOSITORIES,)
CHECK = ("AWS", "CodeCommit list repositories")


def check(conf, live):
    results = live.results(conf)
    region = results.inputs.region

    def success(found):
        count = found.data.get("count", 0)
        if not count:
            return placed(conf, cc.REGION, f"codecommit:ListRepositories finds no repository in {region}",
                          Severity.WARNING, explanation="The call works, but there is nothing to migrate.",
                          fix="Check src_aws_region (repositories live in one region).")
        return placed(conf, cc.REGION, f"codecommit:ListRepositories works: {count} "
                      f"repositor{'y' if count == 1 else 'ies'} in {region}", Severity.INFO)

    yield from outcome(conf, results.probe(REPOSITORIES), success)
