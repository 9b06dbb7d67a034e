"""Dates family (DT): the grammar, resolution of relative dates, date recovery and the rules."""

from __future__ import annotations

import json
import re
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from checker.article import Article
from checker.models import DateInfo, Provenance, Severity
from checker.rule import Corpus, CorpusRule, Hit, RunContext
from rules.dates import DateContradiction, DatesAnalyzer, InvalidDate, InvalidDateOptions, MissingDate, UnanchoredRelativeDate
from rules.dates.analysis import analyse
from rules.dates.grammar import Mention, find_mentions, find_mentions_scan
from rules.dates.recovery import NEIGHBOURS_KEY, DateRecovery
from rules.dates.resolve import parse_declared, resolve

TODAY = date(2026, 11, 22)
CONTEXT = RunContext(today=TODAY)


def mentions(text: str) -> list[Mention]:
    return find_mentions(text)


def one(text: str) -> Mention:
    found = mentions(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def resolved(text: str, anchor: date) -> dict[str, str]:
    """The resolution of the only relative expression in ``text``."""
    found = [m for m in mentions(text) if m.relative]
    assert len(found) == 1, [m.text for m in found]
    r = resolve(found[0], anchor)
    assert r is not None
    return r.as_dict()


def hits(rule_cls: type[Any], text: str, path: str = "x.txt", **options: Any) -> list[Hit]:
    return run_rule(rule_cls(CONTEXT, rule_cls.Options.model_validate(options)), Article.from_text(text, path))


def run_rule(rule: Any, article: Article) -> list[Hit]:
    """A document rule's hits, or a corpus rule's on a run of this one file."""
    if isinstance(rule, CorpusRule):
        digest = rule.collect(article)
        return [] if digest is None else [h for _, h in rule.check_corpus(Corpus({article.path: digest}))]
    return list(rule.check(article))


# --- grammar ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("It opened on 2025-02-06 at noon.", "date", {"year": 2025, "month": 2, "day": 6}),
        ("It opened Feb. 6, 2025, at noon.", "date", {"year": 2025, "month": 2, "day": 6}),
        ("It opened on 6 February 2025.", "date", {"year": 2025, "month": 2, "day": 6}),
        ("It opened on the 6th of February, 2025.", "date", {"year": 2025, "month": 2, "day": 6}),
        ("Crowds gathered, Thursday, Feb. 6, 2025.", "date", {"weekday": 3, "day": 6}),
        ("It opened on Sept. 11 after repairs.", "month-day", {"month": 9, "day": 11}),
        ("It opened in February 2025.", "month", {"year": 2025, "month": 2}),
        ("It will open in mid-March.", "month-name", {"month": 3, "part": "mid"}),
        ("It was built in 2024.", "year", {"year": 2024, "modifier": "in"}),
        ("It opened last week.", "unit", {"unit": "week", "modifier": "last"}),
        ("It opened earlier this month.", "unit", {"unit": "month", "modifier": "this", "part": "earlier"}),
        ("It closed late last year.", "unit", {"unit": "year", "modifier": "last", "part": "late"}),
        ("It opened on Monday.", "weekday", {"weekday": 0, "modifier": "on"}),
        ("It opened Saturday evening.", "weekday", {"weekday": 5, "unit": "evening"}),
        ("It opened yesterday.", "deictic", {"unit": "yesterday"}),
        ("It opened two weeks ago.", "ago", {"unit": "week", "count": 2}),
    ],
)
def test_grammar_finds_news_style_expressions(text: str, kind: str, fields: dict[str, Any]) -> None:
    m = one(text)
    assert m.kind == kind
    for key, value in fields.items():
        assert getattr(m, key) == value, (key, m)


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers queued for Black Friday deals.",
        "She told the Sunday Times about it.",
        "Officials may march in protest.",
        "Theresa spoke to 2,000 people.",
    ],
)
def test_grammar_ignores_non_dates(text: str) -> None:
    assert [m for m in mentions(text) if m.kind != "year"] == []


def test_named_events_are_not_dates_to_resolve() -> None:
    m = one("Security was tightened after the Sept. 11 attacks.")
    assert m.event and not m.relative


