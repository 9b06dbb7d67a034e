"""Per-file reports (JSON for machines, Markdown for people) and the run summary."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from checker.discover import Target
from checker.engine import TOOL, FileResult, RunResult
from checker.fsutil import write_atomic
from checker.models import FAMILY_PREFIX, Family, FileError, FileReport, Finding, RunSummary, Scores, Severity, SummaryRow, Verdict
from checker.pool import die_with_parent

_VERDICT_ORDER = {Verdict.ERROR: 0, Verdict.REJECT: 1, Verdict.REVIEW: 2, Verdict.PASS: 3}


def triage_key(report: FileReport) -> tuple[int, int, str]:
    """Worst first: by verdict, then overall score, then path (the summary and the terminal agree)."""
    overall = report.scores.overall if report.scores else -1
    return (_VERDICT_ORDER[report.verdict], 101 if overall is None else overall, report.file.path)


def not_checked(families: Sequence[Family]) -> str:
    """The families a run did not check, as a sentence's list."""
    return ", ".join(f"{f.value} ({FAMILY_PREFIX[f]})" for f in families)


def shown(scores: Scores | None, key: str, missing: str = "-") -> str:
    """A score as text: ``missing`` for a file that was not checked, "not checked" for a family that
    was not (the attribution score of a text that is not English, or in the writer's own voice)."""
    if scores is None:
        return missing
    value = getattr(scores, key)
    return "not checked" if value is None else str(value)


def to_json(model: FileReport | RunSummary) -> str:
    return model.model_dump_json(indent=2) + "\n"


