"""Paragraph, sentence and word segmentation with character offsets.

Paragraphs are blocks between blank lines. Inside a block a line break is a paragraph break (one
paragraph per line, a heading, a short last line) unless the document is hard-wrapped: when most
lines that continue a block are nearly as long as the longest (40 to 100 columns), do not end a
sentence and are often followed by a lower-case word, a line break is a wrap unless the next word
would have fitted on the line (or the next line is indented). Otherwise a break follows a line that
ends in terminal punctuation (``.?!:;`` or a closing quote) or is shorter than 60 characters.

Sentences are split at terminal punctuation (``.``, ``?``, ``!``, ``…``, with any closing quotes or
brackets) followed by white space and an upper-case letter, a digit, a currency sign or an opening
quote or bracket. A period does not end a sentence after:

* an abbreviation from ``checker/data/abbreviations.txt``: ``[title]`` is always followed by more of
  the sentence ("Mr.", "Gen.", "Brig.-Gen. (res.)", "Plessy v. Ferguson"); ``[numeric]`` only before a
  number ("No. 5", "Feb. 9", "Sept. 11"; "the answer is no. He ..." splits); ``[other]`` unless a
  sentence starter follows ("Acme Inc. Chief" vs "Acme Inc. The", "St. Louis" vs "Main St. The");
* a dotted acronym ("U.S.", "a.m.", "Ph.D.", "L.L.C.s": dotted parts of at most two letters), which
  behaves like ``[other]``: "in the U.S. The" splits, "the U.S. Supreme Court" and "10 a.m. Tuesday"
  do not; "will.i.am" or "site.com" is a word and splits like one;
* a single capital letter, an initial ("J. R. Smith"), unless a sentence starter follows ("Plan B. The");
* a list number at the start of a paragraph or sentence ("1. San Francisco (11-3)");
* a one-word parenthetical ("Brig.-Gen. (res.) Moshe", "Southern Lab (La.) High") and a dateline
  ("TALLAHASSEE, Fla. (AP) — ...").

A quotation ending in ``?`` or ``!`` and followed by one to four capitalised words and a reporting verb
('"Why?" Smith asked.') is one sentence. Sentence starters and reporting verbs are in
``checker/data/sentence_starters.txt``. ``benchmarks/sentences.py`` measures the splitter on
hand-labelled PolNeAR text against blingfire, syntok and pysbd.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, pairwise, repeat
from typing import NamedTuple, overload

import numpy as np

from checker.lexicon import load_sections


class Segment(NamedTuple):
    start: int
    end: int


def _typecode(limit: int) -> str:
    """The smallest array type that holds offsets up to ``limit``."""
    return "i" if limit < 1 << 31 else "q"


class Spans(Sequence[Segment]):
    """A compact sequence of segments: their starts and ends in two arrays of machine integers (4 or 8
    bytes per offset instead of a tuple and two int objects per segment, about 100 bytes). Indexing
    gives a :class:`Segment`, slicing a :class:`Spans`; :attr:`starts` and :attr:`ends` are the arrays
    themselves, for code that wants the offsets without a tuple per segment (read them, never change
    them: they are shared)."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        self.starts = starts
        self.ends = ends

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[int, int]], limit: int) -> Spans:
        """Spans of ``(start, end)`` pairs, every offset at most ``limit`` (read into a numpy buffer
        first: twice as fast as an array filled from the iterator, and no int object is kept)."""
        code = _typecode(limit)
        flat = np.fromiter(chain.from_iterable(pairs), dtype=np.int32 if code == "i" else np.int64)
        return cls(array(code, flat[0::2].tobytes()), array(code, flat[1::2].tobytes()))

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Segment: ...
    @overload
    def __getitem__(self, index: slice) -> Spans: ...
    def __getitem__(self, index: int | slice) -> Segment | Spans:
        if isinstance(index, slice):
            return Spans(self.starts[index], self.ends[index])
        return Segment(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Segment]:
        return map(tuple.__new__, repeat(Segment), zip(self.starts, self.ends, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"


class _Lists(NamedTuple):
    titles: frozenset[str]
    numeric: frozenset[str]
    others: frozenset[str]
    starters: frozenset[str]
    reporting: frozenset[str]


def _load_list(name: str) -> dict[str, set[str]]:
    return {k: {e.lower() for e in v} for k, v in load_sections("checker.data", name).items()}


@cache
def _lists() -> _Lists:
    abbr = _load_list("abbreviations.txt")
    starts = _load_list("sentence_starters.txt")
    return _Lists(
        frozenset(abbr.get("title", ())),
        frozenset(abbr.get("numeric", ())),
        frozenset(abbr.get("other", ())),
        frozenset(starts[""]),
        frozenset(starts.get("reporting", ())),
    )


_CLOSERS = "\"'\u201d\u2019)]"
_OPENERS = "\"'\u201c\u2018([\u2014\u2013-"
_CURRENCY = "$\u00a3\u20ac\u00a5"
_QUOTES = "\"'\u201d\u2019"
# A candidate end: terminal punctuation, then closing quotes or brackets, then white space. It starts
# only at the first mark of a run and never gives characters back (possessive), so a run of marks that
# no white space follows is read once, not once per mark ("!!!...!" ending a paragraph was quadratic).
_END = re.compile(r"(?<![.?!\u2026])[.?!\u2026]++[\"'\u201d\u2019)\]]*+(?=\s)")
# What follows it: white space, opening quotes or brackets, the first character and the rest of the word.
_NEXT = re.compile(r"\s+([\"'\u201c\u2018(\[]*)[ \t]?(\S)(\w*)")
_COMPOUND = re.compile(r"[-\u2010\u2011\u2013\u2014/]")
_DATELINE = re.compile(r"\((?:[A-Z][\w&.]*[ \t]?){1,3}\)[ \t]*[-\u2013\u2014]")  # "(AP) —", "(Reuters) -"
_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_END_FINAL = re.compile(r"[.?!:;\"'\u201d\u2019)\]\u2026]\s*$")
_TOKEN = re.compile(r"[^ \t\r\n\f\v]+")  # what a wrapper keeps on one line (a no-break space joins)
WORD = re.compile(r"[^\W_]++(?:['\u2019.,\-][^\W_]++)*+")  # possessive: no backtracking, same matches

_HEADING_MAX = 60  # a line shorter than this, in a block that is not hard-wrapped, ends its paragraph
_WRAP_MIN, _WRAP_MAX = 40, 100  # blocks whose longest line is in this range may be hard-wrapped


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Paragraphs of ``text[start:end]``: blocks between blank lines; inside a block a line break
    starts a new paragraph unless it is a hard wrap (see the module docstring)."""
    stop = len(text) if end is None else end
    blocks: list[list[_Line]] = []
    pos = start
    for m in _BLOCK_SPLIT.finditer(text, start, stop):
        blocks.append(_lines(text, pos, m.start()))
        pos = m.end()
    blocks.append(_lines(text, pos, stop))
    width = _wrap_width(text, blocks)
    out: list[Segment] = []
    for lines in blocks:
        if not lines:
            continue
        para_start = lines[0].text_start
        for line, nxt in pairwise(lines):
            if width:
                first_word = _TOKEN.match(text, nxt.text_start)
                word = first_word.end() - nxt.text_start if first_word else 1
                # A paragraph break when the next word would have fitted on the line, or at an indent.
                brk = line.end - line.start + 1 + word <= width or nxt.indent > line.indent
            else:
                brk = _LINE_END_FINAL.search(text, line.text_start, line.end) is not None or line.end - line.text_start < _HEADING_MAX
            if brk:
                out.append(Segment(para_start, line.end))
                para_start = nxt.text_start
        out.append(Segment(para_start, lines[-1].end))
    return out


class _Line(NamedTuple):
    start: int  # start of the line
    text_start: int  # after its indentation
    end: int  # end of its text, trailing white space (and CR) excluded

    @property
    def indent(self) -> int:
        return self.text_start - self.start


def _lines(text: str, start: int, end: int) -> list[_Line]:
    """The non-empty lines of ``text[start:end]``."""
    lines: list[_Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        lend = line_end
        while lend > pos and text[lend - 1].isspace():
            lend -= 1
        if lend > pos:
            lstart = pos
            while text[lstart].isspace():
                lstart += 1
            lines.append(_Line(pos, lstart, lend))
        pos = line_end + 1
    return lines


def _wrap_width(text: str, blocks: list[list[_Line]]) -> int:
    """The width the document is hard-wrapped at, or 0 when it is not hard-wrapped: the lines that are
    followed by another line of their block are mostly nearly as long as the longest of them, mostly
    do not end a sentence, and are often followed by a lower-case word (a list is not wrapped prose)."""
    body = [line for lines in blocks for line in lines[:-1]]
    if not body:
        return 0
    width = max(line.end - line.start for line in body)
    if not _WRAP_MIN <= width <= _WRAP_MAX:
        return 0
    n = len(body)
    long_lines = sum(line.end - line.start >= 0.75 * width for line in body)
    final = sum(_LINE_END_FINAL.search(text, line.text_start, line.end) is not None for line in body)
    lower = sum(text[nxt.text_start].islower() for lines in blocks for nxt in lines[1:])
    if long_lines >= 0.6 * n and final < 0.5 * n and lower >= n / 3:
        return width
    return 0


def sentences(text: str, start: int, end: int) -> list[Segment]:
    """Sentences of one paragraph ``text[start:end]``."""
    return list(iter_sentences(text, start, end))


def iter_sentences(text: str, start: int, end: int) -> Iterator[Segment]:
    """The sentences of one paragraph ``text[start:end]``, one at a time."""
    lists = _lists()
    sent_start = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        nxt = _NEXT.match(text, cut, end)
        if nxt is None:
            continue  # only white space follows: the paragraph's end closes the sentence
        first = nxt.group(2)
        if not (first.isupper() or first.isdigit() or first in _CURRENCY):
            continue  # '"Why?" she asked.'  /  '... thought ... it was'
        if not _is_boundary(text, sent_start, m.start(), m.group(0), nxt, end, lists):
            continue
        yield Segment(sent_start, cut)
        sent_start = nxt.start(1)
    if sent_start < end:
        tail = text[sent_start:end].rstrip()
        if tail:
            yield Segment(sent_start, sent_start + len(tail))


def _is_boundary(text: str, sent_start: int, pos: int, punct: str, nxt: re.Match[str], end: int, lists: _Lists) -> bool:
    """Whether the terminal punctuation ``punct`` at ``pos``, followed by ``nxt``, ends a sentence."""
    core = punct.rstrip(_CLOSERS)
    first = nxt.group(2)
    next_word = (first + nxt.group(3)).lower()
    if core != ".":
        if "?" in core or "!" in core:
            return punct[-1] not in _QUOTES or not _reported(text, nxt.start(2), end, lists)
        return True  # an ellipsis, "?!"
    # The token before the period, back to white space, without opening quotes, brackets or dashes.
    j = pos
    while j > sent_start and not text[j - 1].isspace():
        j -= 1
    token = text[j:pos].lstrip(_OPENERS + _CLOSERS)  # also '”Mr.' with a wrong-way quote
    if not token:
        return True
    if j == sent_start and token.isdigit() and len(token) <= 3:
        return False  # a list item: "1. San Francisco (11-3)"
    if punct[-1] == ")" and len(token) <= 5 and text[j] == "(" and "(" not in text[j + 1 : pos]:
        return False  # a one-word parenthetical: "Brig.-Gen. (res.) Moshe", "Southern Lab (La.) High"
    if nxt.group(1)[:1] == "(" and _DATELINE.match(text, nxt.start(1)):
        return False  # "TALLAHASSEE, Fla. (AP) — ..."
    low = token.lower()
    last = _COMPOUND.split(low)[-1]  # "Brig.-Gen" -> "gen", "Canada–U.K" -> "u.k"
    if len(last) == 1:
        if token[-1].isupper():
            return next_word in lists.starters  # an initial ("J. R. Smith"), unless "Plan B. The"
        if last in lists.numeric:
            return not first.isdigit()  # "c. 1900"
        return last not in lists.titles  # "Plessy v. Ferguson"
    if last in lists.numeric or low in lists.numeric:
        return not first.isdigit()  # "No. 5", "Sept. 11" / "the answer is no. He"
    if last in lists.titles or low in lists.titles:
        return False
    if last in lists.others or ("." in last and _acronym(last)):
        return next_word in lists.starters  # "U.S. Supreme Court" / "in the U.S. The"
    return True


def _acronym(token: str) -> bool:
    """A dotted abbreviation such as "u.s", "a.m", "ph.d", "l.l.c.s" (parts of at most two letters)."""
    return all(0 < len(part) <= 2 and part.isalpha() for part in token.split("."))


def _reported(text: str, pos: int, end: int, lists: _Lists) -> bool:
    """True when ``text[pos:]`` reads "Smith said", "Sen. Ann Lee asked": one to four capitalised
    words, not a sentence starter, then a reporting verb."""
    words = text[pos : min(end, pos + 80)].split(None, 5)
    if not words or words[0].strip(_OPENERS + _CLOSERS).lower() in lists.starters:
        return False
    i = 0
    while i < len(words) and i < 4 and words[i][:1].isupper():
        i += 1
    return 0 < i < len(words) and words[i].strip(",.;:").lower() in lists.reporting


def words(text: str, start: int, end: int) -> list[Segment]:
    """Word and number tokens ("U.S", "3.5", "2,000", "don't", "Al-Amal") of ``text[start:end]``."""
    return list(map(tuple.__new__, repeat(Segment), map(re.Match.span, WORD.finditer(text, start, end))))


def word_spans(text: str, start: int, end: int) -> Spans:
    """:func:`words` as compact :class:`Spans`."""
    return Spans.from_pairs(map(re.Match.span, WORD.finditer(text, start, end)), end)
