"""Run-level output formats: SARIF (schema and GitHub code scanning's requirements), JUnit XML,
GitHub annotations, JSON and the gate policy they all report."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker import registry, scoring
from checker.article import Article, line_starts, make_span
from checker.baseline import Baseline, BaselineEntry, compare, finding_hash
from checker.cli import main
from checker.config import Config
from checker.discover import Target
from checker.engine import TOOL, FileResult, RunResult
from checker.formats import FORMATS, RunView, evaluate_gate, parse_min_scores, render
from checker.formats.github import escape_data, escape_property
from checker.models import Family, FileError, FileInfo, FileReport, Finding, Severity
from checker.reports import summary
from checker.rule import DocumentRule, Hit
from tests.conftest import ROOT

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
TODAY = "2026-11-22"

ALPHA = "Date: 2024-03-01\n\nThe harbour authority said on Monday that the pier would reopen.\nWork began in June, officials said.\n"
BETA = "The council, it is understood, approved the plan.\nResidents were not consulted.\n"


class WholeFile(DocumentRule):
    id = "DT901"
    name = "test-whole-file"
    family = Family.DATES
    severity = Severity.ERROR
    summary = "A test rule that reports on whole files."
    rationale = "Stands in for any rule without a span, so these tests do not depend on the shipped rules."

    def check(self, article: Article) -> Iterator[Hit]:
        if article.header.get("date") is None:
            yield Hit(f"no date in {article.word_count} words")


class Spanned(DocumentRule):
    id = "DU901"
    name = "test-spanned"
    family = Family.DUPLICATION
    severity = Severity.WARNING
    summary = "A test rule that reports a span of text."
    rationale = "Stands in for any rule with a span, so these tests do not depend on the shipped rules."

    def check(self, article: Article) -> Iterator[Hit]:
        start = article.text.find("marker")
        if start >= 0:
            yield Hit("marker word", start, start + len("marker"))


NAMES = {"DT901": WholeFile.name, "DU901": Spanned.name}


@pytest.fixture(autouse=True)
def test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "load", lambda: registry.Registry(rules=(WholeFile, Spanned), analyzers=()))


def _finding(rule: str, text: str, needle: str | None, severity: Severity, message: str) -> Finding:
    span = None
    excerpt = ""
    if needle is not None:
        start = text.index(needle)
        span = make_span(line_starts(text), start, start + len(needle))
        excerpt = needle
    family = Family.DATES if rule.startswith("DT") else Family.DUPLICATION
    return Finding(rule=rule, name=NAMES[rule], family=family, severity=severity, message=message, span=span, excerpt=excerpt)


def make_run(
    root: Path, files: dict[str, tuple[str, list[tuple[str, str | None, Severity, str]]]], config: Config | None = None
) -> RunResult:
    """A run over real files under ``root`` with the given findings (rule, matched text or None, severity, message)."""
    cfg = config or Config()
    results = []
    for rel, (text, specs) in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        findings = [_finding(rule, text, needle, sev, msg) for rule, needle, sev, msg in specs]
        report = FileReport(tool=TOOL, file=FileInfo(path=str(path), sha256="0" * 64, bytes=len(text)), findings=findings)
        report.scores = scoring.score(findings, cfg)
        report.verdict = scoring.verdict(report.scores, findings, cfg)
        results.append(FileResult(Target(str(path), str(path), rel), report, line_starts(text)))
    return RunResult(results, cfg)


def view_of(run: RunResult, root: Path, min_scores: dict[str, int] | None = None, baseline: Baseline | None = None) -> RunView:
    comparison = compare(baseline, run, root, "baseline.json") if baseline is not None else None
    gate = evaluate_gate(run, run.config, min_scores or {}, comparison)
    return RunView(run, summary(run), gate, root, comparison)


@pytest.fixture
def sample(tmp_path: Path) -> tuple[RunResult, Path]:
    run = make_run(
        tmp_path,
        {
            "news/alpha.txt": (
                ALPHA,
                [
                    ("DT901", None, Severity.ERROR, "no publication date, 100% sure"),
                    ("DU901", "officials said", Severity.WARNING, "copied: see a,b"),
                ],
            ),
            "news/beta gamma.txt": (BETA, [("DU901", "it is understood", Severity.INFO, "note\nsecond line")]),
            "news/clean.txt": ("Date: 2024-01-01\n\nNothing to see.\n", []),
        },
    )
    return run, tmp_path


# --- SARIF ------------------------------------------------------------------------------------
def _sarif(view: RunView) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(render("sarif", view))
    return doc


def _validate(doc: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_validates_against_the_oasis_schema(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    _validate(_sarif(view_of(run, root)))
    baseline = Baseline(findings={"news/alpha.txt": [BaselineEntry(rule="DT901", hash="x", whole_file=True)]})
    _validate(_sarif(view_of(run, root, baseline=baseline)))


def test_sarif_of_a_real_run_validates(tmp_path: Path) -> None:
    out = tmp_path / "run.sarif"
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "seeds/", "--no-reports", "--today", TODAY, "--format", "sarif", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    _check_github_requirements(doc)
    _validate(doc)


def _check_github_requirements(doc: dict[str, Any]) -> None:
    """What GitHub code scanning needs from an uploaded SARIF file."""
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "provcheck" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["id"] and rule["name"]
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["help"]["markdown"].strip()
    bases = run["originalUriBaseIds"]
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"].strip()
        assert result["level"] in ("error", "warning", "note")
        loc = result["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        assert not art["uri"].startswith(("/", "file:")) and ".." not in art["uri"].split("/"), art
        assert art["uriBaseId"] in bases and bases[art["uriBaseId"]]["uri"].endswith("/")
        region = loc["region"]
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            assert isinstance(region[key], int) and region[key] >= 1, (key, region)
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert result["partialFingerprints"] and all(result["partialFingerprints"].values())


def test_sarif_has_what_github_code_scanning_requires(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    doc = _sarif(view_of(run, root))
    _check_github_requirements(doc)
    results = doc["runs"][0]["results"]
    assert len(results) == 3
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"news/alpha.txt", "news/beta%20gamma.txt"}  # relative to the root, percent-encoded
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.as_uri() + "/"
    levels = sorted(r["level"] for r in results)
    assert levels == ["error", "note", "warning"]


def test_sarif_whole_file_finding_covers_line_one(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    doc = _sarif(view_of(run, root))
    whole = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "DT901")
    first_line = ALPHA.split("\n")[0]
    region = whole["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": len(first_line) + 1}
    spanned = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "DU901" and r["level"] == "warning")
    region = spanned["locations"][0]["physicalLocation"]["region"]
    line = ALPHA.split("\n")[3]
    col = line.index("officials said") + 1
    assert region == {"startLine": 4, "startColumn": col, "endLine": 4, "endColumn": col + len("officials said")}


def test_sarif_fingerprints_are_stable_when_text_moves(tmp_path: Path) -> None:
    text = "Date: 2024-03-01\n\nFirst paragraph with a flagged phrase.\n\nSecond paragraph, flagged phrase again.\n"
    moved = (
        "Date: 2024-03-01\n\nA new opening paragraph.\n\nSecond paragraph, flagged phrase again.\n\n"
        "First paragraph with a\nflagged phrase.\n"
    )
    spec = [("DU901", "flagged phrase", Severity.WARNING, "m"), ("DT901", None, Severity.ERROR, "whole file, score 12")]

    def prints(body: str, message: str) -> list[str]:
        run = make_run(tmp_path, {"a.txt": (body, [(r, n, s, message if n is None else m) for r, n, s, m in spec])})
        doc = _sarif(view_of(run, tmp_path))
        return sorted(r["partialFingerprints"]["provcheck/v1"] for r in doc["runs"][0]["results"])

    before = prints(text, "whole file, score 12")
    assert len(set(before)) == len(before) == 2
    assert prints(moved, "whole file, score 17") == before  # moved text, changed numbers in a whole-file message
    spec[0] = ("DU901", "flagged words", Severity.WARNING, "m")
    changed = prints(text.replace("flagged phrase", "flagged words"), "whole file, score 12")
    assert len(set(changed) & set(before)) == 1  # the whole-file finding only


def test_sarif_baseline_state(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    alpha = run.files[0].report
    baseline = Baseline(findings={"news/alpha.txt": [BaselineEntry(rule="DU901", hash=finding_hash(alpha.findings[1]))]})
    doc = _sarif(view_of(run, root, baseline=baseline))
    states = {(r["ruleId"], r["level"]): r["baselineState"] for r in doc["runs"][0]["results"]}
    assert states == {("DT901", "error"): "new", ("DU901", "warning"): "unchanged", ("DU901", "note"): "new"}


# --- JUnit ------------------------------------------------------------------------------------
def test_junit_parses_with_one_case_per_file_and_a_failure_per_gating_finding(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    xml = render("junit", view_of(run, root, min_scores={"dates": 90}))
    tree = ET.fromstring(xml)
    assert tree.tag == "testsuites"
    (suite,) = tree.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"news/alpha.txt", "news/beta gamma.txt", "news/clean.txt"}
    alpha = cases["news/alpha.txt"]
    types = sorted(f.get("type") or "" for f in alpha.findall("failure"))
    assert types == ["DT901", "min-score"]  # the warning is below --fail-on error: not a failure
    assert "DU901" in (alpha.findtext("system-out") or "") and "below the gate level" in (alpha.findtext("system-out") or "")
    assert not cases["news/clean.txt"].findall("failure")
    assert suite.get("tests") == "3" and suite.get("failures") == "2" and suite.get("errors") == "0"
    assert tree.get("failures") == "2"


def test_junit_fail_on_warning_and_baseline(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    run.config = run.config.model_copy(update={"fail_on": "warning"})
    alpha = run.files[0].report
    baseline = Baseline(findings={"news/alpha.txt": [BaselineEntry(rule="DT901", hash=finding_hash(alpha.findings[0]), whole_file=True)]})
    tree = ET.fromstring(render("junit", view_of(run, root, baseline=baseline)))
    failures = [(c.get("name"), f.get("type")) for c in tree.iter("testcase") for f in c.findall("failure")]
    assert failures == [("news/alpha.txt", "DU901")]  # DT901 is in the baseline; the info finding is below warning
    out = next(c for c in tree.iter("testcase") if c.get("name") == "news/alpha.txt").findtext("system-out") or ""
    assert "DT901" in out and "in baseline" in out


def test_junit_survives_control_characters_and_reports_unreadable_files(tmp_path: Path) -> None:
    run = make_run(tmp_path, {"x.txt": ("A\x01B said so.\n", [("DU901", "A\x01B", Severity.ERROR, "bad \x0b char")])})
    broken = FileReport(tool=TOOL, file=FileInfo(path=str(tmp_path / "bin.txt")))
    broken.errors.append(FileError(kind="binary", message="looks like a binary file", stage="read"))
    run.files.append(FileResult(Target(str(tmp_path / "bin.txt"), str(tmp_path / "bin.txt"), "bin.txt"), broken))
    tree = ET.fromstring(render("junit", view_of(run, tmp_path)))
    suite = tree.find("testsuite")
    assert suite is not None and suite.get("failures") == "1" and suite.get("errors") == "1"
    error = next(c for c in tree.iter("testcase") if c.get("name") == "bin.txt").find("error")
    assert error is not None and error.get("type") == "binary"


# --- GitHub annotations -----------------------------------------------------------------------
def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_annotations(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    lines = render("github", view_of(run, root)).splitlines()
    assert lines[0] == "::error file=news/alpha.txt,line=1,title=DT901 test-whole-file::no publication date, 100%25 sure"
    col = ALPHA.split("\n")[3].index("officials said") + 1
    assert lines[1] == (
        f"::warning file=news/alpha.txt,line=4,col={col},endLine=4,endColumn={col + 14},title=DU901 test-spanned::copied: see a,b"
    )
    assert lines[2].startswith("::notice file=news/beta gamma.txt,line=1,col=14,")
    assert lines[2].endswith("::note%0Asecond line")
    assert len(lines) == 3


def test_github_annotations_skip_baselined_and_report_gone_entries(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    alpha = run.files[0].report
    baseline = Baseline(
        findings={
            "news/alpha.txt": [BaselineEntry(rule="DT901", hash=finding_hash(alpha.findings[0]), whole_file=True)],
            "news/deleted.txt": [BaselineEntry(rule="DU901", hash="abc", message="old, finding")],
        }
    )
    text = render("github", view_of(run, root, baseline=baseline))
    assert "DT901" not in text
    assert "::notice file=news/deleted.txt,title=provcheck baseline::baseline entry no longer occurs (the file is gone)" in text


# --- gate and JSON ----------------------------------------------------------------------------
def test_parse_min_scores() -> None:
    assert parse_min_scores(["70"]) == {"overall": 70}
    assert parse_min_scores(["translation=60", "dates=50,overall=40"]) == {"translation": 60, "dates": 50, "overall": 40}
    assert parse_min_scores([], overall_default=55) == {"overall": 55}
    for bad in (["101"], ["translation=x"], ["spelling=50"], ["-1"]):
        with pytest.raises(ValueError):
            parse_min_scores(bad)


def test_gate_policy(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    gate = view_of(run, root).gate
    assert gate.failed and gate.reasons == ["1 findings at or above error in 1 files"]
    run.config = run.config.model_copy(update={"fail_on": "never"})
    assert not view_of(run, root).gate.failed
    gate = view_of(run, root, min_scores={"dates": 80}).gate
    assert gate.failed and list(gate.low_scores) == [run.files[0].report.file.path]
    assert gate.low_scores[run.files[0].report.file.path] == ["dates score 75 < 80"]
    # With the DT901 finding accepted by a baseline, its cost no longer counts against the floor.
    alpha = run.files[0].report
    baseline = Baseline(findings={"news/alpha.txt": [BaselineEntry(rule="DT901", hash=finding_hash(alpha.findings[0]), whole_file=True)]})
    assert not view_of(run, root, min_scores={"dates": 80}, baseline=baseline).gate.failed


def test_json_format_carries_the_gate_and_baseline(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    baseline = Baseline(findings={"news/alpha.txt": [BaselineEntry(rule="DT901", hash="nope", message="gone one")]})
    data = json.loads(render("json", view_of(run, root, baseline=baseline)))
    assert {"summary", "reports", "gate", "baseline"} <= set(data)
    assert data["gate"]["passed"] is False
    assert [f["rule"] for f in data["gate"]["failing"]] == ["DT901"]
    assert data["baseline"]["known"] == 0 and [a["message"] for a in data["baseline"]["absent"]] == ["gone one"]
    assert len(data["baseline"]["new"]) == 3


def test_every_format_renders(sample: tuple[RunResult, Path]) -> None:
    run, root = sample
    for name in FORMATS:
        assert render(name, view_of(run, root)).endswith("\n"), name
    with pytest.raises(ValueError):
        render("yaml", view_of(run, root))


# --- the command line -------------------------------------------------------------------------
def test_cli_formats_and_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "dated.txt").write_text("Date: 2024-02-02\n\nThe ferry service resumed on Friday, the operator said.\n")
    (folder / "undated.txt").write_text("The ferry service resumed on Friday, the operator said, after marker repairs.\n")
    common = ["check", "articles", "--no-reports", "--today", TODAY, "-j", "1"]
    assert main([*common, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=articles/undated.txt,line=1,title=DT901 test-whole-file::no date in 12 words",
        "::warning file=articles/undated.txt,line=1,col=63,endLine=1,endColumn=69,title=DU901 test-spanned::marker word",
    ]
    out = tmp_path / "out" / "r.xml"
    assert main([*common, "--format", "junit", "--output", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "gate failed: 1 findings at or above error in 1 files" in captured.err
    assert ET.parse(out).getroot().get("failures") == "1"
    assert main([*common, "--fail-on", "never", "--format", "sarif"]) == 0
    _check_github_requirements(json.loads(capsys.readouterr().out))
    assert main([*common, "--fail-on", "never", "--min-score", "dates=80"]) == 1
    assert main([*common, "--fail-on", "never", "--min-score", "70"]) == 0
    assert main([*common, "--fail-on", "warning", "--select", "DU"]) == 1
    assert main([*common, "--fail-on", "error", "--select", "DU"]) == 0
    capsys.readouterr()
    assert main([*common, "--min-score", "dates=eighty"]) == 2
    assert "whole number" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*common, "--format", "yaml"])
    assert exc.value.code == 2


def test_a_crashing_rule_is_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Crashing(Spanned):
        def check(self, article: Article) -> Iterator[Hit]:
            raise RuntimeError("lexicon missing")

    monkeypatch.setattr(registry, "load", lambda: registry.Registry(rules=(WholeFile, Crashing), analyzers=()))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Date: 2024-02-02\n\nAll quiet.\n")
    assert main(["check", "a.txt", "--no-reports", "-j", "1", "--format", "sarif"]) == 2
    captured = capsys.readouterr()
    assert "internal error in a.txt: rule:DU901: RuntimeError: lexicon missing" in captured.err
    invocation = json.loads(captured.out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
