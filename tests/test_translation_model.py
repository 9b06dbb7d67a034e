"""The translation family's document model: features, the shipped model, training, MT000 and MT006."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from checker.article import Article
from checker.rule import RunContext
from rules import translation as mt
from rules.translation import features, model
from tests.conftest import Result

CONTEXT = RunContext(today=date(2026, 11, 22))

# weak machine translation written for these tests: literal word order and government, no artefact of MT001-MT005
WEAK = (
    "On Wednesday in the capital has taken place the meeting of the heads of the regional administrations, on which "
    "was discussed the question of the preparation to the heating season. As has informed the press service of the "
    "government, the most part of the boiler houses already is ready to the work.\n\n"
    "At the same time in some districts the repair of the networks is not finished, and the head of the government "
    "has charged to the ministers to take under the personal control the terms of the works. According to him, the "
    "residents must not remain without the heat, if the frosts will come earlier than usually.\n\n"
    "Besides, at the meeting was considered the situation with the prices on the fuel, which in the last months have "
    "grown almost on the fifth part. The representatives of the business have asked about the support, but the concrete "
    "decisions so far are not accepted, it was reported after the meeting.\n"
)
HUMAN = (
    "Regional leaders met in the capital on Wednesday to discuss preparations for the heating season. Most boiler "
    "houses are already ready, the government's press office said, although repairs to the networks in some districts "
    "have not been finished.\n\n"
    "The prime minister told ministers to keep a close eye on the work. Residents must not be left without heating if "
    "the frosts arrive earlier than usual, he said.\n\n"
    "Business leaders at the meeting asked for help with fuel prices, which have risen by almost a fifth in recent "
    "months, but no decision has been taken yet. Officials said they would meet again next week, once the regions "
    "have sent their estimates of how much fuel the boiler houses will need over the winter.\n"
)


def verdict(text: str, **options: object) -> mt.Verdict:
    return mt.verdict(Article.from_text(text), mt.LikelyMachineTranslated.Options.model_validate(options))


# --- features ------------------------------------------------------------------------------------------
def test_features_ignore_line_breaks_and_mask_rare_words() -> None:
    hasher = features.Hasher(features.Settings(12, 2, 3, ("the", "of", "a")))
    one = hasher.indices(hasher.tokens("The ministry of finance said a plan was ready."))[0]
    lines = hasher.indices(hasher.tokens("The ministry of finance\nsaid a plan\n\nwas ready."))[0]
    assert np.array_equal(one, lines)  # one segment per line or one paragraph: the same features
    # two texts that differ in an unknown word have the same masked stream (the topic is masked) ...
    words_a, masked_a = hasher.streams(hasher.tokens("the report of a blorfic"))
    words_b, masked_b = hasher.streams(hasher.tokens("the report of a snarvel"))
    assert np.array_equal(masked_a, masked_b) and not np.array_equal(words_a, words_b)
    # ... and a name differs from a lower-case word of the same band
    assert not np.array_equal(masked_a, hasher.streams(hasher.tokens("the report of a Blorfic"))[1])


def test_paragraph_indices_are_the_ngrams_inside_it() -> None:
    hasher = features.Hasher(features.Settings(12, 2, 2, ("the",)))
    tokens = hasher.tokens("the cat sat . the dog ran .")
    whole, (first, second) = hasher.indices(tokens, [(0, 4), (4, 8)])
    alone = hasher.indices(tokens[4:])[0]
    assert sorted(second.tolist()) == sorted(alone.tolist())
    assert len(first) + len(second) < len(whole)  # the n-grams across the boundary belong to the whole only


def test_typography_is_folded_when_the_settings_say_so() -> None:
    curly = "\u201cWe won\u2019t stop \u2014 not now\u2026\u201d she said."
    plain = '"We won\'t stop - not now." she said.'
    folded = features.Hasher(features.Settings(12, 2, 3, ("we", "not", "she"), typography=True))
    kept = features.Hasher(features.Settings(12, 2, 3, ("we", "not", "she")))
    assert np.array_equal(folded.indices(folded.tokens(curly))[0], folded.indices(folded.tokens(plain))[0])
    assert not np.array_equal(kept.indices(kept.tokens(curly))[0], kept.indices(kept.tokens(plain))[0])
    # a model file written before the setting existed reads as "kept"; the shipped one folds
    header = folded.settings.header()
    assert features.Settings.from_header({k: v for k, v in header.items() if k != "typography"}).typography is False
    assert model.load().settings.typography is True


def test_token_hashes_do_not_depend_on_what_was_hashed_before() -> None:
    settings = features.Settings(12, 2, 3, ("the", "of"))
    text = "the report of the committee on the plan of Blorfic"
    fresh = features.Hasher(settings).streams(features.Hasher(settings).tokens(text))
    used = features.Hasher(settings)
    for i in range(3000):  # the token table grows past its first size
        used.streams([f"w{i}", "the", f"W{i}"])
    again = used.streams(used.tokens(text))
    assert all(np.array_equal(a, b) for a, b in zip(fresh, again, strict=True))


# --- the shipped model -------------------------------------------------------------------------------------
def test_shipped_model_is_small_and_self_describing() -> None:
    assert model.SHIPPED.stat().st_size <= 3_000_000
    m = model.load()
    assert 0.0 < m.threshold < 1.0 and len(m.coef) == 2**m.settings.hash_bits
    assert m.header["training"]["rows"] > 1000


def test_weak_translation_without_artefacts_is_flagged_by_the_model() -> None:
    weak, human = verdict(WEAK), verdict(HUMAN)
    assert weak.artefact_score == 0 and weak.fired and weak.by == ("model",)
    assert not human.fired and human.probability is not None and human.probability < 0.5
    hits = list(mt.LikelyMachineTranslated(CONTEXT).check(Article.from_text(WEAK)))
    assert len(hits) == 1 and "flagged by model" in hits[0].message
    paragraphs = hits[0].evidence["paragraphs"]
    assert 1 <= len(paragraphs) <= mt.TOP_PASSAGES
    assert all(WEAK[p["start"] : p["end"]].strip() for p in paragraphs)


def test_the_model_abstains_on_short_and_foreign_text() -> None:
    assert verdict("The talks began again on Monday.\n").probability is None
    assert verdict("Il governo ha approvato la legge di bilancio dopo un lungo dibattito in parlamento.\n" * 12).probability is None


def test_probability_threshold_is_an_option() -> None:
    p = verdict(HUMAN).probability
    assert p is not None
    assert verdict(HUMAN, probability=max(p, 0.001)).fired
    assert not verdict(WEAK, probability=1.0).fired


def test_a_model_file_that_cannot_be_read_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ValueError, match="cannot read the translation model"):
        mt.LikelyMachineTranslated.Options(model=str(bad))


def test_paragraph_scores_are_in_the_details() -> None:
    details = mt.TranslationAnalyzer(CONTEXT).analyze(Article.from_text(WEAK)).details
    assert isinstance(details, mt.TranslationMetrics)
    assert len(details.paragraphs) == 3 and all(p["probability"] > 0.5 for p in details.paragraphs)
    long_article = (HUMAN.replace("\n\n", " ") + "\n\n") * 150
    details = mt.TranslationAnalyzer(CONTEXT).analyze(Article.from_text(long_article)).details
    assert isinstance(details, mt.TranslationMetrics)
    assert len(details.paragraphs) == model.MAX_PARAGRAPHS  # bounded


# --- MT006 ----------------------------------------------------------------------------------------------
def test_mt006_marks_the_translated_insert_only() -> None:
    text = mt._COUNCIL + mt._ROADS
    hits = list(mt.MachineTranslatedPassage(CONTEXT).check(Article.from_text(text)))
    assert len(hits) == 1
    assert text[hits[0].start : hits[0].end].startswith("The representative of the ministry said:")
    assert not list(mt.MachineTranslatedPassage(CONTEXT).check(Article.from_text(WEAK)))  # MT000's case, not MT006's


# --- training ---------------------------------------------------------------------------------------------
def _synthetic(path: Path, n: int = 40) -> None:
    """Texts in two styles (invented here): the 'mt' ones put the verb first and drop articles."""
    rng = random.Random(7)
    subjects = ["council", "ministry", "company", "union", "court", "school", "hospital", "agency"]
    verbs = ["approved", "rejected", "delayed", "reviewed", "announced", "published"]
    things = ["plan", "budget", "report", "contract", "rule", "proposal"]
    rows = []
    for i in range(n):
        sentences = []
        for _ in range(12):
            s, v, t = rng.choice(subjects), rng.choice(verbs), rng.choice(things)
            sentences.append(f"{v.capitalize()} {s} {t} on day of meeting." if i % 2 else f"The {s} {v} the {t} on the day of the meeting.")
        rows.append({"text": " ".join(sentences), "label": "mt" if i % 2 else "human", "kind": "reference"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_training_is_reproducible_and_the_model_works(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from rules.translation import train

    data = tmp_path / "data.jsonl"
    _synthetic(data)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        train.main(["--data", str(data), "--out", str(out), "--hash-bits", "12", "--tiers", "all"])
    assert first.read_bytes() == second.read_bytes()
    m = model.load(str(first))
    assert m.header["training"]["rows"] == 40 and m.header["training"]["groups"] == 5
    mt_like = m.logit(m.hasher.indices(m.hasher.tokens("Approved council budget on day of meeting. " * 10))[0])
    human_like = m.logit(m.hasher.indices(m.hasher.tokens("The council approved the budget on the day of the meeting. " * 10))[0])
    assert mt_like > 0 > human_like


def test_a_run_can_use_another_model_file(tmp_path: Path, cli: Callable[..., Result], capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sklearn")
    from rules.translation import train

    data = tmp_path / "data.jsonl"
    _synthetic(data)
    train.main(["--data", str(data), "--out", str(tmp_path / "own.npz"), "--hash-bits", "12", "--tiers", "all"])
    assert "40 rows (20 mt, 20 human)" in capsys.readouterr().out
    (tmp_path / "a.txt").write_text(WEAK, encoding="utf-8")
    (tmp_path / "provcheck.toml").write_text('[rules.MT000]\nmodel = "own.npz"\nprobability = 0.01\n', encoding="utf-8")
    result = cli("check", "a.txt", "--format", "json", "--select", "MT000", cwd=tmp_path)
    details = json.loads(result.stdout)["reports"][0]["details"]["translation"]
    own = verdict(WEAK, model=str(tmp_path / "own.npz")).probability
    assert details["probability"] == own != verdict(WEAK).probability  # the run used the other model
    assert [f["rule"] for f in json.loads(result.stdout)["reports"][0]["findings"]] == ["MT000"]  # at its probability 0.01
    (tmp_path / "provcheck.toml").write_text('[rules.MT000]\nmodel = "missing.npz"\n', encoding="utf-8")
    result = cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "MT000" in result.stderr and "missing.npz" in result.stderr


def test_paragraph_logits_are_those_of_each_paragraph_alone() -> None:
    m = model.load()
    article = Article.from_text(mt._COUNCIL + mt._CONSENT)
    scored = model.score_article(m, article)
    assert len(scored.passages) == 4
    for p in scored.passages:
        alone = m.logit(m.hasher.indices(m.hasher.tokens(article.text[p.start : p.end]))[0])
        assert p.logit == pytest.approx(alone, abs=1e-3)
    body = m.logit(m.hasher.indices(m.hasher.tokens(article.text[article.body_start :]))[0])
    assert scored.logit == pytest.approx(body, abs=1e-3)


def test_odd_words_do_not_count_twice_in_the_probability() -> None:
    # a human article full of terms the dictionary lacks: the artefact score counts them, the stacked
    # probability does not (the model sees them itself)
    text = HUMAN + "The snails belong to Ferussina, with the species petofiana and the kin hargitana, vornessa and quillopsis.\n"
    a = mt.analyse(Article.from_text(text))
    assert a.unknown >= 3 and a.score > 0 and mt.construction_score(a) == 0
