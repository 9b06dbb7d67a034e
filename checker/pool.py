"""Worker processes that never outlive the run: an ordered map over a pool that gives each item a
time budget, and the death-with-parent set-up every forked child of provcheck runs.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it cannot stop one stuck worker (a file
whose analysis runs away would hold the run forever), it breaks as a whole when one worker dies,
and its workers outlive a killed parent. Here each worker has its own pipe and at most two items in
flight; the parent knows which item each worker is on and since when, kills a worker whose item
is over its budget (SIGKILL: a regular expression backtracking in C never sees a Python signal),
reports that item through ``failed`` and starts a fresh worker for the rest.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_IN_FLIGHT = 2  # items sent to a worker ahead: it never waits for the parent between two items
_WATCHDOG_SECONDS = 1.0
_READY = -1  # what a worker sends once its initializer has run: the clock of its first item starts then


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> None:
    """Make this (forked) process receive ``sig`` when its parent dies: ``prctl(PR_SET_PDEATHSIG)``
    on Linux, and everywhere a watchdog thread that sends it when the parent process id changes
    (the child was re-parented). A parent already gone before the call is caught too."""
    parent = os.getppid() if parent is None else parent
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), sig)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCHDOG_SECONDS)
        os.kill(os.getpid(), sig)

    threading.Thread(target=watch, name="provcheck-watchdog", daemon=True).start()


def _context() -> Any:
    return get_context("fork") if "fork" in get_all_start_methods() else get_context("spawn")


def _worker_main(
    conn: Connection, parent: int, work: Callable[[Any], Any], init: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(signal.SIGKILL, parent)
    if init is not None:
        init(*initargs)
    conn.send((_READY, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        conn.send((index, work(item)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    items: deque[int] = field(default_factory=deque)  # indices sent, oldest (the one in progress) first
    since: float = 0.0  # when the item in progress started (the previous one's result arrived)
    ready: bool = False  # initialized: its time budget runs


@dataclass
class Pool(Generic[T, R]):
    """``map`` of ``work`` over ``items`` in ``jobs`` worker processes, results in item order.
    ``failed(item, kind, message)`` stands in for the result of an item whose worker ran over
    ``timeout`` seconds (kind ``timeout``) or died (kind ``crash``). ``timeout`` 0: no budget."""

    work: Callable[[T], R]
    failed: Callable[[T, str, str], R]
    jobs: int
    timeout: float = 0.0
    initializer: Callable[..., None] | None = None
    initargs: tuple[Any, ...] = ()
    _workers: list[_Worker] = field(default_factory=list)

    def _start(self) -> _Worker:
        ctx = _context()
        here, there = ctx.Pipe()
        proc = ctx.Process(
            target=_worker_main, args=(there, os.getpid(), self.work, self.initializer, self.initargs), daemon=True, name="provcheck-worker"
        )
        proc.start()
        there.close()
        worker = _Worker(proc, here)
        self._workers.append(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def map(self, items: Sequence[T]) -> Iterator[R]:
        todo: deque[int] = deque(range(len(items)))
        done: dict[int, R] = {}
        window = self.jobs * _IN_FLIGHT * 4  # results held for order: bounded however long one item takes
        following = 0
        try:
            for _ in range(min(self.jobs, len(items))):
                self._start()
            while following < len(items):
                now = time.monotonic()
                for w in self._workers:
                    while len(w.items) < _IN_FLIGHT and todo and todo[0] < following + window:
                        i = todo.popleft()
                        w.conn.send((i, items[i]))
                        if not w.items:
                            w.since = now
                        w.items.append(i)
                busy = [w for w in self._workers if w.items]
                timed = [w for w in busy if w.ready]
                wait_for = None
                if self.timeout > 0 and timed:
                    wait_for = max(0.0, min(w.since for w in timed) + self.timeout - now)
                ready = set(wait([w.conn for w in busy], timeout=wait_for))
                for w in list(busy):
                    if w.conn in ready:
                        try:
                            index, result = w.conn.recv()
                        except (EOFError, OSError):
                            self._lost(w, items, todo, done, "crash", self._death_note(w))
                            continue
                        if index == _READY:
                            w.ready = True
                        else:
                            w.items.popleft()
                            done[index] = result
                        w.since = time.monotonic()
                    elif self.timeout > 0 and w.ready and time.monotonic() - w.since >= self.timeout:
                        budget = f"analysis ran over the time budget of {self.timeout:g} s (file_timeout)"
                        self._lost(w, items, todo, done, "timeout", budget)
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            for w in list(self._workers):
                self._stop(w)

    def _death_note(self, w: _Worker) -> str:
        w.process.join(timeout=5)
        code = w.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
        return f"the worker process checking this file died ({how}; out of memory?)"

    def _lost(self, w: _Worker, items: Sequence[T], todo: deque[int], done: dict[int, R], kind: str, message: str) -> None:
        """The item in progress on ``w`` fails; the items queued behind it go back to the front."""
        current, *queued = w.items
        done[current] = self.failed(items[current], kind, message)
        todo.extendleft(reversed(queued))
        self._stop(w)
        if todo:
            self._start()
