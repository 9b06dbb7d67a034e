"""Scores and verdicts (policy in :class:`checker.config.Scoring` and :class:`~checker.config.Thresholds`).

* A finding costs its severity's weight; each further finding of the same rule costs half the
  previous one, so one rule costs at most twice its weight however often it fires.
* A family score is ``100 - cost`` of the family's findings, floored at 0; unless the family's
  analyzer supplies its own score as the metric ``<family>.family_score`` (attribution: the weighted share
  of claim sentences with no named source), which may be null: the family was not checked.
* A family none of whose rules is selected (``--select``, ``--ignore``) was not checked: its score
  is null, as is the overall score when no family has one.
* The overall score is the weighted mean of the family scores that are not null.
* Verdict: ``reject`` when the overall score is under ``reject_below`` or any family under
  ``family_reject_below`` (or its own limit in ``thresholds.families``); else ``review`` when
  under ``review_below`` / ``family_review_below``, or (with ``review_on_error``) when any finding
  is an error; else ``pass``. A file that could not be read at all gets ``error``.
* A report lists at most ``max_findings_per_rule`` findings of one rule (:func:`listed`; a document
  rule's also as they are made, :class:`Bounded`): the most serious, then the first in the file;
  the others are counted in ``findings_omitted``. The scores and verdicts are those of every finding
  (the ones never held cost at most 2**-64 of the rule's weight).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping

from checker.config import Config
from checker.models import Family, Finding, Scores, Severity, Verdict


def score(
    findings: list[Finding], config: Config, metrics: Mapping[str, object] | None = None, checked: Collection[Family] = tuple(Family)
) -> Scores:
    """The family scores (null for a family not ``checked``: no rule of it selected) and the overall."""
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
    for fam in Family:
        if fam not in checked:
            family_scores[fam] = None
    fw = config.scoring.family_weights
    scored = [f for f in Family if family_scores[f] is not None]
    total_w = sum(fw.get(f, 1.0) for f in scored)
    overall = round(sum((family_scores[f] or 0) * fw.get(f, 1.0) for f in scored) / total_w) if total_w else None
    return Scores(**{f.value: s for f, s in family_scores.items()}, overall=overall)


def verdict(scores: Scores, findings: list[Finding], config: Config) -> Verdict:
    t = config.thresholds
    limits = {f: t.family_limits(f) for f in Family}
    fams = {f: getattr(scores, f.value) for f in Family}
    fams = {f: s for f, s in fams.items() if s is not None}  # a family not checked sets no limit
    overall = 100 if scores.overall is None else scores.overall  # no family checked: no limit either
    if overall < t.reject_below or any(s < limits[f][1] for f, s in fams.items()):
        return Verdict.REJECT
    if overall < t.review_below or any(s < limits[f][0] for f, s in fams.items()):
        return Verdict.REVIEW
    if t.review_on_error and any(f.severity is Severity.ERROR for f in findings):
        return Verdict.REVIEW
    return Verdict.PASS


def order_key(f: Finding) -> tuple[int, str, int, str]:
    """The order of a report's findings: by position (whole-file findings first), rule, end, message."""
    return (f.span.start if f.span else -1, f.rule, f.span.end if f.span else -1, f.message)


def listed(findings: list[Finding], limit: int, omitted: dict[str, int] | None = None) -> tuple[list[Finding], dict[str, int]]:
    """The findings a report lists, in their order, and per rule how many are left out (added to
    ``omitted``, the counts of findings already left out as they were made): of a rule with more
    than ``limit`` findings, its ``limit`` most severe (then first) ones."""
    out = dict(omitted or {})
    by_rule: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        by_rule[f.rule].append(i)
    over = {rule: idx for rule, idx in by_rule.items() if len(idx) > limit}
    dropped: set[int] = set()
    for rule, idx in over.items():
        dropped.update(sorted(idx, key=lambda i: (-findings[i].severity.rank, i))[limit:])
        out[rule] = out.get(rule, 0) + len(idx) - limit
    shown = [f for i, f in enumerate(findings) if i not in dropped] if dropped else findings
    return shown, dict(sorted(out.items()))


# A document rule's findings are held, as they are made, up to max_findings_per_rule or this many,
# whichever is larger: the next one would cost 2**-64 of the rule's weight, so the scores are those
# of every finding; :func:`listed` then keeps max_findings_per_rule of them.
HELD = 64


class Bounded:
    """The findings of one rule in one file as they are made, holding at most ``max(limit, HELD)``:
    the most severe, then the first in report order (what :func:`listed` keeps), and a count of the
    rest. The findings left out are the least severe and cost nothing a score can show, so neither
    the scores nor the verdict change; a file with 100,000 findings of one rule never holds them all."""

    def __init__(self, limit: int) -> None:
        self.limit = max(limit, HELD)
        self.left = 0
        self._heap: list[_Worse] = []

    def add(self, f: Finding) -> None:
        item = _Worse((-f.severity.rank, order_key(f), self.left + len(self._heap)), f)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
            return
        self.left += 1
        if item.key < self._heap[0].key:
            heapq.heapreplace(self._heap, item)

    def findings(self) -> list[Finding]:
        return [item.finding for item in sorted(self._heap, key=lambda item: item.key[2])]


class _Worse:
    """A heap item; the heap's top is the finding least worth keeping (the largest key)."""

    __slots__ = ("finding", "key")

    def __init__(self, key: tuple[int, tuple[int, str, int, str], int], finding: Finding) -> None:
        self.key = key
        self.finding = finding

    def __lt__(self, other: _Worse) -> bool:
        return self.key > other.key
