"""Stable finding identities for CI reports: the same value in GitLab Code Quality and SARIF.

A fingerprint hashes the rule ID, the file's path relative to the project root,
the finding's structural place (``section.key``) and its occurrence index among
findings with those same three values in file order. It never includes a line
number, so moving or inserting lines does not turn old findings into "fixed + new".
"""

import hashlib
import os
from typing import Dict, Iterable, Iterator, Optional, Tuple

from congregate_lint.findings import Finding

# Read in this order; the first one set is the project root reports are relative to.
ROOT_VARIABLES = ("CI_PROJECT_DIR", "GITHUB_WORKSPACE")


def project_root() -> str:
    """``$CI_PROJECT_DIR`` (GitLab), else ``$GITHUB_WORKSPACE`` (GitHub), else the working directory."""
    for variable in ROOT_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable]
    return os.getcwd()


def relative_path(path: str, root: Optional[str] = None) -> str:
    """The path relative to the project root, with forward slashes; ``<stdin>`` and the like stay as they are."""
    if path.startswith("<"):
        return path
    root = root or project_root()
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        relative = path
    return relative.replace(os.sep, "/")


def fingerprint(rule: str, path: str, location: str, occurrence: int) -> str:
    """The hash of one finding's identity (hex SHA-256); ``path`` is already relative."""
    identity = "\0".join((rule, path, location, str(occurrence)))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


class RelativePaths(dict):
    """Each file's path relative to the project root (``paths[path]``), worked out once however many findings the
    file has."""

    def __init__(self, root: Optional[str] = None):
        super().__init__()
        self.root = root or project_root()

    def __missing__(self, path: str) -> str:
        relative = self[path] = relative_path(path, self.root)
        return relative


def fingerprints(findings: Iterable[Finding], root: Optional[str] = None) -> Iterator[str]:
    """One fingerprint per finding, in the order given (findings of a file come in file order), each made as it
    is asked for."""
    seen: Dict[Tuple[str, str, str], int] = {}
    relative = RelativePaths(root)
    for finding in findings:
        identity = (finding.rule, relative[finding.path], finding.location)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        yield fingerprint(*identity, occurrence)
