"""Translation family (MT): the shared analysis, each signal, the document score and the corpus rule."""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from checker.article import Article
from checker.models import Severity
from checker.rule import Corpus, DocumentRule, Hit, RunContext
from rules import translation as mt
from rules.translation import analysis, tables

CONTEXT = RunContext(today=date(2026, 11, 22))

CLEAN = (
    "The city council approved the budget on Tuesday after a long debate about school funding. "
    "Members said the plan would add two teachers to every primary school by next autumn, and the mayor "
    "promised to publish the spending figures each quarter. Opposition members said the plan did not go "
    "far enough and asked for a review of transport spending before the next election. "
)


def analyse(text: str) -> mt.Analysis:
    return Article.from_text(text).derive(mt.analyse)


def kinds(text: str) -> list[str]:
    return [s.kind for s in analyse(text).signals]


def spans(text: str, kind: str) -> list[str]:
    return [text[s.start : s.end] for s in analyse(text).signals if s.kind == kind]


def check(rule_cls: type[DocumentRule], text: str) -> list[Hit]:
    return list(rule_cls(CONTEXT).check(Article.from_text(text)))


# --- the seeds ---------------------------------------------------------------------------------------
def test_seed_001_is_flagged_with_artefacts_of_several_kinds(seeds: Path) -> None:
    scores = {p.name: analyse(p.read_text(encoding="utf-8")).score for p in sorted(seeds.glob("*.txt"))}
    target = "001_d711ba56f4b847ad.txt"
    others = [s for name, s in scores.items() if name != target]
    assert scores[target] >= mt.SCORE_THRESHOLD
    assert scores[target] >= 2 * max(others) and scores[target] - max(others) >= mt.SCORE_THRESHOLD
    assert all(s < mt.SCORE_THRESHOLD for s in others)
    result = analyse((seeds / target).read_text(encoding="utf-8"))
    assert len({(s.start, s.end) for s in result.signals}) >= 5
    assert len({s.kind for s in result.signals}) >= 3


# --- MT000 and the score -----------------------------------------------------------------------------
def test_one_odd_word_in_a_long_article_does_not_flag_it() -> None:
    text = CLEAN * 6 + "Observers said the vote was a bellwether for the the region.\n"
    result = analyse(text)
    assert "broken" in kinds(text)
    assert result.score < mt.SCORE_THRESHOLD
    assert not check(mt.LikelyMachineTranslated, text)


def test_the_same_faults_in_a_short_article_flag_it() -> None:
    text = (
        "The minister arrived and weeks later, a few weeks later, the talks began again. "
        "More than 40 Portugal, more than 30 countries, sent observers to the the vote.\n"
    )
    hits = check(mt.LikelyMachineTranslated, text)
    assert len(hits) == 1
    assert hits[0].evidence["score"] >= mt.SCORE_THRESHOLD
    assert set(hits[0].evidence["counts"]) >= {"stutter", "broken"}


def test_threshold_is_an_option() -> None:
    text = "The talks began again. Officials met for the of talks on Monday.\n"
    rule = mt.LikelyMachineTranslated(CONTEXT, mt.LikelyMachineTranslated.Options(threshold=1.0))
    assert list(rule.check(Article.from_text(text)))
    assert not check(mt.LikelyMachineTranslated, text)


def test_score_grows_with_density_and_variety() -> None:
    one = mt.document_score({"stutter": 1}, 0, 5000)
    two = mt.document_score({"stutter": 2}, 0, 5000)
    varied = mt.document_score({"stutter": 1, "broken": 1}, 0, 5000)
    assert 0 < one < two < varied
    assert mt.document_score({"stutter": 50}, 0, 1000) < mt.SCORE_THRESHOLD  # one kind alone is capped
    assert mt.document_score({}, 0, 1000) == 0


def test_untranslated_words_raise_the_score() -> None:
    text = CLEAN + "The minister said the kesäkuussa plan was voimassa and the hallitus would act, said tiedote.\n"
    result = analyse(text)
    assert result.unknown >= 4
    assert result.score >= mt.SCORE_THRESHOLD


