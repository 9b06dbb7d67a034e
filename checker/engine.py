"""The engine: read and parse each file once, run document rules and analyzers (in parallel across
processes), then corpus rules and analyzers over the whole run, then score and judge each file."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sqlite3
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from checker import __version__, registry, scoring
from checker.article import Article, make_span, shorten
from checker.config import Config, ConfigError, describe
from checker.decode import InputError, decode, read_bytes
from checker.discover import Target
from checker.models import Family, FileError, FileInfo, FileReport, Finding, Provenance, Severity, Tool, Verdict
from checker.pool import Pool
from checker.rule import Analyzer, Contribution, Corpus, CorpusAnalyzer, CorpusRule, DocumentRule, Hit, Rule, RunContext

TOOL = Tool(version=__version__)


class FileResult:
    """A file after the per-file phase (picklable: it travels back from the worker processes).

    A compact run's worker *seals* the report (``seal``): as pydantic models a report costs the main
    process ten times its compressed size, so it travels, and waits for the corpus phase, as three
    compressed blobs: its details and metrics (``packed``: only the report files show them), its
    provenance block (``packed_provenance``: the corpus phase reads it through ``provenance()``,
    unpacked afresh each time) and the rest (findings, file, errors). What the corpus phase adds
    (contributions, findings, errors) waits in ``_pending``; ``report`` unseals the rest on first use
    and applies them. ``full_report`` gives the whole report back."""

    __slots__ = ("_pending", "_report", "_sealed", "digests", "line_starts", "packed", "packed_corpus", "packed_provenance", "target")

    def __init__(
        self, target: Target, report: FileReport, line_starts: list[int] | None = None, digests: dict[str, Any] | None = None
    ) -> None:
        self.target = target
        self._report: FileReport | None = report
        self.line_starts: list[int] = line_starts if line_starts is not None else []
        self.digests: dict[str, Any] = digests if digests is not None else {}
        self.packed = b""  # a compact run: the report's details and metrics, compressed (see full_report)
        self.packed_provenance = b""  # a compact run: the report's provenance block, compressed
        self.packed_corpus = b""  # a compact run: the corpus phase's details and metrics, compressed (``pack_corpus``)
        self._sealed = b""  # a compact run, until the corpus phase is over: the rest of the report, compressed
        self._pending: list[tuple[str, Any]] = []  # what the corpus phase adds to a sealed report, in order

    @property
    def report(self) -> FileReport:
        if self._report is None:
            self.unseal()
        assert self._report is not None
        return self._report

    def seal(self) -> None:
        """Compress the report (in the worker); a family's own score (``<family>.family_score``),
        which the file is scored with, stays among the rest."""
        report = self.report
        self.packed = _pack((report.details, report.metrics))
        self.packed_provenance = _pack(report.provenance)
        report.details, report.metrics = {}, {k: v for k, v in report.metrics.items() if k.endswith(".family_score")}
        report.provenance = _NO_PROVENANCE
        self._sealed, self._report = _pack(report), None

    def unseal(self) -> None:
        """The rest of the report back, with what the corpus phase added, in the order it came: its
        details and metrics join the report's (``full_report`` merges them over the packed ones)."""
        if not self._sealed:
            return
        report: FileReport = _unpack(self._sealed)
        self._report, self._sealed = report, b""
        for kind, value in self._pending:
            if kind == "contribution":
                self.add_contribution(*value)
            elif kind == "finding":
                report.findings.append(value)
            else:
                report.errors.append(value)
        self._pending = []

    def pack_corpus(self) -> None:
        """Compress the details and metrics the corpus phase added (a compact run, once it is over)."""
        report = self.report
        late = {k: v for k, v in report.metrics.items() if not k.endswith(".family_score")}
        if report.details or late:
            self.packed_corpus = _pack((report.details, late))
            report.details, report.metrics = {}, {k: v for k, v in report.metrics.items() if k.endswith(".family_score")}

    def provenance(self) -> Provenance:
        """The provenance block as the corpus phase has left it so far (a sealed report's: a fresh copy)."""
        if not self.packed_provenance:
            return self.report.provenance
        provenance: Provenance = _unpack(self.packed_provenance)
        for kind, value in self._pending:
            if kind == "contribution":
                for key, field_value in value[1].provenance.items():
                    setattr(provenance, key, field_value)
        return provenance

    def add_contribution(self, name: str, contribution: Contribution, reported: bool = True) -> None:
        if self._sealed:
            self._pending.append(("contribution", (name, contribution, reported)))
        elif contribution.provenance and self.packed_provenance:  # the provenance block stays packed
            provenance = _unpack(self.packed_provenance)
            for key, value in contribution.provenance.items():
                setattr(provenance, key, value)
            self.packed_provenance = _pack(provenance)
            apply_contribution(self.report, name, replace(contribution, provenance={}), reported)
        else:
            apply_contribution(self.report, name, contribution, reported)

    def add_finding(self, finding: Finding) -> None:
        if self._sealed:
            self._pending.append(("finding", finding))
        else:
            self.report.findings.append(finding)

    def add_error(self, error: FileError) -> None:
        """A corpus step's error, once per stage (the last one recorded is not of the same stage)."""
        errors = [v for k, v in self._pending if k == "error"] if self._sealed else self.report.errors
        if not errors or errors[-1].stage != error.stage:
            if self._sealed:
                self._pending.append(("error", error))
            else:
                self.report.errors.append(error)

    def full_report(self) -> FileReport:
        """The whole report: ``report`` with the packed details, metrics and provenance."""
        if not self.packed and not self.packed_provenance:
            return self.report
        update: dict[str, Any] = {}
        if self.packed:
            details, metrics = _unpack(self.packed)
            if self.packed_corpus:
                late_details, late_metrics = _unpack(self.packed_corpus)
                details.update(late_details)
                metrics.update(late_metrics)
            details.update(self.report.details)
            metrics.update(self.report.metrics)
            update.update(details=details, metrics=metrics)
        if self.packed_provenance:
            update["provenance"] = _unpack(self.packed_provenance)
        return self.report.model_copy(update=update)


