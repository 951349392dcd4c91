"""Which Congregate release the findings assume, and what changed between releases.

Congregate's behaviour depends on its release. The table below records each change
a rule depends on, with the Congregate commit it comes from (its public repository,
gitlab-org/professional-services-automation/tools/migration/congregate) and the first
release whose ``pyproject.toml`` version includes it. A rule asks
``conf.release.has(CHANGE)``: True or False for a known release, None when the
release is unknown (the rule then keeps its release-independent wording).

The target release comes from, in order: ``--congregate-version``, the project
config's ``congregate-version``, ``$CONGREGATE_PATH/pyproject.toml`` (Congregate's
own, ``[tool.poetry] name = "congregate"``); otherwise it is unknown.
"""

import os
import re
import sys
from typing import Mapping, NamedTuple, Optional, Tuple

Version = Tuple[int, int, int]
_VERSION = r"(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})"  # compiled by re when a version is given


class Change(NamedTuple):
    """Something Congregate does from release ``since`` on (commit: the change itself; released: the version bump)."""

    name: str
    since: Version
    commit: str
    released_in: str
    what: str


# Congregate's version bumps (pyproject.toml): 7.14.0 = a634cbde (2025-04-22), 7.15.0 = 74d87cea (2025-07-24).
CODECOMMIT_SOURCE = Change(
    "codecommit-source", (7, 15, 0), "f81cb20f..55e6ce33", "74d87cea",
    "src_type = CodeCommit exists (the 7.14.0 release, a634cbde, has no CodeCommit source; development snapshots "
    "still labelled 7.14.0 have it)",
)
GIT_PASSWORD_URL_ENCODED = Change(
    "git-password-url-encoded", (7, 15, 0), "671bddae", "74d87cea",
    "conf.py returns quote_plus(password, safe='=') for src_aws_codecommit_password ('/' -> %2F, '+' -> %2B); "
    "before, snapshots put the decoded password into the clone/import URL unencoded (0a7192c8, dff04ec7)",
)
CHANGES = (CODECOMMIT_SOURCE, GIT_PASSWORD_URL_ENCODED)


class VersionError(ValueError):
    """A version that is not X.Y.Z; the message is one line."""


def parse_version(text: str) -> Version:
    """``"7.15.0"`` -> ``(7, 15, 0)``; anything else raises :class:`VersionError`."""
    match = re.fullmatch(_VERSION, text.strip()) if isinstance(text, str) else None
    if match is None:
        raise VersionError(f"{str(text)[:40]!r} is not a Congregate version of the form X.Y.Z (e.g. 7.15.0)")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


class Release(NamedTuple):
    """The Congregate release the findings assume: a version (None when unknown) and where it came from."""

    version: Optional[Version] = None
    origin: str = ""

    @property
    def known(self) -> bool:
        return self.version is not None

    def has(self, change: Change) -> Optional[bool]:
        """Whether this release includes the change; None when the release is unknown."""
        return None if self.version is None else self.version >= change.since

    @property
    def text(self) -> str:
        """``7.15.0``, or ``unknown``."""
        return ".".join(map(str, self.version)) if self.version else "unknown"

    def describe(self) -> str:
        """What the text report's summary says: ``Congregate 7.15.0, from $CONGREGATE_PATH``."""
        if self.version is None:
            return "no particular Congregate release (declare one with --congregate-version)"
        return f"Congregate {self.text}, from {self.origin}"


UNKNOWN = Release()
FROM_COMMAND_LINE = "--congregate-version"
FROM_ENVIRONMENT = "$CONGREGATE_PATH"


def from_congregate_path(environ: Mapping[str, str]) -> Release:
    """The version in ``$CONGREGATE_PATH/pyproject.toml`` when that is Congregate's own; otherwise unknown."""
    base = environ.get("CONGREGATE_PATH")
    if not base:
        return UNKNOWN
    if sys.version_info >= (3, 11):  # imported here: only a run with $CONGREGATE_PATH set reads TOML for it
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    try:
        with open(os.path.join(base, "pyproject.toml"), "rb") as handle:
            poetry = tomllib.load(handle).get("tool", {}).get("poetry", {})
    except (OSError, ValueError, RecursionError):  # missing, unreadable or not TOML: not a Congregate checkout
        return UNKNOWN
    if not isinstance(poetry, dict) or poetry.get("name") != "congregate":
        return UNKNOWN
    try:
        return Release(parse_version(poetry.get("version")), FROM_ENVIRONMENT)
    except VersionError:
        return UNKNOWN


def target_release(command_line: Optional[str], configured: Optional[str], config_path: Optional[str],
                   environ: Mapping[str, str]) -> Release:
    """The release to assume: the command line's, else the project config's, else $CONGREGATE_PATH's.

    A malformed command-line or configured version raises :class:`VersionError`.
    """
    if command_line is not None:
        return Release(parse_version(command_line), FROM_COMMAND_LINE)
    if configured is not None:
        return Release(parse_version(configured), config_path or "the project configuration")
    return from_congregate_path(environ)
