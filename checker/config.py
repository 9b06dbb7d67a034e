"""Configuration: ``[tool.provcheck]`` in ``pyproject.toml``, or ``provcheck.toml``, or ``--config``.

Validated by pydantic; a mistake names the key, the value and what was expected.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from checker.models import Family, Severity


class ConfigError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FamilyThreshold(_Strict):
    review_below: int | None = Field(None, ge=0, le=100)
    reject_below: int | None = Field(None, ge=0, le=100)


class Thresholds(_Strict):
    """Verdict policy: the overall score and the worst family score decide pass / review / reject."""

    review_below: int = Field(85, ge=0, le=100, description="overall score under this: review")
    reject_below: int = Field(50, ge=0, le=100, description="overall score under this: reject")
    family_review_below: int = Field(70, ge=0, le=100, description="any family score under this: review")
    family_reject_below: int = Field(30, ge=0, le=100, description="any family score under this: reject")
    review_on_error: bool = Field(True, description="a finding of severity error means at least review")
    families: dict[Family, FamilyThreshold] = Field(
        default_factory=dict, description="per-family overrides, e.g. [thresholds.families.translation] review_below = 80"
    )

    def family_limits(self, family: Family) -> tuple[int, int]:
        """(review_below, reject_below) for one family."""
        own = self.families.get(family)
        review = own.review_below if own and own.review_below is not None else self.family_review_below
        reject = own.reject_below if own and own.reject_below is not None else self.family_reject_below
        return review, reject


class Scoring(_Strict):
    """Each finding costs its severity's weight; a rule's repeats cost half as much again each time,
    so one rule can cost at most twice its weight. A family score is 100 minus its costs."""

    weights: dict[Severity, float] = Field(
        default_factory=lambda: {Severity.INFO: 2.0, Severity.WARNING: 8.0, Severity.ERROR: 25.0},
        description="cost of a finding, by severity",
    )
    family_weights: dict[Family, float] = Field(
        default_factory=lambda: {f: 1.0 for f in Family}, description="weight of each family in the overall score"
    )


class Config(_Strict):
    select: list[str] = Field(default_factory=lambda: ["ALL"], description="rule ids or prefixes to run")
    extend_select: list[str] = Field(default_factory=list, description="rule ids or prefixes to run in addition to select")
    ignore: list[str] = Field(default_factory=list, description="rule ids or prefixes not to run")
    severity: dict[str, Severity] = Field(default_factory=dict, description="severity overrides by id or prefix")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, description="glob -> ids or prefixes")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="per-rule options, by rule id: see `provcheck explain ID`")
    exclude: list[str] = Field(default_factory=list, description="globs of paths not to check")
    extensions: list[str] = Field(default_factory=lambda: [".txt", ".text"], description="file endings a directory walk picks up")
    max_file_bytes: int = Field(20_000_000, gt=0, description="larger files are a per-file error, never read")
    today: date | None = Field(None, description="the check date; default: today")
    languages: list[str] = Field(default_factory=lambda: ["en"], description="ISO 639-1 codes the archive expects")
    fail_on: Literal["error", "warning", "info", "never"] = Field("error", description="lowest severity that fails the gate (exit 1)")
    min_score: int | None = Field(None, ge=0, le=100, description="fail the gate when a file's overall score is under this")
    thresholds: Thresholds = Field(default_factory=Thresholds, description="verdict policy (table [thresholds])")
    scoring: Scoring = Field(default_factory=Scoring, description="score policy (table [scoring])")
    reports_dir: str = Field("reports", description="where per-file reports and the summary are written")

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value]

    # --- rule selection -------------------------------------------------------------------------
    def check_codes(self, rule_ids: list[str]) -> None:
        """A code that matches no installed rule is a typo that would silently turn checks off."""
        places = {
            "select": self.select,
            "extend_select": self.extend_select,
            "ignore": self.ignore,
            "severity": list(self.severity),
            **{f"per_file_ignores.{glob}": codes for glob, codes in self.per_file_ignores.items()},
        }
        for key, codes in places.items():
            for code in codes:
                up = code.upper()
                if up != "ALL" and not any(r.startswith(up) for r in rule_ids):
                    raise ConfigError(f"key '{key}': got {code!r}; expected the id or prefix of an installed rule (`provcheck rules`)")

    def enabled(self, rule_id: str) -> bool:
        chosen = _best(rule_id, [*self.select, *self.extend_select])
        dropped = _best(rule_id, self.ignore)
        return chosen >= 0 and chosen > dropped

    def severity_override(self, rule_id: str) -> Severity | None:
        """The configured severity for a rule (longest matching id or prefix), or None."""
        best, value = -1, None
        for key, sev in self.severity.items():
            n = _match_len(rule_id, key.upper())
            if n > best:
                best, value = n, sev
        return value

    def ignored_in_file(self, path: str, rule_id: str) -> bool:
        return any(
            fnmatch(path, pattern) and _best(rule_id, [c.upper() for c in codes]) >= 0 for pattern, codes in self.per_file_ignores.items()
        )


def _match_len(rule_id: str, code: str) -> int:
    if code == "ALL":
        return 0
    return len(code) if rule_id.startswith(code) else -1


def _best(rule_id: str, codes: list[str]) -> int:
    return max((_match_len(rule_id, c) for c in codes), default=-1)


def load(explicit: str | None = None, cwd: Path | None = None) -> tuple[Config, str | None]:
    """The config and the file it came from (None for the embedded defaults)."""
    base = cwd or Path.cwd()
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("provcheck", {})
        return parse(data, str(path)), str(path)
    own = base / "provcheck.toml"
    if own.is_file():
        return parse(_read_toml(own), str(own)), str(own)
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("provcheck")
        if table is not None:
            return parse(table, f"{pyproject} [tool.provcheck]"), str(pyproject)
    return Config(), None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from exc


def parse(data: dict[str, Any], where: str = "config") -> Config:
    normalised = {key.replace("-", "_"): value for key, value in data.items()}
    try:
        return Config.model_validate(normalised)
    except ValidationError as exc:
        raise ConfigError(describe(exc, where)) from exc


def describe(exc: ValidationError, where: str) -> str:
    lines = [f"invalid configuration in {where}:"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        value = err.get("input")
        if err["type"] == "extra_forbidden":
            lines.append(f"  key '{key}': unknown key (value {value!r})")
        else:
            lines.append(f"  key '{key}': got {value!r}; expected {err['msg'].lower()}")
    return "\n".join(lines)


def config_markdown() -> str:
    """docs/configuration.md, generated from the models (``python -m checker.docs``)."""
    out = [
        "# Configuration",
        "",
        "Generated from `checker/config.py` by `python -m checker.docs`; do not edit by hand.",
        "",
        "provcheck reads, in this order, the file given with `--config`, a `provcheck.toml` in the working",
        "directory, or the `[tool.provcheck]` table of `pyproject.toml` there; with none, the embedded",
        "defaults below apply. Command-line flags override the file. Keys may be written with `-` or `_`.",
        "Rule codes in `select`, `ignore`, `severity` and `per-file-ignores` are ids (`DT001`) or prefixes",
        "(`DT`, `DT00`, `ALL`); the longest matching code decides. A wrong key or value names the key, the",
        "value and what was expected, and provcheck exits with 2.",
        "",
    ]
    for title, model in (("Top level", Config), ("[thresholds]", Thresholds), ("[scoring]", Scoring)):
        out += [f"## {title}", "", "| key | default | description |", "|---|---|---|"]
        for name, info in model.model_fields.items():
            default = info.get_default(call_default_factory=True)
            shown = "(table)" if isinstance(default, BaseModel) else "`" + json.dumps(default, default=str) + "`"
            out.append(f"| `{name}` | {shown} | {info.description or ''} |")
        out.append("")
    out += [
        "## Example",
        "",
        "```toml",
        "[tool.provcheck]",
        'select = ["ALL"]',
        'ignore = ["AT001"]',
        'severity = { DT004 = "info" }',
        'per-file-ignores = { "archive/legacy/*" = ["DT"] }',
        'fail-on = "warning"',
        "",
        "[tool.provcheck.thresholds]",
        "review_below = 90",
        "",
        "[tool.provcheck.rules.DT002]",
        "earliest_year = 1990",
        "```",
        "",
    ]
    return "\n".join(out)