_NO_PROVENANCE = Provenance()


def _unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


def _pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)


@dataclass
class RunResult:
    files: list[FileResult]
    config: Config
    not_checked: list[Family] = field(default_factory=list)  # families with no rule selected: no scores, no metrics

    @property
    def reports(self) -> list[FileReport]:
        return [f.report for f in self.files]


class RuleSet:
    """The configured plug-ins of one run."""

    def __init__(self, config: Config, every_analyzer: bool = False) -> None:
        reg = registry.load()
        config.check_codes([r.id for r in reg.rules])
        config.check_rule_tables({r.id for r in reg.rules} | {r.name for r in reg.rules})
        self.config = config
        self.context = RunContext(today=config.today or date.today(), languages=tuple(config.languages), rule_options=config.rules)
        self.rules: list[Rule] = []
        for cls in reg.rules:
            options = rule_options(cls, self.context)  # checked even when the rule is off: analyzers read them too
            if config.enabled(cls.id):
                self.rules.append(cls(self.context, options))
        # the families with a rule enabled; the others are "not checked": no score, no metrics
        self.checked = frozenset(r.family for r in self.rules)
        self.every_analyzer = every_analyzer
        needed = reg.needed(config.enabled, every_analyzer)
        self.reported = needed.reported
        self.analyzers = [cls(self.context) for cls in reg.analyzers if cls.name in needed.document | needed.corpus]
        self.document_rules = [r for r in self.rules if isinstance(r, DocumentRule)]
        self.corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        self.doc_analyzers = [a for a in self.analyzers if isinstance(a, Analyzer) and a.name in needed.document]
        self.corpus_analyzers = [a for a in self.analyzers if isinstance(a, CorpusAnalyzer) and a.name in needed.corpus]
        self.corpus_analyzers = _ordered(self.corpus_analyzers)
        self.severity = {r.id: config.severity_override(r.id) for r in self.rules}

    @property
    def not_checked(self) -> list[Family]:
        return [f for f in Family if f not in self.checked]


def _ordered(analyzers: list[CorpusAnalyzer]) -> list[CorpusAnalyzer]:
    """Corpus analyzers in dependency order (``after``), ties by name."""
    done: list[CorpusAnalyzer] = []
    pending = sorted(analyzers, key=lambda a: a.name)
    while pending:
        names = {a.name for a in pending}
        ready = [a for a in pending if not (set(a.after) & names)]
        if not ready:
            raise ConfigError(f"corpus analyzers depend on each other in a cycle: {sorted(names)}")
        done.extend(ready)
        pending = [a for a in pending if a not in ready]
    return done


def rule_options(cls: type[Rule], context: RunContext) -> BaseModel:
    try:
        return context.options_for(cls)
    except ValidationError as exc:
        raise ConfigError(describe(exc, f"[rules.{cls.id}] options")) from exc


