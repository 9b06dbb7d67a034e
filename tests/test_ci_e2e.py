"""The CI gate end to end, on a throw-away git repository of articles.

The first commit holds the seed articles, an archive index of them, a baseline of their findings and
a ``provcheck.toml`` that makes a near-duplicate an error (a corpus does not take a second copy of
an article). The second commit adds (a) a near-copy of a seed, (b) a garbled, machine-translated
looking article, (c) a clean dated article, and edits a seed that already had findings (d).
``check --since HEAD~1 --baseline ...`` must fail on (a) and (b) only, and pass once they are gone.
Also: ``pre-commit try-repo`` runs the project's hook on a sample repository.
"""

from __future__ import annotations

import contextlib
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from tests.conftest import ROOT, SEEDS

TODAY = "2026-11-22"
NEAR, GARBLED, CLEAN, EDITED = "seeds/100_near_copy.txt", "seeds/101_garbled.txt", "seeds/102_clean.txt", "seeds/001_d711ba56f4b847ad.txt"
SOURCE_OF_NEAR = "003_e83cd346e07eb6a8.txt"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GARBLED_TEXT = (
    "Date: 2026-11-20\n"
    "\n"
    "The water company of the region announced that the reservoir was weeks later, a few weeks later, filled again "
    "after the drought of the summer, the summer of the drought.\n"
    "\n"
    "Director of the company Paolo Renzi told that the the pipes of the old network lose each day more than 30 "
    "Austria, more than 30 percent, of the water which enters them. The agency AQUAREG said it will present a plan "
    "of works. A speaker of Aquaveg said the plan is ready for the of winter.\n"
    "\n"
    "Farmers of the valley have protested because during the months of the drought they could not to irrigate the "
    "fields, the fields of maize. Renzi said the company will pay a compensation to the families, days later, a few "
    "days later, after the vote of the council.\n"
    "\n"
    "The works of the new network will cost around of 40 million of euros and will finish in the year 2028, "
    "according to the the company.\n"
)

CLEAN_TEXT = (
    "Date: 2026-11-19\n"
    "Title: Harbour ferry resumes after engine repairs\n"
    "Author: Maria Lindqvist\n"
    "\n"
    "PORT ELLEN, Nov. 19 (Coastal Wire) - The passenger ferry between Port Ellen and the island of Skarra resumed "
    "its regular timetable on Wednesday after three weeks of engine repairs, the operator said.\n"
    "\n"
    "Northline Ferries said in a statement that the vessel had passed its safety inspection on Tuesday and that the "
    "first crossing left on time at 7:15 a.m. with 84 passengers on board.\n"
    "\n"
    '"We are grateful to islanders for their patience while the engine was rebuilt," said Anna Berg, the company\'s '
    "operations director. She said the repairs cost about 410,000 euros and were covered by insurance.\n"
    "\n"
    "During the closure a chartered fishing boat carried food and mail to the island twice a week. The island "
    "council's chair, Tomas Reid, told reporters that two shops had run short of fresh produce but that no resident "
    "had been left without medicine.\n"
    "\n"
    "The operator said the winter timetable, with four crossings a day, will remain in place until March.\n"
)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return proc.stdout


