"""Duplication family (DU): repeats inside an article, copies across the run and the archive.

* ``DU001 repeated-passage`` (:mod:`.repeats`): a paragraph or sentence that occurs again (fuzzy).
* ``DU002 excessive-repetition`` (:mod:`.gopher`): Gopher repetition signals over their thresholds.
* ``DU003 exact-duplicate`` (:mod:`.exact`): the same normalised text in the run or the archive.
* ``DU004 near-duplicate`` (:mod:`.neardup`): most of the text shared with another file.

The ``duplication`` analyzer reports the Gopher signals and the near-duplicate figures as metrics in
every report, and in the corpus step publishes ``corpus.shared["duplication.neighbours"]`` (path ->
near-duplicates with Jaccard, containment, date and source) for the dates family.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article, shorten
from checker.models import Family, FileReport, Severity
from checker.rule import Analyzer, ArchiveRecord, Contribution, Corpus, CorpusAnalyzer, CorpusRule, DocumentRule, Example, Hit
from rules.dates import date_at_top
from rules.duplication import archive as stored
from rules.duplication import gopher, neardup
from rules.duplication.compare import Measures
from rules.duplication.distributed import cluster_steps
from rules.duplication.exact import content_hash, normalised_text
from rules.duplication.repeats import DEFAULT_MIN_CHARS, DEFAULT_SIMILARITY, HEAVY_SHARE, find_repeats
from rules.duplication.shingles import Fingerprint, declared_date, fingerprint
from rules.provenance.outlets import lookup as outlet_lookup

__all__ = ["ANALYZERS", "RULES", "content_hash", "normalised_text"]


def _fingerprint(article: Article, today: date) -> Fingerprint | None:
    """The article's fingerprint, dated by its header or, without one, by the date its text states
    at the top (a wire dateline with the year): the dated member of a cluster is its canonical one."""
    if not article.word_count:
        return None
    fp = article.derive(fingerprint)
    if fp.date is None:
        stated = date_at_top(article, today)
        if stated is not None:
            return replace(fp, date=stated)
    return fp


def _own_date(article: Article, today: date) -> str | None:
    """The header's date, else the one the text states at its top."""
    return declared_date(article) or date_at_top(article, today)


def _repeats_default(article: Article) -> list[Any]:
    return find_repeats(article)


def _repeats(article: Article, opts: RepeatedPassageOptions) -> list[Any]:
    """DU001's repeated passages with its configured options (shared with the analyzer's count)."""
    if opts.min_chars == DEFAULT_MIN_CHARS and opts.similarity == DEFAULT_SIMILARITY:
        return article.derive(_repeats_default)
    return find_repeats(article, opts.min_chars, opts.similarity)


# --- DU001 -------------------------------------------------------------------------------------
class RepeatedPassageOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_chars: int = Field(DEFAULT_MIN_CHARS, ge=1, description="passages shorter than this (normalised characters) are ignored")
    similarity: float = Field(DEFAULT_SIMILARITY, gt=0.5, le=1.0, description="fuzzy similarity (0..1) that counts as a repeat")
    heavy_share: float = Field(
        HEAVY_SHARE,
        gt=0.0,
        le=1.0,
        description="share of the sentences' text in repeats at which one error says the article is mostly repetition",
    )


