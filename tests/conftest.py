"""Shared fixtures. Tests that need the labelled corpora in ../shared/corpora skip when it is absent."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = Path(os.environ.get("PROVCHECK_CORPORA", ROOT.parent / "shared" / "corpora"))


@dataclass
class Result:
    """What a command-line run in this process gave."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the command line in this process (one worker), from ``cwd``."""

    def call(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        extra = ["--jobs", "1"] if args[0] == "check" or args[:2] == ("index", "add") else []
        code = main([*args, *extra])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return call


@pytest.fixture
def corpora() -> Path:
    """The folder of labelled corpora, or skip."""
    if not CORPORA.is_dir():
        pytest.skip(f"labelled corpora not found at {CORPORA}")
    return CORPORA


@pytest.fixture
def seeds() -> Path:
    return SEEDS
