"""Translation family (MT) benchmark: false alarms on human news, detection of machine translation,
and throughput on one core.

    .venv/bin/python benchmarks/translation.py [CORPORA] [--show-hits] [--show-signals KIND]

CORPORA defaults to ../shared/corpora relative to the project. Prints, for
``naeb/articles.jsonl`` (human news): MT000 rate, span-rule hits per 10,000 words by rule, and the
span rules' findings at error severity (a doubled word outside an MT000 text is a warning); for
``translation/wmt_weak_mt_dev.jsonl`` and ``translation/htmt_wmt18_de_en.jsonl``: the ROC AUC of
the document score (MT vs human), the share of MT documents reaching the shipped MT000 threshold,
and the best recall at a threshold that flags at most 2% of the human documents (these plus naeb);
for ``seeds/``: each seed's score; and the family's articles per second on one core.

Across files (the corpus halves of MT003 and MT004), on human news only (naeb, and the 924 texts
of ``polnear/*/text`` when present): the hits across files when each set forms one run and when
all do, and when each half of naeb is checked against an archive index built from the other half,
and each set against an index of the other (every pair of articles meets through the index once),
with the CPU time of the corpus step. Every such hit is a false alarm: ``--show-hits`` prints each.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from checker.article import Article
from checker.index import ArchiveIndex, EntryData
from checker.rule import Corpus, CorpusRule, DocumentRule, Hit, RunContext
from rules import translation as mt
from rules.duplication.shingles import fingerprint

ROOT = Path(__file__).resolve().parent.parent
RULE_OF_KIND = {
    "stutter": "MT001",
    "out-of-place": "MT002",
    "unknown-word": "MT002",
    "title-conflict": "MT003",
    "mangled-name": "MT004",
    "broken": "MT005",
}
SEVERITY = {
    "MT001": mt.Stutter.severity,
    "MT002": mt.OutOfPlaceWord.severity,
    "MT003": mt.ConflictingTitle.severity,
    "MT004": mt.MangledAcronym.severity,
    "MT005": mt.BrokenConstruction.severity,
}


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def analyse_text(text: str, name: str) -> tuple[Article, mt.Analysis]:
    article = Article.from_text(text, name)
    return article, article.derive(mt.analyse)


def auc(pos: list[float], neg: list[float]) -> float:
    wins = 0.0
    for p in pos:
        for q in neg:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(pos) * len(neg)) if pos and neg else float("nan")


def recall_at(pos: list[float], neg: list[float], max_fp: float = 0.02) -> tuple[float, float]:
    """The best recall with a threshold flagging at most ``max_fp`` of ``neg``; and that threshold."""
    best = (0.0, float("inf"))
    for thr in sorted(set(pos) | set(neg)):
        if thr <= 0:
            continue
        fp = sum(q >= thr for q in neg) / len(neg)
        if fp <= max_fp:
            rec = sum(p >= thr for p in pos) / len(pos)
            if rec > best[0]:
                best = (rec, thr)
    return best


def cross_file(hits: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """The hits that compare a file with another file or the archive (not the in-article ones)."""
    return [(p, h) for p, h in hits if "seen_in" in h.evidence]


def corpus_hits(digests: dict[str, mt.Digest], index: ArchiveIndex | None = None) -> dict[str, list[tuple[str, Hit]]]:
    ctx = RunContext(today=date(2026, 11, 22))
    out: dict[str, list[tuple[str, Hit]]] = {}
    for cls in (mt.ConflictingTitle, mt.MangledAcronym):
        rule = cls(ctx)
        out[rule.id] = cross_file(list(rule.check_corpus(Corpus(dict(digests), index))))
    return out


def _run_once(label: str, digests: dict[str, mt.Digest], show: bool) -> None:
    t0 = time.process_time()
    found = corpus_hits(digests)
    elapsed = time.process_time() - t0
    counts = ", ".join(f"{rule} {len(hits)}" for rule, hits in found.items())
    print(f"  {label}: {len(digests)} articles in one run: hits across files: {counts} (corpus step {elapsed:.2f} s CPU)")
    for rule, hits in found.items():
        for path, hit in hits if show else ():
            print(f"    {rule} {path}: {hit.excerpt!r}: {hit.message}")


def _through_index(
    label: str, checked: list[str], archived: list[str], digests: dict[str, mt.Digest], articles: dict[str, Article], show: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp, ArchiveIndex(f"{tmp}/archive.db", create=True) as index:
        index.add([EntryData.from_fingerprint(p, index.key(p), p, fingerprint(articles[p]), translation=digests[p]) for p in archived])
        stats = index.stats()
        t0 = time.process_time()
        found = corpus_hits({p: digests[p] for p in checked}, index)
        elapsed = time.process_time() - t0
    stored = set(archived)
    through = {rule: [(p, h) for p, h in hits if stored & set(h.evidence["seen_in"])] for rule, hits in found.items()}
    counts = ", ".join(f"{rule} {len(hits)}" for rule, hits in through.items())
    print(
        f"  {label}: {len(checked)} articles against an index of {stats['articles']} ({stats['title_rows']} title rows, "
        f"{stats['vocabulary_rows']} vocabulary rows): hits through the index: {counts} (corpus step {elapsed:.2f} s CPU)"
    )
    for rule, hits in through.items():
        for path, hit in hits if show else ():
            print(f"    {rule} {path}: {hit.excerpt!r}: {hit.message}")


def across_files(sets: dict[str, list[str]], show: bool) -> None:
    """MT003 and MT004 across files: each set of human news as one run, all sets in one run, each set
    against an index of the other (or of naeb's other half), counting only the hits across files."""
    print("across files (human news: every hit is a false alarm):")
    articles = {
        f"{name}/{i}.txt": Article.from_text(text, f"{name}/{i}.txt") for name, texts in sets.items() for i, text in enumerate(texts)
    }
    digests = {p: a.derive(mt.digest) for p, a in articles.items()}
    groups = {name: sorted(p for p in digests if p.startswith(name + "/")) for name in sets}
    for name, paths in groups.items():
        _run_once(name, {p: digests[p] for p in paths}, show)
    if len(groups) > 1:
        _run_once(" + ".join(groups), digests, show)
    naeb = groups["naeb"]
    _through_index("naeb, one half", naeb[1::2], naeb[0::2], digests, articles, show)
    _through_index("naeb, the other half", naeb[0::2], naeb[1::2], digests, articles, show)
    for name, paths in groups.items():
        for other, archived in groups.items():
            if other != name:
                _through_index(f"{name} against {other}", paths, archived, digests, articles, show)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--show-hits", action="store_true", help="print every MT000 hit on human documents")
    ap.add_argument("--show-signals", default="", help="print every signal of this kind on naeb")
    args = ap.parse_args()
    corpora = Path(args.corpora)
    threshold = mt.SCORE_THRESHOLD

    # --- naeb: human news ---
    naeb = load(corpora / "naeb" / "articles.jsonl")
    naeb_scores: list[float] = []
    words = 0
    by_rule: Counter[str] = Counter()
    errors = 0  # span-rule findings at error severity (a rule may grade a hit lower: MT005's typos)
    span_rules = [cls(RunContext(today=date(2026, 11, 22))) for cls in (mt.Stutter, mt.OutOfPlaceWord, mt.BrokenConstruction)]
    flagged: list[tuple[str, float, dict[str, int], str]] = []
    for row in naeb:
        article, a = analyse_text(row["text"], str(row["id"]))
        words += a.words
        naeb_scores.append(a.score)
        errors += sum(1 for rule in span_rules for h in rule.check(article) if (h.severity or rule.severity).value == "error")
        for s in a.signals:
            by_rule[RULE_OF_KIND[s.kind]] += 1
            if args.show_signals and s.kind == args.show_signals:
                lo, hi = max(0, s.start - 60), min(len(article.text), s.end + 60)
                print(f"  [{row['id']}] {s.kind}: ...{' '.join(article.text[lo:hi].split())}...")
        if a.score >= threshold:
            flagged.append((str(row["id"]), a.score, a.counts, row.get("site", "")))
    print(f"naeb (human news): {len(naeb)} articles, {words} words")
    print(f"  MT000 at threshold {threshold}: {len(flagged)} ({100 * len(flagged) / len(naeb):.1f}%)")
    for rule in sorted(SEVERITY):
        print(f"  {rule} ({SEVERITY[rule].value}): {by_rule[rule]} hits, {1e4 * by_rule[rule] / words:.2f} per 10,000 words")
    print(f"  span rules' findings at error severity: {errors} ({1e4 * errors / words:.2f} per 10,000 words)")
    if args.show_hits:
        for ident, score, counts, site in flagged:
            print(f"    MT000 naeb {ident} ({site}): score {score} {counts}")

    sets = {"naeb": [row["text"] for row in naeb]}
    polnear = sorted((corpora / "polnear").glob("*/text/*.txt"))
    if polnear:
        sets["polnear"] = [p.read_text(encoding="utf-8") for p in polnear]
    across_files(sets, args.show_hits)

    # --- labelled MT sets ---
    for name in ("wmt_weak_mt_dev.jsonl", "htmt_wmt18_de_en.jsonl"):
        rows = load(corpora / "translation" / name)
        pos: list[float] = []
        neg: list[float] = []
        for row in rows:
            _, a = analyse_text(row["text"], str(row["id"]))
            (pos if row["label"] == "mt" else neg).append(a.score)
            if args.show_hits and row["label"] != "mt" and a.score >= threshold:
                print(f"    MT000 {name} human {row['id']}: score {a.score} {a.counts}")
        neg_all = neg + naeb_scores
        fired = sum(p >= threshold for p in pos) / len(pos)
        false = sum(q >= threshold for q in neg_all) / len(neg_all)
        rec, thr = recall_at(pos, neg_all)
        print(f"{name}: {len(pos)} MT, {len(neg)} human (+{len(naeb_scores)} naeb as negatives)")
        print(f"  ROC AUC (MT vs its human documents): {auc(pos, neg):.3f}; vs human + naeb: {auc(pos, neg_all):.3f}")
        print(f"  MT000 (threshold {threshold}): {100 * fired:.1f}% of MT documents, {100 * false:.1f}% of human documents")
        print(f"  best recall with <= 2% human flagged: {100 * rec:.1f}% (score >= {thr})")

    # --- seeds ---
    print("seeds:")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        _, a = analyse_text(path.read_text(encoding="utf-8"), path.name)
        kinds = sorted({RULE_OF_KIND[s.kind] for s in a.signals})
        mark = "MT000" if a.score >= threshold else "-"
        print(f"  {path.name}: score {a.score:6.2f} {mark:5} {len(a.signals)} spans of rules {kinds}")

    # --- throughput on one core: this family's analysis and rules, on articles parsed beforehand ---
    texts = [r["text"] for r in naeb]
    parsed = []
    for i, t in enumerate(texts):
        art = Article.from_text(t, f"{i}.txt")
        _ = art.words, art.sentences  # the foundation's parsing, shared by every family
        parsed.append(art)
    mt.analyse(parsed[0])  # load the tables once
    ctx = RunContext(today=date(2026, 11, 22))
    doc_rules = [plugin for cls in mt.RULES if isinstance(plugin := cls(ctx), DocumentRule)]
    corpus_rules = [plugin for cls in mt.RULES if isinstance(plugin := cls(ctx), CorpusRule)]
    analyzer = mt.TranslationAnalyzer(ctx)
    t0 = time.process_time()
    for art in parsed:
        analyzer.analyze(art)
        analyzer.collect(art)
        for doc_rule in doc_rules:
            list(doc_rule.check(art))
        for corpus_rule in corpus_rules:
            corpus_rule.collect(art)  # the per-file half of MT003 and MT004 (the corpus step is timed above)
    elapsed = time.process_time() - t0
    avg = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"throughput: {len(parsed) / elapsed:.0f} articles/s of CPU time on one core (naeb, {avg:.0f} words on average; parsing excluded)"
    )


if __name__ == "__main__":
    main()
