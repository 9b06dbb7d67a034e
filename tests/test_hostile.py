"""Hostile input (issue #18): runs of punctuation, repetition, credits, near-copy clusters, long lines.

Each test checks work or output that grows with the input: the number of comparisons made, the size
of what a report holds, the number of places a pattern is tried. None measures wall time (the
adversarial benchmark, ``benchmarks/adversarial.py``, prints the timings).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from checker import segment
from checker.article import Article
from rules.duplication.repeats import find_repeats
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
