"""Language of the article and of its paragraphs: langdetect (seeded, repeatable) behind a fast path.

langdetect costs ~2-6 ms a call, more than the rest of the family together. Most archive text is
plainly English, so an English paragraph is recognised first by the share of its words that are
frequent English function words (``[function_words_en]`` in ``rules/data/provenance/lexicon.txt``:
~29% of English tokens, at most ~2% of the tokens of German, Dutch, Danish, Polish...). Only the
paragraphs that fail that test, are long enough to judge and are not made of English dictionary words
(lists, names: the CMU dictionary shipped for readability) go to langdetect, capped in length and number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from checker.article import Article
from rules.provenance import lexicon
from rules.provenance.quality import lowered
from rules.provenance.readability import syllable_dictionary

if TYPE_CHECKING:  # numpy and langdetect are imported on first use: most articles need neither
    import numpy as np
    import numpy.typing as npt
    from langdetect import DetectorFactory
    from langdetect.detector import Detector

_ALPHA = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The same tokens in a lower-cased text whose only letters are a-z (no character outside ASCII,
# no-break space and the General Punctuation block, none of which is a letter): a cheaper regex.
_ASCII_ALPHA = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NOT_PLAIN = re.compile(r"[^\x00-\x7f\xa0\u2010-\u206f]")
# ... and their counts again from such a text's bytes, one per character, at C speed (translate,
# split): see :func:`plain_counts`.
_PLAIN_WORD_BYTES = bytes(b if 0x61 <= b <= 0x7A or b == 0x27 else 0x20 for b in range(256))
_BYTES_ALPHA = re.compile(rb"[a-z]+(?:'[a-z]+)?")
_LONE_APOSTROPHE = re.compile(rb"'(?:(?<![a-z]')|(?![a-z]))")  # not between two letters
_TWO_APOSTROPHES = re.compile(rb"'[a-z]+'")  # one run of letters and apostrophes, two tokens: "rock'n'roll"

LANGDETECT_SEED = 0
ARTICLE_MAX_CHARS = 1500  # langdetect sample for the whole article (only when the fast path fails)
PARAGRAPH_MAX_CHARS = 400  # langdetect sample per paragraph
MAX_DETECTED_PARAGRAPHS = 12  # langdetect calls per article at most
MIN_PARAGRAPH_WORDS = 15  # shorter paragraphs (headings, list items, names) are not judged alone
MIN_ARTICLE_WORDS = 20
ENGLISH_SHARE_PARAGRAPH = 0.12  # function-word share above which a paragraph is English
ENGLISH_SHARE_ARTICLE = 0.15  # ... and the whole body
ENGLISH_VOCABULARY_SHARE = 0.7  # ... or the share of its words in the CMU (English) dictionary: lists, names
FAST_PATH_CONFIDENCE = 0.99  # reported for fast-path English (langdetect agrees at >= 0.99: benchmarks/provenance.py)


@cache
def _factory() -> DetectorFactory:
    """langdetect's ``DetectorFactory`` with its profiles loaded and the seed set."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = LANGDETECT_SEED
    detector_factory.init_factory()
    factory = detector_factory._factory
    assert factory is not None
    return factory


def detect_language(text: str, max_chars: int = ARTICLE_MAX_CHARS) -> tuple[str | None, float]:
    """langdetect with a fixed seed (repeatable), over at most ``max_chars`` characters."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.set_max_text_length(max_chars)
    detector.append(text)
    try:
        best = probabilities(detector)
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return best[0].lang, round(best[0].prob, 3)


_VECTORS: dict[str, npt.NDArray[np.float64]] = {}  # n-gram -> its per-language probabilities
MAX_VECTORS = 20_000  # n-grams remembered (~10 MB); the table is emptied beyond


_NORMALIZED: dict[str, str] = {}  # character -> langdetect's NGram.normalize of it
MAX_NORMALIZED = 10_000


def extract_ngrams(text: str, table: Mapping[str, object]) -> list[str]:
    """``Detector._extract_ngrams()`` for a detector holding ``text``: langdetect 1.0.9's NGram
    buffer step for step (``add_char``, then the 1- to 3-grams in the profiles), inline, with each
    character's normalisation remembered (langdetect looks up its Unicode block every time)."""
    from langdetect.utils.ngram import NGram

    if len(_NORMALIZED) > MAX_NORMALIZED:
        _NORMALIZED.clear()
    normalized = _NORMALIZED
    result: list[str] = []
    grams = " "
    capital = False
    for ch in text:
        c = normalized.get(ch)
        if c is None:
            c = normalized[ch] = NGram.normalize(ch)
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if c == " ":
                continue  # nothing to add: the buffer is " "
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += c
        if c.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if c != " " and c in table:  # the 1-gram: the last character
            result.append(c)
        n = len(grams)
        if n >= 2:
            if grams[-2:] in table:
                result.append(grams[-2:])
            if n >= 3 and grams in table:  # the buffer holds at most 3 characters
                result.append(grams)
    return result


