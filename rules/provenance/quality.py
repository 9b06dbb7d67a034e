"""Is the file whole and clean: web boilerplate, truncation, encoding damage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.article import Article
from rules.provenance import lexicon
from rules.provenance.extract import CASE_ODD, Record, words_between
from rules.provenance.readability import syllable_dictionary


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str
    text: str
    detail: str = ""
    raw: tuple[tuple[int, bytes], ...] = ()  # undecodable bytes replaced here: (byte offset, bytes)


# --- boilerplate ------------------------------------------------------------------------------
def lowered(article: Article) -> str:
    """The article's text lower-cased with every offset kept (shared by the family's analyses)."""
    return article.derive(_lowered)


def _lowered(article: Article) -> str:
    text = article.text
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased: keep offsets exact
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


def boilerplate(article: Article) -> list[Span]:
    line_patterns = lexicon.boilerplate().get("line", ())
    lines = lexicon.boilerplate_lines()
    text = article.text
    lower = lowered(article)
    out: list[Span] = []
    rest: list[tuple[int, int]] = []
    for para in article.paragraphs:
        stripped = lower[para.start : para.end].strip(" \t.!:|•·-–—>»")
        m = lines.match(stripped) if len(stripped) <= 120 else None
        if m is not None:
            kind = line_patterns[int(str(m.lastgroup)[1:])].kind
            out.append(Span(para.start, para.end, kind, text[para.start : para.end]))
        else:
            rest.append((para.start, para.end))
    if rest:
        _anywhere_all(article, rest, out, lower)
    out.sort(key=lambda s: s.start)
    return out


def _anywhere_all(article: Article, paras: list[tuple[int, int]], out: list[Span], lower: str) -> None:
    """The ``[anywhere]`` patterns over the whole body at once, kept where they fall in ``paras``."""
    import bisect

    starts = [p[0] for p in paras]
    found: list[Span] = []
    body = article.body_start
    present: dict[str, bool] = {}
    for p, inside in _anywhere_literals():
        if p.literal:  # a plain substring test rules most patterns out at C speed
            ok = present.get(p.literal)
            if ok is None:  # once per literal; not at all when a shorter literal inside it is absent
                ok = present[p.literal] = all(present.get(i, True) for i in inside) and lower.find(p.literal, body) >= 0
            if not ok:
                continue
        for m in p.regex.finditer(lower, body):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= paras[i][1]:
                continue
            s, e = _sentence_around(article, m.start(), *paras[i])
            if any(f.start == s for f in found):
                continue
            found.append(Span(s, e, p.kind, article.text[s:e], article.text[m.start() : m.end()]))
    out.extend(found)


@cache
def _anywhere_literals() -> tuple[tuple[lexicon.Pattern, tuple[str, ...]], ...]:
    """The ``[anywhere]`` patterns, each with the other (shorter) literals its literal contains."""
    pats = lexicon.boilerplate().get("anywhere", ())
    lits = {p.literal for p in pats if p.literal}
    return tuple((p, tuple(sorted(o for o in lits if o != p.literal and o in p.literal))) for p in pats)


def _sentence_around(article: Article, pos: int, start: int, end: int) -> tuple[int, int]:
    import bisect

    sents = article.sentences
    i = bisect.bisect_right([s.start for s in sents], pos) - 1
    if 0 <= i < len(sents) and sents[i].start <= pos < sents[i].end:
        return sents[i].start, sents[i].end
    return start, end


# --- truncation -------------------------------------------------------------------------------
_TERMINAL = re.compile(r"[.!?…‽][\"'”’″»)\]]*\s*$|[\"”’″»)\]]\s*$")
_ATTRIBUTION_TAIL = re.compile(r"[.!?…”\"]\s*[—–-]{1,2}\s*[A-Z][^.!?\n]{0,100}$")  # '... members.” —Jane Roe, Acme'
_DANGLING = re.compile(r"[,;:(\-–—/&\"“‘]\s*$")
_LAST_WORD = re.compile(r"([^\W\d_][\w'’\-]*)\W*$")
_ENDING_WORDS = frozenset(lexicon.sections().get("dangling_end", ()))


@cache
def _truncation_markers() -> re.Pattern[str]:
    alts = lexicon.alternation("truncation_marker")
    return re.compile(rf"(?:{alts})\s*[.:!»›>]*\s*$", re.IGNORECASE)


@cache
def _marker_last_words() -> tuple[str, ...]:
    return tuple(e.split()[-1].lower() for e in lexicon.sections().get("truncation_marker", ()))


def _may_end_with_marker(chunk: str) -> bool:
    """False only when ``_truncation_markers()`` cannot match: a marker, then white space, a run of
    ``.:!»›>`` and white space up to the end, so the text stripped of those ends with a marker's
    last word."""
    if CASE_ODD.search(chunk):
        return True
    core = chunk.rstrip().rstrip(".:!»›>").rstrip()
    return core.lower().endswith(_marker_last_words())


def truncation(article: Article, record: Record, residue: list[Span]) -> Span | None:
    """How the body ends, if it ends cut off: mid-sentence, mid-word, on a dangling word, or at a
    "continue reading" marker. Trailing boilerplate, credit, sign-off and contributor lines are
    skipped first; a last line that is a list item or heading is not prose and is not judged."""
    text = article.text
    skip = [(s.start, s.end) for s in residue]
    skip += [(c.start, c.end) for c in record.credits]
    skip += [(f.start, f.end) for f in (*record.signoffs, *record.contributors)]
    paras = article.paragraphs
    for i in range(len(paras) - 1, -1, -1):
        para = paras[i]
        chunk = text[para.start : para.end]
        marker = _truncation_markers().search(chunk) if _may_end_with_marker(chunk) else None
        if marker is not None and (marker.start() == 0 or len(chunk) - marker.start() < 60):
            return Span(para.start + marker.start(), para.end, "marker", chunk[marker.start() :].strip(), "stops at a cut-off marker")
        covered = sum(min(e, para.end) - max(s, para.start) for s, e in skip if s < para.end and para.start < e)
        if covered >= len(chunk.strip()) * 0.8:
            continue
        return _judge_last(article, i, chunk, para.start, para.end)
    return None


def _judge_last(article: Article, index: int, chunk: str, start: int, end: int) -> Span | None:
    tail = chunk.rstrip()
    if _TERMINAL.search(tail) or _ATTRIBUTION_TAIL.search(tail):
        return None
    lo, hi = words_between(article, start, end)
    words = article.words[lo:hi]
    if _DANGLING.search(tail) and len(words) >= 4:
        return Span(max(start, end - 80), end, "mid-sentence", tail[-80:], f"ends on {tail[-1]!r}")
    if not _prose(article, index, len(words)):
        return None
    last = _LAST_WORD.search(tail)
    word = last.group(1) if last else ""
    if word.lower() in _ENDING_WORDS:
        return Span(max(start, end - 80), end, "mid-sentence", tail[-80:], f"ends on the word {word!r}")
    if word and word.islower() and not _known_word(word):
        return Span(max(start, end - 80), end, "mid-word", tail[-80:], f"ends in the fragment {word!r}")
    return Span(max(start, end - 80), end, "mid-sentence", tail[-80:], "ends without closing punctuation")


def _prose(article: Article, index: int, n_words: int) -> bool:
    """A paragraph of running text, not a list item, heading or table row."""
    if n_words < 8:
        return False
    text = article.text
    para = article.paragraphs[index]
    chunk = text[para.start : para.end]
    if re.match(r"\s*(?:[-*•·▪–]|\d+[.)]|[A-Z][\w ]{0,30}:\s)", chunk):
        return False
    fw = lexicon.words("function_words_en")
    lo, hi = words_between(article, para.start, para.end)
    toks = [text[w.start : w.end].lower() for w in article.words[lo:hi]]
    lower = sum(1 for t in toks if t in fw or t in _ENDING_WORDS)
    if lower / max(1, len(toks)) < 0.12:
        return False
    if index > 0:
        prev = article.paragraphs[index - 1]
        prev_text = text[prev.start : prev.end].rstrip()
        if len(prev_text.split()) <= 12 and not _TERMINAL.search(prev_text) and len(toks) <= 16:
            return False  # a run of short unpunctuated lines: a list
    return True


@cache
def _zipf() -> object:
    from wordfreq import zipf_frequency

    return zipf_frequency


def _known_word(word: str) -> bool:
    """In the CMU dictionary, or frequent enough in wordfreq's English list (zipf >= 2.5)."""
    if word.lower() in syllable_dictionary():
        return True
    zipf = _zipf()
    return bool(zipf(word, "en") >= 2.5)  # type: ignore[operator]


