"""``--format markdown``: the run summary (as ``reports/summary.md``) plus the gate outcome; fits a
pull-request comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from checker.formats.base import RunView
from checker.reports import summary_markdown


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(view: RunView) -> str:
    gate = view.gate
    out = [summary_markdown(view.summary).rstrip("\n"), "", "## Gate", ""]
    out.append(
        f"**{'failed' if gate.failed else 'passed'}** (fail on {gate.fail_on})" + (f": {'; '.join(gate.reasons)}" if gate.reasons else "")
    )
    out.append("")
    failing = [(r, r.findings[i]) for r in view.result.reports for i in gate.gating.get(r.file.path, [])]
    if failing:
        out += ["| file | line | rule | message |", "|---|---|---|---|"]
        for r, f in failing:
            out.append(f"| {_md(view.rel(r))} | {f.span.line if f.span else 1} | {f.rule} | {_md(f.message)} |")
        out.append("")
    for path, low in sorted(gate.low_scores.items()):
        out.append(f"- `{_md(path)}`: {_md('; '.join(low))}")
    if view.baseline is not None:
        out.append(
            f"Baseline {_md(view.baseline.source)}: {view.baseline.known_count} known findings accepted, "
            f"{len(view.baseline.absent)} entries no longer occur."
        )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
