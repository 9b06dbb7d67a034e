"""What ``check --since`` saves a CI job: wall time of checking a change of a few articles against a
corpus, three ways.

    python benchmarks/ci_since.py [--corpora ../shared/corpora] [--articles 900] [--changed 10] [--jobs 2]

Builds a temporary git repository whose first commit is ``--articles`` real articles (the PolNeAR
texts of ``polnear/{train,dev}/text``), then commits ``--changed`` more, and times:

* ``full``: ``provcheck check`` over every article (what CI does without ``--since``);
* ``since``: ``check --since HEAD~1`` without an index (the unchanged files are fingerprinted);
* ``since+index``: ``check --since HEAD~1 --index`` (the index built beforehand; its build time is
  printed separately, as CI would keep it between runs).

Every run is a separate ``provcheck`` process with ``--no-reports``, so each figure includes start-up;
CPU seconds (user + system, workers included) are printed next to wall seconds, as they depend less
on other load on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def timed(repo: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "checker", *args], cwd=repo, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"provcheck {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--articles", type=int, default=900)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    texts = sorted((args.corpora / "polnear").glob("*/text/*.txt"))
    if len(texts) < args.articles + args.changed:
        raise SystemExit(f"need {args.articles + args.changed} texts under {args.corpora / 'polnear'}, found {len(texts)}")
    with tempfile.TemporaryDirectory(prefix="provcheck-since-") as tmp:
        repo = Path(tmp)
        (repo / "articles").mkdir()
        git(repo, "init", "-q")
        for i, src in enumerate(texts[: args.articles]):
            shutil.copyfile(src, repo / "articles" / f"{i:05d}.txt")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "corpus")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "checker", "index", "add", "articles", "--index", "archive.sqlite", "-q", "-j", str(args.jobs)],
            cwd=repo,
            check=True,
            capture_output=True,
        )
        index_s = time.perf_counter() - start
        for i, src in enumerate(texts[args.articles : args.articles + args.changed]):
            shutil.copyfile(src, repo / "articles" / f"new-{i:03d}.txt")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "change")
        common = ["check", "articles", "--no-reports", "-q", "-j", str(args.jobs), "--fail-on", "never"]
        runs = {
            "full": common,
            "since": [*common, "--since", "HEAD~1"],
            "since+index": [*common, "--since", "HEAD~1", "--index", "archive.sqlite"],
        }
        total = args.articles + args.changed
        print(f"corpus {args.articles} articles + {args.changed} changed; jobs {args.jobs}; index build {index_s:.1f} s")
        for name, cmd in runs.items():
            wall, cpu = timed(repo, *cmd)
            print(f"{name:12s} wall {wall:7.1f} s   CPU {cpu:7.1f} s   ({total / wall:6.1f} corpus articles/s)")


if __name__ == "__main__":
    main()
