"""What the translation family keeps in the archive index, and how MT003 and MT004 look it up.

The ``translation`` store (:data:`SCHEMA`) holds, per archived article, no text: its person titles
(``titles``: "Defence Minister" with "anna berg", keyed by the normalised name, for MT003) and the
acronyms and names it writes (``vocabulary``: single lower-cased words, for MT004), both clustered
on their lookup key. :class:`TranslationArchive` answers the queries of
:class:`~rules.translation.across.RunVocabulary` and MT003 from those tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checker.rule import ArchiveRecord, ArchiveSchema, ArchiveStore, ArchiveTable
from rules.translation.across import Digest

SCHEMA = ArchiveSchema(
    name="translation",
    version=1,
    tables=(
        ArchiveTable(
            "titles",  # MT003: "Defence Minister Anna Berg" -> ('anna berg', 'defense', 'Minister', 'Defence Minister', n)
            ("person TEXT NOT NULL", "portfolio TEXT NOT NULL", "head TEXT NOT NULL", "title TEXT NOT NULL", "mentions INTEGER NOT NULL"),
            key=("person", "portfolio", "head", "title"),
        ),
        ArchiveTable("vocabulary", ("kind INTEGER NOT NULL", "key TEXT NOT NULL"), key=("kind", "key")),  # MT004: acronyms (0), names (1)
    ),
    about="person titles and the acronyms and names each article writes (MT003, MT004); no text",
)


@dataclass(frozen=True, slots=True)
class ArchivedTitle:
    """One person title stored for an archived article (MT003)."""

    ref: str
    person: str
    portfolio: str
    head: str
    title: str
    mentions: int


def record(d: Digest) -> ArchiveRecord:
    # stored column order: person, portfolio, head, title, mentions (title_rows gives mentions last)
    return {"titles": d.title_rows(), "vocabulary": d.vocabulary_rows()}


class TranslationArchive:
    """The archive lookups of MT003 and MT004 (what :class:`~rules.translation.across.RunVocabulary` calls)."""

    def __init__(self, store: ArchiveStore) -> None:
        self.store = store

    def key(self, path: str) -> str:
        return self.store.key(path)

    def title_mentions(self, persons: Iterable[str], exclude: frozenset[str] = frozenset()) -> list[ArchivedTitle]:
        """The stored titles of these persons (normalised keys; an indexed lookup per person), without
        the entries whose identity is in ``exclude``."""
        wanted = sorted(set(persons))
        out: list[ArchivedTitle] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            q = (
                "SELECT a.path, a.abspath, t.person, t.portfolio, t.head, t.title, t.mentions FROM {titles} t "
                f"JOIN {{entries}} a ON a.id = t.article WHERE t.person IN ({','.join('?' * len(chunk))})"
            )
            for r in self.store.query(q, chunk):
                if r[1] not in exclude:
                    out.append(ArchivedTitle(str(r[0]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), int(r[6])))
        return sorted(out, key=lambda t: (t.person, t.ref, t.title))

    def vocabulary_keys(self, kind: int) -> list[str]:
        """The distinct words of one kind (a skip scan of the primary key: one seek per distinct word)."""
        q = (
            "WITH RECURSIVE d(key) AS (SELECT MIN(key) FROM {vocabulary} WHERE kind = :kind "
            "UNION ALL SELECT (SELECT MIN(key) FROM {vocabulary} WHERE kind = :kind AND key > d.key) FROM d WHERE d.key IS NOT NULL) "
            "SELECT key FROM d WHERE key IS NOT NULL"
        )
        return [str(r[0]) for r in self.store.query(q, {"kind": kind})]

    def vocabulary_prefix(self, kind: int, prefix: str) -> list[str]:
        """The distinct words of one kind that start with ``prefix`` (a range of the primary key)."""
        if not prefix:
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        q = "SELECT DISTINCT key FROM {vocabulary} WHERE kind = ? AND key >= ? AND key < ?"
        return [str(r[0]) for r in self.store.query(q, (kind, prefix, upper))]

    def vocabulary_refs(self, kind: int | None, key: str, exclude: frozenset[str] = frozenset(), limit: int = 5) -> list[str]:
        """Up to ``limit`` stored articles (their paths, first added first) that write ``key`` as a word of ``kind`` (None:
        either kind), without those whose identity is in ``exclude``."""
        kinds = (0, 1) if kind is None else (kind,)
        q = (
            "SELECT a.path, a.abspath FROM {vocabulary} v JOIN {entries} a ON a.id = v.article "
            f"WHERE v.kind IN ({','.join('?' * len(kinds))}) AND v.key = ? ORDER BY v.article LIMIT ?"
        )
        rows = self.store.query(q, (*kinds, key, limit + len(exclude)))
        return [str(path) for path, abspath in rows if abspath not in exclude][:limit]


def archive_of(corpus: Any) -> TranslationArchive | None:
    """The translation store of a run's archive index, or None without one."""
    store = corpus.archive(SCHEMA.name) if corpus.index is not None else None
    return TranslationArchive(store) if store is not None else None