def test_text_that_is_not_english_is_left_to_other_rules() -> None:
    text = "Il governo ha approvato la legge di bilancio dopo un lungo dibattito in parlamento sulla scuola.\n" * 3
    result = analyse(text)
    assert not result.english
    assert result.signals == [] and result.score == 0


def test_analyzer_puts_metrics_in_every_report() -> None:
    contribution = mt.TranslationAnalyzer(CONTEXT).analyze(Article.from_text(CLEAN))
    assert contribution.metrics["translation.score"] == 0
    for kind in mt.KINDS:
        key = kind.replace("-", "_")
        assert contribution.metrics[f"translation.{key}"] == 0
        assert f"translation.{key}_per_1k" in contribution.metrics
    assert contribution.details is not None


# --- MT001 stutter -----------------------------------------------------------------------------------
def test_stutter_points_at_the_restated_phrase() -> None:
    text = "The ministry approved the plan and days later, several days later, the first trains ran.\n"
    assert spans(text, "stutter") == ["days later, several days later"]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose month after month, and more and more families struggled to pay.\n",
        "\u201cWe will rebuild the town, we will rebuild the town,\u201d the mayor said.\n",
        "The White House knows it, Congress knows it, and the voters know it.\n",
        "Send letters to 654 Madison Avenue, New York, New York 10065.\n",
    ],
)
def test_ordinary_repetition_is_not_a_stutter(text: str) -> None:
    assert "stutter" not in kinds(text)


def test_a_restatement_that_only_adds_emphasis_is_not_a_stutter() -> None:
    assert "stutter" not in kinds("It was a long meeting, a very long meeting, and nobody knew the outcome.\n")
    assert "stutter" in kinds("The convoy left months later, a few months later, for the border.\n")


# --- MT002 out-of-place word -------------------------------------------------------------------------
def test_rare_word_in_unheard_pairs_is_flagged_next_to_other_artefacts() -> None:
    odd = "The the families were moved to the surrounded lampshade near the river on Monday.\n"
    assert spans(odd, "out-of-place") == ["lampshade"]
    alone = "The families were moved to the surrounded lampshade near the river on Monday.\n"
    assert "out-of-place" not in kinds(alone)  # one rare word alone is vocabulary, not evidence


def test_terms_the_article_uses_again_are_not_out_of_place() -> None:
    text = "The the museum shows medieval tapestries. The tapestries were restored over five years.\n"
    assert "out-of-place" not in kinds(text)


def test_unknown_lower_case_word_is_flagged_but_not_english_compounds() -> None:
    two = CLEAN + "The minister said the the kesäkuussa plan would go ahead. The voimassa budget was cut.\n"
    assert spans(two, "unknown-word") == ["kesäkuussa", "voimassa"]
    assert "unknown-word" not in kinds("The skywatching season and the noncompetes rule begin in May, with the the talks.\n")


def test_odd_words_with_no_other_artefact_are_terms_not_findings_but_still_count() -> None:
    terms = CLEAN + "Engineers cut 798 rhynchosaur segments and desiccation cracks formed in the mudflat.\n"
    result = analyse(terms)
    assert not {"unknown-word", "out-of-place"} & set(kinds(terms)) and result.unknown >= 1 and result.score > 0
    assert spans("The the minister said the kesäkuussa plan would go ahead.\n", "unknown-word") == ["kesäkuussa"]


