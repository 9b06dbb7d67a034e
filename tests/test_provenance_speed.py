"""Provenance family (PV): the fast paths give what the slower reference computations give
(textstat's readability, langdetect's detection loop, the outlet and credit regexes)."""

from __future__ import annotations

import random

import pytest
import textstat

from checker.article import Article
from rules.provenance import extract, lexicon, outlets, quality, readability
from rules.provenance import language as lang

TEXTS = [
    "The cat sat on the mat. The dog ran to the park. It was a fine day.",
    "U.S. officials said 'no' -- and then 'yes'. Don't stop; it's over! Who's there? Ok.",
    "İstanbul’s mayor — 3.5% of votes — said: “we’ll see”. The rock'n'roll band's tour ended.",
    "Notwithstanding considerable institutional opposition, the administration's comprehensive "
    "infrastructure modernisation programme necessitated unprecedented intergovernmental coordination.",
    "Hi. Yo. A b. x y z w. ... !!! ?? The end",
    "Numbers 1, 2 and 3 _under_ scores, e-mail, well-known co-operation, Zürich's naïve café.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_readability_equals_textstat(text: str) -> None:
    readability.install()
    want = {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
    }
    assert readability.scores(text) == want


def test_readability_counts_match_textstat_counts() -> None:
    from textstat.backend import counts

    readability.install()
    for text in TEXTS:
        assert readability.counts(text) == (
            counts.count_words(text),
            counts.count_sentences(text),
            counts.count_syllables(text, "en_US"),
        )


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil municipal a voté mardi la fermeture de deux bibliothèques, et les habitants feront appel.",
        "Der Rat hat am Dienstag beschlossen, zwei Bibliotheken zu schließen. Die Bürger wollen klagen.",
        "La validazione delle transazioni è un aspetto fondamentale della tecnologia blockchain.",
        "The council voted on Tuesday to close two libraries in the old town.",
        "Это тест на русском языке, чтобы проверить определение.",
    ],
)
def test_langdetect_loop_equals_langdetect(text: str) -> None:
    factory = lang._factory()
    ref = factory.create()
    ref.set_max_text_length(lang.PARAGRAPH_MAX_CHARS)
    ref.append(text)
    fast = factory.create()
    fast.set_max_text_length(lang.PARAGRAPH_MAX_CHARS)
    fast.append(text)
    want = [(p.lang, p.prob) for p in ref.get_probabilities()]
    assert [(p.lang, p.prob) for p in lang.probabilities(fast)] == want
    assert want  # something was detected


def _outlet_texts() -> list[str]:
    forms = [f for e in lexicon.outlets() for f in (e.name, *e.aliases)]
    glue = [" ", "\n", " the ", " The ", "the ", ", ", "x", "-", " said the ", "bathe ", " of the "]
    rnd = random.Random(7)
    texts = ["He told the New York Times and The Hill, not the hill.", "bathe New York Times", "The Washington Post"]
    for _ in range(400):
        texts.append("".join(rnd.choice(glue) + rnd.choice(forms) for _ in range(rnd.randint(1, 5))) + rnd.choice(glue))
    return texts


def test_outlet_forms_found_as_by_the_one_regex() -> None:
    first, _ = outlets._index()
    for text in _outlet_texts():
        for kf in first.values():
            for start, end in ((0, len(text)), (min(4, len(text)), len(text))):
                assert kf.spans(text, start, end) == [m.span() for m in kf.full.finditer(text, start, end)]


def test_known_outlets_with_and_without_the() -> None:
    text = "An editor told the New York Times and The Hill on Monday; the hill was steep."
    found = [(m.name, text[m.start : m.end]) for m in outlets.find_known(text, 0, len(text))]
    assert ("The New York Times", "the New York Times") in found
    assert any(span == "The Hill" for _, span in found)
    assert not any(span == "hill" for _, span in found)


def test_bracket_regexes_find_what_the_one_regex_finds() -> None:
    rnd = random.Random(3)
    parts = ["(", ")", "[", "]", "ab", " ", "\n", "Photo: Jane Roe", "x" * 50, "AP Photo/Jane Roe"]
    for _ in range(2000):
        text = "".join(rnd.choice(parts) for _ in range(30))
        want = [m.span() for m in extract._PARENS.finditer(text)]
        got = sorted([m.span() for m in extract._PARENS_ROUND.finditer(text)] + [m.span() for m in extract._PARENS_SQUARE.finditer(text)])
        assert got == want


def test_language_tokens_of_plain_and_accented_text() -> None:
    plain = Article.from_text("The council’s vote, which the mayor said was final, closed two libraries in the town today.\n")
    accented = Article.from_text("The council’s vote, which the mayor said was final, closed two libraries in Zürich today.\n")
    for a in (plain, accented):
        res = lang.analyse(a)
        toks = lang._ALPHA.findall(quality.lowered(a), a.body_start)
        fw = lang._function_words()
        assert res.english_share == round(sum(t in fw for t in toks) / len(toks), 3)