def probabilities(detector: Detector) -> list[Any]:
    """``detector.get_probabilities()``: langdetect 1.0.9's ``Detector._detect_block`` step for step
    (the same random draws, the same floating-point operations in the same order, so the same
    result), with the per-language products and the normalisation done on numpy arrays instead of
    Python loops over the ~55 languages (a third of the time)."""
    import numpy as np
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector.cleaning_text()
    ngrams = extract_ngrams(detector.text, detector.word_lang_prob_map)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    table = detector.word_lang_prob_map
    if len(_VECTORS) > MAX_VECTORS:
        _VECTORS.clear()
    vectors = []
    for w in ngrams:
        v = _VECTORS.get(w)
        if v is None:
            v = _VECTORS[w] = np.array(table[w], dtype=np.float64)
        vectors.append(v)
    langprob = np.zeros(len(detector.langlist), dtype=np.float64)
    rnd = detector.random
    rnd.seed(detector.seed)
    for _ in range(detector.n_trial):
        prob = np.array(detector._init_probability(), dtype=np.float64)
        alpha = detector.alpha + rnd.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        i = 0
        while True:
            prob *= weight + rnd.choice(vectors)  # _update_lang_prob
            if i % 5 == 0:
                prob /= prob.cumsum()[-1]  # _normalize_prob: sum() adds left to right, as cumsum does
                if prob.max() > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        langprob += prob / detector.n_trial
    detector.langprob = langprob.tolist()
    result: list[Any] = detector._sort_probability(detector.langprob)
    return result


@cache
def _function_words() -> frozenset[str]:
    return lexicon.words("function_words_en")


@dataclass(slots=True)
class ParagraphLanguage:
    index: int
    start: int
    end: int
    words: int
    code: str | None
    confidence: float
    method: str  # function-words or langdetect


@dataclass(slots=True)
class LanguageResult:
    code: str | None
    confidence: float
    method: str  # function-words, langdetect or none
    english_share: float
    paragraphs: list[ParagraphLanguage] = field(default_factory=list)  # every judged paragraph

    def differing(self) -> list[ParagraphLanguage]:
        """Judged paragraphs in another language than the article's."""
        return [p for p in self.paragraphs if p.code is not None and p.code != self.code]


@cache
def _function_words_bytes() -> frozenset[bytes] | None:
    """The function words as bytes for :func:`plain_counts`; None if one is not made of a-z only
    (its tokens write "’" as "'", which would then matter)."""
    fw = _function_words()
    if not all(w.isascii() and w.isalpha() and w.islower() for w in fw):
        return None
    return frozenset(w.encode("ascii") for w in fw)


def plain_counts(lower: str, spans: Sequence[tuple[int, int]], function_words: frozenset[bytes]) -> list[tuple[int, int] | None]:
    """For each span of a lower-cased text: how many ``_ASCII_ALPHA`` tokens it holds and how many
    of them are in ``function_words`` (made of a-z only); None for a span that is not plain (a letter
    outside a-z: its tokens need ``_ALPHA``).

    The text becomes bytes, one per character: a-z and the apostrophes (’ written ') kept, every
    other character a space ("?" from the encoder first). An apostrophe belongs to a token only
    between two letters, so the others become spaces too, and at the edges of a span. Splitting a
    span on spaces then gives the regex's tokens, unless a run holds two apostrophes ("rock'n'roll":
    "rock'n" and "roll"), where the regex itself is run on the bytes."""
    t = lower.replace("’", "'").encode("ascii", "replace").translate(_PLAIN_WORD_BYTES)
    twice = False
    if b"'" in t:
        t = _LONE_APOSTROPHE.sub(b" ", t)
        twice = _TWO_APOSTROPHES.search(t) is not None
    first_odd = len(lower)
    if not lower.isascii() and (m := _NOT_PLAIN.search(lower)) is not None:
        first_odd = m.start()
    out: list[tuple[int, int] | None] = []
    for start, end in spans:
        if end > first_odd and _NOT_PLAIN.search(lower, start, end):
            out.append(None)
            continue
        seg = t[start:end]
        if seg[:1] == b"'":  # kept in the text (between two letters), but at the span's edge
            seg = seg[1:]
        if seg[-1:] == b"'":
            seg = seg[:-1]
        toks = _BYTES_ALPHA.findall(seg) if twice and _TWO_APOSTROPHES.search(seg) else seg.split()
        out.append((len(toks), sum(map(function_words.__contains__, toks))))
    return out


