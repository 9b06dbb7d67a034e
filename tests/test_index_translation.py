"""The archive index and the translation rules: `index add` stores each article's person titles and
acronyms/names, and `check --index` compares a run's titles (MT003) and unknown words (MT004) with them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.index import SCHEMA_VERSION, ArchiveIndex, IndexError_
from rules.translation.archive import TranslationArchive
from tests.conftest import ROOT, Result
from tests.test_duplication import STORY
from tests.test_duplication import UNRELATED as OTHER

ARCHIVED = (
    "Defence Minister Anna Berg told parliament on Monday that the army would buy new helicopters.\n\n"
    "The UN refugee agency UNHCR said thousands of families had crossed the border this week.\n"
)
NEW = (
    "Defense Secretary Anna Berg said on Tuesday that the helicopter contract would be signed next month.\n\n"
    "A spokesman for the refugee agency Unhkr said the camp would close before winter.\n"
)
SINGER = "The singer Kogat opened the festival on Friday evening, and fans of Kogat queued overnight.\n"


def _findings(proc: Result, rules: tuple[str, ...] = ("MT003", "MT004")) -> dict[str, list[dict[str, Any]]]:
    assert proc.returncode == 0, proc.stderr
    out: dict[str, list[dict[str, Any]]] = {}
    for report in json.loads(proc.stdout)["reports"]:
        out[Path(report["file"]["path"]).name] = [f for f in report["findings"] if f["rule"] in rules]
    return out


def _check(cli: Callable[..., Result], cwd: Path, *paths: str, index: str | None = None) -> Result:
    extra = ["--index", index] if index else []
    return cli("check", *paths, *extra, "--no-reports", "--format", "json", "--select", "MT", "--fail-on", "never", cwd=cwd)


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "archive" / "berg.txt").write_text(ARCHIVED, encoding="utf-8")
    (tmp_path / "new" / "berg2.txt").write_text(NEW, encoding="utf-8")
    return tmp_path


def test_a_run_of_two_files_conflicts_and_copies(folders: Path, cli: Callable[..., Result]) -> None:
    found = _findings(_check(cli, folders, "archive", "new"))
    new = {f["rule"]: f for f in found["berg2.txt"]}
    assert new["MT003"]["excerpt"] == "Defense Secretary Anna Berg"
    assert new["MT003"]["evidence"]["seen_in"] == ["archive/berg.txt"]
    assert new["MT004"]["excerpt"] == "Unhkr" and new["MT004"]["evidence"]["matches"] == "UNHCR"
    assert new["MT004"]["evidence"]["seen_in"] == ["archive/berg.txt"] and new["MT004"]["span"]["line"] == 3
    assert [f["rule"] for f in found["berg.txt"]] == ["MT003"]  # a tie of one title each: both are pointed at


def test_the_same_through_an_index_of_the_first_file_only(folders: Path, cli: Callable[..., Result]) -> None:
    added = cli("index", "add", "archive", "--index", "archive.db", cwd=folders)
    assert added.returncode == 0 and "1 added" in added.stdout
    (folders / "archive" / "berg.txt").unlink()  # the index alone must be enough
    found = _findings(_check(cli, folders, "new", index="archive.db"))
    new = {f["rule"]: f for f in found["berg2.txt"]}
    assert set(new) == {"MT003", "MT004"}
    assert new["MT003"]["evidence"]["seen_in"] == ["archive/berg.txt"]
    assert new["MT003"]["evidence"]["other_titles"] == ["Defence Minister"]
    assert "in 1 archived article(s)" in new["MT003"]["message"]
    assert new["MT004"]["evidence"]["source"] == "index" and new["MT004"]["evidence"]["seen_in"] == ["archive/berg.txt"]
    assert "used in the archive (archive/berg.txt)" in new["MT004"]["message"]
    assert _findings(_check(cli, folders, "new")) == {"berg2.txt": []}  # without the index: nothing to compare with


def test_a_file_in_the_index_is_not_compared_with_itself(folders: Path, cli: Callable[..., Result]) -> None:
    (folders / "archive" / "berg.txt").write_text(ARCHIVED + NEW, encoding="utf-8")  # conflicts within itself only
    assert cli("index", "add", "archive", "--index", "archive.db", cwd=folders).returncode == 0
    alone = _findings(_check(cli, folders, "archive"))
    indexed = _findings(_check(cli, folders, "archive", index="archive.db"))
    assert alone == indexed
    assert all("seen_in" not in f["evidence"] for f in indexed["berg.txt"])


def test_a_name_the_archive_knows_is_not_mangled(folders: Path, cli: Callable[..., Result]) -> None:
    cogat = "The military body COGAT, which runs the crossings, denied the report.\n"
    (folders / "archive" / "cogat.txt").write_text(cogat, encoding="utf-8")
    assert cli("index", "add", "archive", "--index", "archive.db", cwd=folders).returncode == 0
    (folders / "new" / "convoy.txt").write_text("Aid convoys were stopped, a spokeswoman for Kogat said.\n", encoding="utf-8")
    (folders / "new" / "singer.txt").write_text(SINGER, encoding="utf-8")
    found = _findings(_check(cli, folders, "new/convoy.txt", index="archive.db"))
    assert [f["evidence"]["matches"] for f in found["convoy.txt"]] == ["COGAT"]
    # once the archive holds an article that writes "Kogat" as a name, it is a real name
    (folders / "archive" / "singer.txt").write_text(SINGER, encoding="utf-8")
    assert cli("index", "add", "archive", "--index", "archive.db", cwd=folders).returncode == 0
    assert _findings(_check(cli, folders, "new/convoy.txt", index="archive.db")) == {"convoy.txt": []}


def test_add_stays_idempotent_and_replaces_the_translation_rows(folders: Path, cli: Callable[..., Result]) -> None:
    db = folders / "archive.db"
    assert cli("index", "add", "archive", "--index", "archive.db", cwd=folders).returncode == 0
    with ArchiveIndex(db) as index:
        first = index.stats()["stores"]["translation"]["rows"]
        rows = index.db.execute('SELECT person, portfolio, head, title, mentions FROM "translation__titles"').fetchall()
        words = {r[0] for r in index.db.execute('SELECT key FROM "translation__vocabulary"')}
    assert rows == [("anna berg", "defense", "Minister", "Defence Minister", 1)]
    assert {"unhcr"} <= words and all(" " not in w for w in words)  # single words, no text
    again = cli("index", "add", "archive", "--index", "archive.db", cwd=folders)
    assert "0 added, 0 replaced, 1 unchanged" in again.stdout
    (folders / "archive" / "berg.txt").write_text("Transport Minister Lena Holm opened the line.\n", encoding="utf-8")
    assert "1 replaced" in cli("index", "add", "archive", "--index", "archive.db", cwd=folders).stdout
    with ArchiveIndex(db) as index:
        assert index.stats()["stores"]["translation"]["rows"]["titles"] == first["titles"] == 1
        assert [r[0] for r in index.db.execute('SELECT person FROM "translation__titles"')] == ["lena holm"]
        assert "unhcr" not in {r[0] for r in index.db.execute('SELECT key FROM "translation__vocabulary"')}
        store = index.store("translation")
        assert store is not None
        for table in ("titles", "vocabulary"):
            assert store.query(f"SELECT COUNT(*) FROM {{{table}}} WHERE article NOT IN (SELECT id FROM {{entries}})") == [(0,)]


def test_person_lookup_uses_the_index(folders: Path, cli: Callable[..., Result]) -> None:
    assert cli("index", "add", "archive", "--index", "archive.db", cwd=folders).returncode == 0
    with ArchiveIndex(folders / "archive.db") as index:
        query = "EXPLAIN QUERY PLAN SELECT * FROM \"translation__titles\" WHERE person IN ('anna berg')"
        plan = " ".join(str(r[-1]) for r in index.db.execute(query))
        assert "USING PRIMARY KEY" in plan or "USING INDEX" in plan
        store = index.store("translation")
        assert store is not None
        archive = TranslationArchive(store)
        [title] = archive.title_mentions({"anna berg", "nobody"})
        assert (title.title, title.mentions, title.ref) == ("Defence Minister", 1, "archive/berg.txt")
        assert archive.vocabulary_keys(0) == ["un", "unhcr"]
        assert archive.vocabulary_refs(0, "unhcr") == ["archive/berg.txt"]
        assert archive.vocabulary_refs(0, "unhcr", frozenset({"archive/berg.txt"})) == []


def test_an_index_of_the_previous_schema_asks_for_a_rebuild(tmp_path: Path, cli: Callable[..., Result]) -> None:
    db = tmp_path / "old.db"
    ArchiveIndex(db, create=True).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),))
    with pytest.raises(IndexError_, match=r"schema 2; .*schema 3: a store of its own.*rebuild the index.*stores: duplication, translation"):
        ArchiveIndex(db)
    proc = cli("check", str(ROOT / "seeds"), "--index", str(db), "--no-reports", cwd=tmp_path)
    assert proc.returncode == 2 and "rebuild the index" in proc.stderr


def test_seeds_are_unchanged_by_an_index_without_conflicts(tmp_path: Path, cli: Callable[..., Result]) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "budget.txt").write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    (archive / "snow.txt").write_text("\n\n".join(OTHER) + "\n", encoding="utf-8")
    (archive / "berg.txt").write_text(ARCHIVED, encoding="utf-8")
    assert cli("index", "add", str(archive), "--index", str(tmp_path / "a.db"), cwd=tmp_path).returncode == 0
    seeds = str(ROOT / "seeds")
    plain = _findings(_check(cli, tmp_path, seeds), ("MT000", "MT001", "MT002", "MT003", "MT004", "MT005"))
    indexed = _findings(_check(cli, tmp_path, seeds, index=str(tmp_path / "a.db")), ("MT000", "MT001", "MT002", "MT003", "MT004", "MT005"))
    assert plain == indexed
    assert [f["rule"] for f in plain["001_d711ba56f4b847ad.txt"]].count("MT000") == 1
