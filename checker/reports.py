"""Per-file reports (JSON for machines, Markdown for people) and the run summary."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from checker.engine import TOOL, FileResult, RunResult
from checker.fsutil import write_atomic
from checker.models import Family, FileReport, Finding, RunSummary, Severity, SummaryRow, Verdict

_VERDICT_ORDER = {Verdict.ERROR: 0, Verdict.REJECT: 1, Verdict.REVIEW: 2, Verdict.PASS: 3}



def score_text(value: int | None) -> str:
    """A family score as reports show it: a family that was not checked has none."""
    return "not checked" if value is None else str(value)

def triage_key(report: FileReport) -> tuple[int, int, str]:
    """Worst first: by verdict, then overall score, then path (the summary and the terminal agree)."""
    return (_VERDICT_ORDER[report.verdict], report.scores.overall, report.file.path)


def to_json(model: FileReport | RunSummary) -> str:
    return model.model_dump_json(indent=2) + "\n"


def ranked(findings: list[Finding]) -> list[Finding]:
    """Most serious first; then in file order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.span.start if f.span else -1, f.rule))


def summary(run: RunResult, report_names: dict[str, str] | None = None) -> RunSummary:
    rows = []
    by_rule: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    errors = []
    for f in sorted(run.files, key=lambda f: triage_key(f.report)):
        r = f.report
        verdicts[r.verdict.value] += 1
        by_rule.update(x.rule for x in r.findings)
        sev = Counter(x.severity.value for x in r.findings)
        for e in r.errors:
            errors.append({"path": r.file.path, "kind": e.kind, "stage": e.stage, "message": e.message})
        rows.append(
            SummaryRow(
                path=r.file.path,
                report=(report_names or {}).get(r.file.path),
                verdict=r.verdict,
                scores=r.scores,
                findings=len(r.findings),
                by_severity={s.value: sev.get(s.value, 0) for s in Severity},
                top=[f"{x.rule} {x.message}" for x in ranked(r.findings)[:3]],
                errors=[f"{e.kind}: {e.message}" for e in r.errors],
            )
        )
    return RunSummary(
        tool=TOOL,
        files=len(run.files),
        verdicts={v.value: verdicts.get(v.value, 0) for v in Verdict},
        findings_by_rule=dict(sorted(by_rule.items())),
        errors=errors,
        rows=rows,
    )


def write_reports(run: RunResult, reports_dir: Path, jobs: int = 1) -> RunSummary:
    names: dict[str, str] = {}
    for f in run.files:
        names[f.report.file.path] = f"{f.target.report_name}.json"
    write_file_reports(run.files, reports_dir, jobs)
    result = summary(run, names)
    write_atomic(reports_dir / "summary.json", to_json(result))
    write_atomic(reports_dir / "summary.md", summary_markdown(result))
    return result


