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

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Settings:
    """What the vectors depend on; stored in the model file's header and checked on load."""

    hash_bits: int
    word_n: int
    mask_n: int
    top_words: tuple[str, ...]

    def header(self) -> dict[str, object]:
        return {"hash_bits": self.hash_bits, "word_n": self.word_n, "mask_n": self.mask_n, "top_words": list(self.top_words)}

    @classmethod
    def from_header(cls, header: dict[str, object]) -> Settings:
        words = header["top_words"]
        if not isinstance(words, list):
            raise ValueError("top_words must be a list")
        return cls(int(str(header["hash_bits"])), int(str(header["word_n"])), int(str(header["mask_n"])), tuple(str(w) for w in words))


def most_frequent_words(n: int) -> tuple[str, ...]:
    """The ``n`` most frequent English words in wordfreq (alphabetic ones), most frequent first."""
    ranked = sorted(((f, w) for w, f in frequencies().items() if w.isalpha()), key=lambda fw: (-fw[0], fw[1]))
    return tuple(w for _, w in ranked[:n])


class Hasher:
    """Turns texts into bucket indices under one :class:`Settings`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.top = frozenset(settings.top_words)
        self.shift = np.uint64(64 - settings.hash_bits)
        self._ids: dict[str, int] = {}
        self._masks: dict[str, int] = {}
        self._freq = frequencies()

    def _id(self, token: str) -> int:
        h = self._ids.get(token)
        if h is None:
            if len(self._ids) >= _CACHE_LIMIT:
                self._ids.clear()
            h = self._ids[token] = zlib.crc32(token.encode("utf-8", "surrogatepass")) + 1
        return h

    def _mask(self, token: str, lower: str) -> int:
        """The masked token's hash: the word itself if it is a top word, else its shape and band."""
        h = self._masks.get(token)
        if h is None:
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
            if len(self._masks) >= _CACHE_LIMIT:
                self._masks.clear()
            h = self._masks[token] = self._id(symbol)
        return h

    def tokens(self, text: str) -> list[str]:
        return TOKEN.findall(text)

    def streams(self, tokens: Sequence[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        """The word and masked token hashes of ``tokens``, as two arrays."""
        lower = [t.lower() for t in tokens]
        words = np.fromiter((self._id(t) for t in lower), dtype=np.uint64, count=len(lower))
        masked = np.fromiter((self._mask(t, lo) for t, lo in zip(tokens, lower, strict=True)), dtype=np.uint64, count=len(lower))
        return words, masked

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


def vector(indices: IntArray) -> tuple[IntArray, npt.NDArray[np.float64]]:
    """The sparse unit vector of a text: its distinct buckets and their values (log(1 + count), scaled)."""
    if not len(indices):
        return indices, np.zeros(0)
    buckets, counts = np.unique(indices, return_counts=True)
    values = np.log1p(counts.astype(np.float64))
    return buckets, values / float(np.sqrt(np.dot(values, values)))