def test_trigger_search_equals_full_scan() -> None:
    text = (
        "On Thursday, Feb. 6, 2025, the council met. Last week it said it would vote next month, "
        "and late last year it approved a plan first floated in mid-March 2023, two years ago. "
        "Yesterday the mayor said the works, set for Saturday, will run until 30 June 2026."
    )
    assert find_mentions(text) == find_mentions_scan(text)
    assert len(find_mentions(text)) >= 9


# --- tense and resolution -------------------------------------------------------------------------------
def test_past_tense_weekday_is_the_most_recent_one() -> None:
    # 2025-03-23 is a Sunday
    assert resolved("The cabinet met on Saturday evening.", date(2025, 3, 23))["value"] == "2025-03-22"
    assert resolved("The minister said Thursday that talks had failed.", date(2025, 2, 6))["value"] == "2025-02-06"


def test_future_weekday_is_the_next_one() -> None:
    assert resolved("The next release of prisoners is set for Saturday.", date(2025, 2, 6))["value"] == "2025-02-08"
    assert resolved("The board will vote on Tuesday.", date(2025, 2, 6))["value"] == "2025-02-11"


def test_said_that_will_takes_the_nearest_cue() -> None:
    found = [m for m in mentions("She said on Monday that the union will strike on Friday.") if m.kind == "weekday"]
    anchor = date(2025, 2, 5)  # a Wednesday
    assert [resolve(m, anchor).as_dict()["value"] for m in found] == ["2025-02-03", "2025-02-07"]  # type: ignore[union-attr]


def test_last_and_next_weekday() -> None:
    assert resolved("It happened last Friday.", date(2025, 2, 7))["value"] == "2025-01-31"
    assert resolved("It happens next Friday.", date(2025, 2, 7))["value"] == "2025-02-14"


@pytest.mark.parametrize(
    ("text", "anchor", "first", "last"),
    [
        ("Prices rose last month.", date(2025, 3, 10), "2025-02-01", "2025-02-28"),
        ("Prices rose earlier this month.", date(2025, 3, 10), "2025-03-01", "2025-03-10"),
        ("Prices rose late last year.", date(2025, 3, 10), "2024-09-01", "2024-12-31"),
        ("Prices rose this year.", date(2025, 3, 10), "2025-01-01", "2025-12-31"),
        ("Prices rose last week.", date(2025, 3, 12), "2025-03-03", "2025-03-09"),
        ("Prices rose last weekend.", date(2025, 3, 12), "2025-03-08", "2025-03-09"),
        ("Prices rose in February.", date(2025, 3, 10), "2025-02-01", "2025-02-28"),
        ("Prices will fall in February.", date(2025, 3, 10), "2026-02-01", "2026-02-28"),
        ("Prices rose in mid-March.", date(2025, 3, 30), "2025-03-11", "2025-03-20"),
        ("Prices rose last summer.", date(2025, 3, 10), "2024-06-01", "2024-08-31"),
    ],
)
def test_relative_periods(text: str, anchor: date, first: str, last: str) -> None:
    out = resolved(text, anchor)
    assert (out["from"], out["to"]) == (first, last)


def test_month_day_without_year_follows_the_tense() -> None:
    assert resolved("The agency warned pharmacies on Nov. 27 about it.", date(2023, 12, 17))["value"] == "2023-11-27"
    assert resolved("The agency will rule on Jan. 5 about it.", date(2023, 12, 17))["value"] == "2024-01-05"


def test_ago() -> None:
    assert resolved("The plant closed three days ago.", date(2025, 3, 10))["value"] == "2025-03-07"


# --- the declared date -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "value", "problem"),
    [
        ("2025-03-23", date(2025, 3, 23), ""),
        ("2025-03-23T10:00:00Z", date(2025, 3, 23), ""),
        ("20250323", date(2025, 3, 23), ""),
        ("5 November 2024", date(2024, 11, 5), ""),
        ("Tue, 05 Nov 2024 10:00:00 GMT", date(2024, 11, 5), ""),
        ("2025-02-30", None, "impossible"),
        ("2025-13-01", None, "impossible"),
        ("2025-02", None, "incomplete"),
        ("November 2024", None, "incomplete"),
        ("last Tuesday-ish", None, "malformed"),
    ],
)
def test_parse_declared(raw: str, value: date | None, problem: str) -> None:
    d = parse_declared(raw)
    assert (d.value, d.problem) == (value, problem)


