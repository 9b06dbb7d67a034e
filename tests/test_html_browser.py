"""The dashboard in a real browser: Debian's chromium driven by Playwright (launched on that
executable; `playwright install` is never used). Skips, saying why, only when no browser or no
Playwright is installed; `.ci/run` installs chromium when it is missing. Screenshots of the triage
page and one article page go to bench-out/ (not committed) for a person to look at."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from tests.conftest import ROOT, SEEDS
from tests.test_ci_e2e import GARBLED_TEXT
from tests.test_html import HOSTILE

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[dev]')")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("PROVCHECK_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


pytestmark = pytest.mark.skipif(chromium_path() is None, reason="no chromium: apt-get install -y chromium (.ci/run does)")
OUT = ROOT / "bench-out"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
GARBLED_SEED = "001_d711ba56f4b847ad.txt"  # the machine-translated sample
COPIES = ("003_e83cd346e07eb6a8.txt", "004_80e1f4bbf5611b8d.txt")  # two versions of one story


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run over the seeds and three articles of our own (a hostile one, a garbled one, a clean one)."""
    root = tmp_path_factory.mktemp("site")
    folder = root / "in"
    folder.mkdir()
    for name in SEED_NAMES:
        (folder / name).write_bytes((SEEDS / name).read_bytes())
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "water.txt").write_text(GARBLED_TEXT, encoding="utf-8")
    here = os.getcwd()
    os.chdir(root)
    try:
        assert main(["check", "in", "--jobs", "1", "-q", "--today", "2026-11-22"]) in (0, 1)
    finally:
        os.chdir(here)
    return root / "reports"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    assert pg.errors == []  # type: ignore[attr-defined]  # no script error on any page
    ctx.close()


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('body[data-ready="1"]')


def row_paths(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#rows tr td.path > :first-child").all_inner_texts()]


def test_the_triage_page_lists_every_file_worst_first_and_sorts(page: Any, site: Path) -> None:
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    open_page(page, (site / "index.html").as_uri())
    assert row_paths(page) == [r["path"] for r in summary["rows"]]
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "triage.png"), full_page=True)
    page.click('th[data-key="overall"] button')  # ascending: worst score first
    overall = [int(x) for x in page.locator("#rows tr td:nth-child(3)").all_inner_texts()]
    assert overall == sorted(overall)
    page.click('th[data-key="overall"] button')
    assert page.get_attribute('th[data-key="overall"]', "aria-sort") == "descending"
    assert [int(x) for x in page.locator("#rows tr td:nth-child(3)").all_inner_texts()] == sorted(overall, reverse=True)


def test_filtering_by_mt_leaves_the_garbled_articles_and_the_link_keeps_the_filter(page: Any, site: Path) -> None:
    open_page(page, (site / "index.html").as_uri())
    page.select_option("#f-family", "MT")
    assert sorted(row_paths(page)) == [f"in/{GARBLED_SEED}", "in/water.txt"]
    assert "family=MT" in page.url
    shared = page.url
    page.goto("about:blank")
    open_page(page, shared)  # a shared link opens with the same filter
    assert sorted(row_paths(page)) == [f"in/{GARBLED_SEED}", "in/water.txt"]
    assert page.input_value("#f-family") == "MT"
    page.fill("#f-q", "water")
    assert row_paths(page) == ["in/water.txt"]
    page.click("#f-clear")
    page.fill("#f-rule", "DU004")
    assert sorted(row_paths(page)) == [f"in/{c}" for c in COPIES]
    page.select_option("#f-verdict", "pass")
    assert all(v == "pass" for v in page.locator("#rows .badge").all_inner_texts())


def test_clicking_a_finding_scrolls_its_span_into_view_and_back(page: Any, site: Path) -> None:
    open_page(page, (site / f"{GARBLED_SEED}.html").as_uri())
    last = page.locator("li.finding:has(a.goto)").last
    n = last.get_attribute("data-n")
    last.locator("a.goto").click()
    marker = page.locator(f"#m{n}")
    box, text_box = marker.bounding_box(), page.locator("#text").bounding_box()
    assert box is not None and text_box is not None
    assert text_box["y"] <= box["y"] <= text_box["y"] + text_box["height"]  # inside the visible part of the text
    assert page.locator(f'#text [data-f~="{n}"].current').count() >= 1  # its span is marked as the current one
    assert "active" in (last.get_attribute("class") or "")
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "article.png"))
    # the reverse: a marker in the text selects its finding in the list
    first_marker = page.locator("#text a.marker").first
    first_marker.click()
    m = (first_marker.get_attribute("id") or "")[1:]
    assert "active" in (page.locator(f"#f{m}").get_attribute("class") or "")


