"""The Dask path against the process pool, and the near-duplicate band-key join at archive scale.

    python benchmarks/dask_scale.py [--articles 1000] [--jobs 2] [--signatures 100000 1000000] [--skip-check]

1. Throughput: ``provcheck check`` (every default rule, JSON and Markdown reports, no dashboard) on
   ``--articles`` generated articles (``benchmarks/engine.py``'s generator: sentences of naeb, or of
   the seeds without ../shared), once with the process pool (``-j JOBS``) and once with
   ``--executor dask --jobs JOBS`` (a LocalCluster of JOBS worker processes, started and stopped by
   the run: its start-up counts). Prints wall seconds, articles/s and the ratio dask / pool.
2. The join (``rules.duplication.distributed.join_candidates``) on N synthetic MinHash signatures (no texts):
   every tenth file a near-copy of an earlier one (a quarter of its values redrawn), the others
   random. The partitions are generated on the workers (nothing is scattered from here). Prints the
   wall seconds, the candidate pairs found, the peak resident memory of the client and of the
   largest worker (``ru_maxrss``), for each N, on a fresh LocalCluster of JOBS workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from engine import generate, source_sentences  # noqa: E402

from rules.duplication.distributed import Part, join_candidates  # noqa: E402
from rules.duplication.shingles import NUM_PERM  # noqa: E402

ROWS = 50_000  # files per partition of the synthetic table


def check_seconds(folder: Path, out: Path, jobs: int, dask: bool) -> float:
    args = [sys.executable, "-m", "checker", "check", str(folder), "--reports-dir", str(out), "-j", str(jobs), "-q", "--no-html"]
    args += ["--today", "2026-11-22", *(["--executor", "dask"] if dask else [])]
    start = time.perf_counter()
    subprocess.run(args, check=False, cwd=ROOT)
    return time.perf_counter() - start


def _signature(i: int) -> np.ndarray:
    """File i's signature: random, or (every tenth file) a near-copy of file i // 2."""
    if i % 10 == 9:
        sig = _signature(i // 2).copy()
        rng = np.random.default_rng(i)
        redraw = rng.choice(NUM_PERM, NUM_PERM // 4, replace=False)
        sig[redraw] = rng.integers(0, 1 << 32, size=len(redraw), dtype=np.uint64).astype(np.uint32)
        return sig
    return np.random.default_rng(i).integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)


def synthetic_part(start: int, rows: int) -> Part:
    sigs = np.stack([_signature(i) for i in range(start, start + rows)])
    return Part(start, sigs, np.array([f"h{i}" for i in range(start, start + rows)], dtype=object))


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def join(n: int, jobs: int) -> None:
    from dask.delayed import delayed
    from distributed import Client, LocalCluster, wait

    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=":0", memory_limit=0, silence_logs=40)
    with cluster, Client(cluster) as client:
        parts = [delayed(synthetic_part)(lo, min(ROWS, n - lo)) for lo in range(0, n, ROWS)]
        futures = client.compute(parts)  # generated on the workers: the join's own time starts after
        wait(futures)
        generated = max(client.run(_peak_kb).values())
        start = time.perf_counter()
        first, _, _ = join_candidates(client, futures, n)
        seconds = time.perf_counter() - start
        workers = max(client.run(_peak_kb).values())
    print(
        f"join {n:>9,} signatures: {seconds:7.1f} s, {n / seconds:9,.0f} signatures/s, {len(first):,} agreeing pairs "
        f"(planted {n // 10:,}); peak RSS client {_peak_kb() / 1024:,.0f} MB, largest worker {workers / 1024:,.0f} MB "
        f"({generated / 1024:,.0f} MB holding its share of the signatures before the join)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--signatures", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--skip-check", action="store_true", help="only the join")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; timings on a shared machine are noisy")
    if not args.skip_check:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            generate(tmp / "articles", args.articles, source_sentences(args.corpora))
            pool = check_seconds(tmp / "articles", tmp / "pool", args.jobs, dask=False)
            dask = check_seconds(tmp / "articles", tmp / "dask", args.jobs, dask=True)
            print(f"process pool -j {args.jobs}:      {pool:6.1f} s, {args.articles / pool:6.1f} articles/s")
            print(f"dask LocalCluster of {args.jobs}: {dask:6.1f} s, {args.articles / dask:6.1f} articles/s")
            print(f"ratio dask / pool: {pool / dask:.2f} (aim >= 0.85)")
    for n in args.signatures:
        join(n, args.jobs)


if __name__ == "__main__":
    main()