def _severity(rule: Rule, override: Severity | None, hit: Hit) -> Severity:
    """A configured severity replaces the rule's; a hit the rule grades lower than usual (the copy
    to keep of a duplicate, an anonymous source whose reason is given) keeps its lower severity."""
    if hit.severity is None:
        return override or rule.severity
    if override is None or hit.severity.rank < override.rank:
        return hit.severity
    return override


def finding(rule: Rule, override: Severity | None, hit: Hit, line_starts: list[int], text: str | None) -> Finding:
    span = None
    excerpt = ""
    if hit.start is not None:
        end = hit.end if hit.end is not None else hit.start
        span = make_span(line_starts, hit.start, end)
        if text is not None:
            excerpt = shorten(text[hit.start : end])
    return Finding(
        rule=rule.id,
        name=rule.name,
        family=rule.family,
        severity=_severity(rule, override, hit),
        message=hit.message,
        span=span,
        excerpt=excerpt or shorten(hit.excerpt or ""),
        evidence=dict(hit.evidence),
    )


def apply_contribution(report: FileReport, name: str, contribution: Contribution, reported: bool = True) -> None:
    """An analyzer's output in the report; one the run needs only for another analyzer (not
    ``reported``: no rule of its family is selected) fills the provenance block alone."""
    for key, value in contribution.provenance.items():
        setattr(report.provenance, key, value)
    if not reported:
        return
    report.metrics.update(contribution.metrics)
    if contribution.details is not None:
        details = contribution.details
        if isinstance(details, BaseModel):
            details = details.model_dump(mode="json")
        report.details[name] = details


def process(target: Target, rules: RuleSet, context: bool = False, data: bytes | InputError | None = None) -> FileResult:
    """Read, decode, parse and check one file. Never raises for bad input. A ``context`` file only
    feeds the corpus phase (analyzers and corpus digests): document rules do not run on it. ``data``:
    the file's bytes (or the error reading them) when another process read it (``--ship-bytes``)."""
    info = FileInfo(path=target.path)
    report = FileReport(tool=TOOL, file=info)
    result = FileResult(target, report)
    try:
        if isinstance(data, InputError):
            raise data
        if data is None:
            data = read_bytes(target.fs_path, rules.config.max_file_bytes)
        info.bytes = len(data)
        decoded = decode(data, encoding=rules.config.encoding)
        article = Article(target.path, data, decoded)
    except InputError as exc:
        report.errors.append(_input_error(target, exc))
        return result
    info.sha256 = article.sha256
    info.encoding = article.encoding
    info.encoding_confidence = article.encoding_confidence
    info.bom = article.bom
    info.encoding_method = article.decoded.method
    info.encoding_note = article.decoded.note or None
    info.undecodable_bytes = article.decoded.invalid_bytes
    report.provenance.header = {k: v.value for k, v in sorted(article.header.fields.items())}
    result.line_starts = article.line_starts
    for analyzer in rules.doc_analyzers:

        def run_analyzer(analyzer: Analyzer = analyzer) -> None:
            apply_contribution(report, analyzer.name, analyzer.analyze(article), analyzer.name in rules.reported)

        _guard(report, f"analyzer:{analyzer.name}", run_analyzer)
    for rule in () if context else rules.document_rules:

        def run_rule(rule: DocumentRule = rule) -> None:
            sev = rules.severity[rule.id]
            kept = scoring.Bounded(rules.config.max_findings_per_rule)  # a rule's findings beyond it: counted
            try:
                for hit in rule.check(article):
                    kept.add(finding(rule, sev, hit, article.line_starts, article.text))
            finally:
                report.findings.extend(kept.findings())
                if kept.left:
                    report.findings_omitted[rule.id] = kept.left

        _guard(report, f"rule:{rule.id}", run_rule)
    collectors: list[tuple[str, CorpusRule | CorpusAnalyzer]] = [
        *((r.id, r) for r in rules.corpus_rules),
        *((a.name, a) for a in rules.corpus_analyzers),
    ]
    for key, plugin in collectors:

        def run_collect(plugin: CorpusRule | CorpusAnalyzer = plugin, key: str = key) -> None:
            digest = plugin.collect(article)
            if digest is not None:
                result.digests[key] = digest

        _guard(report, f"collect:{key}", run_collect)
    return result


def _input_error(target: Target, exc: InputError) -> FileError:
    if exc.kind == "vanished" and os.path.islink(target.fs_path):  # the link is there, what it points to is not
        with contextlib.suppress(OSError):
            message = f"symbolic link to {os.readlink(target.fs_path)}, which does not exist"
            return FileError(kind="dangling-symlink", message=message, stage=exc.stage)
    return FileError(kind=exc.kind, message=exc.message, stage=exc.stage)


