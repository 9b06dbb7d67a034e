"""Scores and verdicts (policy in :class:`checker.config.Scoring` and :class:`~checker.config.Thresholds`).

* A finding costs its severity's weight; each further finding of the same rule costs half the
  previous one, so one rule costs at most twice its weight however often it fires.
* A family score is ``100 - cost`` of the family's findings, floored at 0.
* The overall score is the weighted mean of the family scores.
* Verdict: ``reject`` when the overall score is under ``reject_below`` or any family under
  ``family_reject_below`` (or its own limit in ``thresholds.families``); else ``review`` when
  under ``review_below`` / ``family_review_below``, or (with ``review_on_error``) when any finding
  is an error; else ``pass``. A file that could not be read at all gets ``error``.
* A report lists at most ``max_findings_per_rule`` findings of one rule (:func:`listed`): the most
  serious, then the first in the file; the others are counted in ``findings_omitted``. Scores and
  verdicts are computed from every finding first.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from checker.config import Config
from checker.models import Family, Finding, Scores, Severity, Verdict


def score(findings: list[Finding], config: Config) -> Scores:
    weights = config.scoring.weights
    cost: dict[Family, float] = defaultdict(float)
    seen: Counter[str] = Counter()
    # Costliest first, so a rule's first (full-price) finding is its most severe one.
    for f in sorted(findings, key=lambda f: -f.severity.rank):
        n = seen[f.rule]
        seen[f.rule] += 1
        cost[f.family] += weights.get(f.severity, 0.0) * 0.5**n
    family_scores = {fam: max(0, round(100 - cost[fam])) for fam in Family}
    fw = config.scoring.family_weights
    total_w = sum(fw.get(f, 1.0) for f in Family) or 1.0
    overall = round(sum(family_scores[f] * fw.get(f, 1.0) for f in Family) / total_w)
    return Scores(**{f.value: s for f, s in family_scores.items()}, overall=overall)


def verdict(scores: Scores, findings: list[Finding], config: Config) -> Verdict:
    t = config.thresholds
    limits = {f: t.family_limits(f) for f in Family}
    if scores.overall < t.reject_below or any(getattr(scores, f.value) < limits[f][1] for f in Family):
        return Verdict.REJECT
    if scores.overall < t.review_below or any(getattr(scores, f.value) < limits[f][0] for f in Family):
        return Verdict.REVIEW
    if t.review_on_error and any(f.severity is Severity.ERROR for f in findings):
        return Verdict.REVIEW
    return Verdict.PASS


def listed(findings: list[Finding], limit: int) -> tuple[list[Finding], dict[str, int]]:
    """The findings a report lists, in their order, and per rule how many are left out: of a rule with
    more than ``limit`` findings, its ``limit`` most severe (then first) ones."""
    by_rule: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        by_rule[f.rule].append(i)
    over = {rule: idx for rule, idx in by_rule.items() if len(idx) > limit}
    if not over:
        return findings, {}
    dropped: set[int] = set()
    for idx in over.values():
        dropped.update(sorted(idx, key=lambda i: (-findings[i].severity.rank, i))[limit:])
    return [f for i, f in enumerate(findings) if i not in dropped], {rule: len(idx) - limit for rule, idx in sorted(over.items())}