class RepeatedPassage(DocumentRule):
    id = "DU001"
    name = "repeated-passage"
    family = Family.DUPLICATION
    severity = Severity.WARNING
    summary = "A paragraph or sentence occurs again, identically or nearly so, in the same article."
    rationale = (
        "Scrapers and content systems paste the same photo caption, lead sentence or block of "
        "paragraphs twice; an editor's second version of a sentence is left next to the first. Each "
        "repeat inflates the article and misleads every count made on it. Paragraphs of two or more "
        "sentences are compared first, then sentences outside repeated paragraphs; the comparison is "
        "case-folded with white space collapsed and uses rapidfuzz's normalised similarity, so a "
        "caption repeated with another weekday or a changed figure still counts (default 0.90). "
        'Passages under 50 characters ("Advertisement", "Read more") are ignored. Each finding '
        "spans the repeat and points at the first occurrence. An article whose repeats make up half "
        "of its text or more (heavy_share) is mostly repetition, whatever it says: one more finding, "
        "an error, gives the share, so such a file never passes on the strength of a capped count of "
        "warnings. Candidates for a near repeat come from MinHash over character 4-grams, so the "
        "work grows with the article's length, not with its square."
    )
    fire = (
        "Volunteers cleared the flooded underpass on Sunday morning after the storm. (Photo by J. Doe/Staff)\n\n"
        "The council said repairs would take a week.\n\n"
        "Volunteers cleared the flooded underpass on Saturday morning after the storm. (Photo by J. Doe/Staff)\n",
        "The new timetable takes effect on 4 March and affects every regional line. Commuters will see "
        "fewer early trains. The new timetable takes effect on 4 March and affects every regional line.\n",
    )
    quiet = (
        "Advertisement\n\nThe library reopened on Monday after a two-year refurbishment.\n\nAdvertisement\n\n"
        "Visitors queued from early morning to see the restored reading room.\n",
        "The first vote passed by a wide margin on Tuesday afternoon.\n\n"
        "The second vote failed after a long debate late on Wednesday night.\n",
    )
    Options = RepeatedPassageOptions

    def check(self, article: Article) -> Iterator[Hit]:
        opts = self.options
        assert isinstance(opts, RepeatedPassageOptions)
        found = _repeats(article, opts)
        total = sum(s.end - s.start for s in article.sentences)
        repeated = sum(r.end - r.start for r in found)
        if found and total and repeated >= opts.heavy_share * total:
            yield Hit(
                f"mostly repetition: {repeated / total:.0%} of the text repeats earlier passages "
                f"({len(found)} repeat(s) of {len({(r.first_start, r.first_end) for r in found})} passage(s))",
                evidence={"repeated_share": round(repeated / total, 4), "repeats": len(found), "heavy_share": opts.heavy_share},
                severity=Severity.ERROR,
            )
        for r in found:
            first = article.span(r.first_start, r.first_end)
            how = "repeated" if r.similarity >= 1.0 else f"nearly repeated (similarity {r.similarity:.2f})"
            yield Hit(
                f"{r.unit} {how} from line {first.line}",
                r.start,
                r.end,
                evidence={
                    "unit": r.unit,
                    "similarity": r.similarity,
                    "occurrence": r.occurrence,
                    "first": {"start": r.first_start, "end": r.first_end, "line": first.line, "column": first.column},
                    "first_excerpt": article.excerpt(r.first_start, r.first_end, 120),
                },
            )


# --- DU002 -------------------------------------------------------------------------------------
class ExcessiveRepetitionOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thresholds: dict[str, float] = Field(
        default_factory=lambda: dict(gopher.THRESHOLDS), description="signal -> threshold; a signal strictly above it counts"
    )
    min_words: int = Field(50, ge=0, description="shorter bodies are not judged (their n-gram fractions are meaningless)")


class ExcessiveRepetition(DocumentRule):
    id = "DU002"
    name = "excessive-repetition"
    family = Family.DUPLICATION
    severity = Severity.WARNING
    summary = "The Gopher repetition signals (duplicate lines, paragraphs, n-grams) exceed their thresholds."
    rationale = (
        "Large-scale text cleaning (Gopher, Rae et al. 2021; datatrove's gopher_repetition_filter) "
        "flags documents whose text is made of repeats: duplicated paragraphs and lines, one n-gram "
        "covering a large share of the characters, or many repeated 5- to 10-grams. In a news archive "
        "these are scraper faults (a page captured twice into one file, a product list pasted over "
        "and over). The signals are computed on the body exactly as datatrove defines them and are "
        "reported as duplication.* metrics in every report; the rule fires when one exceeds its "
        "threshold (Gopher's defaults: 0.30 duplicate paragraph and line fractions, 0.20 their "
        "character fractions, 0.20/0.18/0.16 for the top 2/3/4-gram, 0.15 down to 0.10 for duplicated "
        "5- to 10-grams) and the body has at least 50 words."
    )
    fire = (
        ("Prices are rising again this winter across the region.\n\n" * 3)
        + "Shoppers told reporters that heating and food costs had doubled since last year, and that many "
        "families were cutting back on travel, school trips and gifts for the holidays.\n",
        "Buy now: Garden chair, green, 12 dollars.\nBuy now: Garden chair, blue, 12 dollars.\n"
        "Buy now: Garden chair, red, 12 dollars.\nBuy now: Garden chair, grey, 12 dollars.\n"
        "Buy now: Garden chair, white, 12 dollars.\nBuy now: Garden chair, black, 12 dollars.\n"
        "Buy now: Garden chair, brown, 12 dollars.\nBuy now: Garden chair, pink, 12 dollars.\n",
    )
    quiet = (
        "The regional rail operator announced a new timetable on Friday that adds late trains on weekends. "
        "Passenger groups welcomed the change but said fares remained too high for daily commuters. The "
        "operator said it would review prices next spring after a public consultation, and that the new "
        "trains would be tested over the summer before entering regular service in September.\n",
        "Short notice: the meeting is moved.\n\nShort notice: the meeting is moved.\n",
    )
    Options = ExcessiveRepetitionOptions

    def check(self, article: Article) -> Iterator[Hit]:
        opts = self.options
        assert isinstance(opts, ExcessiveRepetitionOptions)
        if article.word_count < opts.min_words:
            return
        values = article.derive(gopher.article_signals)
        over = {k: round(v, 4) for k, v in values.items() if k in opts.thresholds and v > opts.thresholds[k]}
        if not over:
            return
        worst = max(over, key=lambda k: over[k] / opts.thresholds[k])
        yield Hit(
            f"repetition over the Gopher thresholds: {len(over)} signal(s), worst {worst} = {over[worst]:.2f} "
            f"(threshold {opts.thresholds[worst]:.2f})",
            evidence={"signals": over, "thresholds": {k: opts.thresholds[k] for k in over}},
        )


