"""Attribution family on PolNeAR: sentence-level "attributed" precision/recall/F1, a keyword
baseline for scale, throughput on one core, and samples of AT001/AT002 findings for hand-checking.

Gold: a sentence (as the checker segments it) is *attributed* when it overlaps a Source, Cue or
Content span of the article's first annotator file (by file name). Prediction: the sentence's label
is attributed-named, attributed-anonymous or attributed-vague. Two baselines for scale: "keyword"
(a reporting-verb keyword list) and "all" (every sentence attributed: about 70% of PolNeAR
sentences are, so this alone scores F1 0.82 with precision 0.70).

    .venv/bin/python benchmarks/attribution_polnear.py [CORPORA] [--split dev] [--sample AT002 --n 100]
    .venv/bin/python benchmarks/attribution_polnear.py [CORPORA] --split train --errors fn --n 100

``--errors fn`` (or ``fp``) prints a random sample of false negatives (false positives) with the
gold Source/Cue/Content spans that overlap each sentence and the checker's label and cue: read
them on ``train`` only, never on ``dev``, which is for reporting.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.article import Article  # noqa: E402
from checker.rule import RunContext  # noqa: E402
from rules.attribution import ANALYZERS, RULES  # noqa: E402
from rules.attribution.analysis import ANONYMOUS, NAMED, VAGUE, analyse  # noqa: E402
from rules.provenance.extract import analyse as provenance_record  # noqa: E402

ATTRIBUTED = {NAMED, ANONYMOUS, VAGUE}
# The keyword baseline: a sentence is attributed when it contains one of these reporting words.
KEYWORDS = re.compile(
    r"\b(?:said|says|say|saying|told|tells|according to|announced|claimed|claims|stated|reported|added|"
    r"argued|noted|wrote|writes|explained|asked|insisted|suggested|warned|believes|believe|thinks|think)\b",
    re.IGNORECASE,
)


def load(split_dir: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    first: dict[str, Path] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        first.setdefault(path.name.rsplit("_", 1)[0], path)
    out = []
    for txt in sorted((split_dir / "text").glob("*.txt")):
        ann = first.get(txt.stem)
        if ann is None:
            continue
        spans: list[tuple[int, int]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, _, locs = parts[1].partition(" ")
            if kind not in ("Source", "Cue", "Content"):
                continue
            for seg in locs.split(";"):
                a, b = seg.split()
                spans.append((int(a), int(b)))
        out.append((txt.stem, txt.read_text(encoding="utf-8"), spans))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(data: list[tuple[str, str, list[tuple[int, int]]]]) -> dict[str, tuple[int, int, int]]:
    counts = {"provcheck": [0, 0, 0], "keyword": [0, 0, 0], "all": [0, 0, 0]}
    for _, text, spans in data:
        article = Article.from_text(text)
        analysis = analyse(article)
        for info in analysis.sentences:
            gold = any(a < info.end and b > info.start for a, b in spans)
            for name, pred in (
                ("provcheck", info.label in ATTRIBUTED),
                ("keyword", bool(KEYWORDS.search(text, info.start, info.end))),
                ("all", True),  # every sentence attributed: the base rate
            ):
                c = counts[name]
                if pred and gold:
                    c[0] += 1
                elif pred:
                    c[1] += 1
                elif gold:
                    c[2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def throughput(data: list[tuple[str, str, list[tuple[int, int]]]], rounds: int = 5) -> tuple[float, float, float]:
    """Articles per second (CPU time): the family alone (rules + analyzer on a parsed article whose
    provenance record, shared with the provenance family, is already made), with that record, and
    with the shared parse (paragraphs and sentences) too: the best of ``rounds`` passes over the
    articles, since other processes on the machine only ever make a pass slower."""
    ctx = RunContext(today=date(2026, 11, 22))
    rules = [cls(ctx) for cls in RULES]
    analyzers = [cls(ctx) for cls in ANALYZERS]
    texts = [t for _, t, _ in data]
    family = with_record = total = float("inf")
    for _ in range(rounds):
        fam = rec = tot = 0.0
        for text in texts:
            t0 = time.process_time()
            article = Article.from_text(text)
            _ = article.sentences
            t1 = time.process_time()
            article.derive(provenance_record)
            t2 = time.process_time()
            for a in analyzers:
                a.analyze(article)
            for r in rules:
                list(r.check(article))
            t3 = time.process_time()
            fam += t3 - t2
            rec += t3 - t1
            tot += t3 - t0
        family, with_record, total = min(family, fam), min(with_record, rec), min(total, tot)
    return len(texts) / family, len(texts) / with_record, len(texts) / total


def sample(data: list[tuple[str, str, list[tuple[int, int]]]], rule_id: str, n: int, seed: int) -> None:
    ctx = RunContext(today=date(2026, 11, 22))
    rule = next(cls(ctx) for cls in RULES if cls.id == rule_id)
    hits = []
    for stem, text, _ in data:
        article = Article.from_text(text)
        for hit in rule.check(article):
            hits.append((stem, article, hit))
    random.Random(seed).shuffle(hits)
    print(f"{len(hits)} {rule_id} hits; {min(n, len(hits))} sampled (seed {seed})")
    for i, (stem, article, hit) in enumerate(hits[:n], 1):
        sents = [s for s in article.sentences if s.start <= (hit.start or 0) < s.end]
        sent = article.text[sents[0].start : sents[0].end] if sents else ""
        print(f"\n[{i}] {stem}\n  {hit.message}\n  evidence: {dict(hit.evidence)}\n  sentence: {' '.join(sent.split())}")


def gold_spans(split_dir: Path, stem: str) -> list[tuple[int, int, str, str]]:
    """The first annotator's Source, Cue and Content spans of one article: (start, end, kind, text)."""
    anns = sorted(p for p in (split_dir / "attributions").glob(f"{stem}_*.ann") if p.name.rsplit("_", 1)[0] == stem)
    out: list[tuple[int, int, str, str]] = []
    if not anns:
        return out
    for line in anns[0].read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        kind, _, locs = parts[1].partition(" ")
        if kind in ("Source", "Cue", "Content"):
            for seg in locs.split(";"):
                a, b = seg.split()
                out.append((int(a), int(b), kind, parts[2] if len(parts) > 2 else ""))
    return out


