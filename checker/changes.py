"""Which files a change touches (``check --since REF``) and repository-relative paths.

``--since REF`` checks the article files that were **added or modified** between the revision
``REF`` and the working tree -- committed, staged or not yet staged -- plus **untracked** files that
git does not ignore (a new article you have not ``git add``-ed yet is checked too; in CI the checkout
is clean, so only commits count). Renames count as additions (``--no-renames``); deleted files are
not checked. The selection is intersected with the PATHS given on the command line, so
``provcheck check articles/ --since origin/main`` never picks up a changed README.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from checker.discover import Target


class GitError(Exception):
    """git is missing, the folder is not a repository, or the revision is unknown (exit 2)."""


def repo_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the working directory) holding ``.git``
    (a folder, or a file for worktrees and submodules); ``start`` itself when there is none."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_path(path: str, root: Path) -> str:
    """``path`` (as displayed: relative to the working directory, or absolute) relative to
    ``root`` with POSIX separators; the absolute POSIX path when it lies outside ``root``."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, root)
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return absolute.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError as exc:
        raise GitError("--since needs git, and git is not installed") from exc
    if proc.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed: {proc.stderr.strip() or f'exit {proc.returncode}'}")
    return proc.stdout


def git_toplevel(cwd: Path | None = None) -> Path:
    base = Path(cwd or Path.cwd())
    try:
        out = _git(["rev-parse", "--show-toplevel"], base)
    except GitError as exc:
        raise GitError(f"--since needs a git repository, and {base} is not inside one") from exc
    return Path(out.strip())


def changed_files(ref: str, cwd: Path | None = None) -> set[str]:
    """Real (symlink-resolved) absolute paths of the files added or modified since ``ref``, plus
    untracked files git does not ignore."""
    base = Path(cwd or Path.cwd())
    top = git_toplevel(base)
    if ref.startswith("-"):
        raise GitError(f"--since: not a revision: {ref!r}")
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(f"--since: unknown git revision {ref!r}") from None
    diff = _git(["diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", ref, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = [n for n in (*diff.split("\0"), *untracked.split("\0")) if n]
    return {os.path.realpath(top / n) for n in names}


def repository_files(cwd: Path | None = None) -> list[str]:
    """Absolute paths of the files of the git repository around ``cwd``: tracked, and untracked ones
    git does not ignore (sorted)."""
    top = git_toplevel(cwd)
    listed = _git(["ls-files", "--cached", "--others", "--exclude-standard", "-z"], top)
    return sorted({str(top / n) for n in listed.split("\0") if n and (top / n).is_file()})


def split_targets(targets: Sequence[Target], changed: set[str]) -> tuple[list[Target], list[Target]]:
    """``targets`` split into (changed, unchanged)."""
    picked: list[Target] = []
    rest: list[Target] = []
    for t in targets:
        (picked if os.path.realpath(t.fs_path) in changed else rest).append(t)
    return picked, rest
