"""A run survives what a hostile folder, a stuck file, a signal or a second run throws at it
(issue #18, items 7 to 14 and the per-file time budget), end to end through the command line."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from checker import engine, reports
from checker.cli import main
from checker.config import Config
from checker.engine import FileResult, RuleSet
from checker.reports import locked
from tests.conftest import ROOT, Result

ARTICLE = (
    "Title: Council votes on plan {name}\nDate: 2025-03-04\n\nThe council of the town met on Tuesday to discuss plan {name}.\n\n"
    "It voted to close two libraries, Mayor Jane Smith said in a statement.\n"
)


def _folder(tmp_path: Path, names: list[str]) -> Path:
    src = tmp_path / "in"
    for name in names:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(ARTICLE.format(name=Path(name).stem), encoding="utf-8")
    return src


def _summary(folder: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return data


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".lock")))


# --- the per-file time budget ------------------------------------------------------------------
_real_process = engine.process


def _hanging_process(target: engine.Target, rules: RuleSet, context: bool = False) -> FileResult:
    """``engine.process``, except that a file named ``hang*`` never finishes (a runaway rule)."""
    if Path(target.path).name.startswith("hang"):
        marker = os.environ.get("PROVCHECK_TEST_MARKER")
        if marker:
            Path(marker).write_text(str(os.getpid()))
        time.sleep(3600)
    return _real_process(target, rules, context)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_its_time_budget_is_a_timeout_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result], jobs: str
) -> None:
    monkeypatch.setattr(engine, "process", _hanging_process)
    src = _folder(tmp_path, ["a.txt", "hang.txt", "z.txt"])
    out = tmp_path / "reports"
    res = cli("check", str(src), "--reports-dir", str(out), "--file-timeout", "10", "-j", jobs, cwd=tmp_path)
    assert res.returncode == 1, res.stderr  # the stuck file could not be checked: the gate fails
    summary = _summary(out)
    assert summary["status"] == "complete"
    errors = summary["errors"]
    assert isinstance(errors, list)
    assert [(e["path"].rsplit("/", 1)[-1], e["kind"]) for e in errors] == [("hang.txt", "timeout")]
    assert "time budget of 10 s" in errors[0]["message"]
    assert json.loads((out / "a.txt.json").read_text())["verdict"] in ("pass", "review")
    hung = json.loads((out / "hang.txt.json").read_text())
    assert hung["verdict"] == "error" and hung["scores"] is None
    assert "hang.txt" in res.stdout and "timeout" in res.stdout


def test_file_timeout_is_a_validated_config_key(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt"])
    (tmp_path / "provcheck.toml").write_text("file-timeout = -5\n")
    res = cli("check", str(src), "--no-reports", cwd=tmp_path)
    assert res.returncode == 2 and "file_timeout" in res.stderr and "-5" in res.stderr
    (tmp_path / "provcheck.toml").write_text("file-timeout = 30\n")
    assert cli("check", str(src), "--no-reports", cwd=tmp_path).returncode == 0
    assert cli("check", str(src), "--no-reports", "--file-timeout", "-1", cwd=tmp_path).returncode == 2


# --- 7. one file must not abort the run ----------------------------------------------------------
def test_report_names_never_collide_with_folders_and_an_unwritable_report_is_a_per_file_error(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    src = _folder(tmp_path, ["x.txt", "x.txt.json/y.txt", "summary.json/z.txt", "blocked.txt", "w.txt"])
    out = tmp_path / "reports"
    (out / "blocked.txt.json").mkdir(parents=True)  # something in the way of one report
    res = cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    summary = _summary(out)
    assert summary["status"] == "complete" and summary["files"] == 5
    errors = summary["errors"]
    assert isinstance(errors, list)
    assert [(e["path"].rsplit("/", 1)[-1], e["kind"], e["stage"]) for e in errors] == [("blocked.txt", "unwritable", "report")]
    assert str(out / "blocked.txt.json") in errors[0]["message"]
    for name in ("x.txt.json", "w.txt.json"):
        assert json.loads((out / name).read_text())["verdict"] == "pass"
    rows = summary["rows"]
    assert isinstance(rows, list)
    written = sorted(r["report"] for r in rows)
    assert written == ["blocked.txt.json", "summary.json_/z.txt.json", "w.txt.json", "x.txt.json", "x.txt.json_/y.txt.json"]
    assert all((out / name).is_file() for name in written if name != "blocked.txt.json")


# --- 8. signals and orphans ----------------------------------------------------------------------
_HANGING_RUN = """
import sys
from tests import test_robustness as t
from checker import engine, cli
engine.process = t._hanging_process
sys.exit(cli.main(sys.argv[1:]))
"""


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_run_leaves_no_worker_behind(tmp_path: Path, sig: signal.Signals) -> None:
    src = _folder(tmp_path, [f"a{i}.txt" for i in range(6)] + ["hang.txt"])
    marker = tmp_path / "started"
    out = tmp_path / "reports"
    env = {**os.environ, "PROVCHECK_TEST_MARKER": str(marker), "PYTHONPATH": str(ROOT)}
    args = ["check", str(src), "--reports-dir", str(out), "-j", "2"]
    proc = subprocess.Popen([sys.executable, "-c", _HANGING_RUN, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        for _ in range(1200):  # until a worker is stuck on hang.txt
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), proc.communicate()
        workers = _descendants(proc.pid)
        assert workers
        proc.send_signal(sig)
        # Workers that outlived the run would hold its stdout: communicate() would never return.
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _outlived(workers) == []  # every one died with the run
    if sig == signal.SIGTERM:
        assert proc.returncode == 2
        assert b"provcheck: terminated" in stderr
        assert _leftovers(out) == []
    assert not (out / "summary.json").exists()  # nothing was written: no summary claims a finished run



def _outlived(pids: Iterable[int]) -> list[int]:
    """The processes of ``pids`` still alive after up to 30 s (killed, so that no test leaves one behind)."""
    pids = list(pids)
    for _ in range(300):
        if not any(_alive(pid) for pid in pids):
            break
        time.sleep(0.1)
    survivors = [pid for pid in pids if _alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return survivors

_HANGING_WRITER = """
import os, sys, time
from pathlib import Path
from checker import cli, reports
main_pid = os.getpid()
real = reports.to_json
def to_json(model):
    if os.getpid() != main_pid:  # a forked report writer
        Path(os.environ["PROVCHECK_TEST_MARKER"]).write_text(str(os.getpid()))
        time.sleep(3600)
    return real(model)
