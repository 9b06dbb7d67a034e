"""Near-duplicate candidates at archive scale: a join on LSH band keys on a Dask cluster.

The near-duplicate step (``rules.duplication.neardup``) finds its candidates by sorting every band
key of the run in one process (``local_candidates``). Here the same candidates come from a
distributed join, as NeMo Curator and datatrove find theirs:

1. The signature table is cut into partitions (:class:`Part`: consecutive rows, row ``i`` is file
   ``i`` in path order) that stay on the workers (scattered, or built there, e.g. from the Parquet
   that ``provcheck index export`` writes).
2. Each partition becomes a table of (band key, file) rows (``shingles.band_keys``), and the rows
   are shuffled on the key (``DataFrame.shuffle``): every file of one LSH bucket lands in one
   output partition, where ``neardup.bucket_pairs`` (the one-process code) draws its pairs, with the
   same cap on large buckets. Repeated pairs (two files that share several bands) are dropped by a
   second, distributed ``drop_duplicates``.
3. The pair codes (8 bytes a pair) come back to the client, which groups them by the two
   partitions they join; each group is checked on a worker holding those two partitions
   (``neardup.agreement``: enough equal signature values, or the same content hash). Only the
   agreeing pairs and their strength come back: never a signature.

:func:`join_candidates` returns exactly what ``neardup.local_candidates`` returns for the same
files (the same pairs in the same order), so ``neardup.find_pairs(..., find=finder(client))``
gives the same clusters. :func:`verifier` verifies each file's strongest candidates on the workers
(batches of files with the shingle sequences they need; the pairs come back in order), and
:func:`cluster_steps` gives both to the duplication family's corpus phase for a run of
JOIN_MIN_FILES files or more on Dask. Limits: the per-file digests reach the client in the engine's
corpus phase as with the process pool, and the few verifications that join clusters beyond each
file's strongest (``neardup._joining``, a union-find in candidate order) run there.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rules.duplication.compare import Sequence as Shingles
from rules.duplication.neardup import (
    CandidateFinder,
    Candidates,
    Node,
    Pair,
    Verifier,
    agreement,
    bucket_pairs,
    local_candidates,
    verify_groups,
)
from rules.duplication.shingles import NUM_PERM, Fingerprint, band_keys

ROWS_PER_PART = 20_000  # files per partition of the signature table (about 20 MB of signatures)
# A run of fewer files finds its candidates in one process even on Dask: below this the shuffle's
# overhead (seconds) outweighs the one-process sort (about 1 s per 10,000 files, n log n).
JOIN_MIN_FILES = 50_000


@dataclass(frozen=True, slots=True)
class Part:
    """Rows ``start`` .. ``start + len(sigs) - 1`` of the signature table (files in path order)."""

    start: int
    sigs: npt.NDArray[np.uint32]  # (rows, NUM_PERM)
    hashes: npt.NDArray[Any]  # content hash of each row (str objects; "" when none)


def _band_frame(part: Part) -> Any:
    """The (key, file) rows of one partition: one per band of each file."""
    import pandas as pd

    keys = band_keys(part.sigs)
    owner = np.repeat(np.arange(part.start, part.start + len(part.sigs), dtype=np.int64), keys.shape[1] if keys.ndim == 2 else 0)
    return pd.DataFrame({"key": keys.reshape(-1), "file": owner})


def _bucket_codes(frame: Any, n: int) -> Any:
    """On a shuffled partition (every row of its keys): the pair codes of its buckets."""
    import pandas as pd

    codes = bucket_pairs(frame["key"].to_numpy(np.int64), frame["file"].to_numpy(np.int64), n)
    return pd.Series(np.unique(codes), name="code", dtype=np.int64)


def _agree(a: Part, b: Part, first: npt.NDArray[np.int64], second: npt.NDArray[np.int64]) -> Candidates:
    """The pairs (file ids, ``first`` in ``a``, ``second`` in ``b``) that agree, with their strength."""
    keep, strength = agreement(a.sigs, a.hashes, b.sigs, b.hashes, (first - a.start).astype(np.intp), (second - b.start).astype(np.intp))
    return first[keep].astype(np.intp), second[keep].astype(np.intp), strength


def make_parts(sigs: npt.NDArray[np.uint32], hashes: Sequence[str], rows: int = ROWS_PER_PART) -> list[Part]:
    """The signature table of ``sigs`` (one row per file, path order) cut into partitions."""
    table = np.asarray(hashes, dtype=object)
    return [Part(lo, sigs[lo : lo + rows], table[lo : lo + rows]) for lo in range(0, len(sigs), rows)]


def join_candidates(client: Any, parts: Sequence[Any], n: int, partitions: int | None = None) -> Candidates:
    """The agreeing candidate pairs of the ``n`` files of ``parts`` (futures of :class:`Part` s on the
    cluster, in row order), as ``neardup.local_candidates`` gives them: first, second, strength."""
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed

    none = np.zeros(0, dtype=np.intp)
    if n < 2:
        return none, none, np.zeros(0, dtype=np.int64)
    partitions = partitions or max(1, len(parts))
    meta = pd.DataFrame({"key": pd.Series(dtype=np.int64), "file": pd.Series(dtype=np.int64)})
    rows = dd.from_delayed([delayed(_band_frame)(p) for p in parts], meta=meta, verify_meta=False)
    shuffled = rows.shuffle(on="key", npartitions=partitions)
    codes = shuffled.map_partitions(_bucket_codes, n, meta=pd.Series(dtype=np.int64, name="code"))
    codes = codes.drop_duplicates(split_out=partitions)
    found = np.sort(client.compute(codes).result().to_numpy(np.int64))
    if len(found) == 0:
        return none, none, np.zeros(0, dtype=np.int64)
    first, second = found // n, found % n
    starts = np.array(client.gather([client.submit(_start, p) for p in parts]), dtype=np.int64)
    block = (np.searchsorted(starts, first, side="right") - 1) * len(parts) + (np.searchsorted(starts, second, side="right") - 1)
    order = np.argsort(block, kind="stable")
    bounds = np.flatnonzero(np.diff(block[order])) + 1
    futures = []
    for idx in np.split(order, bounds):
        pa, pb = divmod(int(block[idx[0]]), len(parts))
        futures.append(client.submit(_agree, parts[pa], parts[pb], first[idx], second[idx], pure=False))
    results = client.gather(futures)
    f = np.concatenate([r[0] for r in results])
    s = np.concatenate([r[1] for r in results])
    st = np.concatenate([r[2] for r in results])
    order = np.argsort(f.astype(np.int64) * n + s)  # the order of the one-process step: by pair code
    return f[order], s[order], st[order]


def _start(part: Part) -> int:
    return part.start


def finder(client: Any, rows: int = ROWS_PER_PART) -> CandidateFinder:
    """A ``find`` for ``neardup.find_pairs`` that joins on ``client``'s cluster: the run's signatures
    are scattered in partitions of ``rows`` files."""

    def find(paths: list[str], digests: dict[str, Fingerprint]) -> Candidates:
        sigs = np.stack([digests[p].signature for p in paths]) if paths else np.zeros((0, NUM_PERM), dtype=np.uint32)
        parts = client.scatter(make_parts(sigs, [digests[p].content_hash for p in paths], rows))
        return join_candidates(client, parts, len(paths))

    return find


def cluster_steps(files: int) -> tuple[CandidateFinder, Verifier | None]:
    """How the corpus phase finds and verifies the candidates of a run of ``files`` files: on the
    Dask cluster this process is a client of (``check --executor dask`` makes its client the default
    one) when the run has JOIN_MIN_FILES files or more, else in this process."""
    if files < JOIN_MIN_FILES or "distributed" not in sys.modules:
        return local_candidates, None
    from distributed import default_client

    try:
        client = default_client()
    except ValueError:  # no client: the process pool's run
        return local_candidates, None
    return finder(client), verifier(client)


VERIFY_BATCH = 256  # files (with their candidates) per verification task


def verifier(client: Any, batch: int = VERIFY_BATCH) -> Verifier:
    """A ``verify`` for ``neardup.find_pairs`` that verifies on ``client``'s workers: each task gets
    ``batch`` files with their candidates and the sequences they need; the pairs come back in order."""

    def verify(groups: list[tuple[str, list[str]]], nodes: dict[str, Node], seqs: dict[str, Shingles]) -> list[Pair]:
        futures = []
        for lo in range(0, len(groups), batch):
            chunk = groups[lo : lo + batch]
            keys = {a for a, _ in chunk} | {b for _, others in chunk for b in others}
            futures.append(
                client.submit(verify_groups, chunk, {k: nodes[k] for k in keys}, {k: seqs[k] for k in keys}, pure=False, retries=2)
            )
        return [pair for pairs in client.gather(futures) for pair in pairs]

    return verify


EXPORT_ROWS = ROWS_PER_PART  # rows per Parquet row group: one partition of the join each


def export_signatures(store: Any, output: Path) -> int:
    """``provcheck index export``: the archive's near-duplicate signatures (the ``duplication``
    store, read-only) as Parquet, one row per archived article in stored order (id, path, content_hash,
    words, date, signature: NUM_PERM little-endian uint32), in row groups of EXPORT_ROWS rows.
    Written to a temporary file beside ``output`` and renamed over it. Returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("path", pa.string()),
            ("content_hash", pa.string()),
            ("words", pa.int64()),
            ("date", pa.string()),
            ("signature", pa.binary(4 * NUM_PERM)),
        ]
    )
    sql = (
        "SELECT e.id, e.path, f.content_hash, f.words, f.date, f.signature FROM {fingerprints} f "
        "JOIN {entries} e ON e.id = f.article WHERE e.id > ? ORDER BY e.id LIMIT ?"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    written, last = 0, 0
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            while rows := store.query(sql, (last, EXPORT_ROWS)):
                columns: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)]
                columns[5] = [bytes(s) for s in columns[5]]
                writer.write_table(pa.table(columns, schema=schema), row_group_size=EXPORT_ROWS)
                written += len(rows)
                last = int(rows[-1][0])
        os.replace(tmp, output)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return written


def read_part(path: str, group: int, start: int) -> Part:
    """One row group of an exported Parquet file as a partition whose first row is file ``start``."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path).read_row_group(group, columns=["content_hash", "signature"])
    blob = b"".join(table.column("signature").to_pylist())
    sigs = np.frombuffer(blob, dtype="<u4").astype(np.uint32).reshape(-1, NUM_PERM)
    return Part(start, sigs, np.array(table.column("content_hash").to_pylist(), dtype=object))


def parquet_parts(client: Any, path: str, start: int = 0) -> tuple[list[Any], int]:
    """The partitions of an exported Parquet file (one per row group), read by the workers (the
    file on shared storage), their first row file ``start``: futures, and the rows."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    futures, row = [], start
    for group in range(meta.num_row_groups):
        futures.append(client.submit(read_part, path, group, row, pure=False))
        row += meta.row_group(group).num_rows
    return futures, row - start
