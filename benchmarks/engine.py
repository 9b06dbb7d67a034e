"""Throughput of ``provcheck check`` over a generated corpus, and the engine's own share per article.

    python benchmarks/engine.py [--articles 10000] [--corpora ../shared/corpora] [--jobs 1 2]
    python benchmarks/engine.py --naeb-lengths [--articles 2000] [--peak-articles 20000] [--select DT]

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

``--naeb-lengths`` measures what a curator's intake of real-length news costs (issue #15). Each
article takes the word count of a random article of ``naeb`` (about 1,000 words on average, 54 to
8,849) and is filled to it with sentences drawn at random from all of naeb's articles, in paragraphs
of one to four sentences, with a date header on two thirds of them (real text, no near-duplicate
clusters). Without the corpora, the lengths come from naeb's deciles stored below and the sentences
from ``seeds/``. It prints:

* per family, the time of its analyzers, rules and corpus collectors per article measured in this
  process on one core over ``--family-articles`` articles (articles/s and words/s of that share
  alone; a shared analysis is counted to the first family that asks for it), and the engine's own
  share (read, decode, parse);
* the whole ``provcheck check`` run (every default rule, the JSON, Markdown and HTML reports) for
  each ``--jobs``, with the site and without it (``--no-html``), as articles/s and words/s, with the
  main process's peak memory; ``--select CODES`` adds the same runs with only those rules;
* the main process's peak memory for ``--peak-articles`` articles in one run (``--jobs`` the
  largest) and the bytes per article it grows by between the throughput run and that one, beside
  the pickled size of an article's corpus digests (what the corpus phase must hold).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pickle
import random
import resource
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
from checker.engine import TOOL, FileResult, RuleSet, RunResult  # noqa: E402
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
        cwd=ROOT,
        env=_env(),
    )
    return time.perf_counter() - start


def _env() -> dict[str, str]:
    """The subprocesses run the code next to this script (the checkout being measured)."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


