"""Attribution family: the shortcuts that keep it fast give exactly what the plain code gives."""

from __future__ import annotations

import re

import pytest

from rules.attribution.lexicon import Gated, lexicon

TEXTS = [
    "Critics SAY the plan will fail. It Is Widely Believed that the vote was rigged, REPORTEDLY.",
    "Officials, speaking on CONDITION OF ANONYMITY because they were not authorized to speak, said so.",
    "ACCORDING TO the ministry, the reports say the talks failed; according to reports, it was over.",
    # characters whose case-insensitive match differs from str.lower(): the plain search must be used
    "İt is believed that the city reportedly fell, according to reports.",
    "The city fell; ıt ıs saıd, accordıng to the mınıstry.",
    "The city fell, it is ſaid, according to reportſ.",
    "The Kelvin sign \u212a and the long s \u017f are rare; critics say they are reportedly harmless.",
    "Photo credit: AP/Jane Roe. Click here to subscribe. Write to us at desk@example.com or www.example.com.",
    "By Jane Roe and John Doe\nReuters / Staff: we should read more; I think my view is clearly right.",
    "Of course I would help, but i think WE SHOULD wait; (AP Photo by a reader) Subscribe now.",
    # credit triggers with and without the punctuation the credit lines need (":", "/", "(", ")")
    "Human rights groups said the video was fake. Follow the money, they said.",
    "Video: the rights of way (Reuters/Jane Roe). AFP / Getty Images, all rights reserved.",
]


@pytest.mark.parametrize("name", ["according", "hedge", "anonymity_marker", "anonymity_reason", "credit", "not_a_claim", "opinion"])
@pytest.mark.parametrize("text", TEXTS)
def test_gated_search_matches_the_plain_regular_expression(name: str, text: str) -> None:
    gated: Gated = getattr(lexicon(), name)
    everything = frozenset(re.findall(r"[a-z]+", text.lower())) | gated.words
    low = text.lower()
    for start, end in ((0, len(text)), (3, len(text) - 5), (text.find(",") + 1, len(text))):
        want = [(m.start(), m.end(), m.group()) for m in gated.pattern.finditer(text, start, end)]
        got = [(m.start(), m.end(), m.group()) for m in gated.finditer(text, start, end, everything, low)]
        assert got == want
        first = gated.pattern.search(text, start, end)
        found = gated.search(text, start, end, everything, low)
        assert (found.span() if found else None) == (first.span() if first else None)


def test_lower_case_search_is_used_only_for_patterns_without_upper_case() -> None:
    lex = lexicon()
    assert lex.hedge.fast is not None  # all lower case: searched in the lower-cased text
    assert lex.opinion.fast is None  # "(?-i:...I...)": case matters
    assert Gated(re.compile(r"\bAP\b", re.IGNORECASE), frozenset(), ()).fast is None
    assert Gated(re.compile(r"\bsaid\b"), frozenset(), ()).fast is None  # already case-sensitive
    # an alternation where only some alternatives have upper case: those are searched apart
    assert lex.credit.split is not None and lex.opinion.split is not None


def test_split_token_set_is_what_the_split_pattern_matches_whole() -> None:
    from rules.attribution.analysis import _SPLIT, _SPLIT_TOKENS

    candidates = [chr(c) for c in range(0x3000)] + ["''", "'''", ",,", '""', "a,"]
    assert {t for t in candidates if _SPLIT.fullmatch(t)} == set(_SPLIT_TOKENS)


def test_source_names_merge_onto_the_first_mentioned_of_equal_length() -> None:
    from rules.attribution import _merge_names

    # "Clinton" could be either of two three-word names: the first the article mentions wins, so
    # the report is the same in every run (not an accident of set order)
    first = ["Rival Hillary Clinton", "Democrat Hillary Clinton", "Hillary Clinton", "Clinton"]
    assert _merge_names(first)["Hillary Clinton"] == "Rival Hillary Clinton"
    assert _merge_names(first)["Clinton"] == "Rival Hillary Clinton"
    second = ["Democrat Hillary Clinton", "Rival Hillary Clinton", "Clinton"]
    assert _merge_names(second)["Clinton"] == "Democrat Hillary Clinton"


def test_tokens_of_a_window_inside_the_last_one_are_those_of_a_fresh_scan() -> None:
    from rules.attribution import analysis
    from rules.attribution.analysis import _TOKEN, _tokens

    text = "Mr. J.R. Smith, the U.S.envoy (ret.), and ''Jean-Marc'' O’Neill — a.k.a. Bob — said: “no.”"

    def fresh(a: int, b: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, a, b)]

    for a in range(len(text)):
        for b in range(a, len(text) + 1, 3):
            analysis._last_tokens = ("", 0, 0, [])
            window = _tokens(text, 0, len(text))
            window.clear()  # a caller may change its list: the memo keeps its own
            assert _tokens(text, a, b) == fresh(a, b), (a, b)


