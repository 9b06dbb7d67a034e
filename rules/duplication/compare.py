"""Verifying a near-duplicate candidate: Jaccard, containment both ways, shared passages.

Definitions (documented in the rule's rationale and docs):

* **Jaccard**: distinct shingles in both / distinct shingles in either.
* **Containment of A in B**: the share of A's words that lie inside at least one of A's shingles
  that also occurs in B. A single edited word leaves only that word uncovered, so a copy with 10 %
  of its words edited still shows about 90 % containment (a shingle-set ratio would show ~73 %).
* **Shared passages**: maximal runs of shingles that follow each other in both files, joined across
  gaps of at most :data:`GAP` shingles (an edited word or two), at least :data:`MIN_PASSAGE_WORDS`
  words long; each with its character span in both files.

Run files are compared on their 32-bit shingle hashes; archive entries on 16-bit hashes (the index
keeps only those), which adds about 1.5 % of chance matches per 1,000 shingles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rules.duplication.shingles import I32, U32, K

GAP = K + 3
MIN_PASSAGE_WORDS = 8
MAX_PASSAGES = 20

Keys = npt.NDArray[np.uint32] | npt.NDArray[np.uint16]


@dataclass(slots=True)
class Sequence:
    """One side of a comparison: shingle keys in text order and word offsets."""

    keys: Keys
    starts: I32
    ends: I32
    _unique: Keys | None = None

    @property
    def words(self) -> int:
        return len(self.starts)

    def unique(self) -> Keys:
        """The distinct keys, sorted (computed once)."""
        if self._unique is None:
            self._unique = np.unique(self.keys)  # type: ignore[assignment]
        assert self._unique is not None
        return self._unique

    def span(self, first: int, last: int) -> tuple[int, int]:
        return int(self.starts[first]), int(self.ends[min(last + K - 1, self.words - 1)])


@dataclass(frozen=True, slots=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(slots=True)
class Measures:
    jaccard: float
    containment_a: float  # share of A's words covered by shingles found in B
    containment_b: float
    shared_words_a: int
    shared_words_b: int
    passages: list[Passage] = field(default_factory=list)

    def swapped(self) -> Measures:
        return Measures(
            self.jaccard,
            self.containment_b,
            self.containment_a,
            self.shared_words_b,
            self.shared_words_a,
            [Passage(p.b_start, p.b_end, p.a_start, p.a_end, p.words) for p in self.passages],
        )


def to16(keys: U32) -> npt.NDArray[np.uint16]:
    return (keys >> np.uint32(16)).astype(np.uint16)


def _covered(hit: npt.NDArray[np.bool_], words: int) -> int:
    """Words inside at least one hit shingle (shingle i covers words i .. i+K-1)."""
    if words == 0 or not hit.any():
        return 0
    cover = np.convolve(hit.astype(np.int32), np.ones(K, dtype=np.int32))[:words]
    return int(np.count_nonzero(cover))


def _member(keys: Keys, sorted_unique: Keys) -> npt.NDArray[np.bool_]:
    """``np.isin(keys, sorted_unique)`` by binary search (the set side is already sorted)."""
    if len(sorted_unique) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_unique, keys), len(sorted_unique) - 1)
    return np.asarray(sorted_unique[pos] == keys)


def quick_overlap(ua: Keys, ub: Keys) -> tuple[int, float]:
    """Distinct shared shingles and their share of the smaller set (sorted unique inputs)."""
    inter = len(np.intersect1d(ua, ub, assume_unique=True))
    smaller = min(len(ua), len(ub))
    return inter, inter / smaller if smaller else 0.0


def measure(a: Sequence, b: Sequence, passages: bool = True, floor: float = 0.0) -> Measures | None:
    """The pair's measures; None when neither containment reaches ``floor``."""
    if a.words == 0 or b.words == 0:
        return Measures(0.0, 0.0, 0.0, 0, 0) if floor <= 0 else None
    ua, ub = a.unique(), b.unique()
    in_b = _member(a.keys, ub)
    in_a = _member(b.keys, ua)
    cov_a = _covered(in_b, a.words)
    cov_b = _covered(in_a, b.words)
    if max(cov_a / a.words, cov_b / b.words) < floor:
        return None
    inter = len(np.intersect1d(ua, ub, assume_unique=True))
    union = len(ua) + len(ub) - inter
    m = Measures(inter / union if union else 0.0, cov_a / a.words, cov_b / b.words, cov_a, cov_b)
    if passages and inter:
        m.passages = shared_passages(a, b, in_b)
    return m


def shared_passages(a: Sequence, b: Sequence, in_b: npt.NDArray[np.bool_]) -> list[Passage]:
    """Runs of shingles in the same order in both files (each matched to its first occurrence in B),
    joined across gaps of at most GAP shingles, at least MIN_PASSAGE_WORDS words long."""
    ia = np.flatnonzero(in_b)
    if len(ia) == 0:
        return []
    ub, first = np.unique(b.keys, return_index=True)
    jb = first[np.searchsorted(ub, a.keys[ia])]
    breaks = np.flatnonzero((np.diff(ia) != 1) | (np.diff(jb) != 1)) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(ia)])) - 1
    runs = zip(ia[starts].tolist(), ia[ends].tolist(), jb[starts].tolist(), jb[ends].tolist(), strict=True)
    merged: list[list[int]] = []
    for i0, i1, j0, j1 in runs:
        if merged:
            last = merged[-1]
            di, dj = i0 - last[1], j0 - last[3]
            if 0 < di <= GAP and 0 < dj <= GAP:
                last[1], last[3] = i1, max(last[3], j1)
                continue
        merged.append([i0, i1, j0, j1])
    out: list[Passage] = []
    for i0, i1, j0, j1 in merged:
        words = i1 - i0 + K
        if words < MIN_PASSAGE_WORDS:
            continue
        a0, a1 = a.span(i0, i1)
        b0, b1 = b.span(j0, j1)
        out.append(Passage(a0, a1, b0, max(b0, b1), min(words, a.words)))
    out.sort(key=lambda p: -p.words)
    return sorted(out[:MAX_PASSAGES], key=lambda p: p.a_start)
