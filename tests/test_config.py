"""Configuration: where it is found, what it selects, and how mistakes are reported."""

from __future__ import annotations

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

