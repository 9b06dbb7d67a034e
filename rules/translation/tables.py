"""The translation family's tables: word lists shipped in ``rules/data/translation/`` and
wordfreq's English frequencies (a declared dependency; nothing is downloaded)."""

from __future__ import annotations

import gzip
import math
from collections import defaultdict
from functools import cache
from pathlib import Path

from checker.lexicon import load_sections, longest_first

DATA = Path(__file__).resolve().parent.parent / "data" / "translation"


# --- data ------------------------------------------------------------------------------------------
def _sections(name: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_sections("rules", f"data/translation/{name}").items()}


@cache
def grammar() -> dict[str, frozenset[str]]:
    return _sections("grammar.txt")


@cache
def titles() -> frozenset[str]:
    return _sections("titles.txt")[""]


@cache
def countries() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word of each country name -> the full names (as word tuples) starting with it."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in _sections("countries.txt")[""]:
        words = tuple(name.split())
        out[words[0]].append(words)
    return {k: tuple(sorted(v, key=longest_first)) for k, v in out.items()}


@cache
def bigrams() -> frozenset[str]:
    with gzip.open(DATA / "bigrams.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if not line.startswith("#"))


@cache
def frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported on first use: `provcheck rules` and `explain` never need it

    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a lower-case word; 0 when the word is unknown."""
    freq = frequencies().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0
