"""GitHub source: a [SOURCE] key of another source type is set, and Congregate ignores it.

**Why it matters.** Nothing breaks, but the line misleads whoever reads or reviews the
file: it looks like a setting of this migration and is not. Congregate reads
``src_tier``, ``src_parent_group_id``/``_path`` and ``src_registry_url`` only for a GitLab
source, ``src_parent_org`` and ``src_password`` only for GitHub,
``src_parent_workspace`` only for Bitbucket Cloud, ``list_subset_input_path`` only for
Bitbucket Server, ``api_version`` only for Azure DevOps, and the ``src_aws_*`` keys only
for CodeCommit. Such lines are usually left over from another configuration or were
filled in because the template lists them.

**Failing example**::

    [SOURCE]
    src_type = github
    src_hostname = https://api.github.com
    src_parent_workspace = my-workspace

**Passing example**::

    [SOURCE]
    src_type = github
    src_hostname = https://api.github.com
    src_parent_org = my-org

**Fix.** Delete the line, or keep it knowing that Congregate does not use it.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "H003"
NAME = "github-ignored-key"
SEVERITY = Severity.INFO
SUMMARY = "A [SOURCE] key that only another source type reads is set for a GitHub source."


SOURCE_TYPES = (src.GITHUB,)


def check(conf):
    source_type = src.source_type(conf)
    if source_type in SOURCE_TYPES:
        yield from _sources.ignored_keys(conf, source_type)