def _language_texts() -> list[str]:
    pieces = ["the", "of", "rock", "n", "roll", "a", "b", "'", "’", "''", " ", "\n", ".", "-", "1", "_", "x", "é", "İ"]
    pieces += ["\xa0", "\u201c", "\u2014"]
    rnd = random.Random(11)
    texts = ["rock'n'roll", "'em", "players' ", "don’t", "a'b'c'd", "''a''", "o'", " 'n' ", "it’s the’", "x''y'z", "the'of"]
    for _ in range(5000):
        texts.append("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))))
    return texts


def test_plain_counts_are_the_regex_counts() -> None:
    """Token and function-word counts from the bytes equal those of the regex, on any span (its
    edges may cut a word or fall on an apostrophe); a span with a letter outside a-z is left out."""
    fw = lang._function_words()
    fw_bytes = lang._function_words_bytes()
    assert fw_bytes is not None
    rnd = random.Random(2)
    for text in _language_texts():
        lower = text.lower()
        if len(lower) != len(text):
            continue
        cuts = sorted(rnd.randint(0, len(lower)) for _ in range(4))
        spans = [(0, len(lower)), (cuts[0], cuts[1]), (cuts[1], cuts[3]), (cuts[2], cuts[2])]
        for (start, end), got in zip(spans, lang.plain_counts(lower, spans, fw_bytes), strict=True):
            if lang._NOT_PLAIN.search(lower, start, end):
                assert got is None, (text, start, end)
                continue
            toks = lang._ASCII_ALPHA.findall(lower, start, end)
            assert toks == lang._ALPHA.findall(lower, start, end)
            assert got == (len(toks), sum(t in fw for t in toks)), (text, start, end)


def test_language_counts_from_bytes_equal_the_str_counts() -> None:
    """The fast path (bytes) gives the counts of the str tokens, on plain and on accented text."""
    body = "The council’s vote, which the mayor said was final, closed two rock'n'roll clubs in {} today.\n\n"
    for place in ("the town", "Zürich", "the ‘old’ town — of course"):
        a = Article.from_text(body.format(place) * 3 + "Le conseil a voté mardi la fermeture de deux bibliothèques et des clubs.\n")
        res = lang.analyse(a)
        lower = quality.lowered(a)
        fw = lang._function_words()
        words = [lang._ALPHA.findall(lower, p.start, p.end) for p in a.paragraphs]
        judged = [(i, len(w)) for i, w in enumerate(words) if len(w) >= lang.MIN_PARAGRAPH_WORDS]
        assert [(p.index, p.words) for p in res.paragraphs] == judged
        toks = [t for w in words for t in w]
        assert res.english_share == round(sum(t in fw for t in toks) / len(toks), 3)


def _mojibake_texts() -> list[str]:
    from ftfy.badness import MOJIBAKE_CATEGORIES

    chars = set("ÂÃÎÐØÙ×²³à√≈‚Äâóвβā€ГўВЂΒΓΞΟ°µ»®©·–—´ ¡\xa0\xad")
    for value in MOJIBAKE_CATEGORIES.values():  # the categories are written with ranges "a-z"
        i = 0
        while i < len(value):
            if i + 2 < len(value) and value[i + 1] == "-":
                chars.update(map(chr, range(ord(value[i]), ord(value[i + 2]) + 1)))
                i += 3
            else:
                chars.add(value[i])
                i += 1
    odd = sorted(chars)
    plain = list("abcxyzAZ .,?!'\n\t1")
    rnd = random.Random(5)
    texts = ["Ã foo", "a\nÃ foo", "x Ã foo", "caf\u00c3\u00a9", "Beyoncé’s", "rÃ©sumÃ©\nok"]
    for _ in range(20000):
        share = rnd.random() * 0.5
        texts.append("".join(rnd.choice(odd) if rnd.random() < share else rnd.choice(plain) for _ in range(rnd.randint(0, 60))))
    return texts


def test_is_bad_equals_ftfy() -> None:
    """quality.is_bad searches only around the characters outside ASCII: ftfy's own heuristic must
    still match only sequences that hold one, and no longer than quality.BADNESS_MAX_WIDTH."""
    import re._constants as sre
    import re._parser as sre_parse

    from ftfy.badness import BADNESS_RE, is_bad

    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert tree.getwidth()[1] <= quality.BADNESS_MAX_WIDTH

    def outside_ascii(op: object, av: object) -> bool:  # an item that matches only such characters
        if op is sre.LITERAL:
            return isinstance(av, int) and av > 127
        if op is sre.IN and isinstance(av, list):
            return all((o is sre.LITERAL and a > 127) or (o is sre.RANGE and a[0] > 127) for o, a in av)
        return False

    [(op, (_, branches))] = tree.data
    assert op is sre.BRANCH
    for branch in branches:  # each alternative has a required item outside ASCII, and no look-around
        assert any(outside_ascii(o, a) for o, a in branch.data)
        assert {o for o, _ in branch.data} <= {sre.LITERAL, sre.IN, sre.ANY, sre.MAX_REPEAT, sre.AT}
        assert all(a is sre.AT_BEGINNING for o, a in branch.data if o is sre.AT)  # "^" only: no "$", no "\\b"
    texts = _mojibake_texts()
    assert sum(map(is_bad, texts)) > 1000
    for text in texts:
        assert quality.is_bad(text) == is_bad(text), text


def test_contributor_matches_found_as_by_the_regex_scan() -> None:
    parts = ["Contributed", "contributed", " reporting", "Reporting", "reporting", " by ", "by", " to this report", "Writing", "Editing",
             "compiled", "Produced", " Jane", " ", "\n", "x", "C", "R", "riting", "eporting by"]  # fmt: skip
    rnd = random.Random(4)
    for _ in range(5000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 20)))
        for body in (0, 1, 7):
            want = [m.span() for m in extract._CONTRIB.finditer(text, body)]
            assert [m.span() for m in extract._contrib_matches(text, body)] == want, (text, body)