def test_quoted_foreign_language_mojibake_and_addresses_are_not_translation_evidence() -> None:
    spanish = (
        "She accepted the trophy in Spanish and thanked her late husband.\n\n"
        "\u201cMi esposo siempre dec\u00eda que mis tamales eran los mejores del valle, y hoy por fin tengo un "
        "trofeo para demostrarlo.\u201d\n\n" + CLEAN
    )
    assert analyse(spanish).unknown == 0 and not {"unknown-word", "out-of-place"} & set(kinds(spanish))
    german = "The mayor called the vote \u201cein wichtiger Schritt\u201d for the town and its schools.\n"
    assert "unknown-word" not in kinds(german)
    mojibake = "The city\u00e2\u20ac\u2122s council is \u00e2\u20ac\u0153reviewing\u00e2\u20ac the lease of the building.\n"
    assert analyse(mojibake).unknown == 0
    address = "Readers can write to dwhitfield@ledger.example.com with their questions about the library.\n"
    assert "unknown-word" not in kinds(address)
    # an untranslated word among English ones stays evidence, next to names or a possessive too
    names = CLEAN + "Nowak and Szymański backed the the kesäkuussa plan on Monday and the voimassa budget.\n"
    assert spans(names, "unknown-word") == ["kesäkuussa", "voimassa"]
    assert spans(CLEAN + "The the farmers' kesäkuussa päätös failed badly.\n", "unknown-word") == ["kesäkuussa", "päätös"]


def test_a_term_the_article_defines_is_not_out_of_place() -> None:
    text = "The the tardigrades survive by entering a state called cryptobiosis when their pond dries out.\n"
    assert "unknown-word" not in kinds(text)
    assert "unknown-word" in kinds("The the tardigrades survive by entering a cryptobiosis state when their pond dries out.\n")


# --- MT003 conflicting title -------------------------------------------------------------------------
def _corpus_hits(files: dict[str, str]) -> list[tuple[str, Hit]]:
    return _run(mt.ConflictingTitle, files)


def test_conflicting_title_across_the_run_flags_the_odd_one_out() -> None:
    hits = _corpus_hits(
        {
            "a.txt": "Transport Minister Lena Berg visited the depot on Monday.\n",
            "b.txt": "Transport Minister Lena Berg met rail unions.\n",
            "c.txt": "Later, Transport Secretary Lena Berg said trains would run.\n",
        }
    )
    assert [(p, h.excerpt) for p, h in hits] == [("c.txt", "Transport Secretary Lena Berg")]
    _, hit = hits[0]
    text = "Later, Transport Secretary Lena Berg said trains would run.\n"
    assert hit.start is not None and text[hit.start : hit.end] == "Transport Secretary Lena Berg"
    assert hit.evidence["other_titles"] == ["Transport Minister"]


def test_british_and_american_spellings_are_one_portfolio() -> None:
    assert analysis._norm_portfolio("Licence") == analysis._norm_portfolio("License")


def test_past_titles_and_other_portfolios_do_not_conflict() -> None:
    hits = _corpus_hits(
        {
            "a.txt": "Finance Minister Omar Haddad presented the budget.\n",
            "b.txt": "Former Finance Secretary Omar Haddad wrote the plan. Foreign Secretary Omar Haddad travelled.\n",
        }
    )
    assert hits == []


def test_the_office_of_a_portfolio_is_the_same_title_as_the_portfolio_office() -> None:
    text = "Minister of Mining Carla Fuentes visited the pit. Mining Secretary Carla Fuentes said it would reopen.\n"
    assert spans(text, "title-conflict") == ["Minister of Mining Carla Fuentes", "Mining Secretary Carla Fuentes"]
    same = "Minister of Foreign Affairs Ana Silva met envoys. Foreign Minister Ana Silva said the talks went well.\n"
    assert "title-conflict" not in kinds(same)
    former = "Former Minister of Mining Carla Fuentes visited. Mining Secretary Carla Fuentes said it would reopen.\n"
    assert "title-conflict" not in kinds(former)
    health = "Minister for Health Ana Silva met envoys. Health Secretary Ana Silva said talks went well.\n"
    assert spans(health, "title-conflict") == ["Minister for Health Ana Silva", "Health Secretary Ana Silva"]
    army = analyse("Commander of Army Special Forces John Doe spoke on Monday.\n").titles
    assert [(t.person, t.title) for t in army] == [("John Doe", "Commander of Army Special Forces")]


