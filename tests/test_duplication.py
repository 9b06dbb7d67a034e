"""The duplication family: repeated passages, Gopher repetition signals, exact and near-duplicates
across the run, clusters and roles, and what the dates family can read from the corpus step."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from checker.article import Article
from checker.cli import main
from checker.config import Config, ConfigError
from checker.discover import discover
from checker.engine import run
from checker.models import Severity
from checker.rule import Corpus, RunContext
from rules.duplication import DuplicationAnalyzer, ExactDuplicate, ExcessiveRepetition, NearDuplicate, RepeatedPassage, gopher, neardup
from rules.duplication.compare import Sequence, measure
from rules.duplication.repeats import find_repeats
from rules.duplication.shingles import fingerprint, minhash
from tests.conftest import ROOT

CONTEXT = RunContext(today=date(2026, 11, 22))
SEED_003 = "seeds/003_e83cd346e07eb6a8.txt"
SEED_004 = "seeds/004_80e1f4bbf5611b8d.txt"

STORY = [
    "The city council approved a new budget on Monday that raises spending on public transport by a fifth.",
    "Council members argued for three hours before the final vote, which passed by nine votes to four.",
    "The mayor said the money would pay for more frequent buses on the northern routes and two new tram stops.",
    "Opposition members said the plan ignored the rising cost of housing and would need a tax increase next year.",
    "Local business groups welcomed the decision but asked for a review of parking fees in the old town centre.",
    "The budget takes effect in January and will be reviewed by an independent auditor at the end of the year.",
]
UNRELATED = [
    "Heavy snow closed the mountain pass for the second time this week, stranding dozens of lorries overnight.",
    "Rescue teams used tracked vehicles to reach a village cut off since Saturday, officials told reporters.",
    "Forecasters expect milder weather from Thursday, although avalanche warnings remain in place for the valleys.",
    "The regional hospital said it had treated several people for mild hypothermia but none were seriously hurt.",
]


def article(text: str, path: str = "a.txt") -> Article:
    return Article.from_text(text, path)


def corpus_hits(rule: NearDuplicate | ExactDuplicate, texts: dict[str, str]) -> dict[str, list]:  # type: ignore[type-arg]
    digests = {p: rule.collect(article(t, p)) for p, t in texts.items()}
    out: dict[str, list] = {p: [] for p in texts}  # type: ignore[type-arg]
    for path, hit in rule.check_corpus(Corpus({p: d for p, d in digests.items() if d is not None})):
        out[path].append(hit)
    return out


def run_dir(tmp_path: Path, files: dict[str, str], **kwargs: object) -> dict[str, object]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    targets = discover([str(tmp_path)], [], [".txt"])
    result = run(targets, Config(today=date(2026, 11, 22)), jobs=1, **kwargs)  # type: ignore[arg-type]
    return {Path(f.target.path).name: f.report for f in result.files}


# --- DU001 -----------------------------------------------------------------------------------------
def test_repeated_caption_with_another_weekday_points_at_its_first_occurrence() -> None:
    caption = "Firefighters work at the scene of the warehouse blaze in the harbour district, {day}. (City Photo/Staff)"
    text = "\n\n".join([caption.format(day="Monday"), STORY[0], STORY[1], caption.format(day="Tuesday"), STORY[2]]) + "\n"
    hits = list(RepeatedPassage(CONTEXT).check(article(text)))
    assert len(hits) == 1
    hit = hits[0]
    assert text[hit.start : hit.end] == caption.format(day="Tuesday")
    first = hit.evidence["first"]
    assert text[first["start"] : first["end"]] == caption.format(day="Monday")
    assert first["line"] == 1 and 0.9 <= hit.evidence["similarity"] < 1.0


def test_lead_sentence_repeated_inside_a_paragraph_is_a_sentence_repeat() -> None:
    text = STORY[0] + "\n\nBERLIN - " + STORY[1] + " " + STORY[0] + "\n"
    repeats = find_repeats(article(text))
    assert [(r.unit, r.similarity, r.occurrence) for r in repeats] == [("sentence", 1.0, 2)]
    assert text[repeats[0].start : repeats[0].end] == STORY[0]


def test_short_boilerplate_is_ignored_and_the_length_is_configurable() -> None:
    text = "Advertisement\n\n" + STORY[0] + "\n\nAdvertisement\n\n" + STORY[1] + "\n\nAdvertisement\n"
    assert list(RepeatedPassage(CONTEXT).check(article(text))) == []
    loose = RepeatedPassage(CONTEXT, RepeatedPassage.Options(min_chars=5))
    assert len(list(loose.check(article(text)))) == 2


def test_third_copy_counts_as_occurrence_three_of_the_first() -> None:
    text = "\n\n".join([STORY[0], STORY[1], STORY[0], STORY[2], STORY[0]]) + "\n"
    repeats = find_repeats(article(text))
    assert [r.occurrence for r in repeats] == [2, 3]
    assert {r.first_start for r in repeats} == {0}


# --- DU002 -----------------------------------------------------------------------------------------
def _datatrove_reference(text: str) -> dict[str, float]:
    """datatrove's definitions written out naively, on the same tokens."""
    out: dict[str, float] = {}
    for name, parts in (("para", re.split(r"\n{2,}", text.strip())), ("line", re.split("\n+", text))):
        seen: set[str] = set()
        dups = chars = 0
        for p in parts:
            if p in seen:
                dups, chars = dups + 1, chars + len(p)
            seen.add(p)
        out[f"dup_{name}_frac"] = dups / len(parts)
        out[f"dup_{name}_char_frac"] = chars / len(text)
    words = gopher.TOKEN.findall(text)
    for n in (2, 3, 4):
        grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        gram, count = Counter(grams).most_common(1)[0]
        out[f"top_{n}gram_char_frac"] = len(gram) * count / len(text)
    for n in range(5, 11):
        seen, idx, rep = set(), 0, 0
        while idx < len(words) - n + 1:
            g = "".join(words[idx : idx + n])
            if g in seen:
                rep, idx = rep + len(g), idx + n
            else:
                seen.add(g)
                idx += 1
        out[f"dup_{n}gram_char_frac"] = rep / len(text)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join(STORY) + "\n",
        "\n\n".join([STORY[0], STORY[1], STORY[0], STORY[0], STORY[2]]) + "\n",
        "Buy now, buy now, buy now! Prices are falling, falling, falling.\nBuy now, buy now!\n\nBuy now, buy now!\n",
    ],
)
def test_gopher_signals_follow_datatrove_definitions(text: str) -> None:
    ours = gopher.signals(text)
    ref = _datatrove_reference(text)
    assert ours.keys() == ref.keys() == gopher.THRESHOLDS.keys()
    for key in ref:
        assert ours[key] == pytest.approx(ref[key], abs=1e-12), key


