"""Configuration: ``[tool.provcheck]`` in ``pyproject.toml``, or ``provcheck.toml``, or ``--config``.

Validated by pydantic; a mistake names the key, the value and what was expected.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import date
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, PrivateAttr, ValidationError, field_validator, model_validator

from checker.models import Family, Severity


class ConfigError(Exception):
    pass


_LANGUAGE_CODE = re.compile(r"[a-z]{2}(-[a-z]{2})?")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FamilyThreshold(_Strict):
    review_below: int | None = Field(None, ge=0, le=100)
    reject_below: int | None = Field(None, ge=0, le=100)


def _ordered_limits(key: str, review: int, reject: int) -> None:
    """A score under ``reject`` must be under ``review`` too, or the review band is empty."""
    if reject > review:
        raise ValueError(f"{key}: reject_below {reject} is above review_below {review}; expected reject_below <= review_below")


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

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        _ordered_limits("thresholds", self.review_below, self.reject_below)
        _ordered_limits("thresholds (family)", self.family_review_below, self.family_reject_below)
        for family in self.families:
            _ordered_limits(f"thresholds.families.{family.value}", *self.family_limits(family))
        return self

    def family_limits(self, family: Family) -> tuple[int, int]:
        """(review_below, reject_below) for one family."""
        own = self.families.get(family)
        review = own.review_below if own and own.review_below is not None else self.family_review_below
        reject = own.reject_below if own and own.reject_below is not None else self.family_reject_below
        return review, reject


class Scoring(_Strict):
    """Each finding costs its severity's weight; a rule's repeats cost half as much again each time,
    so one rule can cost at most twice its weight. A family score is 100 minus its costs."""

    weights: dict[Severity, NonNegativeFloat] = Field(
        default_factory=lambda: {Severity.INFO: 2.0, Severity.WARNING: 8.0, Severity.ERROR: 25.0},
        description="cost of a finding, by severity",
    )
    family_weights: dict[Family, NonNegativeFloat] = Field(
        default_factory=lambda: {f: 1.0 for f in Family}, description="weight of each family in the overall score"
    )


class Config(_Strict):
    select: list[str] = Field(default_factory=lambda: ["ALL"], description="rule ids or prefixes to run")
    extend_select: list[str] = Field(default_factory=list, description="rule ids or prefixes to run in addition to select")
    ignore: list[str] = Field(default_factory=list, description="rule ids or prefixes not to run")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="severity overrides by id or prefix; a finding graded lower by its rule stays lower"
    )
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, description="glob -> ids or prefixes")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="per-rule options, by rule id: see `provcheck explain ID`")
    paths: list[str] = Field(
        default_factory=list, description="files, folders or globs to check when the command line names none (e.g. [\"articles/\"])"
    )
    include: list[str] = Field(
        default_factory=lambda: ["*.txt", "*.text"],
        description="with --since and no paths (on the command line or in `paths`): the changed files anywhere in the "
        "repository that match these globs are checked, minus `exclude`",
    )
    exclude: list[str] = Field(default_factory=list, description="globs of paths not to check")
    extensions: list[str] = Field(default_factory=lambda: [".txt", ".text"], description="file endings a directory walk picks up")
    max_file_bytes: int = Field(20_000_000, gt=0, description="larger files are a per-file error, never read")
    max_findings_per_rule: int = Field(
        50, ge=1, description="a report lists at most this many findings of one rule (most serious, then first); the rest are counted"
    )
    encoding: str | None = Field(None, description="read every file in this encoding (a Python codec name) instead of detecting it")
    file_timeout: float = Field(
        60.0, ge=0, description="seconds one file's analysis may take; a file over it is a per-file `timeout` error (0: no limit)"
    )
    today: date | None = Field(None, description="the check date; default: today")
    languages: list[str] = Field(default_factory=lambda: ["en"], description="ISO 639-1 codes the archive expects")
    fail_on: Literal["error", "warning", "info", "never"] = Field("error", description="lowest severity that fails the gate (exit 1)")
    min_score: int | None = Field(None, ge=0, le=100, description="fail the gate when a file's overall score is under this")
    thresholds: Thresholds = Field(default_factory=Thresholds, description="verdict policy (table [thresholds])")
    scoring: Scoring = Field(default_factory=Scoring, description="score policy (table [scoring])")
    reports_dir: str = Field("reports", description="where per-file reports and the summary are written")
    html: bool = Field(True, description="also write the HTML dashboard (index.html and one page per file) into the reports folder")
    executor: Literal["process", "dask"] = Field(
        "process", description="where the per-file phase runs: this machine's process pool, or a Dask cluster (docs/scaling.md)"
    )
    scheduler: str | None = Field(
        None, description="with executor dask: the scheduler's address (tcp://HOST:8786); default: a local cluster of --jobs workers"
    )

    # The folder that relative paths and globs of the config file are relative to: the config file's own
    # folder (as ruff and git do), or the working directory for the embedded defaults.
    _root: Path | None = PrivateAttr(None)

    @property
    def root(self) -> Path:
        return self._root if self._root is not None else Path.cwd()

    def rooted_at(self, folder: Path) -> Config:
        self._root = folder.resolve()
        return self

    def anchored(self, pattern: str) -> str:
        """A glob from the command line, made absolute against the working directory so that it keeps
        its meaning beside the config file's globs (which are relative to the config's folder)."""
        return anchor(pattern, Path.cwd())

    def from_cwd(self, path: str) -> str:
        """A path from the command line (relative to the working directory), as the config keeps it."""
        return path if self._root is None or self._root == Path.cwd().resolve() else os.path.abspath(path)

    @property
    def input_paths(self) -> list[str]:
        """The ``paths`` key, relative to the config file's folder, as paths the command line could give."""
        here = self._root is None or self._root == Path.cwd().resolve()
        return [p if here or os.path.isabs(p) else str(self.root / p) for p in self.paths]

    def included(self, path: str) -> bool:
        """Whether a file matches one of the ``include`` globs (relative to the config file's folder)."""
        return any(path_matches(path, anchor(p, self.root), self.root) for p in self.include)

    @property
    def excludes(self) -> list[str]:
        """The ``exclude`` globs, each absolute or a bare name pattern (see ``anchor``)."""
        return [anchor(p, self.root) for p in self.exclude]

    @property
    def reports_path(self) -> Path:
        """``reports_dir`` relative to the config file's folder (shown relative when that is the working
        directory)."""
        if self._root is None or self._root == Path.cwd().resolve():
            return Path(self.reports_dir)
        return self._root / self.reports_dir

    @field_validator("encoding")
    @classmethod
    def _codec(cls, value: str | None) -> str | None:
        from pydantic_core import PydanticCustomError

        from checker.decode import check_encoding_name

        try:
            return None if value is None else check_encoding_name(value)
        except ValueError:
            raise PydanticCustomError("encoding", "a Python text codec name such as utf-8, cp1252 or shift_jis") from None

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        wrong = [v for v in value if not _LANGUAGE_CODE.fullmatch(v)]
        if wrong:
            raise ValueError(f"{wrong[0]!r} is not a language code; expected ISO 639-1 codes such as 'en', 'fr' or 'zh-cn'")
        return value

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

    def check_rule_tables(self, rule_keys: set[str]) -> None:
        """A ``[rules.X]`` table for a rule that is not installed: its options would never apply."""
        for key in self.rules:
            if key not in rule_keys:
                raise ConfigError(
                    f"key 'rules.{key}': got options for {key!r}; expected the id or name of an installed rule (`provcheck rules`)"
                )

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
        """Whether ``per-file-ignores`` turns the rule off for this file (a path relative to the working
        directory or absolute; the globs are relative to the config file's folder)."""
        return any(
            _best(rule_id, [c.upper() for c in codes]) >= 0 and path_matches(path, anchor(pattern, self.root), self.root)
            for pattern, codes in self.per_file_ignores.items()
        )


