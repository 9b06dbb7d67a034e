"""Attribution family (AT): sentence labels, sources, context, findings and the analyzer's report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checker.article import Article
from checker.engine import apply_contribution
from checker.models import FileInfo, FileReport, Severity, Tool
from checker.rule import Hit, RunContext
from rules.attribution import (
    AnonymousSource,
    AttributionAnalyzer,
    OrphanQuote,
    UnattributedClaim,
    VagueAttribution,
    shared_analysis,
)
from rules.attribution.analysis import ANONYMOUS, NAMED, NOT_A_CLAIM, UNATTRIBUTED, VAGUE, analyse

CTX = RunContext(today=date(2026, 11, 22))


def label_of(article: Article, fragment: str) -> str:
    for info in shared_analysis(article).sentences:
        if fragment in article.text[info.start : info.end]:
            return info.label
    raise AssertionError(f"no sentence contains {fragment!r}")


def source_of(article: Article, fragment: str) -> str:
    for info in shared_analysis(article).sentences:
        if fragment in article.text[info.start : info.end]:
            assert info.source is not None, f"{fragment!r} has no source"
            return info.source.name
    raise AssertionError(f"no sentence contains {fragment!r}")


def hits(rule_cls: type, text: str) -> list[Hit]:
    return list(rule_cls(CTX).check(Article.from_text(text)))


# --- sentence labels -------------------------------------------------------------------------------
def test_named_anonymous_vague_and_unattributed_labels() -> None:
    art = Article.from_text(
        "Finance Minister Ana Silva said the budget would be cut by 4 percent.\n\n"
        "Two senior officials said the cuts would fall mostly on defence.\n\n"
        "Critics say the plan will hurt rural schools.\n\n"
        "The deficit reached 12 billion euros last year.\n\n"
        "What happens next?\n"
    )
    assert label_of(art, "Ana Silva said") == NAMED
    assert label_of(art, "senior officials") == ANONYMOUS
    assert label_of(art, "Critics say") == VAGUE
    assert label_of(art, "deficit reached") == UNATTRIBUTED
    assert label_of(art, "What happens next") == NOT_A_CLAIM


def test_every_sentence_gets_a_label_and_a_span() -> None:
    art = Article.from_text("The mayor resigned on Friday. Nobody knows why. Officials said the inquiry continues.\n")
    result = analyse(art)
    assert len(result.sentences) == len(art.sentences) == 3
    for info, seg in zip(result.sentences, art.sentences, strict=True):
        assert (info.start, info.end) == (seg.start, seg.end)
        assert info.label in {NAMED, ANONYMOUS, VAGUE, UNATTRIBUTED, NOT_A_CLAIM}


def test_trailing_tag_names_the_source_of_the_whole_sentence() -> None:
    art = Article.from_text("The army has moved two brigades to the border, warning of a long conflict, officials said.\n")
    assert label_of(art, "two brigades") == ANONYMOUS
    assert source_of(art, "two brigades") == "anonymous: officials"


def test_inverted_tag_after_a_quotation() -> None:
    art = Article.from_text('"We will rebuild every school," said Governor Tom Reyes.\n')
    assert label_of(art, "rebuild") == NAMED
    assert source_of(art, "rebuild") == "Governor Tom Reyes"


def test_according_to_a_named_body_and_to_unnamed_reports() -> None:
    art = Article.from_text(
        "Exports fell by a third, according to the national statistics office.\n\n"
        "The company is close to bankruptcy, according to reports.\n"
    )
    assert label_of(art, "Exports fell") == NAMED
    assert label_of(art, "bankruptcy") == VAGUE


def test_people_familiar_with_the_matter_is_anonymous_but_bare_people_is_vague() -> None:
    art = Article.from_text("People familiar with the matter said the deal was signed.\n\nMany people believe the deal is bad.\n")
    assert label_of(art, "familiar") == ANONYMOUS
    assert label_of(art, "Many people") == VAGUE


def test_demonym_does_not_name_an_anonymous_source() -> None:
    art = Article.from_text("A Western diplomat told reporters the embassy would close.\n")
    assert label_of(art, "Western diplomat") == ANONYMOUS


def test_pronoun_takes_the_previous_source() -> None:
    art = Article.from_text(
        "Interior Minister Lena Ford said the border would stay open.\n\nShe said the decision was final.\n\n"
        "Two diplomats said talks had stalled. They said a new round was planned.\n"
    )
    assert source_of(art, "decision was final") == "Lena Ford" or "Ford" in source_of(art, "decision was final")
    assert label_of(art, "new round") == ANONYMOUS


def test_captions_credits_and_bylines_are_not_claims() -> None:
    art = Article.from_text(
        "Rescuers search the rubble in Antakya on Monday. (AP Photo/Jane Roe)\n\nBy Maria Lopez\n\nLopez writes for the Associated Press.\n"
    )
    assert label_of(art, "AP Photo") == NOT_A_CLAIM
    assert label_of(art, "By Maria Lopez") == NOT_A_CLAIM
    assert label_of(art, "writes for") == NOT_A_CLAIM


def test_unattributed_claim_reasons() -> None:
    art = Article.from_text(
        "Plant keeps its jobs.\n\nThe plant employs 3,000 people.\n\nIt is the largest plant in the region.\n\n"
        "Prices rose because the harvest failed.\n\nThe Danube Authority closed the lock.\n\n"
        "It was a cold and grey morning.\n"
    )
    reasons = {art.text[i.start : i.end]: (i.label, i.reason) for i in analyse(art).sentences}
    assert reasons["The plant employs 3,000 people."] == (UNATTRIBUTED, "quantity")
    assert reasons["It is the largest plant in the region."] == (UNATTRIBUTED, "superlative")
    assert reasons["Prices rose because the harvest failed."] == (UNATTRIBUTED, "cause or consequence")
    assert reasons["The Danube Authority closed the lock."] == (UNATTRIBUTED, "named actor")
    assert reasons["It was a cold and grey morning."][0] == NOT_A_CLAIM


# --- attribution context ----------------------------------------------------------------------------
def test_multi_sentence_quotation_takes_its_speaker() -> None:
    art = Article.from_text('"The water came at night. We lost everything. Nobody warned us," said Rosa Almeida, a farmer.\n')
    for fragment in ("water came", "lost everything", "Nobody warned"):
        assert label_of(art, fragment) == NAMED
        assert "Rosa Almeida" in source_of(art, fragment)


def test_quotation_continued_over_paragraphs_keeps_its_speaker() -> None:
    art = Article.from_text(
        "The coach was blunt.\n\n"
        "\u201cWe played badly for ninety minutes,\u201d he said. \u201cThe defence was asleep.\n\n"
        "\u201cThe fans deserved better than this, and I apologise to every one of them.\u201d\n"
    )
    assert label_of(art, "defence was asleep") != UNATTRIBUTED
    assert label_of(art, "fans deserved better") != UNATTRIBUTED
    assert not hits(OrphanQuote, art.text)


def test_paragraph_introduced_by_a_colon_is_the_speakers() -> None:
    art = Article.from_text("The minister said on Monday:\n\n\u201cNo family will be left without heating this winter.\u201d\n")
    assert label_of(art, "No family") == NAMED
    assert not hits(OrphanQuote, art.text)


def test_quotation_without_a_speaker_is_an_orphan() -> None:
    text = "The council met on Monday.\n\n\u201cWe will not raise taxes, whatever the budget says.\u201d\n"
    found = hits(OrphanQuote, text)
    assert len(found) == 1
    assert found[0].evidence["words"] >= 8
    # the orphan quotation is not also reported as an unattributed claim
    art = Article.from_text(text)
    assert not [h for h in UnattributedClaim(CTX).check(art) if "whatever" in art.text[h.start or 0 : h.end or 0]]


def test_scare_quotes_are_not_orphans() -> None:
    assert not hits(OrphanQuote, 'The so-called "temporary" levy has now lasted ten years.\n')


# --- findings ----------------------------------------------------------------------------------------
def test_anonymous_source_spans_and_evidence() -> None:
    text = "A senior official told reporters the talks had collapsed.\n"
    (hit,) = hits(AnonymousSource, text)
    assert hit.evidence["source"]["text"] == "A senior official"
    assert hit.evidence["cue"]["text"] == "told"
    assert hit.start == 0 and hit.end == text.index("told") + len("told")
    assert hit.severity is None  # the rule's own severity: warning
    assert AnonymousSource.severity is Severity.WARNING


def test_anonymous_source_with_a_stated_reason_is_info() -> None:
    text = (
        "Two officials, speaking on condition of anonymity because they were not authorized to discuss the talks, said a deal was close.\n"
    )
    (hit,) = hits(AnonymousSource, text)
    assert hit.severity is Severity.INFO
    assert "not authorized" in hit.evidence["reason"]["text"]


def test_reason_given_once_covers_later_mentions_of_the_same_source() -> None:
    text = (
        "Officials, who spoke on condition of anonymity because they were not authorized to speak publicly, "
        "said the plant would close.\n\nOfficials said 400 jobs would go.\n"
    )
    found = hits(AnonymousSource, text)
    assert len(found) == 2
    assert all(h.severity is Severity.INFO for h in found)


def test_vague_attribution_kinds_and_severity() -> None:
    found = hits(VagueAttribution, "Critics say the stadium will never pay for itself.\n")
    assert found and found[0].evidence["kind"] == "weasel source" and found[0].severity is None
    found = hits(VagueAttribution, "The minister has reportedly offered to resign.\n")
    assert found and found[0].evidence["kind"] == "hedge" and found[0].severity is Severity.INFO


def test_named_sources_raise_no_anonymous_or_vague_findings() -> None:
    text = "Health Minister Karl Berg said 12 hospitals would close. The World Health Organization said the decision was premature.\n"
    assert not hits(AnonymousSource, text)
    assert not hits(VagueAttribution, text)
    assert not hits(UnattributedClaim, text)


def test_unattributed_claim_is_info_and_gives_its_reason() -> None:
    (hit,) = hits(UnattributedClaim, "Unemployment rose to 9 percent in March.\n")
    assert UnattributedClaim.severity is Severity.INFO
    assert hit.evidence["reason"] == "quantity"
    assert hit.evidence["signal"]["text"].startswith("9")


# --- analyzer and report -----------------------------------------------------------------------------
def _report(text: str) -> FileReport:
    report = FileReport(tool=Tool(version="test"), file=FileInfo(path="x.txt"))
    apply_contribution(report, "attribution", AttributionAnalyzer(CTX).analyze(Article.from_text(text)))
    return report


def test_metrics_are_present_even_for_an_empty_article() -> None:
    report = _report("")
    for key in (
        "attribution.claim_sentences",
        "attribution.unattributed_share",
        "attribution.anonymous_share",
        "attribution.sources",
        "attribution.orphan_quotes",
    ):
        assert key in report.metrics
    assert report.details["attribution"]["sentences"] == []


def test_report_lists_every_sentence_and_the_source_inventory() -> None:
    text = (
        "Officials said the bridge would reopen in May. One official said repairs cost 2 million euros.\n\n"
        "Mayor Ida Holm said the delay was unacceptable. Holm said she would ask for an inquiry.\n\n"
        "The bridge carries 40,000 cars a day.\n"
    )
    report = _report(text)
    details = report.details["attribution"]
    assert [s["label"] for s in details["sentences"]] == [ANONYMOUS, ANONYMOUS, NAMED, NAMED, UNATTRIBUTED]
    first = details["sentences"][0]
    assert first["source"]["text"] == "Officials" and first["cue"]["text"] == "said"
    inventory = {s["name"]: s for s in details["sources"]}
    assert inventory["anonymous: officials"]["count"] == 2
    (holm,) = [s for s in details["sources"] if "Holm" in s["name"]]  # "Holm" is merged into "Mayor Ida Holm"
    assert holm["name"].endswith("Ida Holm") and holm["kind"] == "named"
    assert holm["count"] == 2 and holm["cues"] == ["said"]
    assert report.metrics["attribution.claim_sentences"] == 5
    assert report.metrics["attribution.unattributed_share"] == 0.2
    assert report.metrics["attribution.anonymous_share"] == 0.5
    json.dumps(report.model_dump(mode="json"))  # the whole report serialises


def test_analysis_is_computed_once_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    art = Article.from_text("Officials said the bridge would reopen. Critics say it is unsafe.\n")
    for cls in (UnattributedClaim, AnonymousSource, VagueAttribution, OrphanQuote):
        list(cls(CTX).check(art))
    AttributionAnalyzer(CTX).analyze(art)
    own = [fn for fn in art._memo if getattr(fn, "__module__", "") == "rules.attribution.analysis" and fn.__name__ == "analyse"]
    assert len(own) == 1


# --- the seed articles (done-when of the issue) --------------------------------------------------------
SEED_EXPECTATIONS = [
    ("001", "Diplomats say Israel", ANONYMOUS),
    ("001", "People involved in the evacuation said", ANONYMOUS),
    ("003", "at risk, officials said", ANONYMOUS),
    ("003", "speaking on condition of anonymity", ANONYMOUS),
    ("004", "at risk, officials said", ANONYMOUS),
    ("004", "speaking Wednesday on condition of anonymity", ANONYMOUS),
    ("000", "An Israeli source told", ANONYMOUS),
    ("002", "reportedly been frozen", VAGUE),
    ("000", "A Gallup survey published in The Guardian", NAMED),
]


@pytest.mark.parametrize(("seed", "fragment", "label"), SEED_EXPECTATIONS)
def test_seed_sentences(seeds: Path, seed: str, fragment: str, label: str) -> None:
    (path,) = seeds.glob(f"{seed}_*.txt")
    art = Article.from_text(path.read_text(encoding="utf-8"), str(path))
    assert label_of(art, fragment) == label


def test_every_seed_report_has_a_source_inventory(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        report = _report(path.read_text(encoding="utf-8"))
        sources = report.details["attribution"]["sources"]
        assert sources, path.name
        assert all({"name", "kind", "count", "cues"} <= set(s) for s in sources)


# --- PolNeAR (skipped without the corpora) --------------------------------------------------------------
def test_polnear_dev_sentence_attribution(corpora: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from attribution_polnear import evaluate, load, prf

    split = corpora / "polnear" / "dev"
    if not split.is_dir():
        pytest.skip("PolNeAR dev split not found")
    tp, fp, fn = evaluate(load(split))["provcheck"]
    p, r, f = prf(tp, fp, fn)
    assert p >= 0.90 and f >= 0.89, (p, r, f)


def test_tag_only_verbs_count_only_next_to_a_quotation() -> None:
    art = Article.from_text(
        "\u201cWe will keep the clinic open all winter,\u201d she continued.\n\nThe fighting continued for three days in the north.\n"
    )
    assert label_of(art, "clinic open") != UNATTRIBUTED
    assert not hits(OrphanQuote, art.text)
    assert label_of(art, "fighting continued") == UNATTRIBUTED


def test_an_action_after_agreed_to_is_no_anonymous_source_and_a_because_after_unnamed_is_a_reason() -> None:
    assert hits(AnonymousSource, "Lawmakers in Oslo agreed to sharply reduce the cod quota on Monday.\n") == []
    assert hits(AnonymousSource, "Officials agreed that the cod quota was too high.\n") != []
    mother_text = "One mother, who asked not to be named because her son attends the school, said the fence was broken.\n"
    (mother,) = hits(AnonymousSource, mother_text)
    assert mother.severity == Severity.INFO
    (plain,) = hits(AnonymousSource, "Two officials, who asked not to be named, said the fence was broken because of vandals.\n")
    assert plain.severity is None


def test_an_article_in_another_language_is_not_judged() -> None:
    german = (
        "Der Stadtrat von Weilheim hat am Dienstagabend mit großer Mehrheit ein neues Radwegenetz beschlossen. "
        "Bis 2030 sollen 24 Kilometer neue Radwege entstehen, die meisten davon entlang der Hauptverkehrsstraßen. "
        "„Das ist ein wichtiger Schritt“, sagte die Bürgermeisterin nach der Sitzung.\n"
    )
    art = Article.from_text(german)
    assert {label_of(art, "Stadtrat")} == {NOT_A_CLAIM}
    assert hits(UnattributedClaim, german) == [] and hits(OrphanQuote, german) == []


def test_a_leading_time_or_dateline_is_not_the_source() -> None:
    for text in ("On Monday, several food court tenants said they had notice.\n", "Yesterday, several tenants said they had notice.\n"):
        assert source_of(Article.from_text(text), "tenants said") == "vague: tenants"
    dateline = "NAIROBI, Kenya (AP) — Parliament on Tuesday approved a plan to borrow $1.5 billion, officials said.\n"
    assert source_of(Article.from_text(dateline), "officials said") == "anonymous: officials"


def test_credit_sign_off_and_caption_lines_are_not_claims() -> None:
    text = (
        "The council voted on Tuesday to close 3 branch libraries, the mayor said.\n\n"
        "Associated Press writer Abdi Hassan in Nairobi contributed to this report.\n\n"
        "Copyright 2026, Lakeside Tribune Media.\n"
    )
    art = Article.from_text(text)
    assert label_of(art, "contributed to this report") == NOT_A_CLAIM
    assert label_of(art, "Copyright 2026") == NOT_A_CLAIM
    assert hits(UnattributedClaim, text) == []


QA = (
    "Ana Ruiz runs a bakery in Ludlow.\n\n"
    "Q: How did this start?\n\n"
    "A: My grandmother made a potato bread. Nobody had written it down.\n\n"
    "Q: Where do you find the recipes?\n\n"
    "A: Old parish magazines. The oldest recipe needs 40 eggs.\n"
)


def test_interview_answers_are_the_interviewees_and_questions_are_not_claims() -> None:
    art = Article.from_text(QA)
    assert label_of(art, "How did this start") == NOT_A_CLAIM
    assert label_of(art, "Where do you find") == NOT_A_CLAIM
    for fragment in ("My grandmother", "Nobody had written", "Old parish magazines", "40 eggs"):
        assert label_of(art, fragment) == NAMED, fragment
        assert source_of(art, fragment) == "interviewee"
    names = [entry["name"] for entry in AttributionAnalyzer(CTX).analyze(art).details["sources"]]
    assert "interviewee" in names
    assert not {"q", "a", "Q", "A"} & set(names)  # the turn labels are no sources


def test_a_lone_answer_label_is_no_transcript() -> None:
    # without any "Q:" turn, "A:" is not an interview's answer: the sentence is judged as usual
    art = Article.from_text("The council met on Monday.\n\nA: The new budget funds 40 posts.\n")
    assert label_of(art, "funds 40 posts") == UNATTRIBUTED


def test_clock_times_and_time_zones_are_no_claims() -> None:
    art = Article.from_text(
        "22:00 \u2014 Polls have closed. All times are GMT.\n\nThe count ended at 3.15am.\n\nTurnout was 38.2% on the night.\n"
    )
    assert label_of(art, "Polls have closed") == NOT_A_CLAIM
    assert label_of(art, "All times are GMT") == NOT_A_CLAIM
    assert label_of(art, "The count ended") == NOT_A_CLAIM
    assert label_of(art, "Turnout was") == UNATTRIBUTED  # a percentage is still a quantity


def test_a_sign_that_reads_a_quotation_is_its_source() -> None:
    text = 'A sign at the gate reads: "No entry after dark. Visitors must report to the office."\n'
    art = Article.from_text(text)
    assert not shared_analysis(art).orphans
    assert source_of(art, "No entry after dark") == "sign"
    # "reads" outside a quotation's tag reports no speech
    art = Article.from_text("She reads the local paper every morning before the 40-minute drive.\n")
    assert label_of(art, "reads the local paper") == UNATTRIBUTED
    # nor after a quotation that ends the sentence before
    art = Article.from_text('The column asks "Why do people hate AI?" Readers can read all 240 answers here.\n')
    assert label_of(art, "Readers can read") == UNATTRIBUTED


def test_named_actor_evidence_is_the_whole_name() -> None:
    hit = next(iter(hits(UnattributedClaim, "The Scottish Government's new scheme paid farmers to plant trees.\n")))
    assert hit.evidence["signal"]["text"] == "Scottish Government"
    hit = next(iter(hits(UnattributedClaim, "Later that week Callum Ross fed the dogs in the yard.\n")))
    assert hit.evidence["signal"]["text"] == "Callum Ross"


HEARING = (
    "The committee heard the transit chief on Tuesday.\n\n"
    "OKONKWO: Mr. Reyes, on-time performance was 71 percent in October. What happened?\n\n"
    "REYES: The signal system is the main cause. We had 63 failures in October alone, and we expect to finish the new system in 2027.\n\n"
    "UPDATE: This story was corrected on Wednesday to fix the number of failures.\n"
)


def test_a_hearing_transcripts_turns_are_their_speakers() -> None:
    art = Article.from_text(HEARING)
    assert source_of(art, "71 percent") == "Okonkwo"
    assert source_of(art, "63 failures") == "Reyes"  # every sentence of the turn, its "we" included
    assert label_of(art, "63 failures") == NAMED
    names = {entry["name"] for entry in AttributionAnalyzer(CTX).analyze(art).details["sources"]}
    assert {"Okonkwo", "Reyes"} <= names
    assert not {"Update", "we", "unresolved: we"} & names  # a label is no speaker; "we" is the speaker
    # one paragraph that opens with a name and a colon is no transcript: its other sentences are judged alone
    art = Article.from_text("The committee met on Tuesday.\n\nREYES: We will fix it. The line had 63 failures in October.\n")
    assert label_of(art, "63 failures") == UNATTRIBUTED


@pytest.mark.parametrize(
    "text",
    [
        "Neighbours called the police about loud music. Officers asked the residents to turn it down.\n",
        "Officials urged drivers to stay home until the roads are cleared.\n",
        "Before we cheer later start times, someone should ask the bus drivers about the new routes.\n",
    ],
)
def test_a_request_or_what_ought_to_be_said_is_no_anonymous_or_vague_source(text: str) -> None:
    assert hits(AnonymousSource, text) == [] and hits(VagueAttribution, text) == []


def test_speech_after_an_object_is_still_sourced() -> None:
    # "told reporters the plan ... would pass": what was said, not a request
    assert len(hits(AnonymousSource, "Officials told reporters the plan to cut taxes would pass.\n")) == 1
    assert len(hits(VagueAttribution, "Some might argue that the plan is too costly for the town.\n")) == 1


@pytest.mark.parametrize(
    ("text", "fragment", "source"),
    [
        ("The court heard that the director had moved 40,000 pounds into his own account.\n", "40,000", "court (hearing)"),
        ("Jurors were told that the van was seen twice near the depot.\n", "van was seen", "jurors (hearing)"),
        ("The state will spend 1,200 crore on rural roads, as per the statement tabled in the House.\n", "1,200", "statement"),
        ("About 866 of the participants developed dementia, the paper reports.\n", "866", "paper"),
        ("The minister has underlined that the budget will rise by 12 percent.\n", "12 percent", "minister"),
    ],
)
def test_court_reporting_as_per_and_closing_tags_are_sources(text: str, fragment: str, source: str) -> None:
    art = Article.from_text(text)
    assert label_of(art, fragment) == NAMED
    assert source_of(art, fragment) == source
    assert hits(VagueAttribution, text) == []  # "were told" by the court is no agentless passive


def test_hearing_and_telling_outside_a_hearing_are_judged_as_usual() -> None:
    assert label_of(Article.from_text("Residents heard 45 gunshots near the station at night.\n"), "gunshots") == UNATTRIBUTED
    assert len(hits(VagueAttribution, "Residents were told the water was safe to drink.\n")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "3. Squeeze the garlic out of its skins into a large pot.\n",
        "- Serve topped with pumpkin seeds and a few drops of chilli oil.\n",
        "7:05 p.m. ET - This live blog is now closed for the night.\n",
    ],
)
def test_list_items_and_time_stamps_do_not_start_a_named_actor(text: str) -> None:
    assert hits(UnattributedClaim, text) == []


def test_a_rank_abbreviation_is_part_of_the_named_actor() -> None:
    hit = next(iter(hits(UnattributedClaim, "The story also misidentified Capt. Luis Ortega as the jail's administrator.\n")))
    assert hit.evidence["signal"]["text"] == "Capt. Luis Ortega"


@pytest.mark.parametrize(
    "text",
    [
        "The villages added to the city limits last year have 40,000 residents.\n",
        "The council added 240 homes to the plan before the vote.\n",
        "The bakery sells a bread called a Shropshire cob made with 200 grams of potato.\n",
        "They formed a new group called Friends of the Park with 40 members.\n",
    ],
)
def test_adding_something_and_naming_something_are_not_speech(text: str) -> None:
    assert [info.label for info in shared_analysis(Article.from_text(text)).sentences] == [UNATTRIBUTED]


@pytest.mark.parametrize(
    "text",
    [
        "The union called the offer an insult to 4,000 workers.\n",
        "He added that 40 jobs would go by March.\n",
        "Prices will rise by 4 percent this winter, she added.\n",
    ],
)
def test_a_speaker_who_calls_or_adds_is_a_source(text: str) -> None:
    assert [info.label for info in shared_analysis(Article.from_text(text)).sentences] == [NAMED]


def test_an_unnamed_group_keeps_its_anonymity_when_it_is_referred_to_again() -> None:
    art = Article.from_text(
        "Three people familiar with the review said the agency would sue.\n\n"
        "Staff have recommended that the agency challenge the deal, the people said. "
        "The vote could still change, two of them said.\n\n"
        "One of the people familiar with the review said staff had focused on cardiac care.\n"
    )
    for fragment in ("Staff have recommended", "The vote could", "focused on cardiac"):
        assert label_of(art, fragment) == ANONYMOUS, fragment
        assert source_of(art, fragment) == "anonymous: people"
    # a closing tag sources its sentence even after another reporting verb
    text = "The agency has recommended a challenge to the merger, one U.S. official said.\n"
    assert len(hits(AnonymousSource, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers have not said when they would take up the reauthorization of the program.\n",
        "Lawmakers also asked whether the deals required the recipients to create 10 jobs.\n",
        "But administration officials have effectively ruled that out for this year.\n",
        "One Republican threatened to make the official testify in a public hearing.\n",
    ],
)
def test_reporting_verbs_that_pass_on_no_claim_are_no_anonymous_source(text: str) -> None:
    assert hits(AnonymousSource, text) == []


def test_a_weasel_who_wonders_still_insinuates() -> None:
    assert len(hits(VagueAttribution, "Some wonder whether the mayor knew about the 40 missing files.\n")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A ruling is unlikely before the end of the year, and possibly not until after the election.\n",
        "The council should not have closed the pool in the first place.\n",
        "Music of the '80s filled the hall as the doors opened.\n",
        "Shops and banks close on Labor Day in the town.\n",
        "The shop plays Christmas music in every aisle of the store.\n",
        "Over Easter the shop stays open late in every town it serves.\n",
        # a quoted name, title or term is no actor
        'The game\'s "Rapid Mode" lets players race each other through the level.\n',
    ],
)
def test_forecasts_fixed_phrases_decades_and_holidays_are_no_claims(text: str) -> None:
    assert hits(UnattributedClaim, text) == []


def test_a_name_after_a_holiday_or_a_quoted_title_is_still_an_actor() -> None:
    assert len(hits(UnattributedClaim, "Over Easter the Ortiz family cancelled the festival in the town.\n")) == 1
    assert len(hits(UnattributedClaim, 'After "Rapid Mode" failed, Mayor Ortiz cancelled the festival in the town.\n')) == 1


def test_a_ranking_first_is_still_a_claim() -> None:
    [hit] = hits(UnattributedClaim, "It was the first time since 1990 that the river froze over.\n")
    assert hit.evidence["reason"] == "superlative"


def test_a_comparison_and_an_apposition_that_names_are_no_sourcing() -> None:
    assert hits(VagueAttribution, "Sales rose 4 percent in the quarter, more than analysts expected.\n") == []
    assert len(hits(VagueAttribution, "Analysts expected sales to rise 4 percent in the quarter.\n")) == 1
    text = "The program, called EB-5, lets investors gain residency by investing $500,000.\n"
    assert label_of(Article.from_text(text), "EB-5") == UNATTRIBUTED
    # "called" after a speaker's apposition is the speaker's verb
    text = "His former partner, Lawrence Cummings, called him a master at closing 40 deals a year.\n"
    assert label_of(Article.from_text(text), "Cummings") == NAMED


def test_analysts_at_a_named_firm_and_a_named_study_are_named_sources() -> None:
    assert hits(VagueAttribution, "Analysts at Carnegie said the bank would cut 400 jobs this year.\n") == []
    art = Article.from_text("A 2024 study in the journal Gut compared two drugs in 900 patients and found no difference.\n")
    assert label_of(art, "900 patients") == NAMED
    assert len(hits(AnonymousSource, "Officials at the Pentagon said 40 troops would go.\n")) == 1  # officials stay unnamed


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("If you go: The harvest usually runs from March to May.\n", NOT_A_CLAIM),
        ("Editor's note: An earlier version of this story misstated 3 figures.\n", NOT_A_CLAIM),
        ("Traffic on the N59 was diverted near the bridge.\n", NOT_A_CLAIM),
        ("The bakery opens at nine in the morning on weekdays.\n", NOT_A_CLAIM),
        ("Sugar sold at P2,500 per bag in the provinces.\n", UNATTRIBUTED),
        ("The man, 44, admitted the theft, the District Court in Brisbane heard on Thursday.\n", NAMED),
    ],
)
def test_labels_notes_road_numbers_times_of_day_and_court_hearings(text: str, label: str) -> None:
    assert [info.label for info in shared_analysis(Article.from_text(text)).sentences] == [label]


@pytest.mark.parametrize(
    "text",
    [
        "Bees can teach a trick to their nestmates, researchers reported on Wednesday.\n\n"
        "In the study, a team at Queen Mary University of London trained 40 bees.\n",
        "Experts, including two gastroenterologists, said the tests were weak.\n\n"
        "Dr. Purna Kashyap, a gastroenterologist at the clinic, said results varied.\n",
        "Economists say prices will rise.\n\nAna Silva, an economist at the central bank, said prices rose 4 percent.\n",
        # the next sentences let named members of the group speak
        "Some analysts said the merger would raise fares. Fares rose 9 percent at the last merger, "
        "Tomas Varga of the Harbour Institute said.\n",
    ],
)
def test_a_group_the_next_sentences_identify_is_no_weasel(text: str) -> None:
    assert hits(VagueAttribution, text) == []


def test_a_group_nobody_identifies_stays_a_weasel() -> None:
    text = "Plan divides the town\n\nCritics say the plan will fail.\n\nMayor Ana Ruiz disagreed on Monday.\n"
    assert len(hits(VagueAttribution, text)) == 1


def test_a_group_whose_next_speaker_opposes_it_stays_a_weasel() -> None:
    text = "Some analysts said the merger would raise fares. But Tomas Varga of the Harbour Institute said fares fell.\n"
    assert len(hits(VagueAttribution, text)) == 1
    headline = "Stadium doubts\n\nCritics say the new stadium will never pay for itself.\n\nThe club sold 4,000 tickets.\n"
    assert len(hits(VagueAttribution, headline)) == 1  # a headline is no named speaker


def test_a_coordinated_source_with_people_familiar_or_involved_is_anonymous() -> None:
    text = "The campaign spent $4 million on ads, according to ad-tracking data and two people involved in its planning.\n"
    assert len(hits(AnonymousSource, text)) == 1 and hits(VagueAttribution, text) == []
    assert len(hits(VagueAttribution, "Experts and some lawmakers say the plan will fail.\n")) == 1


ROUNDUP = (
    "What the papers say about the budget\n\n"
    "Commentators were divided on the chancellor's plans on Thursday.\n\n"
    'Ines Morel, The Harbour Ledger: "This budget will be remembered as the moment growth was abandoned. '
    'It offers nothing to young families."\n\n'
    'Karl Dunst (Valley Herald): "A cautious plan for cautious times. Nobody should expect miracles."\n\n'
    'RUTH ABARA, Economics Editor: "The numbers do not add up. The deficit will be higher next year."\n'
)


def test_roundup_quotations_are_named_attributions_to_the_person_before_the_colon() -> None:
    art = Article.from_text(ROUNDUP)
    assert hits(OrphanQuote, ROUNDUP) == []
    for fragment, who in (
        ("growth was abandoned", "Ines Morel"),
        ("nothing to young families", "Ines Morel"),
        ("cautious times", "Karl Dunst"),
        ("expect miracles", "Karl Dunst"),
        ("do not add up", "RUTH ABARA"),
        ("higher next year", "RUTH ABARA"),
    ):
        assert label_of(art, fragment) == NAMED
        assert source_of(art, fragment) == who


@pytest.mark.parametrize(
    "text",
    [
        'Reactions were mixed.\n\nOur verdict, in brief: "A triumph of hope over arithmetic, and a costly one at that."\n',
        'Reactions were mixed.\n\nParis, France: "We will not raise taxes this year, whatever happens in the budget."\n',
        "Reactions were mixed, and one line stood out: "
        '"A triumph of hope over arithmetic, and a costly one. Nobody will thank them for it."\n',
    ],
)
def test_a_label_that_is_no_person_is_no_roundup(text: str) -> None:
    assert len(hits(OrphanQuote, text)) == 1


# --- AT004: who speaks a quotation, and what is no speech (#19) ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # the speaker in the same sentence, with a verb that is no reporting verb
        'The hall went quiet. Rivera interjected, "Nobody in this room voted for the closure of the clinic."\n',
        'The timing does not surprise pollster Dana Whitfield: "Late deciders always break for the challenger in the end."\n',
        '"We will keep every branch open until the end of the year, whatever the budget says," added a council member.\n',
        # the next sentence of the paragraph names the speaker
        'The meeting ended late. "We will keep every branch open until the end of the year." That is what Mayor Ana Ruiz told us.\n',
        '"We will keep every branch open until the end of the year, whatever it costs." She laughs.\n',
        # a short beat before it
        'Mayor Ana Ruiz took the stage at noon.\n\nShe laughs. "Nobody expected the library to survive the budget, least of all me."\n',
        # a dash tag
        '"Nobody expected the library to survive the budget, least of all the people who use it." \u2014 Jo Rivera, a nurse in Ohio\n',
        # "As X put it," and an introducing colon or dash after the sentence's subject
        'As the historian Mara Lind, who has studied the town for years, once put it, "The mill made the town and broke it."\n',
        'Mayor Ana Ruiz spoke last. She went on: "Nobody in this room voted for the closure of the clinic."\n',
        'Whitcombe also defended the closures -- "We cannot run nine branches on the money for six, whatever we wish."\n\n'
        "The vote on the plan is in May, Whitcombe said.\n",
        # the sentence's subject, after an opening phrase, goes on to the quotation
        'Harlow spoke first.\n\nIn a long letter to the board, Harlow calls the plan "a disaster for the town and all who live in it".\n',
        # an inverted tag that introduces the quotation
        'Stone spoke on the radio.\n\nContinued Stone:\n\n"I think the stakes are so high that they would do anything to stay in power."\n',
        'Stone spoke on the radio.\n\nAdded the senator: "I think the stakes are so high that they would do anything to stay."\n',
        # the paragraph's speaker goes on
        '"The clinic stays," said Dr. Lena Park. The board had voted twice. "It will be open every day of the week, all year."\n',
        # a speaker with a verb the lexicon does not know, an unnamed speaker, a verb with its addressee
        'A shopper gushed, "This kettle has changed the way our whole family starts every single morning."\n',
        'On the redesign, stylist Omar Feld shared with Vogue, "We wanted the coat to feel lived in from the first day."\n',
        'The Collins dictionary defines it as "a strong feeling of annoyance or hostility toward someone or something."\n',
        # an introducing line with a verb the lexicon does not know
        'Mayor Ruiz gave a speech.\n\nHolt, a builder, spoke next. Holt stubbornly insisted on one point:\n\n'
        '"The trial was run properly and the figures were honest, whatever the critics say."\n',
        # a transcript speaker label opening the quotation
        'The interview went as follows.\n\n"HOST: Let us turn to the budget and what it means for the schools in the county.\n',
        # a dash tag with a horizontal bar
        '"The bus has been late every morning since the new timetable started in March." \u2015 Pia Lund\n',
    ],
)
def test_a_quotation_whose_speaker_is_given_nearby_is_no_orphan(text: str) -> None:
    assert hits(OrphanQuote, text) == []


@pytest.mark.parametrize(
    "text",
    [
        'The band closed with "The Long Road Back to the Valley" at midnight.\n',
        'The festival screened the film "we were never here and nobody saw us go" on Friday night.\n',
        'Protesters carried signs reading "no more cuts to the clinics, not now and not ever" through the square.\n',
        'The sermon ended with "For God so loved the world, that he gave his only begotten Son" (John 3:16).\n',
        '\u2014"Posthumous books could come with a lot of dollar signs," by Ted Morrow, The Valley Herald.\n',
        # an inch mark, an example prompt, a quoted crosshead
        'The forward is 6\'3" and weighs 210 pounds, and he led the team in rebounds last season with ease.\n',
        'Try a prompt such as "Write a short poem about the sea in the style of a sailor from the north."\n',
        'The council met.\n\n"We will not give up"\n\nEd Vance, the union leader, said the strike would go on.\n',
        # the wording of a document the sentence names
        'The treaty requires each side "to reduce its stockpile by half within five years of the signing date."\n',
        'The charity drew on this finding: "Two in five families in the county skipped a meal at least once a week."\n',
    ],
)
def test_titles_slogans_signs_and_cited_texts_are_no_speech(text: str) -> None:
    assert hits(OrphanQuote, text) == []


@pytest.mark.parametrize(
    "text",
    [
        'The council met on Monday.\n\n"We will not raise taxes this year, whatever happens in the budget."\n',
        # a beat that sets no speaker (no person as its subject) gives none
        'The vote was close.\n\n"Nobody expected the library to survive the budget, least of all me."\n',
        # the next sentence is another paragraph: no speaker
        'The council met.\n\n"Nobody expected the library to survive the budget, least of all me."\n\n'
        "Mayor Ana Ruiz said the vote was close.\n",
        # a number before a quotation is no inch mark when the quotation opens after a space
        'The council met on Monday and voted 7 "because nobody in this town ever listens to the people who live here."\n',
        # an unnamed subject whose verb does not introduce the quotation (no comma or colon)
        'The clerk met the board.\n\n"Nobody expected the library to survive the budget, least of all the clerk."\n',
    ],
)
def test_a_quotation_nobody_speaks_nearby_stays_an_orphan(text: str) -> None:
    assert len(hits(OrphanQuote, text)) == 1


# --- AT002 / AT003: sourcing that is named, identified nearby, or no sourcing at all (#19) ---------
@pytest.mark.parametrize(
    "text",
    [
        # a hedge in a sentence that names its source
        "Reportedly, the mayor will resign in May, according to Governor Jane Roe.\n",
        "Critics say the stadium will never pay for itself, said historian Tomas Varga.\n",
        # not attribution at all
        "Two hikers were reported missing on Sunday near the ridge.\n",
        "The payments were reported as income on the couple's return.\n",
        "The vote is expected to take place on Monday afternoon.\n",
        # turns of phrase with "said" or "thought"
        "That being said, the ferry still leaves at noon every day of the week.\n",
        "There is something to be said for a ferry that leaves at noon every day.\n",
        "The ferry can be thought of as a floating bridge between the two towns.\n",
        # a forecast is no claim passed on
        "The senator is expected to win the primary easily.\n",
        "The mayor wants the new plan to make his supporters feel that the bridge is theirs.\n",
        "Anyone expecting a quick fix from the new council will be disappointed by the budget.\n",
        "Many experts doubted the figures in March.\n\nThe council met in June.\n\nThose experts said the count was right after all.\n",
        # the group is identified within two paragraphs, before or after
        "Ana Silva, an economist at the central bank, spoke at the forum.\n\nPrices rose 4 percent in May.\n\n"
        "Economists say prices will keep rising.\n",
    ],
)
def test_no_vague_attribution_where_the_source_is_named_identified_or_absent(text: str) -> None:
    assert hits(VagueAttribution, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Critics say the stadium will never pay for itself.\n",
        "It is widely believed that the senator took the money.\n",
        "Prices up again\n\nEconomists say prices will keep rising.\n\nPrices rose 4 percent in May.\n",
    ],
)
def test_vague_attribution_still_fires(text: str) -> None:
    assert len(hits(VagueAttribution, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # the role noun is named within two paragraphs
        "A senior adviser said the governor would not run again.\n\nThe campaign had raised $2 million.\n\n"
        "The adviser, Jo Whitcombe, has worked for the governor since 2019.\n",
        "Marta Quiles, a senior adviser to the governor, joined the campaign in 2019.\n\n"
        "A senior adviser said the governor would not run again.\n",
        # no statement passed on
        "A senior adviser later retweeted the governor's post about the bridge.\n",
    ],
)
def test_no_anonymous_source_where_the_person_is_named_nearby_or_nothing_is_reported(text: str) -> None:
    assert hits(AnonymousSource, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Governor to step down\n\nA senior adviser said the governor would not run again.\n\nThe campaign had raised $2 million.\n",
        "A senior adviser retweeted that the governor would not run again.\n",
        # a named person three paragraphs away does not identify the adviser
        "Jo Whitcombe, a senior adviser, joined in 2019.\n\nThe race began.\n\nPolls opened.\n\nTurnout was high.\n\n"
        "A senior adviser said the governor would not run again.\n",
    ],
)
def test_anonymous_source_still_fires(text: str) -> None:
    assert len(hits(AnonymousSource, text)) == 1


CONTRADICTION_TEXTS = [
    ROUNDUP,
    'Columnist Mara Lind sums up the senator as "a man of two minds": "As a candidate, he goes where the crowd is. '
    'He always has, and nobody in his party expects that to change before the vote in May."\n',
    "Reportedly, the mayor will resign in May, according to Governor Jane Roe.\n\nCritics say the plan will fail.\n",
    "Critics say the stadium will never pay for itself, said historian Tomas Varga.\n",
    "Officials said the bridge would close, Mayor Ana Ruiz told reporters on Monday.\n",
    'The hall went quiet. Rivera interjected, "Nobody in this room voted for the closure of the clinic."\n',
    "The minister has reportedly offered to resign twice this year.\n",
]


@pytest.mark.parametrize("text", CONTRADICTION_TEXTS)
def test_no_finding_on_a_sentence_labelled_attributed_named(text: str) -> None:
    art = Article.from_text(text)
    named = [(s.start, s.end) for s in shared_analysis(art).sentences if s.label == NAMED]
    for rule in (UnattributedClaim, AnonymousSource, VagueAttribution, OrphanQuote):
        for hit in rule(CTX).check(art):
            assert not any(a <= (hit.start or 0) < b for a, b in named), (rule.id, hit.message)


# --- AT001: what is no checkable claim (#19) ---------------------------------------------------------
BODY = "\n\nThe council voted 7-2 on Monday to close the library, the clerk said after the meeting ended.\n"


@pytest.mark.parametrize(
    "text",
    [
        # a short single-line first paragraph is a headline, whatever its punctuation
        "Council shuts the old library after 112 years." + BODY,
        # instructions and recipes
        "Preheat the oven to 200C and bake the loaf for 40 minutes.\n",
        "Call the county office at 555-0100 to book one of the 20 places.\n",
        # shopping and product blurbs
        "The kettle holds 1.7 litres and is available at Harlow's for $39.\n",
        "Use the promo code SPRING for 20% off the first three boxes.\n",
        # a list item with no verb
        "Deregulating the telecom industry and three major bank bills.\n",
        # a forecast, a plan, a condition
        "It\u2019s likely the council will close 2 libraries in May.\n",
        "The new depot will cost $4 million and open in 2028.\n",
        "If the levy fails, the county is going to lay off 40 workers.\n",
        # a capital that only opens the sentence; a demonym
        "Seriously, the plan went nowhere at the council meeting.\n",
        "American voters were divided over the second plan.\n",
        # opinion, letters, reviews, recipes as a genre
        "Letters to the editor\n\nThe council closed 3 libraries last year and nobody asked the readers.\n",
        "OPINION\n\nThe mayor cut 240 jobs in March and closed the second depot.\n",
        "Lemon bars\n\nIngredients:\n\n2 cups flour\n\nThe bars keep for 5 days in a tin.\n",
    ],
)
def test_no_unattributed_claim_in_headlines_instructions_blurbs_fragments_or_opinion(text: str) -> None:
    assert hits(UnattributedClaim, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a long first paragraph, or a lone paragraph, is no headline
        "The council shut the old library on Monday after 112 years, and moved its 40,000 books to the school." + BODY,
        "The factory laid off 240 workers in March and closed its second plant.\n",
        # "Order" followed by an auxiliary is no instruction
        "Order was restored after 300 police officers arrived in the square.\n",
        # a gerund subject with a verb is a sentence
        "Rising prices pushed 2 million families into debt last year.\n",
        "Harlow's sold 4,000 kettles in March, twice as many as a year earlier.\n",
        "French officials closed the border crossing at Menton on Friday.\n",
    ],
)
def test_unattributed_claims_still_found(text: str) -> None:
    assert len(hits(UnattributedClaim, text)) >= 1


# --- the attribution score (#19) ---------------------------------------------------------------------
def attribution_score_of(text: str) -> int | None:
    value = AttributionAnalyzer(CTX).analyze(Article.from_text(text)).metrics["attribution.family_score"]
    assert value is None or isinstance(value, int)
    return value


NAMED_PARA = "Mayor Ana Ruiz said the council would close two libraries in May.\n\n"
VAGUE_PARA = "Critics say the closures will hurt 4,000 readers.\n\n"
BARE_PARA = "The council cut 12 jobs and sold the old depot for $2 million.\n\n"


def test_attribution_score_is_a_share_not_a_count() -> None:
    well = attribution_score_of("Libraries to close\n\n" + NAMED_PARA * 6 + BARE_PARA)
    poor = attribution_score_of("Libraries to close\n\n" + VAGUE_PARA * 4 + BARE_PARA * 3)
    assert well is not None and poor is not None and well > poor
    # the same mix of sourcing at four times the length scores about the same
    longer = attribution_score_of("Libraries to close\n\n" + (NAMED_PARA * 6 + BARE_PARA) * 4)
    assert longer is not None and abs(longer - well) <= 8
    # more findings of the same kind do not sink a long, mostly well-sourced article
    mixed = attribution_score_of("Libraries to close\n\n" + (NAMED_PARA * 5 + VAGUE_PARA) * 5)
    assert mixed is not None and mixed > poor


def test_an_article_in_another_language_gets_no_attribution_score(tmp_path: Path) -> None:
    german = (
        "Der Stadtrat hat am Montag beschlossen, zwei Bibliotheken zu schließen. Die Entscheidung fiel mit sieben "
        "zu zwei Stimmen. Viele Bürger sind darüber enttäuscht und wollen nun protestieren, sagte die Sprecherin.\n"
    )
    assert attribution_score_of(german) is None
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "de.txt").write_text(german, encoding="utf-8")
    from checker.cli import main

    out = tmp_path / "out"
    args = ["check", str(folder), "--reports-dir", str(out), "--jobs", "1", "-q", "--today", "2026-11-22", "--fail-on", "never"]
    assert main([*args, "--min-score", "attribution=90"]) == 0  # a family not checked is under no floor
    report = json.loads((out / "de.txt.json").read_text(encoding="utf-8"))
    assert report["scores"]["attribution"] is None
    assert report["metrics"]["attribution.family_score"] is None
    assert "| not checked |" in (out / "de.txt.md").read_text(encoding="utf-8")


# --- genre and voice: AT001 (#19) -------------------------------------------------------------------
REVIEW = (
    "I have owned this kettle for three months.\n\n"
    "It boils 1.7 litres in under four minutes, the fastest I have tried.\n\n"
    "My mornings are quieter since I bought it.\n\nYou will pay about $60 for it.\n\n"
    "We never had to descale it.\n\nThe base holds 40 centimetres of cord and the lid opens with one finger.\n"
)
LISTING = (
    "Gifts for the garden\n\n"
    "The four-pack of solar lamps charges in six hours. Grab it from the maker's shop for $24.\n\n"
    "The cedar planter holds 40 litres of soil. It is on sale for $79, down from $99.\n\n"
    "The hose reel winds 30 metres of hose. Get one from most garden centres for $45.\n\n"
    "The bird feeder hangs from a 2-metre chain and seats six birds.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "You can pick up the four-pack for $24 at most garden centres.\n",  # the reader addressed
        "If you need a bigger one, your local shop stocks the 3-litre model.\n",
        "Get the set from the maker's shop for $49.99, in three colours.\n",  # a sale at a price
        "The planter is available at most garden centres for $79.\n",
        REVIEW,  # the writer's voice: its third-person sentences are views and advice too
        LISTING,  # a shopping listing
    ],
)
def test_advice_sales_copy_and_the_writers_voice_are_no_claims(text: str) -> None:
    assert hits(UnattributedClaim, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The four-pack of lamps cost the council $24,000 last year.\n",  # a price that is a fact, not a sale
        "The council sold the depot for $2 million in May, and the buyer paid the fee.\n",
        # one "we" in a report does not make it an essay
        "Fire crews pumped 40,000 litres from the tunnel on Monday.\n\nThe tunnel reopened at noon.\n\n"
        "We drove through it an hour later.\n\nThe repairs cost $3 million, twice the first estimate.\n",
    ],
)
def test_facts_with_prices_and_a_reporters_aside_are_still_claims(text: str) -> None:
    assert len(hits(UnattributedClaim, text)) >= 1


def test_a_text_in_the_writers_voice_gets_no_attribution_score_and_no_claims(tmp_path: Path) -> None:
    art = Article.from_text(REVIEW)
    result = shared_analysis(art)
    assert result.genre and result.count(UNATTRIBUTED) == 0
    assert label_of(art, "The base holds") == NOT_A_CLAIM
    assert attribution_score_of(REVIEW) is None
    assert attribution_score_of("Libraries to close\n\n" + NAMED_PARA * 2 + BARE_PARA) is not None
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "review.txt").write_text(REVIEW, encoding="utf-8")
    from checker.cli import main

    out = tmp_path / "out"
    args = ["check", str(folder), "--reports-dir", str(out), "--jobs", "1", "-q", "--today", "2026-11-22", "--fail-on", "never"]
    assert main(args) == 0
    report = json.loads((out / "review.txt.json").read_text(encoding="utf-8"))
    assert report["scores"]["attribution"] is None
    assert not [f for f in report["findings"] if f["rule"] == "AT001"]


# --- AT003: no attribution, or a named owner (#19) ---------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The bridge was blocked by people protesting the new toll on Sunday.\n",  # an agent
        "The players were followed by some selected guests from the city.\n",
        "The survey asks how people think the economy is doing.\n",  # an indirect question
        "The gap between how the town is doing and how people think it is doing is shrinking.\n",
        "I am not sure how many of us predicted the fall of the council.\n",
        "There is something to be said about the old ferry's timetable.\n",  # an idiom
        "You can make the meeting shorter by encouraging everyone to come with one question.\n",
        "Anyone who accuses the council of waste has not read the budget.\n",  # a group described by what it does
        # a hedge in a sentence that gives its source
        "The repairs have exceeded expectations by some measures, one harbour official said.\n",
        "The pills slow digestion so that people feel full for longer.\n",  # a result
        "It is in quiet moments that someone can feel free to talk.\n",  # an ability
        "Few commuters would have guessed how long the repairs took.\n",  # a counterfactual
        '"Why does the ferry cost more than the bus?" some ask.\n',  # a question put
        "Fares rose 9 percent last year, a Harbour Institute analysis of ticket records shows.\n",  # a named owner
        "The Harbour Board issued a statement calling the closure temporary.\n",
        "Jo Roe went on to discuss recent polls, including ones showing the mayor ahead.\n",
    ],
)
def test_groups_that_pass_on_nothing_and_owned_documents_are_not_vague(text: str) -> None:
    assert hits(VagueAttribution, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "By some estimates, the flood cost the valley $40 million.\n",  # "by" that opens a hedge
        "Some wonder whether the mayor knew about the 40 missing files.\n",  # no question put: insinuation
        "Some might argue that the plan is too costly for the town.\n",
        "The ferry is, some say, the slowest in the country.\n",  # a hedge beside a verb that cites no one
        "Critics say the new stadium will never pay for itself.\n",
        "The mayor leads in every district, recent polls show.\n",  # a document nobody owns
    ],
)
def test_weasels_near_those_forms_are_still_vague(text: str) -> None:
    assert len(hits(VagueAttribution, text)) == 1


# a weasel document ("a report", "reports") whose owner the article names within two paragraphs is
# identified; one it never names, or names further away, is still vague (#19)
_HEAD = "Ferry fares\n\n"


@pytest.mark.parametrize(
    "text",
    [
        _HEAD + "A recent report found that ferry fares rose 9 percent. The report, by the Harbour Institute, covers ten ports.\n",
        _HEAD + "A recent report found that ferry fares rose 9 percent in a year.\n\nThe Harbour Institute's report covers ten ports.\n",
        _HEAD + "A recent report found that ferry fares rose 9 percent.\n\nThe latest Harbour Institute annual report covers ten ports.\n",
        _HEAD + "According to reports, ferry fares rose 9 percent.\n\nThe Harbour Institute published a report on ten ports in March.\n",
        _HEAD + "The Harbour Institute published a report on ten ports in March.\n\nAccording to reports, ferry fares rose 9 percent.\n",
    ],
)
def test_a_weasel_document_whose_owner_is_named_nearby_is_not_vague(text: str) -> None:
    assert hits(VagueAttribution, text) == []


@pytest.mark.parametrize(
    "text",
    [
        _HEAD + "A recent report found that ferry fares rose 9 percent in a year.\n\nThe report covers ten ports.\n",
        # a capital that only opens a sentence is no owner; an owner of another kind of document is none either
        _HEAD + "A recent report found that ferry fares rose 9 percent in a year.\n\nRecent reports cover ten ports.\n",
        _HEAD + "According to reports, ferry fares rose 9 percent.\n\nThe council published its budget in March.\n",
        # named more than two paragraphs away
        _HEAD + "According to reports, ferry fares rose 9 percent.\n\nThe council met.\n\nThe mayor spoke.\n\n"
        "The vote was close.\n\nThe Harbour Institute published a report on ten ports in March.\n",
    ],
)
def test_a_weasel_document_nobody_owns_nearby_is_still_vague(text: str) -> None:
    assert len(hits(VagueAttribution, text)) == 1


# a group drawn from the writer's or the outlet's own interviews, said within two sentences, is
# identified; an interview by someone else, or further away, identifies nobody (#19)
@pytest.mark.parametrize(
    "text",
    [
        _HEAD + "Over the winter I interviewed five ferry captains about the new fares. Most agree that the fares are too high.\n",
        _HEAD + "Critics say the fares are too high. That view is shared by ten captains interviewed by The Harbour Ledger.\n",
        _HEAD + "Critics say the fares are too high.\n\nWe spoke with ten captains in March.\n",
    ],
)
def test_a_group_the_writer_interviewed_is_not_vague(text: str) -> None:
    assert hits(VagueAttribution, text) == []


@pytest.mark.parametrize(
    "text",
    [
        _HEAD + "Most agree that the fares are too high.\n",
        _HEAD + "Critics say the fares are too high. The mayor interviewed ten captains for the harbour job.\n",
        _HEAD + "Critics say the fares are too high. I spoke to him on Monday.\n",
        _HEAD + "Critics say the fares are too high. The ferry left at noon. The bus left at one. The train left at two. "
        "We spoke with ten captains in March.\n",
    ],
)
def test_a_group_nobody_interviewed_nearby_is_still_vague(text: str) -> None:
    assert len(hits(VagueAttribution, text)) == 1


def test_a_hedge_beside_the_named_report_it_stands_for_is_not_vague() -> None:
    offer = "The ferry operator has reportedly offered to sell two boats. The deal is worth $40 million, "
    assert hits(VagueAttribution, offer + "The Harbour Ledger reports.\n") == []
    assert hits(VagueAttribution, offer + "according to The Harbour Ledger.\n") == []
    # a named person beside it who only speaks is not the report the hedge stands for
    assert len(hits(VagueAttribution, offer + "Mayor Jo Roe said.\n")) == 1


def test_a_temporal_yet_is_no_opposing_voice() -> None:
    weasel = "Some analysts say the merger will raise fares. "
    assert hits(VagueAttribution, weasel + '"If fares have not risen yet, they will," said Tomas Varga of the Harbour Institute.\n') == []
    assert len(hits(VagueAttribution, weasel + "Yet Tomas Varga of the Harbour Institute said fares would fall.\n")) == 1


def test_a_named_actor_described_in_the_present_is_no_event() -> None:
    plot = "In the film, Captain Ada Reyes steers the trawler through a storm to the lost island.\n"
    assert hits(UnattributedClaim, plot) == []
    assert label_of(Article.from_text(plot), "Captain Ada Reyes") == NOT_A_CLAIM
    for event in (
        "Captain Ada Reyes steered the trawler through the storm and docked at Kinsale on Monday.\n",
        "Coach Jo Roe has been named coach of the year by the league.\n",
        "Jaylon Roe broke up the pass on fourth down to end the game.\n",
    ):
        assert len(hits(UnattributedClaim, event)) == 1, event


def test_a_sentence_that_refers_back_to_a_cited_document_rests_on_it() -> None:
    text = "A Harbour Institute survey found that fares rose sharply. The survey covered 2,000 riders in 12 towns.\n"
    art = Article.from_text(text)
    assert label_of(art, "The survey covered") != UNATTRIBUTED
    assert hits(UnattributedClaim, text) == []
    # a document nobody cited before is no source
    assert len(hits(UnattributedClaim, "The survey covered 2,000 riders in 12 towns last spring.\n")) == 1


def test_an_ordinal_first_ranks_nothing() -> None:
    for sequence in (
        "The first round of talks took place on the island in October.\n",
        "The defenders went after the strikers first, then the keeper.\n",
    ):
        assert hits(UnattributedClaim, sequence) == [], sequence
    for ranking in (
        "The town became the first in the county to ban the lamps.\n",
        "It was the first sell-out ever at the old ground.\n",
        "The valley flooded for the first time since records began.\n",
    ):
        [hit] = hits(UnattributedClaim, ranking)
        assert "superlative" in hit.message, ranking