def english_share(tokens: list[str]) -> float:
    fw = _function_words()
    return sum(1 for t in tokens if t in fw) / len(tokens) if tokens else 0.0


def analyse(article: Article) -> LanguageResult:
    text = article.text
    total = 0
    hits = 0
    fw = _function_words()
    vocabulary = syllable_dictionary()
    paras: list[ParagraphLanguage] = []
    pending: list[ParagraphLanguage] = []
    lower = lowered(article)
    spans = article.paragraphs
    fw_bytes = _function_words_bytes()
    counts = plain_counts(lower, spans, fw_bytes) if fw_bytes is not None else [None] * len(spans)
    for i, (para, count) in enumerate(zip(spans, counts, strict=True)):
        toks: list[str] | None = None
        if count is not None:  # a plain paragraph: _ALPHA's tokens are _ASCII_ALPHA's, counted from bytes
            words = _ASCII_ALPHA
            n, k = count
        else:
            words = _ALPHA
            toks = words.findall(lower, para.start, para.end)
            n = len(toks)
            k = sum(map(fw.__contains__, toks))
        total += n
        hits += k
        if n < MIN_PARAGRAPH_WORDS:
            continue
        share = k / n
        if share >= ENGLISH_SHARE_PARAGRAPH:
            paras.append(ParagraphLanguage(i, para.start, para.end, n, "en", FAST_PATH_CONFIDENCE, "function-words"))
            continue
        if toks is None:  # the str tokens, for the dictionary look-up (rarely needed)
            toks = words.findall(lower, para.start, para.end)
        if sum(map(vocabulary.__contains__, toks)) >= ENGLISH_VOCABULARY_SHARE * n:
            paras.append(ParagraphLanguage(i, para.start, para.end, n, "en", FAST_PATH_CONFIDENCE, "vocabulary"))
        else:
            pending.append(ParagraphLanguage(i, para.start, para.end, n, None, 0.0, "langdetect"))
    share = hits / total if total else 0.0
    for p in pending[:MAX_DETECTED_PARAGRAPHS]:
        p.code, p.confidence = detect_language(text[p.start : p.end], PARAGRAPH_MAX_CHARS)
        paras.append(p)
    paras.sort(key=lambda p: p.index)
    if total < 3:
        return LanguageResult(None, 0.0, "none", share, paras)
    if share >= ENGLISH_SHARE_ARTICLE and total >= MIN_ARTICLE_WORDS and not any(p.code not in (None, "en") for p in paras):
        return LanguageResult("en", FAST_PATH_CONFIDENCE, "function-words", round(share, 3), paras)
    code, conf = _majority(paras)
    if code is not None:
        return LanguageResult(code, conf, "paragraphs", round(share, 3), paras)
    if total < MIN_ARTICLE_WORDS:  # a short text: English words throughout make it English
        toks = _ALPHA.findall(lower, article.body_start)
        if sum(map(vocabulary.__contains__, toks)) >= ENGLISH_VOCABULARY_SHARE * len(toks) and share > 0:
            return LanguageResult("en", FAST_PATH_CONFIDENCE, "vocabulary", round(share, 3), paras)
    code, conf = detect_language(article.body, ARTICLE_MAX_CHARS)
    return LanguageResult(code, conf, "langdetect" if code else "none", round(share, 3), paras)


def _majority(paras: list[ParagraphLanguage]) -> tuple[str | None, float]:
    """The language of most judged words, with its share of them as confidence (weighted by the
    paragraphs' own confidence)."""
    weight: dict[str, float] = {}
    total = 0.0
    for p in paras:
        if p.code is None:
            continue
        weight[p.code] = weight.get(p.code, 0.0) + p.words * p.confidence
        total += p.words
    if not weight:
        return None, 0.0
    code, w = max(weight.items(), key=lambda kv: (kv[1], kv[0]))
    return code, round(w / total, 3)