def test_a_timezone_name_dateutil_does_not_know_is_read_without_a_warning() -> None:
    # dateutil warns (and "in a future version" will raise) on zone names such as EDT; the date as
    # written is what a header declares, so the zone is not needed and no warning may reach the user.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_declared("Tue, 05 Nov 2024 23:30:00 EDT").value == date(2024, 11, 5)
        assert parse_declared("5 Nov 2024 10:00 CEST").value == date(2024, 11, 5)


# --- rules -------------------------------------------------------------------------------------------------
def test_dt002_future_and_too_old() -> None:
    assert hits(InvalidDate, " date 2026-11-23 Text.\n")[0].evidence["problem"] == "future"
    assert hits(InvalidDate, " date 2026-11-22 Text.\n") == []
    assert hits(InvalidDate, " date 1989-12-31 Text.\n")[0].evidence["problem"] == "too-old"
    assert hits(InvalidDate, " date 1989-12-31 Text.\n", earliest_year=1980) == []
    assert InvalidDateOptions().earliest_year == 1990


def test_dt002_span_is_the_header_value() -> None:
    text = "---\ntitle: T\ndate: 2025-02-30\n---\nBody.\n"
    (hit,) = hits(InvalidDate, text)
    assert text[hit.start : hit.end] == "2025-02-30"


def test_dt003_weekday_mismatch_and_late_past_event() -> None:
    (hit,) = hits(DateContradiction, "Pictured Friday, Feb. 6, 2025, in the square.\n")
    assert hit.evidence["actual"] == "Thursday"
    (late,) = hits(DateContradiction, " date 2024-05-01 The bridge was opened on May 20, 2024, by the mayor.\n")
    assert late.evidence["kind"] == "past-event-after-date"


def test_a_weekday_pins_the_year_of_a_month_day() -> None:
    # 2026-11-28 was a Saturday; 2025-11-28 a Friday: the stated weekday decides, not the past tense
    text = " date 2026-11-25 A memorial service was held on Saturday, Nov. 28, at the church.\n"
    (late,) = hits(DateContradiction, text)
    assert late.evidence["kind"] == "past-event-after-date"
    assert late.evidence["date"]["value"] == "2026-11-28"
    # without a weekday the past tense reads the month-day as last year's: no contradiction
    assert hits(DateContradiction, " date 2026-11-25 A memorial service was held on Nov. 28 at the church.\n") == []
    # a weekday that fits the year before is not a contradiction
    assert hits(DateContradiction, " date 2026-11-25 A memorial service was held on Friday, Nov. 28, 2025.\n") == []


def test_a_dateline_far_from_the_declared_date_is_a_contradiction() -> None:
    text = "Published: 2026-11-24\n\nLUSAKA, Nov 12 (Reuters) - The copper mine reopened after a two-week strike.\n"
    (hit,) = hits(DateContradiction, text)
    assert hit.evidence == {"kind": "dateline-disagrees", "declared": "2026-11-24", "dateline": "2026-11-12", "days_before": 12}
    assert text[hit.start : hit.end].startswith("LUSAKA, Nov 12")
    filed_then_published = "Published: 2026-11-14\n\nLUSAKA, Nov 12 (Reuters) - The copper mine reopened.\n"
    assert hits(DateContradiction, filed_then_published) == []
    assert hits(DateContradiction, filed_then_published.replace("2026-11-14", "2026-11-24"), dateline_days=14) == []
    from_the_future = "Published: 2026-11-10\n\nLUSAKA, Nov 12 (Reuters) - The copper mine reopened.\n"
    assert hits(DateContradiction, from_the_future)[0].evidence["days_before"] == -2


def test_dt003_tolerates_future_limits_and_one_day() -> None:
    assert hits(DateContradiction, " date 2024-05-01 The bridge will be opened on May 20, 2024.\n") == []
    assert hits(DateContradiction, " date 2024-05-01 The bridge is scheduled to open on May 20, 2024.\n") == []
    assert hits(DateContradiction, " date 2024-05-01 The road was closed until May 20, 2024.\n") == []
    assert hits(DateContradiction, " date 2024-05-01 The bridge was opened on May 2, 2024.\n") == []
    assert hits(DateContradiction, " date 2024-05-01 The bridge was opened on May 2, 2024.\n", tolerance_days=0) != []


