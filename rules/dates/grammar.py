"""The date grammar: one compiled regular expression over the article text finds English news-style
date expressions (explicit: "2025-02-06", "Feb. 6, 2025", "Thursday, 6 February 2025", "March 2025",
"in 2024"; relative: "on Thursday", "Saturday evening", "last month", "earlier this year", "late last
year", "mid-March", "Sept. 11", "yesterday", "two weeks ago"), and a small cue scan around each one
tells past-tense reports ("said Thursday") from future or scheduled mentions ("will vote on Saturday",
"set for Saturday").

Words come from ``rules/data/dates_lexicon.txt``. Month and weekday names are matched case-sensitively
(news text capitalises them, and "may" or "march" in lower case are not dates); the words around them
case-insensitively. The grammar is tried only a few words before *trigger* words (month and weekday
names, four-digit numbers, "week", "year", "ago", ...), which two literal alternations find fast; it
works on character offsets of :attr:`Article.text` and needs neither the sentence splitter nor the word
tokens (see ``benchmarks/dates.py``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from rules.dates.lexicon import Lexicon, lexicon

EXPLICIT_KINDS = frozenset({"date", "month", "year"})
RELATIVE_KINDS = frozenset({"month-day", "month-name", "weekday", "deictic", "unit", "ago"})
PAST = "past"
FUTURE = "future"

# A cue further away than this (in characters) from the expression does not set its tense.
CUE_REACH_LEFT = 160
CUE_REACH_RIGHT = 60
RIGHT_PENALTY = 20  # a cue after the expression ("Thursday, officials said") counts as this much further


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression found in the text (offsets into ``Article.text``)."""

    start: int
    end: int
    text: str
    kind: str  # date, month, year (explicit); month-day, month-name, weekday, deictic, unit, ago (relative)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    modifier: str = ""  # last, next, this, on, in, since, until, ... (lower case, single spaces)
    part: str = ""  # early, mid, late, earlier, later, end, start, rest
    unit: str = ""  # week, weekend, month, year, a season; the word for deictic expressions; a time of day
    count: int = 0  # "two weeks ago"
    approximate: bool = False  # "a few days ago"
    tense: str = ""  # past, future or "" (no cue)
    cue: str = ""  # the word that set the tense
    cue_distance: int = -1
    caption: bool = False  # in a paragraph that reads as a photo caption
    limit: bool = False  # after "until", "through", "by", ...: a limit or target, not when something happened
    event: bool = False  # names a well-known event ("the Sept. 11 attacks")

    @property
    def relative(self) -> bool:
        return self.kind in RELATIVE_KINDS and not self.event

    @property
    def explicit(self) -> bool:
        return self.kind in EXPLICIT_KINDS


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _ci_alt(words: list[str]) -> str:
    """Case-insensitive alternation of phrases; spaces match any white space."""
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


YEAR = r"(?:1\d|20)\d\d"
_NO_MORE = r"(?![\w\u2019'-]|[/.]\d)"


