"""The provenance family's data files (``rules/data/outlets.tsv`` and ``rules/data/provenance/``),
read once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from checker.lexicon import load_sections


def _read(name: str) -> str:
    return resources.files("rules").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


def sections(name: str = "provenance/lexicon.txt") -> dict[str, tuple[str, ...]]:
    """A sectioned list file under ``rules/data`` (format: :mod:`checker.lexicon`)."""
    return load_sections("rules", f"data/{name}")


@cache
def words(section: str) -> frozenset[str]:
    """A lexicon section as lower-cased entries."""
    return frozenset(e.lower() for e in sections().get(section, ()))


def alternation(section: str, case_sensitive: bool = False) -> str:
    """A regex alternation of a section's entries, longest first, white space flexible."""
    entries = sections().get(section, ())
    items = sorted({e if case_sensitive else e.lower() for e in entries}, key=lambda e: (-len(e), e))
    return "|".join(r"\s+".join(re.escape(part) for part in e.split()) for e in items)


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    literal: str  # the plain text every match starts with ("" when the pattern starts with a group)


_LITERAL = re.compile(r"(?:\\b)?([a-z0-9' ]+)")


def _literal_prefix(pattern: str) -> str:
    m = _LITERAL.match(pattern)
    if m is None:
        return ""
    lit = m.group(1)
    nxt = pattern[m.end() : m.end() + 1]
    if nxt in {"?", "*", "{"}:  # the last character is optional
        lit = lit[:-1]
    return lit.strip() if nxt in {"?", "*", "{"} else lit


@cache
def boilerplate_lines() -> re.Pattern[str]:
    """The ``line`` patterns of ``boilerplate.txt`` as one regex, tried in their order: group
    ``_<i>`` matched for the i-th pattern (the first one that matches the whole line)."""
    alts = (f"(?P<_{i}>(?:{p.regex.pattern[:-2]})\\Z)" for i, p in enumerate(boilerplate().get("line", ())))
    return re.compile("|".join(alts))


@cache
def boilerplate() -> dict[str, tuple[Pattern, ...]]:
    """``rules/data/provenance/boilerplate.txt``: ``line`` and ``anywhere`` patterns."""
    out: dict[str, list[Pattern]] = {}
    for section, entries in sections("provenance/boilerplate.txt").items():
        for entry in entries:
            body, sep, label = entry.rpartition("=>")
            pattern, kind = (body.strip(), label.strip()) if sep else (entry, "boilerplate")
            regex = re.compile(rf"(?:{pattern})\Z" if section == "line" else pattern)
            out.setdefault(section, []).append(Pattern(kind, regex, _literal_prefix(pattern)))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class OutletEntry:
    name: str
    kind: str  # wire, outlet, photo
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@cache
def outlets() -> tuple[OutletEntry, ...]:
    """``rules/data/outlets.tsv``."""
    out: list[OutletEntry] = []
    for lineno, raw in enumerate(_read("outlets.tsv").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        cols += [""] * (4 - len(cols))
        name, kind, aliases, domains = cols[:4]
        if kind not in {"wire", "outlet", "photo"}:
            raise ValueError(f"rules/data/outlets.tsv line {lineno}: kind must be wire, outlet or photo, not {kind!r}")
        out.append(
            OutletEntry(
                name,
                kind,
                tuple(a.strip() for a in aliases.split("|") if a.strip()),
                tuple(d.strip().lower() for d in domains.split("|") if d.strip()),
            )
        )
    return tuple(out)
