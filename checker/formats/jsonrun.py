"""``--format json``: the whole run -- the summary, every report, the gate outcome and, with a
baseline, which findings are new and which baseline entries no longer occur."""

from __future__ import annotations

import json
from typing import Any

from checker.formats.base import RunView


def payload(view: RunView) -> dict[str, Any]:
    gate = view.gate
    out: dict[str, Any] = {
        "summary": view.summary.model_dump(mode="json"),
        "reports": [f.full_report().model_dump(mode="json") for f in view.result.files],
        "gate": {
            "passed": not gate.failed,
            "fail_on": gate.fail_on,
            "reasons": gate.reasons,
            "failing": [
                {"path": r.file.path, "rule": r.findings[i].rule, "line": _line(r.findings[i].span), "message": r.findings[i].message}
                for r in view.result.reports
                for i in gate.gating.get(r.file.path, [])
            ],
            "low_scores": gate.low_scores,
            "unreadable": gate.unreadable,
            "internal_errors": gate.crashed,
        },
    }
    if view.baseline is not None:
        out["baseline"] = {
            "file": view.baseline.source,
            "known": view.baseline.known_count,
            "new": [
                {"path": r.file.path, "rule": f.rule, "line": _line(f.span), "message": f.message}
                for r in view.result.reports
                for _, f in view.new_findings(r)
            ],
            "absent": [
                {"path": a.path, "rule": a.entry.rule, "hash": a.entry.hash, "message": a.entry.message, "file_gone": a.file_gone}
                for a in view.baseline.absent
            ],
        }
    return out


def _line(span: Any) -> int | None:
    return span.line if span is not None else None


def render(view: RunView) -> str:
    return json.dumps(payload(view), indent=2, ensure_ascii=False) + "\n"
