"""The HTML dashboard without a browser: what the pages hold, escaping, determinism, the CLI switches.
The browser tests (tests/test_html_browser.py) check what a curator does with the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.cli import main
from checker.html import json_for_script
from checker.html.marks import MAX_IDS, Mark, segments
from tests.conftest import SEEDS

HOSTILE = (
    "Date: 2024-05-02\n"
    "Title: </title><script>window.__pwned = 1</script>\n"
    "\n"
    "The council said on Monday that <script>window.__pwned = 2</script> the budget was approved.\n"
    "\n"
    'A resident wrote <img src=x onerror="window.__pwned = 3"> and "</script><b>bold</b>" in a letter, officials said.\n'
)


def check(folder: Path, *args: str) -> int:
    reports = str(folder.parent / "reports")
    return main(["check", str(folder), "--reports-dir", reports, "--jobs", "1", "-q", "--today", "2024-06-01", *args])


def test_segments_cover_the_text_once_with_every_covering_mark() -> None:
    marks = [
        Mark(0, 10, "finding", "hl hl-dt", 1),
        Mark(5, 20, "attribution", "at at-named", title="named"),
        Mark(5, 8, "finding", "hl hl-mt", 2),
        Mark(15, 40, "date", "dt-m", title="date: x"),
        Mark(30, 30, "finding", "hl hl-pv", 3),  # empty: dropped
        Mark(35, 99, "finding", "hl hl-du", 4),  # past the end: clipped
    ]
    segs = segments(50, marks)
    text_segs = [s for s in segs if s.end > s.start]
    assert [(s.start, s.end) for s in text_segs] == [(0, 5), (5, 8), (8, 10), (10, 15), (15, 20), (20, 35), (35, 40), (40, 50)]
    by_start = {s.start: s for s in text_segs}
    assert by_start[5].findings == [1, 2] and by_start[5].css == ["at at-named", "hl hl-dt", "hl hl-mt"]
    assert by_start[15].titles == ["named", "date: x"] and by_start[15].findings == []
    assert by_start[40].findings == [4] and by_start[40].css == ["hl hl-du"]
    assert [s.starts for s in segs if s.start == s.end] == [[1], [2], [4]]  # marker places, in text order


def test_a_pile_of_findings_over_one_passage_stays_linear() -> None:
    marks = [Mark(0, 1000, "finding", "hl hl-at", n) for n in range(2000)]
    segs = segments(1000, marks)
    assert sum(s.end > s.start for s in segs) == 1
    assert all(len(s.findings) <= MAX_IDS for s in segs)


def test_json_in_a_script_element_cannot_close_it() -> None:
    out = str(json_for_script({"path": "</script><script>alert(1)</script>", "q": "a & b"}))
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == {"path": "</script><script>alert(1)</script>", "q": "a & b"}


def test_article_text_is_escaped_never_markup(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    check(folder)
    page = (tmp_path / "reports" / "hostile.txt.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 2&lt;/script&gt;" in page
    assert "<script>window" not in page and "<img" not in page and "<b>bold" not in page
    assert not re.search(r"<[^>]*onerror", page) and "&lt;img src=x onerror=" in page  # text, not an attribute
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "<script>window" not in index
    # the only script elements are the data islands and the shipped script
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" id="layers">', '<script src="assets/provcheck.js">']
    island = page.split('<script type="application/json" id="layers">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island and json.loads(island)  # the layers' marks, which quote the text, cannot close it
    assert re.findall(r"<script[^>]*>", index) == ['<script type="application/json" id="data">', '<script src="assets/provcheck.js">']


def test_the_site_is_byte_identical_for_the_same_input_and_html_rebuilds_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:4]:
        (folder / "sub" / seed.name).write_bytes(seed.read_bytes())
    reports = tmp_path / "reports"
    assert check(folder) in (0, 1)
    first = {p.relative_to(reports).as_posix(): p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    assert "index.html" in first and "assets/provcheck.css" in first
    page = next(name for name in first if name.endswith(".html") and name != "index.html")
    assert page.startswith("sub/") and b'href="../assets/provcheck.css"' in first[page]  # a page in a sub-folder finds the assets
    for name in [n for n in first if n.endswith(".html")]:
        (reports / name).unlink()
    assert main(["html", str(reports)]) == 0
    again = {p.relative_to(reports).as_posix(): p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    assert again == first


def test_no_html_and_html_false_write_no_pages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Date: 2024-05-01\n\nThe mayor opened the bridge on Monday, officials said.\n", encoding="utf-8")
    check(folder, "--no-html")
    reports = tmp_path / "reports"
    assert (reports / "a.txt.json").is_file() and not list(reports.rglob("*.html")) and not (reports / "assets").exists()
    (tmp_path / "provcheck.toml").write_text("html = false\n", encoding="utf-8")
    check(folder, "--config", str(tmp_path / "provcheck.toml"))
    assert not list(reports.rglob("*.html"))
    check(folder)
    assert (reports / "index.html").is_file() and (reports / "a.txt.html").is_file()


def test_a_file_changed_since_the_check_is_listed_without_its_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Date: 2024-05-01\n\nThe mayor opened the bridge on Monday, officials said.\n", encoding="utf-8")
    check(folder)
    (folder / "a.txt").write_text("Something else entirely.\n", encoding="utf-8")
    assert main(["html", str(tmp_path / "reports")]) == 0
    page = (tmp_path / "reports" / "a.txt.html").read_text(encoding="utf-8")
    assert "has changed since it was checked" in page and "Something else" not in page
    assert "AT002" in page  # the findings are still listed


def test_html_without_a_run_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["html", str(tmp_path)]) == 2
    assert "summary.json" in capsys.readouterr().err


def test_a_page_shows_the_text_as_it_was_decoded_even_with_an_encoding_override(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Date: 2024-05-01\n\nThe café in Zürich raised its prices to 5 € on Monday, the owner said.\n"
    (folder / "legacy.txt").write_bytes(text.encode("cp1252"))
    check(folder, "--encoding", "latin-1")  # a wrong override: the page must show what was checked, not a re-detection
    page = (tmp_path / "reports" / "legacy.txt.html").read_text(encoding="utf-8")
    assert "café in Zürich" in page and "\x80" in page and "€" not in page  # latin-1 reads the euro byte as a control
    check(folder)
    page = (tmp_path / "reports" / "legacy.txt.html").read_text(encoding="utf-8")
    assert "café in Zürich raised its prices to 5 €" in page
