"""Slow data and no data (issue 18): the service worker, the saved copies and their label, the app
manifest, what a first visit costs, and the stylesheets the build makes for the first paint.

In Debian's Chromium (Playwright), the real data built as of 25 March 2020 (and, for a new build,
as of 10 April 2020), served from 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import material
from generator import delivery, urls

from conftest import REPO
from test_browser import browser  # noqa: F401  (shared fixture)

sys.path.insert(0, str(REPO / "bench"))
import page_weight  # noqa: E402
import slow_network  # noqa: E402

BUILD_DAY = "Rabu, 25 Maret 2020"


class SwitchableHandler(http.server.SimpleHTTPRequestHandler):
    """Serves whichever built site `root[0]` is: a new build published at the same address."""

    root: list[Path] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root[0]), **kwargs)

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")  # a new build is seen on the next navigation
        super().end_headers()


@pytest.fixture
def host(closed_site):
    handler = type("Handler", (SwitchableHandler,), {"root": [closed_site.root]})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.root
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def visit(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.requested = []
    context.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


SAVED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((request) => request.url);
  }
  return out;
}"""


def saved(page) -> dict[str, list[str]]:
    return page.evaluate(SAVED)


def wait_saved(page, url: str, timeout: float = 20) -> dict[str, list[str]]:
    """Until the service worker has saved `url` (the page sends it its files once it has loaded)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=timeout * 1000)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        caches = saved(page)
        if any(url in urls for urls in caches.values()):
            return caches
        page.wait_for_timeout(200)
    raise AssertionError(f"{url} was not saved: {caches}")


def build_id(site: Path) -> str:
    return re.search(r'"build": "([0-9a-f]{12})"', (site / urls.SERVICE_WORKER).read_text()).group(1)


def test_a_visited_page_opens_offline_as_a_saved_copy_with_its_day(visit, host):
    base, _ = host
    visit.goto(base + "/kelurahan/gunung/")
    assert visit.locator("[data-salinan]").is_hidden()  # online: no label
    wait_saved(visit, base + "/kelurahan/gunung/")
    visit.goto(base + "/layanan/ktp-el/")
    wait_saved(visit, base + "/layanan/ktp-el/")

    visit.context.set_offline(True)
    visit.reload()
    label = visit.locator("[data-salinan]")
    assert label.is_visible()
    assert label.inner_text() == (
        "Salinan tersimpan. Perangkat ini sedang tidak tersambung ke internet. Ini salinan panduan yang tersimpan "
        f"saat Anda membukanya, menurut panduan yang dibuat pada {BUILD_DAY}.")
    assert visit.locator("h1").inner_text() == "KTP Elektronik (KTP-el)"

    visit.goto(base + "/kelurahan/gunung/")
    assert visit.locator("[data-salinan]").is_visible()
    assert visit.locator("h1").inner_text() == "Kelurahan Gunung"
    status_note = visit.locator("[data-status-scope] + .salinan__status")
    assert status_note.inner_text() == (
        f"Status di atas berdasarkan penutupan loket yang diketahui pada {BUILD_DAY}, saat panduan ini dibuat; "
        "penutupan yang diumumkan sesudahnya tidak termasuk.")
    # styled from the saved stylesheets: the header has the theme's colour, the drawer is off screen
    assert visit.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(64, 81, 181)"
    drawer = visit.locator(".md-sidebar--primary").bounding_box()
    assert drawer["x"] + drawer["width"] <= 0


def test_only_what_the_resident_opened_is_saved(visit, host, closed_site):
    base, _ = host
    for path in ("/kelurahan/gunung/", "/"):
        visit.goto(base + path)
        wait_saved(visit, base + path)
    visit.wait_for_timeout(1000)
    caches = saved(visit)
    assert list(caches) == [f"panduan-{build_id(closed_site.root)}"]
    entries = set(next(iter(caches.values())))
    assert {base + "/kelurahan/gunung/", base + "/"} <= entries
    requested = {url.split("?")[0].split("#")[0] for url in visit.requested}
    assert entries <= requested  # nothing the pages did not load
    pages = {url for url in entries if url.endswith("/")}
    assert pages == {base + "/kelurahan/gunung/", base + "/"}
    assert not any("search_index" in url for url in entries)  # no search was made

    visit.context.set_offline(True)
    response = visit.goto(base + "/kelurahan/rawa-bunga/")  # never opened
    assert response.status == 503
    assert visit.locator("h1").inner_text() == "Halaman ini belum tersimpan"
    assert f"salinan panduan per {BUILD_DAY}" in visit.locator("body").inner_text()


def test_a_new_build_replaces_the_saved_copies(visit, host, closed_site, open_site):
    base, root = host
    old, new = build_id(closed_site.root), build_id(open_site.root)
    assert old != new
    visit.goto(base + "/kelurahan/gunung/")
    assert list(wait_saved(visit, base + "/kelurahan/gunung/")) == [f"panduan-{old}"]

    root[0] = open_site.root  # the next build is published
    visit.goto(base + "/layanan/ktp-el/")  # the browser checks the service worker on every navigation
    end = time.monotonic() + 20
    while time.monotonic() < end and f"panduan-{old}" in saved(visit):
        visit.wait_for_timeout(200)
    assert f"panduan-{old}" not in saved(visit)  # the old copies are gone
    visit.goto(base + "/kelurahan/gunung/")
    assert list(wait_saved(visit, base + "/kelurahan/gunung/")) == [f"panduan-{new}"]
    visit.context.set_offline(True)
    visit.reload()
    assert "menurut panduan yang dibuat pada Jumat, 10 April 2020." in visit.locator("[data-salinan]").inner_text()


def test_the_guide_installs_as_an_app_without_a_prompt(visit, host, closed_site):
    base, _ = host
    manifest = json.loads((closed_site.root / urls.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "Panduan Layanan Kependudukan DKI Jakarta"
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    from PIL import Image
    for icon in manifest["icons"]:
        with Image.open(closed_site.root / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
    visit.goto(base + "/")
    cdp = visit.context.new_cdp_session(visit)
    got = cdp.send("Page.getAppManifest")
    assert got["url"] == base + "/" + urls.MANIFEST and not got["errors"]
    # no install prompt of the page's own, and Chrome's mini-infobar is held back
    assert visit.evaluate("""() => { const e = new Event("beforeinstallprompt", {cancelable: true});
                                      dispatchEvent(e); return e.defaultPrevented; }""")


def test_the_first_visit_stays_within_its_budget_and_on_this_host(closed_site, tmp_path):
    """Bytes only (the timings of bench/slow_network.py are the README's, on a quiet machine)."""
    out = tmp_path / "weights.json"
    subprocess.run([sys.executable, str(REPO / "bench" / "page_weight.py"), "--site", str(closed_site.root),
                    "--json", str(out)], check=True, capture_output=True, timeout=300)  # its own Playwright
    weights = json.loads(out.read_text())
    assert set(weights) == set(page_weight.PAGES)
    for name, weight in weights.items():
        assert weight["gzip_bytes"] <= 70 * 1024, (name, weight["files"])
        assert weight["other_hosts"] == []
        assert "/" + urls.SERVICE_WORKER in weight["files"]  # registered, and what it saved came from the cache
        assert not any(path.startswith("/assets/javascripts/workers/") for path in weight["files"])
        # what the first paint waits for: the page, its phone stylesheet and extra.css, no script file
        blocking = {path: size for path, size in weight["files"].items()
                    if path.endswith("/") or path in ("/" + urls.STYLESHEET, "/stylesheets/extra.css")}
        assert sum(blocking.values()) <= 22 * 1024, blocking


def test_the_next_page_of_a_visit_costs_at_most_10_kb(browser, closed_site):  # noqa: F811
    """One visit of the bench (Slow 3G, CPU x4, the service worker throttled too): the second page
    comes through the service worker and transfers at most 10 KB (its HTML), nothing from another host."""
    server, recorder = slow_network.serve(closed_site.root, cache_control=slow_network.CACHE_CONTROL)
    base = slow_network.base_url(server)
    try:
        cdp = browser.new_browser_cdp_session()
        visit = slow_network.one_visit(browser, cdp, base, recorder, "kelurahan/gunung/", "kecamatan/kebayoran-baru/",
                                       set())
    finally:
        server.shutdown()
        server.server_close()
    assert visit["workers_throttled"] == 1
    assert visit["next"]["controlled"]
    assert list(visit["next"]["files"]) == ["/kecamatan/kebayoran-baru/"]
    assert visit["next"]["bytes"] <= 10 * 1024
    assert visit["first"]["fcp_ms"] and visit["next"]["fcp_ms"]
    assert visit["other_hosts"] == []


def test_material_still_waits_for_domcontentloaded():
    """partials/scripts-later.html runs Material's bundle after the page has loaded and hands it the
    DOMContentLoaded it listens for: checked against the installed bundle."""
    bundles = list((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    assert re.search(r'\(document,"DOMContentLoaded",\{once:!0\}\)', bundles[0].read_text(encoding="utf-8"))


def test_the_built_stylesheets_keep_what_pages_and_bundle_use():
    sheets = [
        ":root{--md-a:red;--md-unused:blue}"
        ".used{color:var(--md-a)}.absent{color:green}.md-search-result{margin:0}"
        "@media screen and (min-width:76.25em){.used{padding:0}.absent{padding:1px}}"
        "@media screen and (max-width:44.984375em){.used{margin:1px}}"
        "@media print{.used{display:none}}"
        "[data-md-color-primary=indigo]{--md-a:blue}[data-md-color-primary=red]{--md-a:red}"
        ".used:not(.absent),.absent .used{top:0}table{width:1px}kbd{width:2px}"
    ]
    page = '<body data-md-color-primary="indigo"><div class="used"><table></table></div></body>'
    bundle = 'h("div",{class:"md-search-result"});'
    made = delivery.purged_stylesheets(sheets, [page], bundle)
    assert made[urls.STYLESHEET] == (
        ":root{--md-a:red;}.used{color:var(--md-a)}"
        "@media screen and (max-width:44.984375em){.used{margin:1px}}"
        "[data-md-color-primary=indigo]{--md-a:blue}.used:not(.absent){top:0}table{width:1px}")
    assert made[urls.STYLESHEET_WIDE] == "@media screen and (min-width:76.25em){.used{padding:0}}@media print{.used{display:none}}"
    assert made[urls.STYLESHEET_LATER] == ".md-search-result{margin:0}"


def test_the_site_links_the_stylesheets_it_was_built_with(closed_site):
    html = closed_site.html("kelurahan/gunung/")
    assert "main." not in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)[0]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"[^>]*>', html) == [
        "../../" + urls.STYLESHEET, "../../" + urls.STYLESHEET_WIDE, "../../stylesheets/extra.css"]
    assert f'media="{urls.STYLESHEET_WIDE_MEDIA}"' in html
    for name in (urls.STYLESHEET, urls.STYLESHEET_WIDE, urls.STYLESHEET_LATER):
        assert (closed_site.root / name).stat().st_size > 1000
    head = html.split("</head>")[0]
    assert head.rindex("<script") < head.index(urls.STYLESHEET)  # no inline script waits for them
    assert '<script type="text/plain" data-sesudah-muat src="../../assets/javascripts/bundle.' in html


def test_the_search_index_keeps_its_words_without_markup():
    index = {"config": {"lang": ["id"]}, "docs": [
        {"location": "kelurahan/gunung/", "title": "Kelurahan Gunung", "text": "", "tags": ["Gunung"]},
        {"location": "kelurahan/gunung/#kelurahan-gunung", "title": "Kelurahan Gunung", "text": "", "tags": ["Gunung"]},
        {"location": "kelurahan/gunung/#kontak", "title": "Kontak", "tags": ["Gunung"],
         "text": "<p>Telepon kantor</p> <ul> <li>WhatsApp: belum tersedia</li><li>A &amp; B &lt;x&gt;</li> </ul>"},
        {"location": "layanan/#kelurahan-gunung", "title": "Kelurahan Gunung", "text": ""},
    ]}
    assert delivery.compact_search_index(index) == {"config": {"lang": ["id"]}, "docs": [
        {"location": "kelurahan/gunung/", "title": "Kelurahan Gunung", "text": "", "tags": ["Gunung"]},
        {"location": "kelurahan/gunung/#kontak", "title": "Kontak", "tags": ["Gunung"],
         "text": "Telepon kantor WhatsApp: belum tersedia A &amp; B &lt;x&gt;"},
        {"location": "layanan/#kelurahan-gunung", "title": "Kelurahan Gunung", "text": ""},
    ]}


def test_the_built_search_index_has_no_markup(closed_site):
    index = json.loads((closed_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not any("<" in doc["text"] for doc in index["docs"])
    assert "kelurahan/gunung/#kelurahan-gunung" not in {doc["location"] for doc in index["docs"]}
