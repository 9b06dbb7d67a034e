"""Paragraph, sentence and word segmentation with character offsets.

Sentences are split by a small rule set tuned for news prose: abbreviations from
``checker/data/abbreviations.txt`` (titles such as "Brig.", months such as "Feb."), initials
("J. R. Smith"), dotted acronyms ("U.S.", "a.m.") that end a sentence only before a sentence
starter ("... in the U.S. The ..."), short parentheticals ("(res.)"), and quotes ("'Why?' she
asked." stays one sentence). ``docs/architecture.md`` records why this beats the general-purpose
splitters we measured, and ``benchmarks/sentences.py`` measures it on PolNeAR.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple


class Segment(NamedTuple):
    start: int
    end: int


def _load_list(name: str) -> dict[str, set[str]]:
    sections: dict[str, set[str]] = {"": set()}
    current = ""
    text = resources.files("checker.data").joinpath(name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
            continue
        sections.setdefault(current, set()).add(line.lower())
    return sections


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    sections = _load_list("abbreviations.txt")
    return frozenset(sections.get("title", set())), frozenset(sections.get("other", set()))


@cache
def _starters() -> frozenset[str]:
    return frozenset(_load_list("sentence_starters.txt")[""])


# A candidate end: terminal punctuation, then closing quotes or brackets, then white space.
_END = re.compile(r"[.?!\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\-\u2019']*?)\.[\"'\u201d\u2019)\]]*$")
_NEXT = re.compile(r"\s+([\"'\u201c\u2018(\[]*)(\S)(\w*)")
_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_END_FINAL = re.compile(r"[.?!:\"'\u201d\u2019)\]\u2026]\s*$")
WORD = re.compile(r"[^\W_]+(?:['\u2019.,\-][^\W_]+)*")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Paragraphs of ``text[start:end]``: blocks between blank lines; inside a block a line break
    starts a new paragraph after a line that ends a sentence or is short (a heading), and is a
    hard wrap otherwise."""
    stop = len(text) if end is None else end
    out: list[Segment] = []
    pos = start
    for m in _BLOCK_SPLIT.finditer(text, start, stop):
        _block_paragraphs(text, pos, m.start(), out)
        pos = m.end()
    _block_paragraphs(text, pos, stop, out)
    return out


def _block_paragraphs(text: str, start: int, end: int, out: list[Segment]) -> None:
    para_start = -1
    last_end = start
    prev_line = ""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        stripped = line.strip()
        if stripped:
            lstart = pos + (len(line) - len(line.lstrip()))
            lend = pos + len(line.rstrip())
            if para_start < 0:
                para_start = lstart
            elif _LINE_END_FINAL.search(prev_line) or len(prev_line.strip()) < 60:
                out.append(Segment(para_start, last_end))
                para_start = lstart
            last_end = lend
            prev_line = line
        pos = line_end + 1
    if para_start >= 0:
        out.append(Segment(para_start, last_end))


def sentences(text: str, start: int, end: int) -> list[Segment]:
    """Sentences of one paragraph ``text[start:end]``."""
    titles, others = _abbreviations()
    starters = _starters()
    out: list[Segment] = []
    sent_start = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        nxt = _NEXT.match(text, cut, end)
        if nxt is None:
            continue  # only white space follows: the paragraph's end closes the sentence
        first = nxt.group(2)
        if not (first.isupper() or first.isdigit()):
            continue  # '"Why?" she asked.'  /  '... thought ... it was'
        punct = m.group(0)
        if punct[0] == "." and len(punct.rstrip("\"'\u201d\u2019)]")) == 1:
            before = _WORD_BEFORE.search(text, sent_start, cut)
            word = before.group(1).lower().lstrip("(\"'\u201c\u2018[") if before else ""
            next_word = (first + nxt.group(3)).lower()
            if word:
                last = word.rsplit("-", 1)[-1]
                if last in titles or word in titles:
                    continue
                if len(last) == 1 and last.isalpha() and before is not None and before.group(1)[-1:].isupper():
                    continue  # an initial: "J. R. Smith"
                dotted = "." in last
                if (dotted or last in others) and next_word not in starters:
                    continue  # "U.S. capital", "10 a.m. Tuesday", "Acme Inc. Chief"
            if punct.endswith(")") and _short_parenthetical(text, sent_start, m.start()):
                continue
        out.append(Segment(sent_start, m.end()))
        sent_start = nxt.start(1)
    if sent_start < end:
        tail = text[sent_start:end].rstrip()
        if tail:
            out.append(Segment(sent_start, sent_start + len(tail)))
    return out


def _short_parenthetical(text: str, start: int, pos: int) -> bool:
    """True when the period at ``pos`` closes a parenthetical of at most three words: "(res.)"."""
    opening = text.rfind("(", start, pos)
    return opening >= 0 and len(text[opening + 1 : pos].split()) <= 3


def words(text: str, start: int, end: int) -> list[Segment]:
    """Word and number tokens ("U.S", "3.5", "2,000", "don't", "Al-Amal") of ``text[start:end]``."""
    return [Segment(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