reports.to_json = to_json
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "fork"), reason="needs /proc and fork")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_forked_report_writers_stop_with_the_run(tmp_path: Path, sig: signal.Signals) -> None:
    src = _folder(tmp_path, [f"a{i:03d}.txt" for i in range(110)])
    marker = tmp_path / "writing"
    out = tmp_path / "reports"
    env = {**os.environ, "PROVCHECK_TEST_MARKER": str(marker), "PYTHONPATH": str(ROOT)}
    args = ["check", str(src), "--reports-dir", str(out), "-j", "2", "-q"]
    command = [sys.executable, "-c", _HANGING_WRITER, *args]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writers: set[int] = set()
    try:
        for _ in range(3000):  # until a forked writer is stuck
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), proc.communicate()
        writers = _descendants(proc.pid)
        assert int(marker.read_text()) in writers
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _outlived(writers) == []  # every one died with the run
    assert _summary(out)["status"] == "interrupted"  # written before the first report
    left = [p.name for p in out.rglob("*.tmp")]
    # Killed outright, the main process cannot remove the file it was writing; its writers can.
    assert not [name for name in left if sig == signal.SIGTERM or int(name.split(".")[-3]) != proc.pid]
    if sig == signal.SIGTERM:
        assert proc.returncode == 2 and b"provcheck: terminated" in stderr
        assert not (out / ".provcheck.lock").exists()
    assert main(["check", str(src), "--reports-dir", str(out), "-q", "--file-timeout", "0", "-j", "1"]) == 0
    assert _summary(out)["status"] == "complete" and not list(out.rglob("*.tmp"))  # the next run cleans up


def test_a_run_stopped_while_writing_reports_is_marked_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _folder(tmp_path, ["a.txt", "b.txt", "c.txt"])
    out = tmp_path / "reports"
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(src), "--reports-dir", str(out), "-q"]) == 0
    assert _summary(out)["status"] == "complete"
    calls = []
    real = reports.file_markdown

    def stop_on_second(report: object) -> str:
        calls.append(report)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)  # as `timeout` or a CI runner would
        return real(report)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "file_markdown", stop_on_second)
    assert main(["check", str(src), "--reports-dir", str(out), "-q", "-j", "1"]) == 2
    assert _summary(out)["status"] == "interrupted"
    assert _leftovers(out) == []
    assert "This run did not finish" not in (out / "summary.md").read_text()  # the old one: summary.md is rewritten at the end


# --- 9. worker count -----------------------------------------------------------------------------
def test_jobs_is_lowered_to_the_files_and_the_cores_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _folder(tmp_path, ["a.txt", "b.txt", "c.txt"])
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(src), "--no-reports", "--jobs", "1000"]) == 0
    assert f"--jobs 1000 lowered to {engine.worker_count(1000, 3)} (3 files" in capsys.readouterr().err
    assert engine.worker_count(1000, 400) <= engine.CORES_MULTIPLE * engine.default_jobs()
    assert engine.worker_count(1000, 3) <= 3
    assert engine.worker_count(2, 400) == min(2, engine.CORES_MULTIPLE * engine.default_jobs())


