"""The Dask path (docs/scaling.md): a LocalCluster of two worker processes checks the seeds and a few
hundred generated articles with the same reports and the same near-duplicate clusters as the
process pool, a worker killed mid-run still leaves every file reported exactly once, and the
distributed band-key join finds the same candidates as the one-process step."""

from __future__ import annotations

import os
import random
import shutil
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("distributed")

from checker.article import Article
from checker.cli import main
from checker.config import Config
from checker.dask_executor import DaskExecutor
from checker.discover import discover
from checker.engine import FileResult, RunResult, run
from checker.reports import write_reports
from rules.duplication import distributed, neardup
from rules.duplication.distributed import finder, join_candidates, make_parts
from rules.duplication.shingles import Fingerprint

from .conftest import ROOT, SEEDS

TODAY = date(2026, 11, 22)
ARTICLES = 200


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[DaskExecutor]:
    with DaskExecutor(workers=2) as ex:
        yield ex


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, and articles mixed from their sentences: every seventh a shortened or extended
    copy of an earlier one, so that the run has near-duplicate clusters."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    sentences: list[str] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        article = Article.from_text(seed.read_text(encoding="utf-8"))
        sentences.extend(article.slice(s) for s in article.sentences if len(article.words_in(s.start, s.end)) >= 4)
    rng = random.Random(15)
    texts: list[str] = []
    for i in range(ARTICLES):
        if i % 7 == 6:
            base = texts[rng.randrange(len(texts))].split("\n")
            text = "\n".join(base[: max(4, len(base) - 2)] + rng.sample(sentences, 2)) + "\n"
        else:
            picked = rng.sample(sentences, rng.randint(6, 16))
            text = "\n\n".join("\n".join(picked[j : j + 3]) for j in range(0, len(picked), 3)) + "\n"
        texts.append(text)
        (folder / f"gen{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def _check(folder: Path, executor: DaskExecutor | None, **kw: object) -> RunResult:
    targets = discover([str(folder)], [], [".txt"])
    return run(targets, Config(today=TODAY), 2, compact=True, executor=executor, **kw)  # type: ignore[arg-type]


def _written(result: RunResult, out: Path, executor: DaskExecutor | None) -> dict[str, bytes]:
    write_reports(result, out, 2, writer=None if executor is None else executor.write_file_reports)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _clusters(result: RunResult) -> set[tuple[str, ...]]:
    found = set()
    for f in result.files:
        cluster = (f.full_report().details.get("duplication") or {}).get("cluster")
        if cluster:
            found.add((cluster["id"], cluster["canonical"], *sorted(m["ref"] for m in cluster["members"])))
    return found


def test_dask_reports_and_clusters_match_the_process_pool(
    dask_cluster: DaskExecutor, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same reports and clusters, the near-duplicate candidates found by the join and verified
    on the cluster (as in a run of JOIN_MIN_FILES files or more)."""
    pool = _check(corpus, None)
    used: list[str] = []
    real_finder, real_verifier = distributed.finder, distributed.verifier

    def finder(client: object, rows: int = 0) -> neardup.CandidateFinder:
        used.append("join")
        return real_finder(client, rows=60)  # several partitions

    def verifier(client: object, batch: int = 0) -> neardup.Verifier:
        used.append("verify")
        return real_verifier(client, batch=16)  # several tasks

    monkeypatch.setattr(distributed, "JOIN_MIN_FILES", 1)
    monkeypatch.setattr(distributed, "finder", finder)
    monkeypatch.setattr(distributed, "verifier", verifier)
    on_dask = _check(corpus, dask_cluster)
    monkeypatch.undo()
    assert "join" in used and "verify" in used, "the corpus phase did not find and verify its candidates on the cluster"
    assert [f.target.path for f in on_dask.files] == [f.target.path for f in pool.files]
    clusters = _clusters(pool)
    assert len(clusters) >= 2, "the generated copies must make near-duplicate clusters"
    assert _clusters(on_dask) == clusters
    assert _written(on_dask, tmp_path / "dask", dask_cluster) == _written(pool, tmp_path / "pool", None)


def test_a_killed_worker_leaves_every_file_reported_once(dask_cluster: DaskExecutor, corpus: Path, tmp_path: Path) -> None:
    pids = list(dask_cluster.client.run(os.getpid).values())
    seen: list[str] = []

    def kill_one_worker(result: FileResult) -> None:
        seen.append(result.target.path)
        if len(seen) == 1:  # the first result is in: the other chunks are queued or running on the workers
            os.kill(pids[0], signal.SIGKILL)

    on_dask = _check(corpus, dask_cluster, progress=kill_one_worker)
    assert pids[0] not in dask_cluster.client.run(os.getpid).values(), "the worker was not killed"
    paths = [f.target.path for f in on_dask.files]
    assert sorted(paths) == sorted(set(paths)) == sorted(seen) and len(paths) == len(os.listdir(corpus))
    pool = _check(corpus, None)
    assert _written(on_dask, tmp_path / "dask", dask_cluster) == _written(pool, tmp_path / "pool", None)


def test_cli_on_a_scheduler_writes_the_committed_seed_reports(
    dask_cluster: DaskExecutor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`provcheck check seeds/ --executor dask --scheduler ADDRESS --ship-bytes` writes what the
    process pool committed in reports/ (the workers write the reports), and so does --gather."""
    monkeypatch.chdir(ROOT)
    address = dask_cluster.client.scheduler.address
    committed = {p.name: p.read_bytes() for p in (ROOT / "reports").iterdir() if p.suffix in (".json", ".md")}
    for extra in (["--ship-bytes"], ["--gather"]):
        out = tmp_path / extra[0].strip("-")
        code = main(["check", "seeds/", "--executor", "dask", "--scheduler", address, *extra, "--reports-dir", str(out), "-q", "--no-html"])
        assert code == 1  # the seeds fail the gate, as with the process pool
        written = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".json", ".md")}
        for name in ("summary.json", "summary.md"):  # the summary names its reports folder
            written.pop(name), committed.pop(name, None)
        assert written == committed