def _guard(report: FileReport, stage: str, fn: Callable[[], None]) -> None:
    """A crashing rule is a per-file error naming the rule; the other rules still run."""
    try:
        fn()
    except Exception as exc:
        report.errors.append(FileError(kind="internal", message=f"{type(exc).__name__}: {exc}", stage=stage))


# --- worker processes ------------------------------------------------------------------------
_WORKER_RULES: RuleSet | None = None
CORES_MULTIPLE = 2  # never more workers than this many per core: the work is CPU-bound


def _init_worker(config: Config, every_analyzer: bool = False) -> None:
    global _WORKER_RULES
    # Forked while the parent had paused its collector (_gc_paused); the objects inherited from it
    # are frozen, so the worker's collections do not walk (and copy-on-write copy) them.
    gc.enable()
    gc.freeze()
    _WORKER_RULES = RuleSet(config, every_analyzer)


def _work(item: tuple[Target, bool, bool]) -> FileResult:
    assert _WORKER_RULES is not None
    return _processed(item, _WORKER_RULES)


def _processed(item: tuple[Target, bool, bool], rules: RuleSet, data: bytes | InputError | None = None) -> FileResult:
    """``process`` for one (target, is_context, compact) item."""
    # ``data`` only when given: what reads its own file keeps calling ``process`` as it always has
    result = process(item[0], rules, context=item[1]) if data is None else process(item[0], rules, context=item[1], data=data)
    if item[2]:
        result.seal()
    return result


def _failed(item: tuple[Target, bool, bool], kind: str, message: str) -> FileResult:
    """The result of a file whose worker ran over the time budget or died: a per-file error."""
    stage = "analysis" if kind == "timeout" else "worker"
    report = FileReport(tool=TOOL, file=FileInfo(path=item[0].path), errors=[FileError(kind=kind, message=message, stage=stage)])
    return FileResult(item[0], report)


def worker_count(requested: int, files: int) -> int:
    """Workers for a run: never more than the files, nor than ``CORES_MULTIPLE`` times the cores."""
    return max(1, min(requested, files, CORES_MULTIPLE * default_jobs()))


Item = tuple[Target, bool, bool]  # (target, is_context, compact): one file of the per-file phase


class Executor(Protocol):
    """Runs the per-file phase somewhere else than the process pool (``checker.dask_executor``):
    ``_processed`` of every item, with a ``RuleSet(config, every_analyzer)``, results in item order."""

    def map(self, items: Sequence[Item], config: Config, every_analyzer: bool = False) -> Iterator[FileResult]: ...