def test_conflicting_title_inside_one_article_is_a_signal() -> None:
    text = "Health Minister Ana Costa visited. Health Secretary Ana Costa later said beds would be added.\n"
    assert spans(text, "title-conflict") == ["Health Minister Ana Costa", "Health Secretary Ana Costa"]  # a tie: both
    text += "Health Minister Ana Costa opened the ward.\n"
    assert spans(text, "title-conflict") == ["Health Secretary Ana Costa"]  # the odd one out


def test_a_surname_after_a_title_is_the_person_named_in_full() -> None:
    text = "Minister of Defence Goran Petrović visited the units. Later, Defense Secretary Petrović met the commanders.\n"
    assert spans(text, "title-conflict") == ["Minister of Defence Goran Petrović", "Defense Secretary Petrović"]
    # a surname that matches nobody named in full, or two people, is left alone
    assert "title-conflict" not in kinds("Health Minister Costa visited. Health Secretary Costa spoke.\n")
    two = "Health Minister Ana Costa and Finance Minister Rui Costa met. Health Secretary Costa spoke.\n"
    assert "title-conflict" not in kinds(two)


# --- MT004 mangled acronym ---------------------------------------------------------------------------
def test_mangled_acronym_and_name_endings() -> None:
    assert spans("The agency UNRWO will reopen. A spokesman for Unrvo said trucks wait.\n", "mangled-name") == ["Unrvo"]
    assert spans("The Labour leader Corbyn spoke. Critics said corbynin decision split the party.\n", "mangled-name") == ["corbynin"]


@pytest.mark.parametrize(
    "text",
    [
        "The Labour leader Corbyn spoke. Critics said Corbyn's decision split the party.\n",
        "The envoy met Iran's leaders. Iranians voted on Friday.\n",
        "The firm Gensler designed it; the MyMode feature and the Cleverfy brand were shown.\n",
        "NASA tested the tyres. Its chief engineer, Dr. Nasra Abdi, said they spring back.\n",
    ],
)
def test_names_and_their_english_forms_are_not_mangled(text: str) -> None:
    assert "mangled-name" not in kinds(text)


# --- MT003 and MT004 across the run -------------------------------------------------------------------
BERG_MINISTER = "Defence Minister Anna Berg told parliament on Monday that the army would buy new helicopters.\n"
BERG_SECRETARY = "Defense Secretary Anna Berg said on Tuesday that the helicopter contract would be signed next month.\n"
UNHCR = "The UN refugee agency UNHCR said thousands of families had crossed the border this week.\n"


def _run(rule_cls: type[mt.ConflictingTitle] | type[mt.MangledAcronym], files: dict[str, str]) -> list[tuple[str, Hit]]:
    rule = rule_cls(CONTEXT)
    digests = {}
    for path, text in files.items():
        digest = rule.collect(Article.from_text(text, path))
        if digest is not None:
            digests[path] = digest
    return list(rule.check_corpus(Corpus(digests)))


def test_conflicting_title_across_a_run_of_two_files() -> None:
    hits = _run(mt.ConflictingTitle, {"a.txt": BERG_MINISTER, "b.txt": BERG_SECRETARY})
    by_path = {p: h for p, h in hits}
    assert set(by_path) == {"a.txt", "b.txt"}  # one mention each: a tie, both are pointed at
    hit = by_path["b.txt"]
    assert hit.excerpt == "Defense Secretary Anna Berg"
    assert BERG_SECRETARY[hit.start : hit.end] == "Defense Secretary Anna Berg"
    assert hit.evidence["other_titles"] == ["Defence Minister"] and hit.evidence["seen_in"] == ["a.txt"]
    assert "in 1 other file(s)" in hit.message


def test_the_same_title_in_two_files_does_not_conflict() -> None:
    other = "Defence Minister Anna Berg visited the base on Friday.\n"
    assert _run(mt.ConflictingTitle, {"a.txt": BERG_MINISTER, "b.txt": other}) == []


