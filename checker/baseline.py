"""Baselines: accept today's findings so that a CI gate fails only on new ones.

``provcheck baseline PATHS -o FILE`` records every finding of the run (every severity), keyed
like detect-secrets keys secrets: by the file's path relative to the repository root, the rule id
and a hash of the matched text (the finding's excerpt, with white space collapsed and NFKC
normalisation), so moving a paragraph within the file, or re-wrapping its lines, keeps the key.
A whole-file finding (no span, hence no excerpt) is keyed by its rule and message; when its message
changes (a score or a count in it moved because the file was edited) it still matches a whole-file
entry of the same rule that nothing else matched, since the file still has the accepted problem.

``provcheck check --baseline FILE`` then treats a finding as *known* when its key is in the
baseline (as a multiset: a second copy of a known problem in the same file is new), fails only on
the others, and lists the baseline entries that no longer occur in the files it checked (or whose
file is gone) so the baseline can be refreshed.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker import __version__
from checker.changes import repo_path
from checker.engine import RunResult
from checker.models import Finding

BASELINE_VERSION = 1


class BaselineError(Exception):
    """The baseline file is missing or malformed (exit 2)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BaselineEntry(_Strict):
    rule: str = Field(description="rule id, e.g. MT001")
    hash: str = Field(description="sha256 (first 32 hex digits) of the matched text, or of the message for whole-file findings")
    message: str = Field(default="", description="the finding's message when recorded (for people; not part of the key)")
    line: int | None = Field(default=None, description="line when recorded (for people; not part of the key)")
    whole_file: bool = Field(
        default=False, description="a finding about the whole file (no span): matched by rule when its message changed"
    )


class Baseline(_Strict):
    version: int = BASELINE_VERSION
    tool: str = f"provcheck {__version__}"
    findings: dict[str, list[BaselineEntry]] = Field(
        default_factory=dict, description="repository-relative file path -> the findings accepted in it"
    )

    def size(self) -> int:
        return sum(len(v) for v in self.findings.values())


def finding_hash(f: Finding) -> str:
    """The text part of a finding's baseline key."""
    basis = f"text:{_normalise(f.excerpt)}" if f.excerpt.strip() else f"message:{_normalise(f.message)}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def build(result: RunResult, root: Path) -> Baseline:
    findings: dict[str, list[BaselineEntry]] = {}
    for report in result.reports:
        if not report.findings:
            continue
        entries = [
            BaselineEntry(
                rule=f.rule, hash=finding_hash(f), message=f.message, line=f.span.line if f.span else None, whole_file=f.span is None
            )
            for f in report.findings
        ]
        entries.sort(key=lambda e: (e.rule, e.hash, e.line or 0, e.message))
        findings[repo_path(report.file.path, root)] = entries
    return Baseline(findings=dict(sorted(findings.items())))


def dumps(baseline: Baseline) -> str:
    return json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def load(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {p} (create it with `provcheck baseline PATHS -o {p}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {p}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline {p} is not valid JSON: {exc}") from exc
    try:
        baseline = Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(top level)"
        raise BaselineError(f"baseline {p} is malformed at {where}: {first['msg']}") from exc
    if baseline.version != BASELINE_VERSION:
        raise BaselineError(f"baseline {p} has version {baseline.version}; this provcheck reads version {BASELINE_VERSION}")
    return baseline


@dataclass(frozen=True)
class Absent:
    """A baseline entry that no longer occurs."""

    path: str  # repository-relative
    entry: BaselineEntry
    file_gone: bool = False


@dataclass
class Comparison:
    """The run compared with a baseline."""

    source: str
    known: dict[str, frozenset[int]] = field(default_factory=dict)  # report path -> indices of known findings
    absent: list[Absent] = field(default_factory=list)

    def is_known(self, path: str, index: int) -> bool:
        return index in self.known.get(path, frozenset())

    def new_findings(self, path: str, findings: Iterable[Finding]) -> list[Finding]:
        known = self.known.get(path, frozenset())
        return [f for i, f in enumerate(findings) if i not in known]

    @property
    def known_count(self) -> int:
        return sum(len(v) for v in self.known.values())


def match(findings: list[Finding], entries: list[BaselineEntry]) -> tuple[set[int], list[BaselineEntry]]:
    """Indices of the findings the baseline entries account for, and the entries left over. Exact
    keys (rule, hash) first, each entry used once; then whole-file findings by rule alone."""
    known: set[int] = set()
    used: set[int] = set()
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, e in enumerate(entries):
        by_key[(e.rule, e.hash)].append(j)
    for i, f in enumerate(findings):
        slots = by_key.get((f.rule, finding_hash(f)))
        if slots:
            used.add(slots.pop(0))
            known.add(i)
    by_rule: dict[str, list[int]] = defaultdict(list)
    for j, e in enumerate(entries):
        if j not in used and e.whole_file:
            by_rule[e.rule].append(j)
    for i, f in enumerate(findings):
        if i in known or f.span is not None:
            continue
        slots = by_rule.get(f.rule)
        if slots:
            used.add(slots.pop(0))
            known.add(i)
    return known, [e for j, e in enumerate(entries) if j not in used]


def compare(baseline: Baseline, result: RunResult, root: Path, source: str = "baseline") -> Comparison:
    out = Comparison(source)
    checked: set[str] = set()
    for report in result.reports:
        rel = repo_path(report.file.path, root)
        checked.add(rel)
        known, left = match(report.findings, baseline.findings.get(rel, []))
        if known:
            out.known[report.file.path] = frozenset(known)
        if report.file.sha256 is not None:  # an unreadable file: we cannot tell what is gone
            out.absent.extend(Absent(rel, e) for e in left)
    for rel, entries in sorted(baseline.findings.items()):
        if rel in checked:
            continue
        target = Path(rel) if Path(rel).is_absolute() else root / rel
        if not target.exists():
            out.absent.extend(Absent(rel, e, file_gone=True) for e in entries)
    return out
