"""What every run-level output format sees: the run, its summary, the gate outcome and the
baseline comparison; and the gate policy itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checker import scoring
from checker.baseline import Comparison
from checker.changes import repo_path
from checker.config import Config
from checker.engine import RunResult
from checker.models import Family, FileReport, Finding, RunSummary, Scores, Severity

SCORE_KEYS = ("overall", *(f.value for f in Family))


@dataclass
class GateResult:
    """Why the run passes or fails (exit code 0 or 1)."""

    fail_on: str
    failed: bool = False
    reasons: list[str] = field(default_factory=list)
    gating: dict[str, list[int]] = field(default_factory=dict)  # report path -> indices of findings that fail the gate
    low_scores: dict[str, list[str]] = field(default_factory=dict)  # report path -> "translation score 40 < 60", ...
    unreadable: list[str] = field(default_factory=list)  # report paths of files that could not be checked at all
    crashed: dict[str, list[str]] = field(default_factory=dict)  # report path -> "stage: message" of plug-ins that raised (exit 2)

    def fails(self, path: str, index: int) -> bool:
        return index in self.gating.get(path, ())


def evaluate_gate(result: RunResult, config: Config, min_scores: Mapping[str, int], baseline: Comparison | None = None) -> GateResult:
    """The gate policy. A finding fails the gate when its severity is at or above ``fail_on`` and it
    is not in the baseline; a file fails it when it could not be read (unless ``fail_on`` is never)
    or when a score is under its ``--min-score`` floor. With a baseline, scores for the floors are
    recomputed from the new findings only, so accepted findings never fail the gate. A rule or
    analyzer that crashed is recorded in ``crashed``: the check is incomplete, which the command
    line reports as an internal error (exit 2) whatever the gate says."""
    gate = GateResult(fail_on=config.fail_on)
    threshold = None if config.fail_on == "never" else Severity(config.fail_on).rank
    bad = 0
    checked = [f for f in Family if f not in result.not_checked]
    for report in result.reports:
        path = report.file.path
        crashes = [f"{e.stage}: {e.message}" for e in report.errors if e.kind == "internal"]
        if crashes:
            gate.crashed[path] = crashes
        known = baseline.known.get(path, frozenset()) if baseline else frozenset()
        if threshold is not None:
            idx = [i for i, f in enumerate(report.findings) if i not in known and f.severity.rank >= threshold]
            if idx:
                gate.gating[path] = idx
                bad += len(idx)
            if report.errors and report.file.sha256 is None:
                gate.unreadable.append(path)
        if min_scores and report.scores is not None:  # a file with no score fails as unreadable
            kept = [f for i, f in enumerate(report.findings) if i not in known]
            scores = report.scores if not known else scoring.score(kept, config, report.metrics, checked)
            low = [f"{key} score {_score(scores, key)} < {floor}" for key, floor in min_scores.items() if _score(scores, key) < floor]
            if low:
                gate.low_scores[path] = low
    new = "new " if baseline is not None else ""
    if bad:
        gate.reasons.append(f"{bad} {new}findings at or above {config.fail_on} in {len(gate.gating)} files")
    if gate.unreadable:
        gate.reasons.append(f"{len(gate.unreadable)} files could not be checked")
    if gate.low_scores:
        floors = ", ".join(f"{k} {v}" for k, v in min_scores.items())
        gate.reasons.append(f"{len(gate.low_scores)} files score under the minimum ({floors})")
    gate.failed = bool(gate.reasons)
    return gate


def _score(scores: Scores, key: str) -> int:
    value: int | None = getattr(scores, key)
    return 100 if value is None else value  # a family not checked is under no floor


def parse_min_scores(values: list[str], overall_default: int | None = None) -> dict[str, int]:
    """``["70", "translation=60"]`` -> ``{"overall": 70, "translation": 60}``; ValueError on nonsense."""
    out: dict[str, int] = {}
    if overall_default is not None:
        out["overall"] = overall_default
    for raw in values:
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            key, sep, number = part.partition("=")
            if not sep:
                key, number = "overall", key
            key = key.strip().lower()
            if key not in SCORE_KEYS:
                raise ValueError(f"--min-score: unknown score {key!r}; expected one of {', '.join(SCORE_KEYS)}")
            try:
                value = int(number.strip())
            except ValueError:
                raise ValueError(f"--min-score: {number.strip()!r} is not a whole number") from None
            if not 0 <= value <= 100:
                raise ValueError(f"--min-score must be 0..100, got {value} for {key}")
            out[key] = value
    return out


@dataclass
class RunView:
    """One run, as the output formats see it."""

    result: RunResult
    summary: RunSummary
    gate: GateResult
    root: Path  # repository root: paths in SARIF, annotations and baselines are relative to it
    baseline: Comparison | None = None
    width: int | None = None  # text format: terminal width (None: 160)
    color: bool = False  # text format: ANSI colours

    def rel(self, report: FileReport) -> str:
        return repo_path(report.file.path, self.root)

    def new_findings(self, report: FileReport) -> list[tuple[int, Finding]]:
        """(index, finding) pairs of the findings not in the baseline (all of them without one)."""
        known = self.baseline.known.get(report.file.path, frozenset()) if self.baseline else frozenset()
        return [(i, f) for i, f in enumerate(report.findings) if i not in known]

    def is_known(self, report: FileReport, index: int) -> bool:
        return self.baseline is not None and self.baseline.is_known(report.file.path, index)
