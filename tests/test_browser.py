"""The built site in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest

from conftest import CHROMIUM_FLAGS, QuietHandler  # noqa: F401  (other modules import them from here)

# The sites under test are built for 25 March 2020; the live status (overrides/partials/live-status.html)
# would otherwise say the status of the machine's date.
BUILD_MOMENT = dt.datetime(2020, 3, 25, 9, tzinfo=ZoneInfo("Asia/Jakarta"))


def at_build_day(context) -> None:
    """The browser's clock starts on the build day and runs (timers and debounces work as usual)."""
    context.clock.install(time=BUILD_MOMENT)
    context.clock.resume()


@pytest.fixture(scope="module")
def server(closed_server):
    """closed_site on 127.0.0.1 (conftest.py serves it once per run)."""
    return closed_server


@pytest.fixture(scope="module")
def browser(chromium):
    """The run's one Chromium (conftest.py); each test opens and closes its own context."""
    return chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")  # a phone
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).hostname))
    yield page
    context.close()


def test_resident_finds_their_kelurahan_from_the_home_page(page, server):
    at_build_day(page.context)
    page.goto(server + "/")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "tutup"
    page.get_by_role("link", name="Jakarta Selatan", exact=True).first.click()
    page.get_by_role("link", name="Kecamatan Kebayoran Baru").click()
    page.get_by_role("link", name="Kelurahan Gunung").click()
    assert page.url == server + "/kelurahan/gunung/"
    assert page.locator("h1").inner_text() == "Kelurahan Gunung"
    assert page.locator("[data-status]").get_attribute("data-status") == "tutup"
    assert "Kamis, 2 April 2020" in page.locator(".status").inner_text()
    assert page.get_by_role("link", name="(021) 7245537").get_attribute("href") == "tel:+62217245537"
    assert page.requested_hosts == {"127.0.0.1"}


def test_service_page_shows_a_checklist(page, server):
    page.goto(server + "/layanan/ktp-el/")
    assert page.locator("h1").inner_text() == "KTP Elektronik (KTP-el)"
    assert page.locator(".task-list-item").count() >= 2
    assert page.requested_hosts == {"127.0.0.1"}


def test_printing_a_page_shows_only_the_content(page, server):
    page.goto(server + "/kelurahan/gunung/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".cetak"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    after = page.evaluate(
        """() => getComputedStyle(document.querySelector('a[href^="https://alpukat"]'), '::after').content"""
    )
    assert after == '" (https://alpukat-dukcapil.jakarta.go.id)"'
    assert page.evaluate("() => getComputedStyle(document.querySelector('.kontak')).breakInside") == "avoid"


def test_notice_page_prints_on_one_a4_sheet(page, server, tmp_path):
    page.goto(server + "/pengumuman/kelurahan/gunung.html")
    assert page.locator("[data-status]").get_attribute("data-status") == "tutup"
    pdf = tmp_path / "notice.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert "(A4)" in info
