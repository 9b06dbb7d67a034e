"""The archive index: one SQLite file (WAL) that lets a run compare new files with an archive
without re-reading the archive's files.

Per article it stores the file's SHA-256 (to skip unchanged files), the normalised content hash
(exact duplicates), the MinHash signature, the LSH band keys (in the indexed table ``bands``, one
row per band: ``(key, article)`` -- candidates are an index lookup, not an in-memory structure), the
shingle sequence as 16-bit hashes with word offsets (to verify candidates and locate shared
passages; no text), a provenance summary (declared date, title, outlets), and for the translation
rules its person titles (``titles``: "Defence Minister" + "anna berg", keyed by the normalised name)
and its acronyms and names (``vocabulary``: single words), both indexed tables.

Schema changes bump :data:`SCHEMA_VERSION`; an index of another schema, or written with other
shingle or signature parameters, is refused with a message to rebuild it (there is no migration: the
new tables need every file re-read, which is what a rebuild does).
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from rules.duplication.shingles import Fingerprint
    from rules.translation import Digest as TranslationDigest

SCHEMA_VERSION = 2
# What each schema added, for the message that asks to rebuild an older index.
SCHEMA_CHANGES = {2: "person titles and acronym/name vocabulary for the translation rules MT003 and MT004"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,            -- as given to `index add`
    abspath TEXT NOT NULL UNIQUE,  -- identity: path relative to the index folder when inside it, else absolute (ArchiveIndex.key)
    sha256 TEXT NOT NULL,          -- of the file's bytes: unchanged files are skipped
    content_hash TEXT NOT NULL,    -- of the normalised body (exact duplicates)
    words INTEGER NOT NULL,
    date TEXT,                     -- declared (header) date, YYYY-MM-DD
    title TEXT,
    outlets TEXT NOT NULL,         -- JSON list of outlet names
    signature BLOB NOT NULL,       -- NUM_PERM little-endian uint32
    shingles BLOB NOT NULL         -- zlib: uint32 n, uint16 shingle keys, uint16 word gaps, uint16 word lengths
);
CREATE INDEX IF NOT EXISTS articles_content ON articles (content_hash);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS titles (  -- MT003: "Defence Minister Anna Berg" -> ('anna berg', 'defense', 'Minister', 'Defence Minister', n)
    person TEXT NOT NULL,          -- normalised name (rules.translation.person_key)
    portfolio TEXT NOT NULL,
    head TEXT NOT NULL,
    title TEXT NOT NULL,           -- as written
    article INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (person, portfolio, head, title, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS titles_article ON titles (article);
CREATE TABLE IF NOT EXISTS vocabulary (  -- MT004: the acronyms (kind 0) and names (kind 1) an article writes, lower-cased
    kind INTEGER NOT NULL,
    key TEXT NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (kind, key, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vocabulary_article ON vocabulary (article);
"""


class IndexError_(Exception):
    """The index file cannot be used (wrong schema or parameters, not an index)."""


