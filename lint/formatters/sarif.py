"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` lists the rules that ran (and any rule a finding names),
each with its documentation page as ``helpUri`` and the documentation's fix as
``help``. A result's ``message.text`` is the finding's headline and explanation;
its own fix, which names this file's keys and values, is in the result's
property bag as ``properties.fix`` (SARIF has no per-result help). Each result carries the shared
stable fingerprint in ``partialFingerprints``; a finding silenced by a
``# congregate-lint: disable`` comment is kept, with an in-source ``suppressions``
entry whose justification is the comment's reason.
"""

from types import ModuleType
from typing import Iterator, List
from urllib.parse import quote

from congregate_lint import __version__
from congregate_lint.reporting.fingerprint import RelativePaths, fingerprints, relative_path
from congregate_lint.findings import Finding, Severity, sentence
from congregate_lint.reporting.json_layout import document_pieces, indented
from congregate_lint.reporting.report import Report
from congregate_lint.rule_docs import fix_text, help_uri
from congregate_lint.rules import RULES

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_NAME = "congregateLint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SOURCE_ROOT = "%SRCROOT%"
# How deep a result sits in the document (runs, a run, its results).
RESULT_DEPTH = 4


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The document in consecutive pieces: a report of 100,000s of findings is written as it is made."""
    rules = _driver_rules(report)
    index = {rule.ID: position for position, rule in enumerate(rules)}
    uris = _Uris()
    results = (
        indented(_result(finding, print_, index[finding.rule], uris[finding.path]), RESULT_DEPTH)
        for finding, print_ in zip(report.findings, fingerprints(report.findings))
    )
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "congregate-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {SOURCE_ROOT: {"description": {"text": "The project root."}}},
                "results": [],
            }
        ],
    }
    return document_pieces(document, "results", results, RESULT_DEPTH - 1)


def _driver_rules(report: Report) -> List[ModuleType]:
    """The rules that ran, plus any rule a finding names that did not (such as the internal-error rule)."""
    rules = list(report.rules)
    known = {rule.ID for rule in rules}
    by_id = {rule.ID: rule for rule in RULES}
    for finding in report.findings:
        if finding.rule not in known:
            rules.append(by_id[finding.rule])
            known.add(finding.rule)
    return rules


def _descriptor(rule: ModuleType) -> dict:
    return {
        "id": rule.ID,
        "name": rule.NAME,
        "shortDescription": {"text": rule.SUMMARY},
        "helpUri": help_uri(rule.ID),
        "help": {"text": fix_text(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.SEVERITY]},
    }


class _Uris(RelativePaths):
    """Each file's URI relative to the project root, worked out once."""

    def __missing__(self, path: str) -> str:
        uri = self[path] = quote(relative_path(path, self.root))
        return uri


def _result(finding: Finding, print_: str, rule_index: int, uri: str) -> dict:
    result = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": " ".join(part for part in (sentence(finding.headline), finding.explanation) if part)},
        "locations": [_location(finding, uri)],
        "partialFingerprints": {FINGERPRINT_NAME: print_},
    }
    if finding.fix:
        result["properties"] = {"fix": finding.fix}
    if finding.count > 1:  # the summary of the findings over --max-per-rule
        result.setdefault("properties", {})["count"] = finding.count
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return result


def _location(finding: Finding, uri: str) -> dict:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": SOURCE_ROOT},
            "region": {"startLine": finding.line, "startColumn": finding.column},
        }
    }
    if finding.location:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.location, "kind": "member"}]
    return location
