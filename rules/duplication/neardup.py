"""Near-duplicates across the run and the archive: candidates, verification, clusters and roles.

1. **Candidates**: files (of at least :data:`MIN_WORDS` words) whose LSH band keys
   (:mod:`rules.duplication.shingles`) share at least one band with another file of the run, or with
   an archive entry (looked up in the index's band table), and whose signatures agree in at least
   :data:`MIN_EQUAL` values. A band shared by more than :data:`MAX_BUCKET` files pairs each of them
   only with the first :data:`ANCHORS` (by path), which keeps a run of templated files linear (such
   files are still one cluster, but each lists only the neighbours it was compared with). Of its
   agreeing candidates, a file is verified against the :data:`MAX_CANDIDATES` strongest (most
   agreeing values; a pair stays when it is among the strongest of either file), so a cluster of
   thousands of near-copies costs a bounded number of verifications per file.
2. **Verification** (:mod:`rules.duplication.compare`): Jaccard, containment both ways, shared
   passages. A pair is kept (published) when either containment reaches :data:`FLOOR`; it is a
   *near-duplicate* when one file has at least ``min_containment`` of its words, and at least
   ``min_shared_words`` words, covered by the other, or when both have the same normalised text.
3. **Clusters**: connected components of near-duplicate pairs. The canonical member is the one that
   was there first (:func:`canonical_order`): an archive entry (or a file of the run that the index
   already holds) before any other file of the run, the earliest indexed among those; among files
   of the run the earlier date (a header date, or a dateline or date line with the year:
   ``rules.duplication._fingerprint``) before the later and the undated, then a wire original (it
   credits a news agency) before a republication, then the longer (in words), then the smaller path.
   :func:`canonical_reason` says which of these decided.
   Every other member's role comes from its comparison with the canonical member: **copy** when each
   has at least :data:`COPY_CONTAINMENT` of its words in the other, **abridged copy** when this file
   is the one contained (its containment in the canonical is the larger), **extended copy** otherwise.
4. **Reports** list a file's :data:`MAX_NEIGHBOURS` strongest neighbours (DU004's ``max_neighbours``)
   and as many members of its cluster, with the cluster's size and a count of the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from rules.duplication.compare import Measures, Passage, Sequence, measure, overlaps, quick_overlap, to16
from rules.duplication.shingles import I32, I64, U32, Fingerprint, K, band_keys

FLOOR = 0.2
MIN_CONTAINMENT = 0.5
MIN_SHARED_WORDS = 30
COPY_CONTAINMENT = 0.8
# A candidate from the band lookup is verified only when its signature agrees with this file's in at
# least this many of the NUM_PERM values: chance band collisions agree in 2-4 (the colliding band and
# little else), a pair with Jaccard 0.05 in ~13 on average.
MIN_EQUAL = 6
# Files shorter than this take no part in near-duplicate detection (a pair needs MIN_SHARED_WORDS
# shared words, and the option cannot go below this).
MIN_WORDS = 20
# A band bucket holding more files than MAX_BUCKET (templated files, hundreds of copies of one text)
# pairs each member only with its first ANCHORS members (by path): clusters still join up through
# them, and the number of comparisons stays linear in the run.
MAX_BUCKET = 50
ANCHORS = 3
# Each file is verified against at most MAX_CANDIDATES of its candidates, those whose signatures agree
# with it most (a pair is kept when it is among the strongest of either file). 5,000 near-copies of
# one story pair up in 50-file buckets (up to 49 x 128 candidates per file); the strongest few join
# the cluster just as well, and verification stays linear in the run.
MAX_CANDIDATES = 20
# A report lists at most this many neighbours of a file and members of its cluster (DU004's
# max_neighbours: the strongest neighbours, the members in canonical order); the rest are counted.
MAX_NEIGHBOURS = 10

SHARED_PAIRS = "duplication.pairs"
SHARED_NEIGHBOURS = "duplication.neighbours"
SHARED_CLUSTERS = "duplication.clusters"


@dataclass(frozen=True, slots=True)
class Node:
    key: str  # run path, or "index:<archive path>"
    ref: str  # the path (run) or the archive entry's path as it was added
    source: str  # run or index
    date: str | None
    words: int
    content_hash: str = ""
    outlets: tuple[str, ...] = ()
    indexed: int = 0  # place in the order the archive index stored it (1, 2, ...); 0: not in the archive

    @property
    def path(self) -> str | None:
        return self.ref if self.source == "run" else None


class ArchiveEntry(Protocol):
    """What the archive index returns for a candidate (:class:`rules.duplication.archive.ArchiveEntry`; no text)."""

    id: int  # stored order: an entry indexed earlier has the smaller id
    ref: str
    date: str | None
    words: int
    content_hash: str
    outlets: tuple[str, ...]

    def sequence(self) -> tuple[Any, I32, I32]: ...


class Index(Protocol):
    def candidates(self, keys: I64, exclude: frozenset[str], signature: U32 | None = None, min_equal: int = 0) -> Seq[ArchiveEntry]: ...

    def by_content_hash(self, content_hash: str, exclude: frozenset[str]) -> Seq[ArchiveEntry]: ...

    def key(self, path: str) -> str: ...

    def stored_order(self, abspaths: Iterable[str]) -> dict[str, int]: ...


WireTest = Callable[[Node], bool]  # does this member credit a news agency (a wire original)?


@dataclass(slots=True)
class Pair:
    a: Node  # always a run file
    b: Node
    m: Measures  # a's view: containment_a is the share of a in b

    @property
    def exact(self) -> bool:
        return bool(self.a.content_hash) and self.a.content_hash == self.b.content_hash

    def is_near(self, min_containment: float = MIN_CONTAINMENT, min_shared_words: int = MIN_SHARED_WORDS) -> bool:
        if self.exact:
            return True
        m = self.m
        return (m.containment_a >= min_containment and m.shared_words_a >= min_shared_words) or (
            m.containment_b >= min_containment and m.shared_words_b >= min_shared_words
        )

    def view(self, key: str) -> tuple[Node, Node, Measures]:
        """(this, other, measures from this file's side) for ``key`` = a.key or b.key."""
        if key == self.a.key:
            return self.a, self.b, self.m
        return self.b, self.a, self.m.swapped()


@dataclass(slots=True)
class Cluster:
    id: str
    canonical: Node
    members: list[Node]
    roles: dict[str, str]  # node key -> role
    reasons: dict[str, str] = field(default_factory=dict)  # node key -> why the canonical member comes before it

    def summary(self, limit: int = MAX_NEIGHBOURS) -> dict[str, Any]:
        """The cluster as a report gives it: its first ``limit`` members (canonical order), and
        ``members_omitted`` when there are more."""
        out = {
            "id": self.id,
            "canonical": self.canonical.ref,
            "canonical_source": self.canonical.source,
            "canonical_reason": self.reasons.get(self.canonical.key, ""),
            "size": len(self.members),
            "members": [
                {"ref": n.ref, "source": n.source, "date": n.date, "words": n.words, "role": self.roles[n.key]}
                for n in self.members[:limit]
            ],
        }
        if len(self.members) > limit:
            out["members_omitted"] = len(self.members) - limit
        return out


@dataclass(slots=True)
class NearDupResult:
    nodes: dict[str, Node]
    pairs: list[Pair]
    sequences: dict[str, Sequence] = field(default_factory=dict)  # node key -> sequence (for role checks)


def run_node(path: str, fp: Fingerprint) -> Node:
    return Node(path, path, "run", fp.date, fp.words, fp.content_hash)


def archive_node(entry: ArchiveEntry) -> Node:
    return Node(f"index:{entry.ref}", entry.ref, "index", entry.date, entry.words, entry.content_hash, tuple(entry.outlets), entry.id)


def _seq(fp: Fingerprint, sixteen: bool = False) -> Sequence:
    return Sequence(to16(fp.shingles) if sixteen else fp.shingles, fp.starts, fp.ends)


Candidates = tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.int64]]  # first, second, strength
# Finds the agreeing candidate pairs of ``paths`` (sorted) as indices into it, as :func:`local_candidates`
# does (``rules.duplication.distributed`` does it by a join on a Dask cluster).
CandidateFinder = Callable[[list[str], dict[str, Fingerprint]], Candidates]


