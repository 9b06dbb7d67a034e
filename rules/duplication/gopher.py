"""The Gopher repetition signals (Rae et al. 2021, table A1), with datatrove's exact definitions.

As ``datatrove/pipeline/filters/gopher_repetition_filter.py`` computes them on a document's text
``T`` (here: the article body, the metadata header excluded):

* paragraphs = ``re.split(r"\\n{2,}", T.strip())``; a paragraph is a duplicate when an identical one
  came before. ``dup_para_frac`` = duplicate paragraphs / paragraphs; ``dup_para_char_frac`` =
  characters of the duplicate paragraphs / ``len(T)``.
* lines = ``re.split("\\n+", T)``; ``dup_line_frac`` and ``dup_line_char_frac`` likewise.
* words = the word tokens of ``T`` (see below). ``top_{n}gram_char_frac`` (n = 2, 3, 4): the most
  frequent n-gram, written with single spaces between its words, times its count, over ``len(T)``
  (a text with no repeat still has a top n-gram of count 1).
* ``dup_{n}gram_char_frac`` (n = 5..10): scan the n-grams left to right; an n-gram seen before adds
  the length of its words joined *without* spaces and the scan jumps n words ahead, otherwise it
  moves one word; the sum over ``len(T)``.

datatrove tokenises with an NLTK/spaCy word tokenizer (words and punctuation marks as tokens); this
module uses the project's word pattern plus every other non-space character as its own token, which
matches those tokenizers on ordinary news prose without the dependency.

Default thresholds are Gopher's: a signal strictly above its threshold counts.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from checker.article import Article

PARAGRAPH_SPLIT = re.compile(r"\n{2,}")
LINE_SPLIT = re.compile("\n+")
TOKEN = re.compile(r"[^\W_]+(?:['\u2019.,\-][^\W_]+)*|[^\w\s]|_")

THRESHOLDS: dict[str, float] = {
    "dup_para_frac": 0.30,
    "dup_para_char_frac": 0.20,
    "dup_line_frac": 0.30,
    "dup_line_char_frac": 0.20,
    "top_2gram_char_frac": 0.20,
    "top_3gram_char_frac": 0.18,
    "top_4gram_char_frac": 0.16,
    "dup_5gram_char_frac": 0.15,
    "dup_6gram_char_frac": 0.14,
    "dup_7gram_char_frac": 0.13,
    "dup_8gram_char_frac": 0.12,
    "dup_9gram_char_frac": 0.11,
    "dup_10gram_char_frac": 0.10,
}


def find_duplicates(items: Iterable[str]) -> tuple[int, int, int]:
    """(items, items identical to an earlier one, their characters)."""
    seen: set[str] = set()
    n = dup_items = dup_chars = 0
    for item in items:
        n += 1
        if item in seen:
            dup_items += 1
            dup_chars += len(item)
        else:
            seen.add(item)
    return n, dup_items, dup_chars


def split_lazily(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """``pattern.split(text)`` one piece at a time (for a pattern without groups that never matches
    the empty string), so that only the distinct pieces are held, not a list of every piece."""
    pos = 0
    for m in pattern.finditer(text):
        yield text[pos : m.start()]
        pos = m.end()
    yield text[pos:]


def _gram_keys(ids: npt.NDArray[np.uint64], n: int) -> npt.NDArray[np.uint64]:
    """One 64-bit key per n-gram of token ids (distinct n-grams collide with negligible probability)."""
    m = len(ids) - n + 1
    acc = np.zeros(m, dtype=np.uint64)
    word = np.empty(m, dtype=np.uint64)
    for i in range(n):  # acc = acc * P ^ ids[i : i + m] * Q, in place
        acc *= np.uint64(0x100000001B3)
        np.multiply(ids[i : i + m], np.uint64(0x9E3779B97F4A7C15), out=word)
        acc ^= word
    return acc


def _sorted_groups(keys: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32], npt.NDArray[np.intp]]:
    """The positions in key order, each sorted position's group (its distinct key, in key order)
    and each group's count. Intermediates are dropped as soon as they are used: on a file of
    one-character tokens every array here costs its size in bytes per input byte."""
    order = np.argsort(keys)
    ordered = keys[order]
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    del ordered
    group = np.cumsum(new, dtype=np.int32)
    group -= 1
    return order, group, np.bincount(group)


def top_ngram_chars(ids: npt.NDArray[np.uint64], lengths: npt.NDArray[np.int32], n: int) -> int:
    """``len(" ".join(gram)) * count`` of the most frequent n-gram (the first one seen among ties),
    as ``collections.Counter(grams).most_common(1)`` picks it."""
    if len(ids) < n:
        return 0
    order, group, counts = _sorted_groups(_gram_keys(ids, n))
    best = counts.max()
    start = int(order[(counts == best)[group]].min())  # the first position of a most frequent n-gram
    return (int(lengths[start : start + n].sum(dtype=np.int64)) + n - 1) * int(best)


_BLOCK = 1 << 12  # positions taken to Python a block at a time (bounded memory on a large file)


def duplicate_ngram_chars(ids: npt.NDArray[np.uint64], lengths: npt.NDArray[np.int32], n: int) -> int:
    """datatrove's ``find_all_duplicate``: repeated n-grams' characters (words joined without spaces),
    jumping past each repeat."""
    if len(ids) < n:
        return 0
    keys = _gram_keys(ids, n)
    order, group, counts = _sorted_groups(keys)
    # Only n-grams that occur more than once can ever be "seen before"; visiting the others just
    # adds keys that never come back, so the scan may jump from one such position to the next.
    repeats = np.zeros(len(keys), dtype=bool)
    repeats[order] = (counts > 1)[group]
    del order, group, counts
    if not repeats.any():
        return 0
    cum = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=cum[1:])
    seen: set[int] = set()
    repeated = idx = 0
    for lo in range(0, len(keys), _BLOCK):
        block = np.flatnonzero(repeats[lo : lo + _BLOCK]) + lo
        chars = cum[block + n] - cum[block]
        for pos, key, size in zip(block.tolist(), keys[block].tolist(), chars.tolist(), strict=True):
            if pos < idx:
                continue  # skipped: inside the n words after a repeat
            if key in seen:
                repeated += size
                idx = pos + n
            else:
                seen.add(key)
                idx = pos + 1
    return repeated


_CHUNK = 1 << 14  # characters of text tokenised at a time
_SPACE = re.compile(r"\s")


def _token_ids(text: str) -> tuple[array[int], array[int]]:
    """Each token's id and length. Ids are only compared within this text, so the built-in
    (per-process) string hash will do. The text is tokenised a chunk at a time, each chunk ending at
    white space (no token holds any), so only one chunk's token strings are alive at once (a list of
    every token of a large file was its biggest object)."""
    ids, lengths = array("q"), array("i")
    pos, size = 0, len(text)
    while pos < size:
        space = _SPACE.search(text, min(size, pos + _CHUNK))
        cut = size if space is None else space.start()  # a run without white space is one chunk
        words = TOKEN.findall(text, pos, cut)
        ids.extend(map(hash, words))
        lengths.extend(map(len, words))
        pos = cut
    return ids, lengths


def signals(text: str) -> dict[str, float]:
    """Every Gopher repetition signal of ``text`` (all 0.0 for an empty text)."""
    size = len(text)
    if size == 0 or not text.strip():
        return dict.fromkeys(THRESHOLDS, 0.0)
    out: dict[str, float] = {}
    n, items, chars = find_duplicates(split_lazily(PARAGRAPH_SPLIT, text.strip()))
    out["dup_para_frac"] = items / n
    out["dup_para_char_frac"] = chars / size
    n, items, chars = find_duplicates(split_lazily(LINE_SPLIT, text))
    out["dup_line_frac"] = items / n
    out["dup_line_char_frac"] = chars / size
    ids_, lengths_ = _token_ids(text)
    ids = np.frombuffer(ids_, dtype=np.int64).view(np.uint64)
    lengths = np.frombuffer(lengths_, dtype=np.int32)
    for n in (2, 3, 4):
        out[f"top_{n}gram_char_frac"] = top_ngram_chars(ids, lengths, n) / size
    none = False
    for n in range(5, 11):
        # a repeated n-gram starts with a repeated 5-gram: no 5-gram repeat, no repeat of any length
        chars = 0 if none else duplicate_ngram_chars(ids, lengths, n)
        none = none or (n == 5 and chars == 0)
        out[f"dup_{n}gram_char_frac"] = chars / size
    return out


def article_signals(article: Article) -> dict[str, float]:
    """Memoise with ``article.derive(article_signals)``."""
    return signals(article.body)
