"""Search as residents use it: a real Chromium types into the header search box of the built site.

The full query set (tests/search_queries.yaml, 100+ queries) is measured by
bench/search_quality.py, whose numbers the README quotes; these tests keep a
sample of each kind of query, and the promises around the search box.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.metadata
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

import material
from generator import urls
from generator.model import load_guide
from generator.pages import render_pages

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


@pytest.mark.parametrize("path", ["/", "/kelurahan/gunung/"])
def test_the_worker_and_index_are_fetched_only_when_search_is_used(page, server, path):  # noqa: F811
    def search_files():
        return sorted(r.path.rsplit("/", 2)[-2] for r in page.requested
                      if r.path.endswith("/search/search_index.json") or "/assets/javascripts/workers/search." in r.path)

    page.goto(server + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert search_files() == []
    page.locator("header input.md-search__input").click()
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('search_index.json'))")
    page.wait_for_timeout(500)
    assert search_files() == ["search", "workers"]


# --- what the tuning relies on ------------------------------------------------------------

TUNING = REPO / "overrides" / "partials" / "search-tuning.html"
MATERIAL_DIR = Path(material.__file__).parent / "templates"


def declared_internals(theme: str) -> dict:
    """The table of the theme's internals in the search-tuning partial (`material` or `zensical`)."""
    found = re.search(rf"\{{%- set {theme} = (\{{.*?\}}) -%\}}", TUNING.read_text(encoding="utf-8"), re.S)
    return ast.literal_eval(found.group(1))


def bundled_source(pattern: str, source: str) -> str:
    """A TypeScript source of the installed Material, from the source map shipped beside its script."""
    (path,) = MATERIAL_DIR.glob(pattern)
    sources = json.loads(path.read_text(encoding="utf-8"))
    return dict(zip(sources["sources"], sources["sourcesContent"]))[f"src/templates/assets/javascripts/{source}"]


class TestMaterialInternals:
    """Fails when an upgrade of mkdocs-material moves what the search tuning leans on."""

    internals = declared_internals("material")

    def test_checked_against_the_installed_and_pinned_version(self):
        assert self.internals["version"] == importlib.metadata.version("mkdocs-material")
        assert f"mkdocs-material=={self.internals['version']}\n" in (REPO / "requirements.txt").read_text()

    def test_the_worker_is_started_with_new_worker_from_the_configured_path(self):
        (worker,) = MATERIAL_DIR.glob("assets/javascripts/workers/search.*.min.js")
        assert self.internals["worker"] in "/" + worker.relative_to(MATERIAL_DIR).as_posix()
        assert f'"search": "{worker.relative_to(MATERIAL_DIR).as_posix()}" | url' in (MATERIAL_DIR / "base.html").read_text()
        channel = bundled_source("assets/javascripts/bundle.*.min.js.map", "browser/worker/index.ts")
        assert "url: string, worker = new Worker(url)" in channel
        assert 'fromEvent<MessageEvent<T>, T>(worker, "message"' in channel
        assert "worker.postMessage(data)" in channel

    def test_a_query_is_message_type_2_with_the_query_as_data(self):
        types = bundled_source("assets/javascripts/bundle.*.min.js.map", "integrations/search/worker/message/index.ts")
        order = re.search(r"enum SearchMessageType \{(.*?)\}", types, re.S).group(1)
        assert re.findall(r"^\s*([A-Z]+),?", order, re.M).index("QUERY") == self.internals["query_message"]
        (worker,) = MATERIAL_DIR.glob("assets/javascripts/workers/search.*.min.js")
        n = self.internals["query_message"]
        assert re.search(rf"case {n}:let (\w+)=\w+\.data;try\{{return\{{type:3,data:\w+\.search\(\1\)", worker.read_text())

    def test_the_index_is_fetched_with_xmlhttprequest(self):
        assert self.internals["index"] == "/search/search_index.json"
        bundle = bundled_source("assets/javascripts/bundle.*.min.js.map", "bundle.ts")
        assert 'requestJSON<SearchIndex>(\n      new URL("search/search_index.json", config.base)' in bundle
        request = bundled_source("assets/javascripts/bundle.*.min.js.map", "browser/request/index.ts")
        assert "const req = new XMLHttpRequest()" in request
        assert 'req.open("GET", `${url}`)' in request

    def test_the_search_box_and_what_opens_it(self):
        assert self.internals["input"] == "form[name=search]"
        assert '<form class="md-search__form" name="search">' in (MATERIAL_DIR / "partials" / "search.html").read_text()
        assert self.internals["open"] == "label[for=__search]"
        assert 'for="__search"' in (MATERIAL_DIR / "partials" / "header.html").read_text()

    def test_result_list_and_the_link_of_each_page(self):
        assert self.internals["result_list"] == ".md-search-result__list"
        assert 'class="md-search-result__list"' in (MATERIAL_DIR / "partials" / "search.html").read_text()
        assert self.internals["result_link"] == ".md-search-result__item > .md-search-result__link:first-child"
        result = bundled_source("assets/javascripts/bundle.*.min.js.map", "templates/search/index.tsx")
        assert re.search(r'<li class="md-search-result__item">\s*\{children\}', result)
        assert "renderSearchDocument(article, Flag.PARENT" in result.split("const children = [")[1].split("\n")[1]
        assert re.search(r'<a href=\{`\$\{url\}`\} class="md-search-result__link"', result)


