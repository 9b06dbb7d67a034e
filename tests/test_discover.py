"""Which files a run picks up, and the report names they get."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.discover import MissingPathError, discover


def _touch(path: Path, text: str = "Some text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_directories_are_walked_recursively_in_order(tmp_path: Path) -> None:
    _touch(tmp_path / "b.txt")
    _touch(tmp_path / "sub" / "a.txt")
    _touch(tmp_path / "sub" / "image.png")
    _touch(tmp_path / ".hidden" / "c.txt")
    targets = discover([str(tmp_path)], [], [".txt"], cwd=tmp_path)
    assert [t.path for t in targets] == ["b.txt", "sub/a.txt"]
    assert [t.report_name for t in targets] == ["b.txt", "sub/a.txt"]


def test_globs_and_excludes(tmp_path: Path) -> None:
    for name in ("keep1.txt", "keep2.txt", "drop.txt"):
        _touch(tmp_path / "in" / name)
    targets = discover([str(tmp_path / "in" / "*.txt")], ["drop*"], [".txt"], cwd=tmp_path)
    assert [t.path for t in targets] == ["in/keep1.txt", "in/keep2.txt"]


def test_same_names_in_two_folders_get_distinct_report_names(tmp_path: Path) -> None:
    _touch(tmp_path / "x" / "story.txt")
    _touch(tmp_path / "y" / "story.txt")
    targets = discover([str(tmp_path / "x"), str(tmp_path / "y")], [], [".txt"], cwd=tmp_path)
    names = [t.report_name for t in targets]
    assert len(set(names)) == 2 and all(n.startswith("story.txt~") for n in names)


def test_report_names_never_escape_the_reports_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = _touch(tmp_path / "outside" / "..evil.txt")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    targets = discover([str(outside), "../outside/..evil.txt"], [], [".txt"], cwd=work)
    assert len(targets) == 1  # the same file twice is checked once
    name = targets[0].report_name
    assert ".." not in name.split("/") and not name.startswith("/")


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    _touch(tmp_path / "a" / "one.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    targets = discover([str(tmp_path / "a")], [], [".txt"], cwd=tmp_path)
    assert [t.path for t in targets] == ["a/one.txt"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(MissingPathError, match="does not exist"):
        discover([str(tmp_path / "nothing")], [], [".txt"], cwd=tmp_path)
    with pytest.raises(MissingPathError, match="no file matches"):
        discover([str(tmp_path / "*.nothing")], [], [".txt"], cwd=tmp_path)
