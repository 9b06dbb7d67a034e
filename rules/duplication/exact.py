"""Exact duplicates: the normalised text and its hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from checker.article import Article

_NON_WORD = re.compile(r"[\W_]+")
_TWO_WORD_CHARS = re.compile(r"[^\W_]{2}")  # a place to cut the text that no run of non-word characters crosses
_CHUNK = 1 << 14


def _normalised_pieces(article: Article) -> Iterator[str]:
    """:func:`normalised_text` in consecutive pieces, each from a chunk of about 16 KB of the body cut
    between two word characters, so no run of non-word characters is split and the pieces joined
    are the whole normalised text (a substitution over the whole body held one string per run)."""
    text = unicodedata.normalize("NFKC", article.body).casefold()
    size = len(text)
    pos = 0
    first = True
    while pos < size:
        m = _TWO_WORD_CHARS.search(text, min(size, pos + _CHUNK))
        cut = size if m is None else m.start() + 1
        piece = _NON_WORD.sub(" ", text[pos:cut])
        if first:
            piece = piece.lstrip(" ")
            first = False
        if cut == size:
            piece = piece.rstrip(" ")
        yield piece
        pos = cut


def normalised_text(article: Article) -> str:
    """The body, NFKC-normalised, case-folded, with every run of non-word characters one space."""
    return "".join(_normalised_pieces(article))


def content_hash(article: Article) -> str:
    """SHA-256 of :func:`normalised_text` (memoise with ``article.derive(content_hash)``)."""
    digest = hashlib.sha256()
    for piece in _normalised_pieces(article):
        digest.update(piece.encode("utf-8"))
    return digest.hexdigest()