def test_required_words_are_what_every_match_contains() -> None:
    from rules.attribution.lexicon import required_words

    def clauses(regex: str, flags: int = re.IGNORECASE) -> list[set[str]]:
        return [set(c) for c in required_words(regex, flags)]

    assert clauses(r"(?<![\w\-])(?:(?:is|was|has been) (?:widely )?said (?:to|that))(?![\w\-])") == [
        {"is", "was", "been"},
        {"said"},
        {"to", "that"},
    ]
    assert clauses(r"\b(?:rumou?red)\b") == [{"rumored", "rumoured"}]
    assert clauses(r"\b(?:not authori[sz]ed to (?:speak|be))") == [{"not"}, {"authorised", "authorized"}, {"to"}]  # "be..." may go on
    assert clauses(r"contributed to the report") == [{"to"}, {"the"}]  # "uncontributed", "reporters": not whole words
    assert clauses(r"\b(?:photo)\s*credit\b") == [{"photocredit", "credit"}]  # "\s*" may be empty
    assert clauses(r"\b(?:the \w+ said)\b") == [{"the"}, {"said"}]
    assert clauses(r"(?-i:\bBy\s+[A-Z]\w*)") == [{"by"}]
    assert clauses(r"[\w.+-]+@[\w-]+") == []
    assert clauses(r"\b(?:a.b|c(?=d)e)\b") == []  # "." may be a letter; a look-ahead reads nothing
    # every match has a word of each clause as a whole run of letters (in texts that lower-case
    # character for character: in the others the narrowed search is not used)
    lex = lexicon()
    for name in ("hedge", "anonymity_marker", "anonymity_reason", "credit", "opinion"):
        gated: Gated = getattr(lex, name)
        for text in TEXTS:
            if any(c in text for c in "\u0130\u0131\u017f"):
                continue
            runs = set(re.findall(r"[a-z]+", text.lower()))
            for alt, needs in zip(gated.alternatives, gated.needs, strict=True):
                if re.search(gated.template.format(f"(?:{alt})"), text, gated.pattern.flags):
                    assert all(c & runs for c in needs), (name, alt, text)


def test_document_phrases_need_in_or_atop_and_a_document_noun() -> None:
    lex = lexicon()
    assert lex.in_documents is not None
    needs = lex.in_documents_needs
    assert {"in", "atop"} in needs and any("poll" in c and "statement" in c for c in needs)
    for text in ("In a new poll, most voters said no.", "The plan, in the ministry's latest statement, was dropped."):
        runs = set(re.findall(r"[a-z]+", text.lower()))
        assert lex.in_documents.search(text) is not None and all(c & runs for c in needs)


def test_token_count_test_reads_only_what_it_needs() -> None:
    from rules.attribution.analysis import _TOKEN, _few_tokens

    for text in ("", "said.", "one, two three", "a b c d e f g h i j", "a b c d e f g h i j k", "U.S. officials, “quoted” here"):
        for most in range(12):
            assert _few_tokens(text, most) == (len(_TOKEN.findall(text)) <= most)


def test_letter_words_are_the_runs_of_a_to_z() -> None:
    from rules.attribution.lexicon import letter_words

    for text in [*TEXTS, "", "   ", "well-known U.S. café naïve x", "\u212a\u017f\u0130\u0131 ok", "a\ud800b"]:
        low = text.lower()
        assert letter_words(low) == re.findall(r"[a-z]+", low)


def test_double_quote_pattern_matches_as_the_plain_alternation() -> None:
    from itertools import product

    from rules.attribution.analysis import _DOUBLE_QUOTE_CHAR

    plain = re.compile(r"[\"“”«»]|''")
    texts = ["".join(p) for n in range(6) for p in product("\"“»'a ’", repeat=n)] + ["'''' x '''", "a''b'c\"d''\""]
    for text in texts:
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert [m.span() for m in _DOUBLE_QUOTE_CHAR.finditer(text, a, b)] == [m.span() for m in plain.finditer(text, a, b)]


def test_required_chars_are_punctuation_every_match_contains() -> None:
    from rules.attribution.lexicon import required_chars

    assert required_chars(r"\bcredit\s*:", re.IGNORECASE) == {":"}
    assert required_chars(r"a(?:b:|c:/)d", 0) == {":"}  # what every alternative needs
    assert required_chars(r"a(?:b:|c)d", 0) == set()
    assert required_chars(r"x(?=/)[:]y(?::)?(?:/)+", 0) == {":", "/"}  # a look-ahead and an optional part need nothing
    lex = lexicon()
    assert lex.credit.char_vocabulary == ("(", ")", "/", ":")
    for name in ("hedge", "anonymity_marker", "anonymity_reason", "credit", "opinion"):
        gated: Gated = getattr(lex, name)
        for text in TEXTS:
            for alt, chars in zip(gated.alternatives, gated.char_needs, strict=True):
                for m in re.finditer(gated.template.format(f"(?:{alt})"), text, gated.pattern.flags):
                    assert all(c in m.group() for c in chars), (name, alt, text)
