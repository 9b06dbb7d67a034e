"""``--select`` and ``--ignore`` save the work of what they turn off: only the analyzers a selected
rule (or another needed analyzer, or the report) needs run, and the families with no rule selected
are reported as not checked, with no score and no metrics."""

from __future__ import annotations

import contextlib
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker import registry
from checker.article import Article
from checker.cli import main
from checker.config import Config
from checker.models import FAMILY_PREFIX, Family, Finding, Severity
from checker.rule import Analyzer, Contribution, CorpusAnalyzer
from checker.scoring import score, verdict
from tests.conftest import ROOT, Result

CHECK = ("check", "seeds/", "--no-reports", "--today", "2026-11-22", "--file-timeout", "0", "--fail-on", "never")


def _payload(cli: Callable[..., Result], *args: str) -> dict[str, Any]:
    res = cli(*CHECK, "--format", "json", *args, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    payload: dict[str, Any] = json.loads(res.stdout)
    return payload


@pytest.fixture(scope="module")
def full_run() -> dict[str, Any]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.chdir(ROOT):
        assert main([*CHECK, "--jobs", "1", "--format", "json"]) == 0
    payload: dict[str, Any] = json.loads(buf.getvalue())
    return payload


@pytest.mark.parametrize("family", list(Family))
def test_one_family_selected_reports_it_as_the_full_run_does_and_the_others_as_not_checked(
    cli: Callable[..., Result], full_run: dict[str, Any], family: Family
) -> None:
    """Every analyzer a family's rules depend on still runs: its findings, metrics, details and
    score are those of the full run; the other families have a null score and no metrics."""
    part = _payload(cli, "--select", FAMILY_PREFIX[family])
    assert part["summary"]["not_checked"] == [f.value for f in Family if f is not family]
    for whole, only in zip(full_run["reports"], part["reports"], strict=True):
        assert only["file"]["path"] == whole["file"]["path"]
        assert only["findings"] == [f for f in whole["findings"] if f["family"] == family.value]
        assert only["metrics"] == {k: v for k, v in whole["metrics"].items() if k.startswith(f"{family.value}.")}
        mine = {k: v for k, v in whole["details"].items() if k.split("-")[0] == family.value}  # "dates", "dates-recovery"
        assert only["details"] == mine
        assert only["scores"][family.value] == whole["scores"][family.value]
        assert all(only["scores"][f.value] is None for f in Family if f is not family)
        assert only["scores"]["overall"] == whole["scores"][family.value]  # the only family checked


def _spy(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of each analyzer's per-file ``analyze`` and ``collect`` calls in this process."""
    calls: Counter[str] = Counter()
    for cls in registry.load().analyzers:
        for method in ("analyze", "collect"):
            if method not in vars(cls):
                continue
            real = vars(cls)[method]

            def spy(self: Any, article: Article, real: Any = real, key: str = f"{cls.name}.{method}") -> Any:
                calls[key] += 1
                return real(self, article)

            monkeypatch.setattr(cls, method, spy)
    return calls


def test_select_dt_runs_only_what_the_dates_family_needs(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    res = cli(*CHECK, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    every = dict(calls)
    calls.clear()
    res = cli(*CHECK, "--select", "DT", cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert "not checked (no rule selected): translation (MT), duplication (DU), attribution (AT), provenance (PV)" in res.stdout
    # the attribution and translation analyses and duplication's per-file signals are not computed;
    # near-copies (whose dates the dates family recovers) and the wire credits they are judged by are
    assert every["attribution.analyze"] == every["translation.analyze"] == every["duplication.analyze"] == 5
    assert calls["attribution.analyze"] == calls["translation.analyze"] == calls["translation.collect"] == 0
    assert calls["duplication.analyze"] == 0
    assert calls["dates.analyze"] == calls["duplication.collect"] == calls["provenance.analyze"] == 5
    assert set(calls) == {"dates.analyze", "provenance.analyze", "duplication.collect", "dates-recovery.collect"}
    assert len(every) == 8


def test_ignoring_a_whole_family_skips_its_analyzer(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch)
    payload = _payload(cli, "--ignore", "AT,MT")
    assert payload["summary"]["not_checked"] == ["translation", "attribution"]
    assert calls["attribution.analyze"] == calls["translation.analyze"] == 0
    assert calls["dates.analyze"] == 5
    # ignoring one rule of a family still checks the family
    assert _payload(cli, "--ignore", "AT001")["summary"]["not_checked"] == []


def test_not_checked_families_are_named_in_every_format(cli: Callable[..., Result]) -> None:
    sarif = json.loads(cli(*CHECK, "--select", "DT,PV", "--format", "sarif", cwd=ROOT).stdout)
    assert sarif["runs"][0]["invocations"][0]["properties"]["notChecked"] == ["translation", "duplication", "attribution"]
    junit = ET.fromstring(cli(*CHECK, "--select", "DT,PV", "--format", "junit", cwd=ROOT).stdout)
    props = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert props["not_checked"] == "translation, duplication, attribution"
    md = cli(*CHECK, "--select", "DT,PV", "--format", "markdown", cwd=ROOT).stdout
    assert "Not checked (no rule selected): translation (MT), duplication (DU), attribution (AT)" in md
    row = next(line for line in md.splitlines() if line.startswith("| [seeds/") or line.startswith("| seeds/"))
    assert row.count("not checked") == 3
    # a full run names none
    full = json.loads(cli(*CHECK, "--format", "sarif", cwd=ROOT).stdout)
    assert "notChecked" not in full["runs"][0]["invocations"][0].get("properties", {})


def test_reports_written_with_a_selection_say_not_checked(tmp_path: Path, cli: Callable[..., Result]) -> None:
    out = tmp_path / "reports"
    res = cli("check", "seeds/", "--reports-dir", str(out), "--no-html", "--select", "MT", "--file-timeout", "0", cwd=ROOT)
    assert res.returncode in (0, 1), res.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["not_checked"] == ["dates", "duplication", "attribution", "provenance"]
    report_md = (out / "001_d711ba56f4b847ad.txt.md").read_text()
    assert report_md.count("not checked") >= 4
    assert cli("html", str(out), cwd=ROOT).returncode == 0  # the dashboard says so too
    index = (out / "index.html").read_text()
    assert "Not checked in this run (no rule selected): dates, duplication, attribution, provenance." in index
    page = (out / "001_d711ba56f4b847ad.txt.html").read_text()
    assert page.count("not checked") >= 4  # the four families' scores on the article page


def _finding(family: Family, severity: Severity) -> Finding:
    return Finding(rule="XX001", name="x", family=family, severity=severity, message="m")


def test_overall_score_is_the_mean_of_the_checked_families_only() -> None:
    cfg = Config()
    findings = [_finding(Family.DATES, Severity.ERROR)]
    every = score(findings, cfg)
    assert every.dates == 75 and every.overall == round((75 + 400) / 5)
    only = score(findings, cfg, checked={Family.DATES, Family.PROVENANCE})
    assert only.translation is None and only.duplication is None and only.attribution is None
    assert only.overall == round((75 + 100) / 2)
    nothing = score([], cfg, {"attribution.family_score": None}, checked={Family.ATTRIBUTION})
    assert nothing.overall is None and nothing.attribution is None  # not English: no family scored
    assert verdict(nothing, [], cfg).value == "pass"


class _Record(Analyzer):
    name = "record-x"


class _Shared(Analyzer, CorpusAnalyzer):
    name = "shared-x"
    needs = ("record-x",)


class _Late(CorpusAnalyzer):
    name = "late-x"
    after = ("shared-x",)


class _Solo(Analyzer):
    name = "solo-x"

    def analyze(self, article: Article) -> Contribution:
        return Contribution()


def _registry() -> registry.Registry:
    return registry.Registry(
        (),
        (_Late, _Record, _Shared, _Solo),
        {"late-x": ("LT001",), "record-x": ("RC001",), "shared-x": ("SH001",), "solo-x": ()},
    )


def _enabled(*ids: str) -> Callable[[str], bool]:
    return lambda rule_id: rule_id in ids


def test_needed_follows_needs_and_after_and_keeps_rule_less_analyzers() -> None:
    reg = _registry()
    late = reg.needed(_enabled("LT001"))
    # the late corpus analyzer reads the shared one's corpus output, which reads the record
    assert late.corpus == {"late-x", "shared-x"}
    assert late.document == {"record-x", "solo-x"}  # shared-x's own per-file half is not needed
    assert late.reported == {"late-x", "solo-x"}  # solo-x: no rules, its output is the report's own
    record = reg.needed(_enabled("RC001"))
    assert record.document == {"record-x", "solo-x"} and record.corpus == frozenset()
    every = reg.needed(_enabled(), everything=True)
    assert every.reported == {"late-x", "record-x", "shared-x", "solo-x"}
    assert every.document == {"record-x", "shared-x", "solo-x"} and every.corpus == {"late-x", "shared-x"}


def test_builtin_dependencies_are_declared() -> None:
    """The built-in families' analyzers: dates reads near-copies (duplication's corpus half), which
    judges clusters by the provenance record's wire credits."""
    needed = registry.load().needed(lambda rule_id: rule_id.startswith("DT"))
    assert needed.document == {"dates", "provenance"}
    assert needed.corpus == {"dates-recovery", "duplication"}
    assert needed.reported == {"dates", "dates-recovery"}
