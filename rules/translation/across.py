"""MT003 and MT004 across the files of a run and the archive index: what each article brings
(:class:`Digest`), the run's vocabulary of acronyms and names (:class:`RunVocabulary`), and the
cross-file test for mangled acronyms and names (:func:`mangled_across`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from checker.article import Article
from checker.rule import Hit
from rules.translation.analysis import NEAR_MATCH, SHOUTED_ZIPF, Signal, TitleMention, Unknown, analyse, judge, person_key
from rules.translation.tables import zipf

# --- across the run and the archive index (MT003, MT004) -------------------------------------------
ACRONYM, NAME = 0, 1  # vocabulary kinds, as stored in the archive index
SHARED_VOCABULARY = "translation.vocabulary"  # corpus.shared key: the run's RunVocabulary
MAX_SEEN_IN = 5  # files named in a cross-file hit's evidence


@dataclass(frozen=True, slots=True)
class Digest:
    """What one article brings to the run and to the archive index: its titled names (MT003), its
    acronyms and names, its unknown words and its in-article MT004 signals. Short words only, no text."""

    titles: tuple[TitleMention, ...] = ()
    acronyms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    unknown: tuple[Unknown, ...] = ()
    mangled: tuple[Signal, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.titles or self.acronyms or self.names or self.unknown or self.mangled)

    def title_rows(self) -> list[tuple[str, str, str, str, int]]:
        """For the index: ``(person key, portfolio, head, title as written, mentions)``."""
        counts = Counter((person_key(m.person), m.portfolio, m.head, m.title) for m in self.titles)
        return [(*k, n) for k, n in sorted(counts.items())]

    def vocabulary_rows(self) -> list[tuple[int, str]]:
        """For the index: ``(kind, word lower-cased)``; the written form is ``word.upper()`` for an
        acronym and ``word.capitalize()`` for a name."""
        return sorted({(ACRONYM, a.lower()) for a in self.acronyms} | {(NAME, n.lower()) for n in self.names})


def digest(article: Article) -> Digest:
    a = article.derive(analyse)
    return Digest(
        titles=tuple(a.titles),
        acronyms=tuple(sorted(a.solid_acronyms)),
        names=tuple(sorted(a.names)),
        unknown=a.candidates,
        mangled=tuple(a.of("mangled-name")),
    )


def _form(kind: int, key: str) -> str:
    return key.upper() if kind == ACRONYM else key.capitalize()


class RunVocabulary:
    """The acronyms and names of every file of the run, and of the archive index: where each was seen.

    Run words are held in memory (``(kind, key) -> paths``); archive words are looked up in the index:
    the distinct acronyms once, names by their first three letters, a word's files by key."""

    def __init__(self, digests: dict[str, Digest], index: Any = None) -> None:
        self.index = index
        self.seen: dict[tuple[int, str], list[str]] = defaultdict(list)
        for path in sorted(digests):
            d = digests[path]
            for a in d.acronyms:
                self.seen[(ACRONYM, a.lower())].append(path)
            for n in d.names:
                self.seen[(NAME, n.lower())].append(path)
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.buckets: dict[str, list[str]] = defaultdict(list)
        acronyms: set[str] = set()
        for (kind, key), paths in self.seen.items():
            self.by_key[key].update(paths)
            if kind == ACRONYM:
                acronyms.add(key)
            else:
                self.buckets[key[:3]].append(key)
        self.run_files = frozenset(index.key(p) for p in digests) if index is not None else frozenset()
        if index is not None:
            acronyms.update(index.vocabulary_keys(ACRONYM))
        self.acronyms = sorted(acronyms)

    def known_elsewhere(self, key: str, path: str) -> bool:
        """True when ``key`` is written as an acronym or a name in another file of the run or the archive."""
        if self.by_key.get(key, set()) - {path}:
            return True
        return self.index is not None and bool(self.index.vocabulary_refs(None, key, self.run_files, limit=1))

    def matches(self, key: str, limit: int = 8) -> list[tuple[str, float, str]]:
        """The near matches of ``key`` among the acronyms and the names sharing its first three
        letters, best first (acronyms first on a tie), as ``(key, score, written form)``."""
        names = set(self.buckets.get(key[:3], ()))
        if self.index is not None:
            names.update(self.index.vocabulary_prefix(NAME, key[:3]))
        found = [
            (k, sc, _form(ACRONYM, k))
            for k, sc, _ in process.extract(key, self.acronyms, scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=limit)
        ]
        found += [
            (k, sc, _form(NAME, k))
            for k, sc, _ in process.extract(key, sorted(names), scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=limit)
        ]
        return sorted(found, key=lambda m: -m[1])[:limit]

    def where(self, kind: int, key: str, path: str) -> tuple[str, list[str]]:
        """Where a word was seen outside ``path``: ``("run", paths)``, ``("index", refs)`` or ``("", [])``."""
        paths = [p for p in self.seen.get((kind, key), ()) if p != path]
        if paths:
            return "run", paths
        if self.index is not None:
            refs = self.index.vocabulary_refs(kind, key, self.run_files, limit=MAX_SEEN_IN)
            if refs:
                return "index", refs
        return "", []


def mangled_across(digests: dict[str, Digest], vocabulary: RunVocabulary) -> Iterator[tuple[str, Hit]]:
    """MT004 across files: an unknown word of one file that nearly copies an acronym or name written
    in another file of the run or in the archive, by the same test (:func:`judge`) as in the article."""
    for path in sorted(digests):
        d = digests[path]
        done = {s.evidence["word"].lower() for s in d.mangled}
        for u in d.unknown:
            lo = u.word.lower()
            if lo in done or u.in_name or vocabulary.known_elsewhere(lo, path):
                continue  # a word another file writes as a name is a real name; "Marta Divak" is a person
            found = judge(u.word, vocabulary.matches(lo))
            if found is None:
                continue
            target, key, score = found
            kind = ACRONYM if target.isupper() else NAME
            if kind == ACRONYM and (key in lo or zipf(key) >= SHOUTED_ZIPF):
                continue  # "Tarpit" holds TARP whole: another word built on it; "ALSO", "OVER": shouted words, not acronyms
            source, seen = vocabulary.where(kind, key, path)
            if not seen:
                continue  # only in this file: the in-article test already decided
            label = "acronym" if kind == ACRONYM else "name"
            place = seen[0] if source == "run" else f"the archive ({seen[0]})"
            more = f" and {len(seen) - 1} other file(s)" if len(seen) > 1 else ""
            yield (
                path,
                Hit(
                    f"\u201c{u.word}\u201d is not in the dictionary and nearly copies the {label} \u201c{target}\u201d "
                    f"used in {place}{more}",
                    u.start,
                    u.end,
                    evidence={
                        "signal": "mangled-name",
                        "word": u.word,
                        "matches": target,
                        "kind": label,
                        "similarity": round(score, 1),
                        "source": source,
                        "seen_in": seen[:MAX_SEEN_IN],
                    },
                    excerpt=u.word,
                ),
            )
