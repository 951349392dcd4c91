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
from itertools import islice
from typing import Iterator, Set

from congregate_lint.reporting.fingerprint import RelativePaths
from congregate_lint.findings import Finding
from congregate_lint.reporting.report import Report

SUITE = "congregate-lint"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# How deep a testcase sits: testsuites, testsuite, testcase.
CASE_DEPTH = 2
# How many testcases are laid out at a time.
BATCH = 200
# The element that stands for the testcases while the document around them is laid out.
_TESTCASES = "congregate-lint-testcases"
# Characters XML 1.0 cannot carry at all; they are replaced, never dropped silently.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, color: bool = False) -> str:
    return "".join(pieces(report, color))


def pieces(report: Report, color: bool = False) -> Iterator[str]:
    """The document in pieces, as ``ET.indent`` and ``ET.tostring`` lay out the whole tree: the testcases are laid
    out BATCH at a time, at the depth they have in the tree, so a report of 100,000s of findings is never a tree
    in memory."""
    active = sum(1 for finding in report.findings if finding.suppressed is None)
    counts = {"tests": str(len(report.findings)), "failures": str(active), "errors": "0",
              "skipped": str(len(report.findings) - active)}
    suites = ET.Element("testsuites", name=SUITE, **counts)
    suite = ET.SubElement(suites, "testsuite", name=SUITE, **counts)
    if report.findings:  # the document around the testcases, laid out with one element standing in for them
        ET.SubElement(suite, _TESTCASES)
    ET.indent(suites)
    document = XML_DECLARATION + ET.tostring(suites, encoding="unicode") + "\n"
    if not report.findings:  # an empty suite is one self-closing element
        yield document
        return
    before, after = document.split(f"<{_TESTCASES} />")
    yield before.rstrip(" \n")
    yield from _testcases(report)
    yield after


def _testcases(report: Report) -> Iterator[str]:
    """The testcases, each after its newline and indent, BATCH at a time: laid out in an element that stands for
    the testsuite, without that element's own tags."""
    names: Set[str] = set()
    paths = RelativePaths()
    start, end = f"<{_TESTCASES}>", f"\n{'  ' * (CASE_DEPTH - 1)}</{_TESTCASES}>"
    findings = iter(report.findings)
    while True:
        batch = list(islice(findings, BATCH))
        if not batch:
            return
        holder = ET.Element(_TESTCASES)
        for finding in batch:
            path = paths[finding.path]
            holder.append(_testcase(finding, path, _unique(_name(finding, path), names)))
        ET.indent(holder, level=CASE_DEPTH - 1)
        laid_out = ET.tostring(holder, encoding="unicode")
        yield laid_out[len(start):-len(end)]


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