def write_file_reports(files: Sequence[FileResult], reports_dir: Path, jobs: int = 1) -> None:
    """Each file's JSON and Markdown report. With ``jobs`` > 1 (and ``fork``), forked children
    write all but one share of the files, each from the finished reports it inherits (nothing is
    sent to them), while this process writes the first share. Should any child fail, every report
    is written again here, in order, so an error is raised exactly as a serial run raises it."""
    jobs = min(jobs, len(files) // _MIN_SHARE)
    if jobs < 2 or not hasattr(os, "fork"):
        _write_share(files, reports_dir)
        return
    children = []
    for k in range(1, jobs):
        pid = os.fork()
        if pid == 0:  # the child: write its share, never return
            status = 1
            try:
                _write_share(files[k::jobs], reports_dir)
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    failed = False
    try:
        _write_share(files[0::jobs], reports_dir)
    except Exception:
        failed = True
    finally:
        for pid in children:
            _, status = os.waitpid(pid, 0)
            failed = failed or status != 0
    if failed:
        _write_share(files, reports_dir)


_MIN_SHARE = 50  # fewer files per process are not worth a fork


def _write_share(files: Sequence[FileResult], reports_dir: Path) -> None:
    for f in files:
        stem = f.target.report_name
        write_atomic(reports_dir / f"{stem}.json", to_json(f.report))
        write_atomic(reports_dir / f"{stem}.md", file_markdown(f.report))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _loc(f: Finding) -> str:
    return f"{f.span.line}:{f.span.column}" if f.span else "-"


def file_markdown(r: FileReport) -> str:
    p = r.provenance
    out = [f"# {r.file.path}", ""]
    out.append(f"**Verdict: {r.verdict.value}** · overall score {r.scores.overall}/100 · {len(r.findings)} findings")
    out.append("")
    out.append("| " + " | ".join(f.value for f in Family) + " |")
    out.append("|" + "---|" * len(Family))
    out.append("| " + " | ".join(score_text(getattr(r.scores, f.value)) for f in Family) + " |")
    out.append("")
    if r.errors:
        out += ["## Errors", ""]
        out += [f"- **{e.kind}** ({e.stage}): {_md(e.message)}" for e in r.errors]
        out.append("")
    out += ["## Provenance", ""]
    date = p.date.value or "unknown"
    if p.date.value:
        date += f" (from {p.date.source}, confidence {p.date.confidence:.2f})"
    rows = [
        ("Date", date),
        ("Title", p.title or "-"),
        ("Byline", p.byline.text if p.byline else "-"),
        ("Dateline", (p.dateline.place + (f", {p.dateline.date}" if p.dateline.date else "")) if p.dateline else "-"),
        ("Outlets", ", ".join(f"{o.name} ({o.role})" for o in p.outlets) or "-"),
        ("Credits", "; ".join(c.text for c in p.credits) or "-"),
        ("Contributors", "; ".join(c.text for c in p.contributors) or "-"),
        ("Language", f"{p.language.code} ({p.language.confidence:.2f})" if p.language.code else "-"),
        ("Encoding", f"{r.file.encoding} ({r.file.encoding_confidence})" if r.file.encoding else "-"),
        ("Size", f"{r.file.bytes} bytes" if r.file.bytes is not None else "-"),
        ("SHA-256", f"`{r.file.sha256}`" if r.file.sha256 else "-"),
    ]
    out += ["| field | value |", "|---|---|"]
    out += [f"| {k} | {_md(v)} |" for k, v in rows]
    out.append("")
    out += ["## Findings", ""]
    if not r.findings:
        out += ["None.", ""]
    for i, f in enumerate(ranked(r.findings), 1):
        out.append(f"{i}. **{f.rule} {f.name}** ({f.severity.value}, line {_loc(f)}): {_md(f.message)}")
        if f.excerpt:
            out.append(f"   > {_md(f.excerpt)}")
    out.append("")
    if r.metrics:
        out += ["## Metrics", "", "| metric | value |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in sorted(r.metrics.items())]
        out.append("")
    return "\n".join(out)


def summary_markdown(s: RunSummary) -> str:
    out = ["# provcheck run summary", ""]
    out.append(f"{s.files} files: " + ", ".join(f"{n} {v}" for v, n in s.verdicts.items() if n))
    out.append("")
    out.append("## Triage (worst first)")
    out.append("")
    out.append("| file | verdict | overall | " + " | ".join(f.value for f in Family) + " | findings | top finding |")
    out.append("|---|---|---|" + "---|" * len(Family) + "---|---|")
    for row in s.rows:
        link = f"[{_md(row.path)}]({row.report.removesuffix('.json')}.md)" if row.report else _md(row.path)
        fams = " | ".join(score_text(getattr(row.scores, f.value)) for f in Family)
        top = _md(row.top[0]) if row.top else (_md(row.errors[0]) if row.errors else "")
        out.append(f"| {link} | {row.verdict.value} | {row.scores.overall} | {fams} | {row.findings} | {top} |")
    out.append("")
    if s.findings_by_rule:
        out += ["## Findings by rule", "", "| rule | count |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in s.findings_by_rule.items()]
        out.append("")
    if s.errors:
        out += ["## Errors", ""]
        out += [f"- `{_md(e['path'])}`: **{e['kind']}** ({e['stage']}) {_md(e['message'])}" for e in s.errors]
        out.append("")
    return "\n".join(out)
