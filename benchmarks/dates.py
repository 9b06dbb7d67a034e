"""Dates family (DT) benchmark: throughput of the family alone on one core, and its findings on naeb.

Each naeb article is written as a file with its labelled date as the header (`` date YYYY-MM-DD ``
then the text), as the issue asks. Prints articles per second of the dates analyzer plus the DT
document rules, the family alone (articles parsed and segmented beforehand: the engine does that
once for every family) and with the parse, how often DT002 / DT003 fire, every DT002 / DT003 finding, and relative-date
counts. ``--show-relative N`` prints the resolutions of N articles for checking by hand.

    .venv/bin/python benchmarks/dates.py [CORPORA_DIR] [--today 2026-11-22] [--show-relative 50]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

from checker.article import Article
from checker.rule import DocumentRule, RunContext
from rules.dates import RULES, DatesAnalyzer

ROOT = Path(__file__).resolve().parent.parent


def load_naeb(corpora: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in (corpora / "naeb" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for row in rows:
        header = f" date {row['date']} " if row.get("date") else ""
        out.append((f"naeb/{row['id']}.txt", header + row["text"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 22))
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus for the throughput figure")
    ap.add_argument("--show-relative", type=int, default=0, metavar="N", help="print relative-date resolutions of N random articles")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    corpora = Path(args.corpora)
    if not (corpora / "naeb" / "articles.jsonl").is_file():
        print(f"naeb corpus not found under {corpora}", file=sys.stderr)
        return 2
    docs = load_naeb(corpora)
    context = RunContext(today=args.today)
    rules: list[DocumentRule] = [cls(context) for cls in RULES if issubclass(cls, DocumentRule)]
    analyzer = DatesAnalyzer(context)

    # throughput: analyzer + every DT document rule, one process; the best of --repeat passes of CPU
    # time (other processes on the machine only ever slow a pass down). "Alone": the articles are
    # parsed and segmented (paragraphs, sentences, words) beforehand, as the engine does once for all
    # families; "with the parse": that work counted too.
    def parsed() -> list[Article]:
        out = [Article.from_text(text, path) for path, text in docs]
        for a in out:
            _ = (a.paragraphs, a.sentences, a.words)
        return out

    alone, with_parse = [], []
    for _ in range(args.repeat):
        arts = parsed()
        start = time.process_time()
        for article in arts:
            analyzer.analyze(article)
            for rule in rules:
                list(rule.check(article))
        alone.append(time.process_time() - start)
        start = time.process_time()
        for article in parsed():
            analyzer.analyze(article)
            for rule in rules:
                list(rule.check(article))
        with_parse.append(time.process_time() - start)
    chars = sum(len(t) for _, t in docs) / len(docs)
    n = len(docs)
    print(
        f"throughput, the family alone: {n / min(alone):,.0f} articles/s on one core (best of {args.repeat} passes over {n} "
        f"articles; mean pass {n * len(alone) / sum(alone):,.0f}/s; mean article {chars:,.0f} chars)"
    )
    print(f"throughput, with the parse and segmentation: {n / min(with_parse):,.0f} articles/s (best pass)")

    fired: dict[str, set[str]] = {r.id: set() for r in rules}
    listing: list[str] = []
    totals = {"mentions": 0, "relative": 0, "resolved": 0}
    samples: list[tuple[str, dict[str, object]]] = []
    for path, text in docs:
        article = Article.from_text(text, path)
        contribution = analyzer.analyze(article)
        for key in totals:
            value = contribution.metrics[f"dates.{key}"]
            totals[key] += int(value or 0)
        assert isinstance(contribution.details, dict)
        samples.append((path, contribution.details))
        for rule in rules:
            for hit in rule.check(article):
                fired[rule.id].add(path)
                if rule.id in ("DT002", "DT003"):
                    excerpt = text[max(0, (hit.start or 0) - 80) : (hit.end or 0) + 60].replace("\n", " ")
                    listing.append(f"  {rule.id} {path}: {hit.message}\n      ...{excerpt}...")
    print(f"articles: {len(docs)}")
    for rule_id, paths in sorted(fired.items()):
        print(f"{rule_id}: fires on {len(paths)} articles ({100 * len(paths) / len(docs):.1f}%)")
    either = fired.get("DT002", set()) | fired.get("DT003", set())
    print(f"DT002 or DT003: {len(either)} articles ({100 * len(either) / len(docs):.1f}%; target < 2%)")
    print(
        f"date mentions: {totals['mentions']}, relative: {totals['relative']}, resolved: {totals['resolved']} "
        f"({100 * totals['resolved'] / max(1, totals['relative']):.0f}%)"
    )
    if listing:
        print("DT002 / DT003 findings:")
        print("\n".join(listing))
    if args.show_relative:
        rng = random.Random(args.seed)
        texts = dict(docs)
        for path, det in sorted(rng.sample(samples, min(args.show_relative, len(samples)))):
            anchor = det.get("anchor")
            print(f"\n== {path} anchor {anchor}")
            relative = det.get("relative")
            assert isinstance(relative, list)
            text = texts[path]
            for rec in relative:
                context_text = text[max(0, rec["start"] - 70) : rec["end"] + 40].replace("\n", " ")
                value = rec.get("value") or f"{rec.get('from')}..{rec.get('to')}"
                print(f"  {rec['text']!r:28} -> {value}  [{rec.get('tense', '-')}]  ...{context_text}...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