# --- 10. nothing to check -------------------------------------------------------------------------
def test_nothing_to_check_is_a_usage_error_unless_allowed(tmp_path: Path, cli: Callable[..., Result]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    res = cli("check", str(empty), "--no-reports", cwd=tmp_path)
    assert res.returncode == 2 and "nothing to check" in res.stderr and "--allow-empty" in res.stderr
    assert cli("check", str(empty), "--no-reports", "--allow-empty", cwd=tmp_path).returncode == 0
    src = _folder(tmp_path, ["a.txt"])
    res = cli("check", str(src), "--no-reports", "--select", "", cwd=tmp_path)
    assert res.returncode == 2 and "no rule is selected" in res.stderr
    (tmp_path / "provcheck.toml").write_text('extensions = [".md"]\n')
    res = cli("check", str(src), "--no-reports", cwd=tmp_path)
    assert res.returncode == 2 and "nothing to check" in res.stderr and ".md" in res.stderr


# --- 11. one reports folder, one run; stale reports -------------------------------------------------
def test_a_second_run_into_a_locked_reports_folder_stops_and_names_the_holder(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt"])
    out = tmp_path / "reports"
    with locked(out):
        res = cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path)
    assert res.returncode == 2
    assert f"pid {os.getpid()}" in res.stderr and "in use by another provcheck run" in res.stderr
    assert not (out / "summary.json").exists()
    assert cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path).returncode == 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no lock file left behind


def test_reports_of_inputs_that_are_gone_are_listed_then_pruned(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt", "old/b.txt"])
    out = tmp_path / "reports"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "mine.json").write_text('{"not": "a report"}')
    assert cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path).returncode == 0
    (src / "old" / "b.txt").unlink()
    assert cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path).returncode == 0
    summary = _summary(out)
    assert summary["stale"] == ["old/b.txt.json"] and summary["pruned"] is False
    assert (out / "old" / "b.txt.json").is_file()
    assert "Stale reports" in (out / "summary.md").read_text()
    assert cli("check", str(src), "--reports-dir", str(out), "--prune", cwd=tmp_path).returncode == 0
    summary = _summary(out)
    assert summary["stale"] == ["old/b.txt.json"] and summary["pruned"] is True
    assert not (out / "old").exists()
    assert (out / "notes" / "mine.json").is_file()  # not a provcheck report: never touched
    assert cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path).returncode == 0
    assert _summary(out)["stale"] == []


# --- 12. no score for a file that was not checked ----------------------------------------------------
def test_an_unreadable_file_has_no_score_anywhere(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["good.txt"])
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "reports"
    res = cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path)
    assert res.returncode == 1
    assert json.loads((out / "empty.txt.json").read_text())["scores"] is None
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in _summary(out)["rows"]}  # type: ignore[union-attr]
    assert rows["empty.txt"]["scores"] is None and rows["good.txt"]["scores"]["overall"] > 0
    line = next(line for line in res.stdout.splitlines() if "empty.txt" in line)
    assert "100" not in line and " - " in line
    assert "not checked" in (out / "empty.txt.md").read_text()
    json_run = cli("check", str(src), "--no-reports", "--format", "json", "--min-score", "90", cwd=tmp_path)
    assert json_run.returncode == 1


# --- 13. configuration that used to be accepted silently ---------------------------------------------
@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[rules.ZZ123]\nx = 1\n", ["rules.ZZ123", "installed rule"]),
        ('languages = ["english"]\n', ["languages", "'english'", "ISO 639-1"]),
        ("[scoring.weights]\nwarning = -3\n", ["scoring.weights.warning", "-3", "greater than or equal to 0"]),
        ("[scoring.family_weights]\ndates = -1\n", ["scoring.family_weights.dates", "-1"]),
        ("[thresholds]\nreject_below = 90\n", ["thresholds", "reject_below 90", "review_below 85"]),
        ("[thresholds.families.dates]\nreject_below = 80\n", ["thresholds.families.dates", "reject_below 80"]),
    ],
)
def test_config_mistakes_are_errors_naming_key_value_and_expectation(
    tmp_path: Path, cli: Callable[..., Result], toml: str, expected: list[str]
) -> None:
    src = _folder(tmp_path, ["a.txt"])
    (tmp_path / "provcheck.toml").write_text(toml)
    res = cli("check", str(src), "--no-reports", cwd=tmp_path)
    assert res.returncode == 2
    for part in expected:
        assert part in res.stderr


