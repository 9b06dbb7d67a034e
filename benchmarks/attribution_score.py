"""Does the attribution score rank articles by their sourcing, not by their length?

For every article of PolNeAR dev and naeb: its word count, the attribution score (``attribution.family_score``,
the weighted share of claim sentences with no named source: docs/scoring.md), the share of its
claim sentences that are unattributed, anonymous or vague, and, for comparison, the score the
findings alone would give (each finding costing its weight, as the other families are scored).
Prints Spearman's rank correlation of each score with the word count (the aim: |rho| <= 0.15) and
with the share of poorly sourced claims, per corpus, and the articles that get no score (not
English).

The hand-ranked set: ``--emit-ranking-set DIR`` draws 20 articles (seed 19; 10 from each corpus,
300 to 1,500 words, so that a judge can read them whole) and writes them to DIR as ``R01.txt`` ...
``R20.txt`` with ``key.tsv`` mapping each to its article, nothing else: a judge who did not write
the rules ranks them by how well their claims are sourced, following
``benchmarks/data/attribution_ranking_rubric.md``. The rankings are kept in
``benchmarks/data/attribution_ranking.tsv`` (``article<TAB>judge<TAB>rank<TAB>why``, rank 1 the
best sourced); this script prints Spearman's rho between the attribution score and each judge's
ranking and their mean rank (aim >= 0.7), and between the judges.

    .venv/bin/python benchmarks/attribution_score.py [CORPORA]
    .venv/bin/python benchmarks/attribution_score.py --emit-ranking-set /tmp/ranking
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import scoring  # noqa: E402
from checker.article import Article  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.models import Family, Finding  # noqa: E402
from checker.rule import RunContext  # noqa: E402
from rules.attribution import RULES, AttributionAnalyzer  # noqa: E402

RANKING = ROOT / "benchmarks" / "data" / "attribution_ranking.tsv"
RANKING_SEED = 19
RANKING_PER_CORPUS = 10
RANKING_WORDS = (300, 1500)


def spearman(x: list[float], y: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the average ranks."""

    def ranks(v: list[float]) -> np.ndarray:
        a = np.asarray(v, dtype=float)
        order = a.argsort(kind="mergesort")
        r = np.empty(len(a))
        r[order] = np.arange(len(a), dtype=float)
        for value in np.unique(a):  # ties share their average rank
            tied = a == value
            r[tied] = r[tied].mean()
        return r

    rx, ry = ranks(x), ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def corpora(root: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    dev = root / "polnear" / "dev" / "text"
    if dev.is_dir():
        out["PolNeAR dev"] = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(dev.glob("*.txt"))]
    naeb = root / "naeb" / "articles.jsonl"
    if naeb.is_file():
        rows = [json.loads(line) for line in naeb.read_text(encoding="utf-8").splitlines() if line.strip()]
        out["naeb"] = [(str(r["id"]), r["text"]) for r in rows]
    return out


def corpus_key(corpus: str, art_id: str) -> str:
    """The article's key, as benchmarks/attribution_precision.py names it."""
    return f"{'naeb' if corpus == 'naeb' else 'polnear-dev'}/{art_id}"


