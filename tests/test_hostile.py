"""Hostile input (issue #18): runs of punctuation, repetition, credits, near-copy clusters, long lines.

Each test checks work or output that grows with the input: the number of comparisons made, the size
of what a report holds, the number of places a pattern is tried. None measures wall time (the
adversarial benchmark, ``benchmarks/adversarial.py``, prints the timings).
"""

from __future__ import annotations

from checker import segment
from checker.article import Article


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
