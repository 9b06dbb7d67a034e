"""``--format text``: the triage table (worst first), then, with a baseline, the new findings and
the baseline entries that no longer occur, and the files under a ``--min-score`` floor."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from checker.formats.base import RunView
from checker.models import Family
from checker.reports import not_checked, ranked, shown, triage_key

_STYLES = {"pass": "green", "review": "yellow", "reject": "red", "error": "magenta"}


def render(view: RunView) -> str:
    fams: list[Family] = list(Family)
    table = Table(show_lines=False, header_style="bold")
    table.add_column("file", overflow="fold")
    table.add_column("verdict")
    table.add_column("score", justify="right")
    for fam in fams:
        table.add_column(fam.value[:4], justify="right")
    table.add_column("top finding", overflow="fold")
    for fr in sorted(view.result.files, key=lambda f: triage_key(f.report)):
        r = fr.report
        top = ranked(r.findings)
        note = f"{top[0].rule} {top[0].message}" if top else (f"{r.errors[0].kind}: {r.errors[0].message}" if r.errors else "")
        if len(top) > 1:
            note += f" (+{len(top) - 1} more)"
        table.add_row(
            escape(r.file.path),
            f"[{_STYLES[r.verdict.value]}]{r.verdict.value}[/]",
            shown(r.scores, "overall"),
            *(shown(r.scores, fam.value) for fam in fams),
            escape(note),
        )
    buf = io.StringIO()
    if not view.result.files:
        table = Table.grid()
        table.add_row("no files to check")
    console = Console(file=buf, width=view.width or 160, force_terminal=view.color, no_color=not view.color, highlight=False)
    console.print(table)
    lines = []
    if view.result.not_checked:
        lines.append(f"not checked (no rule selected): {not_checked(view.result.not_checked)}")
    if view.baseline is not None:
        new = [(r, i, f) for r in view.result.reports for i, f in view.new_findings(r)]
        lines.append(f"{len(new)} new findings (not in {view.baseline.source}); {view.baseline.known_count} known findings accepted")
        for r, i, f in new:
            loc = f"{f.span.line}:{f.span.column}" if f.span else "1:1"
            mark = "  FAIL" if view.gate.fails(r.file.path, i) else ""
            lines.append(f"  {r.file.path}:{loc}: {f.rule} [{f.severity.value}] {f.message}{mark}")
        if view.baseline.absent:
            lines.append(f"{len(view.baseline.absent)} baseline entries no longer occur (refresh with `provcheck baseline`):")
            for a in view.baseline.absent:
                gone = " (file gone)" if a.file_gone else ""
                lines.append(f"  {a.path}: {a.entry.rule} {a.entry.message}{gone}")
    for path, low in sorted(view.gate.low_scores.items()):
        lines.append(f"{path}: {'; '.join(low)}")
    return buf.getvalue() + "".join(line + "\n" for line in lines)
