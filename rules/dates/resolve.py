"""Normalisation: the declared (header) date, and every date expression resolved to a calendar date or
range relative to an anchor date (the publication date).

Resolution policy (documented in the rules reference):

* a weekday in a past-tense clause ("said Thursday") is the most recent such day on or before the
  anchor; in a future or scheduled clause ("will meet on Saturday", "set for Saturday") the next one
  on or after the anchor; with no tense cue it is taken as past (news reports what happened);
  "last Friday" is the one strictly before, "next Friday" the one strictly after;
* "last/this/next week|month|year|weekend|<season>" are calendar periods (weeks run Monday to
  Sunday), "earlier/later this ..." cut the period at the anchor, "early/mid/late ..." are its
  thirds, "the end/start of ..." its last/first month (year), week (month) or two days (week);
* a month or a month-day without a year ("in March", "Sept. 11") is the most recent one on or
  before the anchor in a past-tense clause, the next one in a future clause, the nearest otherwise
  (and the nearest after a limit word: "until Dec. 25").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from rules.dates.grammar import FUTURE, PAST, Mention
from rules.dates.lexicon import lexicon

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Resolution:
    first: date
    last: date
    basis: str

    @property
    def exact(self) -> bool:
        return self.first == self.last

    def as_dict(self) -> dict[str, str]:
        if self.exact:
            return {"value": self.first.isoformat(), "basis": self.basis}
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "basis": self.basis}


# --- the declared date ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Declared:
    raw: str
    value: date | None
    problem: str = ""  # malformed, impossible, incomplete
    detail: str = ""
    alternative: date | None = None  # the day-first reading of an all-numeric date that reads both ways


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_PARTIAL = re.compile(r"\d{4}(?:-\d{1,2})?")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})\b")
_DEFAULT_A = datetime(1, 1, 1)
_DEFAULT_B = datetime(2, 2, 2)


def parse_declared(raw: str) -> Declared:
    """Reads a header date value: ISO (with or without a time), YYYYMMDD, or any form
    python-dateutil reads ("5 November 2024", "Tue, 05 Nov 2024 10:00:00 GMT")."""
    value = raw.strip().strip("\"'")
    m = _ISO.fullmatch(value) or _COMPACT.fullmatch(value)
    if m:
        y, mo, d = (int(x) for x in m.groups()[:3])
        try:
            return Declared(raw, date(y, mo, d))
        except ValueError as exc:
            return Declared(raw, None, "impossible", f"{value!r} is not a calendar date ({exc})")
    if _PARTIAL.fullmatch(value):
        return Declared(raw, None, "incomplete", f"{value!r} gives no day")
    try:
        a = dateutil_parser.parse(value, default=_DEFAULT_A, ignoretz=True)
        b = dateutil_parser.parse(value, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError) as exc:
        text = str(exc)
        if "out of range" in text or "must be in" in text:
            return Declared(raw, None, "impossible", f"{value!r} is not a calendar date ({text})")
        return Declared(raw, None, "malformed", f"{value!r} is not a date")
    missing = [name for name, x, y in (("year", a.year, b.year), ("month", a.month, b.month), ("day", a.day, b.day)) if x != y]
    if missing:
        return Declared(raw, None, "incomplete", f"{value!r} gives no {' or '.join(missing)}")
    read = a.date()
    numeric = _NUMERIC.match(value)
    first, second = (int(numeric.group(1)), int(numeric.group(3))) if numeric else (0, 0)
    if first != second and max(first, second) <= 12:
        other = date(read.year, read.day, read.month)
        return Declared(raw, read, "", f"ambiguous: read month first as {read.isoformat()}; day first it is {other.isoformat()}", other)
    return Declared(raw, read)


# --- calendar helpers -----------------------------------------------------------------------------------
def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    d = date(year, month, 1) + relativedelta(months=delta)
    return d.year, d.month


def _part(first: date, last: date, part: str, anchor: date, unit: str) -> tuple[date, date]:
    """A part of the period [first, last]."""
    days = (last - first).days + 1
    if part == "earlier":
        return first, min(last, anchor) if first <= anchor else last
    if part == "later":
        return (max(first, anchor), last) if anchor <= last else (first, last)
    if part == "rest":
        return (max(first, anchor), last) if anchor <= last else (first, last)
    if part in ("early", "mid", "late"):
        if unit == "year":
            start_month = {"early": 1, "mid": 5, "late": 9}[part]
            return date(first.year, start_month, 1), month_range(first.year, start_month + 3)[1]
        third = days // 3
        if part == "early":
            return first, first + timedelta(days=third - 1)
        if part == "mid":
            return first + timedelta(days=third), first + timedelta(days=2 * third - 1)
        return first + timedelta(days=2 * third), last
    if part in ("first-half", "second-half"):
        half = days // 2
        return (first, first + timedelta(days=half - 1)) if part == "first-half" else (first + timedelta(days=half), last)
    if part in ("end", "start"):
        if unit == "year":
            return month_range(first.year, 12) if part == "end" else month_range(first.year, 1)
        span = 7 if unit == "month" else 2
        return (last - timedelta(days=span - 1), last) if part == "end" else (first, first + timedelta(days=span - 1))
    return first, last


def _weekday(anchor: date, weekday: int, direction: str) -> date:
    """direction: on-or-before, before, on-or-after, after."""
    if direction in ("on-or-before", "before"):
        back = (anchor.weekday() - weekday) % 7
        if back == 0 and direction == "before":
            back = 7
        return anchor - timedelta(days=back)
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and direction == "after":
        ahead = 7
    return anchor + timedelta(days=ahead)


def _season(name: str, year: int) -> tuple[date, date]:
    """The season ``name`` that starts in ``year``."""
    first_month, last_month = lexicon().seasons[name]
    end_year = year + 1 if last_month < first_month else year
    return date(year, first_month, 1), month_range(end_year, last_month)[1]


def _tense_word(m: Mention) -> str:
    return {PAST: "past-tense", FUTURE: "future/scheduled"}.get(m.tense, "no tense cue")


# --- resolution ---------------------------------------------------------------------------------------
def resolve(m: Mention, anchor: date) -> Resolution | None:
    """The calendar date or range ``m`` stands for, read from ``anchor``."""
    try:
        return _resolve(m, anchor)
    except (ValueError, OverflowError):
        return None


def _resolve(m: Mention, a: date) -> Resolution | None:
    k = m.kind
    if k == "date" and m.year and m.month and m.day:
        d = date(m.year, m.month, m.day)
        return Resolution(d, d, "explicit date")
    if k == "month" and m.year and m.month:
        first, last = month_range(m.year, m.month)
        first, last = _part(first, last, m.part, a, "month")
        return Resolution(first, last, "explicit month")
    if k == "year" and m.year:
        first, last = _part(date(m.year, 1, 1), date(m.year, 12, 31), m.part, a, "year")
        return Resolution(first, last, "explicit year")
    if k == "weekday" and m.weekday is not None:
        return _resolve_weekday(m, m.weekday, a)
    if k == "deictic":
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1, "last evening": -1}.get(m.unit, 0)
        d = a + timedelta(days=offset)
        return Resolution(d, d, f"'{m.unit}' from the anchor")
    if k == "unit":
        return _resolve_unit(m, a)
    if k == "ago":
        return _resolve_ago(m, a)
    if k == "month-day" and m.month and m.day:
        return _resolve_month_day(m, m.month, m.day, a)
    if k == "month-name" and m.month:
        return _resolve_month(m, m.month, a)
    return None


def _resolve_weekday(m: Mention, weekday: int, a: date) -> Resolution:
    name = WEEKDAY_NAMES[weekday]
    if m.modifier == "last" or m.modifier == "this past":
        d, basis = _weekday(a, weekday, "before"), f"'last {name}': the {name} before the anchor"
    elif m.modifier == "next":
        d, basis = _weekday(a, weekday, "after"), f"'next {name}': the {name} after the anchor"
    elif m.tense == FUTURE:
        d, basis = _weekday(a, weekday, "on-or-after"), f"future/scheduled ('{m.cue}'): the next {name} on or after the anchor"
    elif m.limit and m.tense != PAST:
        d, basis = _weekday(a, weekday, "on-or-after"), f"a limit ('until', 'through', ...): the next {name} on or after the anchor"
    elif m.tense == PAST:
        d, basis = _weekday(a, weekday, "on-or-before"), f"past tense ('{m.cue}'): the most recent {name} on or before the anchor"
    else:
        d, basis = _weekday(a, weekday, "on-or-before"), f"no tense cue: the most recent {name} on or before the anchor"
    return Resolution(d, d, basis)


def _resolve_unit(m: Mention, a: date) -> Resolution | None:
    unit, mod = m.unit, m.modifier
    step = {"last": -1, "this": 0, "next": 1}.get(mod)
    if unit == "week":
        monday = a - timedelta(days=a.weekday())
        if step is None:
            first, last = (a - timedelta(days=7), a) if mod == "past" else (a, a + timedelta(days=7))
        else:
            first = monday + timedelta(weeks=step)
            last = first + timedelta(days=6)
    elif unit == "weekend":
        monday = a - timedelta(days=a.weekday())
        if mod in ("last", "past"):
            first = monday - timedelta(days=2)
        elif mod == "next" and a.weekday() >= 5:
            first = monday + timedelta(days=12)
        else:
            first = monday + timedelta(days=5)
        last = first + timedelta(days=1)
    elif unit == "month":
        if step is None:
            first, last = (a - relativedelta(months=1), a) if mod == "past" else (a, a + relativedelta(months=1))
        else:
            first, last = month_range(*_shift_month(a.year, a.month, step))
    elif unit == "year":
        if step is None:
            first, last = (a - relativedelta(years=1), a) if mod == "past" else (a, a + relativedelta(years=1))
        else:
            first, last = date(a.year + step, 1, 1), date(a.year + step, 12, 31)
    elif unit in lexicon().seasons:
        current = [_season(unit, y) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
        if mod in ("last", "past"):
            first, last = max(s for s in current if s[1] < a)
        elif mod in ("next", "coming"):
            first, last = min(s for s in current if s[0] > a)
        else:  # this summer: the one under way, or else the nearest one this year
            inside = [s for s in current if s[0] <= a <= s[1]]
            first, last = inside[0] if inside else _season(unit, a.year)
    else:
        return None
    first, last = _part(first, last, m.part, a, unit if unit in ("week", "month", "year") else "season")
    return Resolution(first, last, f"'{m.text.strip()}': a calendar {unit} from the anchor")


def _resolve_ago(m: Mention, a: date) -> Resolution:
    n = m.count
    if m.unit == "day":
        d = a - timedelta(days=n)
        first, last = (d - timedelta(days=2), d + timedelta(days=1)) if m.approximate else (d, d)
    elif m.unit == "week":
        d = a - timedelta(weeks=n)
        first, last = d - timedelta(days=3), d + timedelta(days=3)
        if m.approximate:
            first = d - timedelta(weeks=2)
    elif m.unit == "month":  # within half a month of the day n months back (more when approximate)
        d = a - relativedelta(months=n)
        slack = 45 if m.approximate else 15
        first, last = d - timedelta(days=slack), d + timedelta(days=slack)
    else:  # within half a year of the day n years back: "three years ago" in Dec. 2023 covers Jan. 2021
        d = a - relativedelta(years=n)
        slack = 365 if m.approximate else 182
        first, last = d - timedelta(days=slack), d + timedelta(days=slack)
    return Resolution(first, last, f"{'about ' if m.approximate else ''}{n} {m.unit}(s) before the anchor")


def _pick(options: list[date], m: Mention, a: date) -> tuple[date, str]:
    if m.limit:  # "until Dec. 25", "leading up to Dec. 25": a target, whatever the tense of the clause
        return min(options, key=lambda d: (abs((d - a).days), d > a)), "a limit or target ('until', 'to', ...): the nearest one"
    if m.tense == PAST:
        past = [d for d in options if d <= a]
        if past:
            return max(past), f"past tense ('{m.cue}'): the most recent one on or before the anchor"
    if m.tense == FUTURE:
        future = [d for d in options if d >= a]
        if future:
            return min(future), f"future/scheduled ('{m.cue}'): the next one on or after the anchor"
    return min(options, key=lambda d: (abs((d - a).days), d > a)), "no tense cue: the nearest one to the anchor"


def month_day_options(month: int, day: int, a: date) -> list[date]:
    options = []
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    return options


def weekday_pinned(m: Mention, a: date) -> date | None:
    """The one date near the anchor (within 250 days) on which a month-day with a weekday
    ("Saturday, Nov. 28") falls on that weekday; None when no weekday is given or none or several fit."""
    if m.weekday is None or m.month is None or m.day is None:
        return None
    fits = [d for d in month_day_options(m.month, m.day, a) if d.weekday() == m.weekday and abs((d - a).days) <= 250]
    return fits[0] if len(fits) == 1 else None


def _resolve_month_day(m: Mention, month: int, day: int, a: date) -> Resolution | None:
    pinned = weekday_pinned(m, a)
    if pinned is not None:
        return Resolution(pinned, pinned, f"the stated weekday ({WEEKDAY_NAMES[pinned.weekday()]}) fits only this year")
    options = month_day_options(month, day, a)
    if not options:
        return None
    d, basis = _pick(options, m, a)
    return Resolution(d, d, basis)


def _resolve_month(m: Mention, month: int, a: date) -> Resolution:
    if m.modifier == "last" or m.modifier == "this past":
        y = a.year if month < a.month else a.year - 1
        basis = "'last <month>': the most recent one before the anchor's month"
    elif m.modifier == "next":
        y = a.year if month > a.month else a.year + 1
        basis = "'next <month>': the first one after the anchor's month"
    elif m.modifier == "this":
        y, basis = a.year, "'this <month>': the anchor's year"
    else:
        starts = [date(y, month, 1) for y in (a.year - 1, a.year, a.year + 1)]
        this_month = date(a.year, a.month, 1)
        if m.tense == PAST:
            y = max(s for s in starts if s <= this_month).year
            basis = f"past tense ('{m.cue}'): the most recent one up to the anchor's month"
        elif m.tense == FUTURE:
            y = min(s for s in starts if s >= this_month).year
            basis = f"future/scheduled ('{m.cue}'): the next one from the anchor's month"
        elif m.limit:
            y = min(s for s in starts if s >= this_month).year
            basis = "a limit ('by', 'until', ...): the next one from the anchor's month"
        else:
            y = min(starts, key=lambda d: (abs((d - this_month).days), d > this_month)).year
            basis = "no tense cue: the nearest one to the anchor's month"
    first, last = _part(*month_range(y, month), m.part, a, "month")
    return Resolution(first, last, basis)