def test_language_codes_with_a_region_and_rule_tables_by_name_are_accepted(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt"])
    (tmp_path / "provcheck.toml").write_text('languages = ["en", "zh-cn"]\n[rules.DT002]\nearliest_year = 1990\n')
    assert cli("check", str(src), "--no-reports", cwd=tmp_path).returncode == 0


# --- 14. messages that name the way out -----------------------------------------------------------------
def test_a_damaged_index_is_a_run_error_naming_its_path(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt", "b.txt"])
    idx = tmp_path / "idx.db"
    assert cli("index", "add", str(src), "--index", str(idx), "-q", cwd=tmp_path).returncode == 0

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    with pytest.MonkeyPatch.context() as mp:
        from checker.index import Store

        mp.setattr(Store, "query", broken)  # every plug-in's read of its store
        res = cli("check", str(src), "--no-reports", "--index", str(idx), cwd=tmp_path)
    assert res.returncode == 2
    assert str(idx) in res.stderr and "malformed" in res.stderr and "index add" in res.stderr
    assert "internal error in" not in res.stderr


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0 or sys.platform != "linux", reason="root can write anywhere")
def test_an_index_in_a_read_only_folder_says_so(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt"])
    folder = tmp_path / "ro"
    folder.mkdir()
    assert cli("index", "add", str(src), "--index", str(folder / "idx.db"), "-q", cwd=tmp_path).returncode == 0
    folder.chmod(0o555)
    try:
        for args in (["check", str(src), "--no-reports"], ["index", "add", str(src)]):
            res = cli(*args, "--index", str(folder / "idx.db"), cwd=tmp_path)
            assert res.returncode == 2 and "not writable" in res.stderr and "Traceback" not in res.stderr
    finally:
        folder.chmod(0o755)


def test_the_read_only_message_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same message where the tests run as root: the folder's write permission, as the OS reports it."""
    from checker.index import explain

    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and Path(p) == tmp_path else real(p, mode))
    message = explain(tmp_path / "idx.db", sqlite3.OperationalError("attempt to write a readonly database"))
    assert f"its folder {tmp_path} is not writable" in message and "idx.db-wal" in message


def test_a_dangling_symlink_is_named_as_such(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = _folder(tmp_path, ["a.txt"])
    (src / "link.txt").symlink_to(tmp_path / "gone.txt")
    out = tmp_path / "reports"
    cli("check", str(src), "--reports-dir", str(out), cwd=tmp_path)
    error = json.loads((out / "link.txt.json").read_text())["errors"][0]
    assert error["kind"] == "dangling-symlink" and str(tmp_path / "gone.txt") in error["message"]


def test_a_write_that_fails_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk (ENOSPC raised by the write itself, which names no file) says which file."""
    import errno

    from checker import fsutil

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.fh = real_fdopen(fd, "w")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "fdopen", Full)
    with pytest.raises(OSError) as caught:
        fsutil.write_atomic(tmp_path / "out" / "r.json", "{}")
    assert caught.value.filename == str(tmp_path / "out" / "r.json")
    assert str(tmp_path / "out" / "r.json") in str(caught.value)
    assert list((tmp_path / "out").iterdir()) == []


def test_engine_api_keeps_working_in_process_without_a_budget(tmp_path: Path) -> None:
    """``file_timeout = 0`` and one job: no worker process at all (what a debugger or profiler wants)."""
    src = _folder(tmp_path, ["a.txt"])
    from checker.discover import discover

    seen: list[int] = []
    real = engine.process

    def spy(target: engine.Target, rules: RuleSet, context: bool = False) -> FileResult:
        seen.append(os.getpid())
        return real(target, rules, context)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "process", spy)
        result = engine.run(discover([str(src)], [], [".txt"]), Config(file_timeout=0), jobs=1)
    assert seen == [os.getpid()] and result.files[0].report.verdict.value == "pass"


# --- 15. what the main process keeps per file ---------------------------------------------------------
def test_a_compact_run_keeps_details_metrics_and_digests_out_of_the_main_process_and_writes_the_same_reports(tmp_path: Path) -> None:
    from checker.discover import discover
    from checker.reports import to_json

    src = _folder(tmp_path, ["a.txt", "b.txt"])
    targets = discover([str(src)], [], [".txt"])
    cfg = Config(file_timeout=0)
    plain = engine.run(targets, cfg, jobs=1)
    compact = engine.run(targets, cfg, jobs=1, compact=True)
    for f, g in zip(plain.files, compact.files, strict=True):
        assert f.report.details and f.report.metrics and f.digests  # what a plain run keeps
        assert g.packed and g.packed_provenance and g.digests == {} and g.line_starts == []
        assert len(g.report.details) < len(f.report.details) and len(g.report.metrics) < len(f.report.metrics)  # the corpus phase's only
        assert to_json(g.full_report()) == to_json(f.report)
