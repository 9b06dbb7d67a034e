"""Configuration: where it is found, what it selects, and how mistakes are reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import config
from checker.config import ConfigError
from checker.models import Severity


def test_defaults_select_everything() -> None:
    cfg = config.Config()
    assert cfg.enabled("DT001") and cfg.enabled("MT004")
    assert cfg.severity_override("DT001") is None


def test_select_and_ignore_by_prefix_longest_match_wins() -> None:
    cfg = config.parse({"select": ["DT", "PV004"], "ignore": ["DT00"], "extend-select": ["DT002"]})
    assert not cfg.enabled("DT001")  # ignored by DT00, more specific than DT
    assert cfg.enabled("DT002")  # re-selected explicitly
    assert cfg.enabled("PV004") and not cfg.enabled("PV001") and not cfg.enabled("MT001")


def test_severity_overrides_and_per_file_ignores() -> None:
    cfg = config.parse({"severity": {"DT": "warning", "DT001": "info"}, "per-file-ignores": {"archive/old/*": ["DT", "PV001"]}})
    assert cfg.severity_override("DT001") is Severity.INFO
    assert cfg.severity_override("DT002") is Severity.WARNING
    assert cfg.severity_override("MT001") is None
    assert cfg.ignored_in_file("archive/old/a.txt", "DT004")
    assert cfg.ignored_in_file("archive/old/a.txt", "PV001")
    assert not cfg.ignored_in_file("archive/new/a.txt", "DT004")


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        ({"thresholds": {"review_below": "high"}}, ["thresholds.review_below", "'high'", "integer"]),
        ({"fail_on": "sometimes"}, ["fail_on", "'sometimes'", "error", "warning", "never"]),
        ({"severity": {"DT001": "fatal"}}, ["severity.DT001", "'fatal'", "info", "warning", "error"]),
        ({"colour": "blue"}, ["colour", "unknown key"]),
        ({"thresholds": {"review_below": 140}}, ["thresholds.review_below", "140", "less than or equal to 100"]),
    ],
)
def test_mistakes_name_key_value_and_expectation(data: dict[str, object], needles: list[str]) -> None:
    with pytest.raises(ConfigError) as err:
        config.parse(data, "provcheck.toml")
    message = str(err.value)
    assert "provcheck.toml" in message
    for needle in needles:
        assert needle in message, f"{needle!r} missing from: {message}"


def test_found_in_provcheck_toml_then_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.provcheck]\nignore = ["MT"]\n')
    cfg, source = config.load(cwd=tmp_path)
    assert source is not None and source.endswith("pyproject.toml")
    assert not cfg.enabled("MT001")
    (tmp_path / "provcheck.toml").write_text('ignore = ["AT"]\n')
    cfg, source = config.load(cwd=tmp_path)
    assert source is not None and source.endswith("provcheck.toml")
    assert cfg.enabled("MT001") and not cfg.enabled("AT001")


def test_pyproject_without_table_means_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    cfg, source = config.load(cwd=tmp_path)
    assert source is None and cfg == config.Config()


def test_explicit_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        config.load(str(tmp_path / "nope.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(str(bad))



# --- where the config is found, and what its globs are relative to ---------------------------------------
def _article(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Storm closes schools.\n\nSchools in the county closed on Monday, officials said.\n", encoding="utf-8")
    return path


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    repo = tmp_path / "repo"
    (repo / "provcheck.toml").write_text(
        'exclude = ["drafts", "archive/skip/*"]\nper-file-ignores = { "archive/legacy/*" = ["DT"] }\nreports-dir = "out"\n',
        encoding="utf-8",
    )
    for rel in ("archive/legacy/a.txt", "archive/new/b.txt", "archive/drafts/c.txt", "archive/skip/d.txt"):
        _article(repo / rel)
    return repo


@pytest.mark.parametrize("where", [".", "archive", "archive/new"])
def test_config_globs_mean_the_same_from_any_folder_of_the_repository(tmp_path: Path, where: str) -> None:
    repo = _tree(tmp_path)
    cwd = repo / where
    target = os.path.relpath(repo / "archive", cwd)
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", target, "--format", "json", "--fail-on", "never", "--today", "2026-11-22"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    files = {Path(f["file"]["path"]).name: f for f in json.loads(done.stdout)["reports"]}
    assert sorted(files) == ["a.txt", "b.txt"]  # drafts/ (a bare name) and archive/skip/ excluded
    rules = {name: {x["rule"] for x in f["findings"]} for name, f in files.items()}
    assert "DT001" in rules["b.txt"] and not any(r.startswith("DT") for r in rules["a.txt"])
    assert (repo / "out" / "summary.json").is_file()  # reports_dir is relative to the config file too


def test_command_line_globs_are_relative_to_the_working_directory(tmp_path: Path) -> None:
    repo = _tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", ".", "--exclude", "new/*", "--no-reports", "--format", "json", "--fail-on", "never"],
        cwd=repo / "archive", capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert [Path(f["file"]["path"]).name for f in json.loads(done.stdout)["reports"]] == ["a.txt"]


def test_a_bare_name_glob_only_looks_below_the_config_folder(tmp_path: Path) -> None:
    cfg = config.parse({"per-file-ignores": {"work": ["DT"]}}).rooted_at(tmp_path / "work")
    assert cfg.ignored_in_file(str(tmp_path / "work" / "x" / "work" / "a.txt"), "DT001")
    assert not cfg.ignored_in_file(str(tmp_path / "work" / "x" / "a.txt"), "DT001")  # "work" above the root does not count


def test_the_search_for_a_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "provcheck.toml").write_text('ignore = ["DT"]\n', encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    assert config.load(cwd=tmp_path / "repo" / "sub") == (config.Config(), None)
    (tmp_path / "repo" / "pyproject.toml").write_text('[tool.provcheck]\nignore = ["MT"]\n', encoding="utf-8")
    cfg, source = config.load(cwd=tmp_path / "repo" / "sub")
    assert cfg.ignore == ["MT"] and source == str((tmp_path / "repo" / "pyproject.toml").resolve())