# --- encoding damage ----------------------------------------------------------------------------
# A cheap pre-check before ftfy: a Latin-1 lead character (Â..ô) followed by a character that a
# UTF-8 continuation byte becomes in Latin-1 or cp1252 -- the shape of UTF-8 read as cp1252.
_HINT_LEADS = "".join(map(chr, range(0xC2, 0xF5)))
_HINT_FOLLOWERS = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
_MOJIBAKE_HINT = re.compile(f"[{_HINT_LEADS}][{_HINT_FOLLOWERS}]")  # what mojibake_hint looks for
_FOLLOWER_SET = frozenset(c for c in map(chr, range(0x80, 0x2200)) if re.match(f"[{_HINT_FOLLOWERS}]", c))


def mojibake_hint(text: str, pos: int, leads: str = _HINT_LEADS) -> bool:
    """``_MOJIBAKE_HINT.search(text, pos) is not None``, from the occurrences of the lead characters
    (``leads``: those the text holds, when known) found with str.find: the regex scans every
    character (~0.1 ms on a news article) and lead characters are few."""
    n = len(text)
    for lead in leads:
        i = text.find(lead, pos)
        while i >= 0:
            if i + 1 < n and text[i + 1] in _FOLLOWER_SET:
                return True
            i = text.find(lead, i + 1)
    return False


