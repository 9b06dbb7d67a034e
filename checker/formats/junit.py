"""``--format junit``: JUnit XML, the format CI systems show as test results.

One ``testsuite`` named provcheck; one ``testcase`` per checked file (name = the file's path
relative to the repository root). Each finding that fails the gate (severity at or above
``--fail-on`` and not in the baseline) is a ``failure`` (type = rule id); a ``--min-score`` floor
the file misses is a ``failure`` of type ``min-score``; a file that could not be read, or on which a rule crashed, is
an ``error``. The other findings (below the gate level, or accepted by the baseline) are listed in
the test case's ``system-out``. The families with no rule selected are named in the suite's
``not_checked`` property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.formats.base import RunView
from checker.models import Finding

# Characters XML 1.0 cannot carry at all (C0 controls but tab, newline and CR; lone surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(path: str, f: Finding) -> str:
    return f"{path}:{f.span.line}:{f.span.column}" if f.span else f"{path}:1"


def junit(view: RunView) -> ET.Element:
    suites = ET.Element("testsuites", name="provcheck")
    suite = ET.SubElement(suites, "testsuite", name="provcheck")
    if view.result.not_checked:  # families with no rule selected
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="not_checked", value=", ".join(f.value for f in view.result.not_checked))
    tests = failures = errors = 0
    for fr in view.result.files:
        report = fr.report
        rel = view.rel(report)
        tests += 1
        case = ET.SubElement(suite, "testcase", classname="provcheck", name=_x(rel), file=_x(rel), time="0")
        other: list[str] = []
        for i, f in enumerate(report.findings):
            line = f"{_where(rel, f)}: {f.rule} {f.name} [{f.severity.value}] {f.message}"
            if view.gate.fails(report.file.path, i):
                failures += 1
                body = line + (f"\n> {f.excerpt}" if f.excerpt else "")
                el = ET.SubElement(case, "failure", type=f.rule, message=_x(f"{f.rule} {f.name}: {f.message}"))
                el.text = _x(body)
            else:
                why = "in baseline" if view.is_known(report, i) else "below the gate level"
                other.append(f"{line} ({why})")
        for low in view.gate.low_scores.get(report.file.path, []):
            failures += 1
            el = ET.SubElement(case, "failure", type="min-score", message=_x(low))
            el.text = _x(f"{rel}: {low}")
        if report.file.path in view.gate.unreadable or report.file.path in view.gate.crashed:
            errors += 1
            first = next((e for e in report.errors if e.kind == "internal"), report.errors[0])
            el = ET.SubElement(case, "error", type=first.kind, message=_x(first.message))
            el.text = _x("\n".join(f"{e.kind} ({e.stage}): {e.message}" for e in report.errors))
        if other:
            ET.SubElement(case, "system-out").text = _x("\n".join(other))
    for el in (suites, suite):
        el.set("tests", str(tests))
        el.set("failures", str(failures))
        el.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    return suites


def render(view: RunView) -> str:
    tree = junit(view)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
