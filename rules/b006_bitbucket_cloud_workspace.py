"""Bitbucket Cloud source: ``src_parent_workspace`` is not a workspace ID.

**Why it matters.** Congregate lists and imports the repositories of
``/2.0/workspaces/{src_parent_workspace}/...`` and builds each import's ``repo_path`` as
``{workspace}/{repo_slug}``. The value is the workspace ID (slug) as it appears in
``https://bitbucket.org/<workspace>/``: letters, digits, ``-``, ``_`` and ``.``. A URL, a
display name with spaces or a path with ``/`` makes every call answer 404. A missing
workspace is S007's.

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_parent_workspace = https://bitbucket.org/acme-dev/

**Passing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_parent_workspace = acme-dev

**Fix.** Write only the workspace ID: the first path segment of the workspace's URL.
"""

import re

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "B006"
NAME = "bitbucket-cloud-workspace"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Cloud src_parent_workspace is a URL, a path or a display name, not the workspace ID."

WORKSPACE_ID = re.compile(r"[A-Za-z0-9_.-]+")


def check(conf):
    if not _sources.applies(conf, src.BITBUCKET_CLOUD):
        return
    workspace = _sources.value(conf, src.WORKSPACE)
    if workspace is None or WORKSPACE_ID.fullmatch(workspace):
        return
    yield _sources.problem(
        conf, src.WORKSPACE, "src_parent_workspace is not a workspace ID",
        "Congregate puts the value into /2.0/workspaces/<workspace>/... and into each import's repo_path; a URL, a "
        "path or a name with spaces there makes Bitbucket Cloud answer 404.",
        "Write only the workspace ID (letters, digits, '-', '_', '.'): the first path segment of "
        "https://bitbucket.org/<workspace>/.")