def test_excessive_repetition_names_the_signals_over_threshold() -> None:
    text = "\n\n".join([STORY[0], STORY[1], STORY[0], STORY[1], STORY[2]]) + "\n"
    hits = list(ExcessiveRepetition(CONTEXT).check(article(text)))
    assert len(hits) == 1
    signals = hits[0].evidence["signals"]
    assert signals["dup_para_frac"] == pytest.approx(0.4)
    assert all(v > gopher.THRESHOLDS[k] for k, v in signals.items())
    assert list(ExcessiveRepetition(CONTEXT).check(article("\n\n".join(STORY) + "\n"))) == []


def test_signals_are_metrics_in_every_report(tmp_path: Path) -> None:
    reports = run_dir(tmp_path, {"one.txt": "\n\n".join(STORY) + "\n", "two.txt": "Short.\n"})
    for report in reports.values():
        metrics = report.metrics  # type: ignore[attr-defined]
        for key in gopher.THRESHOLDS:
            assert f"duplication.{key}" in metrics
        for key in ("repeated_passages", "near_duplicates", "max_containment", "cluster_size"):
            assert f"duplication.{key}" in metrics


# --- shingles and verification ----------------------------------------------------------------------
def test_signature_is_deterministic_and_estimates_jaccard() -> None:
    a = fingerprint(article("\n\n".join(STORY + UNRELATED)))
    b = fingerprint(article("\n\n".join(STORY + UNRELATED)))
    assert np.array_equal(a.signature, b.signature)
    c = fingerprint(article("\n\n".join(STORY[:4] + UNRELATED[:2])))
    ua, uc = a.unique(), c.unique()
    true = len(np.intersect1d(ua, uc)) / len(np.union1d(ua, uc))
    estimate = float(np.mean(a.signature == c.signature))
    assert abs(estimate - true) < 0.12


