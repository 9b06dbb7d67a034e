"""Attribution family: the long tail of cues (agentless passives, complements, nominal cues, attitude
adjectives, headline speakers before a colon, documents after "in") and that it changes nothing else."""

from __future__ import annotations

from checker.article import Article
from rules.attribution import AnonymousSource, AttributionAnalyzer, UnattributedClaim, VagueAttribution
from rules.attribution.analysis import ANONYMOUS, NAMED, VAGUE
from tests import test_attribution as base
from tests.test_attribution import hits

ATTRIBUTED = {NAMED, ANONYMOUS, VAGUE}


def label_of(text: str, fragment: str) -> str:
    return base.label_of(Article.from_text(text), fragment)


def source_of(text: str, fragment: str) -> str:
    return base.source_of(Article.from_text(text), fragment)


def test_an_agentless_passive_of_a_judging_verb_is_attributed_but_not_a_weasel_finding() -> None:
    text = "The council's plan to close 3 branch libraries was widely criticized.\n"
    assert label_of(text, "widely criticized") in ATTRIBUTED
    assert not hits(UnattributedClaim, text)  # it was an unsourced "quantity" claim before
    assert not hits(VagueAttribution, text)


def test_a_cue_inside_a_complement_makes_the_sentence_attributed() -> None:
    text = "The water board has done nothing to explain the 40 percent rise in bills.\n"
    assert label_of(text, "to explain") in ATTRIBUTED
    assert source_of(text, "to explain") == "water board"
    assert not hits(UnattributedClaim, text)


def test_nominal_cues_count_before_their_content_or_source() -> None:
    assert label_of("Their support for the harbour levy has grown since the floods.\n", "support for") in ATTRIBUTED
    assert label_of("Harsh criticism from fishermen delayed the harbour project by 14 months.\n", "criticism from") in ATTRIBUTED
    assert label_of("The mayor's doubts about the tunnel are well known.\n", "doubts about") in ATTRIBUTED
    # a noun without its content is not a cue; a speech tag verb is not a noun of saying
    assert label_of("The support beams of the old pier were replaced in March 2019.\n", "support beams") not in ATTRIBUTED
    assert label_of("The storm continued for three more days along the coast.\n", "storm continued") not in ATTRIBUTED


def test_attitude_adjectives_need_their_complement() -> None:
    text = "Several council members are confident that the levy will pass in 2 weeks.\n"
    assert label_of(text, "are confident that") in ATTRIBUTED
    assert not hits(VagueAttribution, text)  # an attitude, not weasel sourcing
    assert label_of("The goalkeeper looked confident and calm in the 2 penalty shootouts.\n", "confident") not in ATTRIBUTED
    assert label_of("Residents are wary of the new toll on the 3 bridges.\n", "wary of") in ATTRIBUTED


def test_seen_as_and_known_for_but_not_seen_alone() -> None:
    assert label_of("The dam is seen as the valley's best defence against 100-year floods.\n", "seen as") in ATTRIBUTED
    assert label_of("Nobody has seen the 12 missing ledgers since Tuesday.\n", "seen the") not in ATTRIBUTED


def test_a_contracted_pronoun_is_not_a_possessive() -> None:
    text = "He's hoping to cut the hospital waiting list by half within 18 months.\n"
    assert label_of(text, "hoping") in ATTRIBUTED


def test_long_tail_verbs_do_not_displace_the_reporting_verb() -> None:
    anonymous = "People briefed on the talks said the 2 ferry operators would merge.\n"
    assert label_of(anonymous, "briefed") == ANONYMOUS
    assert [h.evidence["source"]["text"] for h in hits(AnonymousSource, anonymous)] == ["People briefed on the talks"]
    vague = "Some advocates for the new park said the plan was rushed through in 3 weeks.\n"
    assert label_of(vague, "advocates") == VAGUE
    assert source_of(vague, "advocates") == "vague: advocates"
    assert label_of("The senator lambasted the 2 proposals on Tuesday.\n", "lambasted") == NAMED


def test_a_speaker_before_a_colon_in_a_headline() -> None:
    text = "Mayor Ortiz: Budget Cuts Will Close Two Branch Libraries\n\nThe city council meets on Monday.\n"
    assert label_of(text, "Budget Cuts") == NAMED
    assert source_of(text, "Budget Cuts") == "Mayor Ortiz"
    # labels before a colon are not speakers, nor are one-letter or three-word lines
    assert label_of("Update: The coast road reopened at noon after 6 hours of repairs.\n", "coast road") not in ATTRIBUTED
    assert label_of("Contributing: Jane Roe and John Doe of the Harbour Times.\n", "Jane Roe") not in ATTRIBUTED


def test_a_document_after_in_is_the_source_when_it_opens_the_sentence_or_is_named() -> None:
    opening = "In a statement on Friday, the ferry company cancelled all 14 crossings until March.\n"
    assert label_of(opening, "cancelled") in ATTRIBUTED
    named = "Support slipped to 38 percent in the latest Harbour Times survey of tenants.\n"
    assert label_of(named, "slipped") in ATTRIBUTED
    assert source_of(named, "slipped") == "Harbour Times"
    assert not hits(VagueAttribution, opening) and not hits(AnonymousSource, opening)
    assert label_of("The mayor slipped to third place in the polls over the summer.\n", "slipped") not in ATTRIBUTED
    clause = "In an attempt to hide the 2 emails, the clerk deleted the archive.\n"
    assert label_of(clause, "deleted") not in ATTRIBUTED  # "emails" ends a clause, not a document phrase


def test_the_report_marks_a_sentence_attributed_by_a_long_tail_cue_as_implicit() -> None:
    text = "The council's plan to close 3 branch libraries was widely criticized.\n\nThe mayor said the plan would save money.\n"
    rows = AttributionAnalyzer(base.CTX).analyze(Article.from_text(text)).details["sentences"]
    assert [r.get("implicit", False) for r in rows] == [True, False]