def local_candidates(paths: list[str], digests: dict[str, Fingerprint]) -> Candidates:
    """The candidate pairs of ``paths`` (:func:`_candidates`) whose signatures agree (:func:`_agreeing`)."""
    keys = {p: band_keys(digests[p].signature) for p in paths}
    first, second = _candidates(paths, keys)
    return _agreeing(paths, digests, first, second)


def find_pairs(
    digests: dict[str, Fingerprint],
    index: Index | None = None,
    min_containment: float = MIN_CONTAINMENT,
    min_shared_words: int = MIN_SHARED_WORDS,
    find: CandidateFinder = local_candidates,
    verify: Verifier | None = None,
) -> NearDupResult:
    """The verified candidate pairs (either containment at least :data:`FLOOR`, or exact): each
    file's :data:`MAX_CANDIDATES` strongest candidates, then, strongest first, any other candidate
    that would join two clusters of near-duplicates (``min_containment``, ``min_shared_words``) not
    yet joined, while neither file has failed MAX_CANDIDATES such verifications. ``find`` gives the
    agreeing candidates (:func:`local_candidates`, in this process) and ``verify`` verifies each
    file's strongest (:func:`verify_groups`, in this process; ``checker.dask_executor``: on workers)."""
    nodes = {p: run_node(p, fp) for p, fp in digests.items()}
    run_files: frozenset[str] = frozenset()
    if index is not None:
        index_keys = {p: index.key(p) for p in digests}
        run_files = frozenset(index_keys.values())
        stored = index.stored_order(run_files)
        for p, k in index_keys.items():  # a file of the run that the archive already holds keeps its place in it
            if k in stored:
                nodes[p] = dataclasses.replace(nodes[p], indexed=stored[k])
    seqs: dict[str, Sequence] = {p: _seq(fp) for p, fp in digests.items()}
    pairs: list[Pair] = []
    paths = sorted(p for p, fp in digests.items() if fp.words >= MIN_WORDS)
    first, second, strength = find(paths, digests)
    chosen = _strongest(first, second, strength, MAX_CANDIDATES)
    top_first, top_second = first[chosen], second[chosen]
    bounds = np.flatnonzero(np.diff(top_first)) + 1
    groups = [
        (paths[int(top_first[lo])], [paths[j] for j in top_second[lo:hi].tolist()])
        for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(top_first)], strict=True)
        if lo < hi
    ]
    pairs.extend((verify or verify_groups)(groups, nodes, seqs))
    pairs.extend(_joining(paths, nodes, seqs, pairs, first, second, strength, chosen, min_containment, min_shared_words))
    if index is not None:
        for path in paths:
            fp = digests[path]
            seq16 = _seq(fp, sixteen=True)
            for entry in index.candidates(band_keys(fp.signature), run_files, fp.signature, MIN_EQUAL):
                node = archive_node(entry)
                k16, starts, ends = entry.sequence()
                other = Sequence(k16, starts, ends)
                pair = _verify(nodes[path], seq16, node, other)
                if pair is not None:
                    nodes[node.key] = node
                    seqs[node.key] = other
                    pairs.append(pair)
    return NearDupResult(nodes, pairs, seqs)


