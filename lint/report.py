"""What a run produced, handed whole to a formatter."""

from dataclasses import dataclass
from types import ModuleType
from typing import Dict, List, Sequence

from congregate_lint.findings import Finding, Severity


@dataclass(frozen=True)
class Report:
    """All findings of a run, the number of files linted, and the rules that ran."""

    findings: List[Finding]
    files: int
    rules: Sequence[ModuleType]

    def counts(self) -> Dict[Severity, int]:
        counts = {severity: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts
