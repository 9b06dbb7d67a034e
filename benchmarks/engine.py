"""Throughput of ``provcheck check`` over a generated corpus, and the engine's own share per article.

    python benchmarks/engine.py [--articles 10000] [--corpora ../shared/corpora] [--jobs 1 2]

The corpus is generated into a temporary folder: each article is 8-30 sentences drawn at random
from the articles of ``naeb/articles.jsonl`` (or from ``seeds/`` when the corpora are absent), with a
date header on two thirds of them. Mixing sentences keeps the articles realistic in length and
vocabulary while making near-duplicate clusters as rare as in a real intake.

Prints, per job count: wall seconds and articles/second of the whole CLI run (reports written);
then the engine's own cost per article (discover, read, decode, parse and segment, score, write the
JSON and Markdown reports), measured in-process with no rules; then the memory the main process
holds per file: the growth of its peak resident size (``ru_maxrss``) between a run of
``--memory N1 N2`` articles, divided by the difference (so the fixed cost of the rules' data does
not count). Workers' memory is their own and not counted.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.article import Article  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.decode import decode, read_bytes  # noqa: E402
from checker.discover import discover  # noqa: E402
from checker.engine import TOOL, FileResult, RunResult  # noqa: E402
from checker.models import FileInfo, FileReport  # noqa: E402
from checker.reports import write_reports  # noqa: E402
from checker.scoring import score, verdict  # noqa: E402


def source_sentences(corpora: Path) -> list[str]:
    texts: list[str] = []
    naeb = corpora / "naeb" / "articles.jsonl"
    if naeb.is_file():
        with naeb.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        print(f"source: {naeb} ({len(texts)} articles)")
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        print(f"source: seeds/ ({len(texts)} articles; corpora not found at {corpora})")
    sentences: list[str] = []
    for text in texts:
        article = Article.from_text(text)
        sentences.extend(article.slice(s) for s in article.sentences if len(article.words_in(s.start, s.end)) >= 4)
    return sentences


def generate(folder: Path, n: int, sentences: list[str], seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picked = rng.sample(sentences, rng.randint(8, 30))
        paras = ["\n".join(picked[j : j + 3]) for j in range(0, len(picked), 3)]
        body = "\n\n".join(paras) + "\n"
        if i % 3:
            body = f" date 2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} " + body
        (folder / f"{i:06d}.txt").write_text(body, encoding="utf-8")


def cli_run(folder: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "checker", "check", str(folder), "--reports-dir", str(out), "-j", str(jobs), "-q", "--today", "2026-11-22"],
        check=False,
    )
    return time.perf_counter() - start


_PEAK = (
    "import resource, sys\n"
    "from checker.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def main_peak_kb(folder: Path, out: Path, jobs: int) -> int:
    """Peak resident size of the main process of ``provcheck check`` (KB; Linux's ru_maxrss unit)."""
    args = ["check", str(folder), "--reports-dir", str(out), "-j", str(jobs), "-q", "--today", "2026-11-22"]
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return int(done.stderr.strip().splitlines()[-1])


def per_file_memory(tmp: Path, sizes: tuple[int, int], sentences: list[str], jobs: int) -> tuple[int, int, float]:
    peaks = []
    for n in sizes:
        folder = tmp / f"memory-{n}"
        generate(folder, n, sentences)
        peaks.append(main_peak_kb(folder, tmp / f"memory-reports-{n}", jobs))
    return peaks[0], peaks[1], (peaks[1] - peaks[0]) / (sizes[1] - sizes[0])


def engine_share(folder: Path, out: Path) -> dict[str, float]:
    cfg = Config()
    t0 = time.perf_counter()
    targets = discover([str(folder)], [], cfg.extensions)
    t1 = time.perf_counter()
    files = []
    for target in targets:
        data = read_bytes(target.fs_path, cfg.max_file_bytes)
        decoded = decode(data)
        article = Article(target.path, data, decoded)
        _ = article.sentences, article.words, article.line_starts
        report = FileReport(tool=TOOL, file=FileInfo(path=target.path, sha256=article.sha256, bytes=len(data), encoding=decoded.encoding))
        files.append(FileResult(target, report, article.line_starts))
    t2 = time.perf_counter()
    for f in files:
        f.report.scores = score(f.report.findings, cfg)
        f.report.verdict = verdict(f.report.scores, f.report.findings, cfg)
    t3 = time.perf_counter()
    write_reports(RunResult(files, cfg), out)
    t4 = time.perf_counter()
    n = len(targets)
    return {
        "discover": (t1 - t0) / n * 1000,
        "read+decode+parse": (t2 - t1) / n * 1000,
        "score": (t3 - t2) / n * 1000,
        "write reports": (t4 - t3) / n * 1000,
        "total": (t4 - t0) / n * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-cli", action="store_true", help="only measure the engine's own share")
    parser.add_argument("--memory", type=int, nargs=2, default=[1000, 3000], metavar=("N1", "N2"), help="run sizes for the memory figure")
    parser.add_argument("--memory-only", action="store_true", help="only measure the main process's memory per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="provcheck-bench-") as tmp:
        sentences = source_sentences(args.corpora)
        small, big = args.memory
        low, high, per_file = per_file_memory(Path(tmp), (small, big), sentences, max(args.jobs))
        print(
            f"main process peak: {low / 1024:.0f} MB at {small} articles, {high / 1024:.0f} MB at {big}: "
            f"{per_file:.1f} KB per file (--jobs {max(args.jobs)})"
        )
        if args.memory_only:
            return 0
        folder = Path(tmp) / "corpus"
        generate(folder, args.articles, sentences)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())
        print(f"corpus: {args.articles} articles, {words / args.articles:.0f} words per article on average")
        share = engine_share(folder, Path(tmp) / "engine-reports")
        print("engine share, ms per article (no rules): " + ", ".join(f"{k} {v:.3f}" for k, v in share.items()))
        if not args.skip_cli:
            for jobs in args.jobs:
                secs = cli_run(folder, Path(tmp) / f"reports-{jobs}", jobs)
                print(f"provcheck check --jobs {jobs}: {secs:.1f} s wall, {args.articles / secs:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
