"""The curator's dashboard: a static site of a run, written beside the JSON and Markdown reports.

``reports/index.html`` is the triage page (every file, worst first, sortable and filterable in the
browser, the filter kept in the URL); ``reports/<name>.html`` is one article: its text with every
finding's span highlighted by family, the findings beside it, layers for the attribution labels
and the date mentions, the provenance record, the metrics, and near-copies side by side. No server
and no network: the pages work opened from ``file://`` and as a CI artifact; the CSS and the small
script are copied from the package into ``reports/assets/``.

Everything comes from the reports (the JSON is the contract, so ``provcheck html reports/`` rebuilds
the site without checking again) and from the article files themselves, read again for their text
and shown only when their SHA-256 is still the one in the report. Pages are byte-identical for the
same reports: no timestamps, no random ids. The text is always escaped (Jinja2 autoescape).
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import multiprocessing
import re
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from checker.decode import InputError, decode, read_bytes
from checker.fsutil import write_atomic
from checker.html.marks import Mark, segments
from checker.models import FAMILY_PREFIX, Family, FileReport, Finding, RunSummary
from checker.reports import ranked

ASSETS = ("provcheck.css", "provcheck.js")
PAGE_ROWS = 100  # rows per page of the triage table (the rest are paged in the browser)
MAX_TEXT_CHARS = 2_000_000  # longer texts are shown up to here, with a note
MAX_PASSAGES = 25  # shared passages shown per near-copy
MAX_PASSAGE_CHARS = 1_500
HIST_BINS = 10
PREFIX_FAMILY = {p: f for f, p in FAMILY_PREFIX.items()}
FAMILIES = tuple(Family)
ATTRIBUTION_LABELS = {
    "attributed-named": "named",
    "attributed-anonymous": "anonymous",
    "attributed-vague": "vague",
    "unattributed-claim": "unattributed",
    "not-a-claim": "not a claim",
}


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("checker.html", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def json_for_script(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


# --- the site ------------------------------------------------------------------------------------
MIN_SHARE = 100  # fewer pages per process are not worth one


_REPORT_FOR: Callable[[str], FileReport | None] | None = None  # set for the forked page writers


def write_site(reports_dir: Path, summary: RunSummary, jobs: int = 1, report_for: Callable[[str], FileReport | None] | None = None) -> int:
    """Write ``index.html``, one page per file of ``summary`` whose report ``report_for(report name)``
    gives (default: read from its JSON in ``reports_dir``), and the assets. The pages are drawn one
    report at a time, and with ``jobs`` > 1 by that many forked processes, which inherit
    ``report_for`` (each page depends only on its inputs, so the bytes are the same). Returns the
    number of article pages."""
    global _REPORT_FOR
    for asset in ASSETS:
        text = resources.files("checker.html").joinpath("static", asset).read_text(encoding="utf-8")
        write_atomic(reports_dir / "assets" / asset, text)
    names = {row.path: row.report for row in summary.rows if row.report}  # path -> report name, triage order
    rows_in = [(row.path, row.model_dump(mode="json")) for row in summary.rows]
    jobs = min(jobs, len(rows_in) // MIN_SHARE)
    _env().get_template("article.html.j2")  # compiled once here, not again in each forked writer
    _REPORT_FOR = report_for
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            shares = [rows_in[k::jobs] for k in range(jobs)]
            with multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_on_sigterm) as pool:
                done = pool.starmap(_write_pages, [(reports_dir, names, share) for share in shares])
            by_path = {row["path"]: row for part in done for row in part}
            rows = [by_path[path] for path, _ in rows_in]
        else:
            rows = _write_pages(reports_dir, names, rows_in)
    finally:
        _REPORT_FOR = None
    write_atomic(reports_dir / "index.html", index_page(summary, rows))
    return sum(1 for r in rows if r["page"])


def _quiet_on_sigterm() -> None:
    """A page writer ends quietly when the pool is closed (the pool sends SIGTERM; the CLI's own
    handler, which the fork inherits, would print a traceback from each)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _write_pages(reports_dir: Path, names: dict[str, str], rows_in: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The pages of these summary rows (path, row); their rows of the triage table."""
    report_for = _REPORT_FOR or json_loader(reports_dir)
    order = list(names)
    place = {path: i for i, path in enumerate(order)}

    def report_of(path: str) -> FileReport | None:
        name = names.get(path)
        return report_for(name) if name else None

    rows: list[dict[str, Any]] = []
    for path, summary_row in rows_in:
        name = names.get(path)
        report = report_for(name) if name else None
        rows.append(_row(path, _page(name) if name and report else None, report, summary_row))
        if report is None or name is None:
            continue
        i = place[path]
        nav = {
            "prev": _relative(_page(names[order[i - 1]]), name) if i > 0 else None,
            "next": _relative(_page(names[order[i + 1]]), name) if i + 1 < len(order) else None,
            "index": _relative("index.html", name),
            "position": f"{i + 1} of {len(order)}",
        }
        write_atomic(reports_dir / _page(name), article_page(report, name, nav, report_of, names.get))
    return rows


def rebuild(reports_dir: Path, jobs: int = 1) -> int:
    """The site again from the JSON reports of ``reports_dir`` (``provcheck html``)."""
    summary_file = reports_dir / "summary.json"
    if not summary_file.is_file():
        raise FileNotFoundError(f"{summary_file} not found: run `provcheck check` with reports first")
    summary = RunSummary.model_validate_json(summary_file.read_text(encoding="utf-8"))
    return write_site(reports_dir, summary, jobs)


def json_loader(reports_dir: Path) -> Callable[[str], FileReport | None]:
    """Reads a file's report from its JSON in ``reports_dir`` (None when it is not there): the site
    is drawn from what was written, one report at a time."""

    def load(name: str) -> FileReport | None:
        path = reports_dir / name
        return FileReport.model_validate_json(path.read_text(encoding="utf-8")) if path.is_file() else None

    return load


def _page(report_name: str) -> str:
    return report_name.removesuffix(".json") + ".html"


def _relative(target: str, from_report: str) -> str:
    """``target`` (relative to the reports folder) as a link from the page of ``from_report``."""
    return "../" * from_report.count("/") + target  # report names are normalised POSIX paths


# --- the triage page -----------------------------------------------------------------------------
def _row(path: str, page: str | None, report: FileReport | None, summary_row: dict[str, Any]) -> dict[str, Any]:
    """One row of the triage table (what the page sorts and filters on)."""
    scores = summary_row["scores"] or {}  # null for a file that could not be checked
    row: dict[str, Any] = {
        "path": path,
        "page": page,
        "verdict": summary_row["verdict"],
        "overall": scores.get("overall"),
        **{f.value: scores.get(f.value) for f in FAMILIES},
        "errors": summary_row["by_severity"].get("error", 0),
        "warnings": summary_row["by_severity"].get("warning", 0),
        "infos": summary_row["by_severity"].get("info", 0),
        "top": summary_row["top"][0] if summary_row["top"] else (summary_row["errors"][0] if summary_row["errors"] else ""),
        "date": None,
        "source": "",
        "language": None,
        "cluster": None,
        "rules": [],
    }
    if report is not None:
        p = report.provenance
        outlets = [o.name for o in p.outlets if o.role in ("publisher", "wire")]
        row["date"] = p.date.value
        row["source"] = " / ".join(x for x in (", ".join(outlets[:2]), p.byline.text if p.byline else "") if x)
        row["language"] = p.language.code
        cluster = (report.details.get("duplication") or {}).get("cluster") or {}
        row["cluster"] = cluster.get("id")
        row["rules"] = sorted({f.rule for f in report.findings})
    return row


def histogram(values: Iterable[int | None], label: str) -> Markup:
    """An inline SVG bar chart of scores in bins of ten (0-9 ... 90-100), with text labels."""
    bins = [0] * HIST_BINS
    for v in values:
        if v is not None:
            bins[min(HIST_BINS - 1, v // 10)] += 1
    top = max(bins) or 1
    width, height, bar = 200, 64, 20
    parts = [
        f'<svg class="hist" viewBox="0 0 {width} {height + 14}" width="{width}" height="{height + 14}" role="img" '
        f'aria-label="{escape(label)}: ' + ", ".join(f"{i * 10}-{i * 10 + 9 if i < 9 else 100}: {n}" for i, n in enumerate(bins)) + '">'
    ]
    for i, n in enumerate(bins):
        h = round(height * n / top)
        parts.append(
            f'<rect x="{i * bar + 1}" y="{height - h}" width="{bar - 2}" height="{h}"><title>{i * 10}-{i * 10 + 9 if i < 9 else 100}: '
            f"{n}</title></rect>"
        )
    parts.append(f'<text x="0" y="{height + 12}">0</text><text x="{width}" y="{height + 12}" text-anchor="end">100</text></svg>')
    return Markup("".join(parts))


def index_page(summary: RunSummary, rows: list[dict[str, Any]]) -> str:
    rule_counts = sorted(summary.findings_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    top = max((n for _, n in rule_counts), default=1)
    hists = [(f.value, histogram((r[f.value] for r in rows), f"{f.value} scores")) for f in FAMILIES]
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            summary=summary,
            rows=rows,
            first_rows=rows[:PAGE_ROWS],
            page_rows=PAGE_ROWS,
            families=[f.value for f in FAMILIES],
            prefixes=FAMILY_PREFIX,
            rule_counts=rule_counts,
            rule_top=top,
            hists=hists,
            data=json_for_script(rows),
            rules=sorted(summary.findings_by_rule),
        )
    )


# --- an article page -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Source:
    """An article's text as it was checked, or why it cannot be shown."""

    text: str | None
    note: str = ""


def source_text(report: FileReport, max_bytes: int = 50_000_000) -> Source:
    """The file's text, read again: shown only when the bytes are still those the report describes."""
    path = report.file.path
    try:
        data = read_bytes(path, max_bytes)
    except InputError as exc:
        return Source(None, f"the file cannot be read now ({exc.message}): findings are listed without the text")
    if report.file.sha256 and hashlib.sha256(data).hexdigest() != report.file.sha256:
        return Source(None, "the file has changed since it was checked: findings are listed without the text")
    override = report.file.encoding if report.file.encoding_method == "override" else None  # checked with --encoding
    try:
        decoded = decode(data, encoding=override)
    except (InputError, ValueError) as exc:
        return Source(None, f"the text cannot be decoded ({exc})")
    return Source(decoded.text)


def _finding_marks(report: FileReport, numbered: list[tuple[int, Finding]]) -> list[Mark]:
    out = []
    for n, f in numbered:
        if f.span is not None:
            fam = FAMILY_PREFIX[f.family].lower()
            out.append(Mark(f.span.start, f.span.end, "finding", f"hl hl-{fam} sev-{f.severity.value}", n))
    return out


def _layer_marks(report: FileReport) -> list[tuple[int, int, str, str]]:
    """The attribution labels (sentence, source, cue) and the date mentions, from the details, as
    (start, end, classes, tooltip)."""
    out: list[tuple[int, int, str, str]] = []
    at = report.details.get("attribution") or {}
    for s in at.get("sentences") or []:
        label = s.get("label", "")
        short = ATTRIBUTION_LABELS.get(label, label)
        title = short + (f": {s['source_name']}" if s.get("source_name") else "") + (f" ({s['reason']})" if s.get("reason") else "")
        out.append((int(s["start"]), int(s["end"]), _LABEL_CSS.get(short) or "at at-" + short.replace(" ", "-"), title))
        for part in ("source", "cue"):
            span = s.get(part)
            if isinstance(span, dict) and "start" in span:
                out.append((int(span["start"]), int(span["end"]), f"at-{part}", f"{part}: {span.get('text', '')}"))
    for _, m in _date_mentions(report):
        if "start" in m:
            out.append((int(m["start"]), int(m["end"]), "dt-m", f"date: {m.get('text', '')} → {_resolved(m)}"))
    return out


_LABEL_CSS = {short: "at at-" + short.replace(" ", "-") for short in ATTRIBUTION_LABELS.values()}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def layer_data(text: str, report: FileReport) -> Markup:
    """The layers' marks as JSON for the page's script, ``[start, end, classes, tooltip]`` each, in
    the text's UTF-16 offsets (a JavaScript string's): the script wraps them in spans the first time
    a layer is switched on. They are most of an article's marks, and drawing them into every page
    made the site cost about twice as much; a layer is off until asked for."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]  # each takes two UTF-16 units
    length = len(text)
    marks = []
    for start, end, css, title in _layer_marks(report):
        start, end = max(0, start), min(length, end)
        if start < end:
            if astral:
                start, end = start + bisect.bisect_left(astral, start), end + bisect.bisect_left(astral, end)
            marks.append((start, end, css, title))
    return json_for_script(marks)


def _date_mentions(report: FileReport) -> list[tuple[str, dict[str, Any]]]:
    """The dates family's explicit and relative date mentions, as (group, mention)."""
    dates = report.details.get("dates") or {}
    return [(group, m) for group in ("explicit", "relative") for m in dates.get(group) or []]


def _resolved(m: dict[str, Any]) -> str:
    """What a date mention resolves to, in words: its value, or its range, or that it has none."""
    if m.get("value"):
        return str(m["value"])
    if m.get("from"):
        return f"{m['from']} to {m['to']}" if m.get("to") and m["to"] != m["from"] else str(m["from"])
    return "not resolved"


def render_text(text: str, report: FileReport, numbered: list[tuple[int, Finding]]) -> Markup:
    """The text as HTML: escaped, cut into segments, each finding's start marked with its rule id.
    The layers (attribution labels, date mentions) are not drawn here: see :func:`layer_data`."""
    parts: list[str] = []
    markers = {
        n: f'<a class="marker mk-{FAMILY_PREFIX[f.family].lower()}" id="m{n}" href="#f{n}" aria-label="finding {n}: {f.rule}">{f.rule}</a>'
        for n, f in numbered
    }
    for seg in segments(len(text), _finding_marks(report, numbered)):
        for n in seg.starts:
            parts.append(markers[n])
        if seg.end == seg.start:
            continue
        piece = text[seg.start : seg.end].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if not seg.css:
            parts.append(piece)
            continue
        attrs = f' class="{" ".join(seg.css)}"'
        if seg.findings:
            attrs += f' data-f="{" ".join(map(str, seg.findings))}"'
        if seg.titles:
            attrs += f' title="{html.escape(" · ".join(seg.titles))}"'
        parts.append(f"<span{attrs}>{piece}</span>")
    return Markup("".join(parts))


def _passages(text: str | None, other_text: str | None, neighbour: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in (neighbour.get("passages") or [])[:MAX_PASSAGES]:
        this, other = p.get("this") or {}, p.get("other") or {}
        out.append(
            {
                "words": p.get("words"),
                "this": _cut(text, this),
                "other": _cut(other_text, other),
                "this_at": f"{this.get('start')}-{this.get('end')}",
                "other_at": f"{other.get('start')}-{other.get('end')}",
            }
        )
    return out


def _esc(value: object) -> str:
    """``value`` as text for HTML content or a quoted attribute."""
    return html.escape(str(value))


@cache
def _metric_head(key: str) -> str:
    """A metric's row header: the same few dozen names on every page, escaped once."""
    return f'<tr><th scope="row">{_esc(key)}</th><td>'


def _metrics_html(metrics: Mapping[str, Any]) -> Markup:
    return Markup(
        "".join(_metric_head(k) + (str(v) if isinstance(v, int | float) else _esc(v)) + "</td></tr>" for k, v in sorted(metrics.items()))
    )


def _findings_html(numbered: list[tuple[int, Finding]]) -> Markup:
    """The finding list beside the text (drawn here rather than in the template: it is most of a page)."""
    parts = []
    for n, f in numbered:
        fam = FAMILY_PREFIX[f.family]
        low = fam.lower()
        sev = f.severity.value
        where = '<span class="whole">whole file</span>'
        if f.span:
            where = f'<a class="goto" href="#m{n}" data-n="{n}">line {f.span.line}:{f.span.column}</a>'
        excerpt = f"<blockquote>{_esc(f.excerpt)}</blockquote>" if f.excerpt else ""
        parts.append(
            f'\n<li id="f{n}" class="finding fam-{low} sev-{sev}" data-n="{n}" tabindex="-1"><span class="mk mk-{low}">{fam}</span>'
            f' <strong>{_esc(f.rule)} {_esc(f.name)}</strong> <span class="sev">{sev}</span> {where}<p>{_esc(f.message)}</p>{excerpt}</li>'
        )
    return Markup("".join(parts) + ("\n" if parts else ""))


def _date_rows_html(mentions: list[tuple[str, dict[str, Any]]]) -> Markup:
    return Markup(
        "\n".join(
            f"<tr><td>{_esc(m.get('text') or '')}</td><td>{_esc(m.get('kind') or group)}</td><td>{_esc(_resolved(m))}</td>"
            f'<td class="num">{_esc(m.get("start", ""))}</td></tr>'
            for group, m in mentions
        )
    )


def _no_text(neighbour: dict[str, Any]) -> str:
    if neighbour.get("source") == "index":
        return "an archive entry: the index keeps no text, so only where the passages are is shown"
    return "the other file's text is not available"


def _cut(text: str | None, span: dict[str, Any]) -> str | None:
    if text is None or "start" not in span:
        return None
    piece = text[int(span["start"]) : int(span["end"])]
    return piece if len(piece) <= MAX_PASSAGE_CHARS else piece[:MAX_PASSAGE_CHARS] + " …"


def article_page(
    report: FileReport,
    name: str,
    nav: Mapping[str, str | None],
    report_of: Callable[[str], FileReport | None],
    page_of: Callable[[str], str | None],
) -> str:
    src = source_text(report)
    text = src.text
    note = src.note
    if text is not None and len(text) > MAX_TEXT_CHARS:
        note = f"the text is {len(text):,} characters long: the first {MAX_TEXT_CHARS:,} are shown"
        text = text[:MAX_TEXT_CHARS]
    numbered = list(enumerate(ranked(report.findings), 1))
    dup = report.details.get("duplication") or {}
    copies = []
    for nb in dup.get("neighbours") or []:
        ref = nb.get("ref", "")
        other_report = report_of(ref) if nb.get("source") == "run" else None
        other_text = source_text(other_report).text if other_report is not None else None
        other_page = page_of(ref) if nb.get("source") == "run" else None
        copies.append(
            {
                "n": nb,
                "link": _relative(_page(other_page), name) if other_page else None,
                "passages": _passages(text, other_text, nb),
                "other_note": "" if other_text is not None else _no_text(nb),
            }
        )
    at = report.details.get("attribution") or {}
    label_counts = Counter(ATTRIBUTION_LABELS.get(s.get("label", ""), s.get("label", "")) for s in at.get("sentences") or [])
    mentions = _date_mentions(report)
    counts = Counter(x.family for x in report.findings)
    scores = report.scores
    families = [
        {"name": f.value, "prefix": FAMILY_PREFIX[f], "score": getattr(scores, f.value) if scores else None, "count": counts[f]}
        for f in FAMILIES
    ]
    return (
        _env()
        .get_template("article.html.j2")
        .render(
            r=report,
            overall=scores.overall if scores else None,
            name=name,
            nav=nav,
            assets=_relative("assets/", name),
            text_html=render_text(text, report, numbered) if text is not None else None,
        layers=layer_data(text, report) if text is not None else None,
            note=note,
            findings=numbered,
            prefixes=FAMILY_PREFIX,
            families=families,
            copies=copies,
            cluster=dup.get("cluster"),
            label_counts=sorted(label_counts.items()),
            has_attribution=bool(at.get("sentences")),
            date_rows=bool(mentions),
            date_rows_html=_date_rows_html(mentions),
            findings_html=_findings_html(numbered),
            metrics_html=_metrics_html(report.metrics),
            metric_count=len(report.metrics),
        )
    )
