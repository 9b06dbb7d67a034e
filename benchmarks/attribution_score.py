"""Does the attribution score rank articles by their sourcing, not by their length?

For every article of PolNeAR dev and naeb: its word count, the attribution score (``attribution.family_score``,
the weighted share of claim sentences with no named source: docs/scoring.md), the share of its
claim sentences that are unattributed, anonymous or vague, and, for comparison, the score the
findings alone would give (each finding costing its weight, as the other families are scored).
Prints Spearman's rank correlation of each score with the word count (the aim: |rho| <= 0.15) and
with the share of poorly sourced claims, per corpus, and the articles that get no score (not
English).

    .venv/bin/python benchmarks/attribution_score.py [CORPORA]
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args()
    sets = corpora(Path(args.corpora))
    if not sets:
        sys.exit(f"no corpus found under {args.corpora}")
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
        listed = f": {', '.join(unscored[:10])}" if unscored else ""
        why = "not English, or the writer's own voice: opinion, a review, a guide"
        print(f"{name}: {len(articles)} articles, {len(unscored)} with no attribution score ({why}){listed}")
        for label, values in (("attribution score (share of claims)", new), ("score from the findings' cost (old)", old)):
            print(
                f"  {label}: mean {np.mean(values):5.1f}   Spearman rho with word count {spearman(values, words):+.3f}"
                f"   with the share of claims not named-sourced {spearman(values, share):+.3f}"
            )


if __name__ == "__main__":
    main()
