"""Duplication family (DU): repeats inside an article and copies across the run."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from checker.article import Article
from checker.models import Family, Severity
from checker.rule import Corpus, CorpusRule, Example, Hit

_NON_WORD = re.compile(r"[\W_]+")


def normalised_text(article: Article) -> str:
    """The body, NFKC-normalised, case-folded, with every run of non-word characters one space."""
    text = unicodedata.normalize("NFKC", article.body).casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(article: Article) -> str:
    return hashlib.sha256(normalised_text(article).encode("utf-8")).hexdigest()


class ExactDuplicate(CorpusRule):
    id = "DU003"
    name = "exact-duplicate"
    family = Family.DUPLICATION
    severity = Severity.ERROR
    summary = "Another file has the same text once case, punctuation, white space and the header are ignored."
    rationale = (
        "Archives receive the same article many times: re-scraped, re-saved with another name, with "
        "a different header or line breaks. Keeping two copies doubles the weight of one source in "
        "every count and search. The comparison ignores the metadata header, letter case, punctuation "
        "and white space, so a copy that differs only in formatting is still caught."
    )
    fire = (
        Example(
            text=" date 2024-05-01 The mayor opened the new bridge on Monday.\n",
            others=("THE MAYOR opened the new bridge on Monday!\n",),
        ),
        Example(
            text="Rain is expected across the north.\nTemperatures will fall to 3C.\n",
            others=("---\ntitle: Weather\n---\nRain is expected across the north. Temperatures will fall to 3C.\n",),
        ),
    )
    quiet = (
        Example(
            text="The mayor opened the new bridge on Monday.\n",
            others=("The mayor opened the new tunnel on Monday.\n",),
        ),
        "The mayor opened the new bridge on Monday.\n",
    )

    def collect(self, article: Article) -> str | None:
        return content_hash(article) if article.word_count else None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for path, digest in corpus.digests.items():
            groups[digest].append(path)
        for digest, paths in sorted(groups.items()):
            if len(paths) < 2:
                continue
            for path in sorted(paths):
                others = [p for p in sorted(paths) if p != path]
                yield path, Hit(
                    f"same normalised text as {len(others)} other file(s): {', '.join(others[:3])}",
                    evidence={"others": others, "content_hash": digest},
                )


RULES = [ExactDuplicate]
