"""The corpus step of date recovery: a file without a declared date takes a candidate from a dated
near-duplicate (another file of the run whose header declares a date, or an archive entry).

It runs after the duplication family's corpus analyzer, which publishes
``corpus.shared["duplication.neighbours"]``: path -> list of ``{"path": str | None, "ref": str,
"jaccard": float, "containment": float, "date": "YYYY-MM-DD" | None, "source": "run" | "index"}``.
For a neighbour in the run the date is read from ``corpus.provenance[path].date`` and used only when
it was declared in that file's header.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.article import Article
from checker.models import DateCandidate, DateInfo
from checker.rule import Contribution, Corpus, CorpusAnalyzer
from rules.dates.analysis import MAX_LISTED, analysis_for, mention_record, pick
from rules.dates.grammar import Mention
from rules.dates.resolve import WEEKDAY_NAMES, resolve

NEIGHBOURS_KEY = "duplication.neighbours"
MIN_CONTAINMENT = 0.2  # below this the neighbour shares too little of this file to lend it a date
BASE_CONFIDENCE = 0.3
CONTAINMENT_WEIGHT = 0.6  # confidence = BASE + WEIGHT * containment, at most MAX
MAX_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Digest:
    """What a file contributes to the corpus step: its date mentions (only for undated files)."""

    mentions: tuple[Mention, ...]


def neighbour_date(corpus: Corpus, neighbour: dict[str, Any]) -> str | None:
    """The declared date of a neighbour, or None."""
    if neighbour.get("source") == "index":
        value = neighbour.get("date")
    else:
        other = corpus.provenance.get(neighbour.get("path") or "")
        info = getattr(other, "date", None)
        value = info.value if info is not None and info.source == "header" else None
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


def recover(
    path: str, mentions: tuple[Mention, ...], current: DateInfo, neighbours: list[dict[str, Any]], corpus: Corpus
) -> tuple[DateInfo, dict[str, Any]] | None:
    """The updated DateInfo and details for one undated file, or None when no neighbour is dated."""
    found: dict[str, DateCandidate] = {}
    for n in neighbours:
        value = neighbour_date(corpus, n)
        containment = float(n.get("containment") or 0.0)
        if value is None or containment < MIN_CONTAINMENT:
            continue
        confidence = round(min(MAX_CONFIDENCE, BASE_CONFIDENCE + CONTAINMENT_WEIGHT * containment), 2)
        ref = str(n.get("ref") or n.get("path") or "")
        where = "archive entry" if n.get("source") == "index" else "file of this run"
        note = f"{where} {ref}: containment {containment:.2f}, jaccard {float(n.get('jaccard') or 0.0):.2f}"
        prev = found.get(value)
        if prev is None or confidence > prev.confidence:
            found[value] = DateCandidate(value=value, source="near-duplicate", confidence=confidence, text=ref, note=note)
    if not found:
        return None
    candidates = [c for c in current.candidates if c.source != "near-duplicate"] + sorted(
        found.values(), key=lambda c: (-c.confidence, c.value)
    )
    info = pick(candidates, mentions, declared_ok=False)
    details: dict[str, Any] = {"anchor": None, "relative": [], "weekday_check": None}
    if info.value and len(info.value) == 10:
        anchor = date.fromisoformat(info.value)
        details["anchor"] = {"value": info.value, "source": info.source, "declared": False}
        relative = [m for m in mentions if m.relative]
        details["relative"] = [mention_record(m, resolve(m, anchor)) for m in relative[:MAX_LISTED]]
        if len(relative) > MAX_LISTED:
            details["relative_omitted"] = len(relative) - MAX_LISTED
        weekdays = [m for m in relative if m.kind == "weekday" and m.weekday is not None]
        same = [m for m in weekdays if m.weekday == anchor.weekday() and m.tense != "future" and m.modifier in ("", "on")]
        details["weekday_check"] = {
            "weekday": WEEKDAY_NAMES[anchor.weekday()],
            "mentions": len(weekdays),
            "naming_the_date": len(same),
        }
    return info, details


class DateRecovery(CorpusAnalyzer):
    """Adds a near-duplicate candidate to undated files and re-picks their date."""

    name = "dates-recovery"
    after = ("duplication",)

    def collect(self, article: Article) -> Digest | None:
        if article.header.get("date") is not None:
            return None
        a = article.derive(analysis_for(self.context.today))
        return Digest(tuple(m for m in a.mentions if not m.event))

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        all_neighbours = corpus.shared.get(NEIGHBOURS_KEY) or {}
        for path in sorted(corpus.digests):
            digest = corpus.digests[path]
            neighbours = all_neighbours.get(path) or []
            if not isinstance(digest, Digest) or not neighbours:
                continue
            prov = corpus.provenance.get(path)
            current = prov.date if prov is not None else DateInfo()
            result = recover(path, digest.mentions, current, neighbours, corpus)
            if result is None:
                continue
            info, details = result
            yield path, Contribution(provenance={"date": info}, details=details)
