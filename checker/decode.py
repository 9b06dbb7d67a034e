"""Bytes to text: a byte-order mark, BOM-less UTF-16, strict UTF-8 (the fast path), mostly-valid
UTF-8, then candidate encodings judged by what their decoded text looks like.

Any problem is raised as :class:`InputError` with a machine-readable ``kind``; the engine turns it
into a per-file error in the report and goes on with the other files.

A file that is not valid UTF-8 is judged on a bounded sample. When the sample's valid multi-byte
UTF-8 sequences outnumber its bad ones four to one it is UTF-8 with the bad bytes replaced (each
recorded with its byte offset, for PV005). Otherwise every candidate encoding (``CANDIDATES``)
reads the sample's runs of non-space bytes holding one outside ASCII, the only places where
candidates differ. A run is *damaged* when its reading holds mojibake (ftfy's badness pattern), a
rare symbol, a control or unassigned character, a symbol inside a word or a word of odd case or of
two scripts; *known* when its words with letters outside ASCII are in wordfreq's lists for the
languages the encoding is written for (weighted by how common they are; for Chinese and Japanese,
characters that make a word with a neighbour); *unknown* otherwise. The best quality wins, ties
going to the earlier candidate (UTF-8, then the Western code pages), and the whole file is decoded
once by the winner. See docs/architecture.md for the figures.
"""

from __future__ import annotations

import codecs
import contextlib
import math
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

from ftfy.badness import BADNESS_RE


class InputError(Exception):
    """A file that cannot be checked: empty, binary, too large, unreadable, undecodable..."""

    def __init__(self, kind: str, message: str, stage: str = "read") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.stage = stage


# How an encoding was found: recorded in the report as ``file.encoding_method``.
BOM, VALID_UTF8, MOSTLY_UTF8, UTF16_PATTERN, JUDGED, OVERRIDE = "bom", "valid-utf-8", "mostly-utf-8", "utf-16-pattern", "judged", "override"
MAX_INVALID_LISTED = 1000  # bad byte sequences kept with their offsets (the count is always exact)


