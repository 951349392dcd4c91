"""What a run produced, handed whole to a formatter."""

from types import MappingProxyType, ModuleType
from typing import Dict, List, Mapping, NamedTuple, Sequence

from congregate_lint.reporting.excerpts import SourceLines
from congregate_lint.findings import Finding, Severity
from congregate_lint.releases import Release


class Report(NamedTuple):
    """All findings of a run, the number of files linted, the rules that ran, the Congregate release(s) assumed, and
    each file's lines to show."""

    findings: List[Finding]
    files: int
    rules: Sequence[ModuleType]
    releases: Sequence[Release] = ()
    sources: Mapping[str, SourceLines] = MappingProxyType({})

    @property
    def active(self) -> List[Finding]:
        """The findings no ``# congregate-lint: disable`` comment silences: what fails a run and what people see."""
        return [finding for finding in self.findings if finding.suppressed is None]

    def counts(self) -> Dict[Severity, int]:
        """Active findings by severity, each summary (see congregate_lint.listing) counting those it stands for."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            if finding.suppressed is None:
                counts[finding.severity] += finding.count
        return counts

    def silenced(self) -> int:
        """How many findings ``# congregate-lint: disable`` comments silence (summaries counting as many)."""
        return sum(finding.count for finding in self.findings if finding.suppressed is not None)

    def unlisted(self) -> int:
        """How many active findings are counted in summaries instead of listed."""
        return sum(finding.count for finding in self.findings if finding.suppressed is None and finding.count > 1)
