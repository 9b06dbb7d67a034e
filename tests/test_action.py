"""The GitHub Action (``action.yml``): its shell steps, run locally with bash against a throw-away git
repository, the way the runner would run them (inputs and expressions filled in, ``GITHUB_OUTPUT``
a file). The ``uses:`` steps (setup-python, the SARIF upload) and the pip install need GitHub or the
network and are not run here; provcheck is already installed in this environment."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_ci_e2e import CLEAN_TEXT, GARBLED_TEXT, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {s["id"]: s for s in ACTION["runs"]["steps"] if "id" in s}
EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _evaluate(text: str, inputs: dict[str, str], context: dict[str, str]) -> str:
    def value(m: re.Match[str]) -> str:
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        return context.get(expr, "")  # an unset github.* value is empty on the runner too

    return EXPR.sub(value, text)


def run_action(repo: Path, given: dict[str, str], pr_base: str = "") -> tuple[int, dict[str, str], str]:
    """Run the action's check and gate steps in ``repo``: (the gate step's exit code, the outputs, the log)."""
    unknown = set(given) - set(ACTION["inputs"])
    assert not unknown, unknown
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | given
    outputs_file = repo.parent / "github_output"
    outputs_file.write_text("")
    context = {"github.event.pull_request.base.sha": pr_base}
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs_file),
        "GITHUB_ACTION_PATH": str(ROOT),
    }
    log = ""
    outputs: dict[str, str] = {}
    for step_id in ("check", "gate"):
        step = STEPS[step_id]
        assert step["shell"] == "bash"
        context.update({f"steps.check.outputs.{k}": v for k, v in outputs.items()})
        step_env = {k: _evaluate(str(v), inputs, context) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", _evaluate(step["run"], inputs, context)],
            cwd=repo,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        log += proc.stdout + proc.stderr
        outputs = dict(line.split("=", 1) for line in outputs_file.read_text().splitlines() if "=" in line)
    return proc.returncode, outputs, log


def corpus(tmp_path: Path) -> tuple[Path, str]:
    """A corpus repository whose last commit adds a garbled article: (the repository, the base commit)."""
    repo = tmp_path / "corpus"
    (repo / "articles").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "articles" / "ferry.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.provcheck]\npaths = ["articles/"]\ntoday = 2026-11-22\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "articles" / "water.txt").write_text(GARBLED_TEXT, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a garbled article")
    return repo, base


def test_every_input_reaches_the_check_step() -> None:
    used = " ".join(str(v) for v in STEPS["check"]["env"].values())
    assert {name for name in ACTION["inputs"] if name != "python-version"} <= set(re.findall(r"inputs\.([\w-]+)", used))
    assert "inputs.python-version" in json.dumps(ACTION["runs"]["steps"][0])
    assert '"$GITHUB_ACTION_PATH"' in STEPS["install"]["run"]  # installs provcheck at the action's ref


def test_on_a_pull_request_it_checks_the_change_and_uploads_sarif(tmp_path: Path) -> None:
    repo, base = corpus(tmp_path)
    code, outputs, log = run_action(repo, {"upload-sarif": "true"}, pr_base=base)
    assert code == 1, log  # the gate step fails the job: the garbled article has error findings
    assert outputs["exit-code"] == "1" and outputs["sarif-file"] == "provcheck.sarif"
    sarif: dict[str, Any] = json.loads((repo / "provcheck.sarif").read_text(encoding="utf-8"))
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert files == {"articles/water.txt"}  # only what the pull request added
    assert f"--since {base}" in log


def test_on_a_push_it_checks_the_configured_paths_with_annotations(tmp_path: Path) -> None:
    repo, _ = corpus(tmp_path)
    code, outputs, log = run_action(repo, {"fail-on": "never"})
    assert code == 0 and outputs["exit-code"] == "0", log
    assert "--since" not in log  # not a pull request: the whole corpus
    assert "::error file=articles/water.txt" in log and "articles/ferry.txt" not in log.split("::endgroup::")[0].split("\n", 1)[1]


def test_paths_extra_args_and_a_bad_input(tmp_path: Path) -> None:
    repo, _ = corpus(tmp_path)
    code, outputs, log = run_action(repo, {"paths": "articles/ferry.txt", "since": "", "args": "--select DT --jobs 1", "format": "json"})
    assert code == 0, log
    report = json.loads(log[log.index("{") : log.rindex("}") + 1])
    assert [r["file"]["path"] for r in report["reports"]] == ["articles/ferry.txt"]
    assert {f["rule"][:2] for r in report["reports"] for f in r["findings"]} <= {"DT"}
    code, outputs, log = run_action(repo, {"fail-on": "sometimes"})
    assert code == 2 and outputs["exit-code"] == "2", log  # a usage error fails the job as such