def ranked(findings: list[Finding]) -> list[Finding]:
    """Most serious first; then in file order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.span.start if f.span else -1, f.rule))


def summary(
    run: RunResult, report_names: dict[str, str] | None = None, status: str = "complete", stale: Sequence[str] = (), pruned: bool = False
) -> RunSummary:
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
        status=status,
        files=len(run.files),
        verdicts={v.value: verdicts.get(v.value, 0) for v in Verdict},
        findings_by_rule=dict(sorted(by_rule.items())),
        errors=errors,
        rows=rows,
        stale=list(stale),
        pruned=pruned and bool(stale),
        not_checked=run.not_checked,
    )


def write_reports(
    run: RunResult,
    reports_dir: Path,
    jobs: int = 1,
    inputs: Sequence[Target] = (),
    prune: bool = False,
    site: Callable[[RunSummary], None] | None = None,
    writer: Callable[[Sequence[FileResult], Path], None] | None = None,
) -> RunSummary:
    """Every file's reports, then the summary. ``summary.json`` is written first with status
    ``interrupted`` and last with ``complete``: a run stopped in between leaves that mark beside a
    mix of old and new reports. Reports in the folder that belong to no input of this run (``inputs``
    adds files that join the run without a new report, such as the unchanged files of ``--since``)
    are listed as stale, or removed with ``prune``. ``site`` (the HTML dashboard) is written after the
    reports and before the summary is marked complete. ``writer`` writes the files' reports instead
    of :func:`write_file_reports` (the Dask workers: ``checker.dask_executor``)."""
    names: dict[str, str] = {}
    for f in run.files:
        names[f.report.file.path] = f"{f.target.report_name}.json"
    stale = stale_reports(reports_dir, {f.target.report_name for f in run.files} | {t.report_name for t in inputs})
    first = summary(run, names, "interrupted", stale, prune)
    write_atomic(reports_dir / "summary.json", to_json(first))
    errors = sum(len(f.report.errors) for f in run.files)
    if writer is None:
        write_file_reports(run.files, reports_dir, jobs)
    else:
        writer(run.files, reports_dir)
    if prune:
        _remove(reports_dir, stale)
    if errors == sum(len(f.report.errors) for f in run.files):  # no report was unwritable: the same rows
        result = first.model_copy(update={"status": "complete"})
    else:
        result = summary(run, names, "complete", stale, prune)
    if site is not None:
        site(result)
    write_atomic(reports_dir / "summary.md", summary_markdown(result))
    write_atomic(reports_dir / "summary.json", to_json(result))
    return result


def write_file_reports(files: Sequence[FileResult], reports_dir: Path, jobs: int = 1) -> None:
    """Each file's JSON and Markdown report; a report that cannot be written is a per-file error
    (kind ``unwritable``) in that file's report, and the others are still written. With ``jobs`` > 1
    (and ``fork``), forked children write all but one share of the files, each from the finished
    reports it inherits (nothing is sent to them), while this process writes the first share. A
    child that could not write one of its reports exits with 1 and its share is written again here,
    where the error is recorded. The children die with this process and, stopped, remove the file
    they were writing."""
    jobs = min(jobs, len(files) // _MIN_SHARE)
    if jobs < 2 or not hasattr(os, "fork"):
        _write_share(files, reports_dir)
        return
    children: dict[int, int] = {}
    parent = os.getpid()
    try:
        for k in range(1, jobs):
            pid = os.fork()
            if pid == 0:  # the child: write its share, never return
                status = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.signal(signal.SIGTERM, _exit_on_signal)
                    die_with_parent(signal.SIGTERM, parent)
                    status = 0 if _write_share(files[k::jobs], reports_dir) else 1
                finally:
                    os._exit(status)
            children[pid] = k
        _write_share(files[0::jobs], reports_dir)
        redo = [k for pid, k in children.items() if os.waitpid(pid, 0)[1] != 0]
    except BaseException:  # stopped (Ctrl-C, SIGTERM): the children stop too, removing their temporary files
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        raise
    for k in redo:
        _write_share(files[k::jobs], reports_dir)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


_MIN_SHARE = 50  # fewer files per process are not worth a fork


def _write_share(files: Sequence[FileResult], reports_dir: Path) -> bool:
    """Write the reports of ``files``; False when one of them could not be written."""
    ok = True
    for f in files:
        stem = f.target.report_name
        report = f.full_report()
        for name, text in ((f"{stem}.json", to_json(report)), (f"{stem}.md", file_markdown(report))):
            try:
                write_atomic(reports_dir / name, text)
            except OSError as exc:
                ok = False
                message = f"cannot write the report {reports_dir / name}: {exc.strerror or exc}"
                f.report.errors.append(FileError(kind="unwritable", message=message, stage="report"))
    return ok


# --- the reports folder: lock, stale reports, leftovers ------------------------------------------
LOCK_NAME = ".provcheck.lock"
_TMP = re.compile(r"^\..+\.\d+\.\d+\.tmp$")  # fsutil.write_atomic's temporary files


class ReportsBusyError(Exception):
    """Another run holds the reports folder (exit 2)."""


@contextlib.contextmanager
def locked(reports_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock (``flock``) on ``reports_dir/.provcheck.lock`` while a run writes its
    reports there; a second run names the holder (process id, start time) and stops. The lock file
    is removed when the run ends; a run killed outright leaves it, unlocked, and the next run takes it."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "a process that has not said who it is yet"
            os.close(fd)
            raise ReportsBusyError(
                f"{reports_dir}/ is in use by another provcheck run ({holder}); wait for it to finish or choose another --reports-dir"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:  # else the holder removed the file between our open and our lock: take the new one
            break
        os.close(fd)
    try:
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def stale_reports(reports_dir: Path, current: set[str]) -> list[str]:
    """The provcheck reports (``NAME.json``, relative to the folder) whose ``NAME`` is not in
    ``current``; temporary files left by a run that was killed are removed on the way."""
    found: list[str] = []
    if not reports_dir.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(reports_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, reports_dir)
        for name in sorted(filenames):
            if _TMP.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                continue
            stem = _posix(os.path.join(rel, name.removesuffix(".json"))).removeprefix("./")
            if not name.endswith(".json") or name.startswith(".") or stem in current or stem == "summary":
                continue
            if _is_report(Path(dirpath) / name):
                found.append(f"{stem}.json")
    return sorted(found)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def _is_report(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("tool"), dict) and data["tool"].get("name") == "provcheck" and "file" in data


def _remove(reports_dir: Path, stale: list[str]) -> None:
    """Remove stale reports (the JSON, its Markdown and its HTML page) and the folders they leave empty."""
    for name in stale:
        stem = name.removesuffix(".json")
        for path in (reports_dir / name, reports_dir / f"{stem}.md", reports_dir / f"{stem}.html"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        parent = (reports_dir / name).parent
        while parent != reports_dir and parent.is_relative_to(reports_dir):
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _loc(f: Finding) -> str:
    return f"{f.span.line}:{f.span.column}" if f.span else "-"


def file_markdown(r: FileReport) -> str:
    p = r.provenance
    out = [f"# {r.file.path}", ""]
    overall = f"overall score {r.scores.overall}/100" if r.scores and r.scores.overall is not None else "not checked, no score"
    out.append(f"**Verdict: {r.verdict.value}** · {overall} · {len(r.findings)} findings")
    out.append("")
    out.append("| " + " | ".join(f.value for f in Family) + " |")
    out.append("|" + "---|" * len(Family))
    out.append("| " + " | ".join(shown(r.scores, f.value) for f in Family) + " |")
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
    if r.findings_omitted:
        out += ["", "Not listed (max_findings_per_rule): " + ", ".join(f"{n} more {rule}" for rule, n in r.findings_omitted.items()) + "."]
    out.append("")
    if r.metrics:
        out += ["## Metrics", "", "| metric | value |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in sorted(r.metrics.items())]
        out.append("")
    return "\n".join(out)


def summary_markdown(s: RunSummary) -> str:
    out = ["# provcheck run summary", ""]
    if s.status != "complete":
        out += ["**This run did not finish: the reports in this folder are a mix of old and new.**", ""]
    out.append(f"{s.files} files: " + ", ".join(f"{n} {v}" for v, n in s.verdicts.items() if n))
    out.append("")
    if s.not_checked:
        out += [f"Not checked (no rule selected): {not_checked(s.not_checked)}; their scores are shown as `not checked`.", ""]
    out.append("## Triage (worst first)")
    out.append("")
    out.append("| file | verdict | overall | " + " | ".join(f.value for f in Family) + " | findings | top finding |")
    out.append("|---|---|---|" + "---|" * len(Family) + "---|---|")
    for row in s.rows:
        link = f"[{_md(row.path)}]({row.report.removesuffix('.json')}.md)" if row.report else _md(row.path)
        fams = " | ".join(shown(row.scores, f.value) for f in Family)
        top = _md(row.top[0]) if row.top else (_md(row.errors[0]) if row.errors else "")
        out.append(f"| {link} | {row.verdict.value} | {shown(row.scores, 'overall')} | {fams} | {row.findings} | {top} |")
    out.append("")
    if s.findings_by_rule:
        out += ["## Findings by rule", "", "| rule | count |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in s.findings_by_rule.items()]
        out.append("")
    if s.errors:
        out += ["## Errors", ""]
        out += [f"- `{_md(e['path'])}`: **{e['kind']}** ({e['stage']}) {_md(e['message'])}" for e in s.errors]
        out.append("")
    if s.stale:
        out += ["## Stale reports" + (" (removed)" if s.pruned else ""), ""]
        if not s.pruned:
            out += ["Reports of files this run did not have (`provcheck check --prune` removes them):", ""]
        out += [f"- `{_md(name)}`" for name in s.stale]
        out.append("")
    return "\n".join(out)
