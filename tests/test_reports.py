"""Committed artefacts stay in step with the code: reports/, the JSON Schema, the rules reference."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main
from checker.docs import GENERATED
from checker.fsutil import write_atomic
from tests.conftest import ROOT


def test_committed_reports_match_what_the_code_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "reports"
    main(["check", "seeds/", "--reports-dir", str(out), "-q"])
    committed = ROOT / "reports"
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name for p in committed.iterdir()), "reports/ has missing or extra files: run `provcheck check seeds/`"
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