# --- DU003 -------------------------------------------------------------------------------------
class ExactDuplicate(CorpusRule):
    id = "DU003"
    name = "exact-duplicate"
    family = Family.DUPLICATION
    severity = Severity.ERROR
    summary = "Another file of the run or the archive has the same text once case, punctuation, white space and the header are ignored."
    rationale = (
        "Archives receive the same article many times: re-scraped, re-saved with another name, with "
        "a different header or line breaks. Keeping two copies doubles the weight of one source in "
        "every count and search. The comparison ignores the metadata header, letter case, punctuation "
        "and white space, so a copy that differs only in formatting is still caught; with --index the "
        "archive's stored content hashes are compared too. When the copies are all new (none is in "
        "the archive), one of them is the one to keep: the dated one (by its header, or a dateline or "
        "date line with the year), then the first by name; its "
        "finding is informational, so a gate fails on the extra copies only."
    )
    fire = (
        Example(
            text=" date 2024-05-01 The mayor opened the new bridge on Monday.\n",
            others=("THE MAYOR opened the new bridge on Monday!\n",),
        ),
        Example(
            text="Rain is expected across the north.\nTemperatures will fall to 3C.\n",
            others=("---\ntitle: Weather\n---\nRain is expected across the north. Temperatures will fall to 3C.\n",),
        ),
    )
    quiet = (
        Example(
            text="The mayor opened the new bridge on Monday.\n",
            others=("The mayor opened the new tunnel on Monday.\n",),
        ),
        "The mayor opened the new bridge on Monday.\n",
    )

    def collect(self, article: Article) -> tuple[str, bool] | None:
        """The content hash, and whether the file declares a date (the dated copy is the one to keep)."""
        return (article.derive(content_hash), _own_date(article, self.context.today) is not None) if article.word_count else None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        groups: dict[str, list[str]] = defaultdict(list)
        dated: set[str] = set()
        for path, (digest, has_date) in corpus.digests.items():
            groups[digest].append(path)
            if has_date:
                dated.add(path)
        archive = stored.archive_of(corpus)
        run_files = frozenset(archive.key(p) for p in corpus.digests) if archive is not None else frozenset()
        for digest, paths in sorted(groups.items()):
            archived = [e.ref for e in archive.by_content_hash(digest, run_files)] if archive is not None else []
            if len(paths) < 2 and not archived:
                continue
            keep = None if archived else min(paths, key=lambda p: (p not in dated, p))
            for path in sorted(paths):
                others = [p for p in sorted(paths) if p != path]
                where = []
                if others:
                    where.append(f"{len(others)} other file(s): {', '.join(others[:3])}")
                if archived:
                    where.append(f"{len(archived)} archive entr{'y' if len(archived) == 1 else 'ies'}: {', '.join(archived[:3])}")
                yield (
                    path,
                    Hit(
                        "same normalised text as "
                        + "; ".join(where)
                        + ("; this is the copy to keep (dated, or first by name)" if path == keep else ""),
                        evidence={"others": others, "archive": archived, "content_hash": digest, "keep": path == keep},
                        severity=Severity.INFO if path == keep else None,
                    ),
                )