@cache
def pattern() -> re.Pattern[str]:
    lx = lexicon()
    mon_full = f"(?:{_alt(lx.month_full)})(?![A-Za-z])"
    mon = rf"(?:(?:{_alt(lx.month_full)}|{_alt(lx.month_abbr)})(?![A-Za-z])\.?)"
    wd_full = f"(?:{_alt(lx.weekday_full)})"
    wd = rf"(?:(?:{_alt(lx.weekday_full)}|{_alt(lx.weekday_abbr)})(?![A-Za-z])\.?)"
    numbers = _ci_alt(list(lx.numbers))
    seasons = _ci_alt(list(lx.seasons))
    parts = _ci_alt(["early", "mid", "late"])
    words = lx.grammar
    tod = _ci_alt(["morning", "afternoon", "evening", "night"])
    month_mods = _ci_alt(list(words["month_modifiers"]))
    year_mods = _ci_alt(list(words["year_modifiers"]))
    wd_mods = _ci_alt(list(words["weekday_modifiers"]))
    deixis = _ci_alt(list(words["deictic"]))
    unit_parts = _ci_alt(list(words["unit_parts"]))
    unit_mods = _ci_alt(list(words["unit_modifiers"]))
    source = rf"""
    (?<![\w.,\u2019'-])(?:
      (?P<iso>(?P<iso_y>{YEAR})(?P<iso_sep>[-/])(?P<iso_m>[01]?\d)(?P=iso_sep)(?P<iso_d>[0-3]?\d))(?![\w-]|[/.]\d)
    | (?:(?P<a_wd>{wd})(?:\s+{tod})?,?\s+)?(?P<a_m>{mon})\s*(?P<a_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:]|[.,]\d)
        (?:,?\s+(?P<a_y>{YEAR})(?![\w]|[-/\u2013]\d))?
    | (?:(?P<b_wd>{wd})(?:\s+{tod})?,?\s+)?(?:the\s+)?(?P<b_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<b_m>{mon})
        (?:,?\s+(?P<b_y>{YEAR})(?![\w]|[-/\u2013]\d))?
    | (?:(?P<c_part>{parts})[\s-]+)?(?P<c_m>{mon}),?\s+(?:of\s+)?(?P<c_y>{YEAR})(?![\w]|[-/\u2013]\d)
    | (?P<d_mod>{month_mods})[\s-]+(?P<d_m>{mon_full})(?!\s*,?\s*(?:of\s+)?\d|[\w-])
    | (?P<e_mod>{year_mods})[\s-]+(?P<e_y>{YEAR})(?![\w\u2019'%]|[-/\u2013.,]\d)
    | (?:(?P<f_mod>{wd_mods})\s+)?(?P<f_wd>{wd_full})(?P<f_pos>['\u2019]s)?(?![\w-])
        (?!(?:\s+{tod})?,?\s+(?:the\s+)?(?:{mon}\s*\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}))
        (?:\s+(?P<f_tod>{tod})(?![\w-]))?
    | (?P<g>{deixis}){_NO_MORE}
    | (?:(?P<h_part>{unit_parts})[\s-]+(?i:(?:in|during|over|of)\s+)?(?:the\s+)?)?(?P<h_mod>{unit_mods})\s+
        (?P<h_unit>(?i:week|weekend|month|year)|{seasons})(?![\w-])
    | (?P<i_n>\d{{1,3}}|{numbers})\s+(?P<i_unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)(?![\w])
    )"""
    return re.compile(source, re.VERBOSE)


_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
# A sentence break: end punctuation not after an initial or a short capitalised abbreviation ("U.S.",
# "Mr.", "Gov."), or a line break. The look-behinds follow the punctuation mark (and look back over
# it), so that the pattern starts with a character set the engine skips to: five times faster than
# the same look-behinds written first.
_BREAK = re.compile(r"[.!?](?<![A-Z].)(?<!\b[A-Z][a-z].)(?<!\b[A-Z][a-z][a-z].)[\"'\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])|\n")
_SPACES = re.compile(r"\s+")


def _norm(s: str | None) -> str:
    return _SPACES.sub(" ", s.strip().lower()) if s else ""


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return day <= calendar.monthrange(year, month)[1]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text, pos, min(len(text), pos + 40))[:n]]


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _TOKEN.findall(text, max(0, pos - 40), pos)[-n:]]


def _phrase_at_start(words: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(words[:n]) in phrases for n in range(1, len(words) + 1))


def _phrase_at_end(words: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(words[-n:]) in phrases for n in range(1, len(words) + 1))


_PART_NAMES = {
    "the end of": "end",
    "the start of": "start",
    "the beginning of": "start",
    "the middle of": "mid",
    "the rest of": "rest",
    "the first half of": "first-half",
    "the second half of": "second-half",
    "in early": "early",
    "in mid": "mid",
    "in late": "late",
    "early in": "early",
    "late in": "late",
    "earlier in": "earlier",
    "later in": "later",
    "early": "early",
    "mid": "mid",
    "late": "late",
    "earlier": "earlier",
    "later": "later",
}


