"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

* One run; ``tool.driver.rules`` lists every rule enabled in the run, each with id, name, short
  and full description, help (text and Markdown, from the rule's own documentation), its default
  level and its family as a tag.
* One result per finding: ``ruleId``/``ruleIndex``, ``level`` (error, warning, note), the message,
  a physical location whose ``artifactLocation.uri`` is relative to the repository root (base id
  ``%SRCROOT%``) and a region with start/end line and column (columns count Unicode code points,
  declared with ``columnKind``). A whole-file finding points at the whole of line 1.
* ``partialFingerprints["provcheck/v1"]``: the rule, the hash of the matched text (as in the
  baseline; ``file`` for a whole-file finding, whose message may carry changing numbers) and the
  occurrence number of that pair in the file, so it survives moving text within the file.
* With ``--baseline``, ``baselineState`` is ``new`` or ``unchanged``.
* Files that could not be read become ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from checker import __version__, registry
from checker.baseline import finding_hash
from checker.engine import FileResult
from checker.formats.base import RunView
from checker.models import Finding, Severity
from checker.rule import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "provcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    from checker.ruledocs import rule_markdown

    summary = " ".join(rule.summary.split())
    rationale = " ".join(rule.rationale.split())
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale},
        "help": {"text": f"{summary}\n\n{rationale}\n\nSee `provcheck explain {rule.id}`.", "markdown": rule_markdown(rule, level=2)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["provcheck", rule.family.value], "family": rule.family.value},
    }


def region(f: Finding, line_starts: list[int]) -> dict[str, int]:
    if f.span is not None:
        s = f.span
        return {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line, "endColumn": max(s.end_column, s.column)}
    # Whole-file finding: the whole of line 1 (its length is known when a second line starts).
    end_column = line_starts[1] if len(line_starts) > 1 else 1
    return {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": max(1, end_column)}


def _artifact(rel: str) -> dict[str, str]:
    if rel.startswith("/"):  # outside the repository: an absolute file URI
        return {"uri": Path(rel).as_uri()}
    from urllib.parse import quote

    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def _results(view: RunView, fr: FileResult, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    report = fr.report
    rel = view.rel(report)
    seen: Counter[str] = Counter()
    out = []
    for i, f in enumerate(report.findings):
        key = f"{f.rule}:{finding_hash(f) if f.span is not None else 'file'}"
        occurrence = seen[key]
        seen[key] += 1
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(rel), "region": region(f, fr.line_starts)}}],
            "partialFingerprints": {FINGERPRINT_KEY: f"{key}:{occurrence}"},
            "properties": {"family": f.family.value, "name": f.name, "gate": view.gate.fails(report.file.path, i)},
        }
        if f.rule in rule_index:
            result["ruleIndex"] = rule_index[f.rule]
        if f.excerpt:
            result["properties"]["excerpt"] = f.excerpt
        if f.evidence:
            result["properties"]["evidence"] = f.evidence
        if view.baseline is not None:
            result["baselineState"] = "unchanged" if view.is_known(report, i) else "new"
        out.append(result)
    return out


def sarif(view: RunView) -> dict[str, Any]:
    config = view.result.config
    used = {f.rule for r in view.result.reports for f in r.findings}
    rules = [r for r in registry.load().rules if config.enabled(r.id) or r.id in used]
    rule_index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for fr in view.result.files:
        results.extend(_results(view, fr, rule_index))
        for e in fr.report.errors:
            notifications.append(
                {
                    "level": "error" if fr.report.file.sha256 is None else "warning",
                    "message": {"text": f"{e.kind} ({e.stage}): {e.message}"},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact(view.rel(fr.report))}}],
                }
            )
    root_uri = view.root.as_uri().rstrip("/") + "/"
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "provcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(r) for r in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not view.gate.crashed,
                "exitCode": 2 if view.gate.crashed else 1 if view.gate.failed else 0,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
    }
    properties: dict[str, Any] = {"gateFailed": view.gate.failed, "reasons": view.gate.reasons} if view.gate.reasons else {}
    if view.result.not_checked:  # families with no rule selected: no result can come from them
        properties["notChecked"] = [f.value for f in view.result.not_checked]
    if properties:
        run["invocations"][0]["properties"] = properties
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(view: RunView) -> str:
    return json.dumps(sarif(view), indent=2, ensure_ascii=False) + "\n"
