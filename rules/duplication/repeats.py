"""Repeated passages inside one article: paragraphs first, then sentences outside repeated paragraphs.

Two passages are compared on their normalised form (NFKC, case-folded, white space collapsed) with
rapidfuzz's normalised Indel similarity (``fuzz.ratio``); a passage repeats an earlier one when the
similarity reaches the threshold. Passages whose normalised form is
shorter than the minimum length are never compared (short boilerplate: "Advertisement", "Read more").
"""

from __future__ import annotations

import heapq
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from checker.article import Article
from rules.duplication.shingles import _fmix

DEFAULT_MIN_CHARS = 50
DEFAULT_SIMILARITY = 0.9
HEAVY_SHARE = 0.5  # DU001: repeats making up this share of the text are one error (mostly repetition)


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


# Candidate generation: one-permutation MinHash over character 4-grams (each gram hashed once, its
# top bits pick one of BANDS bins, a bin keeps its minimum; a bin no gram falls in is no key). A near
# repeat at the default similarity shares most of its 4-grams with its first occurrence and so most
# of its bin minima; each unit is verified (rapidfuzz) only against the first occurrences it shares
# at least MIN_SHARED bins with, the CANDIDATES that share the most, and a bin value lends at most
# BUCKET first occurrences. The work per unit is bounded, so an article of 50,000 sentences costs
# 50,000 units of work, not 50,000 squared comparisons (``process.cdist`` did that before).
Q = 4
BANDS = 32
MIN_SHARED = 2
CANDIDATES = 16
BUCKET = 16
_BIN_SHIFT = np.uint64(64 - (BANDS.bit_length() - 1))
_MUL = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_BLOCK = 1 << 13  # gram positions hashed in one pass (about 0.5 MB of arrays)


def _signatures(norms: list[str]) -> npt.NDArray[np.uint64]:
    """``(len(norms), BANDS)`` one-permutation MinHash of each string's character Q-grams (a string
    shorter than Q is one gram, padded with NULs; an empty bin holds all ones). The strings are
    joined with Q NULs between them and hashed _BLOCK gram positions at a time, so the arrays of
    a pass stay small however large the article or one of its passages."""
    n = len(norms)
    out = np.full(n * BANDS, _EMPTY, dtype=np.uint64)
    if n == 0:
        return out.reshape(0, BANDS)
    sep = "\x00" * Q
    joined = sep.join(norms) + sep
    lengths = np.fromiter(map(len, norms), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(lengths + Q)[:-1]))
    last = starts + np.maximum(lengths - Q, 0)  # the last gram position of each string
    stop = int(last[-1]) + 1
    for lo in range(0, stop, _BLOCK):
        hi = min(stop, lo + _BLOCK)
        cps = np.frombuffer(joined[lo : hi + Q - 1].encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        gram = np.zeros(hi - lo, dtype=np.uint64)
        for k in range(Q):
            gram = gram * np.uint64(0x100000001B3) + cps[k : k + hi - lo]
        pos = np.arange(lo, hi)
        owner = np.searchsorted(starts, pos, side="right") - 1
        keep = pos <= last[owner]
        x = _fmix(gram[keep] * _MUL)
        np.minimum.at(out, owner[keep] * BANDS + (x >> _BIN_SHIFT).astype(np.int64), x)
    return out.reshape(n, BANDS)


def _shared(sigs: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Which bin values of ``sigs`` another bin has too (empty bins never). A value is in one bin of
    a unit at most (its top bits are its bin), so another bin holding it is another unit's."""
    flat = sigs.ravel()
    ordered = np.sort(flat)
    again = ordered[1:][ordered[1:] == ordered[:-1]]
    del ordered
    twice = np.unique(again[again != _EMPTY])
    if not len(twice):
        return np.zeros(sigs.shape, dtype=bool)
    at = np.searchsorted(twice, flat)
    np.minimum(at, len(twice) - 1, out=at)
    found: npt.NDArray[np.bool_] = (twice[at] == flat).reshape(sigs.shape)
    return found


def _repeats(units: Iterable[tuple[int, int]], text: str, unit: str, min_chars: int, cutoff: float) -> list[Repeat]:
    keep = [(u, n) for u in units if len(n := normalise(text[u[0] : u[1]])) >= min_chars]
    if len(keep) < 2:
        return []
    norms = [n for _, n in keep]
    sigs = _signatures(norms)
    # Only a band value another unit has too can make a candidate: the rest are dropped at once
    # (ordinary text has almost none), so the loop below touches only units that share something.
    sharing = _shared(sigs)
    live = np.flatnonzero(sharing.sum(axis=1) >= MIN_SHARED).tolist()
    keys = {i: sigs[i][sharing[i]].tolist() for i in live}
    buckets: dict[int, list[int]] = {}  # bin value -> first occurrences that have it
    exact: dict[str, int] = {}  # normalised text -> first occurrence
    limit = cutoff * 100
    out: list[Repeat] = []
    count: dict[int, int] = {}
    for i in live:
        norm = norms[i]
        shared = Counter(chain.from_iterable(buckets.get(key, ()) for key in keys[i]))
        best, best_score = -1, 0
        same = exact.get(norm)
        if same is not None:
            best, best_score = same, 100
        ranked = [(-c, j) for j, c in shared.items() if c >= MIN_SHARED]
        if len(ranked) > CANDIDATES:
            ranked = heapq.nsmallest(CANDIDATES, ranked)
        for j in sorted(j for _, j in ranked):  # earliest first: a tie goes to the first occurrence
            if best_score == 100 and j >= best:
                break
            score = fuzz.ratio(norm, norms[j], score_cutoff=limit)
            rounded = int(score + 0.5) if score else 0  # the whole percent process.cdist compared
            if rounded > best_score or (rounded == best_score and rounded and j < best):
                best, best_score = j, rounded
        if best < 0:
            exact.setdefault(norm, i)
            for key in keys[i]:
                bucket = buckets.setdefault(key, [])
                if len(bucket) < BUCKET:
                    bucket.append(i)
            continue
        similarity = 1.0 if norm == norms[best] else fuzz.ratio(norm, norms[best]) / 100
        count[best] = count.get(best, 1) + 1
        (s, e), (fs, fe) = keep[i][0], keep[best][0]
        out.append(Repeat(unit, s, e, fs, fe, round(similarity, 3), count[best]))
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
    # the repeated paragraphs, in text order and apart: a sentence is inside one when it is inside the
    # last that starts at or before it (a bisection, not a scan of every repeat per sentence)
    covered_starts = [r.start for r in found]
    covered_ends = [r.end for r in found]
    whole = {(p.start, p.end) for i, p in enumerate(paragraphs) if per_para.get(i, 0) == 1}

    def outside(s: int, e: int) -> bool:
        k = bisect_right(covered_starts, s) - 1
        return k < 0 or e > covered_ends[k]

    units = ((s, e) for s, e in zip(sentences.starts, sentences.ends, strict=True) if outside(s, e))
    for r in _repeats(units, text, "sentence", min_chars, similarity):
        if (r.start, r.end) in whole and (r.first_start, r.first_end) in whole:
            r = Repeat("paragraph", r.start, r.end, r.first_start, r.first_end, r.similarity, r.occurrence)
        found.append(r)
    return sorted(found, key=lambda r: r.start)
