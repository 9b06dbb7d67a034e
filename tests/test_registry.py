"""Rules are discovered through the provcheck.rules entry points, built-in and third-party alike."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import registry
from checker.models import Family, Severity
from checker.registry import RegistryError
from checker.rule import DocumentRule, Hit
from tests.test_rule_examples import MIN_EXAMPLES

PLUGIN = '''
from checker.models import Family, Severity
from checker.rule import DocumentRule, Hit

class Shouting(DocumentRule):
    id = "XX001"
    name = "shouting"
    family = Family.PROVENANCE
    severity = Severity.INFO
    summary = "Words in capitals."
    rationale = "A test plug-in."
    fire = ("STOP the press.", "It was VERY loud.")
    quiet = ("Stop the press.", "It was loud.")

    def check(self, article):
        for w in article.words:
            word = article.slice(w)
            if len(word) > 3 and word.isupper():
                yield Hit("capitals", w.start, w.end)

RULES = [Shouting]
'''


@pytest.fixture
def third_party(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "shoutrules.py").write_text(PLUGIN)
    dist = tmp_path / "shoutrules-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shoutrules\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(textwrap.dedent("[provcheck.rules]\nshout = shoutrules\n"))
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.load.cache_clear()
    yield
    registry.load.cache_clear()
    sys.modules.pop("shoutrules", None)


def test_builtin_families_are_discovered() -> None:
    families = {r.family for r in registry.load().rules}
    assert {Family.DATES, Family.DUPLICATION} <= families


def test_third_party_pack_is_discovered_like_a_builtin(third_party: None) -> None:
    reg = registry.load()
    rule = reg.rule("XX001")
    assert rule is not None and reg.rule("shouting") is rule
    assert reg.rule("DT001") is not None


def _rule(**overrides: object) -> type[DocumentRule]:
    attrs: dict[str, object] = {
        "id": "ZZ001",
        "name": "zed",
        "family": Family.DATES,
        "severity": Severity.INFO,
        "summary": "s",
        "rationale": "r",
        "fire": ("a", "b"),
        "quiet": ("c", "d"),
        "check": lambda self, article: iter([Hit("x")]),
    }
    attrs.update(overrides)
    return type("Zed", (DocumentRule,), attrs)


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [({"id": "Z1"}, "three digits"), ({"name": "Zed Rule"}, "kebab-case"), ({"rationale": ""}, "no rationale")],
)
def test_malformed_rules_are_refused(overrides: dict[str, object], needle: str) -> None:
    module = type("M", (), {"RULES": [_rule(**overrides)]})
    with pytest.raises(RegistryError, match=needle):
        registry.build([("bad", module)])


def test_duplicate_ids_are_refused() -> None:
    module = type("M", (), {"RULES": [_rule(), _rule(name="other")]})
    with pytest.raises(RegistryError, match="defined twice"):
        registry.build([("dup", module)])


def test_example_check_fails_a_rule_without_examples() -> None:
    bare = _rule(fire=(), quiet=())
    assert len(bare.examples("fire")) < MIN_EXAMPLES  # the test in test_rule_examples.py would fail it
    from tests.test_rule_examples import test_rule_has_examples

    with pytest.raises(AssertionError, match="must-fire"):
        test_rule_has_examples(bare)
