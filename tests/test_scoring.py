"""Scores fall with findings, repeats of one rule cost less and less, verdicts follow the thresholds."""

from __future__ import annotations

from checker import config
from checker.models import Family, Finding, Severity, Verdict
from checker.scoring import score, verdict


def _f(rule: str, family: Family, severity: Severity) -> Finding:
    return Finding(rule=rule, name="x", family=family, severity=severity, message="m")


def test_clean_article_scores_100_and_passes() -> None:
    cfg = config.Config()
    s = score([], cfg)
    assert s.overall == 100 and all(getattr(s, f.value) == 100 for f in Family)
    assert verdict(s, [], cfg) is Verdict.PASS


def test_repeats_of_one_rule_are_bounded_but_a_second_rule_counts() -> None:
    cfg = config.Config()
    many = [_f("AT001", Family.ATTRIBUTION, Severity.WARNING) for _ in range(40)]
    assert score(many, cfg).attribution == 84  # 100 - 8 * (1 + 1/2 + 1/4 + ...) -> at most 16
    two_rules = [*many, _f("AT002", Family.ATTRIBUTION, Severity.WARNING)]
    assert score(two_rules, cfg).attribution == 76


def test_error_means_review_and_family_thresholds_reject() -> None:
    cfg = config.Config()
    one_error = [_f("DT001", Family.DATES, Severity.ERROR)]
    s = score(one_error, cfg)
    assert s.dates == 75 and s.overall == 95
    assert verdict(s, one_error, cfg) is Verdict.REVIEW
    strict = config.parse({"thresholds": {"families": {"dates": {"review_below": 90, "reject_below": 80}}}})
    assert verdict(s, one_error, strict) is Verdict.REJECT
    lenient = config.parse({"thresholds": {"review_on_error": False}})
    assert verdict(s, one_error, lenient) is Verdict.PASS


def test_a_family_can_supply_its_own_score_or_none() -> None:
    cfg = config.Config()
    many = [_f("AT001", Family.ATTRIBUTION, Severity.WARNING) for _ in range(40)]
    s = score(many, cfg, {"attribution.family_score": 55})
    assert s.attribution == 55  # the family's own score, not its findings' cost
    assert s.overall == round((100 * 4 + 55) / 5)
    unchecked = score(many, cfg, {"attribution.family_score": None})
    assert unchecked.attribution is None
    assert unchecked.overall == 100  # the mean of the families that were checked
    assert verdict(unchecked, many, cfg) is Verdict.PASS
    low = score([], cfg, {"attribution.family_score": 20})
    assert verdict(low, [], cfg) is Verdict.REJECT  # under family_reject_below (30)
