"""Discovery of rules and analyzers through the entry-point group ``provcheck.rules``.

Built-in families register themselves in ``pyproject.toml`` exactly as a third-party pack would::

    [project.entry-points."provcheck.rules"]
    dates = "rules.dates"

The module (or object) an entry point names lists its plug-ins in ``RULES`` and ``ANALYZERS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
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
class Needed:
    """What one run's selection needs (:meth:`Registry.needed`), by analyzer name."""

    document: frozenset[str]  # analyzers whose per-file half runs
    corpus: frozenset[str]  # corpus analyzers whose corpus half (collect and analyze_corpus) runs
    reported: frozenset[str]  # analyzers whose metrics and details go to the report


@dataclass(frozen=True)
class Registry:
    rules: tuple[type[Rule], ...]
    analyzers: tuple[type[Analyzer] | type[CorpusAnalyzer], ...]
    # analyzer name -> the ids of the rules its plug-in module lists (the rules it computes for)
    serves: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    def needed(self, enabled: Callable[[str], bool], everything: bool = False) -> Needed:
        """The analyzers a run with these rules enabled must run, so that ``--select`` and ``--ignore``
        save the work of what they turn off. An analyzer is *reported* (its metrics and details go
        to the report) when a rule of its module is enabled, or its module lists no rules (its output
        is the report's own); it is *needed* when reported, or when a needed analyzer reads its
        output: ``needs`` names analyzers whose per-file output (provenance, metrics) it reads,
        ``after`` corpus analyzers whose ``corpus.shared`` output its corpus half reads. A needed
        analyzer that is not reported still fills the report's provenance block (which corpus
        analyzers read), but adds no metrics or details. ``everything``: every analyzer, reported
        (``index add``, whose stores hold every plug-in's digests)."""
        by_name = {a.name: a for a in self.analyzers}
        reported = {a.name for a in self.analyzers if everything or not self.serves.get(a.name) or any(map(enabled, self.serves[a.name]))}
        document: set[str] = set()
        corpus: set[str] = set()
        todo = [(name, half) for name in reported for half in ("document", "corpus")]
        while todo:
            name, half = todo.pop()
            cls = by_name.get(name)
            if cls is None:  # a pack named in `needs` or `after` but not installed: nothing to run
                continue
            kind = Analyzer if half == "document" else CorpusAnalyzer
            done = document if half == "document" else corpus
            if not issubclass(cls, kind) or name in done:
                continue
            done.add(name)
            todo += [(n, "document") for n in cls.needs]
            if half == "corpus":
                todo += [(n, "corpus") for n in getattr(cls, "after", ())]
        return Needed(frozenset(document), frozenset(corpus), frozenset(reported))

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
    serves: dict[str, tuple[str, ...]] = {}
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
            serves[analyzer.name] = tuple(r.id for r in getattr(module, "RULES", ()))
    names = [r.name for r in rules.values()]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise RegistryError(f"rule names defined twice: {', '.join(sorted(dupes))}")
    return Registry(tuple(sorted(rules.values(), key=lambda r: r.id)), tuple(sorted(analyzers.values(), key=lambda a: a.name)), serves)


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
