"""Which files a run checks: directories (recursively, symlinks followed once), globs, excludes."""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from checker.config import anchor, path_matches


class MissingPathError(Exception):
    """A path on the command line that does not exist (a usage error: exit 2)."""


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # display path: relative to the working directory when inside it, POSIX separators
    fs_path: str  # what to open
    report_name: str  # report file stem, relative to the reports directory (POSIX)


_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^\w.\-+=@~]")


def discover(paths: list[str], exclude: list[str], extensions: list[str], cwd: Path | None = None) -> list[Target]:
    base = (cwd or Path.cwd()).resolve()
    found: list[tuple[str, str, str]] = []  # display, fs path, name relative to its root
    seen: set[str] = set()
    for arg in paths:
        if _GLOB_CHARS.search(arg) and not os.path.lexists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise MissingPathError(f"no file matches {arg!r}")
            for match in matches:
                if os.path.isdir(match):
                    _walk(match, base, exclude, extensions, found, seen)
                else:
                    _add(match, base, PurePosixPath(_posix(match)).name, exclude, found, seen)
        elif os.path.isdir(arg):
            _walk(arg, base, exclude, extensions, found, seen)
        elif os.path.lexists(arg):
            _add(arg, base, PurePosixPath(_posix(arg)).name, exclude, found, seen)
        else:
            raise MissingPathError(f"path does not exist: {arg}")
    return _name_reports(found)


def _walk(root: str, base: Path, exclude: list[str], extensions: list[str], found: list[tuple[str, str, str]], seen: set[str]) -> None:
    visited: set[tuple[int, int]] = set()
    suffixes = tuple(e.lower() for e in extensions)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:  # a symlink loop, or a second link to a folder already walked
            dirnames[:] = []
            continue
        visited.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _excluded(os.path.join(dirpath, d), base, exclude))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            full = os.path.join(dirpath, name)
            _add(full, base, _posix(os.path.relpath(full, root)), exclude, found, seen)


def _add(path: str, base: Path, rel: str, exclude: list[str], found: list[tuple[str, str, str]], seen: set[str]) -> None:
    display = _display(path, base)
    if _excluded(path, base, exclude):
        return
    try:
        identity = os.path.realpath(path)
    except OSError:
        identity = os.path.abspath(path)
    if identity in seen:
        return
    seen.add(identity)
    found.append((display, path, rel))


def _excluded(path: str, base: Path, exclude: list[str]) -> bool:
    full = path if os.path.isabs(path) else os.path.join(base, path)
    return any(path_matches(full, anchor(pat, base), base) for pat in exclude)


def _display(path: str, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return _posix(str(absolute.relative_to(base)))
    except ValueError:
        return _posix(str(absolute))


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def _safe(rel: str) -> str:
    """A report stem: safe characters; a folder named like a report (``x.txt.json/``, ``summary.json/``)
    gets a ``_`` so that it can never take the place of a report file."""
    parts = [p for p in rel.split("/") if p not in ("", ".", "..")]
    cleaned = [_UNSAFE.sub("_", p).lstrip(".") or "_" for p in parts]
    cleaned[:-1] = [p + "_" if p.lower().endswith((".json", ".md")) else p for p in cleaned[:-1]]
    return "/".join(cleaned) or "_"


def _name_reports(found: list[tuple[str, str, str]]) -> list[Target]:
    """Report names mirror each file's path below the folder it was found in; names that would
    collide (same relative path under two roots) get a suffix from a hash of the display path."""
    stems = [_safe(rel) for _, _, rel in found]
    counts: dict[str, int] = {"summary": 1}  # reports/summary.{json,md} belong to the run summary
    for stem in stems:
        counts[stem.lower()] = counts.get(stem.lower(), 0) + 1
    targets = []
    for (display, fs_path, _), stem in zip(found, stems, strict=True):
        if counts[stem.lower()] > 1:
            stem = f"{stem}~{hashlib.sha1(display.encode()).hexdigest()[:8]}"
        targets.append(Target(display, fs_path, stem))
    targets.sort(key=lambda t: t.path)
    return targets
