"""Search as residents use it: a real Chromium types into the header search box of the built site.

The full query set (tests/search_queries.yaml, 100+ queries) is measured by
bench/search_quality.py, whose numbers the README quotes; these tests keep a
sample of each kind of query, and the promises around the search box.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
import yaml

from conftest import REPO
from test_browser import browser, server  # noqa: F401  (shared fixtures)

QUERIES = yaml.safe_load((REPO / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
SAMPLE = [
    ("akte lahir", "layanan/akta-kelahiran/"),     # informal spelling
    ("kk", "layanan/kartu-keluarga/"),             # acronym
    ("kepindahan", "layanan/pindah/"),             # affixed form
    ("jatinegra", "kecamatan/jatinegara/"),        # typo
    ("rawa bunga", "kelurahan/rawa-bunga/"),       # a kelurahan name
    ("kramat jati", "kecamatan/kramatjati/"),      # a spelling variant from offices.yaml alias
    ("cara bikin akta kelahiran anak", "layanan/akta-kelahiran/"),  # a sentence
    ("alpukat", ""),                               # the online channels on the home page
]


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(urlparse(request.url)))
    yield page
    context.close()


def result_pages(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    pages = []
    for href in hrefs:
        path = urlparse(href).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


def wait_for_results(page, expected: str, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pages = result_pages(page)
        if expected in pages[:3]:
            break
        page.wait_for_timeout(100)
    return pages


def test_the_query_set_is_large_and_points_at_real_pages(closed_site):
    assert len(QUERIES) >= 40
    for query in QUERIES:
        for expected in [query["page"]] if isinstance(query["page"], str) else query["page"]:
            assert (closed_site.root / expected / "index.html").exists(), query


@pytest.mark.parametrize("query, expected", SAMPLE)
def test_typed_query_finds_the_page_in_the_top_three(page, server, query, expected):  # noqa: F811
    page.goto(server + "/kelurahan/gunung/")
    box = page.locator("header input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    pages = wait_for_results(page, expected)
    assert expected in pages[:3], f"{query!r}: {pages[:5]}"


def test_each_result_says_what_it_is(page, server):  # noqa: F811
    page.goto(server + "/")
    box = page.locator("header input.md-search__input")
    box.click()
    box.press_sequentially("jatinegara", delay=15)
    wait_for_results(page, "kecamatan/jatinegara/")
    shown = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        """links => links.map(a => [new URL(a.href).pathname, (a.querySelector('.jenis') || {}).textContent,
                                   (a.querySelector('h1') || {}).textContent])""")
    assert len(shown) >= 3
    kinds = {"layanan": "Layanan", "kelurahan": "Kelurahan", "kecamatan": "Kecamatan", "kota": "Kota/Kabupaten"}
    for path, kind, title in shown:
        assert title, path
        assert kind == kinds.get(path.split("/")[1], kind), (path, kind)
    assert ["/kecamatan/jatinegara/", "Kecamatan", "Kecamatan Jatinegara"] in shown


def test_a_q_address_opens_the_results(page, server):  # noqa: F811
    page.goto(server + "/layanan/?q=akte+lahir")
    pages = wait_for_results(page, "layanan/akta-kelahiran/")
    assert "layanan/akta-kelahiran/" in pages[:3]
    assert page.locator("header input.md-search__input").input_value() == "akte lahir"


def test_the_index_is_fetched_only_when_search_is_used(page, server):  # noqa: F811
    page.goto(server + "/kelurahan/gunung/", wait_until="networkidle")
    assert not [r for r in page.requested if r.path.endswith("/search/search_index.json")]
    page.locator("header input.md-search__input").click()
    page.wait_for_timeout(1000)
    assert [r for r in page.requested if r.path.endswith("/search/search_index.json")]


@pytest.mark.parametrize("path", ["/", "/kelurahan/gunung/", "/layanan/ktp-el/", "/penutupan/", "/tentang/"])
def test_the_search_box_is_in_the_header_of_every_page(page, server, path):  # noqa: F811
    page.goto(server + path)
    assert page.locator("header form[name=search] input.md-search__input").count() == 1