# --- DU004 -------------------------------------------------------------------------------------
class NearDuplicateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_containment: float = Field(
        neardup.MIN_CONTAINMENT, ge=neardup.FLOOR, le=1.0, description="share of one file's words covered by the other"
    )
    min_shared_words: int = Field(neardup.MIN_SHARED_WORDS, ge=neardup.MIN_WORDS, description="and at least this many of its words")
    max_neighbours: int = Field(
        neardup.MAX_NEIGHBOURS,
        ge=1,
        description="a file's report lists its strongest near-duplicates (findings, neighbours) and cluster members up to this many",
    )


_PARA = "Residents of the coastal town were told to leave their homes on Tuesday as the river rose above its banks. "
_PARA2 = "Emergency crews set up shelters in two schools and handed out blankets, water and food to families. "
_PARA3 = "The regional government said the army would help to reinforce the dykes overnight if the rain continued. "
_OTHER = "A local football club won its first trophy in forty years after beating the league leaders on penalties at home. "


class NearDuplicate(CorpusRule):
    id = "DU004"
    name = "near-duplicate"
    family = Family.DUPLICATION
    severity = Severity.WARNING
    summary = "Most of this file's text is also in another file of the run or the archive (a wire copy, a cut or extended version)."
    rationale = (
        "Syndication fills archives with versions of one story: cut to the first paragraphs, with "
        "paragraphs dropped or moved, a caption or an outlet's boilerplate added, words edited, a new "
        "headline. Candidates come from MinHash LSH over normalised three-word shingles (so the run "
        "and a large archive are searched without comparing every pair); each candidate is verified: "
        "Jaccard similarity of the shingle sets, containment in both directions (the share of each "
        "file's words covered by shingles found in the other, which an edited word lowers only by "
        "that word) and the shared passages with their offsets in both files. A pair is a "
        "near-duplicate when either file has at least half of its words, and at least 30 words, in "
        "the other. Files form clusters, and every member is canonical, copy, abridged copy or extended "
        "copy. The canonical member is the one that was there first: an archive entry before any file "
        "of the run (the earliest indexed among archive entries), so a new copy of an archived article "
        "is never the original however many words it adds; among files of the run, the earlier date (by "
        "the header, or a dateline or date line with the year) before the later and the undated, a wire "
        "original (it credits a news agency) before a republication, then the longer, then the first by "
        "path. The finding says which of these decided. The canonical member's finding is "
        "informational. A copy that no longer credits the news agency its canonical member credits (a "
        "Reuters story republished without '(Reuters)') says so. "
        "A file is verified against its 20 strongest candidates (and others only when they would join "
        "two clusters), so thousands of copies of one story cost a bounded amount of work per file; "
        "its report lists its 10 strongest near-duplicates and 10 members of its cluster "
        "(max_neighbours), with the cluster's size and a count of the rest."
    )
    fire = (
        Example(text=_PARA + _PARA2 + "\n", others=("Flood warning\n\n" + _PARA + _PARA2 + _PARA3 + "\n",)),
        Example(
            text=_PARA.replace("Tuesday", "Wednesday") + _PARA2.replace("two schools", "three schools") + _PARA3 + "\n",
            others=(_PARA + _PARA2 + _PARA3 + "\n",),
        ),
    )
    quiet = (
        Example(text=_PARA + _PARA2 + "\n", others=(_OTHER * 3 + "\n",)),
        Example(
            text=_PARA + _OTHER + _OTHER.replace("forty", "fifty") + _OTHER.replace("home", "the stadium") + "\n",
            others=("Residents of the coastal town were told to stay calm.\n\n" + _PARA3 + "\n",),
        ),
    )
    Options = NearDuplicateOptions

    def collect(self, article: Article) -> Fingerprint | None:
        return _fingerprint(article, self.context.today)

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        opts = self.options
        assert isinstance(opts, NearDuplicateOptions)
        result = corpus.shared.get(neardup.SHARED_PAIRS)
        if not isinstance(result, neardup.NearDupResult):
            result = _find_pairs(corpus, opts)
        near = neardup.near_pairs(result.pairs, opts.min_containment, opts.min_shared_words)
        is_wire = _wire_test(corpus)
        cluster_of: dict[str, neardup.Cluster] = {}
        for cluster in neardup.clusters(result, near, is_wire):
            for node in cluster.members:
                cluster_of[node.key] = cluster
        views: dict[str, list[tuple[neardup.Node, neardup.Node, Measures, bool]]] = defaultdict(list)
        for pair in near:
            for key in (pair.a.key, pair.b.key):
                this, other, m = pair.view(key)
                if this.source == "run" and key in corpus.digests:
                    views[key].append((this, other, m, pair.exact))
        for key in sorted(views):
            mine = views[key]
            # the neighbours the report lists (the strongest max_neighbours), in the pairs' order
            strongest = sorted(range(len(mine)), key=lambda i: _strength(mine[i][1], mine[i][2]))[: opts.max_neighbours]
            for i in sorted(strongest):
                this, other, m, exact = mine[i]
                if exact:
                    continue  # DU003's finding
                hit = self._hit(corpus.digests[key], this, other, m, cluster_of[key], is_wire)
                dropped = _dropped_wires(corpus, this, other) if other is cluster_of[key].canonical else []
                if dropped:  # syndicated copy that no longer credits the wire the original came from
                    hit = replace(
                        hit,
                        message=f"{hit.message}; {other.ref} credits {', '.join(dropped)}, this copy does not",
                        evidence={**hit.evidence, "dropped_wire_credit": dropped},
                    )
                yield key, hit

    def _hit(
        self, fp: Fingerprint, this: neardup.Node, other: neardup.Node, m: Measures, cluster: neardup.Cluster, is_wire: neardup.WireTest
    ) -> Hit:
        role = cluster.roles[this.key]
        # why the canonical member comes first: before this copy, or (for the canonical member) before the other
        reason = neardup.canonical_reason(cluster.canonical, other if role == "canonical" else this, is_wire)
        longest = max(m.passages, key=lambda p: p.words, default=None)
        where = "archive entry" if other.source == "index" else "file"
        message = (
            f"near-duplicate of {where} {other.ref}: {m.containment_a:.0%} of this file's words are in it, "
            f"{m.containment_b:.0%} of its words are in this file (Jaccard {m.jaccard:.2f}); this file is {_ROLE_PHRASE[role]} "
            f"in cluster {cluster.id} of {len(cluster.members)}"
            + (f" ({reason})" if role == "canonical" else f", canonical {cluster.canonical.ref} ({reason})")
        )
        evidence = neardup.neighbour_details(this, other, m)
        evidence.update(
            {
                "cluster": cluster.id,
                "canonical": cluster.canonical.ref,
                "canonical_reason": reason,
                "role": role,
                "cluster_size": len(cluster.members),
            }
        )
        return Hit(
            message,
            longest.a_start if longest else None,
            longest.a_end if longest else None,
            evidence=evidence,
            severity=Severity.INFO if role == "canonical" else None,
            excerpt=shorten(fp.text[longest.a_start : longest.a_end]) if longest else None,
        )


