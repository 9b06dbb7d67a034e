"""The artefact analysis of the translation family: each artefact of machine translation, pointed at.

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

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz, process

from checker.article import Article, shorten
from checker.lexicon import longest_first
from rules.translation.tables import bigrams, countries, frequencies, grammar, titles, zipf

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
        # built with map and zip (C loops): this runs over every word of every article
        self.start: list[int] = list(map(itemgetter(0), words))
        self.end: list[int] = list(map(itemgetter(1), words))
        self.text: list[str] = list(map(whole.__getitem__, map(slice, self.start, self.end)))
        self.lower: list[str] = list(map(str.lower, self.text))

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
    # each distinct word judged once: lower-case, 3+ letters, alphabetic; and its frequency
    plain_words = {t for t in set(raw) if t.islower() and len(t) >= 3 and t.isalpha()}
    plain = list(compress(range(len(raw)), map(plain_words.__contains__, raw)))
    total = len(plain)
    rare_words = {t: f for t in plain_words if (f := freq.get(t, 0.0)) < RARE_FREQ}
    rare = [(i, rare_words[raw[i]]) for i in compress(range(len(raw)), map(rare_words.__contains__, raw))]
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


def construction_score(a: Analysis) -> float:
    """The artefact score without the odd words (MT002's kinds): what the document model's stacking
    adds to its own logit. The model already sees unknown and rare words (its masked n-grams), so
    counting them again would make a human article full of terms (species, drugs) look translated."""
    return document_score({k: n for k, n in a.counts.items() if k not in _WORD_KINDS}, 0, a.words)


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
COMPOUND_HEAD_ZIPF = 3.5  # "skywatching": the first word of a compound is at least this common ...
COMPOUND_TAIL_ZIPF = 3.0  # ... and the second at least this common


@cache
def _compound_reach() -> tuple[int, int]:
    """The longest words common enough to be the head and the tail of a compound: no cut of a word
    further from its ends than these can split it into two such words."""
    head_freq, tail_freq = 10.0 ** (COMPOUND_HEAD_ZIPF - 9.0), 10.0 ** (COMPOUND_TAIL_ZIPF - 9.0)
    heads = tails = 0
    for w, f in frequencies().items():
        if f >= tail_freq:
            tails = max(tails, len(w))
            if f >= head_freq:
                heads = max(heads, len(w))
    return heads, tails


def _is_compound(word: str) -> bool:
    """ "skywatching", "noncompetes": two known English words written together. Only the cuts that
    leave both parts no longer than the longest common word are tried, so a word of any length costs
    a bounded number of look-ups (a 400,000-letter "word" none)."""
    freq = frequencies()
    heads, tails = _compound_reach()
    for cut in range(max(3, len(word) - tails), min(len(word) - 2, heads + 1)):
        head, tail = word[:cut], word[cut:]
        if head in freq and tail in freq and zipf(head) >= COMPOUND_HEAD_ZIPF and zipf(tail) >= COMPOUND_TAIL_ZIPF:
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
    raw = toks.text
    wanted = {t for t in set(raw) if t.lower() not in freq and len(t) >= 4 and t[1:].islower() and t.isalpha()}  # each distinct word once
    return list(compress(range(len(raw)), map(wanted.__contains__, raw)))


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

    capitalised = {t for t in set(words) if t[:1].isupper()}  # the few words the loop looks at, found in C
    for i in compress(range(n), map(capitalised.__contains__, words)):
        t = words[i]
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
    firsts = {w for w in set(lower) if w in starters or w[:1].isdigit()}  # the words a pattern can start with
    candidates = [
        i
        for i in compress(range(n - 1), map(firsts.__contains__, lower))
        if ((a := lower[i]) in starters and ((b := lower[i + 1]) == a or b in not_after or b.endswith("er")))
        or (a[:1].isdigit() and lower[i + 1][:1] != a[:1])
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


def person_key(person: str) -> str:
    """A person's name as compared across files and stored in the index: case, apostrophes and spacing normalised."""
    return " ".join(person.replace("\u2019", "'").casefold().split())
