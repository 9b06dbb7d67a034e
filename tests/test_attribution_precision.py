"""benchmarks/attribution_precision.py: the sample of findings to judge, the judgement file and the
precision it reports (on a small corpus folder of our own, laid out like ../shared/corpora)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "attribution_precision.py"
sys.path.insert(0, str(BENCH.parent))

from attribution_precision import wilson  # noqa: E402
from attribution_score import corpora as score_corpora  # noqa: E402
from attribution_score import spearman  # noqa: E402

from checker.article import Article  # noqa: E402
from checker.rule import RunContext  # noqa: E402
from rules.attribution import AttributionAnalyzer  # noqa: E402

ARTICLES = {
    "one": "Bridge to close\n\nOfficials said the bridge would close for a month.\n\nThe council met on Monday.\n\n"
    '"We will not raise taxes this year, whatever happens in the budget."\n',
    "two": "Stadium doubts\n\nCritics say the new stadium will never pay for itself.\n\nThe club sold 4,000 tickets in March.\n",
    "three": "The factory laid off 240 workers in March and closed its second plant.\n",
}


def corpus(tmp_path: Path, articles: dict[str, str]) -> Path:
    text = tmp_path / "corpora" / "polnear" / "dev" / "text"
    text.mkdir(parents=True)
    for stem, body in articles.items():
        (text / f"{stem}.txt").write_text(body, encoding="utf-8")
    return tmp_path / "corpora"


def run(*args: str | Path) -> str:
    done = subprocess.run([sys.executable, str(BENCH), *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


def test_wilson_interval() -> None:
    lo, hi = wilson(8, 10)
    assert (round(lo, 3), round(hi, 3)) == (0.490, 0.943)
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(20, 20)
    assert hi == 1.0 and 0.83 < lo < 0.84


def test_emit_judge_and_report(tmp_path: Path) -> None:
    root = corpus(tmp_path, ARTICLES)
    judgements = tmp_path / "judgements.tsv"
    todo = tmp_path / "todo.tsv"
    out = run(root, "--judgements", judgements, "--emit-unjudged", todo)
    assert "n/a (nothing judged)" in out
    rows = [line.split("\t") for line in todo.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert {r[1] for r in rows} == {"AT001", "AT002", "AT003", "AT004"}
    assert all(r[0].startswith("polnear-dev/") and len(r[2]) == 12 and r[3] == "" for r in rows)
    assert ">>> [[" in todo.read_text(encoding="utf-8")  # the context marks the finding
    # a judge fills the verdicts: the first AT001 finding wrong, everything else correct
    filled = []
    first_at001 = True
    for r in rows:
        verdict = "correct"
        if r[1] == "AT001" and first_at001:
            verdict, first_at001 = "wrong", False
        filled.append("\t".join([*r[:3], verdict, "because"]))
    judgements.write_text("# header\n" + "\n".join(filled) + "\n", encoding="utf-8")
    out = run(root, "--judgements", judgements, "--emit-unjudged", todo)
    at001 = next(line for line in out.splitlines() if line.startswith("AT001"))
    n = sum(1 for r in rows if r[1] == "AT001")
    assert n >= 2 and f"{(n - 1) / n:.2f} [" in at001
    assert "no judgement yet" not in out
    assert [line for line in todo.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")] == []


def test_a_finding_keeps_its_key_when_other_articles_change(tmp_path: Path) -> None:
    first = corpus(tmp_path / "a", ARTICLES)
    fewer = corpus(tmp_path / "b", {k: v for k, v in ARTICLES.items() if k != "two"})
    keys = []
    for root in (first, fewer):
        todo = root / "todo.tsv"
        run(root, "--judgements", root / "none.tsv", "--emit-unjudged", todo)
        keys.append({line for line in todo.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")})
    assert keys[1] == {k for k in keys[0] if not k.startswith("polnear-dev/two\t")}


def test_a_bad_verdict_is_refused(tmp_path: Path) -> None:
    root = corpus(tmp_path, ARTICLES)
    judgements = tmp_path / "judgements.tsv"
    judgements.write_text("polnear-dev/one\tAT002\tabcdefabcdef\tright\twhy\n", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError) as err:
        run(root, "--judgements", judgements)
    assert "is not one of correct, wrong, debatable" in err.value.stderr


def test_attribution_score_does_not_rank_by_length(corpora: Path) -> None:
    """On PolNeAR dev and naeb the attribution score's rank correlation with the word count stays
    within 0.15, and it follows the share of claims with no named source (benchmarks/attribution_score.py)."""
    analyzer = AttributionAnalyzer(RunContext(today=date(2026, 11, 22)))
    sets = score_corpora(corpora)
    if len(sets) < 2:
        pytest.skip("PolNeAR dev or naeb not found")
    for name, articles in sets.items():
        words, scores, shares = [], [], []
        for _, text in articles:
            article = Article.from_text(text)
            m = analyzer.analyze(article).metrics
            if m["attribution.family_score"] is None:
                continue
            claims = int(m["attribution.claim_sentences"] or 0)
            named = int(m["attribution.named_sentences"] or 0)
            words.append(float(article.word_count))
            scores.append(float(m["attribution.family_score"] or 0))
            shares.append((claims - named) / claims if claims else 0.0)
        assert abs(spearman(scores, words)) <= 0.15, name
        assert spearman(scores, shares) <= -0.8, name