@dataclass(slots=True)
class EntryData:
    """What ``index add`` stores for one file."""

    path: str
    abspath: str
    sha256: str
    content_hash: str
    words: int
    date: str | None
    title: str | None
    outlets: list[str]
    signature: npt.NDArray[np.uint32]
    shingles: npt.NDArray[np.uint32]
    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]
    band_keys: npt.NDArray[np.int64]
    titles: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # (person key, portfolio, head, title, mentions)
    vocabulary: list[tuple[int, str]] = field(default_factory=list)  # (kind, lower-cased word)

    @classmethod
    def from_fingerprint(
        cls,
        path: str,
        key: str,
        sha256: str,
        fp: Fingerprint,
        title: str | None = None,
        outlets: list[str] | None = None,
        translation: TranslationDigest | None = None,
    ) -> EntryData:
        """The entry of a file from its duplication fingerprint (the one way entries are made)."""
        from rules.duplication.shingles import band_keys

        return cls(
            path=path,
            abspath=key,
            sha256=sha256,
            content_hash=fp.content_hash,
            words=fp.words,
            date=fp.date,
            title=title,
            outlets=outlets or [],
            signature=fp.signature,
            shingles=fp.shingles,
            starts=fp.starts,
            ends=fp.ends,
            band_keys=band_keys(fp.signature),
            titles=translation.title_rows() if translation is not None else [],
            vocabulary=translation.vocabulary_rows() if translation is not None else [],
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


@dataclass(slots=True)
class ArchiveEntry:
    """One stored article, as a candidate for comparison (no text)."""

    id: int
    ref: str
    abspath: str
    date: str | None
    words: int
    content_hash: str
    outlets: tuple[str, ...] = ()
    title: str | None = None
    blob: bytes = field(default=b"", repr=False)

    def sequence(self) -> tuple[npt.NDArray[np.uint16], npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        return unpack_shingles(self.blob)


def pack_shingles(shingles: npt.NDArray[np.uint32], starts: npt.NDArray[np.int32], ends: npt.NDArray[np.int32]) -> bytes:
    n = len(starts)
    keys = (shingles >> np.uint32(16)).astype("<u2")
    prev_end = np.concatenate(([0], ends[:-1])) if n else np.zeros(0, dtype=np.int32)
    gaps = np.minimum(starts - prev_end, 0xFFFF).astype("<u2")
    lengths = np.minimum(ends - starts, 0xFFFF).astype("<u2")
    raw = np.array([n, len(keys)], dtype="<u4").tobytes() + keys.tobytes() + gaps.tobytes() + lengths.tobytes()
    return zlib.compress(raw, 1)


def unpack_shingles(blob: bytes) -> tuple[npt.NDArray[np.uint16], npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    raw = zlib.decompress(blob)
    n, m = (int(x) for x in np.frombuffer(raw[:8], dtype="<u4"))
    keys = np.frombuffer(raw, dtype="<u2", count=m, offset=8).astype(np.uint16)
    gaps = np.frombuffer(raw, dtype="<u2", count=n, offset=8 + 2 * m).astype(np.int32)
    lengths = np.frombuffer(raw, dtype="<u2", count=n, offset=8 + 2 * m + 2 * n).astype(np.int32)
    starts = np.cumsum(gaps + np.concatenate(([0], lengths[:-1]))).astype(np.int32)
    return keys, starts, (starts + lengths).astype(np.int32)


def _key32(keys: npt.NDArray[np.int64]) -> list[int]:
    """Band keys as signed 32-bit integers (4 bytes in SQLite's record format)."""
    return [int(k) for k in keys.astype(np.int32)]


def explain(path: Path, exc: sqlite3.Error) -> str:
    """What went wrong with an index file, for a person: the path, and why when it can be told."""
    folder = path.resolve().parent
    if not os.access(folder, os.W_OK):
        return (
            f"cannot use the index {path}: its folder {folder} is not writable, and SQLite needs to create "
            f"{path.name}-wal and {path.name}-shm beside it ({exc}); make the folder writable or copy the index elsewhere"
        )
    if path.exists() and not os.access(path, os.W_OK):
        return f"cannot use the index {path}: the file is read-only ({exc}); make it writable"
    return f"the index {path} cannot be read: {exc} (a damaged file: rebuild it with `provcheck index add PATHS --index {path}`)"


class ArchiveIndex:
    """An open index file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        from rules.duplication.shingles import SIG_VERSION

        self.path = Path(path)
        self.root = self.path.resolve().parent
        if not create and not self.path.is_file():
            raise IndexError_(f"index file not found: {self.path} (create it with `provcheck index add PATHS --index {self.path}`)")
        self.db = sqlite3.connect(str(self.path))
        try:
            version = self._meta("schema_version")
            # Never take over another SQLite database: only an empty file becomes a new index.
            if version is None and (not create or self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]):
                raise IndexError_(f"{self.path} is not a provcheck index")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA cache_size=-65536")
            if version is None:
                self.db.executescript(_SCHEMA)
                self._set_meta("schema_version", str(SCHEMA_VERSION))
                self._set_meta("signature", SIG_VERSION)
                self.db.commit()
            elif version != str(SCHEMA_VERSION):
                added = "; ".join(f"schema {v} adds {what}" for v, what in sorted(SCHEMA_CHANGES.items()) if v > int(version or 0))
                raise IndexError_(
                    f"{self.path} has index schema {version}; this provcheck reads and writes schema {SCHEMA_VERSION}"
                    f"{f' ({added})' if added else ''}: rebuild the index (delete the file and run "
                    f"`provcheck index add PATHS --index {self.path}` again)"
                )
            elif self._meta("signature") != SIG_VERSION:
                raise IndexError_(
                    f"{self.path} was built with signature parameters {self._meta('signature')!r}, this provcheck uses "
                    f"{SIG_VERSION!r}: rebuild the index"
                )
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise IndexError_(explain(self.path, exc)) from exc
        except IndexError_:
            self.db.close()
            raise

    # --- meta ------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):  # a folder it cannot lock in, a damaged file: not "no index"
                raise
            return None
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------
    def key(self, path: str) -> str:
        """An entry's identity: the file's path relative to the index's folder when it lies inside it
        (so an index committed with the corpus works from any checkout), else its absolute path."""
        absolute = os.path.realpath(path)  # the root is resolved too: a symlinked path is the same file
        rel = os.path.relpath(absolute, self.root)
        outside = rel == os.pardir or rel.startswith(os.pardir + os.sep)
        return absolute if outside else rel.replace(os.sep, "/")

    def stored_sha256(self, abspaths: Iterable[str]) -> dict[str, str]:
        """abspath -> stored file SHA-256, for the given paths that are in the index."""
        out: dict[str, str] = {}
        paths = list(abspaths)
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            q = f"SELECT abspath, sha256 FROM articles WHERE abspath IN ({','.join('?' * len(chunk))})"
            out.update({str(a): str(s) for a, s in self.db.execute(q, chunk)})
        return out

    def _delete(self, article_id: int, signature: bytes) -> None:
        from rules.duplication.shingles import band_keys

        keys = band_keys(np.frombuffer(signature, dtype="<u4").astype(np.uint32))
        self.db.executemany("DELETE FROM bands WHERE key = ? AND article = ?", [(k, article_id) for k in _key32(keys)])
        self.db.execute("DELETE FROM titles WHERE article = ?", (article_id,))
        self.db.execute("DELETE FROM vocabulary WHERE article = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def forget_missing(self, folders: Iterable[str]) -> int:
        """Drop the entries under ``folders`` whose file no longer exists (renamed or deleted), so a
        renamed article is not taken for a copy of its old self. Returns how many were dropped."""
        prefixes = [self.key(f).rstrip("/") + "/" for f in folders]
        if not prefixes:
            return 0
        gone = []
        for article_id, key, signature in self.db.execute("SELECT id, abspath, signature FROM articles"):
            inside = any(key.startswith(p) for p in prefixes) or ("./" in prefixes and not os.path.isabs(key))
            if inside and not os.path.exists(key if os.path.isabs(key) else self.root / key):
                gone.append((int(article_id), bytes(signature)))
        with self.db:
            for article_id, signature in gone:
                self._delete(article_id, signature)
        return len(gone)

    def add(self, entries: Sequence[EntryData]) -> dict[str, int]:
        """Store entries in one transaction: new ones are added, changed ones replace their old entry,
        unchanged ones (same file SHA-256) are left alone. Returns counts by outcome."""
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        old = {}
        for i in range(0, len(entries), 500):
            chunk = [e.abspath for e in entries[i : i + 500]]
            q = f"SELECT abspath, id, sha256, signature FROM articles WHERE abspath IN ({','.join('?' * len(chunk))})"
            old.update({str(r[0]): (int(r[1]), str(r[2]), bytes(r[3])) for r in self.db.execute(q, chunk)})

        with self.db:
            for e in entries:
                prev = old.get(e.abspath)
                if prev is not None:
                    if prev[1] == e.sha256:
                        counts["unchanged"] += 1
                        continue
                    self._delete(prev[0], prev[2])
                    counts["replaced"] += 1
                else:
                    counts["added"] += 1
                cur = self.db.execute(
                    "INSERT INTO articles (path, abspath, sha256, content_hash, words, date, title, outlets, signature, shingles) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.path,
                        e.abspath,
                        e.sha256,
                        e.content_hash,
                        e.words,
                        e.date,
                        e.title,
                        json.dumps(e.outlets, ensure_ascii=False),
                        e.signature.astype("<u4").tobytes(),
                        pack_shingles(e.shingles, e.starts, e.ends),
                    ),
                )
                article = cur.lastrowid
                if len(e.shingles):
                    self.db.executemany(
                        "INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)", [(k, article) for k in _key32(e.band_keys)]
                    )
                self.db.executemany(
                    "INSERT OR IGNORE INTO titles (person, portfolio, head, title, article, mentions) VALUES (?, ?, ?, ?, ?, ?)",
                    [(person, portfolio, head, title, article, n) for person, portfolio, head, title, n in e.titles],
                )
                self.db.executemany(
                    "INSERT OR IGNORE INTO vocabulary (kind, key, article) VALUES (?, ?, ?)", [(k, w, article) for k, w in e.vocabulary]
                )
        return counts

    # --- reading ---------------------------------------------------------------------------------
    def candidates(
        self,
        keys: npt.NDArray[np.int64],
        exclude: frozenset[str] = frozenset(),
        signature: npt.NDArray[np.uint32] | None = None,
        min_equal: int = 0,
    ) -> list[ArchiveEntry]:
        """Entries sharing at least one band key, without those whose absolute path is in ``exclude``;
        with ``signature``, only those whose stored signature agrees with it in ``min_equal`` values or more."""
        k32 = _key32(keys)
        q = f"SELECT DISTINCT article FROM bands WHERE key IN ({','.join('?' * len(k32))})"
        ids = [int(r[0]) for r in self.db.execute(q, k32)]
        if signature is not None and min_equal > 0 and ids:
            rows = self.db.execute(f"SELECT id, signature FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
            sigs = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype="<u4").reshape(len(rows), -1)
            agree = (sigs == signature[None, :]).sum(axis=1)
            ids = [int(r[0]) for r, n in zip(rows, agree.tolist(), strict=True) if n >= min_equal]
        return [e for e in self._entries(ids) if e.abspath not in exclude]

    def by_content_hash(self, content_hash: str, exclude: frozenset[str] = frozenset()) -> list[ArchiveEntry]:
        rows = self.db.execute("SELECT id FROM articles WHERE content_hash = ? ORDER BY path", (content_hash,))
        return [e for e in self._entries([int(r[0]) for r in rows], blobs=False) if e.abspath not in exclude]

    def _entries(self, ids: list[int], blobs: bool = True) -> list[ArchiveEntry]:
        out: list[ArchiveEntry] = []
        cols = "id, path, abspath, date, words, content_hash, outlets, title" + (", shingles" if blobs else "")
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT {cols} FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for r in self.db.execute(q, chunk):
                out.append(
                    ArchiveEntry(
                        int(r[0]),
                        str(r[1]),
                        str(r[2]),
                        r[3],
                        int(r[4]),
                        str(r[5]),
                        tuple(json.loads(r[6])),
                        r[7],
                        bytes(r[8]) if blobs else b"",
                    )
                )
        return sorted(out, key=lambda e: e.ref)

    # --- the translation rules' tables (titles, vocabulary) --------------------------------------
    def title_mentions(self, persons: Iterable[str], exclude: frozenset[str] = frozenset()) -> list[ArchivedTitle]:
        """The stored titles of these persons (normalised keys; an indexed lookup per person), without
        the entries whose path key is in ``exclude``."""
        wanted = sorted(set(persons))
        out: list[ArchivedTitle] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            q = (
                "SELECT a.path, a.abspath, t.person, t.portfolio, t.head, t.title, t.mentions FROM titles t "
                f"JOIN articles a ON a.id = t.article WHERE t.person IN ({','.join('?' * len(chunk))})"
            )
            for r in self.db.execute(q, chunk):
                if r[1] not in exclude:
                    out.append(ArchivedTitle(str(r[0]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), int(r[6])))
        return sorted(out, key=lambda t: (t.person, t.ref, t.title))

    def vocabulary_keys(self, kind: int) -> list[str]:
        """The distinct words of one kind (a skip scan of the primary key: one seek per distinct word)."""
        q = (
            "WITH RECURSIVE d(key) AS (SELECT MIN(key) FROM vocabulary WHERE kind = :kind "
            "UNION ALL SELECT (SELECT MIN(key) FROM vocabulary WHERE kind = :kind AND key > d.key) FROM d WHERE d.key IS NOT NULL) "
            "SELECT key FROM d WHERE key IS NOT NULL"
        )
        return [str(r[0]) for r in self.db.execute(q, {"kind": kind})]

    def vocabulary_prefix(self, kind: int, prefix: str) -> list[str]:
        """The distinct words of one kind that start with ``prefix`` (a range of the primary key)."""
        if not prefix:
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        q = "SELECT DISTINCT key FROM vocabulary WHERE kind = ? AND key >= ? AND key < ?"
        return [str(r[0]) for r in self.db.execute(q, (kind, prefix, upper))]

    def vocabulary_refs(self, kind: int | None, key: str, exclude: frozenset[str] = frozenset(), limit: int = 5) -> list[str]:
        """Up to ``limit`` stored articles (their paths, first added first) that write ``key`` as a word of ``kind`` (None:
        either kind), without those whose path key is in ``exclude``."""
        kinds = (0, 1) if kind is None else (kind,)
        q = (
            "SELECT a.path, a.abspath FROM vocabulary v JOIN articles a ON a.id = v.article "
            f"WHERE v.kind IN ({','.join('?' * len(kinds))}) AND v.key = ? ORDER BY v.article LIMIT ?"
        )
        rows = self.db.execute(q, (*kinds, key, limit + len(exclude)))
        return [str(path) for path, abspath in rows if abspath not in exclude][:limit]

    def stats(self) -> dict[str, Any]:
        articles = int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        bands = int(self.db.execute("SELECT COUNT(*) FROM bands").fetchone()[0])
        dated = int(self.db.execute("SELECT COUNT(*) FROM articles WHERE date IS NOT NULL").fetchone()[0])
        distinct = int(self.db.execute("SELECT COUNT(DISTINCT content_hash) FROM articles").fetchone()[0])
        title_rows = int(self.db.execute("SELECT COUNT(*) FROM titles").fetchone()[0])
        vocabulary_rows = int(self.db.execute("SELECT COUNT(*) FROM vocabulary").fetchone()[0])
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "signature": self._meta("signature"),
            "articles": articles,
            "distinct_texts": distinct,
            "dated": dated,
            "band_rows": bands,
            "title_rows": title_rows,
            "vocabulary_rows": vocabulary_rows,
            "bytes": size,
            "bytes_per_article": round(size / articles) if articles else 0,
        }
