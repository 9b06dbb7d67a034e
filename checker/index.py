"""The archive index: one SQLite file (WAL) that lets a run compare new files with an archive
without re-reading the archive's files.

The index itself knows nothing of news or of any rule family. It keeps:

* ``entries``: one row per archived file: its path as added, its identity (``abspath``: the path
  relative to the index's folder when inside it, else absolute) and the SHA-256 of its bytes (an
  unchanged file is skipped by ``index add``); an entry keeps its id, and so its place in the order
  of arrival, when its file changes;
* ``stores``: one row per plug-in store (name, version, parameters, what it holds);
* for each plug-in that declares an :class:`~checker.rule.ArchiveSchema` (the contract in
  :mod:`checker.rule`), its own tables, named ``STORE__TABLE``, each with an ``article`` column
  pointing at ``entries.id``.

A store's version or parameters that differ from the installed plug-in's refuse the index with a
message that names the store to rebuild (``index add --rebuild NAME``: only that plug-in's tables
are rebuilt, from the archived files). An index of an older layout (schema 2: one table set for all
families) is refused with a message to rebuild it. No article text is stored by the engine; what a
plug-in stores is up to it (the built-in stores keep hashes, signatures and word lists, no text).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.rule import Archiver, ArchiveRecord, ArchiveSchema

SCHEMA_VERSION = 3
# What each layout changed, for the message that asks to rebuild an older index.
SCHEMA_CHANGES = {
    2: "person titles and acronym/name vocabulary for the translation rules",
    3: "a store of its own for each plug-in (rebuilt on its own when that plug-in changes)",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,            -- as given to `index add`
    abspath TEXT NOT NULL UNIQUE,  -- identity: path relative to the index folder when inside it, else absolute (ArchiveIndex.key)
    sha256 BLOB NOT NULL           -- of the file's bytes (32 bytes): unchanged files are skipped
);
CREATE TABLE IF NOT EXISTS stores (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    params TEXT NOT NULL,
    about TEXT NOT NULL
);
"""


class IndexError_(Exception):
    """The index file cannot be used (wrong layout, a store to rebuild, not an index, unreadable)."""


@dataclass(slots=True)
class EntryData:
    """What ``index add`` stores for one file: its identity and each store's rows."""

    path: str
    abspath: str
    sha256: str
    records: dict[str, ArchiveRecord] = field(default_factory=dict)  # store name -> its rows


def table_name(store: str, table: str) -> str:
    return f'"{store}__{table}"'


def _ddl(schema: ArchiveSchema) -> list[str]:
    out = []
    for t in schema.tables:
        if t.key:  # looked up by key: a clustered (WITHOUT ROWID) table on (key..., article)
            cols = ", ".join([*t.columns, "article INTEGER NOT NULL"])
            key = ", ".join([*t.key, "article"])
            out.append(f"CREATE TABLE IF NOT EXISTS {table_name(schema.name, t.name)} ({cols}, PRIMARY KEY ({key})) WITHOUT ROWID")
        else:  # one row per article: the article is the rowid (rows may be large)
            cols = ", ".join([*t.columns, "article INTEGER PRIMARY KEY"])
            out.append(f"CREATE TABLE IF NOT EXISTS {table_name(schema.name, t.name)} ({cols})")
        indexes = [*t.indexes, *((("article",),) if t.delete_by_article and t.key else ())]
        for cols_ in dict.fromkeys(indexes):
            ix = f'"{schema.name}__{t.name}__{"_".join(cols_)}"'
            out.append(f"CREATE INDEX IF NOT EXISTS {ix} ON {table_name(schema.name, t.name)} ({', '.join(cols_)})")
    return out


