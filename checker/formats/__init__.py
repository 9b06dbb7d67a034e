"""Run-level output formats (``provcheck check --format NAME``), one module each, all drawn from
the same :class:`~checker.formats.base.RunView`: text, json, markdown, sarif, junit, github."""

from __future__ import annotations

from collections.abc import Callable

from checker.formats import github, jsonrun, junit, markdown, sarif, text
from checker.formats.base import GateResult, RunView, evaluate_gate, parse_min_scores

Renderer = Callable[[RunView], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": jsonrun.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}


def render(name: str, view: RunView) -> str:
    try:
        renderer = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}") from None
    return renderer(view)


__all__ = ["FORMATS", "GateResult", "RunView", "evaluate_gate", "parse_min_scores", "render"]
