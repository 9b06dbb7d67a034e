"""The article model: each file is decoded and parsed once into an :class:`Article` that every rule
shares. All offsets are character offsets into :attr:`Article.text`, the whole decoded file (header
included), so a finding can always be mapped to a line and a column."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import chain, repeat
from typing import Any, NamedTuple, TypeVar

from checker import segment
from checker.decode import Decoded
from checker.models import Span
from checker.segment import Segment, Spans

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class HeaderField:
    key: str = field(metadata={"doc": "the key as written"})
    value: str
    start: int  # span of the value
    end: int


@dataclass(frozen=True, slots=True)
class Header:
    """The metadata header at the top of the file, if any."""

    kind: str  # none, inline, front-matter, key-value
    end: int  # offset where the body starts
    fields: dict[str, HeaderField]  # canonical field name (date, title, source, url, author, language)

    def get(self, name: str) -> HeaderField | None:
        return self.fields.get(name)


@cache
def _header_keys() -> dict[str, str]:
    out: dict[str, str] = {}
    text = resources.files("checker.data").joinpath("header_keys.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, name = line.partition("=")
            out[key.strip().lower()] = name.strip()
    return out


# ` date 2025-03-23 ` at the very start, the body following on the same line (the seeds' form).
_INLINE_DATE = re.compile(r"\A\s*date[ \t]*[:=]?[ \t]+(\S*\d\S*)(?:[ \t]+|[ \t]*\r?\n|\Z)", re.IGNORECASE)
_FRONT_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# A "Key: value" line: the key part; the value is the rest of the line less trailing blanks (and CR),
# cut in Python (a lazy value before "[ \t]*\r?$" was quadratic in a long run of blanks).
_KEY = re.compile(r"[ \t]*([A-Za-z][A-Za-z ]{0,20}?)[ \t]*:[ \t]*")


class _KeyValue(NamedTuple):
    key: str
    value: str
    start: int  # span of the value
    end: int


def _key_value(text: str, pos: int, line_end: int) -> _KeyValue | None:
    """``text[pos:line_end]`` read as a "Key: value" line, or None."""
    m = _KEY.match(text, pos, line_end)
    if m is None:
        return None
    start, end = m.end(), line_end
    if end > start and text[end - 1] == "\r":
        end -= 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return _KeyValue(m.group(1), text[start:end], start, end)


def parse_header(text: str) -> Header:
    keys = _header_keys()
    m = _INLINE_DATE.match(text)
    if m:
        value = m.group(1)
        return Header("inline", m.end(), {"date": HeaderField("date", value, m.start(1), m.end(1))})
    m = _FRONT_OPEN.match(text)
    if m:
        close = _FRONT_CLOSE.search(text, m.end())
        if close is not None and text.count("\n", m.end(), close.start()) <= 50:
            fields = _key_values(text, m.end(), close.start(), keys, strict=False)
            end = close.end()
            return Header("front-matter", _skip_newline(text, end), fields)
    return _key_value_block(text, keys)


_MAX_HEADER_LINES = 20


def _key_value_block(text: str, keys: dict[str, str]) -> Header:
    """``Key: value`` lines at the top of the file, read up to the first blank line.

    The block may open with a title line ("Opinion: The bus lane fight", "City approves budget") and
    hold metadata keys provcheck does not know ("From: ...", "Titel: ..."); it is a header only when at
    least one line has a known key. A line that reads as text ("NEW DELHI: The government said ...",
    "Note: the figures are provisional.") ends the header there, so a body that follows the header
    with no blank line stays body."""
    fields: dict[str, HeaderField] = {}
    title: HeaderField | None = None
    pos = end = 0  # end: after the last line that surely belongs to the header
    for index in range(_MAX_HEADER_LINES):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if pos >= len(text) or not text[pos:line_end].strip():
            end = pos  # a blank line (or the end) closes the block: the unknown keys before it are header too
            break
        kv = _key_value(text, pos, line_end)
        name = keys.get(kv.key.strip().lower(), "") if kv is not None else ""
        if name and kv is not None and kv.value:
            fields.setdefault(name, HeaderField(kv.key, _unquote(kv.value), kv.start, kv.end))
            end = line_end + 1
        elif index == 0 and (kv is None or kv.value):  # a title line: the whole line is the title
            stripped = text[pos:line_end].strip()
            first = pos + text[pos:line_end].index(stripped)
            title = HeaderField("", stripped, first, first + len(stripped))
            end = line_end + 1
        elif kv is None or not _metadata_like(kv.key, kv.value):
            break  # body text right after the header
        pos = line_end + 1
    if not fields:
        return Header("none", 0, {})
    if title is not None:
        fields.setdefault("title", title)
    return Header("key-value", min(end, len(text)), fields)


def _metadata_like(key: str, value: str) -> bool:
    """ "From: Water District <news@example.org>" is metadata; "NEW DELHI: The minister said ..." (a
    dateline in capitals) and "Note: the figures are provisional." (a sentence) are text."""
    return any(c.islower() for c in key) and not value.rstrip().endswith((".", "!", "?", '"', "\u201d"))


def _key_values(text: str, start: int, end: int, keys: dict[str, str], strict: bool) -> dict[str, HeaderField]:
    fields: dict[str, HeaderField] = {}
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        kv = _key_value(text, pos, line_end)
        if kv is not None:
            key = kv.key.strip().lower()
            name = keys.get(key, key if not strict else "")
            if name and kv.value:
                raw = kv.value
                value = _unquote(raw)
                offset = raw.find(value) if value else 0
                fields.setdefault(name, HeaderField(kv.key, value, kv.start + offset, kv.start + offset + len(value)))
        pos = line_end + 1
    return fields


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _skip_newline(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in "\r\n":
        pos += 1
    return pos


class Article:
    """One decoded, parsed file. Built once per file; rules only read it."""

    def __init__(self, path: str, data: bytes, decoded: Decoded) -> None:
        self.path = path
        self.name = path.rsplit("/", 1)[-1]
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.encoding = decoded.encoding
        self.encoding_confidence = decoded.confidence
        self.bom = decoded.bom
        self.decoded = decoded  # how the bytes were read: method, note, the bad byte sequences replaced
        text = decoded.text
        if "\r" in text and "\n" not in text:
            # Old Mac line endings: CR alone. Turned into LF one for one, so every offset, line and
            # column still points at the same character of the file.
            text = text.replace("\r", "\n")
        self.text = text
        self.header = parse_header(self.text)
        self.body_start = self.header.end
        self._memo: dict[Callable[[Article], Any], Any] = {}

    @classmethod
    def from_text(cls, text: str, path: str = "example.txt") -> Article:
        """An article from a string (tests, rule examples)."""
        data = text.encode("utf-8")
        return cls(path, data, Decoded(text, "utf-8", 1.0, False))

    # --- structure ---------------------------------------------------------------------------
    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def paragraphs(self) -> Spans:
        return Spans.from_pairs(segment.paragraphs(self.text, self.body_start), len(self.text))

    @cached_property
    def sentences(self) -> Spans:
        text, paras = self.text, self.paragraphs
        pairs = chain.from_iterable(map(segment.iter_sentences, repeat(text), paras.starts, paras.ends))
        return Spans.from_pairs(pairs, len(text))

    @cached_property
    def sentence_paragraph(self) -> list[int]:
        """For each sentence, the index of its paragraph."""
        starts = self.paragraphs.starts
        return [bisect_right(starts, s) - 1 for s in self.sentences.starts]

    @cached_property
    def words(self) -> Spans:
        """The word tokens of the body (:func:`checker.segment.words`), the one token stream every
        family shares: ``words.starts`` and ``words.ends`` hold the offsets, a word is
        ``text[words.starts[i] : words.ends[i]]``."""
        return segment.word_spans(self.text, self.body_start, len(self.text))

    def words_in(self, start: int, end: int) -> Spans:
        """The word tokens inside ``[start, end)``."""
        lo, hi = self.word_range(start, end)
        return self.words[lo:hi]

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """The indexes in :attr:`words` of the tokens starting in ``[start, end)``."""
        starts = self.words.starts
        return bisect_left(starts, start), bisect_left(starts, end)

    def slice(self, seg: Segment | tuple[int, int]) -> str:
        return self.text[seg[0] : seg[1]]

    @cached_property
    def word_count(self) -> int:
        return len(self.words)

    # --- locations -------------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    def span(self, start: int, end: int) -> Span:
        return make_span(self.line_starts, start, end)

    def excerpt(self, start: int, end: int, limit: int = 200) -> str:
        return shorten(self.text[start:end], limit)

    # --- shared analyses ---------------------------------------------------------------------------
    def derive(self, fn: Callable[[Article], T]) -> T:
        """``fn(self)``, computed once per article and shared by every rule that asks for it."""
        try:
            return self._memo[fn]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[fn] = fn(self)
            return value


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def make_span(starts: list[int], start: int, end: int) -> Span:
    line = bisect_right(starts, start)
    end_line = bisect_right(starts, max(start, end - 1)) if end > start else line
    end_col = end - starts[end_line - 1] + 1
    return Span(start=start, end=end, line=line, column=start - starts[line - 1] + 1, end_line=end_line, end_column=end_col)


def shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"
