"""The parsed article: header forms, paragraphs, sentences, words, and line/column spans."""

from __future__ import annotations

from checker.article import Article


def test_inline_date_header_with_body_on_same_line() -> None:
    a = Article.from_text(" date 2024-11-05 Officials met on Thursday.\n\nThey agreed.\n")
    assert a.header.kind == "inline"
    field = a.header.get("date")
    assert field is not None and field.value == "2024-11-05"
    assert a.text[field.start : field.end] == "2024-11-05"
    assert a.body.startswith("Officials met")
    assert [a.slice(s) for s in a.sentences] == ["Officials met on Thursday.", "They agreed."]


def test_front_matter_header() -> None:
    text = "---\ntitle: \"Budget vote\"\ndate: 2024-11-05\nauthor: Jane Roe\n---\n\nThe council voted.\n"
    a = Article.from_text(text)
    assert a.header.kind == "front-matter"
    assert {k: v.value for k, v in a.header.fields.items()} == {"title": "Budget vote", "date": "2024-11-05", "author": "Jane Roe"}
    assert a.body == "The council voted.\n"


def test_key_value_header_aliases() -> None:
    a = Article.from_text("Headline: Storm hits coast\nPublished: 5 November 2024\nBy: Jane Roe\n\nWinds reached 120 km/h.\n")
    assert a.header.kind == "key-value"
    assert a.header.fields["title"].value == "Storm hits coast"
    assert a.header.fields["date"].value == "5 November 2024"
    assert a.header.fields["author"].value == "Jane Roe"
    assert a.body.strip() == "Winds reached 120 km/h."


def test_body_that_merely_starts_with_a_word_is_not_a_header() -> None:
    a = Article.from_text("Note: the figures below are provisional.\n\nDate palms grew 4% this year.\n")
    assert a.header.kind == "none" and a.body_start == 0


def test_paragraphs_by_blank_lines_or_one_per_line() -> None:
    blank = Article.from_text("First paragraph here.\n\nSecond one.\n\nThird.\n")
    lines = Article.from_text("First paragraph here.\nSecond one.\nThird.\n")
    assert [blank.slice(p) for p in blank.paragraphs] == ["First paragraph here.", "Second one.", "Third."]
    assert [lines.slice(p) for p in lines.paragraphs] == ["First paragraph here.", "Second one.", "Third."]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "The committee met for six hours on Tuesday and heard evidence from\n"
        "eleven witnesses, most of whom had worked at the plant for decades.\n\nNext paragraph.\n"
    )
    a = Article.from_text(text)
    assert len(a.paragraphs) == 2
    assert len(a.sentences) == 2


def test_spans_give_line_and_column() -> None:
    a = Article.from_text("Line one.\nSecond line has a word.\r\nThird.\n")
    start = a.text.index("word")
    span = a.span(start, start + 4)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 19, 2, 23)
    assert a.excerpt(start, start + 4) == "word"


def test_words_carry_offsets() -> None:
    a = Article.from_text("The U.S. economy grew 3.5% in 2024, officials said.")
    words = [a.slice(w) for w in a.words]
    assert words[:5] == ["The", "U.S", "economy", "grew", "3.5"]
    assert "officials" in words
    first_sentence = a.sentences[0]
    assert len(a.words_in(first_sentence.start, first_sentence.end)) == len(words)


def test_derive_memoises_per_article() -> None:
    calls: list[int] = []

    def analysis(article: Article) -> int:
        calls.append(1)
        return article.word_count

    a = Article.from_text("Two words.")
    assert a.derive(analysis) == a.derive(analysis) == 2
    assert len(calls) == 1


