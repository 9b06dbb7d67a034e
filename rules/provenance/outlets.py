"""Outlet and agency names: the known ones from ``rules/data/outlets.tsv``, unknown ones by pattern
("told the Daily Courier", "WXYZ-TV"), and the context that says whether the text cites them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

from checker.lexicon import longest_first
from rules.provenance import lexicon
from rules.provenance.lexicon import OutletEntry


@dataclass(frozen=True, slots=True)
class Mention:
    name: str  # canonical name (known) or the text as written (unknown)
    kind: str | None  # wire, outlet, photo; None when found by pattern only
    start: int
    end: int


# Names whose rest after "The" is one word may only match with their article ("The Hill", not "hill").
_THE = re.compile(r"^(?:The|the)\s+")


@dataclass(frozen=True, slots=True)
class _KeyForms:
    """The forms of the known outlets whose first word (after a leading "The") has one key.

    The forms starting with the key are one regex that opens with the key as a literal, so the regex
    engine scans for it at C speed; so are the forms written with a leading "The" ("The Hill"), matched
    without their article, which is then looked for just before the match. ``combined`` is the one
    regex of all the forms (with "the" or "The" and white space in front of the latter), used instead when the split
    could find other matches than it does: a form that does not start with the key, or has "the"
    and the key inside; ``spans`` also falls back to it when two matches it found overlap."""

    bare: re.Pattern[str] | None
    the: re.Pattern[str] | None
    combined: re.Pattern[str] | None
    full: re.Pattern[str]  # the one regex, always

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """What ``combined.finditer(text, start, end)`` finds, as spans."""
        if self.combined is not None:
            return [m.span() for m in self.combined.finditer(text, start, end)]
        found = [m.span() for m in self.bare.finditer(text, start, end)] if self.bare is not None else []
        if self.the is not None:
            extra = []
            for m in self.the.finditer(text, start, end):
                j = m.start()
                while j > start and text[j - 1].isspace():
                    j -= 1
                if j < m.start() and j - 3 >= start and text[j - 3 : j] in ("The", "the"):
                    extra.append((j - 3, m.end()))
            if extra:
                found = sorted(found + extra)
                out: list[tuple[int, int]] = []
                last = -1
                for s, e in found:  # finditer's matches do not overlap
                    if s >= last:
                        out.append((s, e))
                        last = e
                    elif e > last:  # the one regex could find a match in [last, e) that this one hid
                        return [m.span() for m in self.full.finditer(text, start, end)]
                found = out
        return found


_END = r"(?![\w&-]|\.\w)"


@cache
def _index() -> tuple[dict[str, _KeyForms], dict[str, OutletEntry]]:
    """Per first word, the regexes of the forms starting with it, and the normalised-form lookup.
    A text's words are intersected with the first words, so only the few present are searched."""
    by_form: dict[str, OutletEntry] = {}
    for entry in lexicon.outlets():
        for form in (entry.name, *entry.aliases):
            by_form.setdefault(form, entry)
            rest = _THE.sub("", form)
            if rest != form and len(rest.split()) >= 2:
                by_form.setdefault(rest, entry)  # "The Washington Post" -> "Washington Post" too
    groups: dict[str, list[tuple[str, list[str]]]] = {}  # first word -> (regex, words without "The")
    for form in sorted(by_form, key=lambda f: (-len(f), f)):
        words = form.split()
        if words[0] == "The" and len(words) > 1:  # keyed by the word after the article
            groups.setdefault(words[1], []).append((r"[Tt]he\s+" + r"\s+".join(re.escape(p) for p in words[1:]), words[1:]))
        else:
            groups.setdefault(words[0], []).append((r"\s+".join(re.escape(p) for p in words), words))
    lookup = {_norm(f): e for f, e in by_form.items()}
    by_key: dict[str, list[tuple[str, list[str]]]] = {}
    for w, alts in groups.items():
        by_key.setdefault(_key(w), []).extend(alts)
    first = {k: _key_forms(k, alts) for k, alts in by_key.items()}
    return first, lookup


