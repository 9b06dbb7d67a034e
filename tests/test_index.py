"""The archive index: `provcheck index add|stats` and `check --index`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from checker.index import ArchiveIndex, IndexError_
from rules.duplication.archive import pack_shingles, unpack_shingles
from tests.conftest import ROOT, Result
from tests.test_duplication import STORY
from tests.test_duplication import UNRELATED as OTHER


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "budget.txt").write_text("Date: 2024-03-01\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    (folder / "snow.txt").write_text("\n\n".join(OTHER) + "\n", encoding="utf-8")
    return folder


def test_add_is_idempotent_and_a_changed_file_replaces_its_entry(tmp_path: Path, archive: Path, cli: Callable[..., Result]) -> None:
    db = tmp_path / "archive.db"
    first = cli("index", "add", str(archive), "--index", str(db), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "2 added" in first.stdout
    again = cli("index", "add", str(archive), "--index", str(db), cwd=tmp_path)
    assert "0 added, 0 replaced, 2 unchanged" in again.stdout
    (archive / "snow.txt").write_text("\n\n".join(OTHER[:2]) + "\n", encoding="utf-8")
    changed = cli("index", "add", str(archive), "--index", str(db), cwd=tmp_path)
    assert "0 added, 1 replaced, 1 unchanged" in changed.stdout
    with ArchiveIndex(db) as index:
        stats = index.stats()
        dup = index.store("duplication")
        assert dup is not None
        assert stats["articles"] == 2 and dup.query("SELECT COUNT(*) FROM {fingerprints} WHERE date IS NOT NULL") == [(1,)]
        # the replaced entry's old band rows are gone: every band row belongs to a stored article
        assert dup.query("SELECT COUNT(*) FROM {bands} WHERE article NOT IN (SELECT id FROM {entries})") == [(0,)]
        assert stats["stores"]["duplication"]["rows"] == {"fingerprints": 2, "bands": 2 * 128}
        mode = index.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    out = cli("index", "stats", "--index", str(db), "--format", "json", cwd=tmp_path)
    assert json.loads(out.stdout)["articles"] == 2


def test_check_finds_archive_copies_without_the_archive_files(tmp_path: Path, archive: Path, cli: Callable[..., Result]) -> None:
    db = tmp_path / "archive.db"
    assert cli("index", "add", str(archive), "--index", str(db), cwd=tmp_path).returncode == 0
    for f in archive.iterdir():
        f.unlink()  # the index alone must be enough
    new = tmp_path / "new"
    new.mkdir()
    (new / "cut.txt").write_text("Budget passes\n\n" + "\n\n".join(STORY[:4]) + "\n", encoding="utf-8")
    (new / "exact.txt").write_text("\n".join(OTHER).upper() + "\n", encoding="utf-8")
    (new / "fresh.txt").write_text("A new bakery opened on the high street on Saturday, selling bread baked overnight.\n", encoding="utf-8")
    proc = cli(
        "check", str(new), "--index", str(db), "--no-reports", "--format", "json", "--select", "DU", "--fail-on", "never", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    reports = {Path(r["file"]["path"]).name: r for r in json.loads(proc.stdout)["reports"]}
    [near] = [f for f in reports["cut.txt"]["findings"] if f["rule"] == "DU004"]
    assert near["evidence"]["source"] == "index" and near["evidence"]["ref"].endswith("budget.txt")
    assert near["evidence"]["role"] == "abridged copy" and near["evidence"]["date"] == "2024-03-01"
    assert near["evidence"]["passages"] and near["evidence"]["containment_this"] > 0.8
    details = reports["cut.txt"]["details"]["duplication"]
    assert details["cluster"]["canonical_source"] == "index"
    [exact] = [f for f in reports["exact.txt"]["findings"] if f["rule"] == "DU003"]
    assert exact["evidence"]["archive"][0].endswith("snow.txt")
    assert not [f for f in reports["fresh.txt"]["findings"] if f["rule"].startswith("DU")]


def test_a_file_is_not_its_own_duplicate(tmp_path: Path, archive: Path, cli: Callable[..., Result]) -> None:
    db = tmp_path / "archive.db"
    assert cli("index", "add", str(archive), "--index", str(db), cwd=tmp_path).returncode == 0
    proc = cli("check", str(archive), "--index", str(db), "--no-reports", "--format", "json", "--select", "DU", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert all(not r["findings"] for r in json.loads(proc.stdout)["reports"])


def test_missing_or_foreign_index_is_a_usage_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    proc = cli("check", str(ROOT / "seeds"), "--index", str(tmp_path / "none.db"), "--no-reports", cwd=tmp_path)
    assert proc.returncode == 2 and "index file not found" in proc.stderr
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(IndexError_, match="not a provcheck index"):
        ArchiveIndex(other)


def test_other_signature_parameters_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    ArchiveIndex(db, create=True).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE stores SET params = 'minhash-w5' WHERE name = 'duplication'")
    con.commit()
    con.close()
    with pytest.raises(IndexError_, match=r"'duplication' store was built with parameters 'minhash-w5'.*--rebuild duplication"):
        ArchiveIndex(db)


def test_shingle_blob_round_trip() -> None:
    rng = np.random.default_rng(3)
    shingles = rng.integers(0, 2**32, size=50, dtype=np.uint64).astype(np.uint32)
    lengths = rng.integers(1, 12, size=52)
    gaps = rng.integers(1, 4, size=52)
    starts = np.cumsum(gaps + np.concatenate(([0], lengths[:-1]))).astype(np.int32)
    ends = (starts + lengths).astype(np.int32)
    keys, s2, e2 = unpack_shingles(pack_shingles(shingles, starts, ends))
    assert np.array_equal(keys, (shingles >> 16).astype(np.uint16))
    assert np.array_equal(s2, starts) and np.array_equal(e2, ends)


def test_an_index_moved_with_its_corpus_still_knows_its_files(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """Entries are keyed relative to the index's folder: an index committed beside the corpus and
    used from another checkout does not take an edited file for a near-copy of its old self."""
    import shutil

    repo = tmp_path / "repo"
    (repo / "corpus").mkdir(parents=True)
    (repo / "corpus" / "budget.txt").write_text("Date: 2024-03-01\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    assert cli("index", "add", "corpus", "--index", "archive.db", cwd=repo).returncode == 0
    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(repo, moved)
    edited = moved / "corpus" / "budget.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe vote was broadcast live.\n", encoding="utf-8")
    out = tmp_path / "reports"
    cli("check", "corpus/budget.txt", "--index", "archive.db", "--reports-dir", str(out), "--today", "2026-11-22", cwd=moved)
    report = json.loads((out / "budget.txt.json").read_text(encoding="utf-8"))
    assert not [f for f in report["findings"] if f["rule"] in {"DU003", "DU004"}]


def test_another_sqlite_database_is_never_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(IndexError_, match="not a provcheck index"):
        ArchiveIndex(db, create=True)
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"users"}


def test_a_symlinked_path_is_the_same_entry(tmp_path: Path) -> None:
    import os

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("x")
    os.symlink(real, tmp_path / "link")
    index = ArchiveIndex(real / "archive.db", create=True)
    try:
        assert index.key(str(tmp_path / "link" / "a.txt")) == index.key(str(real / "a.txt")) == "a.txt"
        assert index.key(str(real / "..x.txt")) == "..x.txt"
        assert index.key(str(tmp_path / "other.txt")).startswith("/")
    finally:
        index.close()


def test_a_renamed_file_is_not_a_copy_of_its_old_entry(tmp_path: Path, cli: Callable[..., Result]) -> None:
    repo = tmp_path / "repo"
    (repo / "corpus").mkdir(parents=True)
    (repo / "corpus" / "a.txt").write_text("Date: 2024-03-01\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    assert cli("index", "add", "corpus", "--index", "archive.db", cwd=repo).returncode == 0
    (repo / "corpus" / "a.txt").rename(repo / "corpus" / "b.txt")
    added = cli("index", "add", "corpus", "--index", "archive.db", cwd=repo)
    assert "1 forgotten" in added.stdout
    with ArchiveIndex(repo / "archive.db") as index:
        assert index.stats()["articles"] == 1
    out = tmp_path / "reports"
    cli("check", "corpus/b.txt", "--index", "archive.db", "--reports-dir", str(out), "--today", "2026-11-22", cwd=repo)
    report = json.loads((out / "b.txt.json").read_text(encoding="utf-8"))
    assert not [f for f in report["findings"] if f["rule"] in {"DU003", "DU004"}]
