"""Azure DevOps source: a [SOURCE] key of another source type is set, and Congregate ignores it.

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
    src_type = azure devops
    src_hostname = https://dev.azure.com/example
    src_parent_org = my-org

**Passing example**::

    [SOURCE]
    src_type = azure devops
    src_hostname = https://dev.azure.com/example
    api_version = 7.1

**Fix.** Delete the line, or keep it knowing that Congregate does not use it.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "A003"
NAME = "azure-devops-ignored-key"
SEVERITY = Severity.INFO
SUMMARY = "A [SOURCE] key that only another source type reads is set for an Azure DevOps source."


SOURCE_TYPES = (src.AZURE_DEVOPS,)


def check(conf):
    source_type = src.source_type(conf)
    if source_type in SOURCE_TYPES:
        yield from _sources.ignored_keys(conf, source_type)