def _map(
    targets: list[Target],
    rules: RuleSet,
    jobs: int,
    context: Sequence[Target] = (),
    compact: bool = False,
    executor: Executor | None = None,
) -> Iterator[FileResult]:
    """Results in order: the targets', then the context files'. With a time budget
    (``file_timeout``), every file is checked in a worker process, even with one job, so that a
    file that runs over it can be stopped; without one and with one job, in this process. An
    ``executor`` runs them instead."""
    items = [*((t, False, compact) for t in targets), *((t, True, compact) for t in context)]
    if executor is not None:
        yield from executor.map(items, rules.config, rules.every_analyzer)
        return
    timeout = rules.config.file_timeout
    jobs = worker_count(jobs, len(items))
    if not items or (jobs == 1 and not timeout):
        for item in items:
            yield _processed(item, rules)
        return
    pool = Pool(_work, _failed, jobs, timeout, _init_worker, (rules.config, rules.every_analyzer))
    yield from pool.map(items)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic collector off in the main process while the workers' results come in and the
    corpus phase runs, then everything the process holds frozen (``gc.freeze``). Each result
    unpickles into a few hundred objects that all stay alive until the reports are written, and
    every collection walked them again (gen-2 collections took about 0.5 ms of CPU per file at 2,000
    files, more at 10,000). Results hold no reference cycles; frozen objects are still freed by
    reference counting, only a cycle left by the corpus phase would stay uncollected. The workers,
    forked meanwhile, switch their collector back on (``_init_worker``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(
    targets: list[Target],
    config: Config,
    jobs: int | None = None,
    index: Any = None,
    progress: Callable[[FileResult], None] | None = None,
    context: Sequence[Target] = (),
    compact: bool = False,
    executor: Executor | None = None,
    every_analyzer: bool = False,
) -> RunResult:
    """Check ``targets``. ``context`` files (e.g. the unchanged files of ``check --since``) join
    only the corpus phase, so corpus rules compare the targets with them; they get no report.
    ``compact`` keeps only what the corpus phase, the summary and the formats need at hand: each
    report's details and metrics stay compressed (``FileResult.full_report`` gives them back), its
    findings stay so until the corpus phase is over, and the digests and line offsets are dropped
    then. ``executor``: where the per-file phase runs (default: this machine's process pool).
    ``every_analyzer`` runs every analyzer whatever the selection (``index add``: its stores hold
    every plug-in's digests)."""
    config = config.model_copy(update={"today": config.today or date.today()})  # one check date for every worker
    rules = RuleSet(config, every_analyzer)
    files: list[FileResult] = []
    extra: list[FileResult] = []
    jobs = jobs or default_jobs()
    # In-process, every article is parsed and checked here: the collector stays on, so a reference
    # cycle some rule makes per article cannot pile up over a long run.
    in_workers = executor is not None or rules.config.file_timeout > 0 or worker_count(jobs, len(targets) + len(context)) > 1
    with _gc_paused() if in_workers else contextlib.nullcontext():
        for result in _map(targets, rules, jobs, context, compact, executor):
            if len(files) == len(targets):
                extra.append(result)
                continue
            files.append(result)
            if progress is not None:
                progress(result)
        run_corpus([*files, *extra], rules, index)
        extra.clear()
        if compact:
            for f in files:
                f.digests, f.line_starts = {}, []
                f.unseal()
                f.pack_corpus()
        finalize(files, config, rules.checked)
    return RunResult(files, config, rules.not_checked)


def run_corpus(files: list[FileResult], rules: RuleSet, index: Any = None) -> None:
    by_path = {f.target.path: f for f in files}
    provenance = Provenances(by_path)
    shared: dict[str, Any] = {}
    for analyzer in rules.corpus_analyzers:
        corpus = Corpus({p: f.digests[analyzer.name] for p, f in by_path.items() if analyzer.name in f.digests}, index, provenance, shared)
        try:
            reported = analyzer.name in rules.reported
            for path, contribution in analyzer.analyze_corpus(corpus):
                by_path[path].add_contribution(analyzer.name, contribution, reported)
        except Exception as exc:
            _corpus_error(files, f"corpus:{analyzer.name}", exc, index)
    for rule in rules.corpus_rules:
        corpus = Corpus({p: f.digests[rule.id] for p, f in by_path.items() if rule.id in f.digests}, index, provenance, shared)
        sev = rules.severity[rule.id]
        try:
            for path, hit in rule.check_corpus(corpus):
                target = by_path[path]
                target.add_finding(finding(rule, sev, hit, target.line_starts, None))
        except Exception as exc:
            _corpus_error(files, f"rule:{rule.id}", exc, index)


class Provenances(Mapping[str, Provenance]):
    """``corpus.provenance``: each file's provenance block, as the corpus phase has left it so far,
    unpacked when asked for (a compact run keeps it compressed: ``FileResult.provenance``)."""

    def __init__(self, files: dict[str, FileResult]) -> None:
        self._files = files

    def __getitem__(self, path: str) -> Provenance:
        return self._files[path].provenance()

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _corpus_error(files: list[FileResult], stage: str, exc: Exception, index: Any) -> None:
    """A corpus plug-in that raised: an internal error in every file; a damaged archive index is
    the run's error (exit 2), named by its path."""
    if index is not None and isinstance(exc, sqlite3.DatabaseError):
        from checker.index import explain

        raise ConfigError(explain(index.path, exc)) from exc
    for f in files:
        f.add_error(FileError(kind="internal", message=f"{type(exc).__name__}: {exc}", stage=stage))


def finalize(files: list[FileResult], config: Config, checked: Collection[Family] = tuple(Family)) -> None:
    """Per-file ignores, stable order, scores and verdicts. A file that was not checked (unreadable,
    or over its time budget) gets no scores and the verdict ``error``; a family not ``checked`` (no
    rule of it selected) gets no score."""
    for f in files:
        report = f.report
        report.findings = sorted(
            (x for x in report.findings if not config.ignored_in_file(report.file.path, x.rule)), key=scoring.order_key
        )
        if report.file.sha256 is None:  # never read, or its analysis never finished: no score at all
            report.scores = None
            report.verdict = Verdict.ERROR
        else:
            report.scores = scoring.score(report.findings, config, report.metrics, checked)
            report.verdict = scoring.verdict(report.scores, report.findings, config)
        left = {r: n for r, n in report.findings_omitted.items() if not config.ignored_in_file(report.file.path, r)}
        report.findings, report.findings_omitted = scoring.listed(report.findings, config.max_findings_per_rule, left)
