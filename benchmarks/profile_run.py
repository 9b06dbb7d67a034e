"""Where a whole ``provcheck check`` run spends its time, by engine phase and by family (cProfile).

    python benchmarks/profile_run.py [--articles 500] [--jobs 1] [--no-html] [--select DT] [--top 25]

Generates articles of naeb's length distribution (as ``benchmarks/engine.py --naeb-lengths``), then
runs ``provcheck check`` in this process under cProfile. With ``--jobs 1`` (and no time budget) the
whole run is here, and the shares are those of the whole run; with ``--jobs 2`` the workers are
not profiled, and the figures are what the main process does while they work (receiving and
unpickling their results, the corpus phase, the reports). cProfile's own overhead inflates the many
small calls (the rules' Python) more than the few large ones (regular expressions, zlib, JSON in C),
so read the shares, not the absolute times. Phases are the cumulative time of the functions listed
in ``PHASES``; the families', of their plug-ins' entry points (a shared analysis counts to the first
family that asks for it, and the lazy parts of the article model, sentences and words, to the first
plug-in that reads them: ``of which`` rows show them).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from engine import generate_lengths, naeb_material  # noqa: E402

from checker.cli import main as cli_main  # noqa: E402

# phase -> (file suffix, function name) whose cumulative time it is
PHASES: dict[str, list[tuple[str, str]]] = {
    "discover": [("checker/discover.py", "discover")],
    "per-file phase (process)": [("checker/engine.py", "process")],
    "  reading": [("checker/decode.py", "read_bytes")],
    "  decoding": [("checker/decode.py", "decode")],
    "  article (header, paragraphs)": [("checker/article.py", "__init__")],
    "  analyzers": [("checker/engine.py", "run_analyzer")],
    "  document rules": [("checker/engine.py", "run_rule")],
    "  corpus collectors": [("checker/engine.py", "run_collect")],
    "  of which: findings built": [("checker/engine.py", "finding")],
    "  of which: contributions applied": [("checker/engine.py", "apply_contribution")],
    "  of which: paragraphs, sentences, words": [
        ("checker/segment.py", "sentences"),
        ("checker/segment.py", "words"),
        ("checker/segment.py", "paragraphs"),
    ],
    "compact (pack results)": [("checker/engine.py", "compact")],
    "results from workers (wait, unpickle)": [("checker/pool.py", "map")],
    "corpus phase": [("checker/engine.py", "run_corpus")],
    "unseal reports": [("checker/engine.py", "unseal")],
    "finalize (scores, verdicts)": [("checker/engine.py", "finalize")],
    "reports: JSON + Markdown per file": [("checker/reports.py", "write_file_reports")],
    "  JSON serialisation": [("checker/reports.py", "to_json")],
    "  Markdown": [("checker/reports.py", "file_markdown")],
    "  full_report (unpack details)": [("checker/engine.py", "full_report")],
    "  atomic writes": [("checker/fsutil.py", "write_atomic")],
    "summary (model, JSON, Markdown)": [("checker/reports.py", "summary"), ("checker/reports.py", "summary_markdown")],
    "HTML dashboard": [("checker/html/__init__.py", "write_site")],
    "run-level format (terminal table)": [("checker/formats/__init__.py", "render")],
}


def _cumulative(stats: pstats.Stats, wanted: list[tuple[str, str]]) -> float:
    total = 0.0
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _, name), (_, _, _, ct, _) in raw.items():
        if any(filename.endswith(suffix) and name == fn for suffix, fn in wanted):
            total += ct
    return float(total)


def _families(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative time of each family's plug-in entry points (analyze, check, collect, corpus halves)."""
    out: dict[str, float] = {}
    raw = stats.stats  # type: ignore[attr-defined]
    entry = {"analyze", "check", "collect", "analyze_corpus", "check_corpus"}
    for (filename, _, name), (_, _, _, ct, _) in raw.items():
        parts = Path(filename).parts
        if name in entry and "rules" in parts:
            family = parts[parts.index("rules") + 1] if parts.index("rules") + 1 < len(parts) else "?"
            key = f"{family} ({'corpus phase' if name.endswith('_corpus') else 'per file'})"
            out[key] = out.get(key, 0.0) + ct
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--select", help="only these rules")
    parser.add_argument("--top", type=int, default=25, help="also print the top functions by own time")
    args = parser.parse_args()
    lengths, sentences, source = naeb_material(args.corpora)
    with tempfile.TemporaryDirectory(prefix="provcheck-profile-") as tmp:
        folder = Path(tmp) / "corpus"
        words = generate_lengths(folder, args.articles, lengths, sentences)
        print(f"source: {source}; {args.articles} articles, {words / args.articles:.0f} words each on average")
        argv = ["check", str(folder), "--reports-dir", str(Path(tmp) / "reports"), "-q", "--today", "2026-11-22", "--jobs", str(args.jobs)]
        if args.jobs == 1:
            argv += ["--file-timeout", "0"]  # the whole run in this process
        if args.no_html:
            argv.append("--no-html")
        if args.select:
            argv += ["--select", args.select]
        profiler = cProfile.Profile(time.process_time)  # CPU time: the machine's other load does not count
        with contextlib.redirect_stdout(io.StringIO()):
            profiler.runcall(cli_main, argv)
    stats = pstats.Stats(profiler)
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    where = "the whole run" if args.jobs == 1 else "the main process (workers not profiled)"
    print(f"{where}: {total:.1f} CPU s under cProfile, {total / args.articles * 1000:.2f} ms per article")
    for phase, wanted in PHASES.items():
        secs = _cumulative(stats, wanted)
        if secs:
            print(f"  {phase:40} {secs / args.articles * 1000:8.2f} ms/article {secs / total:6.1%}")
    fams = _families(stats)
    if fams:
        print("by family (its plug-ins' entry points):")
        for fam, secs in sorted(fams.items(), key=lambda kv: -kv[1]):
            print(f"  {fam:40} {secs / args.articles * 1000:8.2f} ms/article {secs / total:6.1%}")
    if args.top:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-6000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
