"""The article text cut into segments, each with the marks (findings, layers) that cover it.

Marks may overlap and nest (a finding inside an attributed sentence inside a date mention...). The
text is cut at every mark boundary (one sort of the boundaries), and each piece carries the marks
that cover it, so the page can be written as a flat run of ``<span>`` elements whatever the nesting:
O((n + m) log m) for n characters and m marks. Only the first :data:`MAX_IDS` findings covering a
piece are named on it (a pathological pile of findings over one passage keeps the page linear).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

MAX_IDS = 3


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "finding" or a layer name ("attribution", "source", "cue", "date")
    css: str  # classes the covered text takes
    ref: int = -1  # a finding's number on the page (-1 for layer marks)
    title: str = ""  # tooltip (a resolved date, a sentence label)


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    css: list[str] = field(default_factory=list)
    findings: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # findings whose span starts here (their marker goes first)


def segments(length: int, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``[0, length)`` at every boundary of ``marks`` (clipped to the text; empty marks dropped).
    A finding's start also gets an empty segment of its own, where the page puts its marker."""
    kept = [Mark(max(0, m.start), min(length, m.end), m.kind, m.css, m.ref, m.title) for m in marks]
    kept = [m for m in kept if m.start < m.end]
    events = sorted([(m.start, 1, i) for i, m in enumerate(kept)] + [(m.end, 0, i) for i, m in enumerate(kept)])
    out: list[Segment] = []
    css: Counter[str] = Counter()  # classes of the covering marks (few distinct: families and layers)
    found: dict[int, int] = {}  # covering findings, earliest-starting first: mark index -> finding number
    titled: dict[int, str] = {}  # covering layer marks with a tooltip
    pos = k = 0
    last: tuple[list[str], list[int], list[str]] | None = None  # the covering marks, while none starts or ends
    while k < len(events):
        at = events[k][0]
        if at > pos:
            if last is None:
                last = _covering(css, found, titled)
            out.append(Segment(pos, at, *last))
            pos = at
        last = None
        starting: list[int] = []
        while k < len(events) and events[k][0] == at:
            _, is_start, i = events[k]
            m = kept[i]
            if is_start:
                css[m.css] += 1
                if m.kind == "finding":
                    found[i] = m.ref
                    starting.append(m.ref)
                elif m.title:
                    titled[i] = m.title
            else:
                css[m.css] -= 1
                found.pop(i, None)
                titled.pop(i, None)
            k += 1
        if starting:
            out.append(Segment(at, at, starts=starting))
    if pos < length:
        out.append(Segment(pos, length, *_covering(css, found, titled)))
    return out


def _covering(css: Counter[str], found: dict[int, int], titled: dict[int, str]) -> tuple[list[str], list[int], list[str]]:
    """The classes, the first findings and the first tooltips of the marks covering a segment."""
    return sorted(c for c, n in css.items() if n > 0), list(islice(found.values(), MAX_IDS)), list(islice(titled.values(), MAX_IDS))
