"""The one finding model every rule, engine stage and formatter shares."""

from dataclasses import dataclass
from enum import Enum
from typing import Optional


class Severity(str, Enum):
    """How much a finding matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """What a rule reports: a message placed by section and key.

    The engine turns the place into a line and column. A rule sets ``line``
    (and ``column``) itself only for text that is not a key, such as a line
    configparser could not read. ``severity`` overrides the rule's default
    for this one problem.
    """

    message: str
    section: Optional[str] = None
    key: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    severity: Optional[Severity] = None


@dataclass(frozen=True)
class Finding:
    """A problem located in a file, ready for any output format."""

    rule: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    section: Optional[str] = None
    key: Optional[str] = None
    # The reason of the ``# congregate-lint: disable`` comment that silences this finding; None when it is not.
    suppressed: Optional[str] = None

    @property
    def location(self) -> str:
        """``section.key``, ``section`` or empty: the structural place of the finding."""
        return ".".join(part for part in (self.section, self.key) if part)
