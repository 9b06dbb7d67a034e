"""Paragraph, sentence and word segmentation (checker/segment.py) as a reader would see it."""

from __future__ import annotations

import textwrap
from itertools import pairwise

import pytest

from checker import segment
from checker.article import Article


def sents(text: str) -> list[str]:
    article = Article.from_text(text)
    return [article.slice(s) for s in article.sentences]


def paras(text: str) -> list[str]:
    article = Article.from_text(text)
    return [article.slice(p) for p in article.paragraphs]


# --- abbreviations, titles, initials --------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Mr. Harlow met Dr. Ines Vale and Sen. Ruth Okafor on Tuesday.",
        "Brig.-Gen. (res.) Avi Tamir told the panel it was over.",
        "Lt. Col. Dana Frey and Gov. Ed Marsh were both there.",
        "The case of Plessy v. Ferguson was cited again.",
        "Mary J. Blige and Harry S. Truman share nothing.",
        "J. R. Tolkien-Ames wrote the report.",
        "The group met in St. Louis with Rev. Al Greene.",
        "Acme Inc. Chief Executive Lou Park resigned.",
        "He visited the U.S. Supreme Court and the U.N. Security Council.",
        "The vote opens at 10 a.m. Tuesday and closes at 8 p.m. Wednesday.",
        "He is ranked No. 5 in the world after the Feb. 9 match.",
        "It happened on Sept. 11 and again on Oct. 3, 2021.",
        "Growth was 3.5 percent, up from 2.75 percent in 2019.",
        "The rates (about 4.2 percent) were set by the Fed.",
        "TALLAHASSEE, Fla. (AP) — The state sued the league on Friday.",
        "She played at Southern Lab (La.) High before college.",
        "\u201dMr. Ortega is wrong about this,\u201d she wrote.",
    ],
)
def test_one_sentence_despite_abbreviations(text: str) -> None:
    assert sents(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They moved to the U.S. The move was hard.", ["They moved to the U.S.", "The move was hard."]),
        ("She lives in the U.S. He does not.", ["She lives in the U.S.", "He does not."]),
        ("The count ended at 10 p.m. The results came later.", ["The count ended at 10 p.m.", "The results came later."]),
        ("Was he there? The answer was no. He left early.", ["Was he there?", "The answer was no.", "He left early."]),
        ("The firm is Acme Inc. The shares fell.", ["The firm is Acme Inc.", "The shares fell."]),
        ("They chose Plan B. The rest failed.", ["They chose Plan B.", "The rest failed."]),
        ("He met Obama had will.i.am. Nobody else came.", ["He met Obama had will.i.am.", "Nobody else came."]),
        ("Details are on example.com. Prices vary.", ["Details are on example.com.", "Prices vary."]),
        ("He lives on Main St. The house is old.", ["He lives on Main St.", "The house is old."]),
        ("He was born in Dover, Del. His father farmed.", ["He was born in Dover, Del.", "His father farmed."]),
        ("Rates rose 2 percent in 2019. 2020 was worse.", ["Rates rose 2 percent in 2019.", "2020 was worse."]),
    ],
)
def test_sentence_ends_at_an_abbreviation_or_number(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


# --- quotes --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Why?' she asked.", ["'Why?' she asked."]),
        (
            "\u201cWhy now?\u201d Ms. Vale asked. \u201cBecause,\u201d he said.",
            ["\u201cWhy now?\u201d Ms. Vale asked.", "\u201cBecause,\u201d he said."],
        ),
        ('"Stop it!" Harlow shouted at the crowd.', ['"Stop it!" Harlow shouted at the crowd.']),
        ('"Will it pass?" The question hung there.', ['"Will it pass?"', "The question hung there."]),
        ('"We will win," he said. "They will lose."', ['"We will win," he said.', '"They will lose."']),
        ("He said: \u201cIt is over.\u201d Then he left.", ["He said: \u201cIt is over.\u201d", "Then he left."]),
        ("She called it \u2018a mess.\u2019 Nobody disagreed.", ["She called it \u2018a mess.\u2019", "Nobody disagreed."]),
        ("The headline read \u201cFinally. Someone like me.\u201d", ["The headline read \u201cFinally.", "Someone like me.\u201d"]),
        ('What did he want? "$200,000 in small bills."', ["What did he want?", '"$200,000 in small bills."']),
        ("He said. \u201c I think so.\u201d", ["He said.", "\u201c I think so.\u201d"]),
    ],
)
def test_quotes(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


# --- parentheses and ellipses --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left early. (He was tired.) Then he slept.", ["He left early.", "(He was tired.)", "Then he slept."]),
        ("(Reporting by Ann Lee.) The story ends here.", ["(Reporting by Ann Lee.)", "The story ends here."]),
        ("The cost rose (see the table). It kept rising.", ["The cost rose (see the table).", "It kept rising."]),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("It was \u2026 it was fine, she said.", ["It was \u2026 it was fine, she said."]),
        ("It is over. ... We move on.", ["It is over. ...", "We move on."]),
    ],
)
def test_parentheses_and_ellipses(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


# --- paragraphs: headings, wraps, list items, line endings ----------------------------------------------
PROSE = (
    "The council voted on Monday to close the old bridge, which has carried traffic across the river "
    "since 1931. Engineers said the steel had corroded beyond repair. A new span is planned for 2027, "
    "and the ferry will run until then."
)
PROSE2 = "Residents on the east bank said the closure would add an hour to their commute. Some plan to move."


def test_heading_without_final_punctuation_is_its_own_paragraph_and_sentence() -> None:
    text = f"Old bridge to close\n\n{PROSE}"
    assert paras(text)[0] == "Old bridge to close"
    assert sents(text)[:2] == [
        "Old bridge to close",
        "The council voted on Monday to close the old bridge, which has carried traffic across the river since 1931.",
    ]


def test_heading_line_directly_above_the_body() -> None:
    text = f"Old bridge to close\n{PROSE}\n{PROSE2}"
    assert paras(text) == ["Old bridge to close", PROSE, PROSE2]


def test_one_line_per_paragraph_file() -> None:
    short = ["The mayor spoke first.", "The engineer spoke next.", "Nobody else asked to speak."]
    assert paras("\n".join(short)) == short
    assert paras(f"{PROSE}\n{PROSE2}") == [PROSE, PROSE2]


@pytest.mark.parametrize("width", [50, 64, 72, 79])
def test_hard_wrapped_paragraphs_are_rejoined(width: int) -> None:
    wrapped = "\n".join(textwrap.wrap(PROSE, width)) + "\n\n" + "\n".join(textwrap.wrap(PROSE2, width))
    got = [" ".join(p.split()) for p in paras(wrapped)]
    assert got == [PROSE, PROSE2]
    assert [" ".join(s.split()) for s in sents(wrapped)] == [
        "The council voted on Monday to close the old bridge, which has carried traffic across the river since 1931.",
        "Engineers said the steel had corroded beyond repair.",
        "A new span is planned for 2027, and the ferry will run until then.",
        "Residents on the east bank said the closure would add an hour to their commute.",
        "Some plan to move.",
    ]


def test_hard_wrapped_paragraphs_without_blank_lines() -> None:
    wrapped = "\n".join(textwrap.wrap(PROSE, 72) + textwrap.wrap(PROSE2, 72))
    assert [" ".join(p.split()) for p in paras(wrapped)] == [PROSE, PROSE2]


def test_numbered_list_items() -> None:
    text = "The standings:\n1. San Marco (11-3)\n2. Dalton (10-4)\n3. East Rye (9-5)"
    assert sents(text) == ["The standings:", "1. San Marco (11-3)", "2. Dalton (10-4)", "3. East Rye (9-5)"]


def test_crlf_file_gives_the_same_paragraphs_and_sentences() -> None:
    lf = f"Old bridge to close\n\n{PROSE}\n\n" + "\n".join(textwrap.wrap(PROSE2, 60)) + "\n"
    crlf = lf.replace("\n", "\r\n")
    assert [" ".join(p.split()) for p in paras(crlf)] == [" ".join(p.split()) for p in paras(lf)]
    got = sents(crlf)
    assert [" ".join(s.split()) for s in got] == [" ".join(s.split()) for s in sents(lf)]
    assert not any(s.endswith(("\r", "\n", " ")) or s.startswith(("\r", "\n", " ")) for s in got)


def test_seed_inline_date_header_is_not_part_of_the_first_sentence() -> None:
    text = " date 2025-03-23 The council met on Saturday evening. Mr. Harlow chaired it.\n\nThe vote was close."
    article = Article.from_text(text)
    assert article.header.kind == "inline"
    assert [article.slice(s) for s in article.sentences] == [
        "The council met on Saturday evening.",
        "Mr. Harlow chaired it.",
        "The vote was close.",
    ]
    assert article.sentence_paragraph == [0, 0, 1]


# --- offsets and words ----------------------------------------------------------------------------
def test_sentences_tile_their_paragraph() -> None:
    text = f"{PROSE}\n\n\u201cWhy now?\u201d Ms. Vale asked. He left. (It rained.) The end."
    article = Article.from_text(text)
    for para in article.paragraphs:
        inside = [s for s in article.sentences if para.start <= s.start < para.end]
        assert inside[0].start == para.start and inside[-1].end == para.end
        for a, b in pairwise(inside):
            assert a.end <= b.start and text[a.end : b.start].strip() == ""


def test_words() -> None:
    text = "The U.S. paid $2,000 (3.5%) to Al-Amal, didn't it?"
    got = [text[s.start : s.end] for s in segment.words(text, 0, len(text))]
    assert got == ["The", "U.S", "paid", "2,000", "3.5", "to", "Al-Amal", "didn't", "it"]
    assert all(isinstance(s, segment.Segment) for s in segment.words(text, 0, len(text)))
