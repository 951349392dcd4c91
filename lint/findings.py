"""The one finding model every rule, engine stage and formatter shares."""

from enum import Enum
from typing import NamedTuple, Optional, Sequence

# How many names of the file a message lists before it counts the rest.
NAMED = 10


class Severity(str, Enum):
    """How much a finding matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Problem(NamedTuple):
    """What a rule reports: a headline placed by section and key, with why and how to fix.

    ``headline`` says what is wrong in a few words (no mechanism, at most ~100
    characters); ``explanation`` says why it matters and what Congregate does;
    ``fix`` says what to change. The engine turns the place into a line and
    column. A rule sets ``line`` (and ``column``) itself only for text that is
    not a key, such as a line configparser could not read. ``severity``
    overrides the rule's default for this one problem.
    """

    headline: str
    section: Optional[str] = None
    key: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    severity: Optional[Severity] = None
    explanation: str = ""
    fix: str = ""
    skipped: bool = False  # a live check that did not run (the pre-flight summary shows it as such)

    def noted(self, note: str) -> "Problem":
        """The same problem with ``note`` added at the end of its explanation."""
        return self._replace(explanation=" ".join(part for part in (self.explanation, note) if part))


class Finding(NamedTuple):
    """A problem located in a file, ready for any output format."""

    rule: str
    name: str
    severity: Severity
    headline: str
    path: str
    line: int
    column: int
    section: Optional[str] = None
    key: Optional[str] = None
    # The reason of the ``# congregate-lint: disable`` comment that silences this finding; None when it is not.
    suppressed: Optional[str] = None
    explanation: str = ""
    fix: str = ""
    skipped: bool = False
    # How many findings this one stands for: 1, or for the summary of those a report does not list (over
    # --max-per-rule, see congregate_lint.listing) how many it counts.
    count: int = 1

    @property
    def message(self) -> str:
        """The whole text: headline, then explanation, then fix, each as written."""
        return join_message(self.headline, self.explanation, self.fix)

    @property
    def location(self) -> str:
        """``section.key``, ``section`` or empty: the structural place of the finding."""
        return ".".join(part for part in (self.section, self.key) if part)


def join_message(headline: str, explanation: str = "", fix: str = "") -> str:
    """One line of text from the three parts; a headline written without a full stop gets one."""
    return " ".join(part for part in (sentence(headline), explanation, fix and f"Fix: {fix}") if part)


def first_names(names: Sequence[str], most: int = NAMED) -> str:
    """``a, b, c``: the names a file wrote, at most ``most`` of them, then how many more (a file may write
    thousands, and a message names them all in one line)."""
    more = len(names) - most
    return ", ".join(names[:most]) + (f" and {more} more" if more > 0 else "")


def capitalized(text: str) -> str:
    """The text with its first letter in upper case, unless its first word is a name (src_aws_region, boto3)."""
    word = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if word.isalpha() and word.islower() else text


def sentence(text: str) -> str:
    """The text ending in a full stop (or the ``.``, ``?``, ``!`` or ``:`` it already ends with)."""
    return text if not text or text.endswith((".", "?", "!", ":")) else text + "."
