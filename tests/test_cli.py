"""The command line end to end: what a curator or a CI job sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from tests.conftest import ROOT

SEED_NAMES = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
UNDATED = {"001_d711ba56f4b847ad.txt", "004_80e1f4bbf5611b8d.txt"}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_check_seeds_writes_every_report_and_flags_undated(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    proc = run_cli("check", "seeds/", "--reports-dir", str(out), "--today", "2026-11-22")
    assert proc.returncode == 1, proc.stderr  # DT001 is an error and the default gate is --fail-on error
    assert sorted(p.name for p in out.glob("*.json")) == sorted([*(f"{n}.json" for n in SEED_NAMES), "summary.json"])
    assert sorted(p.name for p in out.glob("*.md")) == sorted([*(f"{n}.md" for n in SEED_NAMES), "summary.md"])
    flagged = set()
    for name in SEED_NAMES:
        report = json.loads((out / f"{name}.json").read_text())
        assert report["file"]["path"] == f"seeds/{name}"
        if any(f["rule"] == "DT001" for f in report["findings"]):
            flagged.add(name)
    assert flagged == UNDATED
    summary = json.loads((out / "summary.json").read_text())
    assert summary["files"] == 5
    assert "gate failed" in proc.stderr
    assert "seeds/001_d711ba56f4b847ad.txt" in proc.stdout  # the terminal table names the files


def test_fail_on_never_passes_and_select_narrows(tmp_path: Path) -> None:
    proc = run_cli("check", "seeds/", "--no-reports", "--fail-on", "never", "--format", "json", "--select", "DT001")
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    rules = {f["rule"] for r in payload["reports"] for f in r["findings"]}
    assert rules == {"DT001"}
    proc = run_cli("check", "seeds/", "--no-reports", "--ignore", "DT001", "--select", "DT")
    assert proc.returncode in (0, 1)
    assert "DT001" not in proc.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    proc = run_cli("check", "no/such/folder")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    bad = tmp_path / "provcheck.toml"
    bad.write_text("fail_on = 'sometimes'\n")
    proc = run_cli("check", str(ROOT / "seeds"), "--no-reports", "--config", str(bad))
    assert proc.returncode == 2 and "fail_on" in proc.stderr and "'sometimes'" in proc.stderr
    proc = run_cli("explain", "XX999")
    assert proc.returncode == 2 and "no rule" in proc.stderr


def test_rules_and_explain() -> None:
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0
    rules = json.loads(proc.stdout)
    assert "DT001" in {r["id"] for r in rules}
    assert all(r["rationale"] and r["fire"] and r["quiet"] for r in rules)
    proc = run_cli("explain", "missing-date")
    assert proc.returncode == 0
    assert proc.stdout.startswith("# DT001 missing-date") and "## Why" in proc.stdout and "## Fires on" in proc.stdout


def _write_bad_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(" date 2024-11-05 The council approved the budget on Monday, officials said.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose again this week.\n".encode("latin-1"))
    (folder / "utf16.txt").write_text("The council approved the budget on Monday.\n", encoding="utf-16")
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)


def test_bad_input_is_reported_per_file_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write_bad_inputs(folder)
    out = tmp_path / "reports"
    code = main(["check", str(folder), "--reports-dir", str(out), "--jobs", "1", "-q", "--today", "2026-11-22"])
    assert code == 1  # files that cannot be checked fail the default gate
    summary = json.loads((out / "summary.json").read_text())
    kinds = {Path(e["path"]).name: e["kind"] for e in summary["errors"]}
    assert kinds == {"empty.txt": "empty", "blank.txt": "whitespace-only", "binary.txt": "binary", "huge.txt": "too-large"}
    for name in ("good.txt", "latin1.txt", "utf16.txt"):
        report = json.loads((out / f"{name}.json").read_text())
        assert report["errors"] == [] and report["file"]["sha256"], name
    assert json.loads((out / "utf16.txt.json").read_text())["file"]["encoding"].startswith("utf-16")
    huge = json.loads((out / "huge.txt.json").read_text())
    assert huge["verdict"] == "error" and "limit" in huge["errors"][0]["message"]
    assert "huge.txt" in (out / "summary.md").read_text()


def test_unreadable_and_vanished_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import config, decode, engine
    from checker.discover import discover

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "locked.txt", "gone.txt"):
        (folder / name).write_text(" date 2024-11-05 The council approved the budget on Monday.\n")
    locked = folder / "locked.txt"
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # running as root: permissions do not stop us, so simulate them
        real_open = os.open

        def fake_open(path: str, *args: Any, **kwargs: Any) -> int:
            if str(path).endswith("locked.txt"):
                raise PermissionError(13, "Permission denied")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(decode.os, "open", fake_open)
    targets = discover([str(folder)], [], [".txt"], cwd=tmp_path)
    (folder / "gone.txt").unlink()
    result = engine.run(targets, config.Config(), jobs=1)
    errors = {Path(r.file.path).name: [e.kind for e in r.errors] for r in result.reports}
    assert errors == {"a.txt": [], "gone.txt": ["vanished"], "locked.txt": ["unreadable"]}


def test_a_named_pipe_is_an_error_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2024-11-05 The council approved the budget on Monday.\n")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "reports"
    code = main(["check", str(folder), "--reports-dir", str(out), "--jobs", "1", "-q", "--select", "DT001"])
    assert code == 1
    report = json.loads((out / "pipe.txt.json").read_text())
    assert report["errors"][0]["kind"] == "unreadable" and "regular file" in report["errors"][0]["message"]


def test_ten_thousand_small_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f" date 2024-11-05 Item {i} was approved by the council on Monday.\n")
    out = tmp_path / "reports"
    code = main(["check", str(folder), "--reports-dir", str(out), "--select", "DT001", "-q", "--jobs", "2"])
    assert code == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["files"] == 10_000 and summary["verdicts"]["pass"] == 10_000
    assert len(list(out.glob("*.txt.json"))) == 10_000


def test_output_is_deterministic_across_runs_and_job_counts(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("check", "seeds/", "--reports-dir", str(a), "--jobs", "1", "--today", "2026-11-22").returncode == 1
    assert run_cli("check", "seeds/", "--reports-dir", str(b), "--jobs", "2", "--today", "2026-11-22").returncode == 1
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert "index.html" in files and files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_mistyped_rule_code_is_a_usage_error_not_a_silent_pass() -> None:
    proc = run_cli("check", "seeds/", "--no-reports", "--select", "DTO01")
    assert proc.returncode == 2 and "'DTO01'" in proc.stderr and "select" in proc.stderr


def test_quiet_still_writes_the_output_file_and_io_errors_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "table.txt"
    code = main(["check", str(ROOT / "seeds"), "--no-reports", "-q", "-o", str(out), "--jobs", "1", "--select", "DT001"])
    assert code == 1 and "001_d711ba56f4b847ad.txt" in out.read_text()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code = main(["check", str(ROOT / "seeds"), "--reports-dir", str(blocker / "reports"), "-q", "--jobs", "1", "--select", "DT001"])
    assert code == 2


def test_an_input_named_summary_keeps_its_own_report(tmp_path: Path) -> None:
    (tmp_path / "summary").write_text(" date 2024-11-05 The council approved the budget on Monday.\n")
    out = tmp_path / "reports"
    main(["check", str(tmp_path / "summary"), "--reports-dir", str(out), "-q", "--jobs", "1", "--select", "DT001"])
    own = [p for p in out.glob("summary~*.json")]
    assert len(own) == 1 and json.loads(own[0].read_text())["file"]["path"].endswith("summary")
    assert json.loads((out / "summary.json").read_text())["files"] == 1
