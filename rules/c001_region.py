"""``src_aws_region`` must be a region where AWS offers CodeCommit, written as AWS writes it.

**Why it matters.** Congregate passes the value unchanged to boto3 as the region of
its CodeCommit client and builds the Git host ``git-codecommit.<region>.amazonaws.com``
from it, for the clone of every repository. Congregate does not check it: a typo, a
region without CodeCommit, or a stray space makes listing or cloning fail mid-run
(an unknown region even gets an endpoint from botocore, which then cannot be reached).

The list of regions and of those that offer CodeCommit is generated from botocore's
own endpoint data (``lint/regions.py``, written by ``tools/generate_regions.py``).

Reported as errors:

- an unknown region (with the closest real names), or a deprecated FIPS pseudo-region
  such as ``us-east-1-fips``;
- a real region where CodeCommit is not offered (e.g. ``eu-central-2``);
- upper-case letters, spaces or quotes: AWS region names are lower-case words and dashes;
- a China region (``cn-north-1``, ``cn-northwest-1``): the Git host there is
  ``git-codecommit.<region>.amazonaws.com.cn``, but Congregate hard-codes ``amazonaws.com``,
  so every clone goes to a host that does not exist.

Reported as information: AWS GovCloud (US) regions (the keys must belong to a GovCloud
account) and opt-in regions such as ``af-south-1`` or ``me-south-1`` (the account must
have the region enabled, and session tokens from the global STS endpoint do not work there).

A placeholder such as ``region`` is reported by C007 instead. Text after an inline
``# comment`` is P010's finding; this rule judges the value before it.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east1

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east-1

**Fix.** Write the region shown in the CodeCommit console's address bar (``?region=``),
in lower case, e.g. ``eu-west-1``.
"""

from typing import List, Optional

from congregate_lint.findings import Problem, Severity
from congregate_lint.model import Conf
from congregate_lint.regions import DNS_SUFFIXES, REGIONS
from congregate_lint.obfuscation import describe
from congregate_lint.shapes import quotable

from . import _codecommit as cc

ID = "C001"
NAME = "region"
SEVERITY = Severity.ERROR
SUMMARY = "src_aws_region is not a region where CodeCommit is offered (or Congregate cannot reach it)."

# Regions launched after 20 March 2019 are disabled until the account opts in (AWS Account
# Management guide, "Specify which AWS Regions your account can use"). botocore's endpoint
# data does not say which regions are opt-in, so this list is kept here.
OPT_IN_REGIONS = frozenset({
    "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1",
    "me-central-1", "me-south-1", "mx-central-1",
})
CHINA = "aws-cn"
GOVCLOUD = "aws-us-gov"
CONGREGATE_GIT_HOST = "git-codecommit.{}.amazonaws.com"
USE = "Congregate passes src_aws_region to boto3 and clones from git-codecommit.<region>.amazonaws.com"


def check(conf: Conf):
    return cc.diagnosed(conf, cc.REGION, _diagnose)


def _diagnose(region: str) -> Optional[Problem]:
    """The problem with a region that needs attention (not yet placed), or None."""
    if any(map(str.isspace, region)) or '"' in region or "'" in region:
        return Problem("src_aws_region contains spaces, line breaks or quotes",
                       explanation=f"{USE}, all of them included, and boto3 rejects it (InvalidRegionError).",
                       fix="Write only the region name, e.g. us-east-1.")
    if not quotable(region):  # a credential pasted into the wrong key is described, never quoted
        return Problem("src_aws_region is not an AWS region",
                       explanation=f"The value is {describe(region)}; {USE}, so every call and clone fails.",
                       fix="Write the region name, e.g. us-east-1.")
    if region != region.lower():
        return _upper_case(region)
    base = _fips_base(region)
    if base is not None:
        return Problem(f"'{region}' is a deprecated FIPS pseudo-region, not a region",
                       explanation=f"boto3 maps it to a FIPS API endpoint, but Congregate clones from "
                                   f"git-codecommit.{region}.amazonaws.com, which does not exist.",
                       fix=f"Write '{base}'.")
    if region not in REGIONS:
        return Problem(f"'{region}' is not an AWS region", explanation=f"{USE}, so every call and clone fails.",
                       fix=_did_you_mean(region))
    return _known(region)


def _upper_case(region: str) -> Problem:
    lower = region.lower()
    return Problem(f"'{region}' has upper-case letters, but AWS region names are lower case",
                   explanation=f"{USE} as written, and AWS expects the lower-case name in every request signature.",
                   fix=f"Write '{lower}'." if lower in REGIONS else _did_you_mean(lower))


def _known(region: str) -> Optional[Problem]:
    info = REGIONS[region]
    if not info.codecommit:
        return Problem(f"AWS does not offer CodeCommit in {region} ({info.description})",
                       explanation=f"{USE}, and no CodeCommit repository lives there.",
                       fix=f"Write the region of your repositories (the CodeCommit console shows it in its address "
                           f"bar): {_nearby(region)}.")
    if info.partition == CHINA:
        return Problem(f"{region} is a China region, which Congregate cannot migrate from",
                       explanation=f"There the Git host is git-codecommit.{region}.{DNS_SUFFIXES[CHINA]}; Congregate "
                                   f"hard-codes {CONGREGATE_GIT_HOST.format(region)}, which does not exist, so every "
                                   "clone fails.",
                       fix="Congregate cannot migrate from China regions without a change to its code.")
    if info.partition == GOVCLOUD:
        return Problem(f"{region} is an AWS GovCloud (US) region", severity=Severity.INFO,
                       explanation="Keys of a standard AWS account are rejected there.",
                       fix="Use access keys and Git credentials of a GovCloud account.")
    if region in OPT_IN_REGIONS:
        return Problem(f"{region} ({info.description}) is an opt-in region", severity=Severity.INFO,
                       explanation="The AWS account must have it enabled, and session tokens issued by the global STS "
                                   "endpoint (v1 tokens) do not work there.",
                       fix="`congregate-lint conf --live` checks that the keys work in it.")
    return None


def _fips_base(region: str) -> Optional[str]:
    """The region a FIPS pseudo-region stands for (``us-east-1-fips`` → ``us-east-1``), or None."""
    for base in (region[:-len("-fips")] if region.endswith("-fips") else None,
                 region[len("fips-"):] if region.startswith("fips-") else None):
        if base in REGIONS:
            return base
    return None


def _codecommit_regions() -> List[str]:
    return [name for name, info in REGIONS.items() if info.codecommit]


def _did_you_mean(region: str) -> str:
    import difflib  # only for a region that is not one

    close = difflib.get_close_matches(region, _codecommit_regions(), n=3, cutoff=0.6)
    if not close:
        return "Write the region of your CodeCommit repositories, e.g. us-east-1."
    return "Did you mean " + " or ".join(f"'{name}'" for name in close) + "?"


def _nearby(region: str) -> str:
    """CodeCommit regions in the same area (same first word), else all in the partition."""
    info = REGIONS[region]
    area = region.split("-")[0] + "-"
    same_partition = [n for n in _codecommit_regions() if REGIONS[n].partition == info.partition]
    nearby = [n for n in same_partition if n.startswith(area)] or same_partition
    return ", ".join(nearby) if nearby else "none in this partition"