def test_dask_options_need_the_dask_executor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(SEEDS), "--ship-bytes", "--reports-dir", str(tmp_path / "r")])
    assert code == 2
    assert "--executor dask" in capsys.readouterr().err


def _digests(folder: Path) -> dict[str, Fingerprint]:
    result = run(discover([str(folder)], [], [".txt"]), Config(today=TODAY, select=["DU"]), 1)
    return {f.target.path: f.digests["duplication"] for f in result.files if "duplication" in f.digests}


def test_band_key_join_finds_the_candidates_of_the_one_process_step(dask_cluster: DaskExecutor, corpus: Path) -> None:
    digests = _digests(corpus)
    paths = sorted(p for p, fp in digests.items() if fp.words >= neardup.MIN_WORDS)
    local = neardup.local_candidates(paths, digests)
    assert len(local[0]) >= 20
    sigs = np.stack([digests[p].signature for p in paths])
    parts = dask_cluster.client.scatter(make_parts(sigs, [digests[p].content_hash for p in paths], rows=37))  # several partitions
    joined = join_candidates(dask_cluster.client, parts, len(paths), partitions=5)
    for mine, theirs in zip(joined, local, strict=True):
        assert mine.tolist() == theirs.tolist()
    near = neardup.find_pairs(digests, find=finder(dask_cluster.client, rows=50))
    alone = neardup.find_pairs(digests)
    assert [c.summary() for c in neardup.publish(near, neardup.near_pairs(near.pairs))[1]] == [
        c.summary() for c in neardup.publish(alone, neardup.near_pairs(alone.pairs))[1]
    ]


def test_index_add_on_dask_and_the_exported_signatures_join(dask_cluster: DaskExecutor, corpus: Path, tmp_path: Path) -> None:
    """`index add --executor dask` stores what the process pool stores; `index export` writes its
    signatures as Parquet, and the join over the exported partitions finds the one-process candidates."""
    from checker.index import ArchiveIndex
    from rules.duplication.distributed import parquet_parts

    address = dask_cluster.client.scheduler.address
    for name, extra in (("pool", []), ("dask", ["--executor", "dask", "--scheduler", address])):
        assert main(["index", "add", str(corpus), "--index", str(tmp_path / f"{name}.db"), "-q", "--jobs", "2", *extra]) == 0
    rows = []
    for name in ("pool", "dask"):
        with ArchiveIndex(str(tmp_path / f"{name}.db")) as index:
            store = index.store("duplication")
            assert store is not None
            rows.append(
                store.query(
                    "SELECT e.path, f.signature, f.shingles FROM {fingerprints} f JOIN {entries} e ON e.id = f.article ORDER BY e.path"
                )
            )
    assert rows[0] == rows[1] and len(rows[0]) == len(os.listdir(corpus))
    assert main(["index", "export", "--index", str(tmp_path / "dask.db"), "-o", str(tmp_path / "sig.parquet")]) == 0
    parts, n = parquet_parts(dask_cluster.client, str(tmp_path / "sig.parquet"))
    joined = join_candidates(dask_cluster.client, parts, n)
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "sig.parquet")
    exported = {
        f"{i:06d}": Fingerprint(
            30,
            np.zeros(0, np.uint32),
            np.zeros(0, np.int32),
            np.zeros(0, np.int32),
            np.frombuffer(sig, "<u4").astype(np.uint32),
            content_hash=h,
        )
        for i, (sig, h) in enumerate(zip(table.column("signature").to_pylist(), table.column("content_hash").to_pylist(), strict=True))
    }
    local = neardup.local_candidates(sorted(exported), exported)
    assert len(local[0]) >= 20
    for mine, theirs in zip(joined, local, strict=True):
        assert mine.tolist() == theirs.tolist()