def provcheck(repo: Path, *args: str, separate_process: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the command line in ``repo``: in this process (fast: the rules load once), or as a real
    ``python -m checker`` process."""
    if separate_process:
        return subprocess.run([sys.executable, "-m", "checker", *args], cwd=repo, capture_output=True, text=True, timeout=900)
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(repo)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def near_copy(text: str) -> str:
    """A re-dated copy of an article with one paragraph dropped and a few words changed."""
    paras = text.split("\n\n")
    del paras[len(paras) // 2]
    out = "\n\n".join(paras).replace(" said", " stated", 2)
    return out.replace("date 2025-02-06", "date 2025-02-07", 1)


def build_repo(root: Path, with_index: bool) -> Path:
    repo = root / "corpus"
    (repo / "seeds").mkdir(parents=True)
    git(repo, "init", "-q")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, repo / "seeds" / seed.name)
    (repo / "provcheck.toml").write_text('# A corpus takes no second copy of an article.\n[severity]\nDU004 = "error"\n')
    index_args = ["--index", "archive.sqlite"] if with_index else []
    if with_index:
        proc = provcheck(repo, "index", "add", "seeds", "--index", "archive.sqlite", "-q")
        assert proc.returncode == 0, proc.stderr
    proc = provcheck(repo, "baseline", "seeds", "-o", "provcheck-baseline.json", "--today", TODAY, *index_args)
    assert proc.returncode == 0, proc.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "seeds, index and baseline")
    (repo / NEAR).write_text(near_copy((repo / "seeds" / SOURCE_OF_NEAR).read_text(encoding="utf-8")), encoding="utf-8")
    (repo / GARBLED).write_text(GARBLED_TEXT, encoding="utf-8")
    (repo / CLEAN).write_text(CLEAN_TEXT, encoding="utf-8")
    with (repo / EDITED).open("a", encoding="utf-8") as fh:  # an edit that leaves the seed's old findings in place
        fh.write("\nBoth governments were asked to comment.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "three new articles and an edit")
    return repo


def gate(repo: Path, *extra: str, separate_process: bool = False) -> tuple[int, dict[str, Any], str]:
    args = ("check", "seeds", "--since", "HEAD~1", "--today", TODAY, "--no-reports", "--format", "json", *extra)
    proc = provcheck(repo, *args, separate_process=separate_process)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def failing(data: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in data["gate"]["failing"]:
        out.setdefault(f["path"], set()).add(f["rule"])
    return out


def _scenario(repo: Path, extra: list[str]) -> None:
    code, data, err = gate(repo, "--baseline", "provcheck-baseline.json", *extra, separate_process=True)
    checked = {r["file"]["path"] for r in data["reports"]}
    assert checked == {NEAR, GARBLED, CLEAN, EDITED}, err  # only what the last commit added or modified
    assert code == 1
    bad = failing(data)
    assert set(bad) == {NEAR, GARBLED}, bad  # exactly (a) and (b)
    assert "DU004" in bad[NEAR]  # caught as a near-copy of the seed it came from
    assert "MT000" in bad[GARBLED]  # caught for its garbling (it has a date)
    near = next(r for r in data["reports"] if r["file"]["path"] == NEAR)
    assert any(SOURCE_OF_NEAR in f["message"] for f in near["findings"] if f["rule"] == "DU004")
    edited = next(r for r in data["reports"] if r["file"]["path"] == EDITED)
    assert any(f["severity"] == "error" for f in edited["findings"])  # old findings, accepted by the baseline
    # Without the baseline the edited seed's old findings fail the gate too.
    code, data, _ = gate(repo, *extra)
    assert code == 1 and set(failing(data)) == {NEAR, GARBLED, EDITED}
    # With (a) and (b) removed the change passes.
    (repo / NEAR).unlink()
    (repo / GARBLED).unlink()
    code, data, err = gate(repo, "--baseline", "provcheck-baseline.json", *extra)
    assert code == 0, (failing(data), err)
    assert {r["file"]["path"] for r in data["reports"]} == {CLEAN, EDITED}


def test_since_with_index_and_baseline_fails_exactly_on_the_new_problems(tmp_path: Path) -> None:
    _scenario(build_repo(tmp_path, with_index=True), ["--index", "archive.sqlite"])


def test_since_without_index_fingerprints_the_unchanged_files(tmp_path: Path) -> None:
    repo = build_repo(tmp_path, with_index=False)
    _, _, err = gate(repo)
    assert "4 changed files checked, 4 unchanged (4 fingerprinted for comparison)" in err
    _scenario(repo, [])


def test_since_selection_and_errors(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "a").mkdir(parents=True)
    git(repo, "init", "-q")
    for name in ("one", "two", "three"):
        (repo / "a" / f"{name}.txt").write_text(f"Date: 2024-01-0{len(name)}\n\nThe {name} article.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "mv", "a/one.txt", "a/renamed.txt")
    (repo / "a" / "two.txt").write_text("Date: 2024-01-03\n\nThe two article, edited.\n")
    (repo / "a" / "three.txt").unlink()
    (repo / "a" / "untracked.txt").write_text("Date: 2024-01-04\n\nNot yet added.\n")
    (repo / "notes.txt").write_text("Outside the checked folder.\n")
    proc = provcheck(repo, "check", "a", "--since", "HEAD", "--no-reports", "--format", "json", "--today", TODAY, "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    checked = sorted(r["file"]["path"] for r in json.loads(proc.stdout)["reports"])
    assert checked == ["a/renamed.txt", "a/two.txt", "a/untracked.txt"]  # renamed = added; deleted and outside PATHS skipped
    proc = provcheck(repo, "check", "a", "--since", "no-such-ref", "--no-reports")
    assert proc.returncode == 2 and "unknown git revision" in proc.stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "x.txt").write_text("Date: 2024-01-01\n\nText.\n")
    proc = provcheck(outside, "check", "x.txt", "--since", "HEAD", "--no-reports")
    assert proc.returncode == 2 and "git repository" in proc.stderr


def _checked(repo: Path, *args: str, cwd: Path | None = None) -> list[str]:
    proc = provcheck(cwd or repo, "check", *args, "--today", TODAY, "--no-reports", "--format", "json", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    return sorted(r["file"]["path"] for r in json.loads(proc.stdout)["reports"])


def test_with_no_path_check_uses_the_configs_paths_or_the_changed_files_it_includes(tmp_path: Path) -> None:
    repo = tmp_path / "corpus"
    for folder in ("articles", "articles/drafts", "notes", "tools"):
        (repo / folder).mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "articles" / "old.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    for name in ("articles/new.txt", "articles/drafts/draft.txt", "notes/memo.txt", "notes/memo.md", "tools/README"):
        (repo / name).write_text("Date: 2024-01-02\n\nThe council met on Monday.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new files")

    # neither a path nor a `paths` key nor --since: a usage error that says what to pass
    proc = provcheck(repo, "check", "--no-reports")
    assert proc.returncode == 2 and "no paths to check" in proc.stderr and "paths = [" in proc.stderr

    # --since and no paths: the changed files anywhere that `include` matches (default *.txt, *.text), minus exclude
    assert _checked(repo, "--since", "HEAD~1") == ["articles/drafts/draft.txt", "articles/new.txt", "notes/memo.txt"]
    (repo / "provcheck.toml").write_text('include = ["*.txt", "*.md"]\nexclude = ["drafts"]\n', encoding="utf-8")
    assert _checked(repo, "--since", "HEAD~1") == ["articles/new.txt", "notes/memo.md", "notes/memo.txt"]

    # a `paths` key, relative to the config's folder: used from any folder of the repository
    (repo / "provcheck.toml").write_text('paths = ["articles/"]\nexclude = ["drafts"]\n', encoding="utf-8")
    assert _checked(repo, "--since", "HEAD~1") == ["articles/new.txt"]
    assert _checked(repo) == ["articles/new.txt", "articles/old.txt"]
    [found] = _checked(repo, "--since", "HEAD~1", cwd=repo / "notes")
    assert Path(found) == (repo / "articles" / "new.txt").resolve()
    assert _checked(repo, "notes/memo.txt") == ["notes/memo.txt"]  # the command line wins


def _du004(repo: Path, *args: str) -> dict[str, dict[str, Any]]:
    """path -> the DU004 finding of that file, from ``check`` with JSON output."""
    proc = provcheck(repo, "check", *args, "--today", TODAY, "--no-reports", "--format", "json", "--select", "DU")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    return {r["file"]["path"]: f for r in data["reports"] for f in r["findings"] if f["rule"] == "DU004"}


def test_a_new_copy_of_an_archived_article_is_the_copy_not_the_original(tmp_path: Path) -> None:
    repo = tmp_path / "corpus"
    (repo / "articles").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "articles" / "ferry.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (repo / "articles" / "water.txt").write_text(GARBLED_TEXT, encoding="utf-8")
    assert provcheck(repo, "index", "add", "articles", "--index", "archive.db", "-q").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "archive")
    # two words changed and one added: the newcomer is longer, and must still not become the original
    copy = CLEAN_TEXT.replace("three weeks", "four weeks").replace("84 passengers", "84 sleepy passengers").replace("Wednesday", "Thursday")
    (repo / "articles" / "new_copy.txt").write_text(copy, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a copy")

    found = _du004(repo, "articles", "--since", "HEAD~1", "--index", "archive.db")
    hit = found["articles/new_copy.txt"]
    assert hit["evidence"]["role"] == "copy" and hit["evidence"]["canonical"] == "articles/ferry.txt"
    assert hit["severity"] == "warning"  # DU004's configured severity, not the canonical member's info
    assert hit["evidence"]["canonical_reason"] == "in the archive before this run"
    assert "canonical articles/ferry.txt (in the archive before this run)" in hit["message"]

    # indexing the folder again (the copy is now archived too) flips nothing, with or without --since
    assert provcheck(repo, "index", "add", "articles", "--index", "archive.db", "-q").returncode == 0
    for args in (("articles", "--since", "HEAD~1"), ("articles",)):
        found = _du004(repo, *args, "--index", "archive.db")
        assert found["articles/new_copy.txt"]["evidence"]["role"] == "copy", args
        assert found["articles/new_copy.txt"]["evidence"]["canonical"] == "articles/ferry.txt", args
    assert found["articles/ferry.txt"]["evidence"]["role"] == "canonical"
    assert found["articles/ferry.txt"]["severity"] == "info"
    assert found["articles/ferry.txt"]["evidence"]["canonical_reason"] == "indexed before the other"


# --- pre-commit --------------------------------------------------------------------------------
def _snapshot_project(dest: Path) -> None:
    """The project's working tree (tracked and untracked, not ignored) as a one-commit repository:
    what `pre-commit try-repo` would install if this tree were pushed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8", "surrogateescape")
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file() and not rel.startswith(("reports/", "bench-out/")):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")


def unpackaged_data_files() -> list[str]:
    """Data files under checker/data and rules/data that pyproject.toml's package-data does not
    ship: a non-editable install (pre-commit's, pip's) would run without them."""
    setuptools_cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = setuptools_cfg.get("package-data", {})
    missing = []
    for package in ("checker", "rules"):
        base = ROOT / package
        shipped = {p for pattern in patterns.get(package, []) for p in glob.glob(pattern, root_dir=base, recursive=True)}
        for f in sorted((base / "data").rglob("*")):
            data_file = f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts
            if data_file and f.relative_to(base).as_posix() not in shipped:
                missing.append(f.relative_to(ROOT).as_posix())
    return missing


def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    missing = unpackaged_data_files()
    assert not missing, (
        f"pyproject.toml package-data does not ship {len(missing)} data files (e.g. {missing[0]}): "
        "the hook's non-editable install would run without them"
    )
    project = tmp_path / "project"
    project.mkdir()
    _snapshot_project(project)
    sample = tmp_path / "sample"
    sample.mkdir()
    git(sample, "init", "-q")
    (sample / "good.txt").write_text(CLEAN_TEXT)
    (sample / "bad.txt").write_text(GARBLED_TEXT)
    (sample / "README.rst").write_text("Not an article: the hook's file pattern skips it.\n")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "sample")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "COLUMNS": "200"}
    proc = subprocess.run(
        [pre_commit, "try-repo", str(project), "provcheck", "--all-files", "--verbose"],
        cwd=sample,
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out  # the hook ran and failed the commit on the garbled article
    assert "provcheck" in out and "Failed" in out
    assert "bad.txt" in out and "MT0" in out
    assert "good.txt" in out and "README.rst" not in out
    assert "internal" not in out, out  # every rule ran in the installed (non-editable) package
