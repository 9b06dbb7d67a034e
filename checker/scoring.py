"""Scores and verdicts (policy in :class:`checker.config.Scoring` and :class:`~checker.config.Thresholds`).

* A finding costs its severity's weight; each further finding of the same rule costs half the
  previous one, so one rule costs at most twice its weight however often it fires.
* A family score is ``100 - cost`` of the family's findings, floored at 0; unless the family's
  analyzer supplies its own score as the metric ``<family>.family_score`` (attribution: the weighted share
  of claim sentences with no named source), which may be null: the family was not checked.
* The overall score is the weighted mean of the family scores that are not null.
* Verdict: ``reject`` when the overall score is under ``reject_below`` or any family under
  ``family_reject_below`` (or its own limit in ``thresholds.families``); else ``review`` when
  under ``review_below`` / ``family_review_below``, or (with ``review_on_error``) when any finding
  is an error; else ``pass``. A file that could not be read at all gets ``error``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from checker.config import Config
from checker.models import Family, Finding, Scores, Severity, Verdict


def score(findings: list[Finding], config: Config, metrics: Mapping[str, object] | None = None) -> Scores:
    weights = config.scoring.weights
    cost: dict[Family, float] = defaultdict(float)
    seen: Counter[str] = Counter()
    # Costliest first, so a rule's first (full-price) finding is its most severe one.
    for f in sorted(findings, key=lambda f: -f.severity.rank):
        n = seen[f.rule]
        seen[f.rule] += 1
        cost[f.family] += weights.get(f.severity, 0.0) * 0.5**n
    family_scores: dict[Family, int | None] = {fam: max(0, round(100 - cost[fam])) for fam in Family}
    for fam in Family:
        key = f"{fam.value}.family_score"
        if metrics is not None and key in metrics:  # the family's own score (None: not checked)
            own = metrics[key]
            family_scores[fam] = max(0, min(100, round(own))) if isinstance(own, int | float) else None
    fw = config.scoring.family_weights
    scored = [f for f in Family if family_scores[f] is not None]
    total_w = sum(fw.get(f, 1.0) for f in scored) or 1.0
    overall = round(sum((family_scores[f] or 0) * fw.get(f, 1.0) for f in scored) / total_w)
    return Scores(**{f.value: s for f, s in family_scores.items()}, overall=overall)


def verdict(scores: Scores, findings: list[Finding], config: Config) -> Verdict:
    t = config.thresholds
    limits = {f: t.family_limits(f) for f in Family}
    fams = {f: getattr(scores, f.value) for f in Family}
    fams = {f: s for f, s in fams.items() if s is not None}  # a family not checked sets no limit
    if scores.overall < t.reject_below or any(s < limits[f][1] for f, s in fams.items()):
        return Verdict.REJECT
    if scores.overall < t.review_below or any(s < limits[f][0] for f, s in fams.items()):
        return Verdict.REVIEW
    if t.review_on_error and any(f.severity is Severity.ERROR for f in findings):
        return Verdict.REVIEW
    return Verdict.PASS