@cache
def _list_year() -> re.Pattern[str]:
    """After a month name: more months, then the year that applies to all ("March and April 2020")."""
    lx = lexicon()
    mon = rf"(?:(?:{_alt(lx.month_full)}|{_alt(lx.month_abbr)})(?![A-Za-z])\.?)"
    more = rf"\s*(?:,|and|or|to|through|until|-|\u2013)\s*(?:(?i:early|mid|late)[\s-]+)?{mon}"
    return re.compile(rf"(?:{more})+,?\s+(?:of\s+)?(?P<y>{YEAR})(?![\w]|[-/\u2013]\d)")


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every date expression in ``text[start:end]``, in order, with its tense cue where one is near.

    Running the grammar at every position is slow in Python (~3 ms for a 6,000-character article),
    so the grammar is only tried where an expression can be: a few words before each *trigger* (a
    month or weekday name, a four-digit number, a unit word such as "week" or "ago"), which plain
    ``str.find`` locates. :func:`find_mentions_scan` is the slow reference the tests compare with."""
    lx = lexicon()
    stop = len(text) if end is None else end
    grammar = pattern()
    out: list[Mention] = []
    last_end = start
    for t in _triggers(text, start, stop, lx):
        if t < last_end:
            continue
        for s in _starts(text, max(last_end, t - TRIGGER_REACH), t):
            m = grammar.match(text, s, stop)
            if m is None or m.end() <= t:
                continue
            last_end = m.end()
            mention = _mention(m, text, lx)
            if mention is not None:
                out.append(mention)
            break
    return out


def find_mentions_scan(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The same as :func:`find_mentions`, by running the grammar over every position (slow)."""
    lx = lexicon()
    stop = len(text) if end is None else end
    out: list[Mention] = []
    for m in pattern().finditer(text, start, stop):
        mention = _mention(m, text, lx)
        if mention is not None:
            out.append(mention)
    return out