_REPLACEMENT = re.compile("\ufffd+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_LOST_APOSTROPHE = re.compile(r"\?(?=(?:s|t|re|ll|ve|d|m)\b)")  # after a letter: checked in code
_QUESTION_RUN = re.compile(r"\?\?+(?=[.,;:])")


# Cheap tests before the regexes above (which scan the whole text character by character): the
# Latin-1 characters of the text as bytes, with all but the control characters (or all but the
# mojibake lead characters) deleted.
_ALL_BUT_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or b in (0x0B, 0x0C) or 0x0E <= b <= 0x1F or 0x7F <= b <= 0x9F))
_ALL_BUT_LEAD = bytes(b for b in range(256) if not 0xC2 <= b <= 0xF4)


def encoding_damage(article: Article, record: Record) -> list[Span]:
    text = article.text
    body = article.body_start
    out: list[Span] = []
    ascii_only = text.isascii()
    latin = text.encode("ascii") if ascii_only else text.encode("latin-1", "ignore")
    if not ascii_only and "\ufffd" in text:
        replaced = _undecodable(article, out)
        for m in _REPLACEMENT.finditer(text, body):
            if not any(i in replaced for i in range(m.start(), m.end())):
                detail = f"{len(m.group(0))} U+FFFD replacement character(s)"
                out.append(Span(m.start(), m.end(), "replacement-character", m.group(0), detail))
    if latin.translate(None, _ALL_BUT_CONTROL):
        for m in _CONTROL.finditer(text, body):
            out.append(Span(m.start(), m.end(), "control-character", m.group(0), ", ".join(f"U+{ord(c):04X}" for c in m.group(0)[:5])))
    if not ascii_only and (leads := latin.translate(None, _ALL_BUT_LEAD)):
        _mojibake(article, out, "".join(sorted(set(leads.decode("latin-1")))))
    if "?" in text:
        for m in _LOST_APOSTROPHE.finditer(text, body):
            if m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
                out.append(Span(m.start(), m.end(), "lost-character", m.group(0), "a '?' stands for a lost apostrophe"))
        for m in _QUESTION_RUN.finditer(text, body):
            if m.start() > 0 and text[m.start() - 1].isalpha():
                out.append(Span(m.start(), m.end(), "lost-character", m.group(0), "a run of '?' stands for lost characters"))
    dl = record.dateline
    if dl is not None and dl.separator == "?":
        q = text.find("?", dl.start, dl.end)
        out.append(Span(q, q + 1, "lost-character", "?", "the dateline's dash was lost to a '?'"))
    out.sort(key=lambda s: s.start)
    return out


