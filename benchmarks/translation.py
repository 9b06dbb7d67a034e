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

The document model (needs the ``train`` extra: ``pip install -e '.[train]'``), on
``translation/mt_train.jsonl``: leave-one-group-out, a group being a (year, source language) pair
(WMT08-12 one group): for each group a model is trained on the other groups' training rows (human,
and machine rows of the tiers the shipped model trains on), and every row of the group, human and
machine of any tier, is scored by it. So every row has a score from a model that never saw its
group, and human rows are held out with the group they belong to. Per group with machine rows: the
ROC AUC of its weak-tier rows against every human row (each scored out of its group) and against the
group's own human rows (when it has 10 or more), and the recall of MT000 (artefact score at its
threshold, or the stacked probability at the shipped model's threshold); then the minimum, the median
and the worst group. False alarms of MT000 on the human rows, cross-validated the same way:
translations (references) and untranslated English originals apart. ``--grid`` repeats the
leave-one-group-out AUCs for a few feature and regularisation settings (how the shipped ones were
chosen). ``wmt_weak_mt_dev.jsonl`` is an untouched test: a model trained without the rows marked
``dev_doc`` scores it. False alarms of MT000 and MT006 with the shipped model on untranslated human
news (naeb, PolNeAR train+dev) and on the human side of ``htmt_wmt18_de_en.jsonl``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from checker.article import Article
from checker.index import ArchiveIndex, EntryData
from checker.rule import Corpus, CorpusRule, DocumentRule, Hit, RunContext
from rules import translation as mt
from rules.translation import model as mtmodel
from rules.translation.archive import record as archive_record

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


