"""The rule API.

Four kinds of plug-in, all discovered through the entry-point group ``provcheck.rules`` (a module
that lists them in ``RULES`` and ``ANALYZERS``):

* :class:`DocumentRule` -- sees one :class:`~checker.article.Article`, yields :class:`Hit` s.
* :class:`CorpusRule` -- ``collect`` runs per article (in the worker processes) and returns a small
  picklable digest; ``check_corpus`` then sees every digest of the run plus the archive index.
* :class:`Analyzer` -- computes a family's signals for one article (metrics, provenance fields,
  evidence for the report); runs whether or not any rule fires.
* :class:`CorpusAnalyzer` -- the same across the run (e.g. a date recovered from a near-copy).

A corpus rule or corpus analyzer may also keep state in the **archive index** (``provcheck index
add``), so that ``check --index`` compares new files with an archive it does not re-read: it
declares an :class:`ArchiveSchema` (its own tables, with a version) and implements
:meth:`archive` (the rows of one article, from its digest and report); at check time it reads them
through ``corpus.archive(NAME)`` (an :class:`ArchiveStore`). The engine knows nothing of what the
tables mean; each plug-in's tables are versioned, and rebuilt, on their own.

Rules never print, write files or read other files. Shared per-article work goes through
:meth:`Article.derive`, so two rules of one family never compute the same analysis twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article
from checker.models import Family, Severity

if TYPE_CHECKING:
    from checker.models import FileReport


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


# --- the archive-store contract ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArchiveTable:
    """One table a plug-in keeps per archived article. The store adds the column ``article`` (the
    entry's id) and names the table after the plug-in; rows are looked up by ``key``."""

    name: str
    columns: tuple[str, ...]  # SQL column definitions ("person TEXT NOT NULL"), without ``article``
    key: tuple[str, ...] = ()  # the lookup key: the primary key is key + (article,); () = one row per article
    indexes: tuple[tuple[str, ...], ...] = ()  # further indexed column lists ("article" allowed)
    delete_by_article: bool = True  # False: the plug-in's ``forget`` removes the rows (no index on article)


@dataclass(frozen=True, slots=True)
class ArchiveSchema:
    """What a plug-in keeps in the archive index. Changing the tables or what goes into them means a
    new ``version``; an index holding another version (or other ``params``) of this store is refused
    with a message to rebuild this store alone (``provcheck index add --rebuild NAME``)."""

    name: str  # the store's name (tables are NAME__TABLE): by convention the plug-in's name or id
    version: int
    tables: tuple[ArchiveTable, ...]
    about: str  # one line: what the store holds, for messages and `index stats`
    params: str = ""  # parameters the stored rows depend on (hash seeds, sizes): another value also means rebuild
    changes: Mapping[int, str] = field(default_factory=dict)  # version -> what it changed, for the rebuild message


ArchiveRecord = Mapping[str, Sequence[tuple[Any, ...]]]  # table name -> rows (without the article column)


class ArchiveStore(Protocol):
    """A plug-in's tables in an open archive index (read-only at check time)."""

    name: str

    def table(self, name: str) -> str:
        """The SQL name of one of this store's tables (to use in :meth:`query`)."""
        ...

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only SQL query. ``{TABLE}`` in ``sql`` stands for this store's table of that
        name and ``{entries}`` for the index's entries (``id``, ``path`` as added, ``abspath``: the
        entry's identity, see :meth:`key`), so a plug-in can join its rows to their files."""
        ...

    def key(self, path: str) -> str:
        """The identity the index gives a file (its ``abspath``): to leave the run's own files out."""
        ...


class Archiver:
    """A corpus rule or corpus analyzer that keeps state in the archive index (set ``archive_schema``)."""

    archive_schema: ClassVar[ArchiveSchema | None] = None

    def archive(self, digest: Any, report: FileReport) -> ArchiveRecord | None:
        """The rows to store for one article, from the digest ``collect`` returned for it and its
        report (provenance, file info); None when there is nothing to store."""
        raise NotImplementedError

    def export(self, store: Any, output: Path) -> int:
        """Optional (``provcheck index export``): write this store's rows for a distributed join to
        ``output`` (e.g. Parquet) and return how many; ``store`` is the read-only store."""
        raise NotImplementedError

    def forget(self, store: Any, articles: Sequence[int]) -> None:
        """Remove the rows of these entries from the tables declared with ``delete_by_article=False``
        (the store deletes the others itself). ``store`` is the writable store (``execute``)."""


class CorpusRule(Rule, Archiver):
    def collect(self, article: Article) -> Any:
        """Runs per article in a worker; returns a picklable digest (or None to skip the file)."""
        raise NotImplementedError

    def check_corpus(self, corpus: Corpus) -> Iterable[tuple[str, Hit]]:
        """Yields ``(path, hit)`` pairs for files of this run."""
        raise NotImplementedError


class Analyzer(_Plugin):
    """Runs only when the run needs it (``checker.registry.Registry.needed``): a rule of its plug-in
    module is selected, another needed analyzer names it in ``needs``, or its module has no rules
    (its output is the report's own)."""

    name: ClassVar[str]
    # analyzers whose per-file output (the report's provenance, metrics) this one reads, by name
    needs: ClassVar[tuple[str, ...]] = ()

    def analyze(self, article: Article) -> Contribution:
        raise NotImplementedError


class CorpusAnalyzer(_Plugin, Archiver):
    name: ClassVar[str]
    after: ClassVar[tuple[str, ...]] = ()  # names of corpus analyzers whose ``corpus.shared`` output this one reads
    needs: ClassVar[tuple[str, ...]] = ()  # analyzers whose per-file output (``corpus.provenance``) this one reads

    def collect(self, article: Article) -> Any:
        raise NotImplementedError

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        raise NotImplementedError


@dataclass(slots=True)
class Corpus:
    """What a corpus rule sees: its digests of every file in the run, and the archive index."""

    digests: dict[str, Any]
    index: Any = None  # the open archive index (checker.index.ArchiveIndex), or None
    provenance: Mapping[str, Any] = field(default_factory=dict)  # path -> Provenance so far (read-only)
    shared: dict[str, Any] = field(default_factory=dict)  # one dict per run: corpus analyzers publish here, in order

    def archive(self, name: str) -> ArchiveStore | None:
        """The archive store of that name (a plug-in's tables), or None without an index."""
        return None if self.index is None else self.index.store(name)
