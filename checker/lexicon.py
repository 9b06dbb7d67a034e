"""The one reader of the project's word-list data files (``checker/data``, ``rules/data``).

Format: UTF-8 text, one entry a line, ``#`` starts a comment line, blank lines are ignored, and a
``[name]`` line starts a section (a name starts with a letter and holds letters, digits, ``_``,
``-`` and ``.``, so an entry such as ``[...]`` stays an entry). Entries before the first section
belong to the section ``""``, present only when there are such entries.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_SECTION = re.compile(r"\[([A-Za-z][\w.\-]*)\]")


def parse_sections(text: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"": []}
    current = out[""]
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.fullmatch(line)
        if header:
            current = out.setdefault(header.group(1), [])
            continue
        current.append(line)
    return {name: tuple(entries) for name, entries in out.items() if name or entries}


@cache
def load_sections(package: str, path: str) -> dict[str, tuple[str, ...]]:
    """The sections of data file ``path`` (``/``-separated) inside ``package``, read once per process."""
    text = resources.files(package).joinpath(*path.split("/")).read_text(encoding="utf-8")
    return parse_sections(text)


def longest_first(entry: str | tuple[str, ...]) -> tuple[int, str | tuple[str, ...]]:
    """Sort key for the alternatives of a regex or a phrase list: longest first, then alphabetical,
    so the order never depends on a set's (per-process) iteration order."""
    return (-len(entry), entry)
