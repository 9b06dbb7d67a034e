"""A third-party corpus rule that keeps a store in the archive index: the worked example of
docs/writing-rules.md, taken from the page itself, installed through a real ``provcheck.rules``
entry point, then run against an index (``index add``, ``check --index``, ``--rebuild``)."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker import registry
from checker.index import ArchiveIndex, IndexError_
from tests.conftest import ROOT, Result
from tests.test_rule_examples import hits_for

DOC = ROOT / "docs" / "writing-rules.md"


def example_pack() -> str:
    """The code block of docs/writing-rules.md that starts with ``# title_dates.py``."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    [pack] = [b for b in blocks if b.startswith("# title_dates.py")]
    return pack


def install_pack(tmp_path: Path) -> Path:
    """The example pack as an installed distribution with its entry point, in a folder to put on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "title_dates.py").write_text(example_pack(), encoding="utf-8")
    dist = site / "title_dates-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: title-dates\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[provcheck.rules]\ntitle-dates = title_dates\n")
    return site


@pytest.fixture
def title_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(install_pack(tmp_path)))
    registry.load.cache_clear()
    yield tmp_path
    registry.load.cache_clear()
    sys.modules.pop("title_dates", None)


def article(title: str, day: str, body: str = "The council met on Monday and approved the plan.") -> str:
    return f"Title: {title}\nDate: {day}\n\n{body}\n"


def td001(cli: Callable[..., Result], cwd: Path, *args: str) -> dict[str, list[dict[str, object]]]:
    proc = cli("check", *args, "--no-reports", "--format", "json", "--select", "TD001", "--fail-on", "never", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return {Path(r["file"]["path"]).name: r["findings"] for r in json.loads(proc.stdout)["reports"]}


def test_the_example_pack_is_installed_and_its_examples_hold(title_dates: Path) -> None:
    rule = registry.load().rule("TD001")
    assert rule is not None and rule.archive_schema is not None and rule.archive_schema.name == "title-dates"
    assert "title-dates" in registry.archivers()
    for example in rule.examples("fire"):
        assert hits_for(rule, example)
    for example in rule.examples("quiet"):
        assert not hits_for(rule, example)


def test_the_pack_compares_new_files_with_its_store_in_the_index(title_dates: Path, cli: Callable[..., Result]) -> None:
    tmp = title_dates
    (tmp / "archive").mkdir()
    (tmp / "new").mkdir()
    (tmp / "archive" / "bridge.txt").write_text(article("Bridge opens to traffic", "2023-01-09"), encoding="utf-8")
    (tmp / "archive" / "storm.txt").write_text(article("Storm hits the coast", "2022-03-03"), encoding="utf-8")
    (tmp / "new" / "redated.txt").write_text(article("Bridge Opens to Traffic!", "2024-05-02"), encoding="utf-8")
    (tmp / "new" / "same.txt").write_text(article("Storm hits the coast", "2022-03-03"), encoding="utf-8")
    (tmp / "new" / "fresh.txt").write_text(article("Library reopens", "2024-05-02"), encoding="utf-8")
    added = cli("index", "add", "archive", "--index", "a.db", cwd=tmp)
    assert added.returncode == 0, added.stderr
    with ArchiveIndex(tmp / "a.db") as index:
        store = index.store("title-dates")
        assert store is not None
        assert store.query("SELECT title, date FROM {titles} ORDER BY title") == [
            ("bridge opens to traffic", "2023-01-09"),
            ("storm hits the coast", "2022-03-03"),
        ]
    found = td001(cli, tmp, "new", "--index", "a.db")
    assert [f["evidence"]["others"] for f in found["redated.txt"]] == [["archive/bridge.txt"]]  # type: ignore[index]
    assert found["same.txt"] == [] and found["fresh.txt"] == []
    assert td001(cli, tmp, "new")["redated.txt"] == []  # without the index it has nothing to compare with


def test_an_index_built_before_the_pack_names_its_store_to_rebuild(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "bridge.txt").write_text(article("Bridge opens to traffic", "2023-01-09"), encoding="utf-8")
    assert cli("index", "add", "archive", "--index", "a.db", cwd=tmp_path).returncode == 0  # without the pack
    site = install_pack(tmp_path)
    sys.path.insert(0, str(site))
    registry.load.cache_clear()
    try:
        (tmp_path / "new.txt").write_text(article("Bridge opens to traffic", "2024-05-02"), encoding="utf-8")
        proc = cli("check", "new.txt", "--index", "a.db", "--no-reports", cwd=tmp_path)
        assert proc.returncode == 2 and "no 'title-dates' store" in proc.stderr and "--rebuild title-dates" in proc.stderr
        with sqlite3.connect(tmp_path / "a.db") as db:
            before = db.execute('SELECT COUNT(*) FROM "duplication__bands"').fetchone()
        rebuilt = cli("index", "add", "archive", "--index", "a.db", "--rebuild", "title-dates", cwd=tmp_path)
        assert rebuilt.returncode == 0 and "rebuilt store(s) title-dates from 1 archived files" in rebuilt.stderr, rebuilt.stderr
        with sqlite3.connect(tmp_path / "a.db") as db:
            assert db.execute('SELECT COUNT(*) FROM "duplication__bands"').fetchone() == before  # the other stores are untouched
        assert [f["rule"] for f in td001(cli, tmp_path, "new.txt", "--index", "a.db")["new.txt"]] == ["TD001"]
    finally:
        sys.path.remove(str(site))
        registry.load.cache_clear()
        sys.modules.pop("title_dates", None)


def test_a_store_of_another_version_is_refused_and_rebuilt_alone(title_dates: Path, cli: Callable[..., Result]) -> None:
    tmp = title_dates
    (tmp / "archive").mkdir()
    (tmp / "archive" / "bridge.txt").write_text(article("Bridge opens to traffic", "2023-01-09"), encoding="utf-8")
    assert cli("index", "add", "archive", "--index", "a.db", cwd=tmp).returncode == 0
    with sqlite3.connect(tmp / "a.db") as db:
        db.execute("UPDATE stores SET version = 0 WHERE name = 'translation'")
    with pytest.raises(IndexError_, match=r"'translation' store is version 0, this provcheck's is version 1.*--rebuild translation"):
        ArchiveIndex(tmp / "a.db")
    proc = cli("index", "add", "archive", "--index", "a.db", cwd=tmp)
    assert proc.returncode == 2 and "--rebuild translation" in proc.stderr
    assert cli("index", "add", "archive", "--index", "a.db", "--rebuild", "translation", cwd=tmp).returncode == 0
    with ArchiveIndex(tmp / "a.db") as index:
        stats = index.stats()
    assert stats["stores"]["translation"]["version"] == 1 and stats["articles"] == 1
    assert stats["stores"]["title-dates"]["rows"] == {"titles": 1}
    proc = cli("index", "add", "archive", "--index", "a.db", "--rebuild", "nosuch", cwd=tmp)
    assert proc.returncode == 2 and "no installed plug-in keeps a store called 'nosuch'" in proc.stderr
