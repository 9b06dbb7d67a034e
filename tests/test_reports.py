"""Committed artefacts stay in step with the code: reports/, the JSON Schema, the rules reference."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from checker.config import Config
from checker.discover import discover
from checker.docs import GENERATED
from checker.engine import RunResult, run
from checker.fsutil import write_atomic
from checker.reports import write_reports
from tests.conftest import ROOT


def test_committed_reports_match_what_the_code_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "reports"
    main(["check", "seeds/", "--reports-dir", str(out), "-q"])
    committed = ROOT / "reports"

    def files(folder: Path) -> list[str]:  # the JSON, Markdown and HTML reports, the summary, the dashboard's assets
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

    written = files(out)
    assert "index.html" in written and "assets/provcheck.js" in written
    assert written == files(committed), "reports/ has missing or extra files: run `provcheck check seeds/`"
    stale = [name for name in written if (out / name).read_bytes() != (committed / name).read_bytes()]
    assert not stale, f"reports/ is stale for {stale}: run `provcheck check seeds/` and review the difference"


def test_reports_validate_against_the_committed_schema() -> None:
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    for path in sorted((ROOT / "reports").glob("*.json")):
        jsonschema.validate(json.loads(path.read_text()), schema)


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_docs_are_current(rel: str) -> None:
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == GENERATED[rel](), f"{rel} is stale: run `python -m checker.docs`"


def test_atomic_write_keeps_the_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    write_atomic(target, "old\n")

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("checker.fsutil.os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def _small_run(tmp_path: Path, n: int) -> RunResult:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(f"Item {i} was approved by the council on Monday.\n" * (1 + i % 3))
    return run(discover([str(folder)], [], [".txt"]), Config(today=date(2026, 11, 22), select=["DT001", "DU001"]), jobs=1)


def test_reports_written_by_forked_writers_are_the_serial_ones(tmp_path: Path) -> None:
    result = _small_run(tmp_path, 130)
    serial, forked = tmp_path / "serial", tmp_path / "forked"
    assert write_reports(result, serial, jobs=1) == write_reports(result, forked, jobs=3)
    names = sorted(p.name for p in serial.iterdir())
    assert names == sorted(p.name for p in forked.iterdir()) and len(names) == 2 * 130 + 2
    assert all((serial / n).read_bytes() == (forked / n).read_bytes() for n in names)


def test_a_failing_forked_writer_fails_as_a_serial_run_does(tmp_path: Path) -> None:
    result = _small_run(tmp_path, 120)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(OSError) as exc:
            write_reports(result, blocker / "reports", jobs=jobs)
        errors.append(str(exc.value))
    assert errors[0] == errors[1]
