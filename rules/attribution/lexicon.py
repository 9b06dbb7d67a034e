"""The attribution lexicons (``rules/data/attribution_*.txt``), loaded once per process.

They sit directly in ``rules/data/`` (not in a sub-folder) because the package data declared in
``pyproject.toml`` (``rules = ["data/*"]``) ships only that folder's own files.

Every file is plain text: ``#`` starts a comment line, ``[name]`` starts a section, every other
non-blank line is one entry. What each file and section means is written in the file's header.
A ``[name-triggers]`` section lists substrings one of which must occur (in the lower-cased sentence)
before the regular expressions of ``[name]`` are tried: a cheap pre-filter that keeps the family fast.
Past it, only the entries whose required words (read from each regular expression) are in the
sentence are searched.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from checker.lexicon import load_sections, longest_first


def _sections(name: str) -> dict[str, list[str]]:
    return {k: list(v) for k, v in load_sections("rules", f"data/attribution_{name}").items()}


_WORDLIKE = re.compile(r"[a-z]+")


# Text characters for which a case-insensitive match differs from a match on ``str.lower()``
# (found by comparing the two for every code point: dotted and dotless i, long s).
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z\-]")
_ESCAPE = re.compile(r"\\.")


def _lowered_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same expression without IGNORECASE, to run on lower-cased text (a case-insensitive
    search in Python's ``re`` is about twice as slow), or None when that would not be the same:
    the pattern has upper-case letters ("AP", "[A-Z]") or inline flags ("(?-i:...)")."""
    if not pattern.flags & re.IGNORECASE or not _lowerable(pattern.pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _lowerable(src: str) -> bool:
    if _INLINE_FLAGS.search(src) or "\\N" in src:
        return False
    bare = _ESCAPE.sub("", src)
    return not any(c.lower() != c or (not c.isascii() and c.upper() != c) for c in bare)


def _split_pattern(pattern: re.Pattern[str], parts: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For a pattern that is the alternation of ``parts``: the parts with no upper case (searched in
    the lower-cased text) and the others (searched as they are), or None when one group is empty."""
    if not pattern.flags & re.IGNORECASE or not parts:
        return None
    lower = [p for p in parts if _lowerable(p)]
    other = [p for p in parts if not _lowerable(p)]
    if not lower or not other:
        return None
    return (
        re.compile("|".join(f"(?:{p})" for p in lower), pattern.flags & ~re.IGNORECASE),
        re.compile("|".join(f"(?:{p})" for p in other), pattern.flags),
    )


_last_lowered: tuple[str, str | None] = ("", "")  # one tuple, replaced whole: safe with threads


def _lower_text(text: str) -> str | None:
    """``text.lower()`` when it matches ``text`` character for character, else None (memoised for
    the last text: the analysis passes the same article text to every search)."""
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    low = text.lower()
    same = len(text) == len(low) and not any(c in text for c in _FOLD_TRAPS)
    _last_lowered = (text, low if same else None)
    return _last_lowered[1]


@dataclass(frozen=True)
class Gated:
    """Regular expressions tried only when a trigger occurs: one of ``words`` among the sentence's
    lower-case words, or one of ``chars`` (non-word triggers such as "/") in its lower-case text;
    a trigger starting with "^" must start the sentence ("^by ").

    A case-insensitive pattern with no upper case in it is searched in the lower-cased article text
    (same offsets), and a match found there is confirmed on the original text. When the pattern is
    the alternation of ``parts`` and only some have upper case, ``search`` looks for the first match
    of each group (the others on the original text) and takes the pattern's match where the earlier
    one starts.

    When the pattern is ``template`` around the alternation of ``alternatives``, the search in a
    sentence uses only the alternatives whose required words (:func:`required_words`) are among the
    sentence's runs of letters: the others cannot match there, so the first match is the same. The
    narrowed patterns are compiled once per set of alternatives."""

    pattern: re.Pattern[str]
    words: frozenset[str]
    chars: tuple[str, ...]  # substrings
    prefixes: tuple[str, ...] = ()  # how the sentence may start
    parts: tuple[str, ...] = ()  # the alternatives, when ``pattern`` is just their alternation
    # ``pattern`` is ``template`` around the alternation of ``alternatives``: a sentence's search then
    # uses only the alternatives whose required words (see required_words) are among its words
    template: str = "{}"
    alternatives: tuple[str, ...] = ()
    fast: re.Pattern[str] | None = field(init=False, default=None, compare=False)
    only_words: bool = field(init=False, default=False, compare=False)  # no other kind of trigger
    split: tuple[re.Pattern[str], re.Pattern[str]] | None = field(init=False, default=None, compare=False)
    needs: tuple[tuple[frozenset[str], ...], ...] = field(init=False, default=(), compare=False)  # per alternative
    # each alternative is looked at only when a word of one of its clauses, its anchor, is in the sentence
    anchors: dict[str, tuple[int, ...]] = field(init=False, default_factory=dict, compare=False)  # word -> alternatives
    anchor_words: frozenset[str] = field(init=False, default=frozenset(), compare=False)
    free: tuple[int, ...] = field(init=False, default=(), compare=False)  # alternatives that need no word
    # the indices of some alternatives -> their pattern (``fast``) or the two halves of it (``split``)
    narrowed: dict[tuple[int, ...], tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = field(
        init=False, default_factory=dict, compare=False
    )
    vocabulary: frozenset[str] = field(init=False, default=frozenset(), compare=False)  # the words of every clause
    # per alternative, the punctuation every match of it contains (required_chars), and all of those
    char_needs: tuple[frozenset[str], ...] = field(init=False, default=(), compare=False)
    char_vocabulary: tuple[str, ...] = field(init=False, default=(), compare=False)
    # the sentence's words among ``vocabulary`` and characters among ``char_vocabulary`` (all that
    # ``_narrowed`` reads of it) -> its answer
    by_words: dict[frozenset[str], tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = field(
        init=False, default_factory=dict, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "fast", _lowered_pattern(self.pattern))
        if self.fast is None:
            object.__setattr__(self, "split", _split_pattern(self.pattern, self.parts))
        object.__setattr__(self, "only_words", bool(self.words) and not self.chars and not self.prefixes)
        if self.alternatives and (self.fast is not None or self.split is not None):
            flags = self.pattern.flags
            needs = tuple(tuple(required_words(self.template.format(f"(?:{a})"), flags)) for a in self.alternatives)
            if any(needs):
                object.__setattr__(self, "needs", needs)
                anchors: dict[str, list[int]] = {}
                for i, clauses in enumerate(needs):
                    if clauses:  # the clause of the longest words (the rarest, "believed" rather than "is")
                        for w in max(clauses, key=lambda c: (min(map(len, c)), -len(c))):
                            anchors.setdefault(w, []).append(i)
                object.__setattr__(self, "anchors", {w: tuple(a) for w, a in anchors.items()})
                object.__setattr__(self, "anchor_words", frozenset(anchors))
                object.__setattr__(self, "free", tuple(i for i, clauses in enumerate(needs) if not clauses))
                object.__setattr__(self, "vocabulary", frozenset(w for clauses in needs for clause in clauses for w in clause))
                char_needs = tuple(required_chars(self.template.format(f"(?:{a})"), flags) for a in self.alternatives)
                object.__setattr__(self, "char_needs", char_needs)
                object.__setattr__(self, "char_vocabulary", tuple(sorted(frozenset().union(*char_needs))))

    def _narrowed(self, wset: set[str] | frozenset[str], low: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The pattern of the alternatives that can match in a sentence with these words (and the
        punctuation of ``low``), for the lower-cased text (``fast``) or its two halves (``split``); None
        for an empty half."""
        words = wset if "-" not in low else letter_runs(low) | wset  # "closed-door": "closed", "door"
        # the answer depends only on which words of the clauses and which required characters the
        # sentence has: remembered by those (a few dozen sets of them cover most sentences), for speed
        key = self.vocabulary.intersection(words)
        if self.char_vocabulary:  # punctuation: never one of the words (runs of letters)
            key = key.union([c for c in self.char_vocabulary if c in low])
        got = self.by_words.get(key)
        if got is None:
            if len(self.by_words) >= 4096:
                self.by_words.clear()
            got = self.by_words[key] = self._narrowed_by(key)
        return got

    def _narrowed_by(self, words: frozenset[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """``_narrowed`` for a sentence with these words and required characters."""
        hits = self.anchor_words.intersection(words)
        if not hits:
            return self._patterns(self._with_chars(self.free, words))
        cands: set[int] = set(self.free)
        for w in hits:
            cands.update(self.anchors[w])
        needs = self.needs
        active: list[int] = []
        for i in sorted(cands):
            for clause in needs[i]:
                if clause.isdisjoint(words):
                    break
            else:
                active.append(i)
        return self._patterns(self._with_chars(tuple(active), words))

    def _with_chars(self, alts: tuple[int, ...], present: frozenset[str]) -> tuple[int, ...]:
        """Those of these alternatives whose required characters are all ``present``: a credit line
        needs its ":" or "/", so a sentence with "rights" or "video" and neither is searched for none."""
        if not self.char_vocabulary:
            return alts
        needs = self.char_needs
        return tuple(i for i in alts if needs[i] <= present)

    def _patterns(self, alts: tuple[int, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The patterns of these alternatives (by index), compiled once."""
        got = self.narrowed.get(alts)
        if got is None:
            chosen = [self.alternatives[i] for i in alts]
            if self.fast is not None:
                got = (self._compile(chosen, self.fast.flags), None)
            else:
                lower = [a for a in chosen if _lowerable(a)]
                other = [a for a in chosen if not _lowerable(a)]
                got = (self._compile(lower, self.pattern.flags & ~re.IGNORECASE), self._compile(other, self.pattern.flags))
            if len(self.narrowed) >= 4096:
                self.narrowed.clear()
            self.narrowed[alts] = got
        return got

    def _compile(self, alts: Iterable[str], flags: int) -> re.Pattern[str] | None:
        joined = "|".join(f"(?:{a})" for a in alts)
        return re.compile(self.template.format(joined), flags) if joined else None

    def anchors_needed(self, text: str) -> frozenset[str] | None:
        """Words one of which a sentence of ``text`` must have among its words, or among its runs of
        letters when it has a hyphen (as in ``_narrowed``), for ``search`` and ``finditer`` to find
        anything in it; None when they do not tell. A cheaper gate than the trigger words when those
        are frequent (the hedges' "is", "been", "many"): past the triggers, a sentence with none of
        the anchor words is left with no alternative (``free`` is empty) and no pattern."""
        if self.needs and not self.free and _lower_text(text) is not None:
            return self.anchor_words
        return None

    def triggered(self, wset: set[str] | frozenset[str], low: str) -> bool:
        return not self.words.isdisjoint(wset) or self._other_trigger(low)

    def _other_trigger(self, low: str) -> bool:
        """``triggered`` when no trigger word is among the sentence's words."""
        if self.prefixes and low.startswith(self.prefixes):
            return True
        for c in self.chars:
            if c in low:
                return True
        return not (self.words or self.chars or self.prefixes)

    def search(self, text: str, start: int, end: int, wset: set[str] | frozenset[str], low: str) -> re.Match[str] | None:
        if self.words.isdisjoint(wset) and (self.only_words or not self._other_trigger(low)):
            return None  # the common case, checked inline: no trigger word
        if self.fast is not None:
            lowered = _lower_text(text)
            if lowered is not None:
                fast = self._narrowed(wset, low)[0] if self.needs else self.fast
                m = fast.search(lowered, start, end) if fast is not None else None
                if m is None:
                    return None
                confirmed = self.pattern.match(text, m.start(), end)
                if confirmed is not None and confirmed.end() == m.end():
                    return confirmed
        elif self.split is not None:
            lowered = _lower_text(text)
            if lowered is not None:
                lower_part, other_part = self._narrowed(wset, low) if self.needs else self.split
                first = lower_part.search(lowered, start, end) if lower_part is not None else None
                second = other_part.search(text, start, end) if other_part is not None else None
                if first is None and second is None:
                    return None
                at = min(m.start() for m in (first, second) if m is not None)
                confirmed = self.pattern.match(text, at, end)
                if confirmed is not None:
                    return confirmed
        return self.pattern.search(text, start, end)

    def finditer(self, text: str, start: int, end: int, wset: set[str] | frozenset[str], low: str) -> list[re.Match[str]]:
        if self.words.isdisjoint(wset) and (self.only_words or not self._other_trigger(low)):
            return []  # the common case, checked inline: no trigger word
        if self.fast is not None:
            lowered = _lower_text(text)
            if lowered is not None:
                fast = self._narrowed(wset, low)[0] if self.needs else self.fast
                if fast is None:
                    return []
                out: list[re.Match[str]] = []
                for m in fast.finditer(lowered, start, end):
                    confirmed = self.pattern.match(text, m.start(), end)
                    if confirmed is None or confirmed.end() != m.end():
                        break
                    out.append(confirmed)
                else:
                    return out
        return list(self.pattern.finditer(text, start, end))


def _gated(sections: dict[str, list[str]], name: str, template: str, flags: int = re.IGNORECASE) -> Gated:
    items = sorted(set(sections.get(name, [])), key=longest_first)
    pattern = template.format("|".join(f"(?:{p})" for p in items) or "(?!x)x")
    triggers = [t.lower() for t in sections.get(f"{name}-triggers", [])]
    words = frozenset(t for t in triggers if _WORDLIKE.fullmatch(t))
    chars = tuple(t for t in triggers if t not in words and not t.startswith("^"))
    prefixes = tuple(t[1:] for t in triggers if t.startswith("^"))
    return Gated(re.compile(pattern, flags), words, chars, prefixes, tuple(items) if template == "{}" else (), template, tuple(items))


_RUN_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # every byte but a-z to a space


def letter_words(low: str) -> list[str]:
    """The maximal runs of ASCII letters a-z in ``low``, in order: ``re.findall("[a-z]+", low)``,
    about three times faster (every other character, one byte each, becomes a space)."""
    return low.encode("ascii", "replace").translate(_RUN_BYTES).decode("ascii").split()


_last_runs: tuple[str, set[str]] = ("", set())  # one tuple, replaced whole: safe with threads


def letter_runs(low: str) -> set[str]:
    """The maximal runs of ASCII letters a-z in ``low`` (memoised for the last text: a sentence's
    searches pass the same one)."""
    global _last_runs
    last = _last_runs
    if last[0] is low:
        return last[1]
    runs = set(letter_words(low))
    _last_runs = (low, runs)
    return runs


@cache
def grammar() -> dict[str, frozenset[str]]:
    """The closed word classes of ``grammar.txt`` (determiners, auxiliaries, time words...)."""
    return {name: frozenset(words) for name, words in _sections("grammar.txt").items() if name}


@dataclass(frozen=True)
class Lexicon:
    cue_forms: dict[str, str]  # inflected form -> verb class (speech, stance, evidence, cognition)
    cue_words: frozenset[str]  # cue forms and attribution nouns
    noun_like: frozenset[str]
    needs_to: frozenset[str]  # cue forms that count only before "to"
    action_before_to: frozenset[str]  # cue forms that report an action, not speech, before "to" + a verb
    request_before_to: frozenset[str]  # cue forms that make a request before an object, "to" and a verb
    tag_only: frozenset[str]  # cue forms that count only next to a quotation
    nouns: frozenset[str]  # nouns of saying that a possessor attributes ("her remarks")
    according: Gated  # prepositional cues: the source follows
    anonymous_nouns: frozenset[str]
    vague_nouns: frozenset[str]
    source_nouns: frozenset[str]  # anonymous and vague source nouns together
    qualifiers: re.Pattern[str]
    on_record: frozenset[str]
    hearing: re.Pattern[str]  # "the court heard", "jurors were told": group 1 the body, group 2 the cue
    not_speakers: frozenset[str]
    anonymity_marker: Gated
    anonymity_reason: Gated
    hedge: Gated
    demonyms: frozenset[str]
    causal: tuple[str, ...]
    causal_words: frozenset[str]  # the first words of the causal phrases
    superlatives: frozenset[str]
    not_superlative: frozenset[str]
    quantity_words: frozenset[str]
    credit: Gated
    not_a_claim: Gated
    opinion: Gated
    # cue forms that count only before one of the listed words ("aware of", "seen as")
    complements: dict[str, frozenset[str]] = field(default_factory=dict)
    in_documents: re.Pattern[str] | None = None  # "in a new poll", "in a statement": the phrase is the source
    in_documents_needs: tuple[frozenset[str], ...] = ()  # required_words of ``in_documents``
    attitude: frozenset[str] = frozenset()  # predicate adjectives of attitude ("confident", "concerned")
    # long-tail cue form -> class: used only where no other cue gives an attribution
    weak: dict[str, str] = field(default_factory=dict)
    without_to: frozenset[str] = frozenset()  # [needs-to] forms that are long-tail cues without "to"
    imperative: frozenset[str] = frozenset()  # verbs that open an instruction ("Preheat the oven")
    genre: re.Pattern[str] | None = None  # a paragraph that marks opinion, letters, a review or a recipe


def _trigger_word(phrase: str) -> str:
    words = phrase.lower().split()
    if words[0] in ("as", "in") and len(words) > 1:
        return words[2] if words[1] == "the" and len(words) > 2 else words[1]
    return words[0]


@cache
def lexicon() -> Lexicon:
    verbs = _sections("reporting_verbs.txt")
    forms: dict[str, str] = {}
    for section in ("speech", "stance", "evidence", "cognition", "intention", "tag-only"):
        for line in verbs.get(section, []):
            for form in line.split():
                forms.setdefault(form, section)
    # the long tail: cues only where no other verb gives an attribution, kept out of ``cue_forms``
    # (which also tells where a source phrase ends) so that they change nothing else
    weak: dict[str, str] = {}
    for section in ("speech", "cognition", "intention"):
        for line in verbs.get(f"{section}-more", []):
            for form in line.split():
                if form not in forms:
                    weak.setdefault(form, section)
    attitude = _complements(verbs.get("attitude", []))
    # the restriction holds for forms that are not cues on their own ("worried" is: "she worried")
    complements = {f: w for f, w in (_complements(verbs.get("needs-complement", [])) | attitude).items() if f not in forms}
    for form in complements:
        weak.setdefault(form, "intention")
    without_to = frozenset(verbs.get("more-without-to", []))
    according = _sections("according_to.txt")
    sources = _sections("sources.txt")
    anonymity = _sections("anonymity.txt")
    vague = _sections("vague.txt")
    claims = _sections("claims.txt")
    according_phrases = [re.escape(p).replace(r"\ ", r"\s+") for p in according[""]]
    according_gate = Gated(
        re.compile(rf"(?<![\w\-])(?:{'|'.join(sorted(according_phrases, key=longest_first))})(?![\w\-])", re.IGNORECASE),
        # the trigger of a phrase is its first word, or its second after "as" or "in" ("as per", "in the words of")
        frozenset(_trigger_word(p) for p in according[""]),
        (),
    )
    qualifiers = sorted(sources.get("qualifiers", []), key=longest_first)
    documents = _in_documents(according.get("in-documents", []))
    return Lexicon(
        cue_forms=forms,
        cue_words=frozenset(forms) | frozenset(weak) | frozenset(verbs.get("nouns", [])),
        noun_like=frozenset(verbs.get("noun-like", [])),
        nouns=frozenset(verbs.get("nouns", [])),
        needs_to=frozenset(verbs.get("needs-to", [])),
        action_before_to=frozenset(verbs.get("action-before-to", [])),
        request_before_to=frozenset(verbs.get("request-before-to", [])),
        tag_only=frozenset(f for f in verbs.get("tag-only", []) if " " not in f),
        according=according_gate,
        anonymous_nouns=frozenset(sources.get("anonymous", [])),
        vague_nouns=frozenset(sources.get("vague", [])),
        source_nouns=frozenset(sources.get("anonymous", [])) | frozenset(sources.get("vague", [])),
        qualifiers=re.compile(rf"^(?:{'|'.join(re.escape(q) for q in qualifiers)})\b", re.IGNORECASE),
        on_record=frozenset(sources.get("on-record", [])),
        hearing=re.compile(
            rf"\b(?:[Tt]he\s+)?((?i:{'|'.join(sorted(sources.get('hearings', []), key=longest_first))}))"
            r"(?:\s+(?:in|at|of)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)?\s+"  # "the District Court in Brisbane heard"
            r"((?:(?:has|had)\s+)?heard|(?:was|were|has\s+been|had\s+been)\s+told)\b"
        ),
        not_speakers=frozenset(w.lower() for w in sources.get("not-speakers", [])),
        anonymity_marker=_gated(anonymity, "markers", r"\b(?:{})\b"),
        anonymity_reason=_gated(anonymity, "reasons", r"\b(?:{})"),
        hedge=_gated(vague, "hedges", r"(?<![\w\-])(?:{})(?![\w\-])"),
        demonyms=frozenset(_sections("demonyms.txt")[""]),
        causal=tuple(f" {p.lower()} " for p in claims.get("causal", [])),
        causal_words=frozenset(p.lower().split()[0] for p in claims.get("causal", [])),
        superlatives=frozenset(w.lower() for w in claims.get("superlative", [])),
        not_superlative=frozenset(w.lower() for w in claims.get("not-superlative", [])),
        quantity_words=frozenset(w.lower() for w in claims.get("quantity-words", [])),
        credit=_gated(claims, "credit", "{}", re.IGNORECASE | re.MULTILINE),
        not_a_claim=_gated(claims, "not-a-claim", "{}", re.IGNORECASE | re.MULTILINE),
        opinion=_gated(claims, "opinion", "{}", re.IGNORECASE),
        complements=complements,
        attitude=frozenset(attitude),
        weak=weak,
        without_to=without_to,
        in_documents=documents,
        in_documents_needs=tuple(required_words(documents.pattern, documents.flags)),
        imperative=frozenset(w.lower() for w in claims.get("imperative", [])),
        genre=re.compile("|".join(f"(?:{g})" for g in claims.get("genre", [])) or "(?!x)x", re.IGNORECASE),
    )


def _in_documents(nouns: list[str]) -> re.Pattern[str]:
    """A phrase "in/atop [up to six words] <document noun>" (group 1: the phrase after the preposition)."""
    heads = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=longest_first)) or "(?!x)x"
    word = r"(?!(?:to|that|which|who|when|as|because|while|after|before|and|or)\s)[\w'’.\-/]+\s+"  # not a clause break
    return re.compile(rf"\b(?:[Ii]n|[Aa]top)\s+((?:{word}){{0,6}}?(?:{heads}))\b(?![\w\-])")


def _complements(lines: list[str]) -> dict[str, frozenset[str]]:
    """``[needs-complement]`` lines: a cue form, then the words one of which must follow it."""
    out: dict[str, frozenset[str]] = {}
    for line in lines:
        form, *after = line.split()
        out[form] = frozenset(after)
    return out


# --- the words a pattern needs ----------------------------------------------------------------------
# A sentence's words (``analysis._LOW_WORD`` on its lower-cased text) tell which alternatives of a
# lexicon pattern can match in it: "(?:is|was) (?:widely )?believed (?:to|that)" needs "is" or "was",
# and "believed". The pattern is read with Python's own regular-expression parser; whatever the reading
# cannot follow (a repeated word character, ".") makes it require less, never more.
_parser: Any = import_module("re._parser")  # Python's own reading of a pattern (no type stubs)
_c: Any = import_module("re._constants")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_MAX_FORMS = 64  # spellings followed for one word ("rumou?red": 2) before giving up on it
_Forms = frozenset[str] | None  # the letters read so far of the word being read (None: unknown)
_START: frozenset[str] = frozenset({""})  # at a word start: no letter read yet


def required_words(regex: str, flags: int) -> list[frozenset[str]]:
    """Clauses of lower-case words: for every match of ``regex`` in a text, each clause has a word
    that is a maximal run of ASCII letters of the lower-cased text inside the match (the run's
    neighbours, inside the match or asserted by it, are not letters)."""
    out: list[frozenset[str]] = []
    try:
        _walk(_parser.parse(regex, flags), None, out)
    except (_Unfollowed, AttributeError, TypeError, ValueError):
        # a construct the reading does not follow, or a parser that differs in another Python
        # version: nothing required, the whole pattern is searched (always the same matches)
        return []
    return out


_PUNCTUATION = frozenset(string.punctuation)  # ASCII: no case, and str.lower() keeps each of them
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def required_chars(regex: str, flags: int) -> frozenset[str]:
    """ASCII punctuation characters that every match of ``regex`` contains (":" in ``credit\\s*:``):
    a text without one of them has no match. Whatever the reading does not follow (a look-around, a
    character set of several characters, an optional part) requires nothing."""
    try:
        return frozenset(_chars(_parser.parse(regex, flags)))
    except (AttributeError, TypeError, ValueError):
        return frozenset()  # a parser that differs in another Python version: nothing required


def _chars(items: Iterable[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.IN and len(av) == 1:
            op, av = av[0]  # a set of one character: "[:]"
        if op is _c.LITERAL:
            if chr(av) in _PUNCTUATION:
                out.add(chr(av))
        elif op is _c.SUBPATTERN:
            out |= _chars(av[-1])
        elif op is _c.BRANCH:
            out |= set.intersection(*(_chars(alt) for alt in av[1]))  # what every alternative needs
        elif any(op is r for r in _REPEATS) and av[0] >= 1:  # repeated at least once
            out |= _chars(av[2])
    return out


class _Unfollowed(Exception):
    """A construct the reading does not know: the pattern requires nothing."""


def _walk(items: Iterable[tuple[Any, Any]], forms: _Forms, out: list[frozenset[str]]) -> _Forms:
    for op, av in items:
        forms = _step(op, av, forms, out)
    return forms


def _end_word(forms: _Forms, out: list[frozenset[str]]) -> _Forms:
    """A character that is no letter: the word read so far (when every path read letters) is whole."""
    if forms is not None and "" not in forms:
        out.append(forms)
    return _START


def _extend(forms: _Forms, letters: Iterable[str]) -> _Forms:
    if forms is None:
        return None
    out = frozenset(f + c for f in forms for c in letters)
    return out if len(out) <= _MAX_FORMS else None


def _union(a: _Forms, b: _Forms) -> _Forms:
    if a is None or b is None or len(a | b) > _MAX_FORMS:
        return None
    return a | b


def _char_class(op: Any, av: Any) -> tuple[frozenset[str], bool] | None:
    """(the lower-case ASCII letters a one-character item may match, whether it may match anything
    else), or None when that is not known."""
    if op is _c.LITERAL:
        ch = chr(av).lower()
        return (frozenset(ch), False) if ch in _ASCII_LETTERS else (frozenset(), True)
    if op is _c.CATEGORY:
        if av in (_c.CATEGORY_SPACE, _c.CATEGORY_DIGIT):
            return frozenset(), True
        return None
    if op is _c.RANGE:
        lo, hi = av
        letters = frozenset(chr(c).lower() for c in range(lo, hi + 1)) & _ASCII_LETTERS
        return (letters, hi - lo + 1 > len(letters)) if hi - lo < 128 else None
    return None


def _step(op: Any, av: Any, forms: _Forms, out: list[frozenset[str]]) -> _Forms:
    if op is _c.LITERAL or op is _c.IN:
        items = [(op, av)] if op is _c.LITERAL else av
        letters: frozenset[str] = frozenset()
        other = False
        for item_op, item_av in items:
            cls = _char_class(item_op, item_av)
            if cls is None:
                return None  # may be a letter or not ([^()], \w): the word read so far is lost
            letters |= cls[0]
            other = other or cls[1]
        if letters and other:
            return None
        return _extend(forms, sorted(letters)) if letters else _end_word(forms, out)
    if op is _c.AT:
        if av in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_LINE, _c.AT_END_STRING) and forms is not None and "" not in forms:
            return _end_word(forms, out)  # "said\b": no letter follows
        if av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_BEGINNING_STRING):
            return _START  # no letter before (or, after letters, none after: then no letter can follow)
        if av in (_c.AT_END, _c.AT_END_LINE, _c.AT_END_STRING):
            return _START
        return None
    if op is _c.SUBPATTERN:
        return _walk(av[-1], forms, out)
    if op is _c.BRANCH:
        after: _Forms = frozenset()
        firsts: set[str] = set()
        every = True
        for alt in av[1]:
            sub: list[frozenset[str]] = []
            end = _walk(alt, forms, sub)
            after = _union(after, end)
            if sub:
                firsts |= sub[0]
            else:
                every = False
        if every:
            out.append(frozenset(firsts))  # each alternative needs a word: one of their first ones
        return after
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        lo, hi, item = av
        if hi == 0:
            return forms
        sub = []
        once = _walk(item, forms, sub)
        if hi != 1 and (once is None or _walk(item, once, []) != once):
            once = None  # letters that repeat: unknown
        if lo == 0:
            return _union(forms, once)
        out.extend(sub)
        return once
    if op is _c.ASSERT or op is _c.ASSERT_NOT:
        direction, sub_pattern = av
        if op is _c.ASSERT_NOT and len(sub_pattern) == 1:
            cls = _char_class(*sub_pattern[0]) if sub_pattern[0][0] is not _c.IN else _any_letter(sub_pattern[0][1])
            if cls is not None and cls[0] == _ASCII_LETTERS:
                # (?<![\w\-]): no letter before; (?![\w\-]): no letter after, the word is whole
                return _START if direction < 0 else _end_word(forms, out)
        return forms  # zero width: nothing read
    raise _Unfollowed(op)


def _any_letter(items: list[tuple[Any, Any]]) -> tuple[frozenset[str], bool] | None:
    """The letters a character set covers (for a negated look-around)."""
    letters: frozenset[str] = frozenset()
    for op, av in items:
        if op is _c.CATEGORY and av is _c.CATEGORY_WORD:
            letters = _ASCII_LETTERS
            continue
        cls = _char_class(op, av)
        if cls is None:
            return None
        letters |= cls[0]
    return letters, True
