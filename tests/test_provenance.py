"""Provenance family (PV): the record (outlets and roles, byline, dateline, sign-offs, contributors,
credits, captions, language, readability) and rules PV001-PV006."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.article import Article
from checker.decode import decode
from checker.models import Severity
from checker.rule import Hit, RunContext
from rules.provenance import (
    Boilerplate,
    EmbeddedCaption,
    EncodingDamage,
    LanguageMismatch,
    Record,
    Truncated,
    UnknownOrigin,
    analysis,
    readability,
)
from rules.provenance import language as lang

CTX = RunContext(today=date(2026, 11, 22))


def seed(seeds: Path, prefix: str) -> Article:
    path = next(seeds.glob(f"{prefix}_*.txt"))
    data = path.read_bytes()
    return Article(str(path), data, decode(data))


def hits(rule: type, article: Article, context: RunContext = CTX) -> list[Hit]:
    return list(rule(context).check(article))


def record(text: str) -> dict[str, Any]:
    return Record(CTX).analyze(Article.from_text(text)).provenance


def roles(prov: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for o in prov["outlets"]:
        out.setdefault(o.name, set()).add(o.role)
    return out


# --- the seeds (issue 7's done-when) ------------------------------------------------------------
def test_seed_002_byline_names_the_publisher(seeds: Path) -> None:
    a = seed(seeds, "002")
    prov = Record(CTX).analyze(a).provenance
    assert prov["byline"].text == "By World Israel News Staff"
    r = roles(prov)
    assert r["World Israel News"] == {"publisher"}
    assert r["The Times of Israel"] == {"cited"}


def test_seed_003_dateline_and_photo_credits(seeds: Path) -> None:
    a = seed(seeds, "003")
    prov = Record(CTX).analyze(a).provenance
    assert prov["dateline"].place == "CAIRO"
    assert [c.text for c in prov["credits"]] == ["(AP Photo/Abdel Kareem Hana)"] * 3
    assert all(c.agency == "Associated Press" and c.caption for c in prov["credits"])
    pv002 = hits(EmbeddedCaption, a)
    assert len(pv002) == 3
    for h in pv002:  # each span is a whole caption paragraph with its credit
        assert h.start is not None and h.end is not None
        assert a.text[h.end - len("(AP Photo/Abdel Kareem Hana)") : h.end] == "(AP Photo/Abdel Kareem Hana)"
        assert a.text[h.start - 2 : h.start] == "\n\n"


def test_seed_004_caption_signoff_contributor(seeds: Path) -> None:
    a = seed(seeds, "004")
    prov = Record(CTX).analyze(a).provenance
    assert [s.text for s in prov["signoffs"]] == ["Magdy writes for the Associated Press."]
    assert prov["contributors"][0].text.startswith("AP writer Natalie Melzer")
    assert roles(prov)["Associated Press"] == {"wire"}
    pv002 = hits(EmbeddedCaption, a)
    assert len(pv002) == 1 and pv002[0].start == a.body_start
    assert a.text[pv002[0].start : pv002[0].end].startswith("Mohammad Naser sits by a fire")


def test_seed_000_credit_line_and_cited_outlet(seeds: Path) -> None:
    a = seed(seeds, "000")
    prov = Record(CTX).analyze(a).provenance
    r = roles(prov)
    assert r["The Jerusalem Post"] == {"cited"}  # a source "told" it: nothing names the publisher
    assert not any(o.role == "publisher" for o in prov["outlets"])
    assert [c.text for c in prov["credits"]] == ["(credit: Canva, REUTERS/Adel Al Khader)"]
    pv002 = hits(EmbeddedCaption, a)
    assert len(pv002) == 1
    span = a.text[pv002[0].start : pv002[0].end]
    assert span.startswith("(L-R) US President") and span.endswith("REUTERS/Adel Al Khader)")


def test_seed_001_unknown_origin_only(seeds: Path) -> None:
    fired = {p: bool(hits(UnknownOrigin, seed(seeds, p))) for p in ("000", "001", "002", "003", "004")}
    assert fired == {"000": False, "001": True, "002": False, "003": False, "004": False}


def test_no_seed_is_truncated_or_foreign(seeds: Path) -> None:
    for p in ("000", "001", "002", "003", "004"):
        a = seed(seeds, p)
        assert hits(Truncated, a) == [], p
        assert hits(LanguageMismatch, a) == [], p
        assert hits(EncodingDamage, a) == [], p


# --- datelines ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("opening", "place", "region", "when", "agency"),
    [
        ("NEW DELHI (AP) - The minister resigned on Monday.", "NEW DELHI", None, None, "AP"),
        ("LOS ANGELES, Feb 26 - The studio cut 200 jobs.", "LOS ANGELES", None, "Feb 26", None),
        ("SPRINGFIELD, Ill., March 3, 2024 (Reuters) — Farmers gathered.", "SPRINGFIELD", "Ill.", "March 3, 2024", "Reuters"),
        ("ST. PAUL — The legislature adjourned.", "ST. PAUL", None, None, None),
        ("Riverton, Wyoming—The county fair opened.", "Riverton", "Wyoming", None, None),
        ("TAYLOR, Texas, Sept. 9, 2026 /PRNewswire/ -- Voltaris Energy opened a plant.", "TAYLOR", "Texas", "Sept. 9, 2026", "PRNewswire"),
    ],
)
def test_datelines(opening: str, place: str, region: str | None, when: str | None, agency: str | None) -> None:
    dl = record(opening + " It was the third such move this year.\n")["dateline"]
    assert dl is not None
    assert (dl.place, dl.region, dl.date, dl.agency) == (place, region, when, agency)


@pytest.mark.parametrize(
    "opening",
    [
        "UPDATED: The story was corrected on Monday to fix a name.",
        "FILE - A farmer walks through a field in Riverton, Wyoming, on Monday.",
        "Pros: a big screen and a long battery life.",
        "The mayor — who took office in May — resigned.",
        "Q: What did the council decide about the libraries on Tuesday night?",
    ],
)
def test_not_datelines(opening: str) -> None:
    assert record(opening + "\n")["dateline"] is None


def test_a_transcripts_speaker_labels_are_not_datelines() -> None:
    turn = "the largest single cause of the delays is the signal system between the two central stations, which dates from 1974"
    text = f"The hearing was condensed.\n\nREYES: Senator, {turn}.\n\nOKONKWO: When will it be replaced?\n\nREYES: Next year.\n"
    assert record(text)["dateline"] is None
    # a dateline with a colon, as some outlets write it, in an article with no speaker labels
    dl = record(f"NEW DELHI: The government said on Monday that {turn}.\n")["dateline"]
    assert dl is not None and dl.place == "NEW DELHI"


def test_dateline_agency_is_a_credited_wire() -> None:
    prov = record("MADRID (AFP) — The government fell on Friday.\n")
    assert roles(prov)["Agence France-Presse"] == {"wire"}


def test_a_press_release_names_its_distributor_and_its_issuer() -> None:
    text = (
        "TAYLOR, Texas, Sept. 9, 2026 /PRNewswire/ -- Voltaris Energy, Inc. today opened a battery plant.\n\n"
        "The plant will employ 300 people.\n\nSOURCE Voltaris Energy, Inc.\n"
    )
    prov = record(text)
    assert roles(prov) == {"PR Newswire": {"wire"}, "Voltaris Energy, Inc.": {"publisher"}}
    assert hits(UnknownOrigin, Article.from_text(text)) == []
    assert roles(record("The plant will employ 300 people.\n\nSOURCE: the company's own figures.\n")) == {}


# --- bylines, sign-offs, outlets ------------------------------------------------------------------
def test_byline_with_people_and_agency() -> None:
    a = Article.from_text("By Jane Roe and John Doe, Associated Press\n\nThe river rose overnight.\n")
    prov = Record(CTX).analyze(a).provenance
    assert prov["byline"].text.startswith("By Jane Roe")
    assert roles(prov)["Associated Press"] == {"wire"}
    assert analysis(a).record.byline_people == ["Jane Roe", "John Doe"]


def test_a_desk_byline_names_no_person_and_a_picture_credit_is_not_part_of_the_byline() -> None:
    assert analysis(Article.from_text("By Staff\n\nThe council met on Monday.\n")).record.byline_people == []
    assert roles(record("By Politics team\n\nThe council met on Monday.\n")) == {}  # a desk, not an outlet
    assert roles(record("By Lakeside Tribune Staff\n\nThe council met on Monday.\n")) == {"Lakeside Tribune": {"publisher"}}
    text = "Words by Fiona Gallacher. Photographs by Ewan Rennie.\n\nThe collies run the yard at Glenfoot every morning.\n"
    a = Article.from_text(text)
    rec = analysis(a).record
    assert rec.byline is not None and rec.byline.text == "Words by Fiona Gallacher"
    assert rec.byline_people == ["Fiona Gallacher"]
    assert [c.text for c in rec.credits] == ["Photographs by Ewan Rennie."]
    assert hits(EmbeddedCaption, a) == []  # the byline's credit is not a caption left in the body


def test_a_byline_names_its_publication_and_sets_off_its_date() -> None:
    text = "Study links walking to lower risk\n\nBy Dr. Ana Weiss | Health Desk, The Pacific Ledger | November 19, 2026\n\nIt rained.\n"
    a = Article.from_text(text)
    rec = analysis(a).record
    assert rec.byline is not None and rec.byline.text == "By Dr. Ana Weiss | Health Desk, The Pacific Ledger"
    assert rec.byline_people == ["Dr. Ana Weiss"]
    assert roles(record(text)) == {"The Pacific Ledger": {"publisher"}}
    rec = analysis(Article.from_text("Late header\nBy Tom Ashby, Northern Sports Weekly\n\nRiverside won.\n")).record
    assert rec.byline_people == ["Tom Ashby"]  # the publication is no person
    assert roles(record("By Tom Ashby, Northern Sports Weekly\n\nRiverside won.\n")) == {"Northern Sports Weekly": {"publisher"}}
    # a role that ends like a publication's name is a role
    assert roles(record("By Rachel Odukoya, Local Democracy Reporter\n\nThe council met.\n")) == {}


def test_a_header_less_articles_headline_line_is_its_title() -> None:
    text = "Late header sends Riverside into the cup quarter-finals\nBy Tom Ashby\n\nRiverside won 2-1 on Saturday.\n"
    assert record(text)["title"] == "Late header sends Riverside into the cup quarter-finals"
    assert "title" not in record("Riverside won 2-1 on Saturday.\n\nThe draw is on Monday.\n")  # a sentence is no headline
    assert "title" not in record("Pros: a big screen; a long battery life\n\nThe phone costs $400.\n")


def test_a_press_release_slug_is_no_headline_and_a_caption_line_ending_in_its_credit_is_a_credit() -> None:
    text = "FOR IMMEDIATE RELEASE\n\nTidewater Robotics Opens a Plant in Norfolk\n\nThe plant will employ 210 people.\n"
    assert record(text)["title"] == "Tidewater Robotics Opens a Plant in Norfolk"
    caption = (
        "The line runs beside the river.\n\n"
        "Photo: The Douro line runs beside the river for most of the route between Regua and Pocinho. / Fiona Blake/The Weekend Traveller"
        "\n\nThe train takes two hours.\n"
    )
    assert [c.text[:12] for c in analysis(Article.from_text(caption)).record.credits] == ["Photo: The D"]


def test_a_bracketed_photo_caption_ending_in_its_credit_is_a_credit() -> None:
    text = (
        "More than 12,000 people came to the lantern festival on Saturday.\n\n"
        "[Photo: Children release paper lanterns on the pond at Riverside Park on Saturday, Nov. 14, 2026. "
        "Devon Price/The Eastbrook Observer]\n\nThe festival raised $18,000.\n"
    )
    a = Article.from_text(text)
    rec = analysis(a).record
    assert [c.text[:14] for c in rec.credits] == ["[Photo: Childr"]
    assert roles(record(text)) == {"The Eastbrook Observer": {"credit"}}


def test_a_closing_note_on_the_writer_is_a_contributor_line_not_claims() -> None:
    text = (
        "Author: Nadia Brooks\n\nThe city should build the bike lanes it planned in 2019.\n\n"
        "Nadia Brooks is a civil engineer and a member of the city's advisory board. The views expressed are her own.\n"
    )
    rec = analysis(Article.from_text(text)).record
    assert [c.text for c in rec.contributors] == [
        "Nadia Brooks is a civil engineer and a member of the city's advisory board.",
        "The views expressed are her own.",
    ]
    # a last paragraph about someone else is the article's
    other = text.replace("Nadia Brooks is a civil", "Ana Ruiz is a civil")
    assert analysis(Article.from_text(other)).record.contributors == []


def test_sentences_starting_with_by_are_not_bylines() -> None:
    assert record("By the end of the year, the river had risen.\n")["byline"] is None
    assert record("By Monday the river had risen by two metres.\n")["byline"] is None


def test_header_author_and_source() -> None:
    prov = record("Author: Jane Roe\nSource: The Guardian\n\nThe river rose overnight.\n")
    assert prov["byline"].text == "Jane Roe"
    assert roles(prov)["The Guardian"] == {"publisher"}


def test_url_header_names_the_publisher_by_domain() -> None:
    prov = record("URL: https://www.theguardian.com/world/2025/river\n\nThe river rose overnight.\n")
    assert roles(prov)["The Guardian"] == {"publisher"}


def test_cited_and_unknown_outlets() -> None:
    text = (
        "The mayor told the Riverton Gazette that the bridge would close. A spokesman told WXYZ-TV the work "
        "would take a month. Apple is in talks with NBC News about a licence.\n"
    )
    a = Article.from_text(text)
    prov = Record(CTX).analyze(a).provenance
    r = roles(prov)
    assert r == {"Riverton Gazette": {"cited"}, "WXYZ-TV": {"cited"}}
    assert [o.kind for o in prov["outlets"]] == [None, None]
    assert analysis(a).record.mentioned == ["NBC News"]


def test_self_reference_names_the_publisher() -> None:
    prov = record("The ministry did not answer. The Washington Post has reached out to the ministry for comment.\n")
    assert roles(prov)["The Washington Post"] == {"publisher"}


def test_signoff_with_unknown_outlet() -> None:
    prov = record("The river rose overnight.\n\nJane Roe is a senior reporter for the Riverton Gazette.\n")
    assert [s.text for s in prov["signoffs"]] == ["Jane Roe is a senior reporter for the Riverton Gazette."]
    assert roles(prov) == {"Riverton Gazette": {"publisher"}}


def test_copyright_line() -> None:
    prov = record("The river rose overnight.\n\nCopyright 2024, Riverton Syndicate. All rights reserved.\n")
    assert roles(prov)["Riverton Syndicate"] == {"publisher"}


# --- credits and captions -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("credit", "agency"),
    [
        ("(Photo: Jane Roe/Getty Images)", "Getty Images"),
        ("(REUTERS/Jane Roe)", "Reuters"),
        ("(Courtesy of the Riverton Museum)", None),
        ("[Image credit: NASA]", "NASA"),
    ],
)
def test_credits(credit: str, agency: str | None) -> None:
    prov = record(f"The river rose overnight.\n\nA boat on the flooded street in Riverton. {credit}\n\nMore rain is due.\n")
    assert [c.text for c in prov["credits"]] == [credit]
    if agency is not None:
        assert prov["credits"][0].agency == agency
    assert prov["credits"][0].caption == "A boat on the flooded street in Riverton."


@pytest.mark.parametrize("text", ["(TCP/IP)", "(in Photo mode)", "(see photo above)", "(and/or)", "(Jane Roe/John Doe)"])
def test_not_credits(text: str) -> None:
    assert record(f"The setting is explained here {text} in the manual.\n")["credits"] == []


# --- language ----------------------------------------------------------------------------------
FRENCH = (
    "Le conseil municipal a voté mardi soir la fermeture de deux bibliothèques du centre-ville. Les habitants "
    "ont déclaré qu'ils feraient appel de cette décision devant le tribunal administratif dans les prochains jours.\n"
)
SPANISH_PARA = (
    "El alcalde dijo que los ahorros se destinarían a la reparación de las calles de todo el distrito y que el "
    "consejo volvería a debatir el asunto el próximo mes.\n"
)
ENGLISH_PARA = (
    "The council voted on Tuesday to close two libraries in the old town, and residents said they would appeal "
    "the decision in court within the next few days.\n"
)


def test_foreign_article() -> None:
    a = Article.from_text(FRENCH)
    res = analysis(a).language
    assert res.code == "fr" and res.confidence > 0.9
    h = hits(LanguageMismatch, a)
    assert len(h) == 1 and h[0].start is None and h[0].evidence["code"] == "fr"
    assert hits(LanguageMismatch, a, RunContext(today=date(2026, 11, 22), languages=("fr", "en"))) == []


def test_mixed_language_article_flags_the_paragraph() -> None:
    text = ENGLISH_PARA + "\n" + SPANISH_PARA + "\n" + ENGLISH_PARA
    a = Article.from_text(text)
    prov = Record(CTX).analyze(a).provenance
    assert prov["language"].code == "en"
    assert [(p["paragraph"], p["code"]) for p in prov["language"].paragraphs] == [(2, "es")]
    h = hits(LanguageMismatch, a)
    assert len(h) == 1
    assert a.text[h[0].start : h[0].end] == SPANISH_PARA.strip()


def test_short_foreign_phrases_are_not_judged() -> None:
    text = ENGLISH_PARA + "\n\u201cC'est la vie,\u201d he said.\n\nAuf Wiedersehen.\n"
    assert hits(LanguageMismatch, Article.from_text(text)) == []


def test_english_fast_path_skips_langdetect(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> tuple[str | None, float]:
        raise AssertionError("langdetect called on plain English")

    monkeypatch.setattr(lang, "detect_language", boom)
    res = lang.analyse(Article.from_text(ENGLISH_PARA * 3))
    assert (res.code, res.method) == ("en", "function-words")


def test_langdetect_is_repeatable() -> None:
    sample = "Der Rat hat am Dienstag beschlossen, zwei Bibliotheken zu schließen."
    assert len({lang.detect_language(sample) for _ in range(5)}) == 1


# --- readability, offline ------------------------------------------------------------------------
def test_readability_works_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk  # type: ignore[import-untyped]
    from textstat.backend.counts import _count_syllables

    def no_network(*_: object, **__: object) -> None:
        raise OSError("network access blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(nltk, "download", no_network)
    _count_syllables.count_syllables.cache_clear()
    easy = readability.scores("The cat sat on the mat. The dog ran to the park. It was a fine day.")
    hard = readability.scores(
        "Notwithstanding considerable institutional opposition, the administration's comprehensive infrastructure "
        "modernisation programme necessitated unprecedented intergovernmental coordination."
    )
    assert easy["flesch_reading_ease"] is not None and hard["flesch_reading_ease"] is not None
    assert easy["flesch_reading_ease"] > 90 > 0 > hard["flesch_reading_ease"]
    assert easy["flesch_kincaid_grade"] is not None and hard["flesch_kincaid_grade"] is not None
    assert easy["flesch_kincaid_grade"] < 3 < 20 < hard["flesch_kincaid_grade"]


def test_syllables_match_the_cmu_dictionary() -> None:
    d = readability.syllable_dictionary()
    assert [len(d[w][0]) for w in ("cat", "water", "reading", "university")] == [1, 2, 2, 5]


def test_metrics_present_when_nothing_fires() -> None:
    c = Record(CTX).analyze(Article.from_text("By Jane Roe\n\n" + ENGLISH_PARA))
    for key in ("words", "sentences", "paragraphs", "flesch_reading_ease", "flesch_kincaid_grade", "origin_signals", "truncated"):
        assert f"provenance.{key}" in c.metrics
    assert c.metrics["provenance.truncated"] == 0


# --- truncation, encoding, boilerplate ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("ending", "kind"),
    [
        ("The mayor said the savings would be spent on road repairs across the", "mid-sentence"),
        ("The mayor said the savings would be spent on road repairs, parks,", "mid-sentence"),
        ("The mayor said the savings would be spent on road repairs across the distr", "mid-word"),
        ("The mayor said the savings would be spent on roads. [\u2026]", "marker"),
        ("The mayor said.\n\nThis article is available to subscribers only. Subscribe now for unlimited access.", "marker"),
    ],
)
def test_truncated(ending: str, kind: str) -> None:
    a = Article.from_text(ENGLISH_PARA + "\n" + ending + "\n")
    h = hits(Truncated, a)
    assert len(h) == 1 and h[0].evidence["kind"] == kind


@pytest.mark.parametrize(
    "ending",
    [
        "\u201cWe will fight this,\u201d one resident said.",
        "\u201cIt is a good day for the town.\u201d \u2014Jane Roe, Riverton Council",
        "Libraries closed\nRoads repaired\nParks renamed",
        "The mayor said the savings would be spent on roads.\n\nAdvertisement",
    ],
)
def test_not_truncated(ending: str) -> None:
    assert hits(Truncated, Article.from_text(ENGLISH_PARA + "\n" + ending + "\n")) == []


def test_encoding_damage_kinds() -> None:
    text = "The caf\u00c3\u00a9 opened.\n\nThe mayor didn?t come \ufffd today.\n\nA stray \x07 bell.\n\nRIVERTON ? The council met.\n"
    found = hits(EncodingDamage, Article.from_text(text))
    assert {h.evidence["kind"] for h in found} == {"mojibake", "lost-character", "replacement-character", "control-character"}
    # a wrongly decoded file (mojibake, U+FFFD) is an error, the rule's own severity; a local loss a warning
    severity = {h.evidence["kind"]: h.severity for h in found}
    assert severity == {
        "mojibake": None,
        "replacement-character": None,
        "lost-character": Severity.WARNING,
        "control-character": Severity.WARNING,
    }
    assert EncodingDamage.severity == Severity.ERROR


def test_a_mis_decoded_article_goes_to_review(tmp_path: Path) -> None:
    from checker.cli import main

    (tmp_path / "a.txt").write_text(
        "Date: 2026-11-20\n\n" + ENGLISH_PARA + "\nThe caf\u00c3\u00a9 owner\u00e2\u20ac\u2122s son said it would reopen.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code = main(["check", str(tmp_path), "--no-reports", "--format", "json", "--output", str(out), "-q", "--jobs", "1"])
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    assert code == 1 and report["verdict"] != "pass"
    assert [f["severity"] for f in report["findings"] if f["rule"] == "PV005"] == ["error"]


def test_encoding_damage_is_one_finding_per_line_with_every_span_in_evidence() -> None:
    text = (
        "The caf\u00c3\u00a9 owner\u00e2\u20ac\u2122s son and the Z\u00c3\u00bcrich court.\n\n"
        "A clean line.\n\nOne more caf\u00c3\u00a9.\n"
    )
    a = Article.from_text(text)
    found = hits(EncodingDamage, a)
    assert [len(h.evidence["spans"]) for h in found] == [3, 1]
    first = found[0]
    assert first.start <= text.index("\u00c3") < first.end == text.index("rich court")
    assert "3 places" in first.message


def test_review_cases_that_must_stay_quiet_or_fire() -> None:
    reading = ENGLISH_PARA + "\nThe library will stay open until midnight so students have a quiet place to keep reading.\n"
    assert hits(Truncated, Article.from_text(reading)) == []
    dawn = ENGLISH_PARA + "\nBy dawn, firefighters were still at the scene of the blaze. Photo by Jane Roe/Getty Images.\n\n" + ENGLISH_PARA
    assert len(hits(EmbeddedCaption, Article.from_text(dawn))) == 1  # a sentence starting "By" is no byline
    for quoted in ('The scam told people to "click here," then pay a fee.', 'The message read: "Your parcel waits. Click here."'):
        assert hits(Boilerplate, Article.from_text(ENGLISH_PARA + "\n" + quoted + "\n")) == []
    assert roles(record("Unemployment rose to 5.1% in March.\n\nSOURCE Bureau of Labor Statistics\n")) == {}  # no press release
    assert record("WASHINGTON (AP/ -- The Senate voted on Monday.\n")["dateline"] is None  # mismatched brackets


def test_a_contributor_line_with_odd_spacing_is_found() -> None:
    text = ENGLISH_PARA + "\nReporting  by Jane Roe in Cairo.\n"
    assert [f.text for f in analysis(Article.from_text(text)).record.contributors] == ["Reporting  by Jane Roe in Cairo."]


def test_mojibake_for_an_accent_is_not_a_copyright_line() -> None:
    text = "The council met.\n\nMore than 8,000 people signed a petition to save the caf\u00c3\u00a9, the owner said.\n"
    assert analysis(Article.from_text(text)).record.signoffs == []
    real = analysis(Article.from_text("The council met.\n\n\u00a9 2026 Lakeside Tribune. All rights reserved.\n")).record
    assert [f.text for f in real.signoffs] == ["\u00a9 2026 Lakeside Tribune."]


def test_boilerplate_spans() -> None:
    text = (
        ENGLISH_PARA
        + "\nAdvertisement\n\nFacebook Twitter Email\n\n"
        + "The mayor spoke. Sign up for our daily newsletter to get the news first. The vote is on Friday.\n"
    )
    a = Article.from_text(text)
    found = [(h.evidence["kind"], a.text[h.start : h.end]) for h in hits(Boilerplate, a) if h.start is not None]
    assert found == [
        ("advertisement", "Advertisement"),
        ("share", "Facebook Twitter Email"),
        ("newsletter", "Sign up for our daily newsletter to get the news first."),
    ]


def test_a_paywall_line_is_residue_and_a_quoted_click_here_is_news() -> None:
    paywall = ENGLISH_PARA + "\nThis article is available to subscribers only. Subscribe now for unlimited access.\n"
    assert [h.evidence["kind"] for h in hits(Boilerplate, Article.from_text(paywall))] == ["paywall"]
    scam = ENGLISH_PARA + '\nThe city warned of a scam text telling people to "click here" to pay a pier fee.\n'
    assert hits(Boilerplate, Article.from_text(scam)) == []
    assert hits(Boilerplate, Article.from_text(ENGLISH_PARA + "\nClick here to see the full gallery.\n")) != []


# --- the labelled corpus -------------------------------------------------------------------------
def test_naeb_language_and_captions(corpora: Path) -> None:
    """On ordinary English news: every PV004 article is one langdetect also calls foreign, and the
    language fast path never disagrees with langdetect."""
    rows = [json.loads(line) for line in (corpora / "naeb" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        a = Article.from_text(r["text"])
        res = analysis(a).language
        if res.method == "function-words":
            assert lang.detect_language(a.body)[0] == "en", r["id"]
        for h in hits(LanguageMismatch, a):
            assert h.start is not None or lang.detect_language(a.body)[0] != "en", r["id"]


def test_roundup_outlets_are_cited() -> None:
    prov = record(
        "Commentators were divided.\n\n"
        'Ines Morel, The Harbour Ledger: "This budget gives up on growth."\n\n'
        'Karl Dunst (Valley Herald): "A cautious plan for cautious times."\n\n'
        'RUTH ABARA, Economics Editor: "The numbers do not add up."\n\n'
        "The Harbour Ledger is sold in 40 towns. Valley Herald staff were not consulted.\n"
    )
    assert roles(prov) == {"The Harbour Ledger": {"cited"}, "Valley Herald": {"cited"}}