def _through_index(label: str, checked: list[str], archived: list[str], digests: dict[str, mt.Digest], show: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, ArchiveIndex(f"{tmp}/archive.db", create=True) as index:
        sha = {p: hashlib.sha256(p.encode()).hexdigest() for p in archived}  # the index keys a file by its hash; any will do here
        index.add([EntryData(p, index.key(p), sha[p], {"translation": archive_record(digests[p])}) for p in archived])
        rows = index.stats()["stores"]["translation"]["rows"]
        t0 = time.process_time()
        found = corpus_hits({p: digests[p] for p in checked}, index)
        elapsed = time.process_time() - t0
    stored = set(archived)
    through = {rule: [(p, h) for p, h in hits if stored & set(h.evidence["seen_in"])] for rule, hits in found.items()}
    counts = ", ".join(f"{rule} {len(hits)}" for rule, hits in through.items())
    print(
        f"  {label}: {len(checked)} articles against an index of {len(archived)} ({rows.get('titles', 0)} title rows, "
        f"{rows.get('vocabulary', 0)} vocabulary rows): hits through the index: {counts} (corpus step {elapsed:.2f} s CPU)"
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
    _through_index("naeb, one half", naeb[1::2], naeb[0::2], digests, show)
    _through_index("naeb, the other half", naeb[0::2], naeb[1::2], digests, show)
    for name, paths in groups.items():
        for other, archived in groups.items():
            if other != name:
                _through_index(f"{name} against {other}", paths, archived, digests, show)


# --- the document model ------------------------------------------------------------------------------
CONTEXT = RunContext(today=date(2026, 11, 22))
GRID = (  # (word n-grams, masked n-grams, C, machine tiers trained on, typography folded, top words kept): --grid
    (2, 4, 100.0, ("weak", "mid"), True, 300),
    (2, 4, 100.0, ("weak", "mid"), False, 300),
    (2, 4, 30.0, ("weak", "mid"), True, 300),
    (0, 4, 100.0, ("weak", "mid"), True, 300),
    (2, 4, 100.0, ("weak", "mid"), True, 100),
    (2, 4, 100.0, ("weak", "mid"), True, 1000),
)


def verdicts(texts: list[str], prefix: str) -> tuple[list[mt.Verdict], int]:
    """The shipped model's MT000 verdict of each text, and how many texts MT006 marks a passage in."""
    out = []
    marked = 0
    options = mt.LikelyMachineTranslated.Options()
    passage = mt.MachineTranslatedPassage(CONTEXT)
    for i, text in enumerate(texts):
        article = Article.from_text(text, f"{prefix}/{i}.txt")
        out.append(mt.verdict(article, options))
        marked += bool(list(passage.check(article)))
    return out, marked


def _rate(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / max(total, 1):.1f}%)"


def _auc_or_dash(pos: list[float], neg: list[float]) -> str:
    return f"{auc(pos, neg):.3f}" if pos and len(neg) >= 10 else "  -  "


def leave_one_group_out(
    rows: list[dict[str, Any]], x: Any, artefacts: Any, settings: tuple[int, int, float, tuple[str, ...]], report: bool
) -> tuple[float, float]:
    """Every row scored by a model trained without its group; per-group AUC and MT000 recall (when
    ``report``); returns the minimum and the median AUC (weak tier vs all human rows) over groups."""
    import numpy as np

    from rules.translation import train

    _, _, c, tiers = settings
    shipped = mtmodel.load()
    names = train.groups(rows)
    labels = np.array(names)
    y = np.array([r["label"] == "mt" for r in rows])
    trainable = np.array([r["label"] == "human" or r.get("tier") in tiers for r in rows])
    logits = np.zeros(len(rows))
    for name in sorted(set(names)):
        test = labels == name
        coef, intercept = train.fit(x[trainable & ~test], y[trainable & ~test], c, 0)
        logits[test] = x[test] @ coef + intercept
    prob = [shipped.probability(float(lo), float(a[1])) for lo, a in zip(logits, artefacts, strict=True)]
    fired = [p >= shipped.threshold or a[0] >= mt.SCORE_THRESHOLD for p, a in zip(prob, artefacts, strict=True)]
    human = [i for i, r in enumerate(rows) if r["label"] == "human"]
    human_prob = [prob[i] for i in human]
    per_group = []
    for name in sorted(set(names)):
        weak = [i for i, g in enumerate(names) if g == name and rows[i].get("tier") == "weak"]
        if len(weak) < 5:
            continue
        own = [prob[i] for i in human if names[i] == name]
        a_all = auc([prob[i] for i in weak], human_prob)
        per_group.append((a_all, name, len(weak), _auc_or_dash([prob[i] for i in weak], own), sum(fired[i] for i in weak) / len(weak)))
    aucs = sorted(a for a, *_ in per_group)
    median = float(np.median(aucs))
    if not report:
        return aucs[0], median
    trained_on = f"C={c}, tiers {'+'.join(tiers)}"
    print(f"  per (year, source language) group, weak-tier MT rows scored by a model trained without the group ({trained_on}):")
    print("    group        weak  AUC vs all human  AUC vs own human  MT000 recall")
    for a_all, name, n, a_own, rec in per_group:
        print(f"    {name:12} {n:4}  {a_all:16.3f}  {a_own:>16}  {rec:12.3f}")
    worst = min(per_group)
    recalls = [rec for *_, rec in per_group]
    print(f"  AUC over groups: min {aucs[0]:.3f} ({worst[1]}), median {median:.3f}")
    print(f"  MT000 recall over groups: min {min(recalls):.3f}, median {float(np.median(recalls)):.3f}")
    weak_all = [i for i, r in enumerate(rows) if r.get("tier") == "weak"]
    print(f"  MT000 recall, all weak-tier rows pooled: {_rate(sum(fired[i] for i in weak_all), len(weak_all))}")
    for tier in ("mid", "strong"):
        idx = [i for i, r in enumerate(rows) if r.get("tier") == tier]
        print(f"  MT000 recall, {tier} tier (fluent MT is out of scope): {_rate(sum(fired[i] for i in idx), len(idx))}")
    for kind, label in (("reference", "human translations (references)"), ("source-original", "untranslated English originals")):
        idx = [i for i in human if rows[i].get("kind") == kind]
        print(f"  MT000 false alarms on {label}, cross-validated: {_rate(sum(fired[i] for i in idx), len(idx))}")
    return aucs[0], median


def model_benchmark(corpora: Path, human_news: dict[str, list[str]], grid: bool) -> None:
    try:
        from rules.translation import train
    except SystemExit as exc:  # pragma: no cover
        print(f"document model: skipped ({exc})")
        return
    import numpy as np

    path = corpora / "translation" / "mt_train.jsonl"
    shipped = mtmodel.load()
    print(f"document model ({shipped.path}: threshold {shipped.threshold}, paragraph threshold {shipped.paragraph_threshold}):")
    if not path.exists():
        print("  mt_train.jsonl not found: leave-one-group-out skipped")
    else:
        rows = train.load_rows(path)
        t0 = time.process_time()
        from rules.translation.features import Hasher, most_frequent_words

        hasher = Hasher(shipped.settings)
        x = train.matrix(hasher, [r["text"] for r in rows])
        artefacts = train.artefact_scores(r["text"] for r in rows)
        print(f"  mt_train.jsonl: {len(rows)} rows; features and artefact scores in {time.process_time() - t0:.1f} s CPU")
        tiers = tuple(shipped.header["training"]["tiers"])
        c = float(shipped.header["training"]["C"])
        leave_one_group_out(rows, x, artefacts, (shipped.settings.word_n, shipped.settings.mask_n, c, tiers), True)
        if grid:
            print("  --grid: AUC (weak tier vs human) over leave-one-group-out groups, min / median:")
            for word_n, mask_n, c_, tiers_, typography, top in GRID:
                top_words = most_frequent_words(top)
                settings = replace(shipped.settings, word_n=word_n, mask_n=mask_n, typography=typography, top_words=top_words)
                xg = train.matrix(Hasher(settings), [r["text"] for r in rows])
                lo, med = leave_one_group_out(rows, xg, artefacts, (word_n, mask_n, c_, tiers_), False)
                words = f"word 1-{word_n}" if word_n else "no word"
                masked = f"masked 1-{mask_n} (top {top} words)" if mask_n else "no masked"
                folded = "folded" if typography else "kept"
                print(f"    {words}, {masked} n-grams, typography {folded}, C={c_:g}, tiers {','.join(tiers_)}: {lo:.3f} / {med:.3f}")

        # the untouched test: a model trained without the dev file's documents
        dev = load(corpora / "translation" / "wmt_weak_mt_dev.jsonl")
        keep = np.array([not r.get("dev_doc") and (r["label"] == "human" or r.get("tier") in tiers) for r in rows])
        y = np.array([r["label"] == "mt" for r in rows])
        coef, intercept = train.fit(x[keep], y[keep], c, 0)
        xd = train.matrix(hasher, [r["text"] for r in dev])
        dev_art = train.artefact_scores(r["text"] for r in dev)
        dev_prob = [shipped.probability(float(lo), float(a[1])) for lo, a in zip(xd @ coef + intercept, dev_art, strict=True)]
        dev_fired = [p >= shipped.threshold or a[0] >= mt.SCORE_THRESHOLD for p, a in zip(dev_prob, dev_art, strict=True)]
        pos = [p for p, r in zip(dev_prob, dev, strict=True) if r["label"] == "mt"]
        neg = [p for p, r in zip(dev_prob, dev, strict=True) if r["label"] != "mt"]
        hits = sum(f for f, r in zip(dev_fired, dev, strict=True) if r["label"] == "mt")
        false = sum(f for f, r in zip(dev_fired, dev, strict=True) if r["label"] != "mt")
        print(
            f"  wmt_weak_mt_dev.jsonl (untouched test), model trained without mt_train's {int((~keep).sum())} dev_doc/other-tier rows: "
            f"ROC AUC {auc(pos, neg):.3f}; "
            f"MT000 recall {_rate(hits, len(pos))}, false alarms {_rate(false, len(neg))}"
        )

    # false alarms of the shipped model on human text it was never trained on
    htmt = [r["text"] for r in load(corpora / "translation" / "htmt_wmt18_de_en.jsonl") if r["label"] != "mt"]
    totals = [0, 0, 0]  # untranslated news: articles, MT000, MT006
    for name, texts in (*human_news.items(), ("htmt_wmt18_de_en.jsonl human side", htmt)):
        vs, marked = verdicts(texts, name)
        fired, by_model = sum(v.fired for v in vs), sum("model" in v.by for v in vs)
        print(f"  {name}: MT000 {_rate(fired, len(vs))} (by the model: {by_model}), MT006 in {_rate(marked, len(vs))} articles")
        if name in human_news:
            totals = [totals[0] + len(vs), totals[1] + fired, totals[2] + marked]
    label = " + ".join(human_news)
    print(f"  untranslated human news ({label}): MT000 {_rate(totals[1], totals[0])}, MT006 in {_rate(totals[2], totals[0])} articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--show-hits", action="store_true", help="print every MT000 hit on human documents")
    ap.add_argument("--show-signals", default="", help="print every signal of this kind on naeb")
    ap.add_argument("--grid", action="store_true", help="also compare feature and regularisation settings by leave-one-group-out")
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
    print(f"  artefact score at MT000's threshold {threshold}: {len(flagged)} ({100 * len(flagged) / len(naeb):.1f}%)")
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
    model_benchmark(corpora, sets, args.grid)

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
        print(f"  artefact score: ROC AUC (MT vs its human documents): {auc(pos, neg):.3f}; vs human + naeb: {auc(pos, neg_all):.3f}")
        print(
            f"  artefact score at MT000's threshold {threshold}: {100 * fired:.1f}% of MT documents, {100 * false:.1f}% of human documents"
        )
        print(f"  artefact score: best recall with <= 2% human flagged: {100 * rec:.1f}% (score >= {thr})")
        vs, _ = verdicts([row["text"] for row in rows], name)
        mt_fired = sum(v.fired for v, row in zip(vs, rows, strict=True) if row["label"] == "mt")
        human_fired = sum(v.fired for v, row in zip(vs, rows, strict=True) if row["label"] != "mt")
        print(
            f"  MT000 with the shipped model (trained on mt_train.jsonl, which shares source documents with the dev file): "
            f"{_rate(mt_fired, len(pos))} of MT, {_rate(human_fired, len(neg))} of human documents"
        )

    # --- seeds ---
    print("seeds:")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        article, a = analyse_text(path.read_text(encoding="utf-8"), path.name)
        v = mt.verdict(article, mt.LikelyMachineTranslated.Options())
        kinds = sorted({RULE_OF_KIND[s.kind] for s in a.signals})
        mark = "MT000" if v.fired else "-"
        print(f"  {path.name}: score {a.score:6.2f} probability {v.probability} {mark:5} {len(a.signals)} spans of rules {kinds}")

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
    fresh = [Article.from_text(t, f"{i}.txt") for i, t in enumerate(texts)]
    for art in fresh:
        _ = art.words, art.sentences, art.paragraphs
    model_score = mtmodel.scorer(None)
    t0 = time.process_time()
    for art in fresh:
        model_score(art)
    spent = time.process_time() - t0
    per_900 = 900 * 1000 * spent / (avg * len(fresh))
    without = len(parsed) / max(elapsed - spent, 1e-9)
    print(
        f"  of which the document model: {1000 * spent / len(fresh):.2f} ms per article, {per_900:.2f} ms per 900 words "
        f"({100 * spent / elapsed:.0f}% of the family's time; without it: {without:.0f} articles/s)"
    )


if __name__ == "__main__":
    main()
