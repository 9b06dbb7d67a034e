"""The ``provcheck`` command line. Exit codes: 0 passed, 1 the gate failed, 2 usage, config or
internal error."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from checker import __version__, registry
from checker import config as config_mod
from checker.baseline import BaselineError
from checker.baseline import build as build_baseline
from checker.baseline import compare as compare_baseline
from checker.baseline import dumps as dump_baseline
from checker.baseline import load as load_baseline
from checker.changes import GitError, changed_files, repo_root, repository_files, split_targets
from checker.config import Config, ConfigError
from checker.decode import check_encoding_name
from checker.discover import MissingPathError, Target, discover
from checker.engine import default_jobs, run, worker_count
from checker.formats import RunView, evaluate_gate, parse_min_scores, render
from checker.models import FileReport, RunSummary
from checker.registry import RegistryError
from checker.reports import ReportsBusyError, locked, summary, write_reports

EXIT_OK, EXIT_GATE, EXIT_USAGE = 0, 1, 2
NO_PATHS = (
    "no paths to check: name files or folders (provcheck check articles/), or set `paths` in the config "
    '(paths = ["articles/"] under [tool.provcheck] in pyproject.toml, or in provcheck.toml); with --since and no '
    "paths, the changed files that match the config's `include` globs are checked"
)


class UsageError(Exception):
    pass


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """What to check and with which rules: shared by ``check`` and ``baseline``."""
    p.add_argument(
        "paths", nargs="*", help="files, folders or globs (default: the config's `paths`; with --since, the changed files it includes)"
    )
    p.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    p.add_argument("--config", help="a provcheck.toml or pyproject.toml to use instead of the one found here")
    p.add_argument("--select", type=_codes, help="comma-separated rule ids or prefixes to run (replaces the config's)")
    p.add_argument("--extend-select", type=_codes, help="rule ids or prefixes to run in addition")
    p.add_argument("--ignore", type=_codes, help="rule ids or prefixes not to run (added to the config's)")
    p.add_argument("--exclude", action="append", default=[], help="glob of paths to skip (repeatable)")
    p.add_argument("--today", type=date.fromisoformat, help="the check date, YYYY-MM-DD (default: today); keeps reports reproducible")
    p.add_argument("--index", metavar="FILE", help="also compare with this archive index (made by `provcheck index add`)")
    p.add_argument("--encoding", metavar="NAME", help="read every file in this encoding (e.g. cp1252) instead of detecting it")
    p.add_argument(
        "--file-timeout",
        type=float,
        metavar="SECONDS",
        help="time budget of one file's analysis; a file over it is a per-file timeout error (default 60; 0: no limit)",
    )
    p.add_argument("--allow-empty", action="store_true", help="accept a run with no file or no rule to check (else exit 2)")
    _add_executor_options(p)


def _add_executor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--executor",
        choices=["process", "dask"],
        help="where files are checked: this machine's processes (default) or Dask (docs/scaling.md)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="--executor dask: the scheduler (tcp://HOST:8786; default: $DASK_SCHEDULER_ADDRESS, the config, "
        "else a local cluster of --jobs workers)",
    )
    p.add_argument(
        "--ship-bytes",
        action="store_true",
        help="--executor dask: this process reads the files and sends their bytes (else the workers read them)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="provcheck", description="Source-provenance and quality checks for plain-text news articles.")
    parser.add_argument("--version", action="version", version=f"provcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check articles and write reports", description="Check articles and write per-file reports.")
    _add_run_options(check)
    check.add_argument("--reports-dir", help="where per-file reports and the summary go (default: reports/)")
    check.add_argument("--no-reports", action="store_true", help="write no report files")
    check.add_argument("--no-html", action="store_true", help="write the JSON and Markdown reports but not the HTML dashboard")
    check.add_argument(
        "--prune",
        action="store_true",
        help="remove the reports in the reports folder that belong to no input of this run (else: listed as stale)",
    )
    check.add_argument(
        "--format", choices=["text", "json", "markdown", "sarif", "junit", "github"], default="text", help="what to print for the whole run"
    )
    check.add_argument("--output", "-o", help="write the --format output to this file instead of standard output")
    check.add_argument(
        "--fail-on", choices=["error", "warning", "info", "never"], help="lowest severity that fails the run (default: error)"
    )
    check.add_argument(
        "--min-score",
        action="append",
        default=[],
        metavar="[FAMILY=]N",
        help="fail when a file's overall score (or a family's: translation=60) is under N; repeatable",
    )
    check.add_argument("--baseline", metavar="FILE", help="fail only on findings not in this baseline (made by `provcheck baseline`)")
    check.add_argument("--since", metavar="REF", help="check only files added or modified since this git revision (see docs/ci.md)")
    check.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    check.add_argument(
        "--gather",
        action="store_true",
        help="--executor dask: this process writes the reports (else the workers write them: shared storage)",
    )

    base = sub.add_parser(
        "baseline",
        help="record today's findings so that `check --baseline` fails only on new ones",
        description="Record every finding of PATHS in a baseline file (keyed by file, rule and a hash of the matched text).",
    )
    _add_run_options(base)
    base.add_argument("--output", "-o", help="the baseline file to write (default: standard output)")
    base.set_defaults(fail_on=None, min_score=[], reports_dir=None)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    explain = sub.add_parser("explain", help="explain one rule: what it does, why, examples")
    explain.add_argument("rule", help="rule id or name, e.g. DT001 or missing-date")

    html = sub.add_parser(
        "html",
        help="rebuild the HTML dashboard from existing JSON reports",
        description="Write index.html and one page per article into REPORTS from the JSON reports there, without checking again.",
    )
    html.add_argument("reports", nargs="?", default="reports", help="the reports folder of a `provcheck check` run (default: reports/)")

    from checker.indexcli import add_index_parser

    add_index_parser(sub)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (what `timeout` and CI runners send): the run stops as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate) if threading.current_thread() is threading.main_thread() else None
    try:
        return _dispatch(parser, args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "baseline":
            return cmd_baseline(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "html":
            return cmd_html(args)
        if args.command == "index":
            from checker.indexcli import cmd_index

            return cmd_index(args)
        parser.print_help()
        return EXIT_USAGE
    except (UsageError, ConfigError, MissingPathError, RegistryError, BaselineError, GitError, ReportsBusyError) as exc:
        print(f"provcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # an unwritable reports folder or output file, a full disk...
        print(f"provcheck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        print(f"provcheck: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: exit 2, never 1, which would read as "the gate failed"
        import traceback

        traceback.print_exc()
        print(f"provcheck: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
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
        updates["exclude"] = [*cfg.exclude, *(cfg.anchored(p) for p in args.exclude)]
    if args.fail_on is not None:
        updates["fail_on"] = args.fail_on
    floors = _min_scores(args.min_score)
    if "overall" in floors:
        updates["min_score"] = floors["overall"]
    if args.today is not None:
        updates["today"] = args.today
    if args.encoding is not None:
        try:
            updates["encoding"] = check_encoding_name(args.encoding)
        except ValueError as exc:
            raise UsageError(f"--encoding: {exc}; expected a Python codec name such as utf-8, cp1252 or shift_jis") from None
    if args.reports_dir is not None:  # relative to the working directory, like every path on the command line
        updates["reports_dir"] = cfg.from_cwd(args.reports_dir)
    if args.file_timeout is not None:
        if not args.file_timeout >= 0:
            raise UsageError(f"--file-timeout must be 0 (no limit) or more seconds, got {args.file_timeout:g}")
        updates["file_timeout"] = args.file_timeout
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {args.jobs}")
    if args.executor is not None:
        updates["executor"] = args.executor
    return cfg.model_copy(update=updates)


def _executor(args: argparse.Namespace, cfg: Config, jobs: int) -> contextlib.AbstractContextManager[Any]:
    """The process pool (None) or a Dask client, as --executor or the config's ``executor`` says."""
    if cfg.executor == "process" and (args.scheduler or args.ship_bytes or getattr(args, "gather", False)):
        raise UsageError("--scheduler, --ship-bytes and --gather apply to --executor dask only")
    if cfg.executor == "process":
        return contextlib.nullcontext()
    from checker.dask_executor import executor

    return executor(cfg.executor, jobs, args.scheduler, cfg.scheduler, args.ship_bytes, getattr(args, "gather", False))


