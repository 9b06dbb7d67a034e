"""Exact duplicates: the normalised text and its hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from checker.article import Article

_NON_WORD = re.compile(r"[\W_]+")


def normalised_text(article: Article) -> str:
    """The body, NFKC-normalised, case-folded, with every run of non-word characters one space."""
    text = unicodedata.normalize("NFKC", article.body).casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(article: Article) -> str:
    return hashlib.sha256(normalised_text(article).encode("utf-8")).hexdigest()
