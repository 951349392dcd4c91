"""JUnit XML, as GitLab's ``artifacts:reports:junit`` reads it.

One ``testcase`` per finding, named uniquely (rule, name, path:line:col, and
``#2``… should two ever coincide); ``classname`` is the file, which GitLab shows
as the suite. Every active finding is a ``failure`` whose ``type`` is its
severity, its ``message`` the headline, its text the place, the headline, why
and the fix; a silenced finding is ``skipped`` with its reason. Test reports do not
set a job's status: the exit code does.
"""

import re
import xml.etree.ElementTree as ET
from typing import Set

from congregate_lint.reporting.fingerprint import RelativePaths
from congregate_lint.findings import Finding
from congregate_lint.reporting.report import Report

SUITE = "congregate-lint"
# Characters XML 1.0 cannot carry at all; they are replaced, never dropped silently.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, color: bool = False) -> str:
    counts = {
        "tests": str(len(report.findings)),
        "failures": str(len(report.active)),
        "errors": "0",
        "skipped": str(len(report.suppressed)),
    }
    suites = ET.Element("testsuites", name=SUITE, **counts)
    suite = ET.SubElement(suites, "testsuite", name=SUITE, **counts)
    names: Set[str] = set()
    paths = RelativePaths()
    for finding in report.findings:
        path = paths[finding.path]
        suite.append(_testcase(finding, path, _unique(_name(finding, path), names)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _name(finding: Finding, path: str) -> str:
    return f"{finding.rule} {finding.name} {path}:{finding.line}:{finding.column}"


def _unique(name: str, names: Set[str]) -> str:
    candidate, number = name, 1
    while candidate in names:
        number += 1
        candidate = f"{name} #{number}"
    names.add(candidate)
    return candidate


def _testcase(finding: Finding, path: str, name: str) -> ET.Element:
    case = ET.Element("testcase", classname=_clean(path), name=_clean(name), file=_clean(path), line=str(finding.line))
    if finding.suppressed is not None:
        ET.SubElement(case, "skipped", message=_clean(f"silenced: {finding.suppressed}"))
        return case
    failure = ET.SubElement(case, "failure", type=finding.severity.value, message=_clean(finding.headline))
    where = f" [{finding.location}]" if finding.location else ""
    lines = [f"{path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.rule} {finding.headline}{where}"]
    lines += [f"{label}: {text}" for label, text in (("why", finding.explanation), ("fix", finding.fix)) if text]
    failure.text = _clean("\n".join(lines))
    return case


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
