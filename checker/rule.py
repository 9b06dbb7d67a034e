"""The rule API.

Four kinds of plug-in, all discovered through the entry-point group ``provcheck.rules`` (a module
that lists them in ``RULES`` and ``ANALYZERS``):

* :class:`DocumentRule` -- sees one :class:`~checker.article.Article`, yields :class:`Hit` s.
* :class:`CorpusRule` -- ``collect`` runs per article (in the worker processes) and returns a small
  picklable digest; ``check_corpus`` then sees every digest of the run plus the archive index.
* :class:`Analyzer` -- computes a family's signals for one article (metrics, provenance fields,
  evidence for the report); runs whether or not any rule fires.
* :class:`CorpusAnalyzer` -- the same across the run (e.g. a date recovered from a near-copy).

Rules never print, write files or read other files. Shared per-article work goes through
:meth:`Article.derive`, so two rules of one family never compute the same analysis twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article
from checker.models import Family, Severity


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RunContext(BaseModel):
    """Run-wide settings a rule may read (taken from the config)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    today: date = Field(description="the check date: dates after it are in the future")
    languages: tuple[str, ...] = ("en",)
    rule_options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="the config's [rules.ID] tables, by rule id or name, as written"
    )

    def options_for(self, rule: type[Rule]) -> BaseModel:
        """A rule's configured options, validated by its ``Options`` model (pydantic's error on a bad
        value). Analyzers that compute a rule's figures read the same options as the rule."""
        raw = self.rule_options.get(rule.id, self.rule_options.get(rule.name, {}))
        return rule.Options.model_validate(raw)


class Example(BaseModel):
    """A rule example: the file text, and for corpus rules the other files of the run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    others: tuple[str, ...] = ()
    path: str = "example.txt"
    options: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports; the engine turns it into a :class:`~checker.models.Finding`."""

    message: str
    start: int | None = None
    end: int | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    # this hit's own severity, for a hit the rule grades lower than usual; None: the rule's. A configured
    # severity replaces the rule's, and this one only where it is lower (checker.engine._severity)
    severity: Severity | None = None
    excerpt: str | None = None  # corpus rules: the text of the span (the engine has no text there)


@dataclass(slots=True)
class Contribution:
    """What an analyzer adds to one file's report."""

    metrics: dict[str, float | int | str | None] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    details: Any = None


class _Plugin:
    options: BaseModel
    context: RunContext
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, context: RunContext, options: BaseModel | None = None) -> None:
        self.context = context
        self.options = options if options is not None else self.Options()


class Rule(_Plugin):
    id: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[Family]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    rationale: ClassVar[str]
    fire: ClassVar[tuple[str | Example, ...]] = ()
    quiet: ClassVar[tuple[str | Example, ...]] = ()

    @classmethod
    def examples(cls, which: str) -> list[Example]:
        raw = cls.fire if which == "fire" else cls.quiet
        return [e if isinstance(e, Example) else Example(text=e) for e in raw]


class DocumentRule(Rule):
    def check(self, article: Article) -> Iterable[Hit]:
        raise NotImplementedError


class CorpusRule(Rule):
    def collect(self, article: Article) -> Any:
        """Runs per article in a worker; returns a picklable digest (or None to skip the file)."""
        raise NotImplementedError

    def check_corpus(self, corpus: Corpus) -> Iterable[tuple[str, Hit]]:
        """Yields ``(path, hit)`` pairs for files of this run."""
        raise NotImplementedError


class Analyzer(_Plugin):
    name: ClassVar[str]

    def analyze(self, article: Article) -> Contribution:
        raise NotImplementedError


class CorpusAnalyzer(_Plugin):
    name: ClassVar[str]
    after: ClassVar[tuple[str, ...]] = ()  # names of corpus analyzers whose ``corpus.shared`` output this one reads

    def collect(self, article: Article) -> Any:
        raise NotImplementedError

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        raise NotImplementedError


@dataclass(slots=True)
class Corpus:
    """What a corpus rule sees: its digests of every file in the run, and the archive index."""

    digests: dict[str, Any]
    index: Any = None
    provenance: dict[str, Any] = field(default_factory=dict)  # path -> Provenance so far
    shared: dict[str, Any] = field(default_factory=dict)  # one dict per run: corpus analyzers publish here, in order
