"""Translation family (MT): artefacts of machine translation, each pointed at, and a document score.

One shared analysis (:func:`analyse`, memoised with ``article.derive``) finds every signal once:

* ``stutter`` (MT001): a phrase restated with a small variation a few words later
  ("days later, several days later").
* ``out-of-place`` (MT002): a rare or unknown lower-case word that nothing else in the article
  relates to and whose neighbours form word pairs absent from a large table of English bigrams
  (``rules/data/translation/bigrams.txt.gz``, built from the ``wordsegment`` package).
* ``title-conflict`` (MT003): one person given two titles that share a portfolio but not the
  office noun ("Transport Minister X" ... "Transport Secretary X"); the corpus rule also compares
  the files of the run and the titles stored in the archive index.
* ``mangled-name`` (MT004): a word missing from the dictionary that is a near copy of an acronym or
  a name used elsewhere in the article (a transliterated acronym, a name with a foreign case ending);
  the corpus rule also compares the unknown capitalised words with the acronyms and names of the
  other files of the run and of the archive index (:class:`Digest`, :class:`RunVocabulary`).
* ``broken`` (MT005): constructions English does not produce: a number directly before a country
  used as a noun, a doubled function word, a determiner followed by a preposition or a pronoun,
  "the <comparative> ... ever" where English needs the superlative.

The document score (MT000) is the density of these signals per 1,000 words, weighted, with a bonus
for variety, so one odd word in a long article stays far from the threshold. Frequencies come from
``wordfreq``; every table ships in the project or in a declared package; nothing is downloaded.
"""

from __future__ import annotations

import gzip
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from checker.article import Article, shorten
from checker.lexicon import load_sections, longest_first
from checker.models import Family, Severity
from checker.rule import Analyzer, Contribution, Corpus, CorpusAnalyzer, CorpusRule, DocumentRule, Example, Hit

DATA = Path(__file__).resolve().parent / "data" / "translation"

KINDS = ("stutter", "out-of-place", "unknown-word", "title-conflict", "mangled-name", "broken")

# --- tunables (calibrated on the labelled corpora; see benchmarks/translation.py) -------------------
RARE_ZIPF = 3.0  # MT002: rarer than this in general English (wordfreq Zipf scale)
RARE_FREQ = 10.0 ** (RARE_ZIPF - 9.0)  # the same as a wordfreq frequency
NEIGHBOUR_ZIPF = 3.5  # MT002: a missing pair only counts next to a content word at least this common
DERIVED_ZIPF = 3.5  # MT002: "re-" + a word this common is a derivation, not an odd word
MIN_ENGLISH_SHARE = 0.85  # below this share of known lower-case words the text is not English: abstain
STUTTER_MAX_GAP = 4  # words allowed between a phrase and its restatement
NEAR_MATCH = 80.0  # MT004: rapidfuzz ratio of a mangled word to the acronym or name it copies
NAME_ZIPF = 4.0  # MT004: a capitalised word rarer than this as a lower-case word is taken for a name
SHOUTED_ZIPF = 5.0  # MT004 across files: an "acronym" this common as an English word is a shouted word ("ALSO")
MIN_WORDS_FOR_DENSITY = 500  # densities of shorter texts are computed as if they had this many words
SCORE_THRESHOLD = 6.5  # MT000 fires at or above this score
CONTEXT_SCORE = 3.0  # MT002 reports rare words only in a text whose other signals score at least this
_WORD_KINDS = frozenset({"out-of-place", "unknown-word"})  # MT002's kinds: reported beside another kind, or in an MT000 text

# Score weight of one signal per 1,000 words, and the cap on that kind's contribution. Every cap but
# that of unknown words is below the threshold, so no single kind of span flags a text on its own:
# it takes two kinds, or a text full of words that are not English. Rare words (out-of-place) add
# nothing: human news uses more of them than machine translation does (measured), so they are
# evidence only next to other signals.
WEIGHTS: dict[str, tuple[float, float]] = {
    "unknown-word": (1.5, 10.0),  # counted as distinct words, see Analysis.unknown
    "mangled-name": (3.0, 6.0),
    "stutter": (8.0, 6.0),
    "broken": (8.0, 6.0),
    "title-conflict": (8.0, 6.0),
    "out-of-place": (0.0, 0.0),
}
VARIETY_BONUS = 3.0  # added per kind of signal present beyond the first
UNKNOWN_VARIETY_DENSITY = 2.0  # unknown words count as a kind for the bonus from this many per 1,000 words


# --- data ------------------------------------------------------------------------------------------
def _sections(name: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_sections("rules", f"data/translation/{name}").items()}


@cache
def grammar() -> dict[str, frozenset[str]]:
    return _sections("grammar.txt")


@cache
def titles() -> frozenset[str]:
    return _sections("titles.txt")[""]


@cache
def countries() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word of each country name -> the full names (as word tuples) starting with it."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in _sections("countries.txt")[""]:
        words = tuple(name.split())
        out[words[0]].append(words)
    return {k: tuple(sorted(v, key=longest_first)) for k, v in out.items()}


