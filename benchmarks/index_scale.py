"""Archive-index scale: sign and add N generated articles, then check M new ones against the index.

Articles are generated from a pool of real sentences (any corpus: ``.jsonl`` with a ``text`` field
or a folder of ``.txt`` files; default ``CORPORA/naeb/articles.jsonl``): 8-40 sentences drawn at
random, 1-3 per paragraph, a quarter of their words replaced by random words of the corpus (a pool
of ~10,000 sentences is reused hundreds of times over 100,000 articles; without the replacements
every sentence would be shared by hundreds of unrelated articles, which no real archive has).
Article ``i`` is generated from seed ``i``: the benchmark keeps no archive text
in memory and regenerates an article when it needs a near-copy of it. Of the new articles, one in
ten is a syndication-style copy of an archived one (cut, words edited), the rest are fresh.

Printed figures:

* signatures per second per core (CPU time, one process): from text (parse, tokens, shingles,
  signature, band keys: what ``index add`` does per file besides the other analyzers) and from
  tokens (shingles, signature, band keys only);
* the same signature step with datasketch (``MinHash(num_perm=256).update_batch`` over the same
  shingles, then ``MinHashLSH(num_perm=256, params=(128, 2)).insert``) on a sample, as a ratio;
* insert rate, index bytes per article (database + WAL), p50/p95/max query time per new article
  (candidates from the band table + verification against the stored 16-bit shingle sequences), the
  near-copies found, and the peak resident memory of the process.

Usage::

    .venv/bin/python benchmarks/index_scale.py [CORPORA] [--count 100000] [--queries 1000] [--keep FILE]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
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
from rules.duplication.shingles import BANDS, NUM_PERM, ROWS, K, band_keys, fingerprint, minhash, shingle_hashes, word_hashes  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")


def sentence_pool(texts: list[str]) -> list[str]:
    pool: list[str] = []
    for t in texts:
        for para in variants.paragraphs(t):
            pool.extend(s.strip() for s in _SENT.split(para) if len(s.split()) >= 5)
    return pool


def generate(i: int, pool: list[str], words: list[str]) -> str:
    rng = random.Random(i)
    sents = []
    for _ in range(rng.randint(8, 40)):
        toks = rng.choice(pool).split()
        for k in range(len(toks)):
            if rng.random() < 0.25:
                toks[k] = rng.choice(words)
        sents.append(" ".join(toks))
    paras, pos = [], 0
    while pos < len(sents):
        n = rng.randint(1, 3)
        paras.append(" ".join(sents[pos : pos + n]))
        pos += n
    return f" date 20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} " + "\n\n".join(paras) + "\n"


def near_copy(text: str, seed: int, words: list[str]) -> str:
    rng = random.Random(seed)
    paras = variants.paragraphs(text)
    keep = paras[: max(3, int(len(paras) * rng.uniform(0.5, 1.0)))]
    return "\n\n".join(variants._edit_words(p, rng.uniform(0.05, 0.15), words, rng) for p in keep) + "\n"


def entry(name: str, art: Article) -> tuple[EntryData, int]:
    """The index entry of one article (the duplication store's rows, as `index add` makes them), and its word count."""
    fp = fingerprint(art)
    return EntryData(name, "/bench/" + name, art.sha256, {"duplication": duplication_record(fp)}), fp.words


def datasketch_rate(texts: list[str]) -> float:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    arts = [Article.from_text(t) for t in texts]
    for a in arts:
        _ = a.words
    shingle_lists = []
    for a in arts:
        toks = [a.text[s:e].lower().encode("utf-8") for s, e in a.words]
        shingle_lists.append([b" ".join(toks[i : i + K]) for i in range(max(1, len(toks) - K + 1))])
    c0 = time.process_time()
    for n, sh in enumerate(shingle_lists):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(sh)
        lsh.insert(str(n), m)
    return len(texts) / (time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--source", type=Path, help="a .jsonl (text field) or folder of .txt articles instead of naeb")
    ap.add_argument("--count", type=int, default=100_000, help="articles added to the index")
    ap.add_argument("--queries", type=int, default=1000, help="new articles checked against it")
    ap.add_argument("--datasketch", type=int, default=3000, help="articles signed with datasketch for the ratio")
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--keep", type=Path, help="write the index here (default: a temporary file, removed)")
    args = ap.parse_args()
    texts = variants.source_texts(args.source, args.corpora)
    if texts is None:
        return
    pool = sentence_pool(texts)
    words = sorted({w for t in texts for w in t.split() if w.isalpha()})
    print(f"sentence pool {len(pool)}; adding {args.count} generated articles, then checking {args.queries}")
    tmp = tempfile.TemporaryDirectory()
    db = args.keep or Path(tmp.name) / "scale.db"
    if db.exists():
        db.unlink()
    sign_cpu = token_cpu = insert_wall = 0.0
    total_words = 0
    t_start = time.perf_counter()
    with ArchiveIndex(db, create=True) as index:
        for lo in range(0, args.count, args.batch):
            batch = []
            for i in range(lo, min(args.count, lo + args.batch)):
                text = generate(i, pool, words)
                c0 = time.process_time()
                art = Article.from_text(text, f"a{i:07d}.txt")
                e, n_words = entry(art.path, art)
                sign_cpu += time.process_time() - c0
                c0 = time.process_time()
                sh = shingle_hashes(word_hashes(art)[0])
                band_keys(minhash(sh))
                token_cpu += time.process_time() - c0
                total_words += n_words
                batch.append(e)
            t0 = time.perf_counter()
            index.add(batch)
            insert_wall += time.perf_counter() - t0
            if (lo // args.batch) % 10 == 0:
                print(f"  {lo + len(batch)} added, {time.perf_counter() - t_start:.0f} s", flush=True)
        index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stats = index.stats()
        band_rows = stats["stores"]["duplication"]["rows"]["bands"]
        store = index.store("duplication")
        assert store is not None
        archive = DuplicationArchive(store)
        rng = random.Random(12345)
        times: list[float] = []
        found_copies = copies = 0
        for q in range(args.queries):
            if q % 10 == 0:
                source_id = rng.randrange(args.count)
                text = near_copy(generate(source_id, pool, words), q, words)
                copies += 1
            else:
                source_id = -1
                text = generate(10_000_000 + q, pool, words)
            art = Article.from_text(text, f"new{q:05d}.txt")
            fp = fingerprint(art)
            t0 = time.perf_counter()
            result = neardup.find_pairs({art.path: fp}, archive)
            near = neardup.near_pairs(result.pairs)
            times.append(time.perf_counter() - t0)
            if source_id >= 0 and any(p.b.ref == f"a{source_id:07d}.txt" for p in near):
                found_copies += 1
    ds_rate = datasketch_rate([generate(i, pool, words) for i in range(min(args.datasketch, args.count))])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    ms = sorted(1000 * t for t in times)
    ours_text = args.count / sign_cpu
    ours_tokens = args.count / token_cpu
    print(
        f"articles: {args.count} ({total_words / args.count:.0f} words on average), "
        f"signature {NUM_PERM} values, {BANDS} bands x {ROWS} rows, {K}-word shingles"
    )
    print(f"signatures/second/core from text  : {ours_text:,.0f}  (parse + tokens + content hash + shingles + signature + band keys)")
    print(f"signatures/second/core from tokens: {ours_tokens:,.0f}  (shingles + signature + band keys)")
    print(
        f"datasketch MinHash+MinHashLSH.insert on {min(args.datasketch, args.count)} articles: {ds_rate:,.0f}/s/core; "
        f"ours from tokens is {ours_tokens / ds_rate:.1f}x, from text {ours_text / ds_rate:.1f}x"
    )
    print(f"insert: {args.count / insert_wall:,.0f} articles/s into SQLite (wall)")
    print(f"index: {stats['bytes']:,} bytes, {stats['bytes'] / args.count:,.0f} bytes/article, {band_rows:,} band rows")
    print(
        f"query ({args.queries} new articles): p50 {statistics.median(ms):.2f} ms, "
        f"p95 {ms[int(0.95 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms"
    )
    print(f"near-copies among the new articles found: {found_copies}/{copies}")
    print(f"peak resident memory: {peak / 2**20:,.0f} MiB (no archive text is kept; see the module docstring)")
    print(f"total wall time {time.perf_counter() - t_start:.0f} s")
    tmp.cleanup()


if __name__ == "__main__":
    main()