def anchor(pattern: str, folder: Path) -> str:
    """A glob made absolute against ``folder``; a bare name pattern (no ``/``, such as ``*.draft.txt``
    or ``drafts``) stays as it is and matches a file or folder of that name anywhere, as in .gitignore."""
    pattern = pattern.replace(os.sep, "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" not in pattern.rstrip("/") or os.path.isabs(pattern):
        return pattern
    return (folder.resolve() / pattern).as_posix()


def path_matches(path: str, pattern: str, root: Path) -> bool:
    """Whether a file path (relative to the working directory, or absolute) matches an anchored glob:
    the file itself or a folder it is in; a bare name pattern is tried on the names below ``root``."""
    full = PurePosixPath(Path(os.path.abspath(path)).as_posix())
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        try:
            names = full.relative_to(root.resolve().as_posix()).parts
        except ValueError:
            names = (full.name,)
        return any(fnmatch(name, pattern) for name in names)
    return any(fnmatch(str(p), pattern) for p in (full, *full.parents))


def _match_len(rule_id: str, code: str) -> int:
    if code == "ALL":
        return 0
    return len(code) if rule_id.startswith(code) else -1


def _best(rule_id: str, codes: list[str]) -> int:
    return max((_match_len(rule_id, c) for c in codes), default=-1)


def load(explicit: str | None = None, cwd: Path | None = None) -> tuple[Config, str | None]:
    """The config and the file it came from (None for the embedded defaults): ``--config``, else the
    nearest ``provcheck.toml`` or ``pyproject.toml`` with a ``[tool.provcheck]`` table in the working
    directory or a folder above it, up to the root of the git repository it is in."""
    base = (cwd or Path.cwd()).resolve()
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("provcheck", {})
        return parse(data, str(path)).rooted_at(path.parent), str(path)
    for folder in (base, *base.parents):
        own = folder / "provcheck.toml"
        if own.is_file():
            return parse(_read_toml(own), str(own)).rooted_at(folder), str(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("provcheck")
            if table is not None:
                return parse(table, f"{pyproject} [tool.provcheck]").rooted_at(folder), str(pyproject)
        if (folder / ".git").exists():
            break
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
        elif err["type"] == "value_error":  # our own validators: the message says what was expected
            lines.append(f"  key '{key}': got {value!r}; {err['ctx']['error']!s}")
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
        "provcheck reads the file given with `--config`; without it, the nearest `provcheck.toml`, or",
        "`pyproject.toml` with a `[tool.provcheck]` table, in the working directory or a folder above it",
        "(up to the root of the git repository); with none, the embedded defaults below apply. Command-line",
        "flags override the file. Keys may be written with `-` or `_`.",
        "",
        "Paths and globs in the file (`paths`, `include`, `exclude`, `per-file-ignores`, `reports_dir`) are relative to the",
        "file's folder, so they mean the same from any working directory; those given on the command line",
        "(`--exclude`, `--reports-dir`) are relative to the working directory. A glob without `/`",
        "(`*.draft.txt`, `drafts`) matches a file or folder of that name anywhere, as in `.gitignore`; `*`",
        "also crosses folders, and a glob naming a folder covers everything in it.",
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