def _wire_test(corpus: Corpus) -> neardup.WireTest:
    """Whether a cluster member is a wire original: it credits a news agency."""
    return lambda node: bool(_wires(corpus, node))


def _strength(other: neardup.Node, m: Measures) -> tuple[float, str]:
    """The order of a file's neighbours in its report: most of this file contained first (as the
    report rounds it), then by reference."""
    return (-round(m.containment_a, 4), other.ref)


def _wires(corpus: Corpus, node: neardup.Node) -> set[str]:
    """The news agencies a run file credits (provenance outlets with the role wire), or an archive
    entry's outlets that rules/data/outlets.tsv lists as wires."""
    if node.source == "run":
        prov = corpus.provenance.get(node.key)
        return {o.name for o in getattr(prov, "outlets", []) if o.role == "wire"}
    return {name for name in node.outlets if (entry := outlet_lookup(name)) is not None and entry.kind == "wire"}


def _dropped_wires(corpus: Corpus, this: neardup.Node, canonical: neardup.Node) -> list[str]:
    """The wires the canonical member credits and this copy does not."""
    if this.key == canonical.key:
        return []
    return sorted(_wires(corpus, canonical) - _wires(corpus, this))


_ROLE_PHRASE = {
    "canonical": "the canonical member",
    "copy": "a copy",
    "abridged copy": "an abridged copy",
    "extended copy": "an extended copy",
}


