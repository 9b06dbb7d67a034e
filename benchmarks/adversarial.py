"""Hostile inputs through the real check path: time, memory and report size against ordinary news.

    python benchmarks/adversarial.py [--quick] [--sizes 256,1024] [--case NAME ...] [--corpora ../shared/corpora] [--keep DIR]
    python benchmarks/adversarial.py --stages [--case NAME ...] [--sizes 256]   # which step holds the memory

(default sizes 64 and 256 KB, ordinary news 512 KB; ``--sizes`` for larger ones: the long-word case is
quadratic in ``rules/translation.py`` and takes minutes at 1 MB)

Each case is a generator of one article file (or a run of files, for the near-copy cluster) at a few
sizes. Every size is checked by its own ``provcheck check FILE --jobs 1 --reports-dir DIR`` process
(the same code path as a user's run), and the script prints per case and size:

* ``s/MB``: the check's wall seconds per MB of input beyond the same case at 16 KB (so start-up and
  the models loaded on first use cancel out);
* ``mem x``: the process's peak resident memory (``ru_maxrss`` of the child) beyond that of the
  same case at 16 KB, as a multiple of the input beyond 16 KB;
* ``report x``: bytes of the reports written for the input (JSON + Markdown, summary excluded) as a
  multiple of the input size; the aim is checked per file (each file's reports at most 20x its size
  plus 1 MB).

The baseline is ordinary news: 1 MB of naeb articles joined into one file per article (when
``--corpora`` holds ``naeb/articles.jsonl``) or of generated news-shaped text. The aims (issue #18):
a case costs at most 3x the per-MB time of ordinary news, at most 50x its input size in memory, and
its reports at most 20x its input size plus 1 MB. Each row ends PASS or FAIL against them (the time
aim is judged on the largest size of a case, where the growth is measured best).
Timings on a shared machine are noisy; the memory and report figures are not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_AIM = 3.0
MEM_AIM = 50.0
REPORT_AIM = 20.0
REPORT_SLACK = 1 << 20
REFERENCE_KB = 16  # every case is also run at this size; the figures are the growth beyond it

_PHRASE = (
    "the council said on tuesday that the new budget would raise spending on schools roads and "
    "hospitals by four percent next year after a long debate in which opposition members warned "
    "about rising debt and called for lower taxes for families and small businesses across the region"
)
_WORDS = _PHRASE.split()
_NAMES = ("Maria Lopez", "John Smith", "Ana Berg", "Omar Haddad", "Li Wei", "Sara Cohen")
_PLACES = ("LONDON", "NEW DELHI", "CAIRO", "SAO PAULO", "BERLIN", "TOKYO")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    said = rng.random() < 0.3
    body = " ".join(words)
    text = body[0].upper() + body[1:]
    if said:
        return f'"{text}," {rng.choice(_NAMES)} said.'
    return text + rng.choice((".", ".", ".", "?"))


def news(size: int, seed: int = 1) -> str:
    """News-shaped text: a date header, a dateline, paragraphs of two to four sentences."""
    rng = random.Random(seed)
    parts = [" date 2025-03-23 ", f"{rng.choice(_PLACES)} (AP) \u2014 "]
    total = 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        parts.append(para + "\n\n")
        total += len(para) + 2
    return "".join(parts)


def _fill(unit: str, size: int, prefix: str = "", suffix: str = "") -> str:
    return prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


# --- the cases: name -> generator(size in bytes) -> list of file texts -------------------------------
def end_punctuation(size: int) -> list[str]:
    return [_fill("!", size, "The vote passed", "\n\nThe council met again.\n")]


def ellipsis_run(size: int) -> list[str]:
    return [_fill("\u2026", size // 3, "He paused", "\n")]


def repeated_sentence(size: int) -> list[str]:
    return [_fill("The council approved the new budget for schools and roads on Tuesday. ", size)]


def repeated_paragraphs(size: int) -> list[str]:
    """Two-sentence paragraphs repeated: each sentence is checked against the repeated paragraphs."""
    return [_fill("The council approved the budget for schools on Tuesday. Critics called the plan reckless.\n\n", size)]


def near_repeated_sentences(size: int) -> list[str]:
    unit = "The council approved budget number {} for the schools and the roads on Tuesday. "
    n = max(1, size // len(unit))
    return ["".join(unit.format(i) for i in range(n))]


def picture_credits(size: int) -> list[str]:
    return [_fill("(AP Photo/Jane Roe) ", size, "Crowds gathered outside the court. ", "\n")]


def long_line(size: int) -> list[str]:
    rng = random.Random(3)
    return [" ".join(_sentence(rng) for _ in range(size // 90)).replace("\n", " ") + "\n"]


def one_sentence_line(size: int) -> list[str]:
    rng = random.Random(4)
    return [" ".join(rng.choice(_WORDS) for _ in range(size // 6)) + "\n"]


def many_short_lines(size: int) -> list[str]:
    return [_fill("Stocks fell.\n", size)]


def iso_dates(size: int) -> list[str]:
    return [_fill("2025-01-01 ", size, "The figures were published on ")]


def long_word(size: int) -> list[str]:
    return [_fill("a", size, "The word ", " ends here.\n")]


def million_digit_number(size: int) -> list[str]:
    return [_fill("7", size, "The debt stood at $", " on Monday.\n")]


def nested_quotes(size: int) -> list[str]:
    depth = size // 8
    return ['He said "(' * depth + "yes" + ')"' * depth + ".\n"]


def nested_brackets(size: int) -> list[str]:
    depth = size // 2
    return ["(" * depth + "Officials said so" + ")" * depth + ".\n"]


def giant_paragraph(size: int) -> list[str]:
    return [news(size, seed=5).replace("\n\n", " ")]


def alternating_scripts(size: int) -> list[str]:
    return [_fill("news \u043d\u043e\u0432\u043e\u0441\u0442\u0438 \u0623\u062e\u0628\u0627\u0631 \u65b0\u95fb ", size // 2, "", "\n")]


def capitals_run(size: int) -> list[str]:
    return [_fill("BREAKING NEWS FROM THE CAPITAL ", size, "", "\n")]


def datelines(size: int) -> list[str]:
    return [_fill("LONDON (Reuters) \u2014 Prices rose.\n\nBy Maria Lopez, Associated Press\n\n", size)]


def header_block(size: int) -> list[str]:
    return [_fill("X-Custom-Field: some value here\n", size, "Date: 2025-03-23\nTitle: Budget\n", "\nThe council met.\n")]


def tabs_and_spaces(size: int) -> list[str]:
    return [_fill(". \t  ", size, "Start", "End.\n")]


def near_copy_cluster(size: int) -> list[str]:
    """Near-copies of one ~600-word story (each with a different sentence changed), about 4 KB each."""
    rng = random.Random(11)
    story = [_sentence(rng) for _ in range(40)]
    n = max(2, size // 4200)
    out = []
    for i in range(n):
        sents = list(story)
        sents[i % len(sents)] = f"Copy number {i} changed this sentence about the {rng.choice(_WORDS)} today."
        out.append(" date 2025-03-23 " + "\n\n".join(" ".join(sents[j : j + 4]) for j in range(0, len(sents), 4)) + "\n")
    return out


CASES: dict[str, Callable[[int], list[str]]] = {
    "end-punctuation": end_punctuation,
    "ellipsis-run": ellipsis_run,
    "repeated-sentence": repeated_sentence,
    "repeated-paragraphs": repeated_paragraphs,
    "near-repeated-sentences": near_repeated_sentences,
    "picture-credits": picture_credits,
    "long-line": long_line,
    "one-sentence-line": one_sentence_line,
    "many-short-lines": many_short_lines,
    "iso-dates": iso_dates,
    "long-word": long_word,
    "million-digit-number": million_digit_number,
    "nested-quotes": nested_quotes,
    "nested-brackets": nested_brackets,
    "giant-paragraph": giant_paragraph,
    "alternating-scripts": alternating_scripts,
    "capitals-run": capitals_run,
    "datelines-bylines": datelines,
    "header-block": header_block,
    "tabs-and-spaces": tabs_and_spaces,
    "near-copy-cluster": near_copy_cluster,
}


@dataclass
class Measure:
    seconds: float
    peak: int  # bytes
    report: int  # bytes
    over: int = 0  # reports over the aim (20x their input + 1 MB)


def check(files: list[Path], reports: Path) -> Measure:
    """One ``provcheck check`` process over ``files``; its wall time, peak RSS and report bytes."""
    if reports.exists():
        shutil.rmtree(reports)
    cmd = [sys.executable, "-m", "checker", "check", *map(str, files), "--jobs", "1", "--quiet"]
    cmd += ["--reports-dir", str(reports), "--today", "2026-11-22", "--fail-on", "never"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"provcheck failed: {err[-2000:]}")
    written = over = 0
    for path in files:
        size = sum(p.stat().st_size for p in reports.rglob(path.name + ".*"))  # the file names are unique
        written += size
        over += size > REPORT_AIM * path.stat().st_size + REPORT_SLACK
    return Measure(seconds, usage.ru_maxrss * 1024, written, over)


def write(folder: Path, texts: list[str]) -> tuple[list[Path], int]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"a{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths, sum(p.stat().st_size for p in paths)


@dataclass
class Sized:
    nbytes: int
    files: int
    m: Measure


def measure_set(work: Path, name: str, texts: list[str]) -> Sized:
    files, nbytes = write(work / name, texts)
    return Sized(nbytes, len(files), check(files, work / f"{name}-reports"))


def marginal(ref: Sized, row: Sized) -> tuple[float, float]:
    """Seconds per MB and memory per input byte of ``row`` beyond ``ref`` (the same input, smaller)."""
    grown = max(row.nbytes - ref.nbytes, 1)
    return max(row.m.seconds - ref.m.seconds, 0.0) / (grown / 1e6), max(row.m.peak - ref.m.peak, 0) / grown


def naeb_news(corpora: Path, size: int) -> list[str] | None:
    path = corpora / "naeb" / "articles.jsonl"
    if not path.is_file():
        return None
    out: list[str] = []
    total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if total >= size:
                break
            text = json.loads(line)["text"]
            out.append(text)
            total += len(text.encode("utf-8"))
    return out


def stages(name: str, size: int) -> None:
    """In this process, under tracemalloc: what each step of one file's check allocates at its peak
    and keeps afterwards, as multiples of the input (the article's parse, each analyzer, the rules,
    the corpus digests); the models every file needs are loaded first, so they are not counted."""
    import gc
    import tracemalloc
    from datetime import date

    from checker.article import Article
    from checker.config import Config
    from checker.decode import decode
    from checker.engine import RuleSet
    from rules.provenance.language import detect_language
    from rules.provenance.readability import counts

    rules = RuleSet(Config(today=date(2026, 11, 22)))
    warm = Article.from_text(news(4000))
    for analyzer in rules.doc_analyzers:
        analyzer.analyze(warm)
    detect_language("El gobierno aprobó el presupuesto de las escuelas.")  # langdetect's profiles
    counts("Zqxvbnm")  # pyphen's patterns (words the CMU dictionary lacks)
    data = CASES[name](size)[0].encode("utf-8")
    article = Article(name, data, decode(data))
    steps: list[tuple[str, Callable[[], object]]] = [("article", lambda: (article.paragraphs, article.sentences, article.words))]
    steps += [(f"analyzer {a.name}", lambda a=a: a.analyze(article)) for a in rules.doc_analyzers]  # type: ignore[misc]
    steps.append(("document rules", lambda: [list(r.check(article)) for r in rules.document_rules]))
    steps += [(f"digest {c.id}", lambda c=c: c.collect(article)) for c in rules.corpus_rules]  # type: ignore[misc]
    gc.collect()
    tracemalloc.start()
    print(f"{name} ({len(data) / 1e6:.2f} MB): peak and kept memory per step, x input")
    for label, step in steps:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        step()
        now, peak = tracemalloc.get_traced_memory()
        print(f"  {label:<26}{(peak - before) / len(data):>8.1f}{(now - before) / len(data):>8.1f}")
    tracemalloc.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="sizes 32 and 128 KB instead of 64 and 256 KB")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases (repeatable)")
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--sizes", type=str, default=None, help="comma-separated sizes in KB (overrides the default)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated inputs and reports here")
    ap.add_argument("--stages", action="store_true", help="instead: each step's peak and kept memory, in this process (tracemalloc)")
    args = ap.parse_args()
    sizes_kb = [int(s) for s in args.sizes.split(",")] if args.sizes else [32, 128] if args.quick else [64, 256]
    if args.stages:
        for name in args.case or list(CASES):
            stages(name, sizes_kb[-1] << 10)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="provcheck-adv-"))
    try:
        news_size = (128 if args.quick else 512) << 10
        texts = naeb_news(args.corpora, news_size)
        label = "naeb articles"
        if texts is None:
            texts, label = [news(4000, seed=i) for i in range(news_size // 4000)], "generated news"
        # Every figure is marginal: against the same kind of input at REFERENCE_KB, so that start-up
        # and the models loaded on first use (langdetect's profiles, about 45 MB) cancel out.
        small = texts[: max(1, len(texts) * REFERENCE_KB // (news_size >> 10))]
        ref = measure_set(work, "news-ref", small)
        big = measure_set(work, "news", texts)
        news_rate, news_mem = marginal(ref, big)
        print(
            f"baseline: ordinary news ({label}, {big.files} files, {big.nbytes / 1e6:.2f} MB): {news_rate:.2f} s/MB, "
            f"memory {news_mem:.1f}x, reports {big.m.report / big.nbytes:.1f}x"
        )
        print(
            f"aims: time <= {TIME_AIM:.0f}x news ({TIME_AIM * news_rate:.2f} s/MB), memory <= {MEM_AIM:.0f}x input, "
            f"reports <= {REPORT_AIM:.0f}x input + 1 MB (per file)\n"
        )
        print(f"{'case':<26}{'input':>10}{'files':>7}{'s/MB':>9}{'x news':>8}{'mem x':>8}{'report x':>10}  result")
        failed = 0
        for name in args.case or list(CASES):
            ref = measure_set(work, f"{name}-ref", CASES[name](REFERENCE_KB << 10))
            rows = [measure_set(work, name, CASES[name](kb << 10)) for kb in sizes_kb]
            for i, row in enumerate(rows):
                rate, mem = marginal(ref, row)
                last = i == len(rows) - 1
                ok = mem <= MEM_AIM and not row.m.over and (not last or rate <= TIME_AIM * news_rate)
                failed += not ok
                print(
                    f"{name:<26}{row.nbytes / 1e6:>9.2f}M{row.files:>7}{rate:>9.2f}{rate / news_rate:>8.1f}{mem:>8.1f}"
                    f"{row.m.report / row.nbytes:>10.2f}  {'PASS' if ok else 'FAIL'}"
                )
        print(f"\n{failed} row(s) over an aim")
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
