"""Rebuild the translation family's generated tables from data shipped in PyPI packages.

Run from the project root with the build-only packages installed::

    pip install -e '.[tables]'   (wordsegment==1.3.1, pycountry==26.2.16)
    .venv/bin/python rules/data/translation/build_tables.py

* ``bigrams.txt.gz``: every English word pair of ``wordsegment``'s ``bigrams.txt`` (Peter Norvig's
  counts of the most frequent bigrams of the Google Web Trillion Word Corpus, Apache-2.0) whose two
  words are purely alphabetic, lower-cased, one pair a line. Counts are dropped: the rules only ask
  whether real English uses a pair at all.
* ``countries.txt``: the short English names of ISO 3166 countries from ``pycountry`` (LGPL-2.1
  data), the common name where pycountry gives one, plus single-word names of the official names.

Neither table is derived from the research corpora.
"""

from __future__ import annotations

import gzip
from importlib import import_module, resources
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_bigrams() -> int:
    import_module("wordsegment")  # build-only dependency; its bigrams.txt is the source
    raw = resources.files("wordsegment").joinpath("bigrams.txt").read_text(encoding="utf-8")
    pairs: set[str] = set()
    for line in raw.splitlines():
        key, _, _count = line.partition("\t")
        first, _, second = key.partition(" ")
        if first.isalpha() and second.isalpha() and first.isascii() and second.isascii():
            pairs.add(f"{first.lower()} {second.lower()}")
    header = (
        "# English word pairs attested in wordsegment 1.3.1 bigrams.txt (Google Web Trillion Word Corpus,\n"
        "# Apache-2.0), lower-cased, alphabetic only. Built by rules/data/translation/build_tables.py.\n"
    )
    body = "\n".join(sorted(pairs)) + "\n"
    with gzip.GzipFile(HERE / "bigrams.txt.gz", "wb", mtime=0) as fh:
        fh.write((header + body).encode("utf-8"))
    return len(pairs)


def build_countries() -> int:
    pycountry = import_module("pycountry")  # build-only dependency
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(country, attr, None)
            if not value or "," in value or "(" in value:
                continue
            if attr == "name" and getattr(country, "common_name", None) and len(value.split()) > 1:
                continue  # "Russian Federation": the common name covers it
            names.add(value)
    header = (
        "# Short English country names (ISO 3166, from pycountry), one a line.\n"
        "# Built by rules/data/translation/build_tables.py; used by MT005 (a number directly before a country).\n"
    )
    (HERE / "countries.txt").write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)


if __name__ == "__main__":
    print(f"bigrams.txt.gz: {build_bigrams()} pairs")
    print(f"countries.txt: {build_countries()} names")