def ranking_set(sets: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The fixed sample of articles to rank by hand: (key, text), in the order they are numbered."""
    rng = random.Random(RANKING_SEED)
    chosen: list[tuple[str, str]] = []
    for corpus, articles in sorted(sets.items()):
        fit = [(corpus_key(corpus, i), t) for i, t in articles if RANKING_WORDS[0] <= len(t.split()) <= RANKING_WORDS[1]]
        chosen += rng.sample(fit, min(RANKING_PER_CORPUS, len(fit)))
    rng.shuffle(chosen)
    return chosen


def emit_ranking_set(sets: dict[str, list[tuple[str, str]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    key = []
    for n, (art_key, text) in enumerate(ranking_set(sets), 1):
        (out / f"R{n:02d}.txt").write_text(text, encoding="utf-8")
        key.append(f"R{n:02d}\t{art_key}\n")
    (out / "key.tsv").write_text("".join(key), encoding="utf-8")
    print(f"wrote {len(key)} articles and key.tsv to {out}")


def read_ranking(path: Path) -> dict[str, dict[str, float]]:
    """judge -> article key -> rank."""
    out: dict[str, dict[str, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, judge, rank = line.split("\t")[:3]
        out.setdefault(judge, {})[article] = float(rank)
    return out


def report_ranking(scores: dict[str, float], path: Path) -> None:
    if not path.is_file():
        print(f"hand-ranked set: {path.name} not found")
        return
    judges = read_ranking(path)
    keys = sorted(set.intersection(*(set(r) for r in judges.values())))
    scored = [k for k in keys if k in scores]
    print(f"hand-ranked set: {len(keys)} articles ranked by {len(judges)} judge(s), {len(scored)} with a score")
    # rank 1 is the best sourced: a good score is high, so rho is taken against the negated rank
    for judge, ranks in sorted(judges.items()):
        rho = spearman([scores[k] for k in scored], [-ranks[k] for k in scored])
        print(f"  Spearman rho, attribution score vs {judge}: {rho:+.3f}")
    mean = {k: float(np.mean([r[k] for r in judges.values()])) for k in keys}
    rho = spearman([scores[k] for k in scored], [-mean[k] for k in scored])
    print(f"  Spearman rho, attribution score vs the judges' mean rank: {rho:+.3f} (aim >= 0.7)")
    names = sorted(judges)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            rho = spearman([judges[a][k] for k in keys], [judges[b][k] for k in keys])
            print(f"  Spearman rho between judges {a} and {b}: {rho:+.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--emit-ranking-set", metavar="DIR", type=Path, help="write the articles to rank by hand and stop")
    parser.add_argument("--ranking", type=Path, default=RANKING, help="the judges' rankings (default: %(default)s)")
    args = parser.parse_args()
    sets = corpora(Path(args.corpora))
    if not sets:
        sys.exit(f"no corpus found under {args.corpora}")
    if args.emit_ranking_set:
        emit_ranking_set(sets, args.emit_ranking_set)
        return
    by_key: dict[str, float] = {}
    ctx = RunContext(today=date(2026, 11, 22))
    config = Config()
    rules = [cls(ctx) for cls in RULES]
    analyzer = AttributionAnalyzer(ctx)
    for name, articles in sets.items():
        words: list[float] = []
        new: list[float] = []
        old: list[float] = []
        share: list[float] = []
        unscored: list[str] = []
        for art_id, text in articles:
            article = Article.from_text(text)
            metrics = analyzer.analyze(article).metrics
            findings = [
                Finding(rule=r.id, name=r.name, family=Family.ATTRIBUTION, severity=h.severity or r.severity, message=h.message)
                for r in rules
                for h in r.check(article)
            ]
            if metrics["attribution.family_score"] is None:
                unscored.append(art_id)
                continue
            claims = int(metrics["attribution.claim_sentences"] or 0)
            poor = int(metrics["attribution.unattributed_sentences"] or 0) + int(metrics["attribution.anonymous_sentences"] or 0)
            poor += int(metrics["attribution.vague_sentences"] or 0)
            words.append(article.word_count)
            new.append(float(metrics["attribution.family_score"] or 0))
            old.append(float(scoring.score(findings, config).attribution or 0))
            share.append(poor / claims if claims else 0.0)
            by_key[corpus_key(name, art_id)] = new[-1]
        listed = f": {', '.join(unscored[:10])}" if unscored else ""
        why = "not English, or the writer's own voice: opinion, a review, a guide"
        print(f"{name}: {len(articles)} articles, {len(unscored)} with no attribution score ({why}){listed}")
        for label, values in (("attribution score (share of claims)", new), ("score from the findings' cost (old)", old)):
            print(
                f"  {label}: mean {np.mean(values):5.1f}   Spearman rho with word count {spearman(values, words):+.3f}"
                f"   with the share of claims not named-sourced {spearman(values, share):+.3f}"
            )
    report_ranking(by_key, args.ranking)


if __name__ == "__main__":
    main()
