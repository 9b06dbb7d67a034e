"""The article text cut into segments, each with the marks (findings, layers) that cover it.

Marks may overlap and nest (a finding inside an attributed sentence inside a date mention...). The
text is cut at every mark boundary (one sort of the boundaries), and each piece carries the marks
that cover it, so the page can be written as a flat run of ``<span>`` elements whatever the nesting:
O((n + m) log m) for n characters and m marks. Only the first :data:`MAX_IDS` findings covering a
piece are named on it (a pathological pile of findings over one passage keeps the page linear).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

MAX_IDS = 3


class Mark(NamedTuple):
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
    A finding's start also gets an empty segment of its own, where the page puts its marker.

    What covers a piece is kept as it changes, and each of its three parts (classes, findings,
    tooltips) is rebuilt only when a mark of its kind starts or ends: pieces between the same
    marks share one list."""
    kept = [m for m in marks if max(0, m.start) < min(length, m.end)]
    events = sorted([(max(0, m.start) * 2 + 1, i) for i, m in enumerate(kept)] + [(min(length, m.end) * 2, i) for i, m in enumerate(kept)])
    out: list[Segment] = []
    css: dict[str, int] = {}  # classes of the covering marks, how many of each (few: families and layers)
    found: dict[int, int] = {}  # covering findings, earliest-starting first: mark index -> finding number
    titled: dict[int, str] = {}  # covering layer marks with a tooltip
    classes: list[str] = []
    first_found: list[int] = []
    first_titles: list[str] = []
    pos = k = 0
    n = len(events)
    while k < n:
        at = events[k][0] >> 1
        if at > pos:
            out.append(Segment(pos, at, classes, first_found, first_titles))
            pos = at
        starting: list[int] = []
        css_changed = found_changed = titles_changed = False
        while k < n and events[k][0] >> 1 == at:
            key, i = events[k]
            m = kept[i]
            if key & 1:
                was = css.get(m.css, 0)
                css[m.css] = was + 1
                css_changed |= was == 0
                if m.kind == "finding":
                    found[i] = m.ref
                    starting.append(m.ref)
                    found_changed = True
                elif m.title:
                    titled[i] = m.title
                    titles_changed = True
            else:
                left = css[m.css] - 1
                if left:
                    css[m.css] = left
                else:  # only the covering classes stay in the dict
                    del css[m.css]
                    css_changed = True
                found_changed |= found.pop(i, None) is not None
                titles_changed |= titled.pop(i, None) is not None
            k += 1
        if css_changed:
            classes = sorted(css)
        if found_changed:
            first_found = list(islice(found.values(), MAX_IDS))
        if titles_changed:
            first_titles = list(islice(titled.values(), MAX_IDS))
        if starting:
            out.append(Segment(at, at, starts=starting))
    if pos < length:
        out.append(Segment(pos, length, classes, first_found, first_titles))
    return out