# --- the analyzer --------------------------------------------------------------------------------
def _find_pairs(corpus: Corpus, opts: NearDuplicateOptions) -> neardup.NearDupResult:
    """The run's verified near-duplicate pairs (on the Dask cluster of ``check --executor dask`` for a large run)."""
    find, verify = cluster_steps(len(corpus.digests))
    return neardup.find_pairs(corpus.digests, stored.archive_of(corpus), opts.min_containment, opts.min_shared_words, find, verify)


class DuplicationAnalyzer(Analyzer, CorpusAnalyzer):
    """Per file: the Gopher signals and the count of repeated passages. Across the run (and the
    archive index): near-duplicate pairs, clusters and roles, published for later corpus steps."""

    name = "duplication"
    needs = ("provenance",)  # the wire credits of the provenance record decide a cluster's roles
    archive_schema = stored.SCHEMA

    def archive(self, digest: Any, report: FileReport) -> ArchiveRecord | None:
        """What ``index add`` stores for one article: its fingerprint's tables (no text)."""
        return stored.record(digest, report) if isinstance(digest, Fingerprint) else None

    def export(self, store: Any, output: Path) -> int:
        """``index export``: the signatures as Parquet (:func:`rules.duplication.distributed.export_signatures`)."""
        from rules.duplication.distributed import export_signatures

        return export_signatures(store, output)

    def forget(self, store: Any, articles: Sequence[int]) -> None:
        stored.forget(store, articles)

    def analyze(self, article: Article) -> Contribution:
        metrics: dict[str, float | int | str | None] = {
            f"duplication.{k}": round(v, 4) for k, v in article.derive(gopher.article_signals).items()
        }
        repeat_opts = self.context.options_for(RepeatedPassage)
        assert isinstance(repeat_opts, RepeatedPassageOptions)
        metrics["duplication.repeated_passages"] = len(_repeats(article, repeat_opts))
        metrics["duplication.near_duplicates"] = 0
        metrics["duplication.max_containment"] = 0.0
        metrics["duplication.cluster_size"] = 1
        return Contribution(metrics=metrics)

    def collect(self, article: Article) -> Fingerprint | None:
        return _fingerprint(article, self.context.today)

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        opts = self.context.options_for(NearDuplicate)
        assert isinstance(opts, NearDuplicateOptions)
        result = _find_pairs(corpus, opts)
        near = neardup.near_pairs(result.pairs, opts.min_containment, opts.min_shared_words)
        neighbours, clusters = neardup.publish(result, near, _wire_test(corpus))
        corpus.shared[neardup.SHARED_PAIRS] = result
        corpus.shared[neardup.SHARED_NEIGHBOURS] = neighbours
        corpus.shared[neardup.SHARED_CLUSTERS] = clusters
        cluster_of = {node.key: c for c in clusters for node in c.members}
        views: dict[str, list[tuple[neardup.Node, neardup.Node, Measures]]] = defaultdict(list)
        for pair in near:
            for key in (pair.a.key, pair.b.key):
                this, other, m = pair.view(key)
                if this.source == "run":
                    views[key].append((this, other, m))
        for path in sorted(corpus.digests):
            # the strongest neighbours in full (rounded as the report gives them), the rest counted
            mine = sorted(views.get(path, []), key=lambda v: _strength(v[1], v[2]))
            listed = [neardup.neighbour_details(this, other, m) for this, other, m in mine[: opts.max_neighbours]]
            cluster = cluster_of.get(path)
            details: dict[str, Any] = {
                "cluster": cluster.summary(opts.max_neighbours) if cluster else None,
                "role": cluster.roles[path] if cluster else None,
                "neighbours": listed,
            }
            if len(mine) > len(listed):
                details["neighbours_omitted"] = len(mine) - len(listed)
            metrics: dict[str, float | int | str | None] = {
                "duplication.near_duplicates": len(mine),
                "duplication.max_containment": max((d["containment_this"] for d in listed), default=0.0),
                "duplication.cluster_size": len(cluster.members) if cluster else 1,
            }
            yield path, Contribution(metrics=metrics, details=details)


RULES = [RepeatedPassage, ExcessiveRepetition, ExactDuplicate, NearDuplicate]
ANALYZERS = [DuplicationAnalyzer]
