"""``provcheck index add|stats``: build and inspect the archive index (see :mod:`checker.index`).

``index add PATHS --index FILE`` reads each file, skips those whose bytes are unchanged since they
were added, runs the analyzers (no rules) on the rest to get the fingerprint and the provenance
summary (declared date, title, outlets) and the translation digest (person titles, acronyms and
names), and stores them: a new file is added, a changed file
replaces its entry. ``index stats --index FILE`` prints counts and the file size.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from checker import config as config_mod
from checker.config import ConfigError
from checker.decode import InputError, read_bytes
from checker.discover import Target, discover
from checker.index import ArchiveIndex, EntryData, IndexError_, explain

BATCH = 2000


def add_index_parser(sub: Any) -> None:
    """Register ``index add`` and ``index stats`` on the main parser's subcommands."""
    idx = sub.add_parser(
        "index",
        help="the archive index that `check --index` compares new files with",
        description="Build and inspect the archive index (SQLite): fingerprints and provenance summaries, no texts.",
    )
    actions = idx.add_subparsers(dest="index_command", metavar="ACTION")
    add = actions.add_parser("add", help="add files to the index (unchanged files are skipped, changed ones replaced)")
    add.add_argument("paths", nargs="+", help="files, folders or globs")
    add.add_argument("--index", required=True, metavar="FILE", help="the index file (created when missing)")
    add.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    add.add_argument("--config", help="a provcheck.toml or pyproject.toml to use instead of the one found here")
    add.add_argument("--exclude", action="append", default=[], help="glob of paths to skip (repeatable)")
    add.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    stats = actions.add_parser("stats", help="print the index's counts and size")
    stats.add_argument("--index", required=True, metavar="FILE", help="the index file")
    stats.add_argument("--format", choices=["text", "json"], default="text")


def open_index(path: str, create: bool = False) -> ArchiveIndex:
    """The index at ``path``; a missing or unusable file is a configuration error (exit 2)."""
    try:
        return ArchiveIndex(path, create=create)
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
    print("provcheck index: choose an action: add or stats", file=sys.stderr)
    return 2


def cmd_stats(args: argparse.Namespace) -> int:
    with open_index(args.index) as index:
        stats = index.stats()
    if args.format == "json":
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key.replace('_', ' ')}: {value}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from checker.engine import default_jobs, run

    cfg, _ = config_mod.load(args.config)
    if args.exclude:
        cfg = cfg.model_copy(update={"exclude": [*cfg.exclude, *(cfg.anchored(p) for p in args.exclude)]})
    # Analyzers only: the fingerprint and the provenance summary need no rule.
    cfg = cfg.model_copy(update={"select": [], "extend_select": []})
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more, got {args.jobs}")
    targets = discover(args.paths, cfg.excludes, cfg.extensions)
    totals = {"added": 0, "replaced": 0, "unchanged": 0, "skipped": 0}
    with open_index(args.index, create=True) as index:
        for lo in range(0, len(targets), BATCH):
            batch = targets[lo : lo + BATCH]
            todo = _changed(index, batch, totals, cfg.max_file_bytes)
            if not todo:
                continue
            result = run(todo, cfg, args.jobs or default_jobs())
            entries = []
            for fr in result.files:
                entry = entry_from_result(
                    fr.target, fr.report, fr.digests.get("duplication"), index.key(fr.target.fs_path), fr.digests.get("translation")
                )
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


def entry_from_result(target: Target, report: Any, fp: Any, key: str, translation: Any = None) -> EntryData | None:
    """The index entry of one checked file, or None when it has no text to fingerprint. ``fp`` and
    ``translation`` are the digests the duplication and translation analyzers collected for it."""
    from rules.duplication.shingles import Fingerprint
    from rules.translation import Digest

    if not isinstance(fp, Fingerprint) or report.file.sha256 is None:
        return None
    outlets: list[str] = []
    for outlet in report.provenance.outlets:
        if outlet.name not in outlets:
            outlets.append(outlet.name)
    title = report.provenance.title or report.provenance.header.get("title")
    digest = translation if isinstance(translation, Digest) else None
    return EntryData.from_fingerprint(target.path, key, report.file.sha256, fp, title, outlets, digest)