def errors(split_dir: Path, data: list[tuple[str, str, list[tuple[int, int]]]], which: str, n: int, seed: int) -> None:
    """Print a sample of false negatives ("fn") or false positives ("fp") for error analysis."""
    found = []
    for stem, text, spans in data:
        analysis = analyse(Article.from_text(text))
        for info in analysis.sentences:
            gold = any(a < info.end and b > info.start for a, b in spans)
            pred = info.label in ATTRIBUTED
            if (which == "fn" and gold and not pred) or (which == "fp" and pred and not gold):
                found.append((stem, text, info))
    random.Random(seed).shuffle(found)
    print(f"{len(found)} {which.upper()} sentences; {min(n, len(found))} sampled (seed {seed})")
    for i, (stem, text, info) in enumerate(found[:n], 1):
        print(f"\n[{i}] {stem}  ({info.label}: {info.reason})\n  {' '.join(text[info.start : info.end].split())}")
        src = info.source
        if src is not None:
            print(f"  provcheck: {src.kind} source {src.name!r}, cue {text[src.cue_start : src.cue_end]!r} ({src.via})")
        for a, b, kind, span in gold_spans(split_dir, stem):
            if a < info.end and b > info.start:
                print(f"  gold {kind:7s} {' '.join(span.split())[:100]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--split", default="dev", help="dev (report) or train (tuning)")
    parser.add_argument("--sample", help="print a sample of this rule's findings (AT001, AT002...) instead")
    parser.add_argument("--errors", choices=("fn", "fp"), help="print a sample of false negatives or positives (train only)")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    split = Path(args.corpora) / "polnear" / args.split
    if not split.is_dir():
        sys.exit(f"PolNeAR split not found: {split}")
    data = load(split)
    if args.sample:
        sample(data, args.sample, args.n, args.seed)
        return
    if args.errors:
        errors(split, data, args.errors, args.n, args.seed)
        return
    print(f"PolNeAR {args.split}: {len(data)} articles")
    results = evaluate(data)
    for name, (tp, fp, fn) in results.items():
        p, r, f = prf(tp, fp, fn)
        print(f"  {name:10s} attributed sentences  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    fam, rec, tot = throughput(data)
    print(
        f"  throughput (one core): {fam:,.0f} articles/s for the attribution family alone; {rec:,.0f} articles/s "
        f"with the provenance record it shares (dateline, credit and caption lines); {tot:,.0f} articles/s with the "
        "shared parse (paragraphs, sentences) too"
    )


if __name__ == "__main__":
    main()
