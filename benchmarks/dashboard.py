"""The HTML dashboard's cost (not named html.py: a script beside the others must not shadow the
standard library's ``html`` module for them): writing the site against checking, and the triage page in a browser.

    python benchmarks/dashboard.py [--articles 2000] [--rows 20000] [--jobs 2] [--corpora ../shared/corpora]

1. Generates ``--articles`` articles (as ``benchmarks/engine.py`` does: naeb sentences, or the seeds
   without the corpora), times ``provcheck check`` on them with and without ``--no-html`` (best of
   three each) and prints the time the check spends writing the site (its ``write_site`` call, timed
   inside the run: the difference of two whole runs is mostly their noise) as a share of the check
   time (aim: under 10%), then times ``provcheck html`` rebuilding the site in a process of its own.
   ``--naeb-lengths``: articles of naeb's length distribution instead (about 1,000 words).
2. Writes a triage page of ``--rows`` rows (the run's rows repeated under other paths) and opens it
   in headless chromium (Debian's; PROVCHECK_CHROMIUM to name another): the time from navigation
   start until the table is rendered and interactive (aim: under 1 s), and the time one filter
   keystroke takes to redraw. Skipped, saying so, without chromium or Playwright.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from engine import generate, generate_lengths, naeb_material, source_sentences  # noqa: E402

from checker.html import _row, index_page  # noqa: E402
from checker.models import RunSummary  # noqa: E402


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, check=False)
    return time.perf_counter() - start


# ``provcheck check`` with the time its ``write_site`` call takes written to the file named by
# PROVCHECK_SITE_TIME: the site's own cost, which the difference of two whole runs hides in their noise
_SITE_TIMER = """
import os, sys, time
import checker.html
from checker.cli import main
write_site = checker.html.write_site
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return write_site(*args, **kwargs)
    finally:
        with open(os.environ["PROVCHECK_SITE_TIME"], "w") as fh:
            fh.write(str(time.perf_counter() - start))
checker.html.write_site = timed
sys.exit(main(sys.argv[1:]))
"""


def timed_site(args: list[str], cwd: Path) -> tuple[float, float]:
    """(whole check, its write_site) in seconds."""
    out = cwd / "site-time"
    start = time.perf_counter()
    env = {**os.environ, "PROVCHECK_SITE_TIME": str(out)}
    subprocess.run([sys.executable, "-c", _SITE_TIMER, *args], cwd=cwd, check=False, env=env)
    return time.perf_counter() - start, float(out.read_text())


def big_index(reports: Path, rows: int, out: Path) -> None:
    summary = RunSummary.model_validate_json((reports / "summary.json").read_text(encoding="utf-8"))
    base = [_row(r.path, None, None, r.model_dump(mode="json")) for r in summary.rows]
    many = []
    for i in range(rows):
        row = dict(base[i % len(base)])
        row["path"] = f"batch{i // len(base):03d}/{row['path']}"
        row["page"] = row["path"] + ".html"
        many.append(row)
    summary.rows = summary.rows[:1]  # the page draws its rows from the data island, not from here
    summary.files = rows
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ("provcheck.css", "provcheck.js"):
        shutil.copyfile(ROOT / "checker" / "html" / "static" / asset, out / "assets" / asset)
    (out / "index.html").write_text(index_page(summary, many), encoding="utf-8")


def browser_times(page_file: Path) -> tuple[float, float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("triage page in a browser: skipped (Playwright is not installed)")
        return None
    exe = os.environ.get("PROVCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        print("triage page in a browser: skipped (no chromium: apt-get install -y chromium)")
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        ready, filtering = [], []
        for _ in range(3):
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_selector('body[data-ready="1"]')
            ready.append(page.evaluate("performance.now()") / 1000)
            start = page.evaluate("performance.now()")
            page.fill("#f-q", "batch007")
            page.wait_for_function("document.getElementById('status').textContent.includes('match')")
            filtering.append((page.evaluate("performance.now()") - start) / 1000)
            page.close()
        browser.close()
    return min(ready), min(filtering)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--naeb-lengths", action="store_true", help="articles of naeb's lengths (as benchmarks/engine.py --naeb-lengths)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.naeb_lengths:
            lengths, sentences, _ = naeb_material(args.corpora)
            words = generate_lengths(work / "in", args.articles, lengths, sentences)
            kind = f"of naeb's lengths, {words / args.articles:.0f} words on average"
        else:
            generate(work / "in", args.articles, source_sentences(args.corpora))
            kind = "of 8-30 sentences"
        run = ["check", "in", "-q", "-j", str(args.jobs), "--today", "2026-11-22"]
        check = min(timed([*run, "--no-html"], work) for _ in range(3))
        runs = sorted(timed_site(run, work) for _ in range(3))
        with_site, site_own = runs[1]  # the median run
        site = timed(["html", "reports"], work)
        pages = len(list((work / "reports").glob("*.html"))) - 1
        print(f"check --no-html, {args.articles} articles {kind}, --jobs {args.jobs}: {check:.1f} s (best of 3)")
        print(
            f"check writing the site too: {with_site:.1f} s (median of 3), of which writing the site {site_own:.2f} s = "
            f"{100 * site_own / with_site:.1f}% of the check (aim < 10%); the difference of the two runs: "
            f"{with_site - check:.1f} s"
        )
        print(f"provcheck html (a rebuild, its own process): {site:.1f} s for {pages} article pages and the triage page")
        big = work / "big"
        big_index(work / "reports", args.rows, big)
        size = (big / "index.html").stat().st_size
        times = browser_times(big / "index.html")
        if times is not None:
            print(
                f"triage page, {args.rows} rows ({size / 1e6:.1f} MB): interactive after {times[0]:.2f} s (aim < 1 s); "
                f"a filter keystroke redraws in {1000 * times[1]:.0f} ms (best of 3)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
