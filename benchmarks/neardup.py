"""Near-duplicate detection (DU003/DU004) on syndication variants of real articles: pair-level
precision and recall at the default thresholds.

Builds the set with :mod:`benchmarks.variants` (``--sources`` articles, each with 1-3 variants: cut,
paragraphs dropped or moved, caption or boilerplate added, 5-20 % of words edited, new headline),
mixed with the remaining unrelated articles of the corpus. A predicted pair is a pair of files the
duplication step calls near-duplicates (or exact duplicates); true pairs are defined in
``variants.py`` (same source, sharing at least half of the shorter file's source words).

Two paths are measured:

* ``run``: every file in one run (in-memory LSH over the run's band keys);
* ``index``: every file added to a fresh archive index, then each file checked against it (SQLite
  band lookup, 16-bit shingle verification, the file's own entry excluded).

Usage::

    .venv/bin/python benchmarks/neardup.py [CORPORA] [--sources 200] [--seed 1] [--show-errors]

``CORPORA`` defaults to ``../shared/corpora``; the articles are read from ``CORPORA/naeb/articles.jsonl``
(or pass ``--source`` with any ``.jsonl`` or folder of ``.txt`` files).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import variants  # noqa: E402

from checker.article import Article  # noqa: E402
from checker.index import ArchiveIndex, EntryData  # noqa: E402
from rules.duplication import neardup  # noqa: E402
from rules.duplication.archive import DuplicationArchive  # noqa: E402
from rules.duplication.archive import record as duplication_record  # noqa: E402
from rules.duplication.shingles import Fingerprint, fingerprint  # noqa: E402


def score(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, int, int, int]:
    tp = len(predicted & truth)
    fp = len(predicted - truth)
    fn = len(truth - predicted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def pairs_of(near: list[neardup.Pair]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for p in near:
        a, b = p.a.ref, p.b.ref
        if a != b:
            out.add((min(a, b), max(a, b)))
    return out


def index_pairs(fps: dict[str, Fingerprint], tmp: Path) -> tuple[set[tuple[str, str]], float]:
    db = tmp / "bench.db"
    with ArchiveIndex(db, create=True) as index:
        index.add([EntryData(n, index.key(n), n, {"duplication": duplication_record(fp)}) for n, fp in fps.items()])
        store = index.store("duplication")
        assert store is not None
        archive = DuplicationArchive(store)
        found: set[tuple[str, str]] = set()
        t0 = time.perf_counter()
        for name, fp in fps.items():
            result = neardup.find_pairs({name: fp}, archive)
            found |= pairs_of(neardup.near_pairs(result.pairs))
        elapsed = time.perf_counter() - t0
    return found, elapsed / len(fps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--source", type=Path, help="a .jsonl (text field) or folder of .txt articles instead of naeb")
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    texts = variants.source_texts(args.source, args.corpora)
    if texts is None:
        return
    docs, truth = variants.build(texts, args.sources, len(texts), args.seed)
    n_orig = sum(1 for d in docs if d.group >= 0 and d.edits == ["original"])
    n_var = sum(1 for d in docs if d.group >= 0) - n_orig
    n_unrel = sum(1 for d in docs if d.group < 0)
    print(
        f"{len(docs)} files: {n_orig} originals, {n_var} variants, {n_unrel} unrelated; "
        f"{len(truth)} true pairs of {len(docs) * (len(docs) - 1) // 2}"
    )
    t0 = time.perf_counter()
    fps = {d.name: fingerprint(Article.from_text(d.text, d.name)) for d in docs}
    t1 = time.perf_counter()
    result = neardup.find_pairs(fps)
    predicted = pairs_of(neardup.near_pairs(result.pairs))
    t2 = time.perf_counter()
    p, r, tp, fp_, fn = score(predicted, truth)
    print(f"run   : precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp_}, fn {fn}); candidates verified {len(result.pairs)}")
    print(f"        fingerprint {1000 * (t1 - t0) / len(docs):.2f} ms/file, LSH + verification {1000 * (t2 - t1):.0f} ms for the run")
    with tempfile.TemporaryDirectory() as tmp:
        found, per_query = index_pairs(fps, Path(tmp))
    p, r, tp, fp_, fn = score(found, truth)
    print(f"index : precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp_}, fn {fn}); {1000 * per_query:.2f} ms per file checked")
    if args.show_errors:
        edits = {d.name: d.edits for d in docs}
        by_key = {(min(x.a.ref, x.b.ref), max(x.a.ref, x.b.ref)): x for x in result.pairs}
        for a, b in sorted(truth - predicted):
            m = by_key.get((a, b))
            how = f"cont {m.m.containment_a:.2f}/{m.m.containment_b:.2f} J {m.m.jaccard:.2f}" if m else "not a candidate"
            print(f"  missed {a} {edits[a]} ~ {b} {edits[b]}: {how}")
        for a, b in sorted(predicted - truth):
            m = by_key[(a, b)]
            print(f"  false {a} ~ {b}: cont {m.m.containment_a:.2f}/{m.m.containment_b:.2f} J {m.m.jaccard:.2f}")


if __name__ == "__main__":
    main()
