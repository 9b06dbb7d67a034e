"""``provcheck index add|stats``: build and inspect the archive index (see :mod:`checker.index`).

``index add PATHS --index FILE`` reads each file, skips those whose bytes are unchanged since they
were added, runs the analyzers (no rules, except corpus rules that keep an archive store) on the
rest, and stores each plug-in's record (:meth:`checker.rule.Archiver.archive`): a new file is added,
a changed file replaces its entry. ``--rebuild NAME`` first makes one plug-in's store anew from
every archived file (after that plug-in changed its tables). ``index stats --index FILE`` prints
counts and the file size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker import config as config_mod
from checker import registry
from checker.config import ConfigError
from checker.decode import InputError, read_bytes
from checker.discover import Target, discover
from checker.index import ArchiveIndex, EntryData, IndexError_, explain
from checker.models import FileReport
from checker.rule import Archiver, ArchiveRecord, CorpusRule

BATCH = 2000


def add_index_parser(sub: Any) -> None:
    """Register ``index add`` and ``index stats`` on the main parser's subcommands."""
    idx = sub.add_parser(
        "index",
        help="the archive index that `check --index` compares new files with",
        description="Build and inspect the archive index (SQLite): each plug-in's store (fingerprints, word lists), no texts.",
    )
    actions = idx.add_subparsers(dest="index_command", metavar="ACTION")
    add = actions.add_parser("add", help="add files to the index (unchanged files are skipped, changed ones replaced)")
    add.add_argument("paths", nargs="+", help="files, folders or globs")
    add.add_argument("--index", required=True, metavar="FILE", help="the index file (created when missing)")
    add.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    add.add_argument("--config", help="a provcheck.toml or pyproject.toml to use instead of the one found here")
    add.add_argument("--exclude", action="append", default=[], help="glob of paths to skip (repeatable)")
    add.add_argument(
        "--rebuild",
        action="append",
        default=[],
        metavar="NAME",
        help="make this plug-in's store anew from every archived file first (after the plug-in changed); repeatable",
    )
    add.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    from checker.cli import _add_executor_options

    _add_executor_options(add)
    stats = actions.add_parser("stats", help="print the index's counts and size")
    stats.add_argument("--index", required=True, metavar="FILE", help="the index file")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    export = actions.add_parser(
        "export",
        help="write the archive's near-duplicate signatures as Parquet (for the band-key join on Dask)",
        description="Write one row per archived article (id, path, content hash, words, date, MinHash signature) "
        "to a Parquet file, in row groups that rules.duplication.distributed reads as partitions (docs/scaling.md).",
    )
    export.add_argument("--index", required=True, metavar="FILE", help="the index file")
    export.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write (Parquet)")
    export.add_argument("--store", metavar="NAME", help="the store to export (default: the one store whose plug-in exports)")


def open_index(path: str, create: bool = False, rebuild: Sequence[str] = ()) -> ArchiveIndex:
    """The index at ``path``; a missing or unusable file is a configuration error (exit 2)."""
    try:
        return ArchiveIndex(path, create=create, rebuild=rebuild)
    except IndexError_ as exc:
        raise ConfigError(str(exc)) from exc


def cmd_index(args: argparse.Namespace) -> int:
    if args.index_command == "add":
        try:
            return cmd_add(args)
        except sqlite3.DatabaseError as exc:  # the index turned out unwritable or damaged while adding
            raise ConfigError(explain(Path(args.index), exc)) from exc
    if args.index_command == "stats":
        return cmd_stats(args)
    if args.index_command == "export":
        return cmd_export(args)
    print("provcheck index: choose an action: add, stats or export", file=sys.stderr)
    return 2