def test_readability_words_of_plain_text_as_textstat_finds_them() -> None:
    """The plain-text path of readability._words (bytes) gives the regexes' words; the characters it
    drops or makes spaces are punctuation or white space for the regexes."""
    plain = [chr(c) for c in (*range(128), 0xA0, *range(0x2010, 0x2070))]
    spaces = set(readability._PLAIN_SPACES)
    for c in plain[128:]:
        assert readability._PUNCTUATION.match(c) or c in spaces, hex(ord(c))
        assert c not in spaces or c.isspace()
    rnd = random.Random(9)
    pieces = ["don't", "it's", "we'll", "'quote'", "rock'n'roll", "the", "Cat", " ", "\n", ".", ",", "-", "_", "1", "’", "“", "—"]
    pieces += ["\xa0", "\u2028", "\u202f", "\x1c", "\x0b", "é", "e\u0301"]
    for _ in range(5000):
        text = "".join(rnd.choice(pieces + plain) for _ in range(rnd.randint(0, 25)))
        want = readability._PUNCTUATION.sub("", readability._NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()
        assert readability._words(text) == want, text


def test_ngrams_as_langdetect_extracts_them() -> None:
    factory = lang._factory()
    samples = [
        "Le conseil municipal a voté mardi la fermeture de deux bibliothèques.",
        "Der Bürgermeister sagte, die Einsparungen würden für die Reparatur der Straßen verwendet.",
        "Это тест на русском языке. NATO и ООН, ТАСС сообщил.",
        "Tiếng Việt có dấu: người, được, những. Ștefan și Țara. فارسی ی عربي",
        "ひらがな カタカナ 漢字 中文 한국어 ㄅㄆ",
        "THE NATO ALLIES MET. AP -- It's “quoted” — ok… O'Neil McDonald iPhone",
        "  double  spaces   and\ttabs\nnew lines ©®™ ½ ¼ ß ÿ Å",
    ]
    rnd = random.Random(6)
    alphabet = "".join(samples) + "AZaz  \u00a0\u2019\u0219\u021b\u1ea0\u1ec3\u06cc\u3042\u30a2\u3105\uac00\u4e00"
    for _ in range(1500):
        samples.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))))
    for text in samples:
        detector = factory.create()
        detector.append(text)
        detector.cleaning_text()
        want = detector._extract_ngrams()
        assert lang.extract_ngrams(detector.text, detector.word_lang_prob_map) == want, text


def test_mojibake_hint_as_the_regex_finds_it() -> None:
    leads = "".join(map(chr, range(0xC2, 0xF5)))
    pieces = ["Â", "Ã", "é", "ô", "õ", "\u00c1", "\u00a9", "\u0080", "\u00bf", "\u00c0", "’", "\u2122", "\u2019", "a", " ", "\n"]
    rnd = random.Random(8)
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        for pos in (0, 1, 3):
            want = quality._MOJIBAKE_HINT.search(text, pos) is not None
            assert quality.mojibake_hint(text, pos) == want, (text, pos)
            present = "".join(sorted({c for c in text if c in leads}))
            assert quality.mojibake_hint(text, pos, present) == want, (text, pos)
    follow = [chr(c) for c in range(0x80, 0x2200) if quality._MOJIBAKE_HINT.match("é" + chr(c))]
    assert sorted(quality._FOLLOWER_SET) == follow


def test_remembered_syllable_counts_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker of a long run meets ever new unknown words (names); the syllable counts it remembers,
    pyphen's own cache of hyphenated words included, never hold more than the bound."""
    monkeypatch.setattr(readability, "MAX_REMEMBERED", 5)
    counts = readability._SyllableCounts()
    hyphenated = readability._pyphen().hd.cache
    for i in range(40):
        counts[f"zqxv{'ab' * (i % 7)}{chr(97 + i % 26)}{i}"]
        assert len(counts) <= 5 and len(hyphenated) <= 5
