"""Syndication-variant generator: turns real articles into the versions that wire syndication produces.

For each chosen source article it writes the original and 1-3 variants. Each variant applies a random
mix of the edits syndication makes:

* **cut**: keep only the first N paragraphs (N at least 3, 30-80 % of the article);
* **drop / reorder**: remove one or more paragraphs after the lead, swap or move paragraphs;
* **caption / boilerplate**: insert a photo caption line or an outlet's boilerplate line
  (newsletter prompt, copyright line, "This story has been updated" ...);
* **word edits**: 5-20 % of the words substituted (by a word from elsewhere in the corpus), deleted,
  or a word inserted;
* **headline**: a new first line written from words of the article.

Every variant records which source paragraphs (by index) it kept. A pair of files of the same source is
a *true near-duplicate pair* when the source words they have in common are at least half of the shorter
file's source words (two variants that kept disjoint parts of a story are not duplicates of each
other). Pairs of files from different sources are negatives.

Runnable on any corpus: ``SOURCE`` is a ``.jsonl`` file with a ``text`` field per row, or a folder of
``.txt`` files (one article per file).

Usage::

    .venv/bin/python benchmarks/variants.py SOURCE OUT_DIR [--sources 200] [--unrelated 0] [--seed 1]

writes ``OUT_DIR/*.txt`` and ``OUT_DIR/truth.json`` (files, groups, kept paragraphs, positive pairs).
``benchmarks/neardup.py`` uses the same functions in memory.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

_PARA = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\S+")

CAPTIONS = (
    "A man walks past the scene on {day}. (Photo: {agency} / Staff photographer)",
    "People gather near the site on {day}, as officials assessed the situation. ({agency} Photo/Staff)",
    "FILE - A general view of the area, seen on {day}. ({agency} Photo, File)",
)
BOILERPLATE = (
    "Sign up for our daily newsletter to get the latest headlines delivered to your inbox.",
    "Copyright {year} {agency}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "This story has been updated to include additional information.",
    "Follow us on social media for more coverage of this developing story.",
    "Reporting by staff writers; editing by the news desk.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
AGENCIES = ("Wire Service", "News Agency", "Press Association", "Metro Desk")


@dataclass
class Doc:
    name: str
    text: str
    group: int  # source index; -1 for an unrelated article
    kept: list[int] = field(default_factory=list)  # source paragraph indices this file contains
    edits: list[str] = field(default_factory=list)


def source_texts(source: Path | None, corpora: Path) -> list[str] | None:
    """The articles of ``source`` (default: naeb under ``corpora``), or None (with a message) when absent."""
    path = source or corpora / "naeb" / "articles.jsonl"
    if not path.exists():
        print(f"corpus not found: {path}; nothing to measure")
        return None
    return load_texts(path)


def load_texts(source: Path) -> list[str]:
    if source.is_dir():
        return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(source.rglob("*.txt"))]
    texts = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                texts.append(str(row.get("text") or ""))
    return texts


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARA.split(text) if p.strip()]


def _edit_words(text: str, rate: float, vocab: list[str], rng: random.Random) -> str:
    tokens = _WORD.findall(text)
    out: list[str] = []
    for tok in tokens:
        if rng.random() >= rate:
            out.append(tok)
            continue
        op = rng.random()
        if op < 0.6:
            out.append(rng.choice(vocab))
        elif op < 0.8:
            continue
        else:
            out.extend((tok, rng.choice(vocab)))
    return " ".join(out)


def make_variant(paras: list[str], vocab: list[str], rng: random.Random) -> tuple[str, list[int], list[str]]:
    idx = list(range(len(paras)))
    edits: list[str] = []
    ops = rng.sample(["cut", "drop", "reorder", "caption", "boilerplate", "headline"], k=rng.randint(1, 4))
    if "cut" in ops and len(idx) > 4:
        n = max(3, round(len(idx) * rng.uniform(0.3, 0.8)))
        idx = idx[:n]
        edits.append(f"cut:{n}")
    if "drop" in ops and len(idx) > 4:
        for _ in range(rng.randint(1, max(1, len(idx) // 6))):
            idx.pop(rng.randrange(1, len(idx)))
        edits.append("drop")
    if "reorder" in ops and len(idx) > 3:
        i = rng.randrange(1, len(idx) - 1)
        j = rng.randrange(1, len(idx))
        idx.insert(j, idx.pop(i))
        edits.append("reorder")
    rate = rng.uniform(0.05, 0.20)
    body = [_edit_words(paras[i], rate, vocab, rng) for i in idx]
    edits.append(f"words:{rate:.2f}")
    fill = {"day": rng.choice(DAYS), "agency": rng.choice(AGENCIES), "year": rng.randint(2015, 2025)}
    if "caption" in ops:
        body.insert(rng.randint(0, min(2, len(body))), rng.choice(CAPTIONS).format(**fill))
        edits.append("caption")
    if "boilerplate" in ops:
        body.append(rng.choice(BOILERPLATE).format(**fill))
        edits.append("boilerplate")
    if "headline" in ops:
        words = _WORD.findall(paras[0])
        head = " ".join(w.strip(".,;:\"'") for w in rng.sample(words, k=min(len(words), rng.randint(5, 9))))
        body.insert(0, head[:1].upper() + head[1:])
        edits.append("headline")
    return "\n\n".join(body) + "\n", idx, edits


def build(texts: list[str], sources: int, unrelated: int, seed: int, min_paragraphs: int = 3) -> tuple[list[Doc], set[tuple[str, str]]]:
    """The documents (originals, variants and unrelated articles) and the true near-duplicate pairs."""
    rng = random.Random(seed)
    usable = [t for t in texts if len(paragraphs(t)) >= min_paragraphs and len(t.split()) >= 80]
    rng.shuffle(usable)
    chosen, rest = usable[:sources], usable[sources : sources + unrelated]
    vocab = sorted({w for t in usable for w in _WORD.findall(t) if w.isalpha()})
    docs: list[Doc] = []
    for g, text in enumerate(chosen):
        paras = paragraphs(text)
        docs.append(Doc(f"s{g:04d}_orig.txt", "\n\n".join(paras) + "\n", g, list(range(len(paras))), ["original"]))
        for v in range(rng.randint(1, 3)):
            vtext, kept, edits = make_variant(paras, vocab, rng)
            docs.append(Doc(f"s{g:04d}_v{v}.txt", vtext, g, kept, edits))
    for u, text in enumerate(rest):
        docs.append(Doc(f"u{u:04d}.txt", "\n\n".join(paragraphs(text)) + "\n", -1))
    return docs, true_pairs(docs, {g: paragraphs(t) for g, t in enumerate(chosen)})


def true_pairs(docs: list[Doc], source_paras: dict[int, list[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    by_group: dict[int, list[Doc]] = {}
    for d in docs:
        if d.group >= 0:
            by_group.setdefault(d.group, []).append(d)
    for g, members in by_group.items():
        sizes = [len(p.split()) for p in source_paras[g]]
        for a, b in combinations(members, 2):
            common = sum(sizes[i] for i in set(a.kept) & set(b.kept))
            smaller = min(sum(sizes[i] for i in set(a.kept)), sum(sizes[i] for i in set(b.kept)))
            if smaller and common / smaller >= 0.5:
                out.add(tuple(sorted((a.name, b.name))))  # type: ignore[arg-type]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--unrelated", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    docs, pairs = build(load_texts(args.source), args.sources, args.unrelated, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (args.out / d.name).write_text(d.text, encoding="utf-8")
    truth = {
        "files": {d.name: {"group": d.group, "kept": d.kept, "edits": d.edits} for d in docs},
        "pairs": sorted(pairs),
    }
    (args.out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    print(f"{len(docs)} files, {len(pairs)} true near-duplicate pairs -> {args.out}")


if __name__ == "__main__":
    main()
