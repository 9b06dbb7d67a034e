"""What the duplication family keeps in the archive index, and how it looks it up.

The ``duplication`` store (:data:`SCHEMA`) holds, per archived article, no text: the normalised
content hash (exact copies), the word count, the declared date, the title and the outlets, the
MinHash signature and the shingle sequence as 16-bit hashes with word offsets (``fingerprints``), and the
LSH band keys (``bands``, one row per band: candidates are an index lookup, not an in-memory
structure). :class:`DuplicationArchive` answers the queries of :mod:`rules.duplication.neardup`
(candidates by band key, exact copies by content hash, the order of arrival) from those tables.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from checker.models import FileReport
from checker.rule import ArchiveRecord, ArchiveSchema, ArchiveStore, ArchiveTable
from rules.duplication.shingles import SIG_VERSION, Fingerprint, band_keys

SCHEMA = ArchiveSchema(
    name="duplication",
    version=1,
    tables=(
        ArchiveTable(
            "fingerprints",
            (
                "content_hash TEXT NOT NULL",  # of the normalised body (exact duplicates)
                "words INTEGER NOT NULL",
                "date TEXT",  # declared (header) date or a dated dateline, YYYY-MM-DD
                "title TEXT",
                "outlets TEXT NOT NULL",  # JSON list of outlet names
                "signature BLOB NOT NULL",  # NUM_PERM little-endian uint32
                "shingles BLOB NOT NULL",  # zlib: uint32 n, uint16 shingle keys, uint16 word gaps, uint16 word lengths
            ),
            indexes=(("content_hash",),),
        ),
        ArchiveTable("bands", ("key INTEGER NOT NULL",), key=("key",), delete_by_article=False),
    ),
    about="content hashes, MinHash signatures, LSH band keys and 16-bit shingle sequences (DU003, DU004); no text",
    params=SIG_VERSION,
)


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


def key32(keys: npt.NDArray[np.int64]) -> list[int]:
    """Band keys as signed 32-bit integers (4 bytes in SQLite's record format)."""
    return [int(k) for k in keys.astype(np.int32)]


def record(fp: Fingerprint, report: FileReport | None = None) -> ArchiveRecord:
    """The rows of one article: its entry (with the title and outlets of its provenance record) and its band keys."""
    outlets: list[str] = []
    title = None
    if report is not None:
        for outlet in report.provenance.outlets:
            if outlet.name not in outlets:
                outlets.append(outlet.name)
        title = report.provenance.title or report.provenance.header.get("title")
    entry = (
        fp.content_hash,
        fp.words,
        fp.date,
        title,
        json.dumps(outlets, ensure_ascii=False),
        fp.signature.astype("<u4").tobytes(),
        pack_shingles(fp.shingles, fp.starts, fp.ends),
    )
    bands = [(k,) for k in key32(band_keys(fp.signature))] if len(fp.shingles) else []
    return {"fingerprints": [entry], "bands": bands}


def forget(store: Any, articles: Sequence[int]) -> None:
    """Remove the band rows of these entries: the band table is keyed by band key (no index on the
    article, which would double its size), so the keys come from each entry's stored signature."""
    for i in range(0, len(articles), 500):
        chunk = list(articles[i : i + 500])
        rows = store.query(f"SELECT article, signature FROM {{fingerprints}} WHERE article IN ({','.join('?' * len(chunk))})", chunk)
        for article, signature in rows:
            keys = band_keys(np.frombuffer(bytes(signature), dtype="<u4").astype(np.uint32))
            store.executemany("DELETE FROM {bands} WHERE key = ? AND article = ?", [(k, int(article)) for k in key32(keys)])


class DuplicationArchive:
    """The lookups :mod:`rules.duplication.neardup` and DU003 make in the archive (``neardup.Index``)."""

    def __init__(self, store: ArchiveStore) -> None:
        self.store = store

    def key(self, path: str) -> str:
        return self.store.key(path)

    def stored_order(self, abspaths: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        paths = list(abspaths)
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            rows = self.store.query(f"SELECT abspath, id FROM {{entries}} WHERE abspath IN ({','.join('?' * len(chunk))})", chunk)
            out.update({str(a): int(n) for a, n in rows})
        return out

    def candidates(
        self,
        keys: npt.NDArray[np.int64],
        exclude: frozenset[str] = frozenset(),
        signature: npt.NDArray[np.uint32] | None = None,
        min_equal: int = 0,
    ) -> list[ArchiveEntry]:
        """Entries sharing at least one band key, without those whose identity is in ``exclude``; with
        ``signature``, only those whose stored signature agrees with it in ``min_equal`` values or more."""
        k32 = key32(keys)
        q = f"SELECT DISTINCT article FROM {{bands}} WHERE key IN ({','.join('?' * len(k32))})"
        ids = [int(r[0]) for r in self.store.query(q, k32)]
        if signature is not None and min_equal > 0 and ids:
            rows = self.store.query(f"SELECT article, signature FROM {{fingerprints}} WHERE article IN ({','.join('?' * len(ids))})", ids)
            sigs = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype="<u4").reshape(len(rows), -1)
            agree = (sigs == signature[None, :]).sum(axis=1)
            ids = [int(r[0]) for r, n in zip(rows, agree.tolist(), strict=True) if n >= min_equal]
        return [e for e in self._entries(ids) if e.abspath not in exclude]

    def by_content_hash(self, content_hash: str, exclude: frozenset[str] = frozenset()) -> list[ArchiveEntry]:
        rows = self.store.query("SELECT article FROM {fingerprints} WHERE content_hash = ?", (content_hash,))
        return [e for e in self._entries([int(r[0]) for r in rows], blobs=False) if e.abspath not in exclude]

    def _entries(self, ids: list[int], blobs: bool = True) -> list[ArchiveEntry]:
        out: list[ArchiveEntry] = []
        cols = "e.article, a.path, a.abspath, e.date, e.words, e.content_hash, e.outlets, e.title" + (", e.shingles" if blobs else "")
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            where = f"e.article IN ({','.join('?' * len(chunk))})"
            q = f"SELECT {cols} FROM {{fingerprints}} e JOIN {{entries}} a ON a.id = e.article WHERE {where}"
            for r in self.store.query(q, chunk):
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


def archive_of(corpus: Any) -> DuplicationArchive | None:
    """The duplication store of a run's archive index, or None without one."""
    store = corpus.archive(SCHEMA.name) if corpus.index is not None else None
    return DuplicationArchive(store) if store is not None else None
