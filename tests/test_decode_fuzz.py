"""The decoder fuzzed with hypothesis: any bytes give text or a documented per-file error, never an
exception; text in each supported encoding comes back exactly; the same bytes give the same result."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.decode import Decoded, InputError, decode
from tests.test_decode_legacy import BATTERY, ENGLISH, ENGLISH_LATIN1, GAZA, RUSSIAN

DOCUMENTED = {"empty", "whitespace-only", "binary", "undecodable"}
# Derandomized (the same examples on every run, no example database written): the suite stays
# reproducible; widen max_examples locally to explore.
FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
ROUND_TRIP = settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


def _consistent(data: bytes, d: Decoded) -> None:
    """What a report relies on: every replaced byte sequence is where it says, in the file and in the text."""
    assert d.text.strip()
    assert d.invalid_count >= len(d.invalid) and d.invalid_bytes >= d.invalid_count
    for bad in d.invalid:
        assert d.text[bad.char] == "\ufffd"
        assert data[bad.byte : bad.byte + len(bad.raw)] == bad.raw
    assert 0.0 <= d.confidence <= 1.0 and d.method


# Bytes with the shapes that reach every branch: BOMs, NUL patterns, high bytes, runs of ASCII text.
_PIECES = st.one_of(
    st.binary(max_size=40),
    st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"\x00", b"\xef\xbf\xbd"]),
    st.text(max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"The council met on Monday. ", b"caf\xe9 ", b"\x93quoted\x94 ", b"\x80", b"\n\n"]),
)
ANY_BYTES = st.lists(_PIECES, max_size=30).map(b"".join)


@FAST
@given(ANY_BYTES)
def test_any_bytes_give_text_or_a_documented_error(data: bytes) -> None:
    try:
        d = decode(data)
    except InputError as exc:
        assert exc.kind in DOCUMENTED and exc.message and exc.stage == "decode"
        return
    _consistent(data, d)


@FAST
@given(ANY_BYTES, st.sampled_from(["utf-8", "cp1252", "shift_jis", "utf-16-le", "koi8-r", "big5"]))
def test_any_bytes_with_an_encoding_override_never_raise(data: bytes, encoding: str) -> None:
    try:
        d = decode(data, encoding=encoding)
    except InputError as exc:
        assert exc.kind in DOCUMENTED
        return
    _consistent(data, d)
    assert d.encoding == codecs.lookup(encoding).name


@FAST
@given(ANY_BYTES)
def test_the_same_bytes_give_the_same_result(data: bytes) -> None:
    def outcome() -> Decoded | str:
        try:
            return decode(data)
        except InputError as exc:
            return f"{exc.kind}: {exc.message}"

    first = outcome()
    decode(GAZA.encode("cp1252", "replace"))  # another file in between: no state carries over
    assert outcome() == first


@FAST
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip))
def test_any_utf8_text_round_trips(text: str) -> None:
    d = decode(text.encode("utf-8"))
    assert d.text == text and d.confidence == 1.0


def _words(text: str) -> list[str]:
    return text.split()


def _sentences(words: list[str]) -> st.SearchStrategy[str]:
    """Texts of the source's words in any order, holding at least one word of four or more characters
    outside ASCII: "в в в в" is evidence of no encoding in particular."""
    texts = st.lists(st.sampled_from(words), min_size=4, max_size=60).map(lambda ws: " ".join(ws) + "\n")
    return texts.filter(lambda t: t.isascii() or any(len(w) > 3 and not w.isascii() for w in t.split()))


@pytest.mark.parametrize(("codec", "source"), [(c, t) for c, t, _ in BATTERY], ids=[c for c, _, _ in BATTERY])
def test_text_in_each_legacy_encoding_round_trips(codec: str, source: str) -> None:
    @ROUND_TRIP
    @given(_sentences(_words(source)))
    def round_trip(text: str) -> None:
        assert decode(text.encode(codec)).text == text

    round_trip()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("source", [ENGLISH, ENGLISH_LATIN1, RUSSIAN], ids=["english", "latin", "russian"])
def test_bomless_utf16_round_trips(codec: str, source: str) -> None:
    @ROUND_TRIP
    @given(_sentences(_words(source)))
    def round_trip(text: str) -> None:
        d = decode(text.encode(codec))
        assert d.text == text and d.encoding == codec

    round_trip()


@ROUND_TRIP
@given(
    _sentences(_words(GAZA)),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=6),
    st.sampled_from([b"\x92", b"\xff", b"\xc3", b"\x80"]),
)
def test_utf8_with_a_few_bad_bytes_stays_utf8(text: str, places: list[int], bad: bytes) -> None:
    data = bytearray(text.encode("utf-8"))
    for p in sorted({p % len(data) for p in places}, reverse=True):
        if data[p] < 0x80 and data[p] not in b" \n":  # replace an ASCII letter, never part of a multi-byte one
            data[p : p + 1] = bad
    data_b = bytes(data)
    d = decode(data_b)
    if d.invalid_count:
        assert d.encoding == "utf-8" and d.text == data_b.decode("utf-8", "replace")
        _consistent(data_b, d)


@FAST
@given(ANY_BYTES)
def test_utf8_bad_bytes_are_counted_alike_at_c_speed_and_by_the_handler(data: bytes) -> None:
    from checker.decode import decode_recording

    fast = decode_recording(data, "utf-8")  # counts from the text, lists by the handler
    reference = decode_recording(data, "utf_8")  # the generic path: every bad sequence through the handler
    assert fast == reference