CAPTION_REACH = 240  # characters around a date searched for a caption cue ("AP Photo")
TRIGGER_REACH = 48  # characters before a trigger where the expression may start ("the second half of next year")
_YEAR_TRIGGER = re.compile(r"[12]\d{3,}")  # (a leading look-behind would cost ten times more)
_WORD_AT = re.compile(r"[A-Za-z]+")
# A word's first character (not after another word character), then the ASCII letters after it (the
# word, when it starts with one). The look-behind follows the first character, so that the pattern
# starts with a character set: several times faster than a leading look-behind.
_WORD_START = re.compile(r"[\w'\u2019](?<![\w'\u2019].)[A-Za-z]*")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@cache
def _trigger_patterns() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Month and weekday names (their first three letters), and the unit and deictic words.

    The names are a plain alternation of literals, which the regular expression engine skips to
    quickly. The words (lower case, or capitalised where listed: not all capitals) are looked up one
    by one with ``str.find``, several times faster than an alternation of words with a dozen
    different first letters, which the engine must try at almost every position."""
    lx = lexicon()
    names = sorted({w[:3].capitalize() for w in (*lx.months, *lx.weekdays)})
    lower = ["yesterday", "today", "tonight", "tomorrow", "week", "weekend", "month", "year", "ago", "night", "evening", "morning"]
    lower += ["afternoon", *lx.seasons]
    keywords = lower + [k.capitalize() for k in ("yesterday", "today", "tonight", "tomorrow")]
    return re.compile("|".join(names)), tuple(sorted(set(keywords)))


def _triggers(text: str, start: int, stop: int, lx: Lexicon) -> list[int]:
    names, keywords = _trigger_patterns()
    found: list[int] = []
    for m in names.finditer(text, start, stop):
        p = m.start()
        if p == 0 or not text[p - 1].isalpha():
            w = _WORD_AT.match(text, p)
            if w is not None and ((lw := w.group(0).lower()) in lx.months or lw in lx.weekdays):
                found.append(p)
    needs_modifier = _needs_modifier()
    size = len(text)
    for word in keywords:
        # a whole word only: no letter on either side (so "week" in "weekend" and "night" in
        # "tonight" are not found, as no two listed words match at one position as whole words)
        before = needs_modifier.get(word)
        n = len(word)
        p = text.find(word, start, stop)
        while p >= 0:
            e = p + n
            whole = (p == 0 or not text[p - 1].isalpha()) and (e >= size or not text[e].isalpha())
            if whole and (before is None or _previous_word(text, p) in before):
                found.append(p)  # not "the year", "a week": only "last year", "this week", ...
            p = text.find(word, e, stop)
    found.extend(m.start() for m in _YEAR_TRIGGER.finditer(text, start, stop) if m.end() - m.start() == 4)
    found.sort()
    return found


@cache
def _needs_modifier() -> dict[str, frozenset[str]]:
    """Trigger words that only count right after one of a few words ("last year", "this morning")."""
    lx = lexicon()
    unit_mods = frozenset(w.split()[-1] for w in lx.grammar["unit_modifiers"])
    out = {w: unit_mods for w in ("week", "weekend", "month", "year", *lx.seasons)}
    alone = {p for p in lx.grammar["deictic"] if " " not in p}  # "today" is an expression by itself
    for phrase in lx.grammar["deictic"]:
        words = phrase.split()
        if len(words) > 1 and words[-1] not in alone:
            out[words[-1]] = out.get(words[-1], frozenset()) | {words[-2]}
    return out


def _previous_word(text: str, pos: int) -> str:
    w = _PREVIOUS_WORD.search(text, max(0, pos - 16), pos)
    return w.group(1).lower() if w is not None else ""


_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[\s-]+$")


def _starts(text: str, lo: int, t: int) -> list[int]:
    """Word starts in ``text[lo:t]`` where an expression can begin (earliest first), then ``t``."""
    first_words = _first_words()
    starts = []
    for m in _WORD_START.finditer(text, lo, t):
        p = m.start()
        if p == lo and lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'\u2019"):
            continue  # lo cut a word in two
        word = m.group()
        if word[0].isdigit() or (word[0] in _ASCII_LETTERS and word.lower() in first_words):
            starts.append(p)  # a number, or a word an expression can start with
    starts.append(t)
    return starts


@cache
def _first_words() -> frozenset[str]:
    """Lower-case words an expression can start with (besides digits and the trigger itself)."""
    lx = lexicon()
    words = {"the", *lx.weekdays, *lx.months}
    for phrase in (*(w for slot in lx.grammar.values() for w in slot), *lx.numbers):
        words.add(phrase.split()[0])
    return frozenset(words)


def _mention(m: re.Match[str], text: str, lx: Lexicon) -> Mention | None:
    g = m.group
    s, e = m.start(), m.end()
    if g("iso"):
        y, mo, d = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        if not _valid_day(y, mo, d):
            return None
        return _finish(Mention(s, e, text[s:e], "date", y, mo, d), text, lx)
    for p in ("a", "b"):
        if g(f"{p}_m"):
            mo = lx.months[g(f"{p}_m").rstrip(".").lower()]
            d = int(g(f"{p}_d"))
            year = int(g(f"{p}_y")) if g(f"{p}_y") else None
            if not _valid_day(year, mo, d):
                return None
            wd_text = g(f"{p}_wd")
            wd = lx.weekdays[wd_text.rstrip(".").lower()] if wd_text else None
            kind = "date" if year is not None else "month-day"
            return _finish(Mention(s, e, text[s:e], kind, year, mo, d, wd), text, lx)
    if g("c_m"):
        mo = lx.months[g("c_m").rstrip(".").lower()]
        return _finish(Mention(s, e, text[s:e], "month", int(g("c_y")), mo, part=_PART_NAMES.get(_norm(g("c_part")), "")), text, lx)
    if g("d_m"):
        mod = _norm(g("d_mod"))
        part = _PART_NAMES.get(mod, "")
        modifier = "in" if part and mod.startswith(("in ", "earlier in", "later in", "early in", "late in")) else ("" if part else mod)
        month = lx.months[g("d_m").lower()]
        listed = _list_year().match(text, e)  # "in March and April 2020": the year of the list
        if listed is not None:
            return _finish(Mention(s, e, text[s:e], "month", int(listed.group("y")), month, part=part), text, lx)
        return _finish(Mention(s, e, text[s:e], "month-name", month=month, modifier=modifier, part=part), text, lx)
    if g("e_y"):
        mod = _norm(g("e_mod"))
        part = _PART_NAMES.get(mod, "")
        modifier = "in" if part else mod
        return _finish(Mention(s, e, text[s:e], "year", int(g("e_y")), modifier=modifier, part=part), text, lx)
    if g("f_wd"):
        wd_start = m.start("f_wd")
        if _phrase_at_end(_words_before(text, wd_start, 2), lx.weekday_not_after):
            return None
        if not g("f_pos") and _phrase_at_start(_words_after(text, m.end("f_wd"), 2), lx.weekday_not_before):
            return None
        mod = _norm(g("f_mod"))
        part = _PART_NAMES.get(mod.removesuffix(" on"), "")
        modifier = "" if part else mod
        return _finish(
            Mention(
                s, e, text[s:e], "weekday", weekday=lx.weekdays[g("f_wd").lower()], modifier=modifier, part=part, unit=_norm(g("f_tod"))
            ),
            text,
            lx,
        )
    if g("g"):
        return _finish(Mention(s, e, text[s:e], "deictic", unit=_norm(g("g"))), text, lx)
    if g("h_unit"):
        mod = _norm(g("h_mod"))
        if mod == "next" and not g("h_part") and _words_before(text, s, 1) == ["the"]:
            # "resigned the next year" counts from the story's time, not the publication; "in the next
            # year" (no past tense) is the coming year from the publication
            if tense_at(text, s, e, lx)[0] == PAST:
                return None
            mod = "coming"
        return _finish(
            Mention(
                s,
                e,
                text[s:e],
                "unit",
                modifier="last" if mod == "this past" else mod,
                part=_PART_NAMES.get(_norm(g("h_part")), ""),
                unit=_norm(g("h_unit")),
            ),
            text,
            lx,
        )
    if g("i_unit"):
        n_text = _norm(g("i_n"))
        count = int(n_text) if n_text.isdigit() else lx.numbers[n_text]
        unit = _norm(g("i_unit")).rstrip("s")
        approximate = n_text in ("a few", "several", "a couple of")
        return Mention(s, e, text[s:e], "ago", unit=unit, count=count, approximate=approximate, tense=PAST, cue="ago")
    return None


def _finish(mention: Mention, text: str, lx: Lexicon) -> Mention:
    """Adds the tense cue, the caption, limit and named-event flags."""
    kind = mention.kind
    event = False
    if kind in ("month-day", "date"):
        event = _phrase_at_start(_words_after(text, mention.end, 2), lx.event_nouns)
    limit = mention.modifier in _LIMIT_MODIFIERS or _phrase_at_end(_words_before(text, mention.start, 3), lx.limit_words)
    needs_tense = kind in ("date", "month", "year", "month-day", "month-name", "weekday") and mention.modifier not in ("last", "next")
    tense, cue, distance = tense_at(text, mention.start, mention.end, lx) if needs_tense else ("", "", -1)
    caption = False
    if kind == "date":
        line_start = max(text.rfind("\n", max(0, mention.start - CAPTION_REACH), mention.start) + 1, mention.start - CAPTION_REACH)
        line_end = text.find("\n", mention.end, mention.end + CAPTION_REACH)
        line = text[line_start : min(len(text), mention.end + CAPTION_REACH) if line_end < 0 else line_end].lower()
        caption = any(c in line for c in lx.caption_cues)
    return Mention(
        mention.start,
        mention.end,
        mention.text,
        kind,
        mention.year,
        mention.month,
        mention.day,
        mention.weekday,
        mention.modifier,
        mention.part,
        mention.unit,
        mention.count,
        mention.approximate,
        tense,
        cue,
        distance,
        caption,
        limit,
        event,
    )


_LIMIT_MODIFIERS = frozenset({"until", "till", "through", "by", "before", "from"})


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A cheap sentence window around ``text[start:end]``."""
    lo = max(0, start - CUE_REACH_LEFT)
    for b in _BREAK.finditer(text, lo, start):
        lo = b.end()
    hi = min(len(text), end + CUE_REACH_RIGHT)
    after = _BREAK.search(text, end, hi)
    if after is not None:
        hi = after.start() + 1
    return lo, hi