def test_dt004_one_hit_per_relative_expression_with_what_it_would_mean() -> None:
    text = "MADRID, June 3 - Ministers said on Monday that fuel taxes fell last month.\n"
    found = hits(UnanchoredRelativeDate, text, path="in/2024-06-03-fuel.txt")
    assert [text[h.start : h.end] for h in found] == ["June 3", "on Monday", "last month"]
    assert found[1].evidence["if_dated"]["value"] == "2024-06-03"
    assert hits(UnanchoredRelativeDate, " date 2024-06-03 " + text) == []


def test_dt001_reports_the_best_recovered_candidate() -> None:
    text = "LISBON, March 4, 2024 (Reuters) - The port reopened.\n"
    (hit,) = hits(MissingDate, text)
    assert hit.evidence["best_candidate"]["value"] == "2024-03-04"
    assert hit.evidence["best_candidate"]["source"] == "dateline"
    assert hit.severity == Severity.WARNING  # the dateline dates the story; the header still lacks it
    (undated,) = hits(MissingDate, "The port reopened on Monday after the strike.\n")
    assert undated.severity is None  # the rule's own severity: error


def test_a_dateline_with_its_year_anchors_the_relative_dates() -> None:
    text = "DHAKA, Nov 21, 2026 (Reuters) - Garment workers marched on Saturday, police said.\n"
    assert hits(UnanchoredRelativeDate, text) == []
    assert hits(UnanchoredRelativeDate, "MADRID, June 3 - Ministers said on Monday that fuel taxes fell.\n") != []


@pytest.mark.parametrize(
    "top",
    [
        "Late header sends Riverside through\nBy Tom Ashby, Northern Sports Weekly\nSaturday 21 November 2026\n\n",
        "Study links walking to lower risk\n\nBy Dr. Ana Weiss | Health Desk, The Pacific Ledger | November 21, 2026\n\n",
        "Riverside through to the quarter-finals\nUpdated Nov. 21, 2026 9:30 a.m. ET\n\n",
    ],
)
def test_a_date_line_under_the_byline_dates_a_headerless_article(top: str) -> None:
    text = top + "Riverside won 2-1 on Saturday, and the draw for the next round is on Monday, the club said.\n"
    [missing] = hits(MissingDate, text)
    assert missing.severity == Severity.WARNING  # the file has no header date, but its text gives one
    assert missing.evidence["best_candidate"]["source"] == "byline"
    assert missing.evidence["best_candidate"]["value"] == "2026-11-21"
    assert hits(UnanchoredRelativeDate, text) == []


@pytest.mark.parametrize(
    "top",
    [
        "Riverside won the replay on 21 November 2026 after a goalless first match, the club said on Monday.\n\n",  # body text
        "By Tom Ashby, who covered the 21 November 2026 final\n\n",  # a date inside the byline, not set off
        "Saturday 21 November 2027\n\n",  # after the check date
    ],
)
def test_a_date_in_the_text_or_a_future_date_line_is_no_date_line(top: str) -> None:
    text = top + "Riverside won 2-1 on Saturday, and the draw for the next round is on Monday, the club said.\n"
    [missing] = hits(MissingDate, text)
    assert missing.severity is None  # the rule's own: an error
    assert hits(UnanchoredRelativeDate, text) != []


# --- recovery in one file ---------------------------------------------------------------------------------------
def test_candidates_agree_and_filename_counts() -> None:
    a = analyse(
        Article.from_text("Crowds gathered in the square, Monday, March 3, 2025. (AP Photo/Jane Roe)\n\nIt rained.\n", "news/20250303.txt"),
        TODAY,
    )
    assert a.info.value == "2025-03-03"
    assert {c.source for c in a.info.candidates} == {"body", "filename"}
    assert a.info.confidence > 0.75
    assert "2 sources agree" in a.info.reason


def test_future_header_loses_to_evidence() -> None:
    a = analyse(Article.from_text(" date 2027-01-01 BERLIN, Feb 26, 2025 (Reuters) - Talks ended.\n"), TODAY)
    assert a.info.value == "2025-02-26"


