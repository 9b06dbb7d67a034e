"""Atomic file writes: a report is either the old one or the whole new one, never half of it."""

from __future__ import annotations

import contextlib
import itertools
import os
from pathlib import Path

_COUNTER = itertools.count()
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    parent = path.parent
    tmp = parent / f".{path.name}.{os.getpid()}.{next(_COUNTER)}.tmp"
    try:
        try:
            fd = os.open(tmp, _FLAGS, 0o644)
        except OSError:  # the folder is not there yet (or is no folder: mkdir says so as before)
            parent.mkdir(parents=True, exist_ok=True)  # one system call saved per write when it is there
            fd = os.open(tmp, _FLAGS, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk: say which file could not be written
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
