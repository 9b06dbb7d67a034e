"""Legacy and damaged encodings: each real-language text, encoded with Python's codecs, must come back
exactly; a file that is almost all UTF-8 stays UTF-8 with its bad bytes named; the report says how
sure the decoder is and why; ``--encoding`` and the ``encoding`` key override detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.decode import JUDGED, MOSTLY_UTF8, OVERRIDE, UTF16_PATTERN, check_encoding_name, decode

ENGLISH_CP1252 = (
    "The city council said on Tuesday that “the budget is approved” after a three-hour debate. "
    "The new tram line will cost €5 million, about 12% more than last year’s plan – a rise the "
    "mayor’s office called “modest”. Critics said the café owners on Rue Saint-Honoré were never consulted.\n"
)
ENGLISH_LATIN1 = (
    "The new café near the Zürich station opened on Monday. Critics called the menu naïve, "
    "but the owner's résumé is impressive: ten years in Genève and two in São Paulo, he said.\n"
)
ENGLISH_LATIN9 = (
    "Prices at the café rose to €4.50 for a coffee, the Zürich statistics office said on Friday. "
    "Visitors called the œuvre of the director naïve, and the museum's curator disagreed.\n"
)
POLISH = (
    "Rząd przyjął w środę projekt ustawy budżetowej na przyszły rok. Minister finansów powiedział, "
    "że deficyt będzie niższy niż zakładano, a wydatki na zdrowie i edukację wzrosną. "
    "Posłowie opozycji zapowiedzieli, że złożą poprawki w Sejmie.\n"
)
CZECH = (
    "Vláda ve středu schválila návrh státního rozpočtu na příští rok. Ministr financí řekl, "
    "že schodek bude nižší, než se čekalo, a výdaje na zdravotnictví a školství porostou.\n"
)
RUSSIAN = (
    "Правительство в среду одобрило проект бюджета на следующий год. Министр финансов заявил, "
    "что дефицит будет ниже, чем ожидалось, а расходы на здравоохранение и образование вырастут. "
    "Депутаты оппозиции пообещали внести поправки.\n"
)
MAC_ROMAN = (
    "The café on the corner reopened on Monday, the owner’s son said. “We’re back,” he told "
    "reporters, adding that the crème brûlée would return to the menu next week.\n"
)
JAPANESE = (
    "政府は水曜日、来年度の予算案を閣議決定した。財務大臣は、財政赤字は予想よりも小さくなり、"
    "医療と教育への支出が増えると述べた。野党は国会で修正案を提出する方針だ。\n"
)
ENGLISH = (
    "The council approved the budget on Monday. The mayor’s office said the new tram line would "
    "open in 2027, and the café owners on Main Street welcomed the decision.\n"
)

BATTERY = [
    ("cp1252", ENGLISH_CP1252, {"cp1252"}),
    ("latin-1", ENGLISH_LATIN1, {"cp1252", "iso8859-1"}),  # the same text either way
    ("iso8859-15", ENGLISH_LATIN9, {"iso8859-15"}),
    ("cp1250", POLISH, {"cp1250"}),
    ("cp1250", CZECH, {"cp1250"}),
    ("iso8859-2", POLISH, {"iso8859-2"}),
    ("cp1251", RUSSIAN, {"cp1251"}),
    ("koi8-r", RUSSIAN, {"koi8-r"}),
    ("mac-roman", MAC_ROMAN, {"mac-roman"}),
    ("shift_jis", JAPANESE, {"shift_jis"}),
    ("euc_jp", JAPANESE, {"euc_jp"}),
]


@pytest.mark.parametrize(("codec", "text", "names"), BATTERY, ids=[f"{c}-{t[:8]}" for c, t, _ in BATTERY])
def test_legacy_text_is_decoded_exactly(codec: str, text: str, names: set[str]) -> None:
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.encoding in names
    assert d.method == JUDGED and d.note and d.invalid_count == 0
    assert 0.5 <= d.confidence <= 1.0


@pytest.mark.parametrize(("codec", "text", "names"), BATTERY[:3], ids=["cp1252", "latin-1", "latin-9"])
def test_a_long_legacy_file_is_judged_on_a_sample_and_decoded_whole(codec: str, text: str, names: set[str]) -> None:
    filler = "The committee met again on Wednesday and heard from residents about the plan.\n" * 400
    whole = (filler + text) * 40  # ~1.3 MB, accented words spread through it
    d = decode(whole.encode(codec))
    assert d.text == whole and d.encoding in names


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, ENGLISH_LATIN1], ids=["english", "russian", "latin"])
def test_bomless_utf16_is_text_not_binary(codec: str, text: str) -> None:
    d = decode(text.encode(codec))
    assert d.text == text and d.encoding == codec and d.method == UTF16_PATTERN and not d.bom
    assert d.confidence >= 0.99 and "NUL" in d.note


def test_binary_with_nul_bytes_at_both_positions_is_still_binary() -> None:
    from checker.decode import InputError

    with pytest.raises(InputError) as err:
        decode(b"\x00\x01\x02\x03PK\x00\x00" * 200)
    assert err.value.kind == "binary"


# --- the three mis-decodings of issue 18: each read as mojibake with confidence 1.0 before ---------
def test_regression_cp1252_news_is_not_read_as_cp852() -> None:
    text = "The mayor said: “the budget is approved” and the new tram line will cost €5 million, a rise of 12% on last year’s plan.\n"
    d = decode(text.encode("cp1252"))
    assert d.text == text and d.encoding == "cp1252"


def test_regression_latin1_is_not_read_as_cp775() -> None:
    text = "The new café near the Zürich station opened on Monday. Critics called the menu naïve, but the owner?s résumé is impressive.\n"
    d = decode(text.encode("latin-1"))
    assert d.text == text and "Z³rich" not in d.text


GAZA = (
    "Gaza’s health ministry said on Monday that the strikes had killed 12 people. “We have nothing "
    "left,” a resident said. The UN’s envoy called for a ceasefire and said aid trucks were waiting "
    "at the Rafah crossing – some for a week.\n"
)
SIX_BAD = (
    (b"ministry", b"minis\x92ry"),
    (b"killed", b"ki\x93\x94ed"),
    (b"people", b"pe\xffple"),
    (b"resident", b"res\x80dent"),
    (b"envoy", b"env\xc3y"),
)


def _six_bad_bytes() -> bytes:
    data = GAZA.encode("utf-8")
    for old, new in SIX_BAD:
        data = data.replace(old, new)
    return data


def test_regression_utf8_with_six_bad_bytes_stays_utf8_and_names_them() -> None:
    data = _six_bad_bytes()
    d = decode(data)
    assert d.encoding == "utf-8" and d.method == MOSTLY_UTF8
    assert "Gaza’s" in d.text and "GazaÔÇÖs" not in d.text
    assert d.text == data.decode("utf-8", "replace")
    assert d.invalid_count == 6 and d.invalid_bytes == 6
    for bad in d.invalid:  # each names its byte offset and bytes, and sits at its U+FFFD
        assert data[bad.byte : bad.byte + len(bad.raw)] == bad.raw
        assert d.text[bad.char] == "\ufffd"
    assert [b.raw for b in d.invalid] == [b"\x92", b"\x93", b"\x94", b"\xff", b"\x80", b"\xc3"]


def test_a_genuine_replacement_character_is_not_a_bad_byte() -> None:
    data = ("The caf\ufffd reopened, the owner’s son said: “we’re back” – and “busier than ever”.\n").encode()
    data += b"Its terrace \xe9 was full.\n"
    d = decode(data)
    assert d.encoding == "utf-8" and d.invalid_count == 1
    assert d.invalid[0].char == d.text.index("\ufffd", d.text.index("terrace")) and d.invalid[0].raw == b"\xe9"


def test_a_file_of_mostly_undecodable_bytes_is_not_called_utf8() -> None:
    # Latin-1 with one accidental valid UTF-8 pair ("Ã©"): the legacy reading is the good one.
    text = "Caf\u00c3\u00a9 au lait, cr\u00e8me br\u00fbl\u00e9e, na\u00efve r\u00e9sum\u00e9 and a d\u00e9j\u00e0 vu in Z\u00fcrich.\n"
    d = decode(text.encode("latin-1"))
    assert d.encoding in {"cp1252", "iso8859-1"} and d.text == text


# --- the override -------------------------------------------------------------------------------
def test_encoding_override_skips_detection_and_replaces_what_it_cannot_decode() -> None:
    d = decode(RUSSIAN.encode("koi8-r"), encoding="KOI8_R")
    assert d.text == RUSSIAN and d.encoding == "koi8-r" and d.method == OVERRIDE and d.confidence == 1.0
    d = decode(b"caf\xc3\xa9 \x81", encoding="cp1252")
    assert d.text == "cafÃ© \ufffd" and d.invalid_count == 1 and d.invalid[0].byte == 6


@pytest.mark.parametrize("name", ["bogus", "base64", "rot13x"])
def test_a_bad_encoding_name_is_refused(name: str) -> None:
    with pytest.raises(ValueError):
        check_encoding_name(name)


# --- end to end ------------------------------------------------------------------------------------
def _check(folder: Path, *extra: str) -> tuple[int, dict[str, dict[str, object]]]:
    out = folder / "reports"
    code = main(["check", str(folder / "in"), "--reports-dir", str(out), "--jobs", "1", "-q", "--today", "2026-11-22", *extra])
    reports = {p.name.removesuffix(".json"): json.loads(p.read_text()) for p in out.glob("*.txt.json")}
    return code, reports


def test_cli_reports_the_encoding_its_method_and_the_bad_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cp1252.txt").write_bytes(ENGLISH_CP1252.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(ENGLISH.encode("utf-16-le"))
    (folder / "bad.txt").write_bytes(_six_bad_bytes())
    _, reports = _check(tmp_path)
    info = reports["cp1252.txt"]["file"]
    assert isinstance(info, dict)
    assert info["encoding"] == "cp1252" and info["encoding_method"] == JUDGED and 0.5 <= info["encoding_confidence"] <= 1.0
    assert "known words" in info["encoding_note"]
    assert reports["utf16.txt"]["errors"] == [] and reports["utf16.txt"]["file"]["encoding"] == "utf-16-le"  # type: ignore[index]
    bad = reports["bad.txt"]
    assert bad["file"]["encoding_method"] == MOSTLY_UTF8 and bad["file"]["undecodable_bytes"] == 6  # type: ignore[index]
    pv005 = [f for f in bad["findings"] if f["rule"] == "PV005"]  # type: ignore[union-attr]
    assert pv005 and all(f["severity"] == "error" for f in pv005)
    assert "6 undecodable byte sequence(s)" in pv005[0]["message"] and "byte offset(s) 21," in pv005[0]["message"]
    assert [b["hex"] for b in pv005[0]["evidence"]["bytes"]] == ["92", "93", "94", "ff", "80", "c3"]


def test_cli_encoding_option_and_config_key_override_detection(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    _, reports = _check(tmp_path, "--encoding", "mac-cyrillic")
    info = reports["ru.txt"]["file"]
    assert info["encoding"] == "mac-cyrillic" and info["encoding_method"] == OVERRIDE  # type: ignore[index]
    (tmp_path / "provcheck.toml").write_text('encoding = "cp1251"\n')
    _, reports = _check(tmp_path, "--config", str(tmp_path / "provcheck.toml"))
    assert reports["ru.txt"]["file"]["encoding"] == "cp1251"  # type: ignore[index]


def test_cli_bad_encoding_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday.\n")
    code, _ = _check(tmp_path, "--encoding", "klingon-8")
    assert code == 2 and "--encoding" in capsys.readouterr().err
    (tmp_path / "provcheck.toml").write_text('encoding = "klingon-8"\n')
    code, _ = _check(tmp_path, "--config", str(tmp_path / "provcheck.toml"))
    err = capsys.readouterr().err
    assert code == 2 and "key 'encoding'" in err and "klingon-8" in err


def test_the_judged_sample_is_bounded_and_covers_the_whole_file() -> None:
    from checker.decode import _sample

    filler = b"The committee met again on Wednesday and heard from residents about the plan.\n" * 20_000
    data = filler + "Caf\u00e9 owners in Z\u00fcrich said.\n".encode("cp1252") + filler  # ~3 MB, one accented line mid-file
    sample = _sample(data)
    assert len(sample) < 16 * (4096 + 600) and b"Caf\xe9" in sample


def test_decoding_is_the_same_in_every_process() -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "from tests.test_decode_legacy import BATTERY, _six_bad_bytes\n"
        "from checker.decode import decode\n"
        "for codec, text, _ in BATTERY:\n"
        "    d = decode(text.encode(codec)); print(d.encoding, d.confidence, d.note)\n"
        "d = decode(_six_bad_bytes()); print(d.encoding, d.confidence, d.note)\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1 and outs.pop().count("\n") == len(BATTERY) + 1


def test_millions_of_bad_bytes_cost_little_and_list_the_first_thousand() -> None:
    from checker.decode import MAX_INVALID_LISTED, decode_recording

    data = ("Gaza’s envoy said “no”. ".encode() + b"\xff\xfe" * 40) * 2_000  # 160,000 bad bytes
    fast = decode_recording(data, "utf-8")
    assert fast == decode_recording(data, "utf_8")  # the generic path, every bad byte through the handler
    text, invalid, count, nbytes = fast
    assert count == nbytes == 160_000 and len(invalid) == MAX_INVALID_LISTED
    assert all(text[bad.char] == "\ufffd" and data[bad.byte : bad.byte + 1] == bad.raw for bad in invalid)