def _input_paths(args: argparse.Namespace, cfg: Config) -> list[str]:
    """What to check: the paths on the command line, else the config's ``paths``, else (with
    ``--since``) every file of the repository that the ``include`` globs match (``--since`` then
    keeps the changed ones); with none of these, a usage error that says what to pass."""
    if args.paths:
        return list(args.paths)
    if cfg.paths:
        return cfg.input_paths
    if getattr(args, "since", None):
        files = [f for f in repository_files() if cfg.included(f)]
        if not files:
            raise UsageError(f"--since {args.since}: no file of the repository matches the config's `include` globs {cfg.include}")
        return files
    raise UsageError(NO_PATHS)


def _discover(args: argparse.Namespace, cfg: Config) -> list[Target]:
    """The files to check; nothing to check (no file, no rule) is a usage error unless --allow-empty."""
    paths = _input_paths(args, cfg)
    targets = discover(paths, cfg.excludes, cfg.extensions)
    if args.allow_empty:
        return targets
    if not targets:
        endings = " or ".join(cfg.extensions) or "(nothing: extensions is empty)"
        excluded = " or all are excluded" if cfg.exclude else ""
        where = " ".join(paths) if len(paths) <= 5 else f"{' '.join(paths[:5])} ..."
        raise UsageError(f"nothing to check: no file in {where} ends with {endings}{excluded}; pass --allow-empty to accept an empty run")
    if not any(cfg.enabled(r.id) for r in registry.load().rules):
        raise UsageError(
            f"nothing to check: no rule is selected (select {cfg.select}, extend_select {cfg.extend_select}, ignore {cfg.ignore}); "
            "pass --allow-empty to accept a run with no rule"
        )
    return targets