def _key_forms(key: str, alts: list[tuple[str, list[str]]]) -> _KeyForms:
    lead = re.escape(key)
    plain = [a[len(lead) :] for a, _ in alts if a.startswith(lead)]
    other = sorted((a for a, _ in alts if not a.startswith(lead)), key=longest_first)
    parts = []
    if plain:
        parts.append(rf"{lead}(?:{'|'.join(sorted(plain, key=longest_first))})")
    parts.extend(other)
    combined = re.compile(rf"(?:{'|'.join(parts)}){_END}")
    the = [a[len(r"[Tt]he\s+") :] for a in other if a.startswith(r"[Tt]he\s+")]
    inner_the = re.compile(rf"[Tt]he\s+{lead}")
    if (
        key in "The the"
        or len(the) != len(other)
        or any(not a.startswith(lead) for a in the)
        or any(inner_the.search(" ".join(words)) for _, words in alts)
    ):
        return _KeyForms(None, None, combined, combined)
    return _KeyForms(
        re.compile(rf"{parts[0]}{_END}") if plain else None,
        re.compile(rf"(?:{'|'.join(the)}){_END}") if the else None,
        None,
        combined,
    )


@cache
def _lower_keys() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The first words that are not capitalised ("iStock", "dpa"), shortest first, each with the
    shorter ones it contains (a text without those cannot contain it)."""
    keys = sorted((k for k in _index()[0] if not k[0].isupper()), key=lambda k: (len(k), k))
    return tuple((k, tuple(o for o in keys[:i] if o in k)) for i, k in enumerate(keys))


_TOKENS = re.compile(r"[^\W_][\w&!'’-]*")
_CAP_TOKENS = re.compile(r"[A-Z][\w&!'’-]*")


@lru_cache(maxsize=16)
def _cap_tokens(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(_CAP_TOKENS.findall(text, start, end))


def _glued_before(text: str, pos: int) -> bool:
    """The match continues a longer token: "XCNN", "news.cnn", "@CNN"."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_&@/.-")


def _key(word: str) -> str:
    """The part of a first word the tokenizer sees ("L.A." -> "L", "E!" -> "E!")."""
    m = _TOKENS.match(word)
    return m.group(0) if m else word


def _norm(form: str) -> str:
    return " ".join(_THE.sub("", form).split()).lower()


def lookup(name: str) -> OutletEntry | None:
    """The known outlet a name or alias stands for."""
    return _index()[1].get(_norm(name.strip(" .,;:")))


def find_known(text: str, start: int, end: int) -> list[Mention]:
    """Known outlet names in ``text[start:end]``; a match followed by another capitalised word is
    part of a longer name ("the National Guard", "Vice President") and is skipped."""
    first, table = _index()
    present = set(_cap_tokens(text, start, end) & first.keys())
    for k, inside in _lower_keys():
        if all(i in present for i in inside) and text.find(k, start, end) >= 0:  # "iStockphoto" only where "iStock" is
            present.add(k)
    found: list[tuple[int, int]] = []
    for key in present:
        found.extend(m for m in first[key].spans(text, start, end) if not _glued_before(text, m[0]))
    found.sort(key=lambda m: (m[0], -m[1]))
    out: list[Mention] = []
    pos_done = start
    for s, e in found:
        if s < pos_done:
            continue
        if _LONGER_NAME.match(text, e, e + 3):
            continue
        name = text[s:e]
        if " " not in name.strip() and _capitalised_before(text, s):
            continue  # "Michael Bloomberg", "Steve Forbes"
        entry = table.get(_norm(name))
        if entry is not None:
            out.append(Mention(entry.name, entry.kind, s, e))
            pos_done = e
    return out


_LONGER_NAME = re.compile(r"\s[A-Z][a-z]")


_PREV_WORD = re.compile(r"([A-Za-z][\w'’.-]*)\s+$")


def _capitalised_before(text: str, pos: int) -> bool:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    if m is None:
        return False
    word = m.group(1)
    if not word[0].isupper() or word.lower() in {"the", "by", "via", "per", "and", "or", "from", "on", "in", "at", "to", "for", "with"}:
        return False
    before = text[max(0, m.start() - 2) : m.start()]
    return not re.search(r"[.!?:\n\"“(]\s*$|^$", before)


@cache
def _news_words() -> frozenset[str]:
    return frozenset(e.split()[-1] for e in lexicon.sections().get("news_word", ()))


