"""JUnit XML, for CI systems that show test reports: one test suite per file.

A file's findings are its failing test cases (named after the rule, the position in the
message); a file with none is one passing test case; a file that could not be read is an error.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Callable, Sequence

from ..display import printable


def _clean(element: ET.Element) -> ET.Element:
    """Control characters written as escapes: XML 1.0 cannot hold most of them at all."""
    for node in element.iter():
        node.attrib.update({key: printable(value) for key, value in node.attrib.items()})
        if node.text:
            node.text = printable(node.text, newlines=True)
    return element


def _suite(result: Any) -> ET.Element:
    suite = ET.Element("testsuite", name=result.path, tests="0", failures="0", errors="0", time="0")
    if result.errors:
        case = ET.SubElement(suite, "testcase", name="read", classname=result.path, time="0")
        ET.SubElement(case, "error", message=result.errors[0]).text = "\n".join(result.errors)
        suite.set("tests", "1")
        suite.set("errors", "1")
        return suite
    findings = sorted(result.findings)
    for finding in findings:
        where = f"{finding.path}:{finding.line}:{finding.column}"
        case = ET.SubElement(suite, "testcase", name=f"{finding.rule} at {where}", classname=result.path, time="0")
        fix = f" (-> {' | '.join(finding.replacements)})" if finding.replacements else ""
        failure = ET.SubElement(case, "failure", message=finding.message, type=str(finding.severity))
        failure.text = f"{where}: {finding.severity} [{finding.rule}] {finding.message}{fix}"
    if not findings:
        ET.SubElement(suite, "testcase", name="newslint", classname=result.path, time="0")
    suite.set("tests", str(max(1, len(findings))))
    suite.set("failures", str(len(findings)))
    return suite


def render(results: Sequence[Any], **options: Any) -> str:
    from . import rendered

    return rendered(write, results, **options)


def _counts(result: Any) -> tuple[int, int, int]:
    """A file's suite's (tests, failures, errors), as _suite sets them."""
    if result.errors:
        return 1, 0, 1
    return max(1, len(result.findings)), len(result.findings), 0


def write(results: Any, out: Callable[[str], Any], **_: Any) -> None:
    """The document a suite at a time: the totals (the root's attributes) from a first pass."""
    totals = [0, 0, 0]
    for result in results:
        totals = [a + b for a, b in zip(totals, _counts(result))]
    root = ET.Element("testsuites", name="newslint")
    for key, total in zip(("tests", "failures", "errors"), totals):
        root.set(key, str(total))
    out('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not len(results):
        out(ET.tostring(root, encoding="unicode"))
        return
    opening = ET.tostring(root, encoding="unicode")  # <testsuites ... />: the tag without its end
    out(opening[:-len(" />")] + ">\n  ")
    for number, result in enumerate(results):
        suite = _clean(_suite(result))
        ET.indent(suite, level=1)  # as ET.indent(root) would, one level in
        suite.tail = None
        out(("\n  " if number else "") + ET.tostring(suite, encoding="unicode"))
    out("\n</testsuites>")
