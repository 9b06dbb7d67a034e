"""Hostile input (issue #18): runs of punctuation, repetition, credits, near-copy clusters, long lines.

Each test checks work or output that grows with the input: the number of comparisons made, the size
of what a report holds, the number of places a pattern is tried. None measures wall time (the
adversarial benchmark, ``benchmarks/adversarial.py``, prints the timings).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from checker import segment
from checker.article import Article
from checker.config import Config
from checker.models import Family, Finding, Severity, Span
from checker.scoring import HELD, Bounded, listed, order_key, score
from rules.dates import grammar
from rules.duplication import neardup
from rules.duplication.repeats import find_repeats
from rules.duplication.shingles import fingerprint
from rules.provenance import extract
from tests.conftest import Result


# --- 1. runs of end punctuation ---------------------------------------------------------------------
def test_a_run_of_end_marks_is_one_candidate_end_tried_once() -> None:
    # The sentence-end pattern starts only at the first mark of a run: inside the run no match is
    # attempted past the look-behind, so a paragraph ending in 100 KB of "!" is read once.
    run = "The vote passed" + "!" * 5000 + " Then it failed."
    first = run.index("!")
    assert segment._END.match(run, first) is not None
    assert all(segment._END.match(run, i) is None for i in range(first + 1, first + 5000))
    article = Article.from_text(run + "\n\n" + "Wait" + "?" * 3000 + "\n")
    got = [article.slice(s) for s in article.sentences]
    assert got == ["The vote passed" + "!" * 5000, "Then it failed.", "Wait" + "?" * 3000]


# --- 2. repeated sentences ------------------------------------------------------------------------------
def test_repeat_finder_verifies_a_bounded_number_of_pairs_per_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every sentence is compared with a bounded number of candidates (MinHash over 4-grams), not
    # with every other sentence: 600 near-identical sentences make at most 17 comparisons each.
    calls = 0
    ratio = fuzz.ratio

    def counting(*args: Any, **kwargs: Any) -> float:
        nonlocal calls
        calls += 1
        return float(ratio(*args, **kwargs))

    monkeypatch.setattr(fuzz, "ratio", counting)
    n = 600
    text = "".join(f"The council approved budget number {i} for the schools and the roads on Tuesday. " for i in range(n))
    found = find_repeats(Article.from_text(text))
    assert len(found) == n - 1
    assert {(r.first_start, r.occurrence) for r in found[-1:]} == {(0, n)}
    assert calls <= 17 * n


def test_a_file_that_is_mostly_repetition_does_not_pass(tmp_path: Path, cli: Callable[..., Result]) -> None:
    sentence = "The council approved the new budget for schools and roads on Tuesday. "
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rep.txt").write_text(" date 2025-03-23 " + sentence * 2000 + "\n", encoding="utf-8")
    result = cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    report = json.loads((tmp_path / "reports" / "rep.txt.json").read_text(encoding="utf-8"))
    assert report["verdict"] != "pass", result.stdout
    heavy = [f for f in report["findings"] if f["rule"] == "DU001" and f["severity"] == "error"]
    assert len(heavy) == 1 and heavy[0]["evidence"]["repeated_share"] > 0.99
    assert heavy[0]["message"].startswith("mostly repetition: 100% of the text")


# --- 3. picture credits ---------------------------------------------------------------------------------
def test_a_row_of_credits_gives_captionless_credits_not_ever_longer_captions() -> None:
    text = "Crowds gathered outside the court. " + "(AP Photo/Jane Roe) " * 2000 + "\n"
    rec = extract.analyse(Article.from_text(text))
    assert len(rec.credits) == 2000
    first, *rest = sorted(rec.credits, key=lambda c: c.start)
    assert text[first.caption_start or 0 : first.start].strip() == "Crowds gathered outside the court."
    assert all(c.caption_start is None for c in rest)


def test_a_caption_reaches_back_a_bounded_way_and_starts_at_a_sentence() -> None:
    long_sentence = "The crowd " + "waited and " * 300 + "cheered"
    text = f"{long_sentence}. Police watched. (AP Photo/Jane Roe)\n\n{long_sentence} (Reuters/Ann Lee)\n"
    rec = extract.analyse(Article.from_text(text))
    one, two = sorted(rec.credits, key=lambda c: c.start)
    assert text[one.caption_start or 0 : one.start].strip() == "Police watched."  # the sentence before, not the long one
    assert two.caption_start is not None and two.start - two.caption_start <= extract.CAPTION_MAX_CHARS
    assert text[two.caption_start - 1] == " "  # cut at a word


def test_thousands_of_credits_give_a_report_of_bounded_size(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "in").mkdir()
    text = "Crowds gathered outside the court. " + "(AP Photo/Jane Roe) " * 3000 + "\n"
    (tmp_path / "in" / "credits.txt").write_text(text, encoding="utf-8")
    cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    report = json.loads((tmp_path / "reports" / "credits.txt.json").read_text(encoding="utf-8"))
    assert len(report["provenance"]["credits"]) == 100
    assert report["details"]["provenance"]["omitted"]["credits"] == 2900
    size = sum(p.stat().st_size for p in (tmp_path / "reports").glob("credits.txt.*"))
    assert size < 4 * len(text)


# --- the first N findings of one rule in one file, with a count of the rest ------------------------------
def test_a_report_lists_at_most_max_findings_per_rule_and_counts_the_rest(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "in").mkdir()
    sentences = [f"The council approved budget line {i} for the schools and the roads on Tuesday." for i in range(30)]
    body = " ".join(sentences) + "\n\n" + "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 30, 3)) + "\n"
    (tmp_path / "in" / "rep.txt").write_text(" date 2025-03-23 " + body, encoding="utf-8")
    (tmp_path / "provcheck.toml").write_text("max-findings-per-rule = 5\n", encoding="utf-8")
    cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    report = json.loads((tmp_path / "reports" / "rep.txt.json").read_text(encoding="utf-8"))
    du001 = [f for f in report["findings"] if f["rule"] == "DU001"]
    assert len(du001) == 5 and du001[0]["severity"] == "error"  # the most serious is kept first
    markdown = (tmp_path / "reports" / "rep.txt.md").read_text(encoding="utf-8")
    (tmp_path / "provcheck.toml").unlink()
    cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    full = json.loads((tmp_path / "reports" / "rep.txt.json").read_text(encoding="utf-8"))
    total = sum(f["rule"] == "DU001" for f in full["findings"])
    assert 5 < total <= 50 and full["findings_omitted"] == {}
    assert report["findings_omitted"] == {"DU001": total - 5}
    assert f"Not listed (max_findings_per_rule): {total - 5} more DU001." in markdown
    assert report["scores"] == full["scores"]  # every finding counts


def test_listing_keeps_the_most_serious_findings_in_their_order() -> None:
    def f(rule: str, sev: Severity, start: int) -> Finding:
        return Finding(rule=rule, name="x", family=Family.DATES, severity=sev, message=str(start), span=None, excerpt="")

    found = [f("DT004", Severity.INFO, 0), f("DT004", Severity.WARNING, 1), f("DT001", Severity.ERROR, 2), f("DT004", Severity.INFO, 3)]
    shown, omitted = listed(found, 1)
    assert [(x.rule, x.message) for x in shown] == [("DT004", "1"), ("DT001", "2")]
    assert omitted == {"DT004": 2}
    assert listed(found, 3) == (found, {})


# --- 4. near-copy clusters ------------------------------------------------------------------------------
def _copies(n: int) -> list[str]:
    story = [f"Sentence {w} of the wire story says the council met the unions about {w} pay deals and rail fares." for w in range(40)]
    out = []
    for i in range(n):
        sents = list(story)
        sents[i % 40] = f"Copy {i} changed this sentence about the strike and the rail network today."
        out.append(" date 2025-03-23 " + "\n\n".join(" ".join(sents[j : j + 4]) for j in range(0, 40, 4)) + "\n")
    return out


def test_a_cluster_of_near_copies_lists_the_strongest_neighbours_and_counts_the_rest(tmp_path: Path, cli: Callable[..., Result]) -> None:
    n = 60
    (tmp_path / "in").mkdir()
    for i, text in enumerate(_copies(n)):
        (tmp_path / "in" / f"c{i:03d}.txt").write_text(text, encoding="utf-8")
    cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    for i in range(n):
        report = json.loads((tmp_path / "reports" / f"c{i:03d}.txt.json").read_text(encoding="utf-8"))
        dup = report["details"]["duplication"]
        assert dup["cluster"]["size"] == n
        assert len(dup["cluster"]["members"]) == 10 and dup["cluster"]["members_omitted"] == n - 10
        assert len(dup["neighbours"]) <= 10
        assert report["metrics"]["duplication.near_duplicates"] == len(dup["neighbours"]) + dup.get("neighbours_omitted", 0)
        du004 = [f for f in report["findings"] if f["rule"] == "DU004"]
        assert 1 <= len(du004) <= 10
        assert {f["evidence"]["ref"] for f in du004} <= {nb["ref"] for nb in dup["neighbours"]}
    first = json.loads((tmp_path / "reports" / "c000.txt.json").read_text(encoding="utf-8"))
    assert first["details"]["duplication"]["neighbours_omitted"] > 0  # an anchor of the big LSH buckets


def test_near_copies_are_verified_a_bounded_number_of_times_and_stay_one_cluster() -> None:
    n = 240
    digests = {f"c{i:03d}": fingerprint(Article.from_text(text, f"c{i:03d}")) for i, text in enumerate(_copies(n))}
    result = neardup.find_pairs(digests)
    near = neardup.near_pairs(result.pairs)
    assert [len(c.members) for c in neardup.clusters(result, near)] == [n]
    assert len(result.pairs) <= 2 * neardup.MAX_CANDIDATES * n
    degree = Counter(k for p in result.pairs for k in (p.a.key, p.b.key))
    assert sorted(degree.values())[n // 2] <= 2 * neardup.MAX_CANDIDATES


# --- 5. long lines, many lines, dates ---------------------------------------------------------------------
class _CountingText(str):
    """A text that counts the characters its ``rfind`` and ``find`` calls are given to search."""

    searched = 0

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:
        _CountingText.searched += (len(self) if end is None else end) - (start or 0)
        return str.rfind(self, sub, start, end)

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        _CountingText.searched += (len(self) if end is None else end) - (start or 0)
        return str.find(self, sub, start, end)


def test_dates_on_one_long_line_search_a_bounded_window_per_date() -> None:
    n = 3000
    text = _CountingText("The figures were published on " + "2025-01-01 " * n)
    _CountingText.searched = 0
    mentions = grammar.find_mentions(text)
    assert len(mentions) == n
    assert _CountingText.searched <= 4 * grammar.CAPTION_REACH * n  # was the whole line before each date


def test_a_million_short_lines_are_not_a_report_listing_every_sentence(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "in").mkdir()
    text = "2025-01-01 Stocks fell.\n" * 3000
    (tmp_path / "in" / "lines.txt").write_text(text, encoding="utf-8")
    cli("check", "in", "--today", "2026-11-22", cwd=tmp_path)
    report = json.loads((tmp_path / "reports" / "lines.txt.json").read_text(encoding="utf-8"))
    assert report["metrics"]["attribution.sentences"] == 3000  # the metrics count every sentence
    attribution, dates = report["details"]["attribution"], report["details"]["dates"]
    assert len(attribution["sentences"]) + attribution["sentences_omitted"] == 3000
    assert len(dates["explicit"]) + dates["explicit_omitted"] == 3000
    assert len(attribution["sentences"]) < 3000 and len(dates["explicit"]) < 3000


def test_a_rule_s_findings_are_bounded_as_they_are_made_with_the_same_scores() -> None:
    def f(i: int, sev: Severity) -> Finding:
        span = Span(start=i, end=i + 1, line=1, column=i + 1, end_line=1, end_column=i + 2)
        return Finding(rule="DU001", name="x", family=Family.DUPLICATION, severity=sev, message="m", span=span)

    made = [f(i, Severity.ERROR if i % 50 == 7 else Severity.WARNING) for i in range(1000)]
    kept = Bounded(5)
    for x in made:
        kept.add(x)
    held = kept.findings()
    assert len(held) == HELD and kept.left == 1000 - HELD
    assert sum(x.severity is Severity.ERROR for x in held) == 20  # every error is held
    config = Config()
    assert score(held, config) == score(made, config)
    shown, omitted = listed(sorted(held, key=order_key), 5, {"DU001": kept.left})
    assert [x.span.start for x in shown if x.span] == [7, 57, 107, 157, 207]
    assert omitted == {"DU001": 995}