def news_name(name: str) -> bool:
    """A capitalised name that ends in a news word: "Northern Sports Weekly", "The Pacific Ledger"."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() or w in ("of", "and", "&") for w in words) and words[-1] in _news_words()


_NAME_BEFORE = re.compile(r"(?:(?<![\w-])[Tt]he\s+)?(?:(?<![\w-])[A-Z][\w'’&.-]*\s+){0,4}\Z")
_STATION = re.compile(r"[KW][A-Z]{3}(?:-(?:TV|FM|AM|DT))?|[KW][A-Z]{2}-(?:TV|FM|AM|DT)")


def _unknown_candidates(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised names ending in a news word ("the Riverton Gazette") and of US/Canadian
    station call signs ("WXYZ-TV")."""
    tokens = _cap_tokens(text, start, end)
    out: list[tuple[int, int]] = []
    for word in tokens & _news_words():
        for m in _word_regex(word).finditer(text, start, end):
            s, e = m.start(), m.end()
            b = _NAME_BEFORE.search(text, max(start, s - 80), s)
            out.append((b.start() if b else s, e))
    for token in tokens:
        if token[0] in "KW" and _STATION.fullmatch(token):
            out.extend((m.start(), m.end()) for m in _word_regex(token).finditer(text, start, end))
    return sorted(out)


@cache
def _word_regex(word: str) -> re.Pattern[str]:
    """The word standing alone; the literal comes first (the look-behind after it tests the
    character before the word) so that the regex engine scans for it at C speed."""
    w = re.escape(word)
    return re.compile(rf"{w}(?<![\w-]{w})(?![\w-])")


@cache
def _cue_before() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\W)(?:{lexicon.alternation('cited_before')})\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _cue_after() -> re.Pattern[str]:
    return re.compile(rf"^(?:['’]s)?,?\s+(?:(?:also|has|had|first|previously|earlier|later)\s+)?(?:{lexicon.alternation('cited_after')})\b")


# a roundup label, the person then the outlet, opening a paragraph before a quotation:
# "Jane Roe, The Daily Ledger: \"...", "Jane Roe (Daily Ledger): \"..."
_ROUNDUP_BEFORE = re.compile(r"(?:^|\n)[A-Z][\w.'’\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w.'’\-]*){1,3}(?:,\s+|\s+\()(?:[Tt]he\s+)?$")
_ROUNDUP_AFTER = re.compile(r"\)?\s*:\s+[\"“]")


def cited(text: str, start: int, end: int) -> str | None:
    """The cue that makes the name at ``text[start:end]`` a cited source, or None."""
    before = text[max(0, start - 40) : start]
    m = _cue_before().search(before)
    if m:
        return before[m.start() :].strip()
    m = _cue_after().match(text, end, min(len(text), end + 40))
    if m:
        return m.group(0).strip()
    m = _ROUNDUP_AFTER.match(text, end, min(len(text), end + 6))
    if m and (b := _ROUNDUP_BEFORE.search(text, max(0, start - 60), start)):
        return text[b.start() : m.end()].strip()  # the outlet of a quoted person in a roundup
    return None


def find_unknown_cited(text: str, start: int, end: int, known: list[Mention]) -> list[Mention]:
    """Outlets not in the data file, named with a citation cue: "told the Daily Courier",
    "WXYZ-TV reported". Names overlapping a known mention are skipped."""
    out = []
    spans = [(k.start, k.end) for k in known]
    for s, e in _unknown_candidates(text, start, end):
        if any(s < ke and ks < e for ks, ke in spans):
            continue
        if re.match(r"\s+(?:of|for|on|in)\s+[A-Z]", text[e : e + 6]):
            continue  # "the Journal of Applied Physics": a longer name
        if re.match(r"\s[A-Z][a-z]", text[e : e + 3]):
            continue
        if cited(text, s, e) is None:
            continue
        out.append(Mention(re.sub(r"^the\s+", "", " ".join(text[s:e].split())), None, s, e))
    return out


def from_domain(url: str) -> OutletEntry | None:
    """The known outlet whose domain a URL (or bare domain) belongs to."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    best: OutletEntry | None = None
    best_len = 0
    for entry in lexicon.outlets():
        for domain in entry.domains:
            if (host == domain or host.endswith("." + domain) or domain.startswith(host + "/")) and len(domain) > best_len:
                best, best_len = entry, len(domain)
    return best
