"""Every registered rule's own examples: each must-fire example fires, each must-not-fire stays quiet."""

from __future__ import annotations

from datetime import date

import pytest

from checker import registry
from checker.article import Article
from checker.rule import CorpusRule, DocumentRule, Example, Hit, Rule, RunContext

RULES = registry.load().rules
CONTEXT = RunContext(today=date(2026, 11, 22))
MIN_EXAMPLES = 2


def hits_for(rule_cls: type[Rule], example: Example) -> list[Hit]:
    rule = rule_cls(CONTEXT, rule_cls.Options.model_validate(example.options))
    article = Article.from_text(example.text, example.path)
    if isinstance(rule, DocumentRule):
        return list(rule.check(article))
    assert isinstance(rule, CorpusRule)
    from checker.rule import Corpus

    digests = {}
    for i, text in enumerate((example.text, *example.others)):
        path = example.path if i == 0 else f"other-{i}.txt"
        digest = rule.collect(article if i == 0 else Article.from_text(text, path))
        if digest is not None:
            digests[path] = digest
    return [hit for path, hit in rule.check_corpus(Corpus(digests)) if path == example.path]


def _cases(which: str) -> list[tuple[type[Rule], Example]]:
    return [(r, e) for r in RULES for e in r.examples(which)]


def _id(case: object) -> str:
    return case.id if isinstance(case, type) and issubclass(case, Rule) else ""


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule: type[Rule]) -> None:
    assert len(rule.examples("fire")) >= MIN_EXAMPLES, f"{rule.id} needs at least {MIN_EXAMPLES} must-fire examples"
    assert len(rule.examples("quiet")) >= MIN_EXAMPLES, f"{rule.id} needs at least {MIN_EXAMPLES} must-not-fire examples"


@pytest.mark.parametrize(("rule", "example"), _cases("fire"), ids=_id)
def test_fire_examples_fire(rule: type[Rule], example: Example) -> None:
    hits = hits_for(rule, example)
    assert hits, f"{rule.id} did not fire on:\n{example.text}"
    for hit in hits:
        if hit.start is not None:
            assert hit.end is not None and 0 <= hit.start <= hit.end <= len(example.text)


@pytest.mark.parametrize(("rule", "example"), _cases("quiet"), ids=_id)
def test_quiet_examples_stay_quiet(rule: type[Rule], example: Example) -> None:
    hits = hits_for(rule, example)
    assert not hits, f"{rule.id} fired on a must-not-fire example: {[h.message for h in hits]}\n{example.text}"
