"""Shared fixtures. Tests that need the labelled corpora in ../shared/corpora skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = Path(os.environ.get("PROVCHECK_CORPORA", ROOT.parent / "shared" / "corpora"))


@pytest.fixture
def corpora() -> Path:
    """The folder of labelled corpora, or skip."""
    if not CORPORA.is_dir():
        pytest.skip(f"labelled corpora not found at {CORPORA}")
    return CORPORA


@pytest.fixture
def seeds() -> Path:
    return SEEDS