class Store:
    """One plug-in's tables in an open index (:class:`checker.rule.ArchiveStore`)."""

    def __init__(self, index: ArchiveIndex, schema: ArchiveSchema) -> None:
        self.index = index
        self.schema = schema
        self.name = schema.name
        self._names = {t.name: table_name(schema.name, t.name) for t in schema.tables}
        if "entries" in self._names:
            raise IndexError_(f"store {schema.name!r}: a table may not be called 'entries' (the index's own table)")

    def table(self, name: str) -> str:
        return self._names[name]

    def _sql(self, sql: str) -> str:
        return sql.format(entries="entries", **self._names)

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.index.db.execute(self._sql(sql), params)]

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> None:
        """Write (for :meth:`~checker.rule.Archiver.forget` during ``index add``)."""
        self.index.db.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.index.db.executemany(self._sql(sql), rows)

    def key(self, path: str) -> str:
        return self.index.key(path)

    def put(self, article: int, record: ArchiveRecord) -> None:
        for t in self.schema.tables:
            rows = record.get(t.name) or ()
            if rows:
                width = len(t.columns) + 1
                self.index.db.executemany(
                    f"INSERT OR IGNORE INTO {self._names[t.name]} VALUES ({', '.join('?' * width)})", [(*row, article) for row in rows]
                )

    def delete(self, articles: Sequence[int], plugin: Archiver | None) -> None:
        if plugin is not None:
            plugin.forget(self, articles)
        for t in self.schema.tables:
            if t.delete_by_article:
                for i in range(0, len(articles), 500):
                    chunk = list(articles[i : i + 500])
                    self.index.db.execute(f"DELETE FROM {self._names[t.name]} WHERE article IN ({','.join('?' * len(chunk))})", chunk)

    def rows(self) -> dict[str, int]:
        return {t.name: int(self.index.db.execute(f"SELECT COUNT(*) FROM {self._names[t.name]}").fetchone()[0]) for t in self.schema.tables}


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
    """An open index file, with the stores of the given plug-ins (``archivers``: store name ->
    plug-in). Use as a context manager or call :meth:`close`.

    ``rebuild``: names of stores whose tables are dropped and made anew (empty); when the index
    holds entries, the caller then fills them from the archived files (:attr:`rebuilt`,
    :meth:`entries_of`, :meth:`Store.put`)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        create: bool = False,
        archivers: Mapping[str, Archiver] | None = None,
        rebuild: Iterable[str] = (),
    ) -> None:
        self.path = Path(path)
        self.root = self.path.resolve().parent
        if archivers is None:
            from checker.registry import archivers as installed

            archivers = installed()
        self.archivers = dict(archivers)
        self.rebuilt: list[str] = []  # stores made anew by this open: fill them from the archived files
        if not create and not self.path.is_file():
            raise IndexError_(f"index file not found: {self.path} (create it with `provcheck index add PATHS --index {self.path}`)")
        if create and not self.path.parent.is_dir():
            raise IndexError_(f"cannot create {self.path}: folder {self.path.parent} does not exist")
        try:
            self.db = sqlite3.connect(str(self.path))
        except sqlite3.Error as exc:
            raise IndexError_(f"{self.path}: cannot open: {exc}") from exc
        try:
            self._open(create, set(rebuild))
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise IndexError_(explain(self.path, exc)) from exc
        except IndexError_:
            self.db.close()
            raise
        self.stores = {name: Store(self, plugin.archive_schema) for name, plugin in self.archivers.items() if plugin.archive_schema}

    def _open(self, create: bool, rebuild: set[str]) -> None:
        version = self._meta("schema_version")
        # Never take over another SQLite database: only an empty file becomes a new index.
        if version is None and (not create or self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]):
            raise IndexError_(f"{self.path} is not a provcheck index")
        if version is not None and version != str(SCHEMA_VERSION):
            added = "; ".join(f"schema {v}: {what}" for v, what in sorted(SCHEMA_CHANGES.items()) if v > int(version or 0))
            names = ", ".join(sorted(self.archivers))
            raise IndexError_(
                f"{self.path} has index schema {version}; this provcheck reads and writes schema {SCHEMA_VERSION}"
                f"{f' ({added})' if added else ''}: rebuild the index (delete the file and run "
                f"`provcheck index add PATHS --index {self.path}` again; its stores: {names})"
            )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-65536")
        if version is None:
            self.db.executescript(_SCHEMA)
            self._set_meta("schema_version", str(SCHEMA_VERSION))
        stored = {str(r[0]): (int(r[1]), str(r[2])) for r in self.db.execute("SELECT name, version, params FROM stores")}
        empty = self.db.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None
        stale = []
        for name, plugin in sorted(self.archivers.items()):
            schema = plugin.archive_schema
            if schema is None:
                continue
            have = stored.get(name)
            if have == (schema.version, schema.params) and name not in rebuild:
                continue
            if have is None and empty:
                self._make_store(schema)
            elif name in rebuild:
                self._drop_store(schema)
                self._make_store(schema)
                if not empty:
                    self.rebuilt.append(name)
            else:
                stale.append(self._stale_message(schema, have))
        self.db.commit()
        if stale:
            raise IndexError_(f"{self.path}: " + "; ".join(stale))

    def _stale_message(self, schema: ArchiveSchema, have: tuple[int, str] | None) -> str:
        how = f"rebuild it alone: `provcheck index add PATHS --index {self.path} --rebuild {schema.name}`"
        if have is None:
            return f"it has no {schema.name!r} store ({schema.about}): {how}"
        if have[0] != schema.version:
            changed = "; ".join(f"{v}: {what}" for v, what in sorted(schema.changes.items()) if v > have[0])
            return (
                f"its {schema.name!r} store is version {have[0]}, this provcheck's is version {schema.version}"
                f"{f' ({changed})' if changed else ''}: {how}"
            )
        return f"its {schema.name!r} store was built with parameters {have[1]!r}, this provcheck uses {schema.params!r}: {how}"

    def _make_store(self, schema: ArchiveSchema) -> None:
        for ddl in _ddl(schema):
            self.db.execute(ddl)
        self.db.execute(
            "INSERT OR REPLACE INTO stores (name, version, params, about) VALUES (?, ?, ?, ?)",
            (schema.name, schema.version, schema.params, schema.about),
        )

    def _drop_store(self, schema: ArchiveSchema) -> None:
        prefix = f"{schema.name}__"
        tables = [str(r[0]) for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if str(r[0]).startswith(prefix)]
        for t in tables:
            self.db.execute(f'DROP TABLE "{t}"')
        self.db.execute("DELETE FROM stores WHERE name = ?", (schema.name,))

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

    def store(self, name: str) -> Store | None:
        """A plug-in's store (None when no installed plug-in declares it)."""
        return self.stores.get(name)

    # --- identity --------------------------------------------------------------------------------
    def key(self, path: str) -> str:
        """An entry's identity: the file's path relative to the index's folder when it lies inside it
        (so an index committed with the corpus works from any checkout), else its absolute path."""
        absolute = os.path.realpath(path)  # the root is resolved too: a symlinked path is the same file
        rel = os.path.relpath(absolute, self.root)
        outside = rel == os.pardir or rel.startswith(os.pardir + os.sep)
        return absolute if outside else rel.replace(os.sep, "/")

    def stored_sha256(self, abspaths: Iterable[str]) -> dict[str, str]:
        """abspath -> stored file SHA-256, for the given paths that are in the index."""
        return {a: bytes(v).hex() for a, v in self._column("sha256", abspaths).items()}

    def stored_order(self, abspaths: Iterable[str]) -> dict[str, int]:
        """abspath -> the entry's place in the order the index first stored it (an entry indexed
        earlier has the smaller number; replacing a changed file keeps its place)."""
        return {a: int(v) for a, v in self._column("id", abspaths).items()}

    def _column(self, column: str, abspaths: Iterable[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        paths = list(abspaths)
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            q = f"SELECT abspath, {column} FROM entries WHERE abspath IN ({','.join('?' * len(chunk))})"
            out.update({str(a): v for a, v in self.db.execute(q, chunk)})
        return out

    def entries_of(self) -> list[tuple[int, str, str]]:
        """Every entry: (id, path as added, abspath), first added first."""
        return [(int(i), str(p), str(a)) for i, p, a in self.db.execute("SELECT id, path, abspath FROM entries ORDER BY id")]

    def file_of(self, abspath: str) -> Path:
        """Where an entry's file is now (its identity resolved against the index's folder)."""
        return Path(abspath) if os.path.isabs(abspath) else self.root / abspath

    # --- writing ---------------------------------------------------------------------------------
    def add(self, entries: Sequence[EntryData]) -> dict[str, int]:
        """Store entries in one transaction: new ones are added, changed ones replace their old rows
        (keeping their id), unchanged ones (same file SHA-256) are left alone. Returns counts by outcome."""
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        old: dict[str, tuple[int, str]] = {}
        for i in range(0, len(entries), 500):
            chunk = [e.abspath for e in entries[i : i + 500]]
            q = f"SELECT abspath, id, sha256 FROM entries WHERE abspath IN ({','.join('?' * len(chunk))})"
            old.update({str(r[0]): (int(r[1]), bytes(r[2]).hex()) for r in self.db.execute(q, chunk)})
        with self.db:
            for e in entries:
                prev = old.get(e.abspath)
                if prev is not None:
                    if prev[1] == e.sha256:
                        counts["unchanged"] += 1
                        continue
                    self._delete([prev[0]])
                    counts["replaced"] += 1
                else:
                    counts["added"] += 1
                cur = self.db.execute(
                    "INSERT INTO entries (id, path, abspath, sha256) VALUES (?, ?, ?, ?)",
                    (prev[0] if prev is not None else None, e.path, e.abspath, bytes.fromhex(e.sha256)),  # a changed file keeps its place
                )
                article = int(cur.lastrowid or 0)
                for name, record in e.records.items():
                    store = self.stores.get(name)
                    if store is not None:
                        store.put(article, record)
        return counts

    def _delete(self, articles: Sequence[int]) -> None:
        for name, store in self.stores.items():
            store.delete(articles, self.archivers.get(name))
        for i in range(0, len(articles), 500):
            chunk = list(articles[i : i + 500])
            self.db.execute(f"DELETE FROM entries WHERE id IN ({','.join('?' * len(chunk))})", chunk)

    def forget(self, articles: Sequence[int]) -> None:
        """Drop entries (every store's rows with them), in one transaction."""
        with self.db:
            self._delete(articles)

    def forget_missing(self, folders: Iterable[str]) -> int:
        """Drop the entries under ``folders`` whose file no longer exists (renamed or deleted), so a
        renamed article is not taken for a copy of its old self. Returns how many were dropped."""
        prefixes = [self.key(f).rstrip("/") + "/" for f in folders]
        if not prefixes:
            return 0
        gone = []
        for article_id, _, key in self.entries_of():
            inside = any(key.startswith(p) for p in prefixes) or ("./" in prefixes and not os.path.isabs(key))
            if inside and not self.file_of(key).exists():
                gone.append(article_id)
        self.forget(gone)
        return len(gone)

    def stats(self) -> dict[str, Any]:
        articles = int(self.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        stores = {}
        for name, version, params, about in self.db.execute("SELECT name, version, params, about FROM stores ORDER BY name"):
            store = self.stores.get(str(name))
            stores[str(name)] = {
                "version": int(version),
                "params": str(params),
                "about": str(about),
                "rows": store.rows() if store is not None else {},
                "installed": store is not None,
            }
        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "articles": articles,
            "stores": stores,
            "bytes": size,
            "bytes_per_article": round(size / articles) if articles else 0,
        }
