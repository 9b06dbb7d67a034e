"""The document model's features: hashed n-grams of words and of a frequency-masked text.

A text is split into tokens (words, numbers, punctuation marks; white space only separates them, so
a text with one sentence per line and the same text in paragraphs give the same features). Two
streams are hashed:

* ``word``: the lower-cased tokens, as 1- to ``word_n``-grams;
* ``mask``: each token replaced by itself when it is one of the ``top_words`` (the most frequent
  English words, listed in the model file), otherwise by a symbol for its shape and its wordfreq
  frequency band ("a lower-case word of Zipf 3", "a capitalised word wordfreq does not know", "a
  number"), as 1- to ``mask_n``-grams. These carry word order and function words without the topic.

Each n-gram is hashed (a stable CRC-32 of each token, combined with multiplicative hashing) into
``2 ** hash_bits`` buckets; a text's vector is the log of 1 + each bucket's count, scaled to unit
length. Training (:mod:`rules.translation.train`) and inference (:mod:`rules.translation.model`) both
build their vectors here, so they cannot drift apart. Everything is linear in the text's length.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rules.translation.tables import frequencies

TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads the combined n-gram hash over the buckets
_STEP = np.uint64(1_000_003)
_CACHE_LIMIT = 200_000  # token -> hash entries kept between texts (cleared when full)
# Typography says which tool or house style set the text, not whether it was translated (in the training
# data curly quotes marked some systems' output and some years' references): folded when the settings say so
TYPOGRAPHY = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2026": ".",
    }
)

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Settings:
    """What the vectors depend on; stored in the model file's header and checked on load."""

    hash_bits: int
    word_n: int
    mask_n: int
    top_words: tuple[str, ...]
    typography: bool = False  # fold curly quotes, dashes and the ellipsis into their plain forms before hashing

    def header(self) -> dict[str, object]:
        return {
            "hash_bits": self.hash_bits,
            "word_n": self.word_n,
            "mask_n": self.mask_n,
            "top_words": list(self.top_words),
            "typography": self.typography,
        }

    @classmethod
    def from_header(cls, header: dict[str, object]) -> Settings:
        words = header["top_words"]
        if not isinstance(words, list):
            raise ValueError("top_words must be a list")
        return cls(
            int(str(header["hash_bits"])),
            int(str(header["word_n"])),
            int(str(header["mask_n"])),
            tuple(str(w) for w in words),
            bool(header.get("typography", False)),  # files written before the setting existed: no folding
        )


def _crc(token: str) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass")) + 1


def most_frequent_words(n: int) -> tuple[str, ...]:
    """The ``n`` most frequent English words in wordfreq (alphabetic ones), most frequent first."""
    ranked = sorted(((f, w) for w, f in frequencies().items() if w.isalpha()), key=lambda fw: (-fw[0], fw[1]))
    return tuple(w for _, w in ranked[:n])


class _Rows(dict[str, int]):
    """Token -> row number; a token not seen before gets the next row and waits in ``new`` for its hashes."""

    def __init__(self) -> None:
        super().__init__()
        self.new: list[str] = []

    def __missing__(self, token: str) -> int:
        row = self[token] = len(self)
        self.new.append(token)
        return row

    def clear(self) -> None:
        super().clear()
        self.new.clear()