def tense_at(text: str, start: int, end: int, lx: Lexicon | None = None) -> tuple[str, str, int]:
    """The tense of the clause around ``text[start:end]``: (past | future | "", the cue, its distance)."""
    lx = lx or lexicon()
    cue_words = _cue_words()
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, str, str] | None = None
    for side_lo, side_hi, left in ((lo, start, True), (end, hi, False)):
        tokens = list(_TOKEN.finditer(text, side_lo, side_hi))
        words = [t.group(0).lower().replace("\u2019", "'") for t in tokens]
        for i, tok in enumerate(tokens):
            w = words[i]
            if w not in cue_words and not w.endswith(("ed", "'ll", "n't")):
                continue
            after_to = text[tokens[i + 1].end() : tokens[i + 1].end() + 3].lstrip()[:1] if i + 1 < len(tokens) else ""
            kind, n = _cue(tok.group(0), words, i, lx, after_to)
            if not kind:
                continue
            cue_end = tokens[i + n - 1].end()
            distance = start - cue_end if left else tok.start() - end + RIGHT_PENALTY
            if best is None or distance < best[0]:
                best = (distance, kind, " ".join(words[i : i + n]))
    if best is None:
        return "", "", -1
    return best[1], best[2], best[0]


@cache
def _cue_words() -> frozenset[str]:
    """Words that can start a cue (besides any word ending in -ed, -'ll or -n't)."""
    lx = lexicon()
    return frozenset({*lx.future_cues, *lx.past_cues})


