"""Normalised word shingles, MinHash signatures, LSH band keys and shared passages.

Everything here is deterministic across processes and runs (no salted ``hash()``), because
signatures and band keys are stored in the archive index and compared with later runs.

* A word is a token of :data:`checker.segment.WORD`, NFKC-normalised and case-folded; curly
  apostrophes become straight ones. Its hash is CRC-32 of the UTF-8 bytes.
* A shingle is :data:`K` consecutive words; its 32-bit hash mixes the word hashes (a text with
  fewer than ``K`` words has one shingle of all its words).
* The MinHash signature has :data:`NUM_PERM` values: one-permutation MinHash (each shingle lands in
  one bin, a bin keeps its minimum) with rotation densification for empty bins (:func:`minhash`).
* LSH: the signature is cut into :data:`BANDS` bands of :data:`ROWS` values; each band becomes one
  signed 64-bit key (band number mixed in), the unit the archive index stores in an indexed column.
* Verification compares the shingle sequences themselves (:mod:`rules.duplication.compare`); the
  archive index keeps each article's sequence as 16-bit hashes plus word offsets, not its text.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from checker.article import Article

K = 3  # words per shingle
NUM_PERM = 256
BANDS = 128
ROWS = 2
SIG_VERSION = f"oph-w{K}-p{NUM_PERM}-b{BANDS}x{ROWS}-v1"

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

_MASK64 = (1 << 64) - 1
_rng = np.random.default_rng(20261122)
_A: U64 = (_rng.integers(1, 1 << 63, size=NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B: U64 = _rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_MIX: U64 = (_rng.integers(1, 1 << 63, size=K, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_BAND_MIX: U64 = (_rng.integers(1, 1 << 63, size=ROWS + 1, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_EMPTY_SIG: U32 = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_BIN_BITS = NUM_PERM.bit_length() - 1
assert 1 << _BIN_BITS == NUM_PERM


def normalise_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'").replace("\u2018", "'")


def _fmix(x: U64) -> U64:
    """The 64-bit finaliser of MurmurHash3 (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def shingle_hashes(word_hashes: U32) -> U32:
    """32-bit hashes of the ``K``-word shingles, in text order."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    w = word_hashes.astype(np.uint64)
    if n < K:
        acc = np.zeros(1, dtype=np.uint64)
        for i in range(n):
            acc = acc * np.uint64(0x100000001B3) + w[i : i + 1] * _MIX[i]
        return (_fmix(acc) >> np.uint64(32)).astype(np.uint32)
    m = n - K + 1
    acc = np.zeros(m, dtype=np.uint64)
    for i in range(K):
        acc = acc + w[i : i + m] * _MIX[i]
    return (_fmix(acc) >> np.uint64(32)).astype(np.uint32)


def minhash(shingles: U32) -> U32:
    """The signature of a set of shingle hashes: one-permutation MinHash with rotation densification.

    Each distinct shingle is mixed to 64 bits; its top 8 bits pick one of ``NUM_PERM`` bins and its low
    32 bits are its value; a bin keeps its minimum. An empty bin borrows the value of the next
    non-empty bin to its right (circularly) plus ``distance * C``, so two sets agree on a bin with
    probability equal to their Jaccard similarity (Shrivastava and Li, 2014). One pass over the
    shingles instead of ``NUM_PERM`` passes.
    """
    if len(shingles) == 0:
        return _EMPTY_SIG.copy()
    x = _fmix(np.unique(shingles).astype(np.uint64) * _A[0] + _B[0])
    bins = (x >> np.uint64(64 - _BIN_BITS)).astype(np.intp)
    vals = (x & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    out = _EMPTY_SIG.copy()
    np.minimum.at(out, bins, vals)
    filled = np.zeros(NUM_PERM, dtype=bool)
    filled[bins] = True
    if not filled.all():
        full = np.flatnonzero(filled)
        pos = np.arange(NUM_PERM)
        nxt = np.searchsorted(full, pos)
        wrap = nxt == len(full)
        src = full[np.where(wrap, 0, nxt)]
        dist = np.where(wrap, src + NUM_PERM - pos, src - pos).astype(np.uint32)
        out = np.where(filled, out, out[src] + dist * np.uint32(0x9E3779B1)).astype(np.uint32)
    return out


def band_keys(signature: U32) -> I64:
    """One signed 64-bit key per LSH band (the band's number is part of the key); of a stack of
    signatures (rows), one row of keys each."""
    rows = signature.astype(np.uint64).reshape(*signature.shape[:-1], BANDS, ROWS)
    acc = np.arange(BANDS, dtype=np.uint64) * _BAND_MIX[ROWS]
    for j in range(ROWS):
        acc = acc + rows[..., j] * _BAND_MIX[j]
    return _fmix(acc).view(np.int64)


@dataclass(slots=True)
class Fingerprint:
    """What the near-duplicate step keeps of one file (picklable; travels back from the workers)."""

    words: int
    shingles: U32  # shingle hashes in text order (shingle i starts at word i)
    starts: I32  # char offset of each word
    ends: I32  # char offset one past each word
    signature: U32
    date: str | None = None  # the header date, YYYY-MM-DD (the duplication rules add a date the text states at its top)
    content_hash: str = ""
    text: str = ""  # the file text, for excerpts in the corpus step

    def unique(self) -> U32:
        return np.unique(self.shingles)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Char span of shingles ``first..last`` (inclusive)."""
        return int(self.starts[first]), int(self.ends[min(last + K - 1, self.words - 1)])


def word_hashes(article: Article) -> tuple[U32, I32, I32]:
    """CRC-32 of each normalised word, and the words' char offsets."""
    text = article.text
    words = article.words
    n = len(words)
    low = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    spans = zip(words.starts, words.ends, strict=True)
    toks: Iterable[str]  # one word at a time: a list of every word was the largest object here
    if len(low) == len(text):
        toks = (t if t.isascii() else normalise_word(t) for t in (low[s:e] for s, e in spans))
    else:
        toks = (normalise_word(text[s:e]) for s, e in spans)
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, toks)), dtype=np.uint32, count=n)
    return hashes, np.array(words.starts, dtype=np.int32), np.array(words.ends, dtype=np.int32)


def fingerprint(article: Article) -> Fingerprint:
    """The article's fingerprint (memoise with ``article.derive(fingerprint)``)."""
    from rules.duplication.exact import content_hash

    hashes, starts, ends = word_hashes(article)
    sh = shingle_hashes(hashes)
    return Fingerprint(len(hashes), sh, starts, ends, minhash(sh), declared_date(article), article.derive(content_hash), article.text)


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def declared_date(article: Article) -> str | None:
    """The header's date as YYYY-MM-DD, or None when there is none or it names no full day."""
    fld = article.header.get("date")
    if fld is None:
        return None
    m = _ISO.match(fld.value.strip())
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        from dateutil import parser

        one = parser.parse(fld.value, default=datetime(2000, 1, 1))
        two = parser.parse(fld.value, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    return one.date().isoformat() if one.date() == two.date() else None


def as_jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value