class Hasher:
    """Turns texts into bucket indices under one :class:`Settings`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.top = frozenset(settings.top_words)
        self.shift = np.uint64(64 - settings.hash_bits)
        self._rows = _Rows()  # token -> its row in self._table (the token's two hashes), kept between texts
        self._table = np.zeros((1024, 2), dtype=np.uint64)
        self._freq = frequencies()

    def _codes(self, token: str) -> tuple[int, int]:
        """A token's word hash (of its lower-case form) and masked hash: the word itself if it is a top
        word, else a symbol for its shape and frequency band."""
        if self.settings.typography:
            token = token.translate(TYPOGRAPHY)
        lower = token.lower()
        if lower in self.top:
            symbol = lower
        elif token[0].isdigit():
            symbol = "<num>"
        elif not token[0].isalpha():
            symbol = token
        else:
            f = self._freq.get(lower, 0.0)
            band = min(7, max(1, int(math.log10(f) + 9.0))) if f else 0
            shape = "u" if token.isupper() and len(token) > 1 else "c" if token[0].isupper() else "l"
            symbol = f"<{shape}{band}>"
        return _crc(lower), _crc(symbol)

    def tokens(self, text: str) -> list[str]:
        return TOKEN.findall(text)

    def streams(self, tokens: Sequence[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        """The word and masked token hashes of ``tokens``, as two arrays. A token's hashes are computed
        the first time the process meets it (up to _CACHE_LIMIT tokens are kept); every other token is
        one dictionary look-up, made in C."""
        rows = self._rows
        if len(rows) + len(tokens) > _CACHE_LIMIT:
            rows.clear()
        order = np.fromiter(map(rows.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        if rows.new:
            size = len(rows)
            if size > len(self._table):
                grown = np.zeros((max(size, 2 * len(self._table)), 2), dtype=np.uint64)
                grown[: len(self._table)] = self._table
                self._table = grown
            self._table[size - len(rows.new) : size] = np.array([self._codes(t) for t in rows.new], dtype=np.uint64).reshape(-1, 2)
            rows.new.clear()
        return self._table[order, 0], self._table[order, 1]

    def grams(self, stream: npt.NDArray[np.uint64], n_max: int, salt: int) -> list[IntArray]:
        """For n = 1 .. n_max: the bucket of the n-gram starting at each position (len - n + 1 of them)."""
        out: list[IntArray] = []
        h = np.full(len(stream), np.uint64(salt), dtype=np.uint64)
        for n in range(1, n_max + 1):
            if len(stream) < n:
                out.append(np.zeros(0, dtype=np.int64))
                continue
            h = h[: len(stream) - n + 1] * _STEP + stream[n - 1 :]
            out.append(((h * _MULT) >> self.shift).astype(np.int64))
        return out

    def indices(self, tokens: Sequence[str], cuts: Sequence[tuple[int, int]] = ()) -> tuple[IntArray, list[IntArray]]:
        """The bucket indices of every n-gram of ``tokens`` (the whole text), and for each token range
        in ``cuts`` those of the n-grams lying wholly inside it (a paragraph's own vector)."""
        words, masked = self.streams(tokens)
        s = self.settings
        grams = [(g, n + 1) for n, g in enumerate(self.grams(words, s.word_n, 1))]
        grams += [(g, n + 1) for n, g in enumerate(self.grams(masked, s.mask_n, 2))]
        whole = np.concatenate([g for g, _ in grams]) if grams else np.zeros(0, dtype=np.int64)
        parts = [np.concatenate([g[a : max(a, b - n + 1)] for g, n in grams]) for a, b in cuts]
        return whole, parts

    def keyed(self, tokens: Sequence[str], group: IntArray, groups: int) -> IntArray:
        """Every n-gram of ``tokens`` as a key ``text << hash_bits | bucket``: once as part of the whole
        text (text ``groups``) and once more as part of group ``group[i]`` when all its tokens are in
        that group (a group below zero is not scored on its own). One array for :func:`logits_of_keys`."""
        words, masked = self.streams(tokens)
        s, bits = self.settings, self.settings.hash_bits
        whole = np.int64(groups) << bits
        keys: list[IntArray] = []
        for stream, n_max, salt in ((words, s.word_n, 1), (masked, s.mask_n, 2)):
            for n, buckets in enumerate(self.grams(stream, n_max, salt), start=1):
                keys.append(buckets | whole)
                first = group[: len(buckets)]
                inside = (first >= 0) & (first == group[n - 1 :])
                keys.append((first[inside] << bits) | buckets[inside])
        return np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)


def logits_of_keys(keys: IntArray, texts: int, bits: int, coef: npt.NDArray[np.float32], intercept: float) -> list[float]:
    """The logit of each of ``texts`` texts from keys ``text << bits | bucket`` (one per n-gram): the
    same figure as ``intercept + coef . vector(its buckets)``, for all texts in one sort."""
    if not len(keys):
        return [intercept] * texts
    unique, counts = np.unique(keys, return_counts=True)
    text, buckets = unique >> bits, unique & ((1 << bits) - 1)
    values = np.log1p(counts.astype(np.float64))
    norms = np.sqrt(np.bincount(text, weights=values * values, minlength=texts))
    dots = np.bincount(text, weights=coef[buckets].astype(np.float64) * values, minlength=texts)
    return [intercept + (float(d) / float(m) if m > 0 else 0.0) for d, m in zip(dots, norms, strict=True)]


def vector(indices: IntArray) -> tuple[IntArray, npt.NDArray[np.float64]]:
    """The sparse unit vector of a text: its distinct buckets and their values (log(1 + count), scaled)."""
    if not len(indices):
        return indices, np.zeros(0)
    buckets, counts = np.unique(indices, return_counts=True)
    values = np.log1p(counts.astype(np.float64))
    return buckets, values / float(np.sqrt(np.dot(values, values)))