def test_containment_loses_only_the_edited_words() -> None:
    text = " ".join(STORY)
    words = text.split()
    edited = words.copy()
    for i in range(5, len(words), 10):
        edited[i] = "zzz"
    a, b = article(" ".join(edited)), article(text)
    fa, fb = fingerprint(a), fingerprint(b)
    sa, sb = Sequence(fa.shingles, fa.starts, fa.ends), Sequence(fb.shingles, fb.starts, fb.ends)
    m = measure(sa, sb)
    assert m is not None
    assert m.containment_a == pytest.approx(1 - len(range(5, len(words), 10)) / len(words), abs=0.01)
    assert m.jaccard < m.containment_a
    # passages line up with the same words in both files
    assert m.passages
    for p in m.passages:
        this, other = a.text[p.a_start : p.a_end].split(), b.text[p.b_start : p.b_end].split()
        assert this[:3] == other[:3] and this[-3:] == other[-3:]


def test_minhash_of_nothing_is_a_constant() -> None:
    assert np.array_equal(minhash(np.zeros(0, dtype=np.uint32)), minhash(np.zeros(0, dtype=np.uint32)))


# --- DU003 / DU004 in a run -------------------------------------------------------------------------
def test_cut_copy_is_an_abridged_copy_of_the_dated_original() -> None:
    original = " date 2024-03-01 " + "\n\n".join(STORY) + "\n"
    cut = "Budget passes\n\n" + "\n\n".join(STORY[:3]) + "\n"
    other = "\n\n".join(UNRELATED) + "\n"
    hits = corpus_hits(NearDuplicate(CONTEXT), {"orig.txt": original, "cut.txt": cut, "other.txt": other})
    assert hits["other.txt"] == []
    [on_cut] = hits["cut.txt"]
    [on_orig] = hits["orig.txt"]
    assert on_cut.evidence["role"] == "abridged copy" and on_cut.evidence["canonical"] == "orig.txt"
    assert on_orig.evidence["role"] == "canonical" and on_orig.severity is not None and on_orig.severity.value == "info"
    assert on_cut.evidence["containment_this"] > 0.8 > on_cut.evidence["containment_other"]
    assert on_orig.evidence["containment_other"] == on_cut.evidence["containment_this"]
    passage = on_cut.evidence["passages"][0]
    assert cut[passage["this"]["start"] : passage["this"]["end"]] == original[passage["other"]["start"] : passage["other"]["end"]]


def test_a_wire_dateline_with_its_year_dates_the_original_against_a_dated_shorter_copy() -> None:
    # the wire original gives its date in the dateline only; a shorter re-edit has a header date
    original = "NAIROBI, Nov 20, 2026 (Reuters) - " + "\n\n".join(STORY) + "\n"
    copy = "Date: 2026-11-21\n\n" + "\n\n".join(STORY[:4]) + "\n"
    hits = corpus_hits(NearDuplicate(CONTEXT), {"wire.txt": original, "copy.txt": copy})
    assert hits["wire.txt"][0].evidence["role"] == "canonical"
    assert hits["copy.txt"][0].evidence["role"] == "abridged copy" and hits["copy.txt"][0].evidence["canonical"] == "wire.txt"
    # without the year the dateline dates nothing: the header-dated copy is the canonical one
    undated = "NAIROBI, Nov 20 (Reuters) - " + "\n\n".join(STORY) + "\n"
    hits = corpus_hits(NearDuplicate(CONTEXT), {"wire.txt": undated, "copy.txt": copy})
    assert hits["copy.txt"][0].evidence["role"] == "canonical"