# --- seeds ------------------------------------------------------------------------------------------------
def seed_articles(seeds: Path) -> dict[str, Article]:
    return {p.name[:3]: Article.from_text(p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in sorted(seeds.glob("*.txt"))}


def test_seeds_dt001_only_on_undated_and_no_contradictions(seeds: Path) -> None:
    arts = seed_articles(seeds)
    assert {k for k, a in arts.items() if hits_on(MissingDate, a)} == {"001", "004"}
    assert all(hits_on(DateContradiction, a) == [] for a in arts.values())
    assert all(hits_on(InvalidDate, a) == [] for a in arts.values())


def hits_on(rule_cls: type[Any], article: Article) -> list[Hit]:
    return run_rule(rule_cls(CONTEXT), article)


def test_seed_000_saturday_evening(seeds: Path) -> None:
    a = analyse(seed_articles(seeds)["000"], TODAY)
    values = {m.text: r.as_dict().get("value") for m, r in a.resolutions if r is not None}
    assert values["on Saturday evening"] == "2025-03-22"


def test_seed_003_captions_agree_with_header(seeds: Path) -> None:
    a = analyse(seed_articles(seeds)["003"], TODAY)
    assert a.info.value == "2025-02-06" and a.info.source == "header"
    captions = [c for c in a.info.candidates if c.source == "body" and c.value == "2025-02-06"]
    assert captions and captions[0].confidence >= 0.6
    assert "agreed by caption" in a.info.reason


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def neighbours_for(arts: dict[str, Article]) -> dict[str, list[dict[str, Any]]]:
    """What the duplication family publishes, computed here with plain 5-word shingles."""
    sh = {a.path: _shingles(a.body) for a in arts.values()}
    out: dict[str, list[dict[str, Any]]] = {}
    for p, s in sh.items():
        for q, t in sh.items():
            if p == q or not s or not t:
                continue
            inter = len(s & t)
            containment = inter / len(s)  # how much of this file the other one holds
            if containment >= 0.25:
                out.setdefault(p, []).append(
                    {"path": q, "ref": q, "jaccard": inter / len(s | t), "containment": containment, "date": None, "source": "run"}
                )
    return out


def run_recovery(arts: dict[str, Article], neighbours: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    analyzer = DatesAnalyzer(CONTEXT)
    recovery = DateRecovery(CONTEXT)
    provenance: dict[str, Provenance] = {}
    digests: dict[str, Any] = {}
    for a in arts.values():
        provenance[a.path] = Provenance(date=analyzer.analyze(a).provenance["date"])
        digest = recovery.collect(a)
        if digest is not None:
            digests[a.path] = digest
    corpus = Corpus(digests, None, provenance, {NEIGHBOURS_KEY: neighbours})
    return {path: c for path, c in recovery.analyze_corpus(corpus)}


def test_seed_004_recovers_its_date_from_near_copy_003(seeds: Path) -> None:
    arts = seed_articles(seeds)
    out = run_recovery(arts, neighbours_for(arts))
    assert set(out) == {"seeds/004_80e1f4bbf5611b8d.txt"}
    contribution = out["seeds/004_80e1f4bbf5611b8d.txt"]
    info: DateInfo = contribution.provenance["date"]
    assert (info.value, info.source) == ("2025-02-06", "near-duplicate")
    assert "003_e83cd346e07eb6a8" in info.candidates[-1].text
    rel = contribution.details["relative"]
    thursdays = [r for r in rel if "Thursday" in r["text"]]
    assert thursdays and all(r["value"] == "2025-02-06" for r in thursdays)
    assert next(r for r in rel if r["text"] == "Saturday")["value"] == "2025-02-08"  # "set for Saturday"
    assert contribution.details["weekday_check"]["naming_the_date"] >= 5


def test_recovery_ignores_undeclared_or_weak_neighbours() -> None:
    dated = Article.from_text("Officials said on Thursday that the dam held.\n", "a.txt")
    undated = Article.from_text("Officials said on Thursday that the dam held firm.\n", "b.txt")
    arts = {"a": dated, "b": undated}
    near = {"b.txt": [{"path": "a.txt", "ref": "a.txt", "jaccard": 0.8, "containment": 0.9, "date": None, "source": "run"}]}
    assert run_recovery(arts, near) == {}  # a.txt declares no date either
    weak = {"b.txt": [{"path": None, "ref": "archive:17", "jaccard": 0.1, "containment": 0.1, "date": "2024-01-04", "source": "index"}]}
    assert run_recovery(arts, weak) == {}
    strong = {"b.txt": [{"path": None, "ref": "archive:17", "jaccard": 0.7, "containment": 0.95, "date": "2024-01-04", "source": "index"}]}
    out = run_recovery(arts, strong)
    info = out["b.txt"].provenance["date"]
    assert info.value == "2024-01-04" and info.confidence >= 0.8  # a Thursday, named in the text


# --- naeb ---------------------------------------------------------------------------------------------------
def test_naeb_dt002_dt003_rarely_fire(corpora: Path) -> None:
    rows = [json.loads(line) for line in (corpora / "naeb" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fired = 0
    for row in rows:
        if not row.get("date"):
            continue
        article = Article.from_text(f" date {row['date']} {row['text']}", f"{row['id']}.txt")
        if hits_on(InvalidDate, article) or hits_on(DateContradiction, article):
            fired += 1
        scan = [m for m in find_mentions_scan(article.text, article.body_start) if not m.text.isupper()]  # (all-capitals: not triggered)
        assert [m for m in find_mentions(article.text, article.body_start) if not m.text.isupper()] == scan
    assert fired / len(rows) < 0.02


def test_dateline_date_is_not_counted_twice() -> None:
    a = analyse(Article.from_text("LISBON, March 4, 2024 (Reuters) - The port reopened on Monday.\n", "x/20240304.txt"), TODAY)
    assert sorted(c.source for c in a.info.candidates) == ["dateline", "filename"]
    assert a.info.value == "2024-03-04" and "Monday" in a.info.reason


def test_dt001_names_the_date_recovered_from_a_near_copy(seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """004 has no date of its own; its DT001 finding names the date of its dated near-copy 003."""
    import json

    from checker.cli import main
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    out = tmp_path / "reports"
    main(["check", "seeds/", "--reports-dir", str(out), "-q", "--jobs", "1", "--today", "2026-11-22"])
    report = json.loads((out / "004_80e1f4bbf5611b8d.txt.json").read_text(encoding="utf-8"))
    (dt001,) = [f for f in report["findings"] if f["rule"] == "DT001"]
    assert dt001["evidence"]["best_candidate"]["value"] == "2025-02-06"
    assert dt001["evidence"]["best_candidate"]["source"] == "near-duplicate"
    assert report["provenance"]["date"]["value"] == "2025-02-06"


def test_an_all_numeric_header_date_that_reads_both_ways_is_flagged_as_ambiguous() -> None:
    info = analyse(Article.from_text("Date: 03/10/2026\n\nThe council met.\n"), TODAY).info
    assert info.value == "2026-03-10" and info.confidence < 0.9
    assert "ambiguous" in info.reason and "2026-10-03" in info.reason
    clear = analyse(Article.from_text("Date: 03/25/2026\n\nThe council met.\n"), TODAY).info
    assert clear.value == "2026-03-25" and "ambiguous" not in clear.reason


def test_a_press_release_dateline_gives_the_date() -> None:
    text = "TAYLOR, Texas, Sept. 9, 2026 /PRNewswire/ -- Voltaris Energy, Inc. today opened a battery plant.\n"
    info = analyse(Article.from_text(text), TODAY).info
    assert (info.value, info.source) == ("2026-09-09", "dateline")


def test_a_past_verb_before_to_and_a_place_or_number_stays_past() -> None:
    assert [m.tense for m in mentions("The couple moved to Waconia in 1962, and she began teaching.")] == ["past"]
    assert [m.tense for m in mentions("Unemployment climbed to 15 percent in March, the office said.")] == ["past"]
    assert [m.tense for m in mentions("The fare climbed to $15 in March, the office said.")] == ["past"]
    assert [m.tense for m in mentions("The council agreed to meet on Friday.")] == ["future"]


def test_an_ambiguous_numeric_header_is_read_the_way_the_dateline_confirms() -> None:
    text = "Date: 03/10/2026\n\nLONDON, Oct. 3, 2026 (Reuters) - The bank raised rates.\n"
    a = analyse(Article.from_text(text), TODAY)
    assert a.declared_date == date(2026, 10, 3) and "day first" in a.info.reason
    assert hits(DateContradiction, text) == []
    assert parse_declared("3/03/2026").detail == "" and parse_declared("3-10-2026").alternative == date(2026, 10, 3)


def test_a_late_dateline_is_one_contradiction_not_two() -> None:
    text = "Published: 2026-03-10\n\nLONDON, Oct. 3, 2026 (Reuters) - The bank raised rates.\n"
    assert [h.evidence["kind"] for h in hits(DateContradiction, text)] == ["dateline-disagrees"]
