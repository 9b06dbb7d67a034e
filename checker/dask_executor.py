"""The per-file phase on a Dask distributed cluster (``provcheck check --executor dask``).

The engine hands its items (``checker.engine.Item``) to :meth:`DaskExecutor.map` instead of its
process pool. The items go to the workers in chunks of :data:`CHUNK` files; each worker keeps one
:class:`~checker.engine.RuleSet` per configuration and runs the engine's own ``_processed`` on each
file, so a file's result is the same whichever machine checked it. At most :data:`AHEAD` chunks per
worker are in flight and the results come back in item order (``as_completed``, then re-ordered), so
the client's memory does not grow with chunks it is not ready for.

Where a file is read: by the worker, at the absolute path the client sees (shared storage mounted at
the same place on every machine), or by the client with ``ship_bytes`` (``--ship-bytes``), which
sends each file's bytes (or the error reading them) with its chunk.

A worker that dies (killed, out of memory, its machine gone) loses its chunks in flight; the
scheduler runs them again on another worker (``distributed.scheduler.allowed-failures``, 3 by
default, then the run fails with ``KilledWorker``), and each chunk's result is taken once, so every
file is reported exactly once. A chunk that raises is retried :data:`RETRIES` times (``retries``);
the engine never raises for bad input, so that only happens when a worker is broken.

Reports: :meth:`DaskExecutor.write_file_reports` has the workers write them, with the same
``checker.reports`` code and atomic writes, into the reports folder (which must then be shared
storage); with ``gather`` (``--gather``) the client writes them as the process pool does.

Limits: the per-file time budget (``file_timeout``) is not enforced on Dask (a worker cannot stop a
regular expression running in C without killing itself; Dask would then run the chunk again): a
runaway file holds its worker. The corpus phase runs on the client over the digests the chunks
bring back; a large run finds and verifies its near-duplicate candidates on the cluster
(``rules.duplication.distributed.cluster_steps``, through the client this executor makes the
default one).

A LocalCluster's workers are forked (where ``fork`` exists) once the rules' data is loaded here, so
that, as in the process pool's, they do not import and load it all again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from checker.config import Config, ConfigError
from checker.decode import InputError, read_bytes
from checker.engine import FileResult, Item, RuleSet, _processed
from checker.models import FileError

CHUNK = 32  # files per task: a task costs the scheduler about a millisecond, a file about ten
AHEAD = 4  # chunks in flight per worker
RETRIES = 2
ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
INSTALL = "the Dask executor needs the extra: pip install 'provcheck[dask]'"

_RULES: dict[str, RuleSet] = {}  # per worker process: the rule set of each configuration seen


def _rules(config: Config, every_analyzer: bool) -> RuleSet:
    key = f"{every_analyzer}:{config.model_dump_json()}"
    if key not in _RULES:
        _RULES.clear()
        _RULES[key] = RuleSet(config, every_analyzer)
        gc.freeze()  # as the pool's workers do: collections no longer walk the rules' long-lived data
    return _RULES[key]


def _check_chunk(
    items: Sequence[Item], config: Config, data: Sequence[bytes | InputError | None], every_analyzer: bool = False
) -> list[FileResult]:
    """On a worker: ``_processed`` of each item of one chunk."""
    rules = _rules(config, every_analyzer)
    return [_processed(item, rules, d) for item, d in zip(items, data, strict=True)]


def _write_chunk(files: Sequence[FileResult], reports_dir: str) -> list[list[FileError]]:
    """On a worker: the reports of ``files`` (``checker.reports``), and the errors writing added."""
    from checker.reports import _write_share

    before = [len(f.report.errors) for f in files]
    _write_share(files, Path(reports_dir))
    return [f.report.errors[n:] for f, n in zip(files, before, strict=True)]


def _read(item: Item, max_bytes: int) -> bytes | InputError:
    try:
        return read_bytes(item[0].fs_path, max_bytes)
    except InputError as exc:
        return exc


class DaskExecutor:
    """A Dask client: on the scheduler at ``address``, or on a ``LocalCluster`` of ``workers``
    single-threaded worker processes started here (and stopped by :meth:`close`)."""

    def __init__(self, address: str | None = None, workers: int = 1, ship_bytes: bool = False, gather: bool = False) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(INSTALL) from exc
        self.ship_bytes = ship_bytes
        self.gather = gather
        self.cluster: Any = None
        if address:
            try:
                self.client: Any = Client(address, timeout="30s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        else:
            import dask

            # Forked workers inherit the modules and data this process has loaded (as the process pool's
            # do); spawned ones import them all again, seconds each on a busy machine.
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            if method == "fork":
                RuleSet(Config())  # the rules' data loaded once, here, before the workers fork
            with dask.config.set({"distributed.worker.multiprocessing-method": method}):
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit=0, silence_logs=40
                )
            self.client = Client(self.cluster)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info()["workers"]))

    def map(self, items: Sequence[Item], config: Config, every_analyzer: bool = False) -> Iterator[FileResult]:
        from distributed import as_completed

        absolute = [(dataclasses.replace(t, fs_path=os.path.abspath(t.fs_path)), c, k) for t, c, k in items]
        chunks = [absolute[i : i + CHUNK] for i in range(0, len(absolute), CHUNK)]
        config_future = self.client.scatter(config, broadcast=True)
        window = self.workers() * AHEAD
        done: dict[int, list[FileResult]] = {}
        following = 0
        submitted = 0
        pending = as_completed(with_results=True)
        index: dict[str, int] = {}  # a chunk's task key -> its place

        def submit(i: int) -> None:
            chunk = chunks[i]
            data = [_read(item, config.max_file_bytes) for item in chunk] if self.ship_bytes else [None] * len(chunk)
            future = self.client.submit(_check_chunk, chunk, config_future, data, every_analyzer, pure=False, retries=RETRIES)
            index[future.key] = i
            pending.add(future)

        while submitted < min(window, len(chunks)):
            submit(submitted)
            submitted += 1
        try:
            for future, results in pending:
                done[index.pop(future.key)] = results
                while following in done:
                    yield from done.pop(following)
                    following += 1
                    if submitted < len(chunks):
                        submit(submitted)
                        submitted += 1
        finally:
            for future in pending.futures:
                future.cancel()

    def write_file_reports(self, files: Sequence[FileResult], reports_dir: Path) -> None:
        """Each file's reports, written by the workers (``gather``: by this process)."""
        from checker.reports import write_file_reports

        if self.gather:
            write_file_reports(files, reports_dir, 1)
            return
        chunks = [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
        futures = [self.client.submit(_write_chunk, chunk, str(reports_dir.resolve()), pure=False, retries=RETRIES) for chunk in chunks]
        for chunk, errors in zip(chunks, self.client.gather(futures), strict=True):
            for f, new in zip(chunk, errors, strict=True):
                f.report.errors.extend(new)


@contextlib.contextmanager
def executor(
    kind: str, workers: int, address: str | None = None, configured: str | None = None, ship_bytes: bool = False, gather: bool = False
) -> Iterator[DaskExecutor | None]:
    """The executor a command asked for: None for the process pool (``kind`` ``process``), else a
    Dask client on the scheduler at ``address`` (``--scheduler``), else ``DASK_SCHEDULER_ADDRESS``,
    else ``configured`` (the config's ``scheduler``), else on a LocalCluster of ``workers``."""
    if kind != "dask":
        yield None
        return
    with DaskExecutor(address or os.environ.get(ENV_SCHEDULER) or configured or None, workers, ship_bytes, gather) as ex:
        yield ex