def _undecodable(article: Article, out: list[Span]) -> set[int]:
    """Spans for the byte sequences the decoder could not decode (each now one U+FFFD), anywhere in
    the file, a run of adjacent ones as one span; returns their character offsets."""
    invalid = article.decoded.invalid
    i = 0
    while i < len(invalid):
        j = i + 1
        while j < len(invalid) and invalid[j].char == invalid[j - 1].char + 1:
            j += 1
        run = invalid[i:j]
        raw = tuple((iv.byte, iv.raw) for iv in run)
        shown = " ".join(f"0x{b:02X}" for iv in run[:4] for b in iv.raw)
        detail = f"undecodable bytes {shown}{' ...' if len(run) > 4 else ''} at byte offset {run[0].byte:,} replaced by U+FFFD"
        out.append(Span(run[0].char, run[-1].char + 1, "replacement-character", "\ufffd" * len(run), detail, raw))
        i = j
    return {iv.char for iv in invalid}


def _mojibake(article: Article, out: list[Span], leads: str) -> None:
    """Lines that ftfy judges to be mojibake and can repair; the spans are its suspect sequences.
    ``leads``: the mojibake lead characters in the text."""
    text = article.text
    pos = article.body_start
    if not mojibake_hint(text, pos, leads) or not is_bad(text[pos:]):
        return
    import ftfy  # imported on first use: most texts never get here

    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if not line.isascii() and is_bad(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                for m in _badness().finditer(line):
                    out.append(Span(pos + m.start(), pos + m.end(), "mojibake", m.group(0), f"ftfy reads the line as: {fixed[:160]}"))
        pos = end + 1


@cache
def _badness() -> re.Pattern[str]:
    """ftfy's mojibake heuristic (``ftfy.badness.BADNESS_RE``), imported on first use."""
    from ftfy.badness import BADNESS_RE

    return BADNESS_RE


# Every match of ftfy's BADNESS_RE (ftfy 6.3) holds a character outside ASCII and is at most this
# long; its only anchor is a leading "^" (the start of the string), and it has no look-around.
# tests/test_provenance_speed.py checks these properties on the installed ftfy.
BADNESS_MAX_WIDTH = 7
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)`` (a BADNESS_RE match anywhere), searching only around the
    characters outside ASCII: ftfy's search tries the pattern at every position of the text, which
    costs ~0.2 ms per 1,000 characters; a match must hold a character outside ASCII, so it lies
    within ``BADNESS_MAX_WIDTH - 1`` characters of one and the windows around them are enough."""
    if text.isascii():
        return False
    badness = _badness()
    reach = BADNESS_MAX_WIDTH - 1
    lo = hi = -1
    for m in _NON_ASCII_RUN.finditer(text):
        start = max(0, m.start() - reach)
        if start > hi:  # a new window: search the previous one
            if hi >= 0 and badness.search(text, lo, hi):
                return True
            lo = start
        hi = m.end() + reach
    return bool(badness.search(text, lo, hi))
