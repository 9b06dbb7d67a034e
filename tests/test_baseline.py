"""Baselines: accepted findings never fail the gate; moving text keeps them accepted; new ones and
vanished ones are reported."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import registry
from checker.article import Article
from checker.baseline import Baseline, BaselineError, build, compare, dumps, finding_hash, load
from checker.cli import main
from checker.config import Config
from checker.discover import discover
from checker.engine import RunResult, run
from checker.models import Family, Finding, Severity
from checker.rule import DocumentRule, Hit
from tests.test_formats import WholeFile

TODAY = "2026-11-22"
_MARK = re.compile(r"\bquasar(?:\s+\w+)?", re.IGNORECASE)


class MarkedPhrase(DocumentRule):
    id = "DU902"
    name = "test-marked-phrase"
    family = Family.DUPLICATION
    severity = Severity.ERROR
    summary = "A test rule: flags the word quasar and the word after it."
    rationale = "Gives these tests a span finding whose text they control."

    def check(self, article: Article) -> Iterator[Hit]:
        for m in _MARK.finditer(article.text):
            yield Hit("marked phrase", m.start(), m.end())


@pytest.fixture(autouse=True)
def test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "load", lambda: registry.Registry(rules=(MarkedPhrase, WholeFile), analyzers=()))


FIRST = "The observatory opened on Monday.\n\nAstronomers saw a quasar flare overnight, the team said.\n\nTickets cost five euros.\n"


def _run(root: Path) -> RunResult:
    targets = discover([str(root / "articles")], [], [".txt"])
    return run(targets, Config(), jobs=1)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(FIRST)
    (tmp_path / "articles" / "b.txt").write_text("Date: 2024-05-05\n\nNothing marked here at all.\n")
    return tmp_path


def _keys(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, finding_hash(f)) for f in findings]


def test_build_keys_by_repository_path_rule_and_text(corpus: Path) -> None:
    baseline = build(_run(corpus), corpus)
    assert list(baseline.findings) == ["articles/a.txt"]
    entries = baseline.findings["articles/a.txt"]
    assert sorted((e.rule, e.whole_file) for e in entries) == [("DT901", True), ("DU902", False)]
    spanned = next(e for e in entries if e.rule == "DU902")
    assert spanned.line == 3 and spanned.message == "marked phrase"
    again = dumps(build(_run(corpus), corpus))
    assert dumps(baseline) == again  # deterministic
    path = corpus / "bl.json"
    path.write_text(again)
    assert load(path) == baseline


def test_moving_and_rewrapping_text_keeps_findings_known(corpus: Path) -> None:
    baseline = build(_run(corpus), corpus)
    moved = "Tickets cost five euros.\n\nThe observatory opened on Monday.\nAstronomers saw a quasar\n   flare overnight,\nthe team said.\n"
    (corpus / "articles" / "a.txt").write_text(moved)
    result = _run(corpus)
    comparison = compare(baseline, result, corpus)
    report = result.files[0].report
    assert len(report.findings) == 2
    assert comparison.known[report.file.path] == frozenset({0, 1})  # the whole-file message changed its word count too
    assert comparison.absent == []


def test_edited_text_and_extra_copies_are_new(corpus: Path) -> None:
    baseline = build(_run(corpus), corpus)
    edited = FIRST.replace("quasar flare", "quasar burst") + "\nA second quasar flare was seen.\n"
    (corpus / "articles" / "a.txt").write_text(edited)
    result = _run(corpus)
    comparison = compare(baseline, result, corpus)
    report = result.files[0].report
    new = comparison.new_findings(report.file.path, report.findings)
    assert sorted(f.excerpt for f in new if f.rule == "DU902") == ["quasar burst"]
    # "quasar flare" occurs once again: it takes the accepted entry; the edited one is new.
    assert [f.excerpt for f in new] == ["quasar burst"]
    assert comparison.absent == []
    third = edited + "\nThen a quasar flare, again.\n"
    (corpus / "articles" / "a.txt").write_text(third)
    result = _run(corpus)
    report = result.files[0].report
    new = compare(baseline, result, corpus).new_findings(report.file.path, report.findings)
    assert sorted(f.excerpt for f in new) == ["quasar burst", "quasar flare"]  # a second copy of a known one is new


def test_fixed_findings_and_deleted_files_are_listed_as_absent(corpus: Path) -> None:
    baseline = build(_run(corpus), corpus)
    (corpus / "articles" / "a.txt").write_text("Date: 2024-05-06\n\n" + FIRST.replace("quasar", "comet"))
    comparison = compare(baseline, _run(corpus), corpus)
    assert sorted(a.entry.rule for a in comparison.absent) == ["DT901", "DU902"]
    assert not any(a.file_gone for a in comparison.absent)
    # A file that is not part of this run but still exists is not reported; a deleted one is.
    baseline.findings["articles/elsewhere.txt"] = baseline.findings["articles/a.txt"]
    (corpus / "other.txt").write_text("x")
    baseline.findings["other.txt"] = baseline.findings["articles/a.txt"]
    comparison = compare(baseline, _run(corpus), corpus)
    gone = {a.path for a in comparison.absent if a.file_gone}
    assert gone == {"articles/elsewhere.txt"}


def test_load_rejects_bad_files(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not found"):
        load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(BaselineError, match="not valid JSON"):
        load(bad)
    bad.write_text(json.dumps({"version": 99, "findings": {}}))
    with pytest.raises(BaselineError, match="version 99"):
        load(bad)
    bad.write_text(json.dumps({"version": 1, "findings": {"a.txt": [{"rule": "X"}]}}))
    with pytest.raises(BaselineError, match="malformed"):
        load(bad)
    assert Baseline().size() == 0


def test_cli_baseline_then_check(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bl = corpus / "ci" / "baseline.json"
    assert main(["baseline", "articles", "-o", str(bl), "-j", "1", "--today", TODAY]) == 0
    assert "2 findings in 1 of 2 files" in capsys.readouterr().err
    check = ["check", "articles", "--no-reports", "-j", "1", "--today", TODAY, "--baseline", str(bl)]
    assert main(check) == 0  # everything is accepted
    assert main([*check[:-2]]) == 1  # without the baseline the same findings fail
    capsys.readouterr()
    (corpus / "articles" / "b.txt").write_text("Date: 2024-05-05\n\nA quasar appeared.\n")
    (corpus / "articles" / "a.txt").write_text(FIRST.replace("quasar", "pulsar"))
    assert main(check) == 1
    out = capsys.readouterr()
    assert "articles/b.txt:3:3: DU902 [error] marked phrase  FAIL" in out.out
    assert "1 baseline entries no longer occur" in out.out and "articles/a.txt: DU902 marked phrase" in out.out
    assert "1 new findings at or above error" in out.err
    assert main([*check, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(n["path"], n["rule"]) for n in data["baseline"]["new"]] == [("articles/b.txt", "DU902")]
    assert main([*check[:-1], str(corpus / "nope.json")]) == 2
    assert "baseline file not found" in capsys.readouterr().err
