"""Discovery of rules and analyzers through the entry-point group ``provcheck.rules``.

Built-in families register themselves in ``pyproject.toml`` exactly as a third-party pack would::

    [project.entry-points."provcheck.rules"]
    dates = "rules.dates"

The module (or object) an entry point names lists its plug-ins in ``RULES`` and ``ANALYZERS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

from checker.models import FAMILY_PREFIX
from checker.rule import Analyzer, Archiver, CorpusAnalyzer, CorpusRule, DocumentRule, Rule, RunContext

GROUP = "provcheck.rules"
_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RegistryError(Exception):
    pass


@dataclass(frozen=True)
class Registry:
    rules: tuple[type[Rule], ...]
    analyzers: tuple[type[Analyzer] | type[CorpusAnalyzer], ...]

    def rule(self, rule_id: str) -> type[Rule] | None:
        wanted = rule_id.upper()
        for rule in self.rules:
            if rule.id == wanted or rule.name == rule_id.lower():
                return rule
        return None


@cache
def load() -> Registry:
    """Every installed rule and analyzer, sorted by id / name."""
    modules = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            modules.append((ep.name, ep.load()))
        except Exception as exc:  # a broken plug-in must say which one it is
            raise RegistryError(f"cannot load rule plug-in {ep.name!r} ({ep.value}): {exc}") from exc
    if not modules:
        raise RegistryError("no rules are installed: install provcheck (pip install -e .) so its entry points exist")
    return build(modules)


def archivers(context: RunContext | None = None) -> dict[str, Archiver]:
    """Every installed corpus rule and corpus analyzer that keeps a store in the archive index, by
    store name (one plug-in per store)."""
    from datetime import date

    ctx = context or RunContext(today=date.today())
    out: dict[str, Archiver] = {}
    reg = load()
    for cls in (*reg.analyzers, *reg.rules):
        schema = getattr(cls, "archive_schema", None)
        if schema is None:
            continue
        if schema.name in out:
            raise RegistryError(f"archive store {schema.name!r} is declared twice ({type(out[schema.name]).__name__} and {cls.__name__})")
        plugin = cls(ctx)
        assert isinstance(plugin, Archiver)
        out[schema.name] = plugin
    return out


def build(modules: list[tuple[str, object]]) -> Registry:
    rules: dict[str, type[Rule]] = {}
    analyzers: dict[str, type[Analyzer] | type[CorpusAnalyzer]] = {}
    for ep_name, module in modules:
        for rule in getattr(module, "RULES", ()):
            _validate(rule, ep_name)
            if rule.id in rules and rules[rule.id] is not rule:
                raise RegistryError(f"rule id {rule.id} is defined twice ({ep_name} and {rules[rule.id].__module__})")
            rules[rule.id] = rule
        for analyzer in getattr(module, "ANALYZERS", ()):
            if not (isinstance(analyzer, type) and issubclass(analyzer, (Analyzer, CorpusAnalyzer))):
                raise RegistryError(f"{ep_name}: {analyzer!r} in ANALYZERS is not an Analyzer")
            analyzers[analyzer.name] = analyzer
    names = [r.name for r in rules.values()]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise RegistryError(f"rule names defined twice: {', '.join(sorted(dupes))}")
    return Registry(tuple(sorted(rules.values(), key=lambda r: r.id)), tuple(sorted(analyzers.values(), key=lambda a: a.name)))


def _validate(rule: object, ep_name: str) -> None:
    if not (isinstance(rule, type) and issubclass(rule, (DocumentRule, CorpusRule))):
        raise RegistryError(f"{ep_name}: {rule!r} in RULES is not a DocumentRule or CorpusRule")
    for attr in ("id", "name", "family", "severity", "summary", "rationale"):
        if not getattr(rule, attr, None):
            raise RegistryError(f"{ep_name}: rule {rule.__name__} has no {attr}")
    if not _ID.match(rule.id):
        raise RegistryError(f"{ep_name}: rule id {rule.id!r} is not a prefix of capitals and three digits")
    if not _NAME.match(rule.name):
        raise RegistryError(f"{ep_name}: rule name {rule.name!r} is not kebab-case")
    builtin_prefix = FAMILY_PREFIX.get(rule.family)
    if rule.__module__.startswith("rules.") and builtin_prefix and not rule.id.startswith(builtin_prefix):
        raise RegistryError(f"{ep_name}: built-in rule {rule.id} of family {rule.family} must start with {builtin_prefix}")
