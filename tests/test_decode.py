"""Bytes to text: encodings are detected and recorded; hopeless input is a clear per-file error."""

from __future__ import annotations

import codecs

import pytest

from checker.decode import InputError, decode

TEXT = "The minister’s office said on Monday that talks would resume.\n"


def test_utf8_is_decoded_and_recorded() -> None:
    d = decode(TEXT.encode("utf-8"))
    assert d.text == TEXT and d.encoding == "utf-8" and d.confidence == 1.0 and not d.bom


def test_plain_ascii_is_recorded_as_ascii() -> None:
    assert decode(b"Talks resume on Monday.\n").encoding == "ascii"


def test_utf8_bom_is_stripped() -> None:
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert d.text == TEXT and d.bom and d.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = TEXT.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + TEXT.encode(codec)
    d = decode(data)
    assert d.text == TEXT and d.encoding.startswith("utf-16") and d.bom


def test_legacy_encoding_is_detected() -> None:
    text = "Le ministre a déclaré qu’il était « très inquiet » après la réunion de vendredi à Genève.\n" * 3
    d = decode(text.encode("cp1252"))
    assert d.text == text
    assert d.encoding in {"cp1252", "windows-1252", "latin_1", "iso8859_15"} or "1252" in d.encoding
    assert 0.0 < d.confidence <= 1.0


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "whitespace-only"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50, "binary"),
    ],
)
def test_hopeless_input_is_a_per_file_error(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data)
    assert err.value.kind == kind
    assert err.value.message


def test_invalid_utf8_still_yields_text() -> None:
    # One stray Latin-1 byte in otherwise UTF-8 text: decoded by a legacy encoding, not a crash.
    data = "Caf\xe9 owners said prices rose again this week.\n".encode("latin-1") * 4
    d = decode(data)
    assert "prices rose" in d.text and d.encoding != "utf-8"
