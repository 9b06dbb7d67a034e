"""Property-based fuzzing (hypothesis) of the header parser and the segmenter: whatever the text,
no exception, every offset inside the text, every span maps back to the text it names, sentences
inside paragraphs. Small example counts keep the suite fast; the examples are derandomised, so a run
is the same on every machine, and no wall-clock deadline applies (a loaded machine must not fail a
test): tests/test_hostile.py counts the work, the adversarial benchmark measures growth in time."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker import segment
from checker.article import Article, parse_header

# Pieces that exercise the header forms and the splitter's special cases, mixed with arbitrary text.
PIECES = [
    " date 2025-03-23 ",
    "date: 2025-01-01",
    "---\n",
    "...\n",
    "Date: ",
    "Title: ",
    "Source: ",
    "From: ",
    "Published:",
    "NEW DELHI: ",
    "Note: ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "\u00a0",
    ".",
    "!",
    "?",
    "\u2026",
    "...",
    "!!!",
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "(",
    ")",
    "[",
    "]",
    "\u2014",
    "-",
    "Mr.",
    "Dr. ",
    "U.S.",
    "a.m.",
    "No. 5",
    "J. R. ",
    "(res.)",
    "(AP) \u2014 ",
    "Inc.",
    "St.",
    "The",
    "he",
    "said",
    "Smith",
    "asked",
    "Why",
    "1.",
    "3.5",
    "2,000",
    "don't",
    "$5",
    "\u20ac",
    "ABC",
    "x" * 30,
    "\u0645\u0631\u062d\u0628\u0627",
    "\u65b0\u95fb",
    "\ufeff",
    "\x00",
    "\u2028",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join),
)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(texts)
@example("Date: a" + " " * 3000 + "b\n\nThe council met.")  # a long run of blanks in a header value
@example("---\ntitle: 'x'\ndate: 2025-01-01\n---\nBody.")
@example("Opinion: The bus lane fight\nDate: 2025-03-23\nThe council met.")
def test_header_spans_name_the_values_they_hold(text: str) -> None:
    header = parse_header(text)
    assert 0 <= header.end <= len(text)
    for f in header.fields.values():
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.value


@FUZZ
@given(texts)
@example("The vote passed" + "!" * 2000 + "\n\nWait" + "?" * 500)
@example("Mr.) B " * 200)
def test_segments_lie_in_the_text_in_order_and_cover_its_words(text: str) -> None:
    article = Article.from_text(text)
    text = article.text
    body = article.body_start
    paras = article.paragraphs
    prev = body
    for p in paras:
        assert prev <= p.start < p.end <= len(text)
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        prev = p.end
    owner = article.sentence_paragraph
    assert len(owner) == len(article.sentences)
    prev = body
    for s, i in zip(article.sentences, owner, strict=True):
        para = paras[i]
        assert para.start <= s.start < s.end <= para.end  # a sentence never crosses a paragraph
        assert prev <= s.start
        assert text[s.start : s.end].strip()
        prev = s.end
    for i, p in enumerate(paras):  # every non-blank character of a paragraph is in one of its sentences
        mine = [s for s, o in zip(article.sentences, owner, strict=True) if o == i]
        covered = "".join(text[s.start : s.end] for s in mine)
        assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text[p.start : p.end])
    prev = 0
    for w in article.words:
        assert prev <= w.start < w.end <= len(text)
        assert segment.WORD.fullmatch(text, w.start, w.end)
        prev = w.end


@FUZZ
@given(st.lists(st.sampled_from(["!", ".", "?", "\u2026", '"', ")", " ", "A", "a", "\n"]), max_size=400).map("".join))
def test_sentence_ends_are_found_once_per_run_of_marks(text: str) -> None:
    # The candidate-end pattern never starts inside a run of end marks (what keeps a long run linear).
    for m in segment._END.finditer(text):
        assert m.start() == 0 or text[m.start() - 1] not in ".?!\u2026"