def test_a_copy_that_drops_the_originals_wire_credit_says_so(tmp_path: Path) -> None:
    original = "NAIROBI, Nov 20, 2026 (Reuters) - " + "\n\n".join(STORY) + "\n"
    copy = "Date: 2026-11-21\nSource: The Valley Post\n\n" + "\n\n".join(STORY[:4]) + "\n"
    reports = run_dir(tmp_path, {"wire.txt": original, "copy.txt": copy})
    [on_copy] = [f for f in reports["copy.txt"].findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    assert on_copy.evidence["dropped_wire_credit"] == ["Reuters"]
    assert "credits Reuters, this copy does not" in on_copy.message
    # a copy that keeps the credit says nothing of it
    kept = "Date: 2026-11-21\n\nNAIROBI (Reuters) - " + "\n\n".join(STORY[:4]) + "\n"
    (tmp_path / "kept").mkdir()
    reports = run_dir(tmp_path / "kept", {"wire.txt": original, "copy.txt": kept})
    [on_kept] = [f for f in reports["copy.txt"].findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    assert "dropped_wire_credit" not in on_kept.evidence


def test_undated_longer_version_is_an_extended_copy() -> None:
    dated = " date 2024-03-01 " + "\n\n".join(STORY[:4]) + "\n"
    longer = "\n\n".join(STORY + UNRELATED[:2]) + "\n"
    hits = corpus_hits(NearDuplicate(CONTEXT), {"dated.txt": dated, "longer.txt": longer})
    assert hits["longer.txt"][0].evidence["role"] == "extended copy"
    assert hits["longer.txt"][0].evidence["canonical"] == "dated.txt"


def test_canonical_order_is_the_order_of_arrival() -> None:
    # archived first (earliest indexed), then the earlier date, the wire original, the longer, the path
    nodes = [
        neardup.Node("b", "b", "run", None, 900),
        neardup.Node("a", "a", "run", None, 900),
        neardup.Node("c", "c", "run", "2024-01-02", 100),
        neardup.Node("d", "d", "run", None, 1000),
        neardup.Node("e", "e", "run", "2024-01-01", 50),
        neardup.Node("index:f", "f", "index", None, 20, indexed=7),
        neardup.Node("index:g", "g", "index", "2025-01-01", 20, indexed=3),
        neardup.Node("w", "w", "run", None, 800),
        neardup.Node("r", "r", "run", "2024-01-01", 40, indexed=9),  # a run file the index already holds
    ]
    wires = {"w"}
    ordered = sorted(nodes, key=lambda n: neardup.canonical_order(n, n.ref in wires))
    assert [n.ref for n in ordered] == ["g", "f", "r", "e", "c", "w", "d", "a", "b"]


def _node(ref: str, date: str | None, words: int, indexed: int = 0) -> neardup.Node:
    return neardup.Node(("index:" if indexed else "") + ref, ref, "index" if indexed else "run", date, words, indexed=indexed)


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (_node("x", None, 10, indexed=4), _node("y", "2020-01-01", 900), "in the archive"),
        (_node("x", None, 10, indexed=4), _node("y", None, 900, indexed=5), "indexed"),
        (_node("x", "2024-01-01", 10), _node("y", "2024-03-01", 900), "dated earlier: 2024-01-01, the other 2024-03-01"),
        (_node("x", "2024-01-01", 10), _node("y", None, 900), "dated 2024-01-01, the other is not"),
        (_node("w", None, 10), _node("y", None, 900), "wire original"),
        (_node("x", None, 900), _node("y", None, 10), "longer: 900 words, the other 10"),
        (_node("x", None, 900), _node("y", None, 900), "first by path"),
    ],
)
def test_the_canonical_reason_names_what_decided(first: neardup.Node, second: neardup.Node, reason: str) -> None:
    def is_wire(node: neardup.Node) -> bool:
        return node.ref == "w"

    assert neardup.canonical_order(first, is_wire(first)) < neardup.canonical_order(second, is_wire(second))
    assert reason in neardup.canonical_reason(first, second, is_wire)