def _cue(raw: str, words: list[str], i: int, lx: Lexicon, after_to: str = "") -> tuple[str, int]:
    """(past | future | "", number of words) for the token ``words[i]``; ``after_to``: the first
    character after the next word ("W" of "moved to Waconia", "$" of "rose to $15")."""
    w = words[i]
    phrases = lx.future_cues.get(w)
    if phrases and not (w == "may" and raw[0].isupper()):
        for p in phrases:
            if tuple(words[i : i + len(p)]) == p:
                return FUTURE, len(p)
    if w.endswith("'ll"):
        return FUTURE, 1
    if raw[0].isupper() and i > 0:
        return "", 0  # a name ("Fred", "Ted"), not a verb
    if w in lx.past_cues or (len(w) > 4 and w.endswith("ed") and w not in lx.not_past):
        if w in ("was", "were", "had", "did") or w.endswith("n't") or w == "ago":
            return PAST, 1
        # "agreed to meet on Friday", "estimated to ship in May": what follows is ahead; but in "moved
        # to Waconia", "climbed to 15%" the "to" is a preposition and the verb stays past
        infinitive = not after_to.isupper() and not after_to.isdigit() and after_to not in "$\u00a3\u20ac"
        if i + 2 < len(words) and words[i + 1] == "to" and words[i + 2] not in lx.not_after_to and infinitive:
            return FUTURE, 2
        if i > 0 and (words[i - 1] in lx.passive_aux or words[i - 1].endswith("'s")):
            return "", 0  # "will be held", "was held": the auxiliary carries the tense
        return PAST, 1
    return "", 0
