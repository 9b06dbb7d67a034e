"""Discourse links for the attribution rules (#19): who a quotation, a role noun or a pronoun refers to,
in the sentence itself or the sentences around it. Each family of wrong findings the blind judges
named gets examples that must stay quiet, and examples that must still fire next to them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from checker.article import Article
from checker.rule import Hit, RunContext
from rules.attribution import NAMED, AnonymousSource, OrphanQuote, shared_analysis
from rules.attribution.discourse import introduced, named_referent, subject_person, tag_speaker
from tests.conftest import ROOT

CTX = RunContext(today=date(2026, 11, 22))


def hits(rule_cls: type, text: str) -> list[Hit]:
    return list(rule_cls(CTX).check(Article.from_text(text)))


# --- the text-only links ---------------------------------------------------------------------------
def test_tag_speaker_reads_a_tag_with_an_appositive_and_any_verb() -> None:
    text = '"The ferry will not run until spring," Tomas Varga, a captain from the north shore, explained in a letter.'
    q_end = text.index('," ') + 2
    span = tag_speaker(text, 0, len(text), 0, q_end)
    assert span is not None and text[span[0] : span[1]].startswith("Tomas Varga")


def test_tag_speaker_reads_a_subject_before_the_quotation_and_a_possessor() -> None:
    text = 'One driver, Omar, told the paper: "The depot was never safe after dark."'
    q = text.index('"')
    span = tag_speaker(text, 0, len(text), q, len(text))
    assert span is not None and text[span[0] : span[1]].startswith("One driver")
    text = 'Roe\'s hope is that the board "will keep the library open past the summer."'
    q = text.index('"')
    span = tag_speaker(text, 0, len(text), q, len(text))
    assert span is not None and text[span[0] : span[1]] == "Roe"


def test_tag_speaker_finds_none_where_no_one_speaks() -> None:
    text = 'The word on every stall was "cheap", and the market was full by nine.'
    q = text.index('"')
    assert tag_speaker(text, 0, len(text), q, text.index('",') + 1) is None


def test_subject_person_is_a_name_or_he_or_she_acting_not_a_group_or_a_possessive() -> None:
    for text, who in (
        ("Hollerich stressed the value of small groups.", "Hollerich"),
        ("To do this well takes more than talent, Torvalds goes on.", "Torvalds"),
        ("She laughs.", "She"),
        ("I spoke with Vijay Rao, head of product at the firm, about the software.", "Vijay Rao"),
    ):
        span = subject_person(text, 0, len(text))
        assert span is not None and text[span[0] : span[1]] == who, text
    for text in ("However, Parham's cause of death remains unknown.", "Both of them froze, unsure what to do.", "They waited."):
        assert subject_person(text, 0, len(text)) is None, text


def test_introduced_reaches_over_a_short_list_but_not_a_long_paragraph() -> None:
    art = Article.from_text('The pilot made three points:\n\nFares rise.\n\n"Nobody will fly from here if tickets cost more."\n')
    assert introduced(art, 2) == 0
    long = " ".join(["The plan was discussed for a long time by everyone in the room that evening."] * 3)
    art = Article.from_text(f'The pilot made three points:\n\n{long}\n\n"Nobody will fly from here if tickets cost more."\n')
    assert introduced(art, len(art.sentences) - 1) is None


def test_named_referent_links_a_role_noun_within_two_paragraphs_and_no_further() -> None:
    near = "The council met late.\n\nA senior adviser said the vote was lost.\n\nThe hall emptied.\n\nThe adviser, Jo Roe, left at ten.\n"
    art = Article.from_text(near)
    span = named_referent(art, 1, {"adviser"})
    assert span is not None and art.text[span[0] : span[1]] == "Jo Roe"
    far = near.replace("The hall emptied.", "The hall emptied.\n\nRain fell.\n\nThe buses left.")
    assert named_referent(Article.from_text(far), 1, {"adviser"}) is None
    assert named_referent(art, 1, {"spokesman"}) is None


# --- AT004: the speaker given nearby, or no speech at all -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # the same sentence: a tag with an appositive and any verb; a subject before a colon; a possessor's view
        'The council met on Monday.\n\n"The ferry will not run until spring, and nobody can tell us why," '
        "Tomas Varga, a captain from the north shore, explained in a letter.\n",
        'The hall was full.\n\n"We lost a great friend and a fine teacher this morning," his twin brother, Ana Ruiz, posted on X.\n',
        'The depot shut.\n\nOne driver, Omar, told the paper: "The depot was never safe after dark and everyone there knew it."\n',
        'The vote is in May.\n\nRoe\'s hope is that the board "will find a way to keep the library open past the summer."\n',
        # the sentence before, in the paragraph before ("Roe stressed ..."), or a tag at its end ("..., Torvalds goes on.")
        'Hollerich stressed the value of small groups.\n\n"They let everyone speak without splitting the room into camps and factions."\n',
        'To do this well takes more than talent, Torvalds goes on. "Maintainers are the ones who translate," by which he means context.\n',
        # a quotation paragraph that goes on with the one above it, across a crosshead
        'The guide talked about the night shift. "We never knew who was coming in," said the guide, Jo Park.\n\n'
        "Broken lights\n\n"
        '"The lights were broken for months and nobody came to fix them or even to look at them."\n',
        # under a line that ends with a colon, after a short list
        'The pilot made three points:\n\nFares rise.\n\n"Nobody will fly from here if the tickets cost more than the train."\n',
        # no speech: the words of a work a quoted title names, a term, an example, a long title
        'The choir closed with "Down by the Harbour Wall". "The boats come home at evening and the lamps are burning low."\n',
        'Two words sum up the week.\n\n"Scramble mode."\n',
        'Users can type requests like "Make me a playlist for a long drive through the mountains at night."\n',
        'The library ordered "The Real History Of The Harbour Town: Ships, Storms, Fishermen And Families Across Three Centuries."\n',
    ],
)
def test_a_speaker_given_nearby_or_no_speech_makes_no_orphan(text: str) -> None:
    assert hits(OrphanQuote, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the neighbours name no one who speaks or acts
        'The hall was full.\n\n"Nobody asked us. Nobody told us anything about the plan."\n\nThe meeting ended at ten.\n',
        # a person named three paragraphs up is out of reach
        "Rivera said the airport was too small.\n\nThe hall was full on Monday.\n\nThe mayor was late.\n\n"
        '"Nobody asked us. Nobody told us anything about the plan."\n',
        # people beside it who are not named give no speaker ("Both of them froze.")
        'Both of them froze, unsure what to do.\n\n"Nobody asked us. Nobody told us anything about the plan for the depot."\n',
    ],
)
def test_a_quotation_with_no_speaker_within_reach_still_fires(text: str) -> None:
    assert len(hits(OrphanQuote, text)) == 1


def test_a_linked_quotation_is_labelled_with_its_speaker() -> None:
    text = 'The hall was full.\n\n"We lost a great friend this morning," his twin brother, Ana Ruiz, posted on X.\n'
    info = shared_analysis(Article.from_text(text)).sentences[1]
    assert info.label == NAMED and info.source is not None and info.source.name == "Ana Ruiz"


# --- AT002: a source that speaks, and is not named within reach -----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # no source speaking: a gerund's object, an agent inside a noun phrase, everyone, a vague share
        'The synod opened.\n\nIn welcoming the delegates to the hall, he noted, "We sit at round tables, so everyone can be heard."\n',
        "The bank published its study.\n\nCoaching by advisers added as much as two percentage points a year.\n",
        "The border was busy.\n\nAnyone familiar with the route will have expected the delay at the crossing.\n",
        "The bridge is old.\n\nMany lawmakers say the bridge is unsafe and should close.\n",
        # the role noun named within reach (after or before), or a group's titled member speaking next
        "The talks went on.\n\nA senior adviser said the deal was dead.\n\nJo Roe, a senior adviser to the governor, argued so.\n",
        "The county cut homelessness by a third, local officials say.\n\n"
        '"Housing always comes first," said Dana Weller, the area manager of the county housing office.\n',
    ],
)
def test_no_speaking_source_or_one_named_nearby_is_no_anonymous_source(text: str) -> None:
    assert hits(AnonymousSource, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a group's titled member who does not speak for it does not name it
        "The talks went on.\n\nTwo senior officials said the talks had collapsed. Later, Jo Roe, a senior official, walked out.\n",
        # a named person with another role is not the source
        "The talks went on.\n\nA senior official said the talks had collapsed on Tuesday night.\n\n"
        "Jo Roe, the owner of the hotel where they met, declined to comment.\n",
        # "citing" names its source as its object
        "The paper ran the story.\n\nThe deal is worth $50 million, the paper reports, citing people familiar with the matter.\n",
    ],
)
def test_an_unnamed_source_not_named_within_reach_still_fires(text: str) -> None:
    assert len(hits(AnonymousSource, text)) == 1


def test_cli_reports_no_orphan_for_a_tagged_quotation_and_one_for_an_untagged(tmp_path: Path) -> None:
    tagged = tmp_path / "tagged.txt"
    tagged.write_text(
        'The council met on Monday.\n\n"We will not raise taxes this year, whatever happens in the budget," '
        "Tomas Varga, a ferry captain from the north shore, explained in a letter.\n",
        encoding="utf-8",
    )
    untagged = tmp_path / "untagged.txt"
    untagged.write_text(
        'The hall was full.\n\n"Nobody asked us. Nobody told us anything about the plan."\n\nThe meeting ended.\n', encoding="utf-8"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(tmp_path),
            "--no-reports",
            "--fail-on",
            "never",
            "--format",
            "json",
            "--select",
            "AT004",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    found = {Path(r["file"]["path"]).name: [f["rule"] for f in r["findings"]] for r in json.loads(proc.stdout)["reports"]}
    assert found == {"tagged.txt": [], "untagged.txt": ["AT004"]}