def test_old_mac_line_endings_give_lines_and_paragraphs() -> None:
    lf = Article.from_text(" date 2024-11-05 First paragraph here.\n\nSecond one, with a word.\n")
    cr = Article.from_text(" date 2024-11-05 First paragraph here.\r\rSecond one, with a word.\r")
    expected = ["First paragraph here.", "Second one, with a word."]
    assert [cr.slice(p) for p in cr.paragraphs] == [lf.slice(p) for p in lf.paragraphs] == expected
    start = cr.text.index("word")
    assert cr.span(start, start + 4) == lf.span(start, start + 4)
    assert cr.span(start, start + 4).line == 3


def test_a_title_line_or_unknown_keys_do_not_hide_the_header_below_them() -> None:
    kicker = Article.from_text("Opinion: The bus lane fight is about commuters\nDate: 2026-09-15\n\nIt was a long meeting.\n")
    assert kicker.header.kind == "key-value"
    assert kicker.header.fields["date"].value == "2026-09-15"
    assert kicker.header.fields["title"].value == "Opinion: The bus lane fight is about commuters"
    assert kicker.body.strip() == "It was a long meeting."
    mail = Article.from_text(
        "Subject: Water mains to be replaced\nDate: Mon, 16 Nov 2026 09:12:44 -0500\n"
        "From: Greenfield Water District <news@example.org>\n\nGREENFIELD -- Work starts Monday.\n"
    )
    assert mail.header.fields["title"].value == "Water mains to be replaced"
    assert mail.header.fields["date"].value == "Mon, 16 Nov 2026 09:12:44 -0500"
    assert mail.body.lstrip().startswith("GREENFIELD")
    plain_title = Article.from_text("City approves budget\nPublished: 5 November 2024\n\nThe council voted.\n")
    assert plain_title.header.fields["title"].value == "City approves budget"
    assert plain_title.body.strip() == "The council voted."


def test_body_text_right_after_a_header_stays_body() -> None:
    a = Article.from_text("Published: 2024-11-05\nWASHINGTON: The president said on Monday he would veto it.\n")
    assert a.header.fields["date"].value == "2024-11-05"
    assert a.body.startswith("WASHINGTON: The president")
    two = Article.from_text("Published: 2024-11-05\nNEW DELHI: The government announced a scheme.\n\nSecond paragraph.\n")
    assert two.body.startswith("NEW DELHI: The government") and two.word_count == 9
    note = Article.from_text("Published: 2024-11-05\nNote: the figures are provisional.\n\nThe council met.\n")
    assert note.body.startswith("Note: the figures")
    empty_title = Article.from_text("Title:\nPublished: 2024-01-01\n\nThe council met.\n")
    assert "title" not in empty_title.header.fields and empty_title.body.strip() == "The council met."
    no_key = Article.from_text("City approves budget\nThe council voted on Monday.\n\nMore text.\n")
    assert no_key.header.kind == "none" and no_key.body_start == 0


def test_one_shared_token_stream() -> None:
    """Every family reads the same word, sentence and paragraph offsets, kept compactly (two arrays of
    machine integers) rather than a tuple per token, and they behave like lists of segments."""
    from checker import segment
    from checker.segment import Segment

    text = "Officials met on Thursday. They agreed.\n\nU.S. prices rose 3.5% in 2,000 stores.\n"
    a = Article.from_text(text)
    expected = segment.words(a.text, a.body_start, len(a.text))
    assert a.words == expected and list(a.words) == expected and len(a.words) == len(expected)
    assert a.words[1] == Segment(10, 13) and a.slice(a.words[1]) == "met"
    assert a.words[-1] == expected[-1] and a.words[2:4] == expected[2:4]
    assert [a.text[s:e] for s, e in zip(a.words.starts, a.words.ends, strict=True)] == [a.slice(w) for w in expected]
    second = a.paragraphs[1]
    assert list(a.words_in(second.start, second.end)) == [w for w in expected if second.start <= w.start < second.end]
    assert a.sentences == [Segment(0, 26), Segment(27, 39), Segment(41, 79)]
    assert a.sentence_paragraph == [0, 0, 1]
    assert a.words.starts.itemsize <= 8 and a.sentences.ends.itemsize <= 8