# Verifies (file, its strongest candidates) groups as :func:`verify_groups` does: the pairs, in order.
Verifier = Callable[[list[tuple[str, list[str]]], dict[str, Node], dict[str, Sequence]], list[Pair]]


def verify_groups(groups: list[tuple[str, list[str]]], nodes: dict[str, Node], seqs: dict[str, Sequence]) -> list[Pair]:
    """:func:`_verify_many` of each file of ``groups`` with its candidates, the pairs in order."""
    out: list[Pair] = []
    for a, others in groups:
        out.extend(_verify_many(nodes[a], seqs[a], [(nodes[b], seqs[b]) for b in others]))
    return out


def _candidates(paths: list[str], keys: dict[str, I64]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """The candidate pairs, as indices into ``paths`` (sorted, ``first <= second``, no repeats): every
    two files of an LSH bucket, or in a bucket of more than MAX_BUCKET files, each of its first
    ANCHORS files with every later one. One sort of every band key of the run (numpy) instead of a
    Python dictionary of lists: at 10,000 files that is 1.28 million keys, almost all of them in a
    bucket of one; the pairs of all buckets of one size are drawn at once."""
    none = np.zeros(0, dtype=np.intp)
    if len(paths) < 2:
        return none, none
    flat = np.concatenate([keys[p] for p in paths])
    owner = np.repeat(np.arange(len(paths)), [len(keys[p]) for p in paths])
    code = np.unique(bucket_pairs(flat, owner, len(paths)))
    if len(code) == 0:
        return none, none
    return (code // len(paths)).astype(np.intp), (code % len(paths)).astype(np.intp)


def bucket_pairs(flat: I64, owner: npt.NDArray[np.int64], n: int) -> I64:
    """The pairs of files that share a band key, each as ``first * n + second`` (``first < second``,
    repeats possible): ``flat`` the band keys, ``owner`` the file (0 .. n-1, path order) of each.
    Every two files of a bucket, or in a bucket of more than MAX_BUCKET files, each of its first
    ANCHORS files with every later one. Every row of one key must be here (a join keyed on it)."""
    order = np.lexsort((owner, flat))
    flat, owner = flat[order], owner[order]
    same = flat[1:] == flat[:-1]
    if not same.any():
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    sizes = np.diff(np.append(starts, len(flat)))
    codes = []
    for size in np.unique(sizes[sizes > 1]).tolist():
        members = owner[starts[sizes == size][:, None] + np.arange(size)]  # one row per bucket, in path order
        i, j = np.triu_indices(size, 1)
        if size > MAX_BUCKET:
            i, j = i[i < ANCHORS], j[i < ANCHORS]
        codes.append((members[:, i].astype(np.int64) * n + members[:, j]).ravel())
    return np.concatenate(codes)


def _agreeing(
    paths: list[str], digests: dict[str, Fingerprint], first: npt.NDArray[np.intp], second: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """The candidates whose signatures agree in at least MIN_EQUAL values, or with the same content
    hash, with their strength (the number of agreeing values; more than all of them for the same hash)."""
    if len(first) == 0:
        return first, second, np.zeros(0, dtype=np.int64)
    sigs = np.stack([digests[p].signature for p in paths])
    hash_ids: dict[str, int] = {}
    hashes = np.array([hash_ids.setdefault(digests[p].content_hash, len(hash_ids)) for p in paths])
    keep, strength = agreement(sigs, hashes, sigs, hashes, first, second)
    return first[keep], second[keep], strength


def agreement(
    sigs_a: U32,
    hashes_a: npt.NDArray[Any],
    sigs_b: U32,
    hashes_b: npt.NDArray[Any],
    first: npt.NDArray[np.intp],
    second: npt.NDArray[np.intp],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Which pairs (row ``first`` of ``sigs_a`` with row ``second`` of ``sigs_b``) agree in at least
    MIN_EQUAL signature values or have the same content hash, and the strength of those that do."""
    same = hashes_a[first] == hashes_b[second]
    equal = np.zeros(len(first), dtype=np.int64)
    step = 1 << 14
    for lo in range(0, len(first), step):
        hi = lo + step
        equal[lo:hi] = np.count_nonzero(sigs_a[first[lo:hi]] == sigs_b[second[lo:hi]], axis=1)
    keep = same | (equal >= MIN_EQUAL)
    return keep, np.where(same[keep], sigs_a.shape[1] + 1, equal[keep])


def _strongest(
    first: npt.NDArray[np.intp], second: npt.NDArray[np.intp], strength: npt.NDArray[np.int64], limit: int
) -> npt.NDArray[np.bool_]:
    """Which pairs are among the ``limit`` strongest of either of their files (ties: the earlier pair)."""
    m = len(first)
    ends = np.concatenate((first, second))
    pair = np.concatenate((np.arange(m), np.arange(m)))
    order = np.lexsort((pair, -np.concatenate((strength, strength)), ends))
    grouped = ends[order]
    rank = np.arange(2 * m) - np.searchsorted(grouped, grouped, side="left")
    keep = np.zeros(m, dtype=bool)
    keep[pair[order][rank < limit]] = True
    return keep


def _joining(
    paths: list[str],
    nodes: dict[str, Node],
    seqs: dict[str, Sequence],
    verified: list[Pair],
    first: npt.NDArray[np.intp],
    second: npt.NDArray[np.intp],
    strength: npt.NDArray[np.int64],
    chosen: npt.NDArray[np.bool_],
    min_containment: float,
    min_shared_words: int,
) -> list[Pair]:
    """The candidates beyond each file's strongest that join two clusters (union-find over the
    near-duplicate pairs so far), strongest first; a file whose MAX_CANDIDATES such verifications
    failed is tried no more, so the work stays linear in the run."""
    parent = list(range(len(paths)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    position = {p: i for i, p in enumerate(paths)}
    for p in verified:
        if p.is_near(min_containment, min_shared_words):
            parent[find(position[p.a.key])] = find(position[p.b.key])
    failed = np.zeros(len(paths), dtype=np.int64)
    out: list[Pair] = []
    rest = np.flatnonzero(~chosen)
    for i in rest[np.argsort(-strength[rest], kind="stable")].tolist():
        a, b = int(first[i]), int(second[i])
        ra, rb = find(a), find(b)
        if ra == rb or failed[a] >= MAX_CANDIDATES or failed[b] >= MAX_CANDIDATES:
            continue
        pa, pb = paths[a], paths[b]
        pair = _verify(nodes[pa], seqs[pa], nodes[pb], seqs[pb])
        if pair is not None:
            out.append(pair)
        if pair is not None and pair.is_near(min_containment, min_shared_words):
            parent[ra] = rb
        else:
            failed[a] += 1
            failed[b] += 1
    return out


def _verify_many(a: Node, sa: Sequence, others: list[tuple[Node, Sequence]]) -> list[Pair]:
    """:func:`_verify` of ``a`` with each of ``others`` (run files of MIN_WORDS words or more), in order."""
    out: list[Pair] = []
    step = 256  # bounds the (others x shingles) matrices
    for lo in range(0, len(others), step):
        chunk = others[lo : lo + step]
        seqs = [sb for _, sb in chunk]
        ov = overlaps(sa, seqs)
        exact = np.array([bool(a.content_hash) and a.content_hash == b.content_hash for b, _ in chunk], dtype=bool)
        smaller = np.minimum(len(sa.unique()), [len(sb.unique()) for sb in seqs])
        words = np.array([sb.words for sb in seqs])
        # _verify's two tests, for every pair at once (the same float divisions)
        share = ov.inter / np.maximum(smaller, 1)
        contained = np.maximum(ov.covered_a / sa.words, ov.covered_b / words)
        keep = exact | ((smaller > 0) & (share >= FLOOR / K) & (contained >= FLOOR))
        for i in np.flatnonzero(keep).tolist():
            b, sb = chunk[i]
            if exact[i]:
                pair = _verify(a, sa, b, sb)
                if pair is not None:
                    out.append(pair)
            else:
                out.append(Pair(a, b, ov.measures(i, sa, sb)))
    return out


def _verify(a: Node, sa: Sequence, b: Node, sb: Sequence) -> Pair | None:
    exact = bool(a.content_hash) and a.content_hash == b.content_hash
    # Every covered word lies in one of at most K matching shingles: under FLOOR / K shared
    # shingles (of the smaller set), neither containment can reach FLOOR.
    _, share = quick_overlap(sa.unique(), sb.unique())
    if not exact and share < FLOOR / K:
        return None
    m = measure(sa, sb, passages=True, floor=0.0 if exact else FLOOR)
    return None if m is None else Pair(a, b, m)


def clusters(result: NearDupResult, near: list[Pair], is_wire: WireTest = lambda node: False) -> list[Cluster]:
    """Connected components of ``near``, each with its canonical member (:func:`canonical_order`,
    ``is_wire`` telling a wire original) and every member's role."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in near:
        ra, rb = find(p.a.key), find(p.b.key)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        groups[find(key)].append(key)
    by_pair = {(p.a.key, p.b.key): p for p in result.pairs}
    out: list[Cluster] = []
    for keys in groups.values():
        members = sorted((result.nodes[k] for k in keys), key=lambda n: canonical_order(n, is_wire(n)))
        canon = members[0]
        roles = {canon.key: "canonical"}
        reasons = {canon.key: canonical_reason(canon, members[1], is_wire)}  # against the runner-up
        for node in members[1:]:
            roles[node.key] = role(node, canon, _measures(result, by_pair, node, canon))
            reasons[node.key] = canonical_reason(canon, node, is_wire)
        cid = "dup-" + hashlib.sha1(canon.key.encode("utf-8")).hexdigest()[:10]
        out.append(Cluster(cid, canon, members, roles, reasons))
    return sorted(out, key=lambda c: c.canonical.key)


def canonical_order(node: Node, wire: bool = False) -> tuple[int, int, int, str, int, int, str]:
    """The one that was there first comes first: an archive entry before a file of the run, the
    earliest indexed among archive entries; then the earlier date before the later and the undated,
    a wire original (``wire``: it credits a news agency) before a republication, the longer before
    the shorter, and the smaller reference."""
    archived = node.indexed > 0  # an archive entry, or a file of the run that the archive already holds
    return (0 if archived else 1, node.indexed, 0 if node.date else 1, node.date or "", 0 if wire else 1, -node.words, node.ref)


def canonical_reason(first: Node, second: Node, is_wire: WireTest = lambda node: False) -> str:
    """Why ``first`` comes before ``second`` in :func:`canonical_order`, in words for a report."""
    if first.indexed and not second.indexed:
        return "in the archive before this run"
    if first.indexed:
        return "indexed before the other"
    if first.date and not second.date:
        return f"dated {first.date}, the other is not"
    if first.date and second.date and first.date != second.date:
        return f"dated earlier: {first.date}, the other {second.date}"
    if is_wire(first) and not is_wire(second):
        return "the wire original: it credits a news agency, the other does not"
    if first.words != second.words:
        return f"longer: {first.words} words, the other {second.words}"
    return "first by path"


def _measures(result: NearDupResult, by_pair: dict[tuple[str, str], Pair], node: Node, canon: Node) -> Measures | None:
    pair = by_pair.get((node.key, canon.key)) or by_pair.get((canon.key, node.key))
    if pair is not None:
        return pair.view(node.key)[2]
    a, b = result.sequences.get(node.key), result.sequences.get(canon.key)
    if a is None or b is None:
        return None
    if a.keys.dtype != b.keys.dtype:  # one archive entry: compare on 16-bit keys
        a = Sequence(to16(a.keys) if a.keys.dtype == np.uint32 else a.keys, a.starts, a.ends)  # type: ignore[arg-type]
        b = Sequence(to16(b.keys) if b.keys.dtype == np.uint32 else b.keys, b.starts, b.ends)  # type: ignore[arg-type]
    if node.source == "index" and canon.source == "index":
        return None
    return measure(a, b, passages=False)


def role(node: Node, canon: Node, m: Measures | None) -> str:
    if node.content_hash and node.content_hash == canon.content_hash:
        return "copy"
    if m is None:  # two archive entries: only their lengths are known here
        return "abridged copy" if node.words < canon.words else "extended copy" if node.words > canon.words else "copy"
    if m.containment_a >= COPY_CONTAINMENT and m.containment_b >= COPY_CONTAINMENT:
        return "copy"
    return "abridged copy" if m.containment_a >= m.containment_b else "extended copy"


def near_pairs(pairs: Iterable[Pair], min_containment: float = MIN_CONTAINMENT, min_shared_words: int = MIN_SHARED_WORDS) -> list[Pair]:
    return [p for p in pairs if p.is_near(min_containment, min_shared_words)]


def passage_dict(p: Passage) -> dict[str, Any]:
    return {"this": {"start": p.a_start, "end": p.a_end}, "other": {"start": p.b_start, "end": p.b_end}, "words": p.words}


def neighbour_record(this: Node, other: Node, m: Measures) -> dict[str, Any]:
    """One entry of ``corpus.shared["duplication.neighbours"][path]``."""
    return {
        "path": other.path,
        "ref": other.ref,
        "jaccard": round(m.jaccard, 4),
        "containment": round(m.containment_a, 4),
        "date": other.date if other.source == "index" else None,
        "source": other.source,
    }


def neighbour_details(this: Node, other: Node, m: Measures) -> dict[str, Any]:
    """What a report's ``details["duplication"]["neighbours"]`` says about one near-duplicate."""
    return {
        "ref": other.ref,
        "source": other.source,
        "date": other.date,
        "words": other.words,
        "outlets": list(other.outlets),
        "exact": bool(this.content_hash) and this.content_hash == other.content_hash,
        "jaccard": round(m.jaccard, 4),
        "containment_this": round(m.containment_a, 4),
        "containment_other": round(m.containment_b, 4),
        "shared_words_this": m.shared_words_a,
        "shared_words_other": m.shared_words_b,
        "passages": [passage_dict(p) for p in m.passages],
    }


def publish(
    result: NearDupResult, near: list[Pair], is_wire: WireTest = lambda node: False
) -> tuple[dict[str, list[dict[str, Any]]], list[Cluster]]:
    neighbours: dict[str, list[dict[str, Any]]] = {k: [] for k, n in result.nodes.items() if n.source == "run"}
    for p in near:
        for key in (p.a.key, p.b.key):
            this, other, m = p.view(key)
            if this.source == "run":
                neighbours[key].append(neighbour_record(this, other, m))
    for recs in neighbours.values():
        recs.sort(key=lambda r: (-r["containment"], r["ref"]))
    return neighbours, clusters(result, near, is_wire)


def as_u32(a: Any) -> U32:
    return np.asarray(a, dtype=np.uint32)