class TestZensicalInternals:
    """Fails when an upgrade of Zensical (requirements-dev.txt) moves what the lazy index leans on."""

    internals = declared_internals("zensical")

    @pytest.fixture(scope="class")
    def zensical(self) -> Path:
        import zensical

        return Path(zensical.__file__).parent / "templates"

    def test_checked_against_the_installed_and_pinned_version(self):
        assert self.internals["version"] == importlib.metadata.version("zensical")
        assert f"zensical=={self.internals['version']}\n" in (REPO / "requirements-dev.txt").read_text()

    def test_the_index_is_fetched_with_xmlhttprequest(self, zensical):
        (bundle,) = zensical.glob("assets/javascripts/bundle.*.min.js")
        script = bundle.read_text()
        assert self.internals["index"] == "/search.json"
        fetch = re.search(r'(\w+)\(new URL\("search\.json",\w+\.base\)\)', script).group(1)
        request = re.search(rf"function {fetch}\((\w),\w\)\{{return (\w+)\(\1,", script).group(2)
        assert re.search(rf'function {request}\(\w,\w\)\{{return new \w+\(\w=>\{{let (\w)=new XMLHttpRequest;'
                         rf'return \1\.open\("GET"', script)

    def test_the_search_button_and_the_dialog_with_its_input(self, zensical):
        assert self.internals["open"] == ".md-search__button, label[for=__search]"
        assert '<button type="button" class="md-search__button">' in (zensical / "partials" / "search.html").read_text()
        assert 'for="__search"' in (zensical / "partials" / "header.html").read_text()
        assert self.internals["input"] == "dialog input"
        (bundle,) = zensical.glob("assets/javascripts/bundle.*.min.js")
        script = bundle.read_text()
        assert 'attachShadow({mode:"open"})' in script
        assert re.search(r'\w+\("dialog",\{ref:\w+,class:\w+\.container,"aria-label":"Search"', script)
        assert re.search(r'\w+\("input",\{autoFocus:!0,"aria-label":"Search"', script)


def test_each_section_has_a_kind_and_the_pages_get_the_table_from_urls(closed_site):
    pages = render_pages(load_guide(REPO), dt.date(2020, 3, 25))
    folders = {path.split("/")[0] for path in pages if "/" in path}
    assert folders | {"desa"} == set(urls.SECTIONS)  # desa/: other provinces' (test_regions.py)
    script = re.search(r"const KINDS = (\{.*?\});", closed_site.html("kelurahan/gunung/")).group(1)
    assert json.loads(script) == urls.SECTIONS


@pytest.mark.parametrize("path", ["/", "/kelurahan/gunung/", "/layanan/ktp-el/", "/penutupan/", "/tentang/"])
def test_the_search_box_is_in_the_header_of_every_page(page, server, path):  # noqa: F811
    page.goto(server + path)
    assert page.locator("header form[name=search] input.md-search__input").count() == 1


@pytest.fixture(scope="module")
def zensical_server(mini_zensical_site):
    """The small data set built with Zensical, served on 127.0.0.1."""
    from conftest import serve

    address, httpd = serve(mini_zensical_site.root)
    yield address
    httpd.shutdown()


def test_zensical_fetches_its_index_when_search_opens_and_finds(page, zensical_server):  # noqa: F811
    page.goto(zensical_server + "/kelurahan/gunung/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [r for r in page.requested if r.path.endswith("/search.json") or "/workers/" in r.path]
    page.locator(".md-search__button").click()
    page.locator("dialog input").press_sequentially("kramat pela", delay=15)
    deadline = time.monotonic() + 10
    found = []
    while time.monotonic() < deadline and "/kelurahan/kramat-pela/" not in found:
        found = [urlparse(href).path for href in page.eval_on_selector_all(
            "ol[role=listbox] > li > a[role=option]", "links => links.map(a => a.href)")]
        page.wait_for_timeout(100)
    assert found[0] == "/kelurahan/kramat-pela/", found
    assert [r.path for r in page.requested if r.path.endswith("/search.json")] == ["/search.json"]