def cmd_export(args: argparse.Namespace) -> int:
    """Write a store's rows for a distributed join (the duplication store: Parquet of its signatures)."""
    exporters = {name: p for name, p in registry.archivers().items() if type(p).export is not Archiver.export}
    name = args.store or (next(iter(exporters)) if len(exporters) == 1 else None)
    if name not in exporters:
        raise ConfigError(f"--store: choose a store that exports: {', '.join(sorted(exporters)) or 'none is installed'}")
    with open_index(args.index) as index:
        store = index.store(name)
        if store is None:
            raise ConfigError(f"{args.index}: the index holds no {name!r} store: nothing to export")
        rows = exporters[name].export(store, Path(args.output))
    print(f"{rows} rows of store {name} written to {args.output}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_index(args.index) as index:
        stats = index.stats()
    if args.format == "json":
        print(json.dumps(stats, indent=2))
        return 0
    for key, value in stats.items():
        if key != "stores":
            print(f"{key.replace('_', ' ')}: {value}")
    for name, store in stats["stores"].items():
        rows = ", ".join(f"{n} {t} rows" for t, n in store["rows"].items()) or "not installed"
        print(f"store {name} (version {store['version']}): {rows}; {store['about']}")
    return 0


def _digest_key(plugin: Archiver) -> str:
    """The key the engine files a plug-in's digest under: a corpus rule's id, a corpus analyzer's name."""
    return plugin.id if isinstance(plugin, CorpusRule) else str(getattr(plugin, "name", ""))


def cmd_add(args: argparse.Namespace) -> int:
    from checker.engine import default_jobs, run

    cfg, _ = config_mod.load(args.config)
    if args.exclude:
        cfg = cfg.model_copy(update={"exclude": [*cfg.exclude, *(cfg.anchored(p) for p in args.exclude)]})
    archivers = registry.archivers()
    unknown = sorted(set(args.rebuild) - set(archivers))
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise ConfigError(f"--rebuild: no installed plug-in keeps a store called {names} (stores: {', '.join(sorted(archivers))})")
    # Analyzers only, and the corpus rules that keep a store: their digests are what the stores hold.
    cfg = cfg.model_copy(update={"select": sorted(p.id for p in archivers.values() if isinstance(p, CorpusRule)), "extend_select": []})
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more, got {args.jobs}")
    jobs = args.jobs or default_jobs()
    targets = discover(args.paths, cfg.excludes, cfg.extensions)
    totals = {"added": 0, "replaced": 0, "unchanged": 0, "skipped": 0, "rebuilt": 0}
    from checker.cli import UsageError

    if args.executor != "dask" and (args.scheduler or args.ship_bytes):
        raise UsageError("--scheduler and --ship-bytes apply to --executor dask only")
    from checker.dask_executor import executor as open_executor

    # the files are checked on the executor (Dask: in parallel on its workers); this process alone writes the index
    with open_index(args.index, create=True, rebuild=args.rebuild) as index, open_executor(
        args.executor or cfg.executor, jobs, args.scheduler, cfg.scheduler, args.ship_bytes
    ) as executor:
        if index.rebuilt:
            totals["rebuilt"], gone = _refill(index, index.rebuilt, archivers, cfg, jobs, executor)
            if not args.quiet:
                print(
                    f"rebuilt store(s) {', '.join(index.rebuilt)} from {totals['rebuilt']} archived files"
                    + (f"; {gone} whose file is gone were dropped" if gone else ""),
                    file=sys.stderr,
                )
        for lo in range(0, len(targets), BATCH):
            batch = targets[lo : lo + BATCH]
            todo = _changed(index, batch, totals, cfg.max_file_bytes)
            if not todo:
                continue
            result = run(todo, cfg, jobs, executor=executor, every_analyzer=True)
            entries = []
            for fr in result.files:
                entry = entry_from_result(fr.target, fr.report, fr.digests, index.key(fr.target.fs_path), archivers)
                if entry is None:
                    totals["skipped"] += 1
                    if not args.quiet:
                        why = fr.report.errors[0].message if fr.report.errors else "no words"
                        print(f"provcheck index: skipped {fr.target.path}: {why}", file=sys.stderr)
                    continue
                entries.append(entry)
            for key, n in index.add(entries).items():
                totals[key] += n
        totals["forgotten"] = index.forget_missing(p for p in args.paths if os.path.isdir(p))
        stats = index.stats()
    if not args.quiet:
        print(
            f"{totals['added']} added, {totals['replaced']} replaced, {totals['unchanged']} unchanged, {totals['skipped']} skipped, "
            f"{totals['forgotten']} forgotten (file gone); "
            f"{stats['articles']} articles in {args.index} ({stats['bytes']} bytes)"
        )
    return 0


def _refill(
    index: ArchiveIndex, names: list[str], archivers: dict[str, Archiver], cfg: Any, jobs: int, executor: Any = None
) -> tuple[int, int]:
    """Fill the stores ``names`` (just made anew) from every archived file: an unchanged file gets
    these stores' rows; a changed one is replaced whole; an entry whose file is gone is dropped.
    Returns (files re-archived, entries dropped)."""
    from checker.engine import run

    present: list[tuple[int, str]] = []
    gone: list[int] = []
    for i, _, a in index.entries_of():
        if index.file_of(a).is_file():
            present.append((i, a))
        else:
            gone.append(i)
    index.forget(gone)
    ids = {a: i for i, a in present}
    stored = index.stored_sha256(ids)
    done = 0
    for lo in range(0, len(present), BATCH):
        batch = present[lo : lo + BATCH]
        targets = discover([str(index.file_of(a)) for _, a in batch], [], cfg.extensions)
        result = run(targets, cfg, jobs, executor=executor, every_analyzer=True)
        replaced = []
        with index.db:
            for fr in result.files:
                key = index.key(fr.target.fs_path)
                if key not in ids:
                    continue
                entry = entry_from_result(fr.target, fr.report, fr.digests, key, archivers)
                if entry is None:
                    continue
                if entry.sha256 != stored.get(key):
                    replaced.append(entry)  # changed since it was archived: every store gets its new rows
                    continue
                for name in names:
                    store = index.store(name)
                    if store is not None and name in entry.records:
                        store.put(ids[key], entry.records[name])
                done += 1
        done += index.add(replaced)["replaced"]
    return done, len(gone)


def _changed(index: ArchiveIndex, batch: list[Target], totals: dict[str, int], max_bytes: int) -> list[Target]:
    """The targets whose bytes differ from their stored entry (or that have none)."""
    stored = index.stored_sha256(index.key(t.fs_path) for t in batch)
    todo = []
    for t in batch:
        old = stored.get(index.key(t.fs_path))
        if old is not None:
            try:
                if hashlib.sha256(read_bytes(t.fs_path, max_bytes)).hexdigest() == old:
                    totals["unchanged"] += 1
                    continue
            except InputError:
                pass
        todo.append(t)
    return todo


def entry_from_result(
    target: Target, report: FileReport, digests: dict[str, Any], key: str, archivers: dict[str, Archiver]
) -> EntryData | None:
    """The index entry of one checked file: each store's record from its plug-in's digest; None when
    the file could not be read or no store keeps anything of it."""
    if report.file.sha256 is None:
        return None
    records: dict[str, ArchiveRecord] = {}
    for name, plugin in archivers.items():
        digest = digests.get(_digest_key(plugin))
        record = plugin.archive(digest, report) if digest is not None else None
        if record:
            records[name] = record
    if not records:
        return None
    return EntryData(target.path, key, report.file.sha256, records)
