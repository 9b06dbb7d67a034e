"""Dates family (DT): is the article placed in time, and do its dates hold together?

* ``grammar`` -- the compiled date grammar and the tense cues (lexicon: ``rules/data/dates_lexicon.txt``);
* ``resolve`` -- the declared date, and relative expressions resolved against an anchor date;
* ``analysis`` -- the shared per-article analysis: candidates for the publication date and the winner;
* ``recovery`` -- the corpus step: a date recovered from a dated near-duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article
from checker.models import DateInfo, Family, Severity
from checker.rule import Analyzer, Contribution, Corpus, CorpusRule, DocumentRule, Example, Hit, Rule
from rules.dates.analysis import DatesAnalysis, analysis_for, details
from rules.dates.grammar import PAST, Mention
from rules.dates.recovery import DateRecovery
from rules.dates.resolve import WEEKDAY_NAMES, month_day_options, resolve, weekday_pinned

# A past-tense cue further than this many characters from an explicit date does not make it a report
# of something that happened on that date (DT003).
DT003_CUE_REACH = 60


def _analysis(rule: Rule | Analyzer, article: Article) -> DatesAnalysis:
    return article.derive(analysis_for(rule.context.today))


def _candidate_evidence(info: DateInfo) -> dict[str, object] | None:
    if info.value is None:
        return None
    best = next((c for c in info.candidates if c.value == info.value and c.source == info.source), None)
    out: dict[str, object] = {"value": info.value, "source": info.source, "confidence": info.confidence}
    if best is not None:
        out["text"] = best.text
        if best.note:
            out["note"] = best.note
    return out


class MissingDate(CorpusRule):
    id = "DT001"
    name = "missing-date"
    family = Family.DATES
    severity = Severity.ERROR
    summary = "The file declares no publication date in its header or front matter."
    rationale = (
        "An archive orders, filters and cites articles by their publication date. A file whose header "
        "or front matter gives no date cannot be placed in time, and every relative expression in it "
        '("on Thursday", "last month") is left without an anchor. Dates that only appear in the body '
        "are evidence for recovering the date, not a declaration of it: the finding reports the best "
        "recovered candidate (dateline, caption or body date, file name) so a curator can fix the file. "
        'A dateline that gives the full date with its year ("DHAKA, Nov 21, 2026 (Reuters) -"), or a '
        'date line under the title or byline ("By Jo Ng | Health Desk | November 19, 2026"), dates the '
        "story in its own text: the finding is then a warning, the header still lacks it."
    )
    fire = (
        "Officials met on Thursday to discuss the budget.\n",
        Example(text="Title: Council votes on budget\nAuthor: Jane Roe\n\nThe council voted 7-2 on Monday.\n"),
        Example(
            text="HELSINKI, March 4 (Reuters) - Finnish lawmakers approved the harbour plan.\n",
            path="inbox/2024-03-04-harbour.txt",
        ),
    )
    quiet = (
        " date 2024-11-05 Officials met on Thursday to discuss the budget.\n",
        "---\ntitle: Budget vote\ndate: 2024-11-05\n---\nThe council voted 7-2 on Monday.\n",
        "Date: 5 November 2024\n\nThe council voted 7-2 on Monday.\n",
    )

    # A corpus rule only so that the best candidate can come from the corpus step too (the date of a
    # dated near-copy): ``collect`` keeps the file's own best candidate, and ``check_corpus`` prefers
    # the date the run finally recovered (``corpus.provenance``, filled by the dates-recovery step).
    def collect(self, article: Article) -> DateInfo | None:
        if article.header.get("date") is not None:
            return None
        return _analysis(self, article).info

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        for path, own in sorted(corpus.digests.items()):
            prov = corpus.provenance.get(path)
            info: DateInfo = prov.date if prov is not None and prov.date.value is not None else own
            best = _candidate_evidence(info)
            message = "no publication date in the header or front matter"
            if best is not None:
                message += f"; best recovered candidate: {best['value']} ({best['source']}, confidence {best['confidence']})"
            evidence = {"best_candidate": best, "reason": info.reason, "candidates": len(info.candidates)}
            yield path, Hit(message, evidence=evidence, severity=Severity.WARNING if dated_at_top(info) else None)


def dated_at_top(info: DateInfo) -> bool:
    """The best date is one the article states at its top with the year: in a dateline ("DHAKA, Nov
    21, 2026 (Reuters) -") or on a date line under the title or byline ("By Jo Ng | November 19, 2026")."""
    return info.value is not None and any(
        c.source in ("dateline", "byline") and c.value == info.value and not c.note for c in info.candidates
    )


def date_at_top(article: Article, today: date) -> str | None:
    """The date (YYYY-MM-DD) a header-less article states at its top with the year, in a dateline or
    a date line under the byline (see :func:`dated_at_top`); None when it states none there."""
    info = article.derive(analysis_for(today)).info
    return info.value if dated_at_top(info) else None


class InvalidDateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    earliest_year: int = Field(
        1990, ge=1, le=9999, description="declared dates before 1 January of this year are reported (lower it for digitised print archives)"
    )


class InvalidDate(DocumentRule):
    id = "DT002"
    name = "invalid-date"
    family = Family.DATES
    severity = Severity.ERROR
    summary = "The declared publication date is malformed, impossible, in the future or implausibly old."
    rationale = (
        'A header date that cannot be read ("sometime in May"), that does not exist (2025-02-30), '
        "that lacks its day (2025-02), that lies after the check date, or that lies before the "
        "archive's earliest plausible year (option `earliest_year`, default 1990) is worse than none: "
        "it sorts the article into the wrong place and anchors every relative expression wrongly. The "
        "check date comes from `--today` or the config, so reports stay reproducible."
    )
    Options = InvalidDateOptions
    fire = (
        " date 2023-02-29 The ferry service resumed after the storm.\n",
        "Date: sometime last spring\n\nThe ferry service resumed after the storm.\n",
        " date 2031-06-01 The ferry service resumed after the storm.\n",
        Example(text="---\ndate: 1975-06-01\n---\nThe ferry service resumed after the storm.\n"),
        "---\ndate: 2024-06\n---\nThe ferry service resumed after the storm.\n",
    )
    quiet = (
        " date 2024-02-29 The ferry service resumed after the storm.\n",
        "Date: Tue, 05 Nov 2024 10:00:00 GMT\n\nThe ferry service resumed after the storm.\n",
        Example(text="---\ndate: 1975-06-01\n---\nThe ferry service resumed after the storm.\n", options={"earliest_year": 1900}),
        "The ferry service resumed after the storm on 2023-02-29.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        field_ = article.header.get("date")
        if field_ is None:
            return
        a = _analysis(self, article)
        declared = a.declared
        assert declared is not None
        options = self.options
        assert isinstance(options, InvalidDateOptions)
        evidence: dict[str, object] = {"value": field_.value}
        if declared.value is None:
            evidence["problem"] = declared.problem
            yield Hit(f"declared date is {declared.problem}: {declared.detail}", field_.start, field_.end, evidence)
            return
        today = self.context.today
        if declared.value > today:
            evidence.update(problem="future", today=today.isoformat(), days_ahead=(declared.value - today).days)
            yield Hit(
                f"declared date {declared.value.isoformat()} is after the check date {today.isoformat()}",
                field_.start,
                field_.end,
                evidence,
            )
        elif declared.value.year < options.earliest_year:
            evidence.update(problem="too-old", earliest_year=options.earliest_year)
            yield Hit(
                f"declared date {declared.value.isoformat()} is before the earliest plausible year {options.earliest_year}",
                field_.start,
                field_.end,
                evidence,
            )


class DateContradictionOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tolerance_days: int = Field(
        1,
        ge=0,
        le=366,
        description="past-tense events dated at most this many days after the declared date are tolerated (time zones, late edits)",
    )
    dateline_days: int = Field(
        7,
        ge=0,
        le=366,
        description="a dateline at most this many days before the declared date is a story filed, then published "
        "(one after it is tolerated only within tolerance_days)",
    )


class DateContradiction(DocumentRule):
    id = "DT003"
    name = "date-contradiction"
    family = Family.DATES
    severity = Severity.WARNING
    summary = "Explicit dates in the text cannot be true together with each other or with the declared date."
    rationale = (
        'A weekday that does not match its date ("Friday, Feb. 6, 2025" -- it was a Thursday) or an '
        'event reported in the past tense on a date after the publication date ("the bridge was '
        'opened on June 3" in an article dated June 1) means the declared date or the text is wrong: '
        "a mistyped header, a re-dated copy, a garbled translation. A month and day with no year is "
        'placed by its weekday when one is given ("held on Saturday, Nov. 28" in an article dated '
        "Nov. 25: the Saturday that year, so after the date). Future and scheduled mentions "
        '("will", "is set for", "next month") and limits ("until", "through", "by") are not '
        "contradictions. A dateline dated after the declared date, or more than `dateline_days` "
        "(default 7) before it, says the story was re-dated or the header is wrong. Option "
        "`tolerance_days` (default 1) absorbs time-zone differences."
    )
    Options = DateContradictionOptions
    fire = (
        "Rescue crews reached the village on Friday, March 7, 2024, after the landslide.\n",
        " date 2022-05-10 The museum reopened its west wing on May 20, 2022, after a long renovation.\n",
        " date 2021-01-15 The regulator fined the airline in March 2021 for repeated delays.\n",
        " date 2019-09-02 The new terminal (pictured Tuesday, Aug. 29) was opened by the mayor.\n",
        "Published: 2024-11-24\n\nLUSAKA, Nov 12 (Reuters) - The copper mine reopened after a two-week strike.\n",
    )
    quiet = (
        "Rescue crews reached the village on Thursday, March 7, 2024, after the landslide.\n",
        " date 2022-05-10 The museum will reopen its west wing on May 20, 2022, after a long renovation.\n",
        " date 2022-05-10 The museum's west wing is set to reopen June 1 and the shop was closed until May 30.\n",
        " date 2021-01-15 The regulator extended the airline's licence through March 2022.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = _analysis(self, article)
        options = self.options
        assert isinstance(options, DateContradictionOptions)
        declared = a.declared_date
        dateline = next((c for c in a.candidates if c.source == "dateline"), None)
        in_dateline = (dateline.span.start, dateline.span.end) if dateline is not None and dateline.span is not None else (-1, -1)
        for m in a.mentions:
            late = None if in_dateline[0] <= m.start < in_dateline[1] else self._after_publication(m, declared, options.tolerance_days)
            hit = self._weekday_mismatch(m, declared) or late  # the dateline's own date is judged below, once
            if hit is not None:
                yield hit
        if declared is not None and dateline is not None and len(dateline.value) == 10 and dateline.span is not None:
            filed = date.fromisoformat(dateline.value)
            early = (declared - filed).days
            if early > options.dateline_days or -early > options.tolerance_days:
                when = f"{early} days before" if early > 0 else f"{-early} days after"
                yield Hit(
                    f"the dateline {dateline.text!r} gives {filed.isoformat()}, {when} the declared date {declared.isoformat()}",
                    dateline.span.start,
                    dateline.span.end,
                    {"kind": "dateline-disagrees", "declared": declared.isoformat(), "dateline": filed.isoformat(), "days_before": early},
                )

    def _weekday_mismatch(self, m: Mention, anchor: date | None) -> Hit | None:
        if m.weekday is None or m.month is None or m.day is None or m.kind not in ("date", "month-day"):
            return None
        if m.year is not None:
            d = date(m.year, m.month, m.day)
            if d.weekday() == m.weekday:
                return None
            return Hit(
                f"{WEEKDAY_NAMES[m.weekday]} does not match {d.isoformat()}, which was a {WEEKDAY_NAMES[d.weekday()]}",
                m.start,
                m.end,
                {
                    "kind": "weekday-mismatch",
                    "date": d.isoformat(),
                    "stated": WEEKDAY_NAMES[m.weekday],
                    "actual": WEEKDAY_NAMES[d.weekday()],
                },
            )
        if anchor is None:
            return None
        near = [d for d in month_day_options(m.month, m.day, anchor) if abs((d - anchor).days) <= 250]
        if not near or any(d.weekday() == m.weekday for d in near):
            return None
        d = min(near, key=lambda x: abs((x - anchor).days))
        return Hit(
            f"{WEEKDAY_NAMES[m.weekday]} does not match {d.isoformat()} (the {m.text!r} nearest the declared date), "
            f"a {WEEKDAY_NAMES[d.weekday()]}",
            m.start,
            m.end,
            {"kind": "weekday-mismatch", "date": d.isoformat(), "stated": WEEKDAY_NAMES[m.weekday], "actual": WEEKDAY_NAMES[d.weekday()]},
        )

    def _after_publication(self, m: Mention, declared: date | None, tolerance: int) -> Hit | None:
        if declared is None or m.event or m.limit or m.tense != PAST:
            return None
        if m.kind not in ("date", "month") and not (m.kind == "month-day" and weekday_pinned(m, declared)):
            return None
        if m.cue_distance < 0 or m.cue_distance > DT003_CUE_REACH:
            return None
        r = resolve(m, declared)
        if r is None or r.first <= declared + timedelta(days=tolerance):
            return None
        return Hit(
            f"reported in the past tense ({m.cue!r}) on {m.text!r}, after the declared date {declared.isoformat()}",
            m.start,
            m.end,
            {"kind": "past-event-after-date", "declared": declared.isoformat(), "date": r.as_dict(), "cue": m.cue},
        )


class UnanchoredRelativeDate(DocumentRule):
    id = "DT004"
    name = "unanchored-relative-date"
    family = Family.DATES
    severity = Severity.WARNING
    summary = "A relative date expression in an article that declares no date, so no reader can resolve it."
    rationale = (
        '"On Thursday", "last month", "late last year" and "yesterday" only mean something '
        "relative to the publication date. Without a declared date each one is a fact that cannot "
        "be placed in time. Each expression is reported with what it would mean if the best "
        "recovered date were right. Where a date is declared, or a dateline or a date line under the "
        "byline gives the full date with its year, the resolutions are in the report's details "
        "(details.dates.relative), not findings."
    )
    fire = (
        "The harbour authority said on Tuesday that fees would rise next month.\n",
        "Title: Storm damage\n\nFarmers counted their losses yesterday after late last year's floods.\n",
    )
    quiet = (
        " date 2024-04-09 The harbour authority said on Tuesday that fees would rise next month.\n",
        "Title: Storm damage\n\nFarmers counted their losses after the floods of 12 November 2023.\n",
        "Storm damage in the valley\nBy Jo Ng | Farm Desk | November 10, 2026\n\nFarmers counted their losses yesterday.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = _analysis(self, article)
        if a.declared_date is not None or dated_at_top(a.info):
            return
        recovered = date.fromisoformat(a.info.value) if a.info.value and len(a.info.value) == 10 else None
        for m in a.relative:
            evidence: dict[str, object] = {"kind": m.kind}
            if m.tense:
                evidence["tense"] = m.tense
            if recovered is not None:
                r = resolve(m, recovered)
                if r is not None:
                    evidence["if_dated"] = {"anchor": recovered.isoformat(), "source": a.info.source, **r.as_dict()}
            yield Hit(f"relative date {m.text.strip()!r} has no anchor: the file declares no date", m.start, m.end, evidence)


class DatesAnalyzer(Analyzer):
    """Fills provenance.date, the dates metrics and details.dates (every date, relative ones resolved)."""

    name = "dates"

    def analyze(self, article: Article) -> Contribution:
        a = _analysis(self, article)
        resolved = sum(1 for _, r in a.resolutions if r is not None)
        mentions = [m for m in a.mentions if not m.event]
        return Contribution(
            metrics={
                "dates.mentions": len(mentions),
                "dates.explicit": sum(1 for m in mentions if m.explicit),
                "dates.relative": sum(1 for m in mentions if m.relative),
                "dates.resolved": resolved,
                "dates.candidates": len(a.info.candidates),
                "dates.confidence": a.info.confidence,
            },
            provenance={"date": a.info},
            details=details(a),
        )


RULES = [MissingDate, InvalidDate, DateContradiction, UnanchoredRelativeDate]
ANALYZERS = [DatesAnalyzer, DateRecovery]