def test_a_wire_original_is_canonical_over_a_longer_republication(tmp_path: Path) -> None:
    wire = "CAIRO (Reuters) - " + "\n\n".join(STORY[:4]) + "\n"
    longer = "\n\n".join(STORY[:4]) + "\n\nRead more stories like this on our website every day of the week.\n"
    reports = run_dir(tmp_path, {"a_republished.txt": longer, "b_wire.txt": wire})
    [on_wire] = [f for f in reports["b_wire.txt"].findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    [on_copy] = [f for f in reports["a_republished.txt"].findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    assert on_wire.evidence["role"] == "canonical"
    assert "wire original" in on_copy.evidence["canonical_reason"] and "wire original" in on_copy.message
    assert on_copy.evidence["dropped_wire_credit"] == ["Reuters"]


def test_exact_duplicate_is_du003_not_du004() -> None:
    text = "\n\n".join(STORY) + "\n"
    same = "TITLE: x\n\n" + text.upper()
    texts = {"a.txt": text, "b.txt": same}
    assert all(len(h) == 1 for h in corpus_hits(ExactDuplicate(CONTEXT), texts).values())
    assert all(h == [] for h in corpus_hits(NearDuplicate(CONTEXT), texts).values())


def test_of_new_exact_copies_the_dated_one_is_kept_and_only_the_others_are_errors() -> None:
    text = "\n\n".join(STORY) + "\n"
    hits = corpus_hits(ExactDuplicate(CONTEXT), {"a.txt": text, "b.txt": "Date: 2024-05-01\n\n" + text, "c.txt": text})
    assert hits["b.txt"][0].severity == Severity.INFO and hits["b.txt"][0].evidence["keep"]
    assert "copy to keep" in hits["b.txt"][0].message
    assert all(hits[p][0].severity is None and not hits[p][0].evidence["keep"] for p in ("a.txt", "c.txt"))
    undated = corpus_hits(ExactDuplicate(CONTEXT), {"b.txt": text, "a.txt": text})
    assert undated["a.txt"][0].severity == Severity.INFO and undated["b.txt"][0].severity is None
    no_day = corpus_hits(ExactDuplicate(CONTEXT), {"a.txt": "Date: unknown\n\n" + text, "b.txt": "Date: 2024-05-01\n\n" + text})
    assert no_day["b.txt"][0].severity == Severity.INFO  # a Date field that names no day is not a date


def test_stricter_options_drop_the_weaker_pair() -> None:
    base = "\n\n".join(STORY) + "\n"
    half = "\n\n".join(STORY[:4] + UNRELATED[:2]) + "\n"
    texts = {"base.txt": base, "half.txt": half}
    assert corpus_hits(NearDuplicate(CONTEXT), texts)["half.txt"]
    strict = NearDuplicate(CONTEXT, NearDuplicate.Options(min_containment=0.9))
    assert corpus_hits(strict, texts)["half.txt"] == []


def test_the_report_figures_follow_the_configured_options_as_the_findings_do(tmp_path: Path) -> None:
    files = {
        "base.txt": "\n\n".join(STORY) + "\n",
        "half.txt": "\n\n".join(STORY[:4] + UNRELATED[:2]) + "\n",
        "rep.txt": "\n\n".join([*UNRELATED, UNRELATED[0]]) + "\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    targets = discover([str(tmp_path)], [], [".txt"])
    strict = Config(today=date(2026, 11, 22), rules={"DU004": {"min_containment": 0.9}, "DU001": {"min_chars": 10_000}})
    reports = {Path(f.target.path).name: f.report for f in run(targets, strict, jobs=1).files}
    assert not [f for f in reports["half.txt"].findings if f.rule == "DU004"]
    assert reports["half.txt"].metrics["duplication.near_duplicates"] == 0
    assert reports["half.txt"].details["duplication"]["neighbours"] == []
    assert reports["rep.txt"].metrics["duplication.repeated_passages"] == 0
    default = {Path(f.target.path).name: f.report for f in run(targets, Config(today=date(2026, 11, 22)), jobs=1).files}
    assert default["half.txt"].metrics["duplication.near_duplicates"] >= 1
    assert default["rep.txt"].metrics["duplication.repeated_passages"] == 1


def test_options_of_a_rule_that_is_turned_off_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    bad = Config(today=date(2026, 11, 22), ignore=["DU004"], rules={"DU004": {"min_containment": "most"}})
    with pytest.raises(ConfigError, match=r"\[rules.DU004\]"):
        run(discover([str(tmp_path)], [], [".txt"]), bad, jobs=1)


def test_analyzer_publishes_neighbours_for_the_dates_family() -> None:
    texts = {
        "orig.txt": " date 2024-03-01 " + "\n\n".join(STORY) + "\n",
        "copy.txt": "\n\n".join(STORY[:4]) + "\n",
        "other.txt": "\n\n".join(UNRELATED) + "\n",
    }
    analyzer = DuplicationAnalyzer(CONTEXT)
    digests = {p: analyzer.collect(article(t, p)) for p, t in texts.items()}
    corpus = Corpus(digests)
    contributions = dict(analyzer.analyze_corpus(corpus))
    neighbours = corpus.shared["duplication.neighbours"]
    assert neighbours["other.txt"] == []
    [rec] = neighbours["copy.txt"]
    assert rec.keys() == {"path", "ref", "jaccard", "containment", "date", "source"}
    assert rec["path"] == rec["ref"] == "orig.txt" and rec["source"] == "run" and rec["date"] is None
    assert rec["containment"] > 0.95
    assert neighbours["orig.txt"][0]["containment"] < 0.8
    details = contributions["copy.txt"].details
    assert details["cluster"]["canonical"] == "orig.txt" and details["role"] == "abridged copy"
    assert contributions["copy.txt"].metrics["duplication.cluster_size"] == 2


# --- the seeds --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_reports() -> dict[str, object]:
    targets = discover([str(ROOT / "seeds")], [], [".txt"], cwd=ROOT)
    result = run(targets, Config(today=date(2026, 11, 22), select=["DU"]), jobs=1)
    return {Path(f.target.path).name: f.report for f in result.files}


def test_seeds_003_and_004_form_one_cluster_with_both_figures_in_both_reports(seed_reports: dict[str, object]) -> None:
    r3, r4 = seed_reports[Path(SEED_003).name], seed_reports[Path(SEED_004).name]
    f3 = [f for f in r3.findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    f4 = [f for f in r4.findings if f.rule == "DU004"]  # type: ignore[attr-defined]
    assert len(f3) == len(f4) == 1
    e3, e4 = f3[0].evidence, f4[0].evidence
    assert e3["cluster"] == e4["cluster"]
    assert e3["containment_this"] == e4["containment_other"] > 0.7
    assert e4["containment_this"] == e3["containment_other"] < 0.5
    assert e3["passages"] and len(e3["passages"]) == len(e4["passages"])
    assert {e3["role"], e4["role"]} == {"canonical", "extended copy"}  # 003 is dated, 004 is not
    d3 = r3.details["duplication"]  # type: ignore[attr-defined]
    assert d3["cluster"]["size"] == 2 and d3["cluster"]["canonical"].endswith(Path(SEED_003).name)


def test_seed_003_repeated_caption_is_du001(seed_reports: dict[str, object]) -> None:
    r3 = seed_reports[Path(SEED_003).name]
    du001 = [f for f in r3.findings if f.rule == "DU001"]  # type: ignore[attr-defined]
    assert any("destroyed building in Jabaliya" in f.excerpt and f.evidence["unit"] == "paragraph" for f in du001)


def test_no_other_seed_pair_is_flagged(seed_reports: dict[str, object]) -> None:
    flagged = {name for name, r in seed_reports.items() if any(f.rule in ("DU003", "DU004") for f in r.findings)}  # type: ignore[attr-defined]
    assert flagged == {Path(SEED_003).name, Path(SEED_004).name}
    for name, r in seed_reports.items():
        if name not in flagged:
            assert r.details["duplication"]["cluster"] is None  # type: ignore[attr-defined]


# --- on real articles -------------------------------------------------------------------------------
def test_syndication_variants_of_real_articles(corpora: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import variants  # type: ignore[import-not-found,unused-ignore]

    texts = variants.load_texts(corpora / "naeb" / "articles.jsonl")
    docs, truth = variants.build(texts, 40, 20, seed=7)
    fps = {d.name: fingerprint(article(d.text, d.name)) for d in docs}
    near = neardup.near_pairs(neardup.find_pairs(fps).pairs)
    found = {(min(p.a.ref, p.b.ref), max(p.a.ref, p.b.ref)) for p in near}
    tp = len(found & truth)
    assert tp / len(truth) >= 0.9
    assert tp / len(found) >= 0.95


def test_templated_files_are_compared_a_linear_number_of_times() -> None:
    base = " ".join(STORY[:2])
    fps = {f"{i:04d}.txt": fingerprint(article(f"Notice {i}. {base}\n")) for i in range(200)}
    result = neardup.find_pairs(fps)
    assert len(result.pairs) <= 5 * len(fps)  # all pairs would be 19,900
    [cluster] = neardup.clusters(result, neardup.near_pairs(result.pairs))
    assert len(cluster.members) == 200


def test_very_short_files_take_no_part_in_near_duplicates() -> None:
    fps = {f"{i}.txt": fingerprint(article(f"Item {i} was approved by the council on Monday.\n")) for i in range(50)}
    assert neardup.find_pairs(fps).pairs == []


def test_batched_verification_gives_the_measures_of_pair_by_pair_verification() -> None:
    import random

    rng = random.Random(5)
    words = [f"w{i}" for i in range(300)]
    sentences = [" ".join(rng.choices(words, k=rng.randint(6, 16))) + "." for _ in range(60)]
    texts = {f"{i:02d}.txt": " ".join(rng.sample(sentences, rng.randint(2, 12))) + "\n" for i in range(60)}
    texts["dup.txt"] = texts["00.txt"].upper()  # exact duplicate: the unbatched path
    fps = {p: fingerprint(article(t, p)) for p, t in texts.items()}
    nodes = {p: neardup.run_node(p, fp) for p, fp in fps.items()}
    seqs = {p: Sequence(fp.shingles, fp.starts, fp.ends) for p, fp in fps.items()}
    paths = sorted(fps)
    for a in paths:
        others = [b for b in paths if b > a]
        batched = neardup._verify_many(nodes[a], seqs[a], [(nodes[b], seqs[b]) for b in others])
        single = [p for b in others if (p := neardup._verify(nodes[a], seqs[a], nodes[b], seqs[b])) is not None]
        assert batched == single
    pairs = neardup.find_pairs(fps).pairs
    assert any(p.exact for p in pairs) and 100 < len(pairs) < 1000  # of 1,830: some kept, most not


def test_a_configured_severity_leaves_the_copy_to_keep_informational(tmp_path: Path) -> None:
    # a corpus that takes no second copy raises DU003 to error: the gate fails the copy, not the original
    text = "\n\n".join(STORY) + "\n"
    (tmp_path / "a.txt").write_text("Date: 2024-05-01\n\n" + text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "provcheck.toml").write_text('[severity]\nDU003 = "error"\n', encoding="utf-8")
    out = tmp_path / "out.json"
    args = ["--config", str(tmp_path / "provcheck.toml"), "--select", "DU003", "--no-reports", "--jobs", "1", "-q"]
    code = main(["check", str(tmp_path), *args, "--format", "json", "--output", str(out)])
    assert code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    severity = {Path(r["file"]["path"]).name: [f["severity"] for f in r["findings"]] for r in data["reports"]}
    assert severity == {"a.txt": ["info"], "b.txt": ["error"]}
    assert [Path(f["path"]).name for f in data["gate"]["failing"]] == ["b.txt"]


@pytest.mark.parametrize("seed", range(4))
def test_the_normalised_text_of_a_long_file_is_the_whole_texts(seed: int) -> None:
    """A file far longer than the pieces the exact-copy hash reads at a time: its normalised text (and
    so its hash) is the body's, NFKC-normalised, case-folded, every run of non-word characters one
    space, wherever the runs fall."""
    import random
    import unicodedata

    from rules.duplication.exact import normalised_text

    rng = random.Random(seed)
    pieces = ["Word", "x", "_", " ", " -- ", "\n\n", "É", "\ufb01", "2,000", "...", "\u00a0", "ß"]
    text = "".join(rng.choice(pieces) for _ in range(40_000))
    article = Article.from_text(text)
    whole = re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", article.body).casefold()).strip()
    assert normalised_text(article) == whole
