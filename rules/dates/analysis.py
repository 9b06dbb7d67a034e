"""The per-article dates analysis shared by the DT rules and the ``dates`` analyzer (computed once per
article through :meth:`Article.derive`): every date expression, the declared date, the date
candidates with their confidences, the winner and the resolution of every relative expression."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from checker.article import Article
from checker.lexicon import longest_first
from checker.models import DateCandidate, DateInfo, Span
from rules.dates.grammar import PAST, Mention, find_mentions, pattern
from rules.dates.lexicon import lexicon
from rules.dates.resolve import WEEKDAY_NAMES, Declared, Resolution, parse_declared, resolve

# Base confidence of each source of a candidate (see docs: "Date recovery").
CONFIDENCE = {
    "header": 0.9,
    "header-ambiguous": 0.6,  # 03/10/2026: 10 March or 3 October
    "dateline": 0.8,
    "dateline-inferred-year": 0.6,
    "byline": 0.8,  # a date line at the top of the body, alone or in the byline ("By X | Outlet | Nov. 19, 2026")
    "caption": 0.6,
    "body": 0.2,
    "filename": 0.5,
}
FUTURE_HEADER_CONFIDENCE = 0.2  # a header date after the check date
WEEKDAY_BONUS = 0.05  # past-tense mentions of the candidate's own weekday ("said Thursday")
LATE_EVENT_PENALTY = 0.3  # past-tense explicit dates after the candidate
SOURCE_ORDER = ("header", "dateline", "byline", "near-duplicate", "caption", "filename", "body")
MAX_BODY_CANDIDATES = 4
DATELINE_REACH = 400  # characters of the body searched for a dateline
BYLINE_LINES = 4  # lines at the top of the body searched for a date line
BYLINE_LINE_CHARS = 160  # longer lines are text, not a title, byline or date line
# what a date line may hold besides the date: labels, a time, separators ("Published: 9:30 am GMT |")
_DATE_LINE_REST = re.compile(
    r"(?:published|updated|posted|first|last|on|at|(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?|(?-i:[A-Z]{2,4})|[\s|·•,.:;()\u2013\u2014-])*",
    re.IGNORECASE,
)
_BYLINE_SEPARATOR = re.compile(r"[|·•\u2013\u2014]\s*$")

_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@cache
def _dateline() -> re.Pattern[str]:
    lx = lexicon()
    months = "|".join(sorted((re.escape(m) for m in (*lx.month_full, *lx.month_abbr)), key=longest_first))
    return re.compile(
        r"^[ \t]*(?P<place>[A-Z][A-Z.'\u2019-]+(?:[ \t]+[A-Z][A-Z.'\u2019-]+){0,3})"
        rf"(?:,[ \t]+(?!(?:{months})\b)[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){{0,2}})?"
        rf",?[ \t]+(?P<month>{months})\.?[ \t]+(?P<day>[0-3]?\d)(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
        r"[ \t]*(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/)?[ \t]*(?:--|[-\u2013\u2014:])",  # "(Reuters)", "/PRNewswire/"
        re.MULTILINE,
    )


@dataclass
class DatesAnalysis:
    mentions: list[Mention]
    declared: Declared | None
    declared_span: tuple[int, int] | None
    candidates: list[DateCandidate]
    info: DateInfo
    anchor: date | None  # the date relative expressions are read from
    anchor_source: str  # header, or the source of the recovered date
    resolutions: list[tuple[Mention, Resolution | None]] = field(default_factory=list)

    @property
    def declared_date(self) -> date | None:
        return self.declared.value if self.declared is not None else None

    @property
    def relative(self) -> list[Mention]:
        return [m for m in self.mentions if m.relative]


def analysis_for(today: date) -> Callable[[Article], DatesAnalysis]:
    """The (memoisable) analysis function for a check date."""
    return _analysis_fn(today)


@cache
def _analysis_fn(today: date) -> Callable[[Article], DatesAnalysis]:
    def fn(article: Article) -> DatesAnalysis:
        return analyse(article, today)

    return fn


def analyse(article: Article, today: date) -> DatesAnalysis:
    text = article.text
    pattern()  # compile once
    mentions = find_mentions(text, article.body_start)
    field_ = article.header.get("date")
    declared = parse_declared(field_.value) if field_ is not None else None
    declared_span = (field_.start, field_.end) if field_ is not None else None
    candidates = document_candidates(article, mentions, declared, declared_span, today)
    if declared is not None and declared.alternative is not None:
        other = declared.alternative.isoformat()
        backing = next((c for c in candidates if c.source != "header" and c.value == other), None)
        if backing is not None:  # "Date: 03/10/2026" above "LONDON, Oct. 3, 2026": the day-first reading
            detail = f"ambiguous: read day first as {other}, as the {backing.source} gives"
            declared = Declared(declared.raw, declared.alternative, "", detail)
            candidates = document_candidates(article, mentions, declared, declared_span, today)
    info = pick(candidates, mentions, declared_ok=_declared_ok(declared, today))
    anchor, source = anchor_of(declared, info)
    out = DatesAnalysis(mentions, declared, declared_span, candidates, info, anchor, source)
    if anchor is not None:
        out.resolutions = [(m, resolve(m, anchor)) for m in mentions if m.relative]
    return out


def _declared_ok(declared: Declared | None, today: date) -> bool:
    return declared is not None and declared.value is not None and declared.value <= today


def anchor_of(declared: Declared | None, info: DateInfo) -> tuple[date | None, str]:
    if declared is not None and declared.value is not None:
        return declared.value, "header"
    if info.value and len(info.value) == 10:
        return date.fromisoformat(info.value), info.source
    return None, "none"


# --- candidates --------------------------------------------------------------------------------------
def document_candidates(
    article: Article, mentions: list[Mention], declared: Declared | None, declared_span: tuple[int, int] | None, today: date
) -> list[DateCandidate]:
    out: list[DateCandidate] = []
    if declared is not None and declared.value is not None and declared_span is not None:
        future = declared.value > today
        out.append(
            DateCandidate(
                value=declared.value.isoformat(),
                source="header",
                confidence=FUTURE_HEADER_CONFIDENCE if future else CONFIDENCE["header-ambiguous" if declared.detail else "header"],
                text=declared.raw,
                span=article.span(*declared_span),
                note="after the check date" if future else declared.detail,
            )
        )
    year_hint = declared.value.year if declared is not None and declared.value is not None else None
    name_match = _FILENAME_DATE.search(article.path)
    if name_match:
        try:
            d = date(int(name_match.group(1)), int(name_match.group(3)), int(name_match.group(4)))
        except ValueError:
            d = None
        if d is not None and d <= today:
            out.append(DateCandidate(value=d.isoformat(), source="filename", confidence=CONFIDENCE["filename"], text=name_match.group(0)))
            year_hint = year_hint or d.year
    head = article.text[article.body_start : article.body_start + DATELINE_REACH]  # a slice: "^" must match at the body start
    dl = _dateline().search(head)
    offset = article.body_start
    dateline_span = (offset + dl.start(), offset + dl.end()) if dl is not None else (-1, -1)
    top = _byline_date(article, mentions, today)
    if top is not None:
        m = top
        out.append(
            DateCandidate(
                value=date(m.year or 0, m.month or 0, m.day or 0).isoformat(),
                source="byline",
                confidence=CONFIDENCE["byline"],
                text=m.text,
                span=article.span(m.start, m.end),
            )
        )
    body: dict[str, tuple[float, Mention, int]] = {}
    for m in mentions:
        if m.kind != "date" or m.event or m.year is None or m.month is None or m.day is None:
            continue
        if dateline_span[0] <= m.start < dateline_span[1] or m is top:
            continue  # the dateline's (or the date line's) own date is its candidate
        d = date(m.year, m.month, m.day)
        if d > today:
            continue
        caption = m.caption or (m.weekday is not None and m.weekday == d.weekday())
        conf = CONFIDENCE["caption"] if caption else CONFIDENCE["body"]
        key = d.isoformat()
        prev = body.get(key)
        count = prev[2] + 1 if prev else 1
        if prev is None or conf > prev[0]:
            body[key] = (conf, m, count)
        else:
            body[key] = (prev[0], prev[1], count)
    if year_hint is None and body:
        year_hint = max(int(k[:4]) for k in body)
    if dl is not None:
        lx = lexicon()
        month = lx.months[dl.group("month").lower()]
        day = int(dl.group("day"))
        year = int(dl.group("year")) if dl.group("year") else None
        value: date | None = None
        note = ""
        if year is not None:
            value = _safe_date(year, month, day)
        elif year_hint is not None:
            options = [d for y in (year_hint - 1, year_hint, year_hint + 1) if (d := _safe_date(y, month, day)) is not None]
            ref = date(year_hint, 7, 1) if declared is None or declared.value is None else declared.value
            value = min(options, key=lambda d: abs((d - ref).days)) if options else None
            note = f"year inferred ({year_hint})"
        if value is not None and value <= today:
            source_key = "dateline" if year is not None else "dateline-inferred-year"
            out.append(
                DateCandidate(
                    value=value.isoformat(),
                    source="dateline",
                    confidence=CONFIDENCE[source_key],
                    text=dl.group(0).strip(),
                    span=article.span(offset + dl.start("place"), offset + dl.end()),
                    note=note,
                )
            )
    ranked = sorted(body.items(), key=lambda kv: (-kv[1][0], kv[0]), reverse=False)[:MAX_BODY_CANDIDATES]
    for key, (conf, m, count) in ranked:
        kind = "caption" if conf == CONFIDENCE["caption"] else "body"
        note = f"{'caption-style date' if kind == 'caption' else 'date in the body'}" + (f", {count} mentions" if count > 1 else "")
        out.append(DateCandidate(value=key, source="body", confidence=conf, text=m.text, span=article.span(m.start, m.end), note=note))
    return out


def _byline_date(article: Article, mentions: list[Mention], today: date) -> Mention | None:
    """A full date at the top of the body that dates the article: on a line of its own under the
    title or byline ("Saturday 21 November 2026", "Published: Nov. 19, 2026, 9:30 am"), or set off
    at the end of a byline ("By Jo Ng | Health Desk, The Ledger | November 19, 2026")."""
    text = article.text
    start = article.body_start
    lines = 0
    while lines < BYLINE_LINES and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip():
            lines += 1
            if len(line) > BYLINE_LINE_CHARS:
                return None  # the body's text has begun
            for m in mentions:
                if m.start >= end:
                    break
                if m.start < start or m.kind != "date" or m.year is None or m.month is None or m.day is None:
                    continue
                d = _safe_date(m.year, m.month, m.day)
                if d is None or d > today:
                    continue
                before, after = text[start : m.start], text[m.end : end]
                alone = _DATE_LINE_REST.fullmatch(before) is not None and _DATE_LINE_REST.fullmatch(after) is not None
                in_byline = line.lstrip().lower().startswith("by ") and _BYLINE_SEPARATOR.search(before) is not None
                if alone or (in_byline and _DATE_LINE_REST.fullmatch(after) is not None):
                    return m
        start = end + 1
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --- picking the winner ----------------------------------------------------------------------------------
def _source_key(c: DateCandidate) -> str:
    return "caption" if c.source == "body" and c.confidence >= CONFIDENCE["caption"] else c.source


def pick(candidates: list[DateCandidate], mentions: Iterable[Mention], declared_ok: bool) -> DateInfo:
    """Groups candidates by value, combines independent sources (noisy-or of each source's best
    confidence), adds weekday consistency, subtracts for past-tense events reported after the date,
    and picks the winner: a valid declared date always wins (it is the declaration; the others
    are evidence for or against it)."""
    if not candidates:
        return DateInfo(
            value=None, source="none", confidence=0.0, reason="no date in the header, dateline, body or file name", candidates=[]
        )
    mention_list = list(mentions)
    by_value: dict[str, dict[str, float]] = {}
    for c in candidates:
        if len(c.value) != 10:
            continue
        sources = by_value.setdefault(c.value, {})
        key = _source_key(c)
        sources[key] = max(sources.get(key, 0.0), c.confidence)
    if not by_value:
        return DateInfo(value=None, source="none", confidence=0.0, reason="no candidate gives a full date", candidates=list(candidates))
    scored: dict[str, tuple[float, list[str]]] = {}
    for value, sources in by_value.items():
        miss = 1.0
        for conf in sources.values():
            miss *= 1.0 - conf
        score = 1.0 - miss
        notes: list[str] = []
        d = date.fromisoformat(value)
        same_day = sum(1 for m in mention_list if _names_weekday(m, d))
        if same_day:
            score += WEEKDAY_BONUS
            notes.append(f"{same_day} past-tense mention(s) of {WEEKDAY_NAMES[d.weekday()]}, its weekday")
        late = [m for m in mention_list if _reports_after(m, d)]
        if late:
            score -= LATE_EVENT_PENALTY
            notes.append(f"{len(late)} past-tense date(s) after it (e.g. {late[0].text!r})")
        scored[value] = (max(0.0, min(score, 0.99)), notes)

    def rank(value: str) -> tuple[float, int]:
        best_source = min((SOURCE_ORDER.index(s) for s in by_value[value] if s in SOURCE_ORDER), default=len(SOURCE_ORDER))
        return (scored[value][0], -best_source)

    header = next((c for c in candidates if c.source == "header"), None)
    if declared_ok and header is not None:
        winner = header.value
        why = f"declared in the header ({header.note})" if header.note else "declared in the header"
    else:
        winner = max(scored, key=rank)
        names = sorted(by_value[winner], key=lambda s: SOURCE_ORDER.index(s) if s in SOURCE_ORDER else 99)
        best = max((c for c in candidates if c.value == winner), key=lambda c: c.confidence)
        why = f"best supported candidate ({', '.join(names)}; best: {best.source} {best.note or best.text!r})"
    agree = sorted(s for s in by_value[winner] if s != "header" or not declared_ok)
    others = sorted(v for v in scored if v != winner)
    parts = [f"{winner}: {why}"]
    if agree and (declared_ok and header is not None):
        parts.append(f"agreed by {', '.join(agree)}")
    elif len(by_value[winner]) > 1:
        parts.append(f"{len(by_value[winner])} sources agree")
    parts.extend(scored[winner][1])
    if others:
        parts.append(f"other candidates: {', '.join(f'{v} ({scored[v][0]:.2f})' for v in others[:3])}")
    source = "header" if declared_ok and header is not None else _best_source(candidates, winner)
    return DateInfo(
        value=winner, source=source, confidence=round(scored[winner][0], 2), reason="; ".join(parts), candidates=list(candidates)
    )


def _best_source(candidates: list[DateCandidate], value: str) -> str:
    best = max(
        (c for c in candidates if c.value == value),
        key=lambda c: (c.confidence, -SOURCE_ORDER.index(_source_key(c)) if _source_key(c) in SOURCE_ORDER else -99),
    )
    return best.source


def _names_weekday(m: Mention, d: date) -> bool:
    return m.kind == "weekday" and m.weekday == d.weekday() and m.modifier in ("", "on") and m.tense != "future"


def _reports_after(m: Mention, d: date, slack_days: int = 1) -> bool:
    if not (m.kind == "date" and m.tense == PAST and not m.limit and m.year and m.month and m.day):
        return False
    return date(m.year, m.month, m.day) > d + timedelta(days=slack_days)


# --- report pieces --------------------------------------------------------------------------------------
def span_of(article: Article, m: Mention) -> Span:
    return article.span(m.start, m.end)


def mention_record(m: Mention, resolution: Resolution | None) -> dict[str, Any]:
    rec: dict[str, Any] = {"text": m.text, "start": m.start, "end": m.end, "kind": m.kind}
    if m.tense:
        rec["tense"] = m.tense
        rec["cue"] = m.cue
    if resolution is not None:
        rec.update(resolution.as_dict())
    else:
        rec["value"] = None
    return rec


# details.dates lists at most this many explicit and as many relative dates (``explicit_omitted``,
# ``relative_omitted`` count the rest): a file of 100,000 dates is not a 15-times-larger report.
MAX_LISTED = 1000


def details(a: DatesAnalysis) -> dict[str, Any]:
    explicit: list[dict[str, Any]] = []
    omitted = 0
    for m in a.mentions:
        if m.explicit and not m.event:
            if len(explicit) == MAX_LISTED:
                omitted += 1
                continue
            r = resolve(m, a.anchor or date(m.year or 2000, 1, 1))
            rec = mention_record(m, r)
            rec.pop("basis", None)
            explicit.append(rec)
    anchor = None
    if a.anchor is not None:
        anchor = {"value": a.anchor.isoformat(), "source": a.anchor_source, "declared": a.anchor_source == "header"}
    relative = (
        [mention_record(m, r) for m, r in a.resolutions[:MAX_LISTED]]
        if a.anchor is not None
        else [mention_record(m, None) for m in a.relative[:MAX_LISTED]]
    )
    out: dict[str, Any] = {"anchor": anchor, "explicit": explicit, "relative": relative}
    if omitted:
        out["explicit_omitted"] = omitted
    if (more := len(a.resolutions if a.anchor is not None else a.relative) - len(relative)) > 0:
        out["relative_omitted"] = more
    return out
