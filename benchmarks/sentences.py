"""Sentence-boundary accuracy and speed of provcheck's splitter on PolNeAR, against blingfire, syntok and pysbd.

PolNeAR has no sentence gold, so the measurement is built on *candidate boundaries*: every place where
terminal punctuation (``.``, ``?``, ``!``, ``…``, optionally followed by closing quotes or brackets) is
followed by horizontal white space and then an upper-case letter, a digit or an opening quote/bracket.
Paragraph ends are not candidates (every splitter gets them right). Two hand-labelled sets, each
candidate read in context and labelled as a sentence boundary (1) or not (0):

* ``benchmarks/data/polnear_dev_boundaries.tsv``: all 1,913 candidates of the 84 dev articles. The
  splitter's rules were fixed while looking at its errors, so its figures are optimistic.
* ``benchmarks/data/polnear_train_sample_boundaries.tsv``: 400 candidates drawn at random from the
  17,762 of the train articles (``random.Random(20261122).sample``) and labelled after the rules were
  frozen: the held-out figure.

Labels were given blind (without any splitter's output) and then re-read wherever a splitter disagreed;
that corrected one label in each set. The files hold only paths, character offsets and labels (no corpus
text). A splitter "splits" a candidate when one of its sentences starts between the punctuation and the
next word (inclusive). Splits a splitter makes *outside* any candidate (e.g. before a lower-case word or
a dash) are counted but not scored, and printed with ``--show-errors``.

Every splitter gets the same paragraphs (``checker.segment.paragraphs``) and is timed on them (CPU time,
best of three). Also printed: the engine's own share per article (decode, header parse, paragraphs,
sentences, words; CPU time, best of five) on PolNeAR dev and naeb, and how many dev articles keep exactly
the same sentences when their paragraphs are hard-wrapped at 60/72/79 columns.

Usage::

    .venv/bin/python benchmarks/sentences.py [CORPORA] [--show-errors] [--only ours,blingfire,syntok,pysbd] [--json]

``CORPORA`` defaults to ``../shared/corpora`` relative to the project; the script exits 0 with a message
when the corpus is absent.
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import json
import math
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import segment  # noqa: E402
from checker.article import Article  # noqa: E402
from checker.decode import decode  # noqa: E402
from checker.segment import Segment  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
LABEL_SETS = (
    ("dev", "PolNeAR dev, every candidate (development set: the rules were fixed looking at it)", DATA / "polnear_dev_boundaries.tsv"),
    (
        "train_sample",
        "PolNeAR train, random sample (held out: labelled after the rules were frozen)",
        DATA / "polnear_train_sample_boundaries.tsv",
    ),
)
_CANDIDATE = re.compile(r"[.?!\u2026]+[\"'\u201d\u2019)\]]*[ \t\u00a0]+")
_OPENERS = "\"'\u201c\u2018(["

# A splitter: (text, paragraphs) -> sorted sentence start offsets into text.
Splitter = Callable[[str, list[Segment]], list[int]]


def candidates(text: str) -> Iterator[tuple[int, int]]:
    """(offset of the punctuation, offset of the next word) of every candidate boundary."""
    for m in _CANDIDATE.finditer(text):
        nxt = m.end()
        if nxt < len(text):
            c = text[nxt]
            if c.isupper() or c.isdigit() or c in _OPENERS:
                yield m.start(), nxt


# --- splitters --------------------------------------------------------------------------------------
def ours(text: str, paras: list[Segment]) -> list[int]:
    return [s.start for p in paras for s in segment.sentences(text, p.start, p.end)]


def _blingfire() -> Splitter:
    bf: Any = importlib.import_module("blingfire")

    def split(text: str, paras: list[Segment]) -> list[int]:
        out: list[int] = []
        for p in paras:
            _, offsets = bf.text_to_sentences_and_offsets(text[p.start : p.end])
            out.extend(p.start + start for start, _end in offsets)
        return out

    return split


def _syntok() -> Splitter:
    seg: Any = importlib.import_module("syntok.segmenter")

    def split(text: str, paras: list[Segment]) -> list[int]:
        out: list[int] = []
        for p in paras:
            for para in seg.analyze(text[p.start : p.end]):
                out.extend(p.start + sent[0].offset for sent in para if sent)
        return out

    return split


def _pysbd() -> Splitter:
    pysbd: Any = importlib.import_module("pysbd")
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str, paras: list[Segment]) -> list[int]:
        out: list[int] = []
        for p in paras:
            chunk = text[p.start : p.end]
            for span in segmenter.segment(chunk):
                start = span.start
                while start < len(chunk) and chunk[start].isspace():
                    start += 1
                out.append(p.start + start)
        return out

    return split


SPLITTERS: dict[str, Callable[[], Splitter]] = {
    "ours": lambda: ours,
    "blingfire": _blingfire,
    "syntok": _syntok,
    "pysbd": _pysbd,
}


# --- measurement ------------------------------------------------------------------------------------
@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    outside: int = 0  # splits at no candidate and no paragraph start
    seconds: float = 0.0
    errors: list[tuple[str, int, int, str]] = field(default_factory=list)  # file, offset, label, kind

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        n = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / n if n else 1.0


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a proportion k/n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def load_labels(path: Path) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, pairs = raw.split("\t")
        labels = out.setdefault(name, {})
        for pair in pairs.split():
            offset, label = pair.split(":")
            labels[int(offset)] = int(label)
    return out


def load_texts(folder: Path, names: list[str]) -> dict[str, str]:
    return {name: decode((folder / name).read_bytes()).text for name in names}


def evaluate(name: str, split: Splitter, texts: dict[str, str], paras: dict[str, list[Segment]], gold: dict[str, dict[int, int]]) -> Score:
    score = Score()
    starts_by_file: dict[str, list[int]] = {}
    for _ in range(3):  # best of three runs
        t0 = time.process_time()
        for fname, text in texts.items():
            starts_by_file[fname] = split(text, paras[fname])
        elapsed = time.process_time() - t0
        score.seconds = elapsed if score.seconds == 0.0 else min(score.seconds, elapsed)
    for fname, text in texts.items():
        starts = sorted(set(starts_by_file[fname]))
        para_starts = {p.start for p in paras[fname]}
        windows = list(candidates(text))
        labels = gold.get(fname, {})
        covered: set[int] = set()
        for punct, nxt in windows:
            i = bisect.bisect_left(starts, punct)
            hit = i < len(starts) and starts[i] <= nxt
            if hit:
                j = i
                while j < len(starts) and starts[j] <= nxt:
                    covered.add(starts[j])
                    j += 1
            label = labels.get(punct)
            if label is None:
                continue
            if label and hit:
                score.tp += 1
            elif label:
                score.fn += 1
                score.errors.append((fname, punct, 1, "missed"))
            elif hit:
                score.fp += 1
                score.errors.append((fname, punct, 0, "false split"))
            else:
                score.tn += 1
        for s in starts:
            if s not in covered and s not in para_starts:
                score.outside += 1
                score.errors.append((fname, s, 0, "split outside candidates"))
    return score


def context(text: str, pos: int, width: int = 50) -> str:
    left = text[max(0, pos - width) : pos].replace("\n", "¶")
    right = text[pos : pos + width].replace("\n", "¶")
    return f"{left:>{width}}|{right}"


def _normalised_sentences(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()) for p in segment.paragraphs(text) for s in segment.sentences(text, p.start, p.end)]


def rewrap_agreement(texts: list[str], width: int, separator: str) -> int:
    """How many texts keep exactly the same sentences (white space normalised) when every paragraph line
    is hard-wrapped at ``width`` columns and paragraphs are separated by ``separator``."""
    same = 0
    for text in texts:
        paras = [line for line in text.split("\n") if line.strip()]
        flat = "\n\n".join(paras)
        wrapped = separator.join("\n".join(textwrap.wrap(p, width, break_on_hyphens=False, break_long_words=False)) for p in paras)
        same += _normalised_sentences(wrapped) == _normalised_sentences(flat)
    return same


def engine_share(texts: list[bytes]) -> float:
    """Best-of-five CPU seconds (process time, so other load on the machine does not count) per article for
    decode + header parse + paragraphs + sentences + words."""
    best = math.inf
    for _ in range(5):
        t0 = time.process_time()
        for i, data in enumerate(texts):
            article = Article(f"a{i}.txt", data, decode(data))
            _ = article.sentences, article.words
        best = min(best, time.process_time() - t0)
    return best / max(1, len(texts))


def run_label_set(title: str, path: Path, polnear: Path, names: list[str], show_errors: bool) -> dict[str, dict[str, float]] | None:
    """Score every splitter on one label file; print a table (and the errors); return the figures."""
    gold = load_labels(path)
    texts = load_texts(polnear, sorted(gold))
    for fname, labels in gold.items():  # the labels must still point at candidates of the same text
        found = {p for p, _ in candidates(texts[fname])}
        missing = set(labels) - found
        if missing:
            print(f"{fname}: labelled offsets {sorted(missing)[:5]} are not candidate boundaries; corpus changed?")
            return None
    paras = {fname: segment.paragraphs(text) for fname, text in texts.items()}
    n_labels = sum(len(v) for v in gold.values())
    n_pos = sum(sum(v.values()) for v in gold.values())
    print(f"{title}: {n_labels} hand-labelled candidates in {len(texts)} articles ({n_pos} boundaries, {n_labels - n_pos} not)")
    header = f"{'splitter':<10} {'precision':>22} {'recall':>22} {'F1':>6} {'FP':>4} {'FN':>4} {'outside':>7} {'ms/article':>10}"
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, float]] = {}
    scores: dict[str, Score] = {}
    for name in names:
        try:
            split = SPLITTERS[name]()
        except ImportError as exc:
            print(f"{name:<10} not installed ({exc})")
            continue
        score = evaluate(name, split, texts, paras, gold)
        scores[name] = score
        plo, phi = wilson(score.tp, score.tp + score.fp)
        rlo, rhi = wilson(score.tp, score.tp + score.fn)
        ms = score.seconds / len(texts) * 1000
        print(
            f"{name:<10} {score.precision:6.4f} [{plo:.3f}-{phi:.3f}] {score.recall:6.4f} [{rlo:.3f}-{rhi:.3f}] "
            f"{score.f1:6.4f} {score.fp:4d} {score.fn:4d} {score.outside:7d} {ms:10.3f}"
        )
        results[name] = {
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "accuracy": score.accuracy,
            "fp": score.fp,
            "fn": score.fn,
            "outside": score.outside,
            "ms_per_article": ms,
        }
    print()
    if show_errors:
        for name, score in scores.items():
            print(f"== {name}: {len(score.errors)} errors")
            for fname, pos, _label, kind in score.errors:
                print(f"{kind:<25} {Path(fname).name[:40]:<40} {context(texts[fname], pos)}")
            print()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--only", default=",".join(SPLITTERS), help="comma-separated splitters to run")
    parser.add_argument("--show-errors", action="store_true", help="print each error of each splitter in context")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    polnear = Path(args.corpora) / "polnear"
    folder = polnear / "dev" / "text"
    if not folder.is_dir():
        print(f"PolNeAR dev text not found at {folder}: skipped")
        return 0
    names = args.only.split(",")
    results: dict[str, Any] = {}
    for key, title, path in LABEL_SETS:
        got = run_label_set(title, path, polnear, names, args.show_errors)
        if got is None:
            return 2
        results[key] = got
    print("precision/recall over labelled candidates with 95% Wilson intervals; FP = split at a non-boundary,")
    print("FN = boundary not split, outside = splits at no candidate and no paragraph start (not scored; mostly")
    print("errors, some debatable, e.g. before a '\u2015 Name' attribution); ms/article = splitting only, same paragraphs.")

    raw = [p.read_bytes() for p in sorted(folder.glob("*.txt"))]
    dev_texts = [decode(data).text for data in raw]
    share = engine_share(raw)
    print()
    print(
        f"engine share (decode + header + paragraphs + sentences + words), PolNeAR dev: {share * 1000:.3f} ms/article "
        f"(average {sum(map(len, dev_texts)) / len(dev_texts):,.0f} characters)"
    )
    naeb = Path(args.corpora) / "naeb" / "articles.jsonl"
    if naeb.is_file():
        bodies = [json.loads(line)["text"].encode("utf-8") for line in naeb.read_text(encoding="utf-8").splitlines() if line.strip()]
        share_naeb = engine_share(bodies)
        print(
            f"engine share, naeb ({len(bodies)} articles, average {sum(map(len, bodies)) / len(bodies):,.0f} bytes): "
            f"{share_naeb * 1000:.3f} ms/article"
        )
        results["engine"] = {"polnear_ms": share * 1000, "naeb_ms": share_naeb * 1000}
    else:
        results["engine"] = {"polnear_ms": share * 1000}

    print()
    print("hard-wrap robustness: articles whose sentences are unchanged when their paragraphs are re-wrapped")
    corpus_texts = dev_texts
    for width in (60, 72, 79):
        blank = rewrap_agreement(corpus_texts, width, "\n\n")
        tight = rewrap_agreement(corpus_texts, width, "\n")
        print(f"  at {width} columns: {blank}/{len(corpus_texts)} with blank lines between paragraphs, {tight}/{len(corpus_texts)} without")
        results[f"rewrap_{width}"] = {"blank_lines": blank, "no_blank_lines": tight}

    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
