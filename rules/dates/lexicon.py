"""The word lists of the dates family, read once from ``rules/data/dates_lexicon.txt``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from checker.lexicon import longest_first, parse_sections

LEXICON_FILE = "dates_lexicon.txt"


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # every form (lower case, no period) -> month number
    month_full: tuple[str, ...]  # full names, capitalised
    month_abbr: tuple[str, ...]  # abbreviations, capitalised
    weekdays: dict[str, int]  # every form (lower case) -> weekday (Monday = 0)
    weekday_full: tuple[str, ...]
    weekday_abbr: tuple[str, ...]
    weekday_not_after: frozenset[tuple[str, ...]]
    weekday_not_before: frozenset[tuple[str, ...]]
    event_nouns: frozenset[tuple[str, ...]]
    future_cues: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases starting with it
    past_cues: frozenset[str]
    not_past: frozenset[str]
    passive_aux: frozenset[str]
    not_after_to: frozenset[str]
    limit_words: frozenset[tuple[str, ...]]
    numbers: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    caption_cues: tuple[str, ...]
    grammar: dict[str, tuple[str, ...]]  # the grammar's word slots ([grammar.<slot>] sections)


def _sections(text: str) -> dict[str, list[str]]:
    out = {k: list(v) for k, v in parse_sections(text).items()}
    if out.pop("", []):
        raise ValueError(f"{LEXICON_FILE}: entries before any section")
    return out


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{LEXICON_FILE}: expected 'key = value', got {line!r}")
        out.append((key.strip(), value.strip()))
    return out


def _phrases(lines: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.lower().split()) for line in lines)


def _names(lines: list[str]) -> tuple[dict[str, int], tuple[str, ...], tuple[str, ...]]:
    forms: dict[str, int] = {}
    full: list[str] = []
    abbr: list[str] = []
    for key, value in _pairs(lines):
        names = [n.strip() for n in value.split("|") if n.strip()]
        full.append(names[0])
        abbr.extend(names[1:])
        for name in names:
            forms[name.lower()] = int(key)
    return forms, tuple(full), tuple(abbr)


@cache
def lexicon() -> Lexicon:
    text = resources.files("rules").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    s = _sections(text)
    months, month_full, month_abbr = _names(s["months"])
    weekdays, weekday_full, weekday_abbr = _names(s["weekdays"])
    future: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _phrases(s["future_cues"]):
        future.setdefault(phrase[0], []).append(phrase)
    seasons: dict[str, tuple[int, int]] = {}
    for key, value in _pairs(s["seasons"]):
        first, _, last = value.partition("-")
        seasons[key.lower()] = (int(first), int(last))
    return Lexicon(
        months=months,
        month_full=month_full,
        month_abbr=month_abbr,
        weekdays=weekdays,
        weekday_full=weekday_full,
        weekday_abbr=weekday_abbr,
        weekday_not_after=frozenset(_phrases(s["weekday_not_after"])),
        weekday_not_before=frozenset(_phrases(s["weekday_not_before"])),
        event_nouns=frozenset(_phrases(s["event_nouns"])),
        future_cues={k: tuple(sorted(v, key=longest_first)) for k, v in future.items()},
        past_cues=frozenset(w.lower() for w in s["past_cues"]),
        not_past=frozenset(w.lower() for w in s["not_past"]),
        not_after_to=frozenset(w.lower() for w in s["not_after_to"]),
        passive_aux=frozenset(w.lower().replace("\u2019", "'") for w in s["passive_aux"]),
        limit_words=frozenset(_phrases(s["limit_words"])),
        numbers={k.lower(): int(v) for k, v in _pairs(s["numbers"])},
        seasons=seasons,
        caption_cues=tuple(c.lower() for c in s["caption_cues"]),
        grammar={k.removeprefix("grammar."): tuple(w.lower() for w in v) for k, v in s.items() if k.startswith("grammar.")},
    )
