"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per finding not in the baseline: ``::error`` / ``::warning`` / ``::notice`` (by severity)
with the file (relative to the repository root), line, column, end line and end column, and the
title ``RULE name``. A whole-file finding is annotated on line 1. Files under a ``--min-score``
floor, files that could not be read and rule crashes get an ``::error``; baseline entries that no longer occur a
``::notice``. Values are escaped as the runner expects (``%``, CR and LF everywhere; ``:`` and ``,``
in properties too).
"""

from __future__ import annotations

from checker.formats.base import RunView
from checker.models import Finding, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: str | int) -> str:
    inner = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{kind}{' ' + inner if inner else ''}::{escape_data(message)}"


def _position(f: Finding) -> dict[str, int]:
    if f.span is None:
        return {"line": 1}
    s = f.span
    return {"line": s.line, "col": s.column, "endLine": s.end_line, "endColumn": max(s.end_column, s.column)}


def render(view: RunView) -> str:
    lines: list[str] = []
    for report in view.result.reports:
        rel = view.rel(report)
        for _, f in view.new_findings(report):
            lines.append(command(COMMANDS[f.severity], f.message, file=rel, **_position(f), title=f"{f.rule} {f.name}"))
        for low in view.gate.low_scores.get(report.file.path, []):
            lines.append(command("error", f"{low} (--min-score)", file=rel, line=1, title="provcheck min-score"))
        if report.file.path in view.gate.unreadable:
            e = report.errors[0]
            lines.append(command("error", f"{e.kind}: {e.message}", file=rel, title="provcheck could not check this file"))
        for crash in view.gate.crashed.get(report.file.path, []):
            lines.append(command("error", crash, file=rel, title="provcheck internal error"))
    if view.baseline is not None:
        for a in view.baseline.absent:
            gone = " (the file is gone)" if a.file_gone else ""
            msg = f"baseline entry no longer occurs{gone}: {a.entry.rule} {a.entry.message}; refresh the baseline"
            lines.append(command("notice", msg, file=a.path, title="provcheck baseline"))
    return "".join(line + "\n" for line in lines)