def _jobs(args: argparse.Namespace, files: int) -> int:
    """Worker processes: --jobs (default: the cores), lowered to the files and a multiple of the
    cores; a lowered --jobs is said on stderr."""
    jobs = worker_count(args.jobs or default_jobs(), files)
    if args.jobs is not None and jobs < args.jobs and not getattr(args, "quiet", False):
        print(f"provcheck: --jobs {args.jobs} lowered to {jobs} ({files} files, {default_jobs()} cores)", file=sys.stderr)
    return jobs


def _min_scores(values: list[str]) -> dict[str, int]:
    try:
        return parse_min_scores(values)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_check(args: argparse.Namespace) -> int:
    cfg = _effective_config(args)
    floors = {**({"overall": cfg.min_score} if cfg.min_score is not None else {}), **_min_scores(args.min_score)}
    baseline = load_baseline(args.baseline) if args.baseline else None
    targets = _discover(args, cfg)
    context: list[Target] = []
    unchanged: list[Target] = []
    since_note = ""
    if args.since:
        targets, unchanged = split_targets(targets, changed_files(args.since))
        # Without an archive index, the unchanged files are fingerprinted so corpus rules still see them.
        context = unchanged if targets and args.index is None else []
        since_note = f"--since {args.since}: {len(targets)} changed files checked, {len(unchanged)} unchanged"
        since_note += f" ({len(context)} fingerprinted for comparison)" if context else ""
    reports_dir = cfg.reports_path
    with contextlib.nullcontext() if args.no_reports else locked(reports_dir), contextlib.ExitStack() as stack:
        jobs = _jobs(args, len(targets) + len(context))
        executor = stack.enter_context(_executor(args, cfg, jobs))
        index = _open_index(args.index)
        err = Console(stderr=True)
        try:
            if err.is_terminal and not args.quiet and len(targets) > 20:
                from rich.progress import Progress

                with Progress(console=err, transient=True) as bar:
                    task = bar.add_task("checking", total=len(targets))
                    result = run(
                        targets, cfg, jobs, index, progress=lambda _: bar.advance(task), context=context, compact=True, executor=executor
                    )
            else:
                result = run(targets, cfg, jobs, index, context=context, compact=True, executor=executor)
        finally:
            if index is not None:
                index.close()
        site = None
        if not args.no_reports and cfg.html and not args.no_html:
            from checker.html import write_site

            by_name = {f"{f.target.report_name}.json": f for f in result.files}

            def full(name: str) -> FileReport | None:
                return by_name[name].full_report() if name in by_name else None

            def site(written: RunSummary) -> None:  # the dashboard, before the summary is marked complete
                write_site(reports_dir, written, jobs, full)

        writer = None if executor is None else executor.write_file_reports
        run_summary = summary(result) if args.no_reports else write_reports(result, reports_dir, jobs, unchanged, args.prune, site, writer)
    root = repo_root()
    comparison = compare_baseline(baseline, result, root, args.baseline) if baseline is not None else None
    outcome = evaluate_gate(result, cfg, floors, comparison)
    to_terminal = not args.output and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if to_terminal else None
    view = RunView(result, run_summary, outcome, root, comparison, width=width, color=to_terminal)
    if args.output or args.format != "text" or not args.quiet:
        _emit(render(args.format, view), args.output)
    if not args.quiet:
        if since_note:
            print(since_note, file=sys.stderr)
        if args.format == "text":
            counts = ", ".join(f"{n} {v}" for v, n in run_summary.verdicts.items() if n)
            tail = f"{len(result.files)} files" + (f": {counts}" if counts else "")
            if not args.no_reports:
                tail += f"; reports in {reports_dir}/"
            print(tail, file=sys.stderr)
        if outcome.failed:
            print(f"provcheck: gate failed: {'; '.join(outcome.reasons)}", file=sys.stderr)
    if outcome.crashed:
        for path, crashes in sorted(outcome.crashed.items()):
            print(f"provcheck: internal error in {path}: {'; '.join(crashes)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_GATE if outcome.failed else EXIT_OK


def cmd_html(args: argparse.Namespace) -> int:
    from checker.html import rebuild

    folder = Path(args.reports)
    if not (folder / "summary.json").is_file():
        raise UsageError(f"{folder / 'summary.json'} not found: run `provcheck check` with reports first")
    with locked(folder):  # no `check` writes into the folder meanwhile
        pages = rebuild(folder, default_jobs())
    print(f"{pages} article pages and {folder / 'index.html'} written", file=sys.stderr)
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    cfg = _effective_config(args)
    targets = _discover(args, cfg)
    index = _open_index(args.index)
    try:
        jobs = _jobs(args, len(targets))
        with _executor(args, cfg, jobs) as executor:
            result = run(targets, cfg, jobs, index, compact=True, executor=executor)
    finally:
        if index is not None:
            index.close()
    recorded = build_baseline(result, repo_root())
    _emit(dump_baseline(recorded), args.output)
    if args.output:
        print(f"baseline: {recorded.size()} findings in {len(recorded.findings)} of {len(targets)} files -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _open_index(path: str | None) -> Any:
    if path is None:
        return None
    from checker.indexcli import open_index

    return open_index(path)


def _emit(text: str, output: str | None) -> None:
    if output:
        from checker.fsutil import write_atomic

        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)


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


def cli_markdown() -> str:
    """docs/cli.md: every command's --help, generated (``python -m checker.docs``)."""
    import os

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal width; pin it so the page is stable
    try:
        parser = build_parser()
        out = [
            "# Command line",
            "",
            "Generated from the argument parser by `python -m checker.docs`; do not edit by hand.",
            "Exit codes: `0` passed, `1` the gate failed, `2` usage, configuration or internal error",
            "(the gate policy is in [ci.md](ci.md#exit-codes)).",
            "",
            "```text",
            parser.format_help().rstrip(),
            "```",
            "",
        ]
        for action in parser._subparsers._group_actions if parser._subparsers else []:
            for name, sub in getattr(action, "choices", {}).items():
                out += [f"## provcheck {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
                for subaction in sub._subparsers._group_actions if sub._subparsers else []:
                    for subname, subsub in getattr(subaction, "choices", {}).items():
                        out += [f"### provcheck {name} {subname}", "", "```text", subsub.format_help().rstrip(), "```", ""]
        return "\n".join(out)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