def test_mangled_acronym_across_the_run_names_the_file_it_copies() -> None:
    text = "A spokesman for the refugee agency Unhkr said the camp would close before winter.\n"
    hits = _run(mt.MangledAcronym, {"a.txt": UNHCR, "b.txt": text})
    assert [(p, h.excerpt) for p, h in hits] == [("b.txt", "Unhkr")]
    hit = hits[0][1]
    assert text[hit.start : hit.end] == "Unhkr"
    assert hit.evidence["matches"] == "UNHCR" and hit.evidence["kind"] == "acronym"
    assert hit.evidence["source"] == "run" and hit.evidence["seen_in"] == ["a.txt"]
    assert "used in a.txt" in hit.message
    assert _run(mt.MangledAcronym, {"b.txt": text}) == []  # alone in its run: nothing to copy


def test_the_title_case_form_of_an_acronym_is_house_style() -> None:
    text = "A spokesman for Unhcr said the camp would close before winter.\n"  # "Nato", "Unhcr": style, not a copy
    assert _run(mt.MangledAcronym, {"a.txt": UNHCR, "b.txt": text}) == []


@pytest.mark.parametrize(
    "files",
    [
        # a person's name written next to a first name
        {
            "a.txt": "The military body COGAT, which runs the crossings, denied the report.\n",
            "b.txt": "The economist Marta Kogat said spending on the crossings would rise.\n",
        },
        # a real name: another file of the run writes it as a name too
        {
            "a.txt": "The military body COGAT, which runs the crossings, denied the report.\n",
            "b.txt": "The singer Kogat opened the festival on Friday.\n",
            "c.txt": "Fans of Kogat queued overnight for tickets.\n",
        },
        # a word that holds the acronym whole is another word built on it; a capitalised common word is not an acronym
        {"a.txt": "Banks repaid the TARP loans in full.\n", "b.txt": "The old Tarpit saloon reopened on Friday.\n"},
        {"a.txt": "Voters NEVER backed the measure.\n", "b.txt": "The village of Nevor voted on Friday.\n"},
        # words in capitals that are shouted, not acronyms: a run of capitals, a name written in capitals
        {"a.txt": "GLASS IS HALF FULL, the banner said.\n", "b.txt": "The painter Glasu opened a studio on Friday.\n"},
        {"a.txt": "Supporters of Bernie Sanders chanted \u201cBERNIE!\u201d at the rally.\n", "b.txt": "The poet Bernai read on Friday.\n"},
        # a name merely similar to a name of another file
        {"a.txt": "The coach praised the striker Kowalczik after the game.\n", "b.txt": "The striker Kowalczyk scored twice.\n"},
    ],
)
def test_real_names_merely_similar_do_not_fire_across_files(files: dict[str, str]) -> None:
    assert _run(mt.MangledAcronym, files) == []


def test_an_in_article_hit_is_reported_once() -> None:
    text = "The border agency UNRWO said it would reopen. A spokesman for Unrvo said trucks were waiting.\n"
    hits = _run(mt.MangledAcronym, {"a.txt": text, "b.txt": "The agency UNRWO published its report.\n"})
    assert [(p, h.excerpt, h.message.endswith("used elsewhere")) for p, h in hits] == [("a.txt", "Unrvo", True)]


def test_the_digest_is_short_words_only() -> None:
    text = (CLEAN + BERG_MINISTER + UNHCR + "Officials at Frontexo met the Kogat delegation.\n") * 3
    d = Article.from_text(text).derive(mt.digest)
    assert d.acronyms == ("UNHCR", "UN") or set(d.acronyms) == {"UN", "UNHCR"}
    assert {u.word for u in d.unknown} == {"Frontexo", "Kogat"}
    assert d.title_rows() == [("anna berg", "defense", "Minister", "Defence Minister", 3)]
    assert all(" " not in w for _, w in d.vocabulary_rows())
    assert len(pickle.dumps(d)) < 1500