@dataclass(frozen=True, slots=True)
class Invalid:
    """A byte sequence (``raw``, at byte offset ``byte``) the chosen encoding could not decode,
    replaced by one U+FFFD at character offset ``char``."""

    char: int
    byte: int
    raw: bytes


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    confidence: float
    bom: bool
    method: str = VALID_UTF8
    note: str = ""
    invalid: tuple[Invalid, ...] = ()  # the first MAX_INVALID_LISTED bad sequences
    invalid_count: int = 0  # every bad sequence
    invalid_bytes: int = field(default=0)  # the bytes in them


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than TAB, LF, VT, FF, CR: their share decides "binary".
_CONTROL = frozenset(range(0, 9)) | {14, 15} | frozenset(range(16, 32)) | {127}
_CONTROL_TABLE = bytes(1 if b in _CONTROL else 0 for b in range(256))
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL)) + "]")


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a file, refusing (without reading it all) one larger than ``max_bytes``."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError("unreadable", "not a regular file (a pipe, socket or device)")
            size = st.st_size
            if size > max_bytes:
                raise InputError("too-large", f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_file_bytes)")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError("vanished", f"file disappeared before it could be read: {exc.strerror}") from exc
    except PermissionError as exc:
        raise InputError("unreadable", f"permission denied: {exc.strerror}") from exc
    except IsADirectoryError as exc:
        raise InputError("unreadable", "is a directory") from exc
    except OSError as exc:
        raise InputError("unreadable", f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError("too-large", f"file grew over the limit of {max_bytes:,} bytes while being read")
    return data


def check_encoding_name(name: str) -> str:
    """The canonical name of a text encoding Python knows (``codecs.lookup``); ValueError otherwise."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def decode(data: bytes, max_control_fraction: float = 0.01, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`InputError` for empty, binary or undecodable input.
    ``encoding`` (a name accepted by :func:`check_encoding_name`) skips detection."""
    if not data:
        raise InputError("empty", "file is empty", "decode")
    if encoding is not None:
        return _checked(_override(data, check_encoding_name(encoding)), max_control_fraction)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise InputError("undecodable", f"has a {name} byte-order mark but is not valid {name}: {exc.reason}", "decode") from exc
            return _checked(Decoded(text, name, 1.0, True, BOM, f"a {name} byte-order mark"), max_control_fraction)
    if b"\x00" in data and (utf16 := _bomless_utf16(data)) is not None:
        return _checked(utf16, max_control_fraction)
    # translate() maps each byte to 1 (control) or 0, so the sum counts them at C speed.
    controls = sum(data.translate(_CONTROL_TABLE))
    if controls / len(data) > max_control_fraction:
        raise InputError(
            "binary",
            f"looks binary: {controls} of {len(data)} bytes are NUL or control bytes",
            "decode",
        )
    try:  # the fast path: almost every file
        text = data.decode("utf-8")
        return _checked(Decoded(text, "utf-8" if not data.isascii() else "ascii", 1.0, False), max_control_fraction)
    except UnicodeDecodeError:
        pass
    return _checked(_judged(data), max_control_fraction)


def _override(data: bytes, name: str) -> Decoded:
    bom = name == "utf-8" and data.startswith(codecs.BOM_UTF8)
    text, invalid, count, nbytes = decode_recording(data[3:] if bom else data, name, 3 if bom else 0)
    note = "given by --encoding or the encoding config key"
    return Decoded(text, name, 1.0, bom, OVERRIDE, note, invalid, count, nbytes)


# --- bad bytes -------------------------------------------------------------------------------
class _Found:
    """What the error handler saw during one decode_recording call: the first MAX_INVALID_LISTED bad
    sequences, and how many there were and their bytes (bounded memory for any file). With
    ``stop``, the handler ends the decode once the list is full."""

    listed: ClassVar[list[tuple[int, int]]] = []
    count = 0
    nbytes = 0
    stop = False

    @classmethod
    def reset(cls, stop: bool = False) -> None:
        cls.listed, cls.count, cls.nbytes, cls.stop = [], 0, 0, stop


class _Enough(Exception):
    pass


def _record(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if _Found.count < MAX_INVALID_LISTED:
        _Found.listed.append((exc.start, exc.end))
    elif _Found.stop:
        raise _Enough
    _Found.count += 1
    _Found.nbytes += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error("provcheck-record", _record)


def decode_recording(data: bytes, encoding: str, base: int = 0) -> tuple[str, tuple[Invalid, ...], int, int]:
    """``data`` decoded with each undecodable byte sequence replaced by U+FFFD: the text, the first
    ``MAX_INVALID_LISTED`` sequences (character offset, byte offset in the file: ``base`` plus the
    offset in ``data``, the bytes), their count and their bytes. Linear: one decode, and one more
    (by the stretches between the listed bad sequences) to find their character offsets. UTF-8,
    where a file may hold millions of bad bytes, is decoded at C speed: the count and the bytes
    are worked out from the text, and the handler runs only until the list is full."""
    if encoding == "utf-8":
        text = data.decode("utf-8", "replace")
        count = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD in the file is valid UTF-8
        if count == 0:
            return text, (), 0, 0
        nbytes = len(data) - (len(text.encode("utf-8")) - 3 * count)  # each replacement is 3 bytes
        _Found.reset(stop=True)
        with contextlib.suppress(_Enough):
            data.decode("utf-8", "provcheck-record")
        found = _Found.listed
        _Found.reset()
    else:
        _Found.reset()
        try:
            text = data.decode(encoding, "provcheck-record")
            found, count, nbytes = _Found.listed, _Found.count, _Found.nbytes
        finally:
            _Found.reset()
    if not found:
        return text, (), 0, 0
    listed: list[Invalid] = []
    chars = prev = 0
    for start, end in found:
        chars += len(data[prev:start].decode(encoding, "replace"))
        listed.append(Invalid(chars, base + start, data[start:end]))
        chars += 1
        prev = end
    return text, tuple(listed), count, nbytes


# --- BOM-less UTF-16 -------------------------------------------------------------------------
_UTF16_SAMPLE = 1 << 16


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, recognised by its high bytes: a script's letters share one
    high byte (0x00 for ASCII and Latin-1, 0x04 for Cyrillic, 0x03 for Greek, 0x20 for curly quotes
    and dashes), so three values fill nearly all the odd positions (little-endian) or the even ones
    (big-endian), with the spaces' NULs among them, while the other positions hold almost no NUL.
    Binary data has NULs at both. The whole file must then decode strictly into printable text."""
    head = data[:_UTF16_SAMPLE]
    even, odd = head[0::2], head[1::2]
    if _high_bytes(odd, even):
        name, high = "utf-16-le", odd
    elif _high_bytes(even, odd):
        name, high = "utf-16-be", even
    else:
        return None
    share = high.count(0) / len(high)
    body = data[: len(data) - len(data) % 2]
    try:
        text = body.decode(name)
    except UnicodeDecodeError:
        return None
    sample = text[: _UTF16_SAMPLE // 2]
    odd_chars = sum(1 for c in sample if _is_odd_char(c))
    if odd_chars > 0.01 * len(sample):
        return None
    confidence = round(1.0 - odd_chars / max(1, len(sample)), 3)
    where = "odd" if name.endswith("le") else "even"
    note = f"no byte-order mark; three values fill the {where} positions (high bytes, {share:.0%} NUL) and the others hold almost no NUL"
    return Decoded(text, name, confidence, False, UTF16_PATTERN, note)


def _high_bytes(high: bytes, low: bytes) -> bool:
    if not high or not high.count(0) or low.count(0) > 0.01 * len(low):
        return False
    top = sorted((high.count(bytes((v,))) for v in set(high)), reverse=True)[:3]
    return sum(top) >= 0.9 * len(high)


def _is_odd_char(c: str) -> bool:
    """A character real text does not hold: a control other than white space, an unassigned or
    private-use code point, a lone surrogate."""
    cat = unicodedata.category(c)
    return cat in ("Cn", "Co", "Cs") or (cat == "Cc" and c not in "\t\n\r\x0b\x0c")


# --- candidate encodings, judged by their text -----------------------------------------------
_WESTERN = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "ca")
_CENTRAL = ("pl", "cs", "sk", "hu", "sl", "ro", "sh")
_CYRILLIC = ("ru", "uk", "bg", "mk")
# In order of preference when two decodings are as good: UTF-8, the Western code pages (most
# legacy news text), then the others. Languages: those the encoding is written for.
CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("utf-8", (*_WESTERN, *_CENTRAL, *_CYRILLIC, "el", "tr", "lt", "lv")),
    ("cp1252", _WESTERN),
    ("iso8859-15", _WESTERN),
    ("latin-1", _WESTERN),
    ("mac-roman", _WESTERN),
    ("cp1250", _CENTRAL),
    ("iso8859-2", _CENTRAL),
    ("cp1251", _CYRILLIC),
    ("koi8-r", _CYRILLIC),
    ("koi8-u", _CYRILLIC),
    ("iso8859-5", _CYRILLIC),
    ("mac-cyrillic", _CYRILLIC),
    ("cp866", _CYRILLIC),
    ("cp1253", ("el",)),
    ("iso8859-7", ("el",)),
    ("cp1254", ("tr",)),
    ("iso8859-9", ("tr",)),
    ("cp1257", ("lt", "lv")),
    ("iso8859-13", ("lt", "lv")),
    ("cp1255", ("he",)),
    ("iso8859-8", ("he",)),
    ("cp1256", ("ar", "fa", "ur")),
    ("iso8859-6", ("ar", "fa", "ur")),
    ("shift_jis", ("ja",)),
    ("cp932", ("ja",)),
    ("euc_jp", ("ja",)),
    ("gbk", ("zh",)),
    ("big5", ("zh", "ja")),  # wordfreq's Chinese list is in simplified characters
    ("euc_kr", ("ko",)),
)
_CHARACTER_LANGUAGES = frozenset(("ja", "zh", "ko"))  # no spaces between words: judged by character

# The sample judged: up to _WINDOWS windows of _WINDOW bytes, one per stretch of the file, each
# starting near the first byte outside ASCII of its stretch; the whole file when it is small.
_WINDOWS, _WINDOW = 16, 4096
_MAX_STRETCHES = 2000  # stretches of text judged per candidate
_HIGH = re.compile(rb"[\x80-\xff]")
_SAFE = re.compile(rb"[\x00-\x3f]")  # never part of a multi-byte character in these encodings
_NON_ASCII = re.compile("[^\x00-\x7f]")
_BYTE_STRETCH = re.compile(rb"(?<!\S)\S*?[\x80-\xff]\S*")  # anchored at a word's start: linear
_WORD = re.compile(r"[^\W\d_]+")
_CJK_LETTER = re.compile(r"[^\W\d_]")
_CJK_RUN = re.compile(r"[^\W\d_\x00-\x7f]+")
_FOREIGN_MARK = re.compile("[A-Za-z\u00c0-\u024f][\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670]")  # Hebrew/Arabic on Latin
_MARKS = re.compile("[\u0300-\u036f\u0591-\u05c7\u064b-\u065f]{3}")  # three combining marks in a row
# Symbols real text hardly ever holds, but a wrong code page often makes: the currency sign, the
# broken bar, spacing diacritics, box drawing and block elements, C1 controls.
_RARE = re.compile("[\u00a4\u00a6\u00a8\u00af\u00b4\u00b8\u02c7\u02d8\u02db\u2500-\u259f\u0080-\u009f]")


@dataclass(frozen=True, slots=True)
class _Stretch:
    text: str
    bad: bool
    letters: tuple[str, ...]  # its words (or, for CJK, characters) with letters outside ASCII
    replaced: bool = False  # holds U+FFFD for bytes UTF-8 could not decode: never known, not damage either
    pairs: tuple[str, ...] = ()  # for a character of a language written without spaces: it and each neighbour
    typographic: bool = False  # its characters outside ASCII are everyday dashes, quotes and signs


@dataclass(slots=True)
class _Candidate:
    encoding: str
    languages: tuple[str, ...]
    stretches: list[_Stretch]
    known: list[float] | None = None  # per stretch, once judged: how common its words are (0: not known)
    aliases: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # encodings giving the same text
    own: tuple[str, ...] = ()  # the languages of ``encoding`` itself

    def __post_init__(self) -> None:
        self.own = self.languages

    def same_text(self, name: str, languages: tuple[str, ...]) -> None:
        """Another encoding reads the sample alike: its languages are judged too."""
        self.aliases.append((name, languages))
        self.languages = tuple(dict.fromkeys((*self.languages, *languages)))

    def name(self) -> str:
        """The encoding to report: of those reading the text alike, the one whose own languages
        know its words best (the earliest of equals)."""
        if not self.aliases:
            return self.encoding
        own = [(self.encoding, self.own), *self.aliases]
        scores = [_Candidate(n, langs, self.stretches).judge() for n, langs in own]
        return own[scores.index(max(scores))][0]

    @property
    def bound(self) -> float:
        """The best quality the candidate could reach: every stretch that is not damaged known."""
        n = len(self.stretches)
        possible = sum(not s.bad and not s.replaced for s in self.stretches) + _REPLACED * sum(s.replaced for s in self.stretches)
        return (possible + 0.5) / (n + 1)

    def judge(self) -> float:
        if self.known is None:
            by_char = self.languages[0] in _CHARACTER_LANGUAGES
            words = _known_chars(self.languages) if by_char else _known_words(self.languages)
            pairs = _pairs(self.languages) if by_char else frozenset()
            # Valid multi-byte UTF-8 is hardly ever made by chance: its clean stretches count in full.
            utf8 = self.encoding == "utf-8"
            self.known = [
                0.0
                if s.bad or s.replaced or (by_char and pairs.isdisjoint(s.pairs))
                else _weight(s.letters, words, 1.0 if utf8 else 0.75 if s.typographic else 0.5, by_char)
                for s in self.stretches
            ]
        return _quality(self.stretches, self.known)

    def counts(self) -> tuple[int, int]:
        """(known, damaged) stretches."""
        return sum(k > 0 for k in self.known or ()), sum(s.bad for s in self.stretches)


def _weight(letters: tuple[str, ...], words: _Union, neutral: float, by_char: bool) -> float:
    """A stretch's known words: 1 for a common word (Zipf frequency 6, "że", "the"), down to 1/2 for
    a rare one (Zipf 3 or less, "naïve") or a one-letter word (any byte is a letter somewhere; not
    so for ``by_char``, where the units are characters), by its weakest word; 0 when one is not
    known. A stretch without letters outside ASCII counts ``neutral``: 3/4 for the dashes, quotes
    and signs of everyday typography ("—", "“the", "€5"), 1/2 for other symbols ("¿e" is not as
    good as "że"), 1 in valid UTF-8, which is hardly ever made by chance."""
    if not letters:
        return neutral
    weight = 1.0
    for w in letters:
        freq = max(words.frequency(w.lower()), words.frequency(w.casefold()))
        if freq <= 0.0:
            return 0.0
        zipf = math.log10(freq) + 9.0
        weight = min(weight, 0.5 if len(w) == 1 and not by_char else 0.5 + 0.5 * min(1.0, max(0.0, (zipf - 3.0) / 3.0)))
    return weight


_REPLACED = 0.1


def _quality(stretches: list[_Stretch], known: list[float]) -> float:
    """Known stretches count their weight (1/2 to 1), unknown ones 1/4, those with bytes UTF-8 could
    not decode 1/10 (less than an unknown word of a clean decoding, more than damage: a few bad
    bytes must not lose a file to a code page that turns its valid UTF-8 into mojibake), damaged
    ones 0; with half a stretch of prior, so that little evidence gives a middling quality."""
    n = len(stretches)
    unknown = sum(1 for s, k in zip(stretches, known, strict=True) if k == 0.0 and not s.bad and not s.replaced)
    replaced = sum(s.replaced for s in stretches)
    return (sum(known) + 0.25 * unknown + _REPLACED * replaced + 0.5) / (n + 1)


def _judged(data: bytes) -> Decoded:
    sample = _sample(data)
    if (utf8 := _mostly_utf8(data, sample)) is not None:
        return utf8
    # The runs of non-space bytes holding one outside ASCII, found once: the bytes between them
    # are ASCII, read alike by every candidate, and a space never falls inside a character.
    runs = _BYTE_STRETCH.findall(sample, 0)[:_MAX_STRETCHES]
    joined = b"\n".join(runs)  # decoded at once: no encoding here reads a byte outside ASCII as "\n"
    candidates: list[_Candidate] = []
    seen: dict[tuple[str, ...], _Candidate] = {}
    memo: dict[tuple[str, bool], list[_Stretch]] = {}
    for name, languages in CANDIDATES:
        try:
            texts = tuple(joined.decode(name, "replace" if name == "utf-8" else "strict").split("\n"))
        except UnicodeDecodeError:
            continue
        if name == "utf-8" and "".join(texts).replace("\ufffd", "").isascii():
            continue  # no valid multi-byte sequence: nothing says UTF-8
        by_char = languages[0] in _CHARACTER_LANGUAGES
        same = seen.get(texts)
        if same is not None and (same.own[0] in _CHARACTER_LANGUAGES) == by_char:
            same.same_text(name, languages)  # nothing to choose between: one candidate, both languages
            continue
        seen[texts] = cand = _Candidate(name, languages, _stretches(texts, by_char, memo))
        candidates.append(cand)
    # Judge (which loads word lists) in order of the best each could reach, until none left could
    # beat the runner-up: the outcome is that of judging every candidate.
    judged: list[tuple[float, int, _Candidate]] = []
    for rank, cand in sorted(enumerate(candidates), key=lambda rc: (-rc[1].bound, rc[0])):
        if len(judged) >= 2 and cand.bound < judged[1][0]:
            break
        judged.append((cand.judge(), rank, cand))
        judged.sort(key=lambda j: (-j[0], j[1]))  # the better first; of equals, the preferred
    best = judged[0][2]
    runner = judged[1][2] if len(judged) > 1 else None
    confidence = _confidence(best, runner)
    good, bad = best.counts()
    note = f"{good} of {len(best.stretches)} stretches with characters outside ASCII read as known words or clean punctuation"
    note += f", {bad} damaged"
    if runner is not None:
        r_good, r_bad = runner.counts()
        note += f"; next best {runner.encoding} ({r_good} known, {r_bad} damaged)"
    name = codecs.lookup(best.name()).name
    text, invalid, count, nbytes = decode_recording(data, name)
    method = MOSTLY_UTF8 if name == "utf-8" else JUDGED
    if method == MOSTLY_UTF8:
        note = f"valid UTF-8 but for {count} bad byte sequence(s) ({nbytes} bytes), replaced by U+FFFD; " + note
    return Decoded(text, name, confidence, False, method, note, invalid, count, nbytes)


def _mostly_utf8(data: bytes, sample: bytes) -> Decoded | None:
    """UTF-8 with its bad bytes replaced, without judging, when the sample's valid multi-byte
    sequences (which other encodings hardly ever make by chance) outnumber its bad ones four to one;
    the confidence is their share."""
    text, _, bad, _ = decode_recording(sample, "utf-8")
    valid = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    if valid < 2 or valid < 4 * bad:
        return None
    text, invalid, count, nbytes = decode_recording(data, "utf-8")
    note = (
        f"valid UTF-8 but for {count} bad byte sequence(s) ({nbytes} bytes), replaced by U+FFFD; "
        f"{valid} valid multi-byte sequence(s) and {bad} bad one(s) in the part judged"
    )
    return Decoded(text, "utf-8", round(valid / (valid + bad), 3), False, MOSTLY_UTF8, note, invalid, count, nbytes)


def _confidence(best: _Candidate, runner: _Candidate | None) -> float:
    """The best candidate's quality less half the runner-up's, both measured on the stretches where
    their texts differ (a stretch both read alike is no evidence between them)."""
    if runner is None:
        return round(best.judge(), 3)
    theirs = Counter(s.text for s in runner.stretches)
    ours = Counter(s.text for s in best.stretches)
    b = _differing(best, theirs)
    r = _differing(runner, ours)
    return round(max(0.0, _quality(*b) - _quality(*r) / 2), 3)


def _differing(cand: _Candidate, other: Counter[str]) -> tuple[list[_Stretch], list[float]]:
    left = Counter(other)
    stretches: list[_Stretch] = []
    known: list[float] = []
    for s, k in zip(cand.stretches, cand.known or [0.0] * len(cand.stretches), strict=True):
        if left[s.text] > 0:
            left[s.text] -= 1
            continue
        stretches.append(s)
        known.append(k)
    return stretches, known


def _sample(data: bytes) -> bytes:
    """Bounded windows of ``data`` around its bytes outside ASCII, cut after bytes that never belong
    to a multi-byte character: the cost of judging does not grow with the file."""
    if len(data) <= _WINDOWS * _WINDOW:
        return data
    step = len(data) // _WINDOWS
    parts: list[bytes] = []
    for i in range(_WINDOWS):
        lo, hi = i * step, len(data) if i == _WINDOWS - 1 else (i + 1) * step
        m = _HIGH.search(data, lo, hi)
        if m is None:
            continue
        start = _after_safe(data, max(lo, m.start() - 256))
        end = _after_safe(data, min(len(data), start + _WINDOW))
        parts.append(data[start:end])
    return b"\n".join(parts)


def _after_safe(data: bytes, pos: int) -> int:
    m = _SAFE.search(data, pos, pos + 256)
    return m.end() if m is not None else pos


def _stretches(texts: tuple[str, ...], by_char: bool, memo: dict[tuple[str, bool], list[_Stretch]]) -> list[_Stretch]:
    """The units judged: each run of non-space characters holding one outside ASCII (for languages
    written without spaces, each letter outside ASCII of a clean run), at most ``_MAX_STRETCHES``.
    ``memo``: the units of a run already seen, in this candidate or another (most read most runs
    alike)."""
    out: list[_Stretch] = []
    for text in texts:
        for piece in text.split() if not text.isascii() else ():  # a code page may read a byte as a space
            if piece.isascii():
                continue
            key = (piece, by_char)
            units = memo.get(key)
            if units is None:
                units = memo[key] = _units(piece, by_char)
            out.extend(units)
        if len(out) >= _MAX_STRETCHES:
            break
    return out[:_MAX_STRETCHES]


def _units(stretch: str, by_char: bool) -> list[_Stretch]:
    if by_char:  # no spaces between words: each letter outside ASCII is a unit of evidence,
        # with the pairs it makes with its neighbours
        letters = tuple(c for c in _CJK_LETTER.findall(stretch) if c > "\x7f")
        if letters and not _damaged(stretch, letters, by_char):
            return [
                _Stretch(c, False, (c,), pairs=(run[max(0, j - 1) : j + 1], run[j : j + 2]))
                for run in _CJK_RUN.findall(stretch)
                for j, c in enumerate(run)
            ]
    else:
        letters = tuple(w for run in _WORD.findall(stretch) if not run.isascii() for w in _letters_only(run))
    replaced = "\ufffd" in stretch
    cleaned = stretch.replace("\ufffd", "?") if replaced else stretch
    # A dash between letters is typography ("therapy–associated") but also what a wrong code page
    # makes of a letter ("Pe–a" for "Peña"): no more than a symbol.
    # So is a curly quote standing alone: quotes cling to the words they open or close.
    typographic = all(c in _TYPOGRAPHY for c in stretch if c > "\x7f") and not _DASH_INSIDE.search(stretch) and stretch not in _QUOTES
    return [_Stretch(stretch, _damaged(cleaned, letters, by_char), letters, replaced, typographic=typographic)]


def _damaged(stretch: str, letters: tuple[str, ...], by_char: bool) -> bool:
    """Mojibake (ftfy's pattern), a rare symbol, a control, unassigned or replacement character, a
    symbol inside a word ("Z³rich"), a word of odd case ("cafŽ") or of two scripts ("cafι")."""
    if _RARE.search(stretch) or BADNESS_RE.search(stretch) or _MARKS.search(stretch) or _FOREIGN_MARK.search(stretch):
        return True
    if any(_is_odd_char(c) or unicodedata.category(c) == "Sk" for c in stretch if c > "\x7f"):
        return True
    if by_char:  # punctuation between letters is normal where words are not spaced; characters
        # glued to a lower-case Latin letter ("Rz筪", "cr塾e", "z硂抗") are a Latin word misread
        return _GLUED.search(stretch) is not None
    for m in _INSIDE.finditer(stretch):
        c = m.group()
        catalan = c == "\u00b7" and stretch[m.start() - 1 : m.end() + 1].lower() == "l\u00b7l"
        if c not in _JOINERS and not catalan and not unicodedata.category(c).startswith(("L", "M")):
            return True
    for m in _AFTER_LETTER.finditer(stretch):
        c = m.group()
        if c in "\u00bf\u00a1" or (unicodedata.category(c) in _NOT_AFTER_LETTER and c not in "\u00b0\u2122\u00ae"):
            return True
        if c == "\u00b7" and not stretch[m.end() : m.end() + 1].isalpha():  # a middle dot ending a word
            return True
    if _AFTER_STOP.search(stretch) or _GLUED_MARK.search(stretch) or _MATH_GLUED.search(stretch):  # "back,Ó", "-20¡C", "“≈ƒ"
        return True
    return any(not (w.islower() or w.isupper() or w.istitle()) or len({_script(c) for c in w} - {""}) > 1 for w in letters)


_GLUED = re.compile(r"[a-z][^\x00-\x7f]|[^\x00-\x7f\W][a-z]")
_MATH_GLUED = re.compile("[^\x00-\x7f][±×÷≈≠≤≥∂∑∏√∞∫∆]|[±×÷≈≠≤≥∂∑∏√∞∫∆][^\x00-\x7f]")
_GLUED_MARK = re.compile(r"[0-9A-Za-z][\u00bf\u00a1]")  # Spanish opening marks open, never close
_AFTER_STOP = re.compile(r"[a-z][,;:!?.][^\W\d_\x00-\x7f]")
_QUOTES = frozenset("‘’“”„‚")
_DASH_INSIDE = re.compile(r"[^\W\d_][\u2013\u2014\u2026][^\W\d_]")
_INSIDE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")  # a character outside ASCII between letters
# Between two letters: apostrophes, dashes ("quarterback—potentially"), an ellipsis, a soft hyphen;
# a middle dot only in Catalan "l·l" (in code).
_JOINERS = frozenset("\u2019\u2018\u02bc\u2010\u2011\u2012\u2013\u2014\u2015\u2026\u00ad")
_TYPOGRAPHY = frozenset("—–‘’“”„…«»•€£°½¼¾©®™\u00a0")
_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f\w]")
# What does not follow a letter in text: maths and other symbols, currency signs, opening brackets
# and quotes (and the Spanish opening marks, in code); degrees and trade marks do.
_NOT_AFTER_LETTER = frozenset(("Sm", "Sc", "So", "Sk", "Ps", "Pi"))


@cache
def _script(c: str) -> str:
    """The first word of the character's Unicode name when it names a script (LATIN, CYRILLIC,
    GREEK, ...); "" for letters of no script in particular (the micro sign, ordinal indicators)."""
    word = unicodedata.name(c, "?").split(" ", 1)[0]
    return word if word in _SCRIPTS else ""


_SCRIPTS = frozenset(("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "GEORGIAN", "THAI", "DEVANAGARI"))


def _letters_only(run: str) -> list[str]:
    """The letter runs of a ``_WORD`` match, which may hold other characters of ``\\w``: "4½" has none."""
    return [run] if run.isalpha() else "".join(c if c.isalpha() else " " for c in run).split()


@cache
def _words(language: str) -> dict[str, float]:
    """wordfreq's small list for the language: word -> frequency (shipped with wordfreq, offline)."""
    import wordfreq

    return wordfreq.get_frequency_dict(language, wordlist="small")


class _Union:
    """The highest frequency of a word in any of several word lists, without merging them."""

    def __init__(self, lists: Iterable[dict[str, float]]) -> None:
        self.lists = tuple(lists)

    def frequency(self, word: str) -> float:
        return max(d.get(word, 0.0) for d in self.lists)


@cache
def _known_words(languages: tuple[str, ...]) -> _Union:
    return _Union(_words(lang) for lang in languages)


@cache
def _known_chars(languages: tuple[str, ...]) -> _Union:
    """For languages written without spaces: a character's frequency is that of the words holding it."""
    return _Union(_chars(lang) for lang in languages)


@cache
def _pairs(languages: tuple[str, ...]) -> frozenset[str]:
    """Two characters side by side in a word of the lists: a character of real Chinese or Japanese
    text makes a word with a neighbour about half the time, one of a misread text almost never."""
    return frozenset(w[i : i + 2] for lang in languages for w in _words(lang) for i in range(len(w) - 1))


@cache
def _chars(language: str) -> dict[str, float]:
    freq: dict[str, float] = {}
    for word, f in _words(language).items():
        for c in set(word):
            freq[c] = freq.get(c, 0.0) + f
    return freq


def _checked(decoded: Decoded, max_control_fraction: float) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise InputError("whitespace-only", "file holds only white space", "decode")
    controls = len(_CONTROL_RE.findall(text))
    if controls / len(text) > max_control_fraction:
        raise InputError("binary", f"decoded text is {controls} of {len(text)} control characters", "decode")
    return decoded
