"""The ``provcheck`` command line. Exit codes: 0 passed, 1 the gate failed, 2 usage, config or
internal error."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from checker import __version__, registry
from checker import config as config_mod
from checker.config import Config, ConfigError
from checker.discover import MissingPathError, discover
from checker.engine import RunResult, default_jobs, run
from checker.models import Family, Severity
from checker.registry import RegistryError
from checker.reports import ranked, summary, write_reports

EXIT_OK, EXIT_GATE, EXIT_USAGE = 0, 1, 2
DEFAULT_PATHS = ["seeds/"]


class UsageError(Exception):
    pass


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="provcheck", description="Source-provenance and quality checks for plain-text news articles.")
    parser.add_argument("--version", action="version", version=f"provcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check articles and write reports", description="Check articles and write per-file reports.")
    check.add_argument("paths", nargs="*", help="files, folders or globs (default: seeds/)")
    check.add_argument("--reports-dir", help="where per-file reports and the summary go (default: reports/)")
    check.add_argument("--no-reports", action="store_true", help="write no report files")
    check.add_argument("--format", choices=["text", "json"], default="text", help="what to print for the whole run")
    check.add_argument("--output", "-o", help="write the --format output to this file instead of standard output")
    check.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    check.add_argument("--config", help="a provcheck.toml or pyproject.toml to use instead of the one found here")
    check.add_argument("--select", type=_codes, help="comma-separated rule ids or prefixes to run (replaces the config's)")
    check.add_argument("--extend-select", type=_codes, help="rule ids or prefixes to run in addition")
    check.add_argument("--ignore", type=_codes, help="rule ids or prefixes not to run (added to the config's)")
    check.add_argument("--exclude", action="append", default=[], help="glob of paths to skip (repeatable)")
    check.add_argument(
        "--fail-on", choices=["error", "warning", "info", "never"], help="lowest severity that fails the run (default: error)"
    )
    check.add_argument("--min-score", type=int, help="fail when a file's overall score is under this")
    check.add_argument("--today", type=date.fromisoformat, help="the check date, YYYY-MM-DD (default: today); keeps reports reproducible")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    explain = sub.add_parser("explain", help="explain one rule: what it does, why, examples")
    explain.add_argument("rule", help="rule id or name, e.g. DT001 or missing-date")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        parser.print_help()
        return EXIT_USAGE
    except (UsageError, ConfigError, MissingPathError, RegistryError) as exc:
        print(f"provcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("provcheck: interrupted", file=sys.stderr)
        return EXIT_USAGE


def _effective_config(args: argparse.Namespace) -> Config:
    cfg, _ = config_mod.load(args.config)
    updates: dict[str, Any] = {}
    if args.select is not None:
        updates["select"] = args.select
    if args.extend_select:
        updates["extend_select"] = [*cfg.extend_select, *args.extend_select]
    if args.ignore:
        updates["ignore"] = [*cfg.ignore, *args.ignore]
    if args.exclude:
        updates["exclude"] = [*cfg.exclude, *args.exclude]
    if args.fail_on is not None:
        updates["fail_on"] = args.fail_on
    if args.min_score is not None:
        if not 0 <= args.min_score <= 100:
            raise UsageError(f"--min-score must be 0..100, got {args.min_score}")
        updates["min_score"] = args.min_score
    if args.today is not None:
        updates["today"] = args.today
    if args.reports_dir is not None:
        updates["reports_dir"] = args.reports_dir
    return cfg.model_copy(update=updates)


def cmd_check(args: argparse.Namespace) -> int:
    cfg = _effective_config(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {args.jobs}")
    paths = args.paths or DEFAULT_PATHS
    targets = discover(paths, cfg.exclude, cfg.extensions)
    err = Console(stderr=True)
    show_progress = err.is_terminal and not args.quiet and len(targets) > 20
    if show_progress:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("checking", total=len(targets))
            result = run(targets, cfg, args.jobs or default_jobs(), progress=lambda _: bar.advance(task))
    else:
        result = run(targets, cfg, args.jobs or default_jobs())
    reports_dir = Path(cfg.reports_dir)
    run_summary = write_reports(result, reports_dir) if not args.no_reports else summary(result)
    failed, why = gate(result, cfg)
    if args.format == "json":
        payload = {"summary": run_summary.model_dump(mode="json"), "reports": [r.model_dump(mode="json") for r in result.reports]}
        _emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", args.output)
    elif not args.quiet:
        _print_table(result, args.output)
        tail = f"{len(result.files)} files: " + ", ".join(f"{n} {v}" for v, n in run_summary.verdicts.items() if n)
        if not args.no_reports:
            tail += f"; reports in {reports_dir}/"
        print(tail, file=sys.stderr)
    if failed and not args.quiet:
        print(f"provcheck: gate failed: {why}", file=sys.stderr)
    return EXIT_GATE if failed else EXIT_OK


def gate(result: RunResult, cfg: Config) -> tuple[bool, str]:
    """The gate policy: see docs/cli.md (exit codes)."""
    reasons = []
    if cfg.fail_on != "never":
        threshold = Severity(cfg.fail_on).rank
        bad = sum(1 for r in result.reports for f in r.findings if f.severity.rank >= threshold)
        if bad:
            reasons.append(f"{bad} findings at or above {cfg.fail_on}")
        errs = sum(1 for r in result.reports if r.errors and r.file.sha256 is None)
        if errs:
            reasons.append(f"{errs} files could not be checked")
    if cfg.min_score is not None:
        low = [r.file.path for r in result.reports if r.scores.overall < cfg.min_score]
        if low:
            reasons.append(f"{len(low)} files score under {cfg.min_score}")
    return bool(reasons), "; ".join(reasons)


def _emit(text: str, output: str | None) -> None:
    if output:
        from checker.fsutil import write_atomic

        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)


def _print_table(result: RunResult, output: str | None) -> None:
    fams = [f for f in Family]
    table = Table(show_lines=False, header_style="bold")
    table.add_column("file", overflow="fold")
    table.add_column("verdict")
    table.add_column("score", justify="right")
    for f in fams:
        table.add_column(f.value[:4], justify="right")
    table.add_column("top finding", overflow="fold")
    styles = {"pass": "green", "review": "yellow", "reject": "red", "error": "magenta"}
    for fr in sorted(result.files, key=lambda f: (f.report.scores.overall, f.report.file.path)):
        r = fr.report
        top = ranked(r.findings)
        note = f"{top[0].rule} {top[0].message}" if top else (f"{r.errors[0].kind}: {r.errors[0].message}" if r.errors else "")
        if len(top) > 1:
            note += f" (+{len(top) - 1} more)"
        table.add_row(
            r.file.path,
            f"[{styles[r.verdict.value]}]{r.verdict.value}[/]",
            str(r.scores.overall),
            *(str(getattr(r.scores, f.value)) for f in fams),
            note,
        )
    if output:
        console = Console(file=open(output, "w", encoding="utf-8"), width=160, no_color=True)  # noqa: SIM115
    else:
        console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)


# --- rules / explain ----------------------------------------------------------------------------
def cmd_rules(args: argparse.Namespace) -> int:
    reg = registry.load()
    from checker.ruledocs import rule_markdown_index, rule_record

    if args.format == "json":
        print(json.dumps([rule_record(r) for r in reg.rules], indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(rule_markdown_index(reg.rules))
    else:
        table = Table(header_style="bold")
        for col in ("id", "name", "family", "severity", "what it finds"):
            table.add_column(col, overflow="fold")
        for r in reg.rules:
            table.add_row(r.id, r.name, r.family.value, r.severity.value, r.summary)
        Console(width=None if sys.stdout.isatty() else 140).print(table)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from checker.ruledocs import rule_markdown

    rule = registry.load().rule(args.rule)
    if rule is None:
        raise UsageError(f"no rule {args.rule!r}; `provcheck rules` lists them")
    print(rule_markdown(rule))
    return EXIT_OK
