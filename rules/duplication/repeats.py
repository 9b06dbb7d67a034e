"""Repeated passages inside one article: paragraphs first, then sentences outside repeated paragraphs.

Two passages are compared on their normalised form (NFKC, case-folded, white space collapsed) with
rapidfuzz's normalised Indel similarity (``fuzz.ratio``); a passage repeats an earlier one when the
similarity reaches the threshold. Passages whose normalised form is
shorter than the minimum length are never compared (short boilerplate: "Advertisement", "Read more").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from checker.article import Article

DEFAULT_MIN_CHARS = 50
DEFAULT_SIMILARITY = 0.9


@dataclass(frozen=True, slots=True)
class Repeat:
    unit: str  # paragraph or sentence
    start: int
    end: int
    first_start: int
    first_end: int
    similarity: float
    occurrence: int  # 2 for the first repeat of a passage, 3 for the next ...


def normalise(text: str) -> str:
    """Case-folded, white space collapsed (NFKC for non-ASCII text)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def _repeats(units: list[tuple[int, int]], text: str, unit: str, min_chars: int, cutoff: float) -> list[Repeat]:
    keep = [(u, n) for u in units if len(n := normalise(text[u[0] : u[1]])) >= min_chars]
    if len(keep) < 2:
        return []
    norms = [n for _, n in keep]
    scores = process.cdist(norms, norms, scorer=fuzz.ratio, score_cutoff=cutoff * 100, dtype=np.uint8, workers=1)
    out: list[Repeat] = []
    origin: dict[int, int] = {}  # index -> index of the first occurrence it repeats
    count: dict[int, int] = {}
    for i in range(1, len(norms)):
        row = scores[i, :i].copy()
        if origin:
            row[[k for k in origin if k < i]] = 0  # point at first occurrences only
        j = int(row.argmax())
        if row[j] == 0:
            continue
        similarity = 1.0 if norms[i] == norms[j] else fuzz.ratio(norms[i], norms[j]) / 100
        origin[i] = j
        count[j] = count.get(j, 1) + 1
        (s, e), (fs, fe) = keep[i][0], keep[j][0]
        out.append(Repeat(unit, s, e, fs, fe, round(similarity, 3), count[j]))
    return out


def find_repeats(article: Article, min_chars: int = DEFAULT_MIN_CHARS, similarity: float = DEFAULT_SIMILARITY) -> list[Repeat]:
    """Repeated paragraphs (of two or more sentences), then repeated sentences outside them; a
    sentence that is a whole paragraph is reported as a paragraph."""
    text = article.text
    sentences = article.sentences
    owner = article.sentence_paragraph
    per_para: dict[int, int] = {}
    for p in owner:
        per_para[p] = per_para.get(p, 0) + 1
    paragraphs = article.paragraphs
    multi = [(p.start, p.end) for i, p in enumerate(paragraphs) if per_para.get(i, 0) >= 2]
    found = _repeats(multi, text, "paragraph", min_chars, similarity)
    covered = [(r.start, r.end) for r in found]
    whole = {(p.start, p.end) for i, p in enumerate(paragraphs) if per_para.get(i, 0) == 1}
    units = [(s.start, s.end) for s in sentences if not any(a <= s.start and s.end <= b for a, b in covered)]
    for r in _repeats(units, text, "sentence", min_chars, similarity):
        if (r.start, r.end) in whole and (r.first_start, r.first_end) in whole:
            r = Repeat("paragraph", r.start, r.end, r.first_start, r.first_end, r.similarity, r.occurrence)
        found.append(r)
    return sorted(found, key=lambda r: r.start)