_PEAK = (
    "import resource, sys\n"
    "from checker.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def main_peak_kb(folder: Path, out: Path, jobs: int, extra: tuple[str, ...] = ()) -> int:
    """Peak resident size of the main process of ``provcheck check`` (KB; Linux's ru_maxrss unit)."""
    return timed_check(folder, out, jobs, extra)[1]


def timed_check(folder: Path, out: Path, jobs: int, extra: tuple[str, ...] = ()) -> tuple[float, int, float]:
    """Wall seconds, the main process's peak resident size (KB) and the CPU seconds of every process
    (main and workers) of one ``provcheck check`` run."""
    args = ["check", str(folder), "--reports-dir", str(out), "-j", str(jobs), "-q", "--today", "2026-11-22", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=ROOT, env=_env(), capture_output=True, text=True, check=False)
    secs = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"provcheck check failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return secs, int(done.stderr.strip().splitlines()[-1]), cpu


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


# naeb's article lengths in words (str.split), deciles 0-100%: the lengths used without the corpora
NAEB_DECILES = (54, 254, 357, 443, 550, 702, 860, 1038, 1244, 1955, 8849)


def naeb_material(corpora: Path) -> tuple[list[int], list[str], str]:
    """The article lengths (words) and the sentences to fill them with."""
    naeb = corpora / "naeb" / "articles.jsonl"
    if naeb.is_file():
        with naeb.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        lengths = [len(t.split()) for t in texts]
        source = f"{naeb} ({len(texts)} articles)"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        rng = random.Random(11)
        lengths = [_decile_length(rng.random()) for _ in range(1000)]
        source = f"naeb's length deciles, sentences of seeds/ (corpora not found at {corpora})"
    sentences: list[str] = []
    for text in texts:
        article = Article.from_text(text)
        sentences.extend(article.slice(s) for s in article.sentences if len(article.words_in(s.start, s.end)) >= 4)
    return lengths, sentences, source


def _decile_length(u: float) -> int:
    """A length at quantile ``u`` of naeb's, interpolated between its deciles."""
    i = min(int(u * 10), 9)
    lo, hi = NAEB_DECILES[i], NAEB_DECILES[i + 1]
    return round(lo + (hi - lo) * (u * 10 - i))


def generate_lengths(folder: Path, n: int, lengths: list[int], sentences: list[str], seed: int = 7) -> int:
    """``n`` articles of naeb's lengths (see the module's docstring); returns their words in all."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = [len(s.split()) for s in sentences]
    total = 0
    for i in range(n):
        target = rng.choice(lengths)
        paras: list[str] = []
        count = 0
        while count < target:
            para = []
            for _ in range(rng.randint(1, 4)):
                k = rng.randrange(len(sentences))
                para.append(sentences[k])
                count += words[k]
                if count >= target:
                    break
            paras.append(" ".join(para))
        body = "\n\n".join(paras) + "\n"
        if i % 3:
            body = f" date 2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} " + body
        total += count
        (folder / f"{i:06d}.txt").write_text(body, encoding="utf-8")
    return total


def family_shares(folder: Path, limit: int) -> tuple[dict[str, float], float, float, int]:
    """Per family, the seconds its plug-ins take per article in this process (``engine``: read,
    decode and parse), the articles' mean words, the mean pickled size of their corpus digests
    (bytes) and the articles timed."""
    from checker import registry

    rules = RuleSet(Config(today=datetime.date(2026, 11, 22)))
    module_family = {r.__module__.split(".")[0] + "." + r.__module__.split(".")[1]: r.family.value for r in registry.load().rules}

    def family_of(plugin: object) -> str:
        fam = getattr(plugin, "family", None)
        if fam is not None:
            return str(fam.value)
        module = type(plugin).__module__.split(".")
        return module_family.get(".".join(module[:2]), module[0])

    spent: dict[str, float] = {}
    words = digest_bytes = 0
    paths = sorted(folder.iterdir())[: limit + 1]
    clock = time.process_time  # CPU time of this process: less moved by the machine's other load than wall time
    for k, path in enumerate(paths):
        if k == 1:  # the first article loads the word lists and models (once per process): not counted
            spent.clear()
            words = digest_bytes = 0
        t = clock()
        data = read_bytes(str(path), rules.config.max_file_bytes)
        article = Article(path.name, data, decode(data))
        _ = article.sentences, article.words, article.line_starts
        spent["engine"] = spent.get("engine", 0.0) + clock() - t
        words += article.word_count
        digests = {}
        steps: list[tuple[object, object]] = [(a, a.analyze) for a in rules.doc_analyzers]
        steps += [(r, r.check) for r in rules.document_rules]
        steps += [(r, r.collect) for r in rules.corpus_rules]
        steps += [(a, a.collect) for a in rules.corpus_analyzers]
        for plugin, step in steps:
            t = clock()
            out = step(article)  # type: ignore[operator]
            if step.__name__ == "check":  # type: ignore[attr-defined]
                out = list(out)
            elif step.__name__ == "collect":  # type: ignore[attr-defined]
                digests[getattr(plugin, "id", None) or plugin.name] = out  # type: ignore[attr-defined]
            fam = family_of(plugin)
            spent[fam] = spent.get(fam, 0.0) + clock() - t
        digest_bytes += len(pickle.dumps(digests, pickle.HIGHEST_PROTOCOL))
    n = len(paths) - 1
    return {k: v / n for k, v in spent.items()}, words / n, digest_bytes / n, n


def naeb_lengths(args: argparse.Namespace) -> int:
    lengths, sentences, source = naeb_material(args.corpora)
    n = args.articles
    print(f"source: {source}; {len(sentences)} sentences")
    with tempfile.TemporaryDirectory(prefix="provcheck-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        words = generate_lengths(folder, n, lengths, sentences)
        median = sorted(lengths)[len(lengths) // 2]
        print(f"corpus: {n} articles of naeb's lengths, {words / n:.0f} words per article on average (naeb's median {median})")
        shares, mean_words, digest_bytes, timed = family_shares(folder, args.family_articles)
        total = sum(shares.values())
        print(f"per family, CPU time in-process ({timed} articles, {mean_words:.0f} words each on average):")
        for fam, secs in sorted(shares.items(), key=lambda kv: -kv[1]):
            rate = f"{1 / secs:8.0f} articles/s {mean_words / secs:10.0f} words/s"
            print(f"  {fam:12} {secs * 1000:7.2f} ms/article {rate} ({secs / total:.0%})")
        print(f"  {'all':12} {total * 1000:7.2f} ms/article {1 / total:8.0f} articles/s {mean_words / total:10.0f} words/s")
        print(f"corpus digests: {digest_bytes / 1024:.1f} KB pickled per article")
        runs: list[tuple[str, tuple[str, ...]]] = [("every rule, all reports", ()), ("every rule, --no-html", ("--no-html",))]
        if args.select:
            runs.append((f"--select {args.select}, all reports", ("--select", args.select)))
        peak_at_n = 0
        for label, extra in runs:
            for jobs in args.jobs:
                secs, peak, cpu = timed_check(folder, Path(tmp) / f"reports-{jobs}-{len(extra)}", jobs, extra)
                if not extra and jobs == max(args.jobs):
                    peak_at_n = peak
                print(
                    f"provcheck check --jobs {jobs} ({label}): {secs:.1f} s, {n / secs:.0f} articles/s, {words / secs:,.0f} words/s; "
                    f"{n / cpu:.0f} articles per CPU-second of all its processes; main peak {peak / 1024:.0f} MB"
                )
        if args.peak_articles:
            big = Path(tmp) / "peak"
            generate_lengths(big, args.peak_articles, lengths, sentences, seed=8)
            jobs = max(args.jobs)
            secs, peak, _ = timed_check(big, Path(tmp) / "peak-reports", jobs)
            print(
                f"main process peak for {args.peak_articles} articles in one run (--jobs {jobs}): {peak / 1024:.0f} MB "
                f"({args.peak_articles / secs:.0f} articles/s); growth from {n} articles: "
                f"{(peak - peak_at_n) * 1024 / (args.peak_articles - n):,.0f} bytes per article"
            )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-cli", action="store_true", help="only measure the engine's own share")
    parser.add_argument("--memory", type=int, nargs=2, default=[1000, 3000], metavar=("N1", "N2"), help="run sizes for the memory figure")
    parser.add_argument("--memory-only", action="store_true", help="only measure the main process's memory per file")
    parser.add_argument("--naeb-lengths", action="store_true", help="articles of naeb's length distribution, per family and whole run")
    parser.add_argument("--family-articles", type=int, default=300, help="--naeb-lengths: articles timed per family in-process")
    parser.add_argument("--peak-articles", type=int, default=20_000, help="--naeb-lengths: articles of the peak-memory run (0: skip)")
    parser.add_argument("--select", help="--naeb-lengths: also time runs with only these rules (e.g. DT)")
    args = parser.parse_args()
    if args.naeb_lengths:
        if args.articles == 10_000:
            args.articles = 2_000
        return naeb_lengths(args)
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
