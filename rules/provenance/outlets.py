"""Outlet and agency names: the known ones from ``rules/data/outlets.tsv``, unknown ones by pattern
("told the Daily Courier", "WXYZ-TV"), and the context that says whether the text cites them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

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


@cache
def _index() -> tuple[dict[str, re.Pattern[str]], dict[str, OutletEntry]]:
    """Per first word, one regex of the forms starting with it, and the normalised-form lookup.
    A text's words are intersected with the first words, so only the few present are searched."""
    by_form: dict[str, OutletEntry] = {}
    for entry in lexicon.outlets():
        for form in (entry.name, *entry.aliases):
            by_form.setdefault(form, entry)
            rest = _THE.sub("", form)
            if rest != form and len(rest.split()) >= 2:
                by_form.setdefault(rest, entry)  # "The Washington Post" -> "Washington Post" too
    groups: dict[str, list[str]] = {}
    for form in sorted(by_form, key=lambda f: (-len(f), f)):
        words = form.split()
        body = r"\s+".join(re.escape(p) for p in words)
        if words[0] == "The" and len(words) > 1:  # keyed by the word after the article
            groups.setdefault(words[1], []).append(r"[Tt]he\s+" + r"\s+".join(re.escape(p) for p in words[1:]))
        else:
            groups.setdefault(words[0], []).append(body)
    lookup = {_norm(f): e for f, e in by_form.items()}
    by_key: dict[str, list[str]] = {}
    for w, alts in groups.items():
        by_key.setdefault(_key(w), []).extend(alts)
    first = {k: _key_regex(k, alts) for k, alts in by_key.items()}
    return first, lookup


def _key_regex(key: str, alts: list[str]) -> re.Pattern[str]:
    """One regex for the forms sharing a first word; a literal first word is factored out so the
    regex engine scans for it at C speed."""
    lead = re.escape(key)
    plain = [a[len(lead) :] for a in alts if a.startswith(lead)]
    other = [a for a in alts if not a.startswith(lead)]
    parts = []
    if plain:
        parts.append(rf"{lead}(?:{'|'.join(sorted(plain, key=len, reverse=True))})")
    parts.extend(sorted(other, key=len, reverse=True))
    return re.compile(rf"(?:{'|'.join(parts)})(?![\w&-]|\.\w)")


@cache
def _lower_keys() -> tuple[str, ...]:
    return tuple(k for k in _index()[0] if not k[0].isupper())


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
    present.update(k for k in _lower_keys() if k in text)
    found: list[re.Match[str]] = []
    for key in present:
        found.extend(m for m in first[key].finditer(text, start, end) if not _glued_before(text, m.start()))
    found.sort(key=lambda m: (m.start(), -m.end()))
    out: list[Mention] = []
    pos_done = start
    for m in found:
        if m.start() < pos_done:
            continue
        after = text[m.end() : m.end() + 3]
        if re.match(r"\s[A-Z][a-z]", after):
            continue
        name = m.group(0)
        if " " not in name.strip() and _capitalised_before(text, m.start()):
            continue  # "Michael Bloomberg", "Steve Forbes"
        entry = table.get(_norm(name))
        if entry is not None:
            out.append(Mention(entry.name, entry.kind, m.start(), m.end()))
            pos_done = m.end()
    return out


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
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


@cache
def _cue_before() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\W)(?:{lexicon.alternation('cited_before')})\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _cue_after() -> re.Pattern[str]:
    return re.compile(rf"^(?:['’]s)?,?\s+(?:(?:also|has|had|first|previously|earlier|later)\s+)?(?:{lexicon.alternation('cited_after')})\b")


def cited(text: str, start: int, end: int) -> str | None:
    """The cue that makes the name at ``text[start:end]`` a cited source, or None."""
    before = text[max(0, start - 40) : start]
    m = _cue_before().search(before)
    if m:
        return before[m.start() :].strip()
    m = _cue_after().match(text, end, min(len(text), end + 40))
    if m:
        return m.group(0).strip()
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
