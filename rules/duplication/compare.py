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
    _inverse: npt.NDArray[np.intp] | None = None
    _first: npt.NDArray[np.intp] | None = None

    @property
    def words(self) -> int:
        return len(self.starts)

    def inverse(self) -> npt.NDArray[np.intp]:
        """For each shingle, its index in :meth:`unique` (computed once)."""
        if self._inverse is None:
            self._inverse = np.searchsorted(self.unique(), self.keys)
        return self._inverse

    def first(self) -> npt.NDArray[np.intp]:
        """For each of :meth:`unique`, the index of its first shingle (computed once)."""
        if self._first is None:
            self._first = np.unique(self.keys, return_index=True)[1]
        return self._first

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


@dataclass(slots=True)
class Overlaps:
    """One file compared with many at once (:func:`overlaps`): per other file, the distinct shared
    shingles, the covered words on both sides, and this file's hit shingles (one row per other)."""

    inter: npt.NDArray[np.intp]
    covered_a: npt.NDArray[np.intp]
    covered_b: npt.NDArray[np.intp]
    hits_a: npt.NDArray[np.bool_]

    def measures(self, i: int, a: Sequence, b: Sequence, passages: bool = True) -> Measures:
        """What :func:`measure` returns for ``a`` and the ``i``-th other file ``b``."""
        inter = int(self.inter[i])
        union = len(a.unique()) + len(b.unique()) - inter
        cov_a, cov_b = int(self.covered_a[i]), int(self.covered_b[i])
        m = Measures(inter / union if union else 0.0, cov_a / a.words, cov_b / b.words, cov_a, cov_b)
        if passages and inter:
            m.passages = shared_passages(a, b, self.hits_a[i])
        return m


def overlaps(a: Sequence, others: list[Sequence]) -> Overlaps:
    """:func:`measure`'s counts for ``a`` against each of ``others`` in a few numpy operations instead
    of a few dozen per pair (a run's candidate pairs number in the hundreds of thousands). Every
    sequence must have at least ``K`` words (one shingle per word but the last ``K - 1``)."""
    assert a.words >= K
    ua = a.unique()
    n = len(others)
    # The others' distinct keys, looked up in A's.
    uniques = [o.unique() for o in others]
    u_len = np.fromiter(map(len, uniques), dtype=np.intp, count=n)
    u_all: Keys = np.concatenate(uniques) if n else ua[:0]  # type: ignore[assignment]
    u_owner = np.repeat(np.arange(n), u_len)
    u_in, u_pos = _lookup(ua, u_all)
    inter = np.bincount(u_owner[u_in], minlength=n)
    # A's shingles hit by each other file: a shingle of A is in B when its distinct key is.
    shared = np.zeros((n, len(ua)), dtype=bool)
    shared[u_owner[u_in], u_pos[u_in]] = True
    hits_a = shared[:, a.inverse()]
    width = hits_a.shape[1]
    cover_a = np.zeros((n, a.words), dtype=bool)
    for t in range(K):
        cover_a[:, t : t + width] |= hits_a
    covered_a = np.count_nonzero(cover_a, axis=1)
    # The others' shingles hit by A (through their distinct keys), laid out word by word: a hit at
    # shingle i covers words i .. i+K-1, which never reach past that file's last word.
    inverses = [o.inverse() for o in others]
    k_len = np.fromiter(map(len, inverses), dtype=np.intp, count=n)
    w_len = np.fromiter((len(o.starts) for o in others), dtype=np.intp, count=n)
    assert n == 0 or int(w_len.min()) >= K
    u_start = np.cumsum(u_len) - u_len
    k_start = np.cumsum(k_len) - k_len
    w_start = np.cumsum(w_len) - w_len
    k_in = u_in[np.concatenate(inverses) + np.repeat(u_start, k_len)] if n else u_in
    word_of = np.flatnonzero(k_in)
    word_of += np.repeat(w_start - k_start, k_len)[word_of]
    hit_words = np.zeros(int(w_len.sum()), dtype=bool)
    hit_words[word_of] = True
    cover_b = hit_words.copy()
    for t in range(1, K):
        cover_b[t:] |= hit_words[:-t]
    covered_b = np.add.reduceat(cover_b, w_start, dtype=np.intp) if n else np.zeros(0, dtype=np.intp)
    return Overlaps(inter, covered_a, covered_b, hits_a)


_TABLE_LOAD = 8  # table slots per key


def _lookup(sorted_unique: Keys, keys: Keys) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp]]:
    """For each of ``keys``: is it in ``sorted_unique``, and at which index. A direct-mapped table on
    the low bits of the keys (they are hashes), binary search only for keys whose slot is shared:
    several times faster than ``searchsorted`` on unsorted keys."""
    if len(sorted_unique) == 0:
        return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.intp)
    bits = min(int(len(sorted_unique) * _TABLE_LOAD).bit_length(), 8 * sorted_unique.dtype.itemsize)
    mask = sorted_unique.dtype.type((1 << bits) - 1)
    slots = (sorted_unique & mask).astype(np.intp)
    count = np.bincount(slots, minlength=1 << bits)
    alone = count[slots] == 1
    index = np.full(1 << bits, -1, dtype=np.intp)
    index[slots[alone]] = np.flatnonzero(alone)
    value = np.zeros(1 << bits, dtype=sorted_unique.dtype)
    value[slots[alone]] = sorted_unique[alone]
    where = (keys & mask).astype(np.intp)
    pos = index[where]
    found = (pos >= 0) & (value[where] == keys)
    crowded = np.flatnonzero(count[where] > 1)
    if len(crowded):
        p = np.minimum(np.searchsorted(sorted_unique, keys[crowded]), len(sorted_unique) - 1)
        pos[crowded] = p
        found[crowded] = sorted_unique[p] == keys[crowded]
    return found, pos


def shared_passages(a: Sequence, b: Sequence, in_b: npt.NDArray[np.bool_]) -> list[Passage]:
    """Runs of shingles in the same order in both files (each matched to its first occurrence in B),
    joined across gaps of at most GAP shingles, at least MIN_PASSAGE_WORDS words long."""
    ia = np.flatnonzero(in_b)
    if len(ia) == 0:
        return []
    jb = b.first()[np.searchsorted(b.unique(), a.keys[ia])]
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