@cache
def bigrams() -> frozenset[str]:
    with gzip.open(DATA / "bigrams.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if not line.startswith("#"))


@cache
def frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported on first use: `provcheck rules` and `explain` never need it

    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a lower-case word; 0 when the word is unknown."""
    freq = frequencies().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0


# --- the shared analysis -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Signal:
    kind: str
    start: int
    end: int
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A titled name: "Transport Minister Jane Roe" -> person "Jane Roe", portfolio "transport", head "Minister"."""

    person: str
    portfolio: str
    head: str
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unknown:
    """A word missing from the dictionary (MT004's candidate): its first occurrence in the article."""

    word: str
    start: int
    end: int
    in_name: bool = False  # written next to another capitalised word: part of a multi-word name ("Marta Divak")


@dataclass(slots=True)
class Analysis:
    words: int
    known_word_share: float
    signals: list[Signal]
    titles: list[TitleMention]
    unknown: int = 0  # distinct lower-case words wordfreq does not know (compounds of English words excepted)
    score: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    acronyms: frozenset[str] = frozenset()  # MT004's vocabulary: the acronyms written in the article
    names: frozenset[str] = frozenset()  # and the capitalised words it uses as names
    # the acronyms it writes on their own, not only in a run of capitals and not also as a name
    # ("BERNIE!" beside "Bernie"): what the run and the archive compare with (MT004 across files)
    solid_acronyms: frozenset[str] = frozenset()
    candidates: tuple[Unknown, ...] = ()  # the capitalised words missing from the dictionary, first occurrence of each

    @property
    def english(self) -> bool:
        return self.known_word_share >= MIN_ENGLISH_SHARE

    def of(self, kind: str) -> list[Signal]:
        return [s for s in self.signals if s.kind == kind]


_NUMBER = re.compile(r"\d[\d,.]*\Z")
_QUOTES = '"\u201c\u201d\u00ab\u00bb\u2018'


class _Tokens:
    """The article's words as parallel lists; ``joined(i)``: only spaces between word i and word i + 1."""

    __slots__ = ("end", "lower", "start", "text", "whole")

    def __init__(self, article: Article) -> None:
        whole = article.text
        words = article.words
        self.whole = whole
        self.start = [w.start for w in words]
        self.end = [w.end for w in words]
        self.text = [whole[s:e] for s, e in words]
        self.lower = [t.lower() for t in self.text]

    def joined(self, i: int) -> bool:
        if i + 1 >= len(self.start):
            return False
        e, s = self.end[i], self.start[i + 1]
        return (s - e == 1 and self.whole[e] == " ") or _plain_gap(self.whole[e:s])


def _tokens(article: Article) -> _Tokens:
    return _Tokens(article)


def _plain_gap(gap: str) -> bool:
    return gap.isspace() and "\n" not in gap


def _sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a line or a quotation."""
    pos = start - 1
    while pos >= 0 and text[pos] in " \t":
        pos -= 1
    return pos < 0 or text[pos] in '.!?:\n"\u201c\u2018(['


def analyse(article: Article) -> Analysis:
    toks = _tokens(article)
    freq = frequencies()
    raw = toks.text
    plain = [i for i, t in enumerate(raw) if t.islower() and len(t) >= 3 and t.isalpha()]
    total = len(plain)
    rare = [(i, f) for i in plain if (f := freq.get(raw[i], 0.0)) < RARE_FREQ]
    share = 1.0 - sum(1 for _, f in rare if f == 0.0) / total if total else 1.0
    if rare:
        foreign = _not_english(article, toks, [i for i, _ in rare])
        rare = [(i, f) for i, f in rare if i not in foreign]
    strange = [i for i, f in rare if f == 0.0]
    unknown = sum(1 for t in {raw[i] for i in strange} if len(t) >= 4 and not _is_compound(t))
    mentions = _title_mentions(article)
    result = Analysis(words=len(toks.text), known_word_share=round(share, 3), signals=[], titles=mentions, unknown=unknown)
    if total and share >= MIN_ENGLISH_SHARE:
        signals: list[Signal] = []
        signals.extend(_stutters(article, toks))
        signals.extend(_out_of_place(toks, [i for i, _ in rare if len(raw[i]) >= 4]))
        signals.extend(_title_conflicts(mentions))
        signals.extend(_broken(toks))
        taken = {(s.start, s.end) for s in signals}
        candidates = _candidates(toks)
        result.acronyms, result.names, alone = _vocabulary(article.text, toks)
        shouted_names = {w.upper() for w in result.names}
        result.solid_acronyms = frozenset(a for a in alone if a not in shouted_names)
        result.candidates = _unknown_words(toks, candidates)
        signals.extend(s for s in _mangled(toks, candidates, result.acronyms, result.names) if (s.start, s.end) not in taken)
        counts = Counter(s.kind for s in signals)
        result.score = document_score(counts, unknown, result.words)
        if result.score < CONTEXT_SCORE:
            signals = [s for s in signals if s.kind != "out-of-place"]  # a rare word alone is just vocabulary
        if result.score < SCORE_THRESHOLD and all(k in _WORD_KINDS for k in counts):
            signals = [s for s in signals if s.kind not in _WORD_KINDS]  # odd words and nothing else: terms, names
        signals.sort(key=lambda s: (s.start, s.kind))
        result.signals = signals
    else:
        result.unknown = 0
    result.counts = dict(Counter(s.kind for s in result.signals))
    return result


_QUOTE_CHARS = _QUOTES + "'\u2019"  # every mark that may open or close a quotation (single ones: see _is_quote)
_QUOTE_MARK = re.compile(f"[{_QUOTE_CHARS}]")
FOREIGN_MIN_WORDS = 3  # a sentence or quotation this long (words of 3+ letters) ...
FOREIGN_RARE_SHARE = 0.5  # ... with at least this share of them rare in English is in another language


def _not_english(article: Article, toks: _Tokens, indices: list[int]) -> set[int]:
    """Those of the words at ``indices`` that are no evidence of a bad translation into English:
    pieces of mojibake ("buildingâ€™s", which PV005 reports), parts of e-mail and web addresses, and
    the words of a sentence or quotation that is mostly made of words rare in English (a quotation
    in Spanish, "ein wichtiger Schritt"): a human article quoting another language, not a machine
    leaving a word untranslated among English ones ("in kesäkuussa the plan"), which stays evidence."""
    text, starts, raw = article.text, toks.start, toks.text
    cuts: list[int] | None = None
    verdicts: dict[int, bool] = {}
    out: set[int] = set()
    for i in indices:
        chunk = _chunk(text, starts[i], toks.end[i])
        if "@" in chunk or "://" in chunk or "www." in chunk or (not raw[i].isascii() and _mojibake(chunk)):
            out.add(i)
            continue
        if cuts is None:
            quotes = (m.start() for m in _QUOTE_MARK.finditer(text) if _is_quote(text, m.start()))
            cuts = sorted({s.start for s in article.sentences}.union(quotes))
        k = bisect_right(cuts, starts[i])
        if k not in verdicts:
            lo = cuts[k - 1] if k > 0 else 0
            hi = cuts[k] if k < len(cuts) else len(text)
            quoted = k > 0 and text[lo] in _QUOTE_CHARS  # a quotation: its capitalised words count too
            verdicts[k] = _mostly_rare(toks, bisect_left(starts, lo), bisect_left(starts, hi), quoted)
        if verdicts[k]:
            out.add(i)
    return out


def _mostly_rare(toks: _Tokens, first: int, stop: int, quoted: bool) -> bool:
    """Words of 3+ letters from ``first`` to ``stop``: at least FOREIGN_MIN_WORDS, at least
    FOREIGN_RARE_SHARE of them rare in English. Outside quotation marks only lower-case words are
    counted, since capitalised ones are mostly names ("Nowak and Szymański backed ...")."""
    freq = frequencies()
    words = [
        w
        for w, t in zip(toks.lower[first:stop], toks.text[first:stop], strict=True)
        if len(t) >= 3 and t.isalpha() and (quoted or t.islower())
    ]
    rare = sum(1 for w in words if freq.get(w, 0.0) < RARE_FREQ)
    return len(words) >= FOREIGN_MIN_WORDS and rare >= FOREIGN_RARE_SHARE * len(words)


CHUNK_REACH = 200  # characters looked at on each side of a word for the white space around it


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited piece of text around a word (at most CHUNK_REACH characters each side:
    a longer run without spaces is an address or a list of paths, not prose)."""
    lo, hi = max(0, start - CHUNK_REACH), min(len(text), end + CHUNK_REACH)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    while end < hi and not text[end].isspace():
        end += 1
    return text[start:end]


def _mojibake(chunk: str) -> bool:
    from ftfy.badness import is_bad  # imported on first use: most articles have no word outside ASCII

    return bool(is_bad(chunk))


def _is_quote(text: str, pos: int) -> bool:
    """A quotation mark. A single one (' or ’) only when it opens a quotation (white space or an
    opening bracket before it, a letter after it): otherwise it is an apostrophe ("don’t",
    "the farmers' plan") or a closing quote that cannot be told from one."""
    if text[pos] not in "'\u2019":
        return True
    return (pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([") and pos + 1 < len(text) and text[pos + 1].isalpha()


def document_score(counts: dict[str, int], unknown: int, words: int) -> float:
    """Weighted, capped densities per 1,000 words plus a bonus for each further kind of signal."""
    per = 1000.0 / max(words, MIN_WORDS_FOR_DENSITY)
    score = 0.0
    kinds = 0
    for kind, (weight, cap) in WEIGHTS.items():
        n = unknown if kind == "unknown-word" else counts.get(kind, 0)
        if n <= 0 or weight <= 0:
            continue
        score += min(weight * n * per, cap)
        kinds += kind != "unknown-word" or n * per >= UNKNOWN_VARIETY_DENSITY
    return round(score + VARIETY_BONUS * max(0, kinds - 1), 2)


# --- MT001 stutter -------------------------------------------------------------------------------
_RESTATE = re.compile(r"[,;\u2013\u2014]|[ \t]-[ \t]")


def _stutters(article: Article, toks: _Tokens) -> Iterator[Signal]:
    """A two-word phrase just before a comma or dash, repeated within STUTTER_MAX_GAP words after it."""
    g = grammar()
    function, breakers, modifiers, intensifiers = g["function"], g["gap-breaker"], g["modifier"], g["intensifier"]
    text = article.text
    lower, starts, ends = toks.lower, toks.start, toks.end
    n = len(lower)
    last_end = -1
    for m in _RESTATE.finditer(text, article.body_start):
        k = bisect_left(starts, m.end())  # the first word after the separator
        if k < 2 or k >= n - 1 or starts[k - 2] < last_end or (ends[k - 1] != m.start() and not text[ends[k - 1] : m.start()].isspace()):
            continue
        a, b = lower[k - 2], lower[k - 1]
        if (a in function and b in function) or (len(a) < 4 and len(b) < 4) or not toks.joined(k - 2):
            continue  # a phrase of function words ("it is, it is") or of short words
        for j in range(k, min(n - 1, k + STUTTER_MAX_GAP + 1)):
            if lower[j] != a:
                continue
            inserted = 0  # "the region, the whole region": one modifier may come inside the restated phrase
            if lower[j + 1] != b and j + 2 < n and lower[j + 1] in modifiers and lower[j + 2] == b and toks.joined(j + 1):
                inserted = 1
            elif lower[j + 1] != b:
                continue
            if not toks.joined(j):
                continue
            if not a.isalpha() or not b.isalpha():
                break
            gap_words = lower[k:j]
            between = text[m.end() : starts[j]]
            if any(c in between for c in ".!?()\n,;") or any(w in breakers for w in gap_words):
                break
            if any(w in intensifiers for w in gap_words) or (inserted and lower[j + 1] in intensifiers):
                break  # "a long meeting, a very long meeting": emphasis, a figure of speech
            if any(w not in function and w not in modifiers for w in gap_words):
                break  # other words between make it a parallel clause ("the House knows it, Congress knows it")
            if not gap_words and toks.text[k - 2][:1].isupper():
                break  # a repeated name ("New York, New York") is an address or a chant
            start, end = starts[k - 2], ends[j + 1 + inserted]
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if any(q in line for q in _QUOTES):
                break  # quoted speech repeats itself on purpose ("we will fight, we will fight")
            phrase = f"{toks.text[k - 2]} {toks.text[k - 1]}"
            yield Signal(
                "stutter",
                start,
                end,
                f"the phrase \u201c{phrase}\u201d is restated {len(gap_words)} word(s) later: \u201c{shorten(text[start:end], 80)}\u201d",
                {"phrase": phrase, "gap_words": len(gap_words)},
            )
            last_end = end
            break


# --- MT002 out-of-place word ---------------------------------------------------------------------
def _is_compound(word: str) -> bool:
    """ "skywatching", "noncompetes": two known English words written together."""
    freq = frequencies()
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if head in freq and tail in freq and zipf(head) >= 3.5 and zipf(tail) >= 3.0:
            return True
    return False


_PREFIXES = ("re", "un", "de", "dis", "over", "under", "non", "mis", "pre", "co", "anti", "counter", "out")
_SUFFIXES = ("ed", "d", "ing", "ly", "s", "es", "ize", "ise", "ized", "ised", "ful", "ness", "able", "er", "ers")


def _derived(word: str) -> bool:
    """True when stripping one common prefix or suffix leaves a common English word."""
    for pre in _PREFIXES:
        if word.startswith(pre) and zipf(word[len(pre) :]) >= DERIVED_ZIPF:
            return True
    return any(word.endswith(suf) and len(word) - len(suf) >= 3 and zipf(word[: -len(suf)]) >= DERIVED_ZIPF for suf in _SUFFIXES)


def _out_of_place(toks: _Tokens, candidates: list[int]) -> Iterator[Signal]:
    """``candidates``: the indices of the lower-case words of four or more letters rarer than RARE_ZIPF."""
    lower = toks.lower
    n = len(lower)
    if not candidates:
        return
    table = bigrams()
    function, defining = grammar()["function"], grammar()["defining"]
    counts: Counter[str] = Counter(lower)
    prefixes: Counter[str] = Counter()
    for w, c in counts.items():
        if len(w) >= 5:
            prefixes[w[:5]] += c
    for i in candidates:
        word = toks.text[i]
        z = zipf(word)
        if counts[word] > 1 or prefixes[word[:5]] > 1:
            continue  # the article's own vocabulary (a term it uses again, or a relative of one)
        if z > 0.0 and _derived(word):
            continue  # "redevelop", "unhelpful": a regular derivation of a common word
        if (i > 0 and lower[i - 1] in defining) or (i > 1 and lower[i - 2] == "known" and lower[i - 1] == "as"):
            continue  # "a state called cryptobiosis": a term the article defines
        left = lower[i - 1] if i > 0 and toks.joined(i - 1) and lower[i - 1].isalpha() else None
        right = lower[i + 1] if i + 1 < n and toks.joined(i) and lower[i + 1].isalpha() else None
        pairs = [p for p in (f"{left} {word}" if left else None, f"{word} {right}" if right else None) if p]
        if not pairs or any(p in table for p in pairs):
            continue
        if z > 0.0 and not any(w is not None and w not in function and zipf(w) >= NEIGHBOUR_ZIPF for w in (left, right)):
            continue  # only a common content neighbour makes a missing pair telling
        if z == 0.0:
            if _is_compound(word):
                continue
            yield Signal(
                "unknown-word",
                toks.start[i],
                toks.end[i],
                f"\u201c{word}\u201d is not an English word and nothing else in the article relates to it",
                {"word": word, "zipf": 0.0, "pairs": pairs},
            )
            continue
        yield Signal(
            "out-of-place",
            toks.start[i],
            toks.end[i],
            f"\u201c{word}\u201d is rare in English (Zipf {z:.1f}), unrelated to the rest of the article, "
            f"and English does not use the pair(s) {', '.join(repr(p) for p in pairs)}",
            {"word": word, "zipf": round(z, 2), "pairs": pairs},
        )


# --- MT003 conflicting titles --------------------------------------------------------------------
# a capitalised name, accented letters included ("Petrović", "Šimić")
_NAME = r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017e](?:[^\W\d_]|['\u2019\-])+"


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?=[A-Z])(?P<head>{_heads_alternation()})[ \t]+(?P<person>{_NAME}(?:[ \t]+{_NAME}){{0,2}})")


@cache
def _title_of_pattern() -> re.Pattern[str]:
    """ "Minister of Mining Carla Fuentes", "Secretary for Health Ana Silva": the portfolio after the office."""
    return re.compile(
        rf"\b(?=[A-Z])(?P<head>{_heads_alternation()})[ \t]+(?P<conn>of|for)[ \t]+(?:the[ \t]+)?"
        rf"(?P<portfolio>[A-Z][a-z]+(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z]+){{0,2}}?)"
        rf"[ \t]+(?P<person>{_NAME}[ \t]+{_NAME})(?![\w'\u2019\-]|[ \t]+[A-Z])"  # a first name and a surname
    )


@cache
def _heads_alternation() -> str:
    return "|".join(sorted(titles(), key=longest_first))


# the capitalised words before an office noun, and the word before them: "former [Transport] Minister"
_PORTFOLIO = re.compile(r"(?:([\w\-]+)[ \t]+)?((?:[A-Z][a-z]+[ \t]+){1,3})\Z")
_PAST = frozenset({"former", "ex", "then", "late", "acting", "interim", "deputy", "vice", "shadow", "junior", "assistant"})


def _norm_portfolio(word: str) -> str:
    w = word.lower()
    return w[:-4] + "ense" if w.endswith("ence") else w


def _title_mentions(article: Article) -> list[TitleMention]:
    out: list[TitleMention] = []
    heads = titles()
    text = article.text
    for m in _title_pattern().finditer(text, article.body_start):
        back = _PORTFOLIO.search(text, max(article.body_start, m.start() - 80), m.start())
        if back is None:
            continue
        before = (back.group(1) or "").lower()
        words = back.group(2).split()
        if before in _PAST or any(w.lower() in _PAST for w in words):
            continue
        portfolio = words[-1]
        if portfolio in heads or portfolio in {"The", "A", "An"}:
            continue
        person_words = [w.removesuffix("'s").removesuffix("\u2019s") for w in m.group("person").split()]
        if any(w in heads for w in person_words):
            continue
        head = m.group("head")
        start = back.start(2) + back.group(2).rfind(portfolio)
        out.append(TitleMention(" ".join(person_words), _norm_portfolio(portfolio), head, f"{portfolio} {head}", start, m.end("person")))
    for m in _title_of_pattern().finditer(text, article.body_start):
        before = text[max(0, m.start() - 12) : m.start()].split()
        if before and before[-1].lower() in _PAST:
            continue
        person_words = [w.removesuffix("'s").removesuffix("\u2019s") for w in m.group("person").split()]
        portfolio_words, head = m.group("portfolio").split(), m.group("head")
        if any(w in heads for w in (*portfolio_words, *person_words)):
            continue
        portfolio = portfolio_words[-1]  # as before an office noun: "Foreign Affairs Minister" -> "affairs"
        title = f"{head} {m.group('conn')} {' '.join(portfolio_words)}"
        out.append(TitleMention(" ".join(person_words), _norm_portfolio(portfolio), head, title, m.start(), m.end("person")))
    out.sort(key=lambda t: t.start)
    return _full_names(out)


def _full_names(mentions: list[TitleMention]) -> list[TitleMention]:
    """A surname alone ("Defense Secretary Petrović") is the person the article names in full with a
    title elsewhere ("Minister of Defence Goran Petrović"), when exactly one such name ends with it;
    otherwise the mention is dropped (a surname alone is too common to compare across articles)."""
    full: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = m.person.split()
        if len(words) > 1:
            full[person_key(words[-1])].add(m.person)
    out = []
    for m in mentions:
        if " " in m.person:
            out.append(m)
            continue
        names = full.get(person_key(m.person), set())
        if len(names) == 1:
            out.append(replace(m, person=next(iter(names))))
    return out


def conflicts(mentions: Iterable[tuple[str, TitleMention]]) -> list[tuple[str, TitleMention, list[TitleMention]]]:
    """For each (source, mention): the mentions of the same person and portfolio with another head noun."""
    groups: dict[tuple[str, str], list[tuple[str, TitleMention]]] = defaultdict(list)
    for src, m in mentions:
        groups[(person_key(m.person), m.portfolio)].append((src, m))
    out: list[tuple[str, TitleMention, list[TitleMention]]] = []
    for group in groups.values():
        heads = Counter(m.head for _, m in group)
        if len(heads) < 2:
            continue
        top = max(heads.values())
        majority = {h for h, c in heads.items() if c == top}
        for src, m in group:
            if m.head in majority and len(majority) == 1:
                continue  # the usual title; the odd one out is what gets flagged
            others = [o for _, o in group if o.head != m.head]
            out.append((src, m, others))
    return out


def _title_conflicts(mentions: list[TitleMention]) -> Iterator[Signal]:
    for _, m, others in conflicts(("", m) for m in mentions):
        other = others[0]
        yield Signal(
            "title-conflict",
            m.start,
            m.end,
            f"{m.person} is called \u201c{m.title}\u201d here but \u201c{other.title}\u201d elsewhere in the article",
            {"person": m.person, "title": m.title, "other_titles": sorted({o.title for o in others})},
        )


# --- MT004 mangled acronym or name ---------------------------------------------------------------
def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _candidates(toks: _Tokens) -> list[int]:
    """Words wordfreq does not know; acronyms and camel-case brands ("MyMode") are not candidates."""
    freq = frequencies()
    lower = toks.lower
    return [i for i, t in enumerate(toks.text) if lower[i] not in freq and len(t) >= 4 and t[1:].islower() and t.isalpha()]


def _vocabulary(text: str, toks: _Tokens) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The article's acronyms, the capitalised words it uses as names (mid-sentence, not common
    English), and the acronyms it also writes on their own: not only inside a run of capitals
    ("GLASS IS HALF FULL"), where a word in capitals is shouted, not an acronym."""
    freq = frequencies()
    lower = toks.lower
    name_zipf = 10.0 ** (NAME_ZIPF - 9.0)
    acronyms: set[str] = set()
    alone: set[str] = set()
    names: set[str] = set()
    words = toks.text
    n = len(words)

    def capitals(j: int) -> bool:
        return 0 <= j < n and len(words[j]) >= 2 and words[j].isupper()

    for i, t in enumerate(words):
        if not t[:1].isupper():
            continue
        if t.isupper():
            if 2 <= len(t) <= 6 and t.isalpha():
                acronyms.add(t)
                if not ((capitals(i - 1) and toks.joined(i - 1)) or (capitals(i + 1) and toks.joined(i))):
                    alone.add(t)
        elif (
            len(t) >= 4
            and t[1:].islower()
            and freq.get(lower[i], 0.0) < name_zipf
            and t.isalpha()
            and not _sentence_initial(text, toks.start[i])
        ):
            names.add(t)  # a capitalised word mid-sentence that is not a common English word: a name
    return frozenset(acronyms), frozenset(names), frozenset(alone)


MAX_CANDIDATES = 200  # MT004 keeps at most this many distinct unknown words per article for the run


def _unknown_words(toks: _Tokens, candidates: list[int]) -> tuple[Unknown, ...]:
    """The first occurrence of each distinct capitalised candidate (what MT004 compares across files:
    a mangled acronym is written as a name, "Divak"), marking those written next to another
    capitalised word that is not a function word or a title (part of a multi-word name)."""
    text = toks.text
    out: dict[str, Unknown] = {}
    for i in candidates:
        lo = toks.lower[i]
        if lo in out or not text[i][0].isupper():
            continue
        out[lo] = Unknown(text[i], toks.start[i], toks.end[i], _in_name(toks, i))
        if len(out) >= MAX_CANDIDATES:
            break
    return tuple(out.values())


def _in_name(toks: _Tokens, i: int) -> bool:
    """Word i is written next to another capitalised word that is not a function word or a title
    ("Nasra" in "Dr. Nasra Abdi"): part of a multi-word name, which is nobody's mangled acronym."""
    function, heads = grammar()["function"], titles()
    text = toks.text

    def name_word(j: int) -> bool:
        w = text[j]
        return w[:1].isupper() and w.isalpha() and not w.isupper() and toks.lower[j] not in function and w not in heads

    return (i > 0 and toks.joined(i - 1) and name_word(i - 1)) or (i + 1 < len(text) and toks.joined(i) and name_word(i + 1))


_ENGLISH_ENDINGS = frozenset({"s", "es", "ian", "ians", "ese", "i", "is"})


def judge(word: str, matches: Iterable[tuple[str, float, str]]) -> tuple[str, str, float] | None:
    """MT004's decision for one unknown ``word`` given its near matches ``(key, score, target)``
    (key: the target lower-cased), best first: ``(target, key, score)`` of the acronym or name it
    mangles, or None. The same test in the article and across the run and the archive."""
    lo = word.lower()
    best = next(((k, sc, tgt) for k, sc, tgt in matches if k != lo and not k.startswith(lo)), None)
    if best is None:
        return None  # only the word itself, or a longer form of it ("Unrv" / "Unrvo")
    key, score, target = best
    if lo.startswith(key) and lo[len(key) :] in _ENGLISH_ENDINGS:
        return None  # an English derivation of the name, not a mangled copy
    if not target.isupper():
        if word[0].isupper():
            return None  # "Regensburger", "Slatest": a capitalised form of a name is a name of its own
        if _common_prefix(lo, key) < max(4, len(key) - 1):
            return None  # a name is mangled by a changed ending ("Corbyn" -> "corbynin"), not a changed stem
    return target, key, score


def _mangled(toks: _Tokens, candidates: list[int], acronyms: frozenset[str], names: frozenset[str]) -> Iterator[Signal]:
    if not candidates:
        return
    targets = sorted(acronyms | names)
    if not targets:
        return
    keys = [t.lower() for t in targets]
    seen: set[str] = set()
    for i in candidates:
        t, lo = toks.text[i], toks.lower[i]
        if lo in seen or (t[0].isupper() and _in_name(toks, i)):
            continue
        matches = process.extract(lo, keys, scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=4)
        found = judge(t, ((k, sc, targets[ix]) for k, sc, ix in matches))
        if found is None:
            continue
        target, _, score = found
        seen.add(lo)
        kind = "acronym" if target.isupper() else "name"
        yield Signal(
            "mangled-name",
            toks.start[i],
            toks.end[i],
            f"\u201c{t}\u201d is not in the dictionary and nearly copies the {kind} \u201c{target}\u201d used elsewhere",
            {"word": t, "matches": target, "kind": kind, "similarity": round(score, 1)},
        )


# --- MT005 broken constructions ------------------------------------------------------------------
_NOT_BEFORE_COUNTRY = frozenset({"route", "article", "no", "number", "chapter", "section", "group", "stage", "round", "page", "game"})


def _broken(toks: _Tokens) -> Iterator[Signal]:
    g = grammar()
    determiners, not_after, no_double = g["determiner"], g["not-after-determiner"], g["no-double"]
    lands = countries()
    lower, text = toks.lower, toks.text
    n = len(lower)
    starters = determiners | no_double
    candidates = [
        i
        for i, (a, b) in enumerate(pairwise(lower))
        if (a in starters and (a == b or b in not_after or b.endswith("er"))) or (a[:1].isdigit() and b[:1] != a[:1])
    ]
    for i in candidates:
        if not toks.joined(i):
            continue
        a, b = lower[i], lower[i + 1]
        if a == "the" and _comparative(b):
            end = _superlative_context(toks, i + 1)
            if end is not None:
                yield Signal(
                    "broken",
                    toks.start[i],
                    toks.end[end],
                    f"\u201cthe {text[i + 1]} \u2026 {text[end]}\u201d uses a comparative where English needs a superlative",
                    {"pattern": "comparative-as-superlative", "word": text[i + 1]},
                )
                continue
        if a == b and a in no_double and text[i + 1].islower():
            yield Signal(
                "broken",
                toks.start[i],
                toks.end[i + 1],
                f"the function word \u201c{text[i]}\u201d is doubled",
                {"pattern": "doubled-function-word", "word": a},
            )
        elif (
            a in determiners
            and b in not_after
            and text[i].islower()
            and text[i + 1].islower()
            and a != b
            and toks.whole[toks.end[i + 1] : toks.end[i + 1] + 1] not in ("/", "-")  # "an on/off switch"
        ):
            yield Signal(
                "broken",
                toks.start[i],
                toks.end[i + 1],
                f"the determiner \u201c{text[i]}\u201d is followed by \u201c{text[i + 1]}\u201d, which cannot start a noun phrase",
                {"pattern": "determiner-without-noun", "words": [a, b]},
            )
        elif _NUMBER.match(text[i]) and text[i + 1] in lands:
            if len(text[i]) == 4 and text[i].isdigit() and 1000 <= int(text[i]) <= 2199:
                continue  # a year: "in 2019 France ..."
            if i > 0 and (text[i - 1][:1].isupper() or lower[i - 1] in _NOT_BEFORE_COUNTRY):
                continue  # a score ("Spain 2 France 1") or a label ("Route 66")
            for name in lands[text[i + 1]]:
                k = len(name)
                if tuple(text[i + 1 : i + 1 + k]) != name or not all(toks.joined(i + m) for m in range(k)):
                    continue
                after = i + 1 + k
                if after < n and toks.joined(after - 1):
                    break  # "3 France Avenue", "20 United Kingdom and Australian troops": a modifier
                yield Signal(
                    "broken",
                    toks.start[i],
                    toks.end[after - 1],
                    f"the number \u201c{text[i]}\u201d is followed directly by the country \u201c{' '.join(name)}\u201d "
                    "as if it were a countable noun",
                    {"pattern": "number-before-country", "words": [text[i], " ".join(name)]},
                )
                break


def _comparative(word: str) -> bool:
    """ "bigger", "larger", "easier": an adjective's comparative (its base form is a common word)."""
    if len(word) < 5 or not word.endswith("er") or zipf(word) == 0.0:
        return False
    stems = [word[:-2], word[:-1]]
    if len(word) > 5 and word[-3] == word[-4]:
        stems.append(word[:-3])  # bigger -> big
    if word.endswith("ier"):
        stems.append(word[:-3] + "y")  # easier -> easy
    return any(stem in grammar()["adjective"] for stem in stems)


def _superlative_context(toks: _Tokens, i: int) -> int | None:
    """The index of "ever" / "of all" closing "the <comparative> [one or two words]", if any."""
    for j in range(i + 1, min(i + 4, len(toks.lower))):
        if not toks.joined(j - 1):
            return None
        if toks.lower[j] == "ever":
            return j
        if toks.lower[j] == "of" and j + 1 < len(toks.lower) and toks.joined(j) and toks.lower[j + 1] == "all":
            return j + 1
    return None


# --- across the run and the archive index (MT003, MT004) -------------------------------------------
ACRONYM, NAME = 0, 1  # vocabulary kinds, as stored in the archive index
SHARED_VOCABULARY = "translation.vocabulary"  # corpus.shared key: the run's RunVocabulary
MAX_SEEN_IN = 5  # files named in a cross-file hit's evidence


def person_key(person: str) -> str:
    """A person's name as compared across files and stored in the index: case, apostrophes and spacing normalised."""
    return " ".join(person.replace("\u2019", "'").casefold().split())


@dataclass(frozen=True, slots=True)
class Digest:
    """What one article brings to the run and to the archive index: its titled names (MT003), its
    acronyms and names, its unknown words and its in-article MT004 signals. Short words only, no text."""

    titles: tuple[TitleMention, ...] = ()
    acronyms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    unknown: tuple[Unknown, ...] = ()
    mangled: tuple[Signal, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.titles or self.acronyms or self.names or self.unknown or self.mangled)

    def title_rows(self) -> list[tuple[str, str, str, str, int]]:
        """For the index: ``(person key, portfolio, head, title as written, mentions)``."""
        counts = Counter((person_key(m.person), m.portfolio, m.head, m.title) for m in self.titles)
        return [(*k, n) for k, n in sorted(counts.items())]

    def vocabulary_rows(self) -> list[tuple[int, str]]:
        """For the index: ``(kind, word lower-cased)``; the written form is ``word.upper()`` for an
        acronym and ``word.capitalize()`` for a name."""
        return sorted({(ACRONYM, a.lower()) for a in self.acronyms} | {(NAME, n.lower()) for n in self.names})


def digest(article: Article) -> Digest:
    a = article.derive(analyse)
    return Digest(
        titles=tuple(a.titles),
        acronyms=tuple(sorted(a.solid_acronyms)),
        names=tuple(sorted(a.names)),
        unknown=a.candidates,
        mangled=tuple(a.of("mangled-name")),
    )


def _form(kind: int, key: str) -> str:
    return key.upper() if kind == ACRONYM else key.capitalize()


class RunVocabulary:
    """The acronyms and names of every file of the run, and of the archive index: where each was seen.

    Run words are held in memory (``(kind, key) -> paths``); archive words are looked up in the index:
    the distinct acronyms once, names by their first three letters, a word's files by key."""

    def __init__(self, digests: dict[str, Digest], index: Any = None) -> None:
        self.index = index
        self.seen: dict[tuple[int, str], list[str]] = defaultdict(list)
        for path in sorted(digests):
            d = digests[path]
            for a in d.acronyms:
                self.seen[(ACRONYM, a.lower())].append(path)
            for n in d.names:
                self.seen[(NAME, n.lower())].append(path)
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.buckets: dict[str, list[str]] = defaultdict(list)
        acronyms: set[str] = set()
        for (kind, key), paths in self.seen.items():
            self.by_key[key].update(paths)
            if kind == ACRONYM:
                acronyms.add(key)
            else:
                self.buckets[key[:3]].append(key)
        self.run_files = frozenset(index.key(p) for p in digests) if index is not None else frozenset()
        if index is not None:
            acronyms.update(index.vocabulary_keys(ACRONYM))
        self.acronyms = sorted(acronyms)

    def known_elsewhere(self, key: str, path: str) -> bool:
        """True when ``key`` is written as an acronym or a name in another file of the run or the archive."""
        if self.by_key.get(key, set()) - {path}:
            return True
        return self.index is not None and bool(self.index.vocabulary_refs(None, key, self.run_files, limit=1))

    def matches(self, key: str, limit: int = 8) -> list[tuple[str, float, str]]:
        """The near matches of ``key`` among the acronyms and the names sharing its first three
        letters, best first (acronyms first on a tie), as ``(key, score, written form)``."""
        names = set(self.buckets.get(key[:3], ()))
        if self.index is not None:
            names.update(self.index.vocabulary_prefix(NAME, key[:3]))
        found = [
            (k, sc, _form(ACRONYM, k))
            for k, sc, _ in process.extract(key, self.acronyms, scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=limit)
        ]
        found += [
            (k, sc, _form(NAME, k))
            for k, sc, _ in process.extract(key, sorted(names), scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=limit)
        ]
        return sorted(found, key=lambda m: -m[1])[:limit]

    def where(self, kind: int, key: str, path: str) -> tuple[str, list[str]]:
        """Where a word was seen outside ``path``: ``("run", paths)``, ``("index", refs)`` or ``("", [])``."""
        paths = [p for p in self.seen.get((kind, key), ()) if p != path]
        if paths:
            return "run", paths
        if self.index is not None:
            refs = self.index.vocabulary_refs(kind, key, self.run_files, limit=MAX_SEEN_IN)
            if refs:
                return "index", refs
        return "", []


def mangled_across(digests: dict[str, Digest], vocabulary: RunVocabulary) -> Iterator[tuple[str, Hit]]:
    """MT004 across files: an unknown word of one file that nearly copies an acronym or name written
    in another file of the run or in the archive, by the same test (:func:`judge`) as in the article."""
    for path in sorted(digests):
        d = digests[path]
        done = {s.evidence["word"].lower() for s in d.mangled}
        for u in d.unknown:
            lo = u.word.lower()
            if lo in done or u.in_name or vocabulary.known_elsewhere(lo, path):
                continue  # a word another file writes as a name is a real name; "Marta Divak" is a person
            found = judge(u.word, vocabulary.matches(lo))
            if found is None:
                continue
            target, key, score = found
            kind = ACRONYM if target.isupper() else NAME
            if kind == ACRONYM and (key in lo or zipf(key) >= SHOUTED_ZIPF):
                continue  # "Tarpit" holds TARP whole: another word built on it; "ALSO", "OVER": shouted words, not acronyms
            source, seen = vocabulary.where(kind, key, path)
            if not seen:
                continue  # only in this file: the in-article test already decided
            label = "acronym" if kind == ACRONYM else "name"
            place = seen[0] if source == "run" else f"the archive ({seen[0]})"
            more = f" and {len(seen) - 1} other file(s)" if len(seen) > 1 else ""
            yield (
                path,
                Hit(
                    f"\u201c{u.word}\u201d is not in the dictionary and nearly copies the {label} \u201c{target}\u201d "
                    f"used in {place}{more}",
                    u.start,
                    u.end,
                    evidence={
                        "signal": "mangled-name",
                        "word": u.word,
                        "matches": target,
                        "kind": label,
                        "similarity": round(score, 1),
                        "source": source,
                        "seen_in": seen[:MAX_SEEN_IN],
                    },
                    excerpt=u.word,
                ),
            )


# --- plug-ins ------------------------------------------------------------------------------------
class TranslationMetrics(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: float = Field(description="MT000's document score")
    known_word_share: float = Field(description="share of lower-case words of 3+ letters that wordfreq knows")
    counts: dict[str, int] = Field(description="signals found, by kind")
    signals: list[dict[str, Any]] = Field(description="each signal: kind, span, message")


class TranslationAnalyzer(Analyzer, CorpusAnalyzer):
    """Per file: the score, the densities and the signals. Its corpus half collects each file's
    :class:`Digest` (what ``index add`` stores for MT003 and MT004) and publishes the run's
    :class:`RunVocabulary` in ``corpus.shared["translation.vocabulary"]``."""

    name = "translation"

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d or None

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        corpus.shared[SHARED_VOCABULARY] = RunVocabulary(corpus.digests, corpus.index)
        return iter(())

    def analyze(self, article: Article) -> Contribution:
        a = article.derive(analyse)
        per = 1000.0 / max(a.words, 1)
        metrics: dict[str, float | int | str | None] = {
            "translation.score": a.score,
            "translation.known_word_share": a.known_word_share,
        }
        for kind in KINDS:
            key = kind.replace("-", "_")
            metrics[f"translation.{key}"] = a.counts.get(kind, 0)
            metrics[f"translation.{key}_per_1k"] = round(a.counts.get(kind, 0) * per, 3)
        details = TranslationMetrics(
            score=a.score,
            known_word_share=a.known_word_share,
            counts=a.counts,
            signals=[{"kind": s.kind, "start": s.start, "end": s.end, "message": s.message} for s in a.signals[:50]],
        )
        return Contribution(metrics=metrics, details=details)


class _SignalRule(DocumentRule):
    family = Family.TRANSLATION
    kinds: tuple[str, ...] = ()

    def check(self, article: Article) -> Iterator[Hit]:
        a = article.derive(analyse)
        for s in a.signals:
            if s.kind in self.kinds:
                yield Hit(s.message, s.start, s.end, evidence={"signal": s.kind, **s.evidence})


class LikelyMachineTranslated(DocumentRule):
    id = "MT000"
    name = "likely-machine-translated"
    family = Family.TRANSLATION
    severity = Severity.ERROR
    summary = "The density and variety of translation artefacts say the text was machine-translated."
    rationale = (
        "One odd word proves nothing; a text in which stutters, out-of-place words, mangled names, "
        "conflicting titles and broken constructions keep turning up was most likely produced by a "
        "weak machine translation. The score adds up each kind of signal per 1,000 words (each kind "
        "capped, so one repeated fault cannot carry it) plus a bonus for every further kind, and the "
        "rule fires at a threshold calibrated to flag at most 2% of human-written news."
    )

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")
        threshold: float = Field(SCORE_THRESHOLD, description="the score at or above which the rule fires")

    fire = (
        "The minister arrived in the capital and weeks later, a few weeks later, the talks began again.\n"
        "Officials said that more than 40 Portugal, more than 30 countries, had sent observers to the vote.\n"
        "The the delegation said it would return in the autumn for the of talks with the government.\n",
        "Transport Minister Jane Holloway opened the new rail line on Monday with the mayor.\n"
        "Days later, a few days later, Transport Secretary Jane Holloway said the line would close for repairs.\n"
        "The contractor blamed the weather, and the the unions blamed the ministry for 12 Spain, 12 contracts.\n",
    )
    quiet = (
        "The council approved the budget on Tuesday after a long debate about school funding.\n"
        "Members said the plan would add two teachers to every primary school by next autumn.\n",
        "The company reported higher profits for the third quarter, helped by strong sales in Asia.\n"
        "Its chief executive said the firm would open four new factories next year.\n"
        "Shares rose 3 percent in early trading in New York.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = article.derive(analyse)
        threshold = float(getattr(self.options, "threshold", SCORE_THRESHOLD))
        if a.score < threshold:
            return
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(a.counts.items()))
        yield Hit(
            f"translation score {a.score:.1f} (threshold {threshold:g}) from {len(a.signals)} signal(s) in {a.words} words: {kinds}",
            evidence={"score": a.score, "threshold": threshold, "counts": a.counts, "words": a.words},
        )


class Stutter(_SignalRule):
    id = "MT001"
    name = "stutter"
    severity = Severity.WARNING
    kinds = ("stutter",)
    summary = "A phrase is restated with a small variation a few words later."
    rationale = (
        'Machine translation that renders one source phrase twice leaves a stutter: "weeks later, a '
        'few weeks later". Writers repeat on purpose in quotes and in fixed patterns ("day after '
        'day", "more and more"), so the rule needs a repeated two-word phrase with a content word, '
        "set off by a comma or dash, at most four words apart, with no conjunction between and no "
        'quotation in the sentence. A restatement that only adds emphasis ("a long meeting, a very '
        'long meeting") is a figure of speech and is left alone.'
    )
    fire = (
        "The ministry approved the plan and weeks later, a few weeks later, the first trains ran.\n",
        "The storm hit the coast on Friday. Power lines fell across the region, the whole region, overnight.\n",
    )
    quiet = (
        "Prices rose month after month, and more and more families struggled to pay.\n",
        '"We will rebuild, we will rebuild," the mayor told the crowd.\n',
        "The plan was approved weeks later by the regional council.\n",
    )


class OutOfPlaceWord(_SignalRule):
    id = "MT002"
    name = "out-of-place-word"
    severity = Severity.WARNING
    kinds = ("out-of-place", "unknown-word")
    summary = "A rare or unknown word, unrelated to the article, in word pairs English does not use."
    rationale = (
        "A wrong word sense or an untranslated word stands out three ways at once: it is rare in "
        "general English (wordfreq), nothing else in the article relates to it (no other word shares "
        "its stem), and the pairs it forms with its neighbours are absent from a table of some 250,000 "
        "common English bigrams (built from the wordsegment package). Terms the article uses again, "
        'regular derivations ("re-", "-ly"), compounds of English words, words next to '
        'punctuation on both sides, terms the article defines ("a state called cryptobiosis"), parts '
        "of e-mail and web addresses, mojibake, and the words of a sentence or quotation that is mostly "
        "in another language (a human writer quoting Spanish) are left alone. Human news uses more rare words than machine "
        "translation does, so a rare real word is only reported in a text whose other translation "
        "signals already score 3 or more, and no odd word is reported unless the text also has another "
        "kind of translation artefact (a stutter, a broken construction, a title conflict, a mangled "
        "name) or is likely machine-translated (MT000): odd words alone are technical terms, names and "
        "loanwords far more often than translation faults. They still count towards the MT000 score."
    )
    fire = (
        "Rescue teams reached the the flooded villages on Monday and moved the families to the surrounded lampshade near the river.\n",
        "The government says the new tax on fuel will be introduced next year, according to the the minister kesäkuussa.\n",
    )
    quiet = (
        "The museum's new exhibition of medieval tapestries opens on Saturday. The tapestries were restored over five years.\n",
        "Engineers cut 798 rhynchosaur segments for the new telescope mirror, the observatory said on Monday.\n",
        "Doctors prescribed semaglutide to the patient, and semaglutide sales rose again this year.\n",
        "Rescue teams moved the families to a school near the river on Monday.\n",
    )


class ConflictingTitle(CorpusRule):
    id = "MT003"
    name = "conflicting-title"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    summary = 'One person is given two titles that share a portfolio but not the office ("Health Minister" / "Health Secretary").'
    rationale = (
        "Translation systems render an office with the word another country uses: a health minister "
        'becomes a "Health Secretary", a president a "Chairman". When the same named person carries '
        "two titles with the same portfolio word but different office nouns, in one article, across "
        "the files of a run, or against the titles stored in the archive index (`check --index`), the "
        "less common form is flagged (both, in a tie) and the evidence names the files. British and "
        'American spellings of a portfolio ("Defence", "Defense") are one portfolio, and "Minister of '
        'Mining" is the same title as "Mining Minister". A surname after a title ("Defense Secretary '
        'Petrović") is the person the article names in full with a title, when only one such name ends '
        'with it. Past and acting titles ("former", "acting", "deputy") are not compared, since people '
        "change office."
    )
    fire = (
        Example(
            text="Health Minister Ana Costa visited the hospital. Later, Health Secretary Ana Costa said it would expand.\n"
            "Hospital staff said Health Minister Ana Costa had promised new beds.\n",
        ),
        Example(
            text="Finance Secretary Omar Haddad presented the budget to parliament on Tuesday.\n",
            others=(
                "Finance Minister Omar Haddad said the deficit would shrink next year.\n",
                "Finance Minister Omar Haddad met bankers in the capital.\n",
            ),
        ),
        Example(
            text="Defense Secretary Lea Moreau said the frigates would be delivered next spring.\n",
            others=("Defence Minister Lea Moreau signed the frigate contract in Paris.\n",),
        ),
    )
    quiet = (
        Example(
            text="Finance Minister Omar Haddad presented the budget. Former Finance Secretary Omar Haddad had drafted it years ago.\n",
        ),
        Example(
            text="Finance Minister Omar Haddad presented the budget on Tuesday.\n",
            others=("Foreign Secretary Omar Haddad met the envoy.\n", "Health Minister Lina Haddad opened a clinic.\n"),
        ),
    )

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d if d.titles else None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        mentions = [(path, m) for path, d in sorted(corpus.digests.items()) for m in d.titles]
        run = set(corpus.digests)
        if corpus.index is not None and mentions:
            run_files = frozenset(corpus.index.key(p) for p in corpus.digests)
            for row in corpus.index.title_mentions({person_key(m.person) for _, m in mentions}, run_files):
                archived = TitleMention(row.person, row.portfolio, row.head, row.title, -1, -1)
                mentions.extend((row.ref, archived) for _ in range(row.mentions))
        for path, m, others in conflicts(mentions):
            if path not in run:
                continue  # an archived article: not this run's to report
            where = {p for p, o in mentions if o in others}
            archive = sorted(where - run)
            files = sorted((where & run) - {path})
            if archive:
                parts = [f"in {len(files)} other file(s)"] if files else []
                parts.append(f"in {len(archive)} archived article(s)")
                place = " and ".join(parts)
            else:
                place = "elsewhere in this file" if where == {path} else f"in {len(where - {path}) or 1} other file(s)"
            evidence: dict[str, Any] = {"person": m.person, "title": m.title, "other_titles": sorted({o.title for o in others})}
            if files or archive:
                evidence["seen_in"] = (files + archive)[:MAX_SEEN_IN]
            yield (
                path,
                Hit(
                    f"{m.person} is called \u201c{m.title}\u201d here but \u201c{others[0].title}\u201d {place}",
                    m.start,
                    m.end,
                    evidence=evidence,
                    excerpt=f"{m.title} {m.person}",
                ),
            )


class MangledAcronym(CorpusRule):
    id = "MT004"
    name = "mangled-acronym"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    summary = "A word missing from the dictionary nearly copies an acronym or name used in the article, the run or the archive."
    rationale = (
        'Machine translation spells an acronym out as a word ("Nato" turns into "Nado") or glues a '
        'foreign case ending onto a name ("Corbynin"). A word that wordfreq does not know and that '
        "is a near match (rapidfuzz ratio of 80 or more) of an acronym or a capitalised name written "
        "elsewhere in the article is that kind of copy. Across files the capitalised unknown words "
        '(the form a mangled acronym takes: "Divak" for DIVAC) are compared, by the same test, with '
        "the acronyms and names written in the other files of the run and in the archive index "
        "(`check --index`), and the evidence names the file where the acronym was seen. English "
        'derivations ("-s", "-ian", "-ese") and the title-case spelling of an acronym ("Nato") are '
        "not flagged, nor is a capitalised word written next to another capitalised word, as part of "
        'a person\'s name ("Dr. Nasra Abdi" beside NASA, "Marta Divak"); across files, neither is a '
        "word that another file or archived article itself writes as a name (a real name known "
        "elsewhere), one that holds the acronym whole "
        '("Tarpit" is not a copy of TARP), nor a match with a word in capitals that is shouted rather '
        'than an acronym: a common English word ("ALSO"), a word only written inside a run of capitals '
        '("GLASS IS HALF FULL"), or a name its article also writes normally ("BERNIE!" beside "Bernie").'
    )
    fire = (
        "The border agency UNRWO said it would reopen the crossing. A spokesman for Unrvo said trucks were waiting.\n",
        "The Labour leader Corbyn spoke on Monday. Critics said corbynin decision split the party.\n",
        Example(
            text="A spokesman for the refugee agency Unhkr said the camp would close before winter.\n",
            others=("The UN refugee agency UNHCR said thousands of families had crossed the border.\n",),
        ),
        Example(
            text="Aid convoys were stopped, a spokeswoman for Divak said on Tuesday.\n",
            others=("The military body DIVAC, which runs the crossings, denied the report.\n",),
        ),
    )
    quiet = (
        "The agency UNRWA said it would reopen the crossing. A spokesman for UNRWA said trucks were waiting.\n",
        "The Labour leader Corbyn spoke on Monday. Critics said Corbyn's decision split the party.\n",
        Example(
            text="The economist Marta Divak said the crossings would stay open.\n",
            others=("The military body DIVAC, which runs the crossings, denied the report.\n",),
        ),
        Example(
            text="The singer Divak opened the festival on Friday evening.\n",
            others=(
                "The military body DIVAC, which runs the crossings, denied the report.\n",
                "Fans of Divak queued overnight for tickets to the concert.\n",
            ),
        ),
    )

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d or None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        for path in sorted(corpus.digests):
            for s in corpus.digests[path].mangled:
                yield path, Hit(s.message, s.start, s.end, evidence={"signal": s.kind, **s.evidence}, excerpt=s.evidence["word"])
        vocabulary = corpus.shared.get(SHARED_VOCABULARY)
        if not isinstance(vocabulary, RunVocabulary):
            vocabulary = RunVocabulary(corpus.digests, corpus.index)
        yield from mangled_across(corpus.digests, vocabulary)


class BrokenConstruction(_SignalRule):
    id = "MT005"
    name = "broken-construction"
    severity = Severity.ERROR
    kinds = ("broken",)
    summary = "A construction fluent English does not produce: a number before a country, a doubled function word, a stray determiner."
    rationale = (
        "Some word sequences only come out of a machine: a number followed directly by a country as if "
        'the country were countable ("more than 40 Portugal"), a function word written twice ("the '
        'the"), a determiner followed by a preposition or pronoun ("the of", "a they"), and "the '
        'bigger square ever", the comparative that languages building the superlative from article '
        'and comparative leave behind. Years, sports scores ("Spain 2 France 1"), labels ("Route '
        '66") and a country used as a modifier ("30 United Kingdom and Australian troops") are left '
        "alone. Each pattern was measured on human news (212 articles, 211,534 words): together they "
        'fire about 0.4 times per 10,000 words, almost all on real typos ("with with"), so a doubled '
        "word is a warning in a text that MT000 does not flag, an error in one it does."
    )
    fire = (
        "Officials said more than 40 Portugal, more than 30 countries, sent observers.\n",
        "The delegation will return in the autumn for talks with the the government.\n",
        "Negotiators met for the of talks on the border dispute.\n",
    )
    quiet = (
        "In 2019 France introduced a new law on renewable energy.\n",
        "Spain 2 France 1: the hosts scored twice in the second half.\n",
        "More than 40 countries sent observers to the vote.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = article.derive(analyse)
        opts = self.context.options_for(LikelyMachineTranslated)
        threshold = getattr(opts, "threshold", SCORE_THRESHOLD)
        for hit in super().check(article):
            if hit.evidence.get("pattern") == "doubled-function-word" and a.score < threshold:
                # "the the" in a text with no other sign of translation: a typo to fix, not a reason to review
                typo = f"{hit.message} (a typo: the text shows no other sign of machine translation)"
                hit = replace(hit, message=typo, severity=Severity.WARNING)
            yield hit


RULES = [LikelyMachineTranslated, Stutter, OutOfPlaceWord, ConflictingTitle, MangledAcronym, BrokenConstruction]
ANALYZERS = [TranslationAnalyzer]