def test_keyboard_moves_between_findings_and_files(page: Any, site: Path) -> None:
    open_page(page, (site / "index.html").as_uri())
    first = page.locator("#rows tr td.path a").first
    first.click()
    page.wait_for_selector('body[data-ready="1"]')
    page.keyboard.press("j")
    assert "active" in (page.locator("li.finding").first.get_attribute("class") or "")
    page.keyboard.press("j")
    assert "active" in (page.locator("li.finding").nth(1).get_attribute("class") or "")
    page.keyboard.press("k")
    assert "active" in (page.locator("li.finding").first.get_attribute("class") or "")
    before = page.url
    page.keyboard.press("n")
    page.wait_for_url(lambda url: url != before)
    assert page.url.endswith(".html")
    page.keyboard.press("p")
    page.wait_for_url(lambda url: url.split("#")[0] == before.split("#")[0])


def test_the_near_copy_view_shows_the_shared_passages_side_by_side(page: Any, site: Path) -> None:
    open_page(page, (site / f"{COPIES[1]}.html").as_uri())
    view = page.locator("details.copy").first
    assert COPIES[0] in view.locator("summary").inner_text()
    row = view.locator("table.side-by-side tbody tr").first
    this, other = (t.strip() for t in row.locator(".passage").all_inner_texts())
    assert this and other
    assert this.split()[:6] == other.split()[:6]  # the same words, in both files
    assert view.locator("table.side-by-side tbody tr").count() >= 3


def test_an_article_with_script_and_event_handlers_runs_nothing(page: Any, site: Path) -> None:
    open_page(page, (site / "hostile.txt.html").as_uri())
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 2</script>" in page.locator("#text").inner_text()
    assert page.locator("#text img, #text script, #text b").count() == 0
    open_page(page, (site / "index.html").as_uri())
    page.fill("#f-q", "pwned")
    assert page.evaluate("window.__pwned") is None


def test_pages_pass_axe_core(page: Any, site: Path) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")
    axe = axe_module.Axe()
    for name in ("index.html", f"{GARBLED_SEED}.html", f"{COPIES[1]}.html"):
        open_page(page, (site / name).as_uri())
        page.check("#layer-attribution") if name != "index.html" else None
        results = axe.run(page)
        violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
        assert violations == [], (name, violations)


def _layer_texts(page: Any, css: str) -> list[str]:
    """The text of each run of adjacent spans of class ``css`` in the article text (a mark that a
    finding's span cuts is drawn as several spans)."""
    script = """css => {
        const runs = []; let last = null;
        for (const el of document.querySelectorAll('#text .' + css)) {
            if (last && last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && runs.length &&
                el.previousSibling === last) runs[runs.length - 1] += el.textContent;
            else runs.push(el.textContent);
            last = el;
        }
        return runs;
    }"""
    return list(page.evaluate(script, css))


def test_the_layers_draw_the_date_mentions_and_labels_at_their_places_even_after_astral_characters(
    page: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (
        "Flood defences hold 🌊🌊\n\n"
        "The council said on 3 March 2024 that the river wall had held 🙂 through the night.\n\n"
        "Engineers will inspect it again on 12 April 2024, the council said in a statement.\n"
    )
    (folder / "flood.txt").write_text(text, encoding="utf-8")
    assert main(["check", str(folder), "--reports-dir", str(tmp_path / "reports"), "--jobs", "1", "-q", "--today", "2024-06-01"]) in (0, 1)
    report = json.loads((tmp_path / "reports" / "flood.txt.json").read_text(encoding="utf-8"))
    mentions = [m["text"] for g in ("explicit", "relative") for m in (report["details"]["dates"].get(g) or [])]
    assert mentions, "the article mentions dates"
    open_page(page, (tmp_path / "reports" / "flood.txt.html").as_uri())
    before = page.locator("#text").text_content()
    assert page.locator("#text .dt-m").count() == 0  # a layer is drawn only when asked for
    page.check("#layer-dates")
    assert _layer_texts(page, "dt-m") == mentions  # each mention exactly where it is, past the emoji
    title = page.locator("#text .dt-m").first.get_attribute("title") or ""
    assert f"date: {mentions[0]} → " in title  # its resolved date in the tooltip
    page.check("#layer-attribution")
    named = page.locator("#text .at-named")
    assert named.count() >= 1 and "council said" in " ".join(_layer_texts(page, "at-named"))
    assert page.locator("#text").text_content() == before  # the layers wrap the text, never change it