# --- MT005 broken construction -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Officials said more than 40 Portugal, more than 30 countries, sent observers.\n", "40 Portugal"),
        ("The delegation will return for talks with the the government.\n", "the the"),
        ("Negotiators met for the of talks on the border.\n", "the of"),
        ("Crowds filled the bigger square ever built in the city.\n", "the bigger square ever"),
    ],
)
def test_broken_constructions(text: str, span: str) -> None:
    assert spans(text, "broken") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 France introduced a new law.\n",
        "Spain 2 France 1: the hosts scored twice.\n",
        "She said that that was the end of it, and he had had enough.\n",
        "The bigger the better, said the chef.\n",
        "Route 66 France tours sold out.\n",
    ],
)
def test_ordinary_constructions_are_not_broken(text: str) -> None:
    assert "broken" not in kinds(text)


# --- the data tables ---------------------------------------------------------------------------------
def test_tables_load() -> None:
    assert "of the" in tables.bigrams() and "surrounded lampshade" not in tables.bigrams()
    assert ("France",) in tables.countries()["France"]
    assert "Minister" in tables.titles()
    assert {"determiner", "no-double", "function", "modifier", "adjective"} <= set(tables.grammar())


# --- the labelled corpora ----------------------------------------------------------------------------
def _scores(path: Path, label: str | None = None) -> list[float]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if label is None or row.get("label") == label:
                out.append(analyse(row["text"]).score)
    return out


def test_human_news_is_rarely_flagged(corpora: Path) -> None:
    scores = _scores(corpora / "naeb" / "articles.jsonl")
    assert sum(s >= mt.SCORE_THRESHOLD for s in scores) <= 0.02 * len(scores)


def test_weak_machine_translation_is_separated_from_human_text(corpora: Path) -> None:
    path = corpora / "translation" / "wmt_weak_mt_dev.jsonl"
    pos, neg = _scores(path, "mt"), _scores(path, "human")
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    assert wins / (len(pos) * len(neg)) >= 0.9
    assert sum(p >= mt.SCORE_THRESHOLD for p in pos) >= 0.6 * len(pos)
    assert sum(q >= mt.SCORE_THRESHOLD for q in neg) <= 0.02 * len(neg)


def test_a_doubled_word_is_a_typo_warning_unless_the_text_reads_as_machine_translated() -> None:
    ctx = RunContext(today=date(2026, 11, 22))
    rule = mt.BrokenConstruction(ctx)
    [typo] = list(rule.check(Article.from_text("The delegation will return in the autumn for talks with the the government.\n")))
    assert typo.severity == Severity.WARNING and "typo" in typo.message
    garbled = (
        "Transport Minister Jane Holloway opened the new rail line on Monday with the mayor.\n"
        "Days later, a few days later, Transport Secretary Jane Holloway said the line would close for repairs.\n"
        "The contractor blamed the weather, and the the unions blamed the ministry for 12 Spain, 12 contracts.\n"
    )
    assert {h.severity for h in rule.check(Article.from_text(garbled))} == {None}  # the rule's own: error


class _CountingDict(dict[str, float]):
    """A frequency table that counts the membership tests made on it."""

    lookups = 0

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return super().__contains__(key)


def test_compound_test_costs_a_bounded_number_of_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue #18: every cut of a 400,000-letter word was tried (22 s); only cuts leaving both parts
    # no longer than the longest common English word can split it into two words
    assert analysis._is_compound("skywatching") and analysis._is_compound("noncompetes")
    assert not analysis._is_compound("kesäkuussa")
    counting = _CountingDict(tables.frequencies())
    monkeypatch.setattr(analysis, "frequencies", lambda: counting)
    heads, tails = analysis._compound_reach()
    for word in ("ab" * 20, "ab" * 200_000):
        counting.lookups = 0
        assert not analysis._is_compound(word)
        assert counting.lookups <= heads + tails
    counting.lookups = 0
    assert not analysis._is_compound("skywatching" * 40_000)
    assert counting.lookups == 0  # longer than two common words together: no cut is tried
