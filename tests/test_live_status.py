"""The live status (overrides/partials/live-status.html) in Chromium with a fixed clock (issue 11).

A page built on one day and read on another says the status of the reader's
day, in Asia/Jakarta, with the words the build would have used on that day;
without JavaScript the build-day status stands, labelled with its day.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from zoneinfo import ZoneInfo

import pytest

from conftest import MINI
from generator.build import build_site
from test_browser import QuietHandler, browser, server  # noqa: F401 (fixtures)

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def open_at(browser, url: str, moment: dt.datetime | None, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript, locale="id-ID")
    page = context.new_page()
    if moment is not None:
        page.clock.set_fixed_time(moment)
    page.goto(url)
    return context, page


def status_of(page) -> tuple[str, str]:
    block = page.locator("[data-status-scope]").first
    return block.get_attribute("data-status"), " ".join(block.inner_text().split())


class TestRealSiteBuiltOn25March:
    """tests/conftest.py's closed_site: the real data built with --date 2020-03-25."""

    @pytest.mark.parametrize("day, expected", [
        (dt.date(2020, 4, 1), "tutup"),  # Jakarta Selatan still closed (23 March - 2 April)
        (dt.date(2020, 4, 5), "buka"),
    ])
    def test_a_jakarta_selatan_kelurahan_on_the_readers_day(self, browser, server, day, expected):
        context, page = open_at(browser, server + "/kelurahan/gunung/", at(day))
        code, text = status_of(page)
        context.close()
        assert code == expected
        if expected == "tutup":
            assert "Loket tatap muka TUTUP pada Rabu, 1 April 2020, sampai dengan Kamis, 2 April 2020." in text
        else:
            assert ("Tidak ada penutupan loket yang tercatat untuk Kantor Kelurahan Gunung pada Minggu, 5 April 2020. "
                    "Daftar penutupan terakhir diperiksa 26 November 2026.") in text
        assert f"Status per {'Rabu, 1 April 2020' if expected == 'tutup' else 'Minggu, 5 April 2020'}" in text

    def test_the_day_is_jakartas_not_the_readers_time_zone(self, browser, server):
        # 2 April 2020 at 18:00 UTC is already 3 April in Jakarta: the Jakarta Selatan closure is over.
        context, page = open_at(browser, server + "/kelurahan/gunung/", dt.datetime(2020, 4, 2, 18, tzinfo=dt.UTC))
        assert status_of(page)[0] == "buka"
        context.close()

    def test_without_javascript_the_build_day_status_stands_with_its_day(self, browser, server):
        context, page = open_at(browser, server + "/kelurahan/gunung/", None, javascript=False)
        code, text = status_of(page)
        context.close()
        assert code == "tutup"
        assert text.startswith("Status per Rabu, 25 Maret 2020 Loket tatap muka TUTUP pada Rabu, 25 Maret 2020")

    def test_a_closure_within_14_days_is_announced(self, browser, server):
        context, page = open_at(browser, server + "/kelurahan/gunung/", at(dt.date(2020, 3, 10)))
        code, text = status_of(page)
        context.close()
        assert code == "buka"
        assert ("Akan tutup mulai Selasa, 17 Maret 2020 sampai dengan Selasa, 31 Maret 2020: "
                "Layanan tatap muka Pemprov DKI Jakarta ditutup.") in text

    @pytest.mark.parametrize("path", ["/", "/penutupan/"])
    def test_home_and_closures_page(self, browser, server, path):
        context, page = open_at(browser, server + path, at(dt.date(2020, 4, 1)))
        code, text = status_of(page)
        banner = page.locator("[data-status-day]").first.inner_text()
        context.close()
        assert code == "tutup"
        assert ("Pada Rabu, 1 April 2020, loket tatap muka Dukcapil tutup di Kota Administrasi Jakarta Selatan "
                "sampai dengan Kamis, 2 April 2020.") in text
        assert banner == "Rabu, 1 April 2020"


@pytest.fixture(scope="module")
def mini_sites(tmp_path_factory):
    """The small data set built on 25 March 2020 and on the days the script is checked against."""
    days = [dt.date(2020, 3, 25), dt.date(2020, 4, 1), dt.date(2020, 4, 20), dt.date(2020, 5, 4)]
    sites = {}
    for day in days:
        out = tmp_path_factory.mktemp("mini") / day.isoformat()
        build_site(MINI, day, out, pdf=False)
        sites[day] = out
    return sites


@pytest.fixture(scope="module")
def mini_server(mini_sites):
    handler = functools.partial(QuietHandler, directory=str(next(iter(mini_sites.values())).parent.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()


@pytest.mark.parametrize("day", [dt.date(2020, 4, 1), dt.date(2020, 4, 20), dt.date(2020, 5, 4)])
@pytest.mark.parametrize("page_path", ["kelurahan/gunung/", "", "penutupan/"])
def test_the_script_says_what_a_build_on_that_day_says(browser, mini_sites, mini_server, day, page_path):
    """One source of wording: the script on a page built on 25 March says, for `day`, what the build of `day` says."""
    base = f"http://127.0.0.1:{mini_server.server_address[1]}"
    root = mini_sites[dt.date(2020, 3, 25)]
    built = mini_sites[day]
    relative = lambda site: f"{site.parent.name}/{site.name}/{page_path}"  # noqa: E731
    context, page = open_at(browser, f"{base}/{relative(root)}", at(day))
    live = status_of(page)
    context.close()
    context, page = open_at(browser, f"{base}/{relative(built)}", None, javascript=False)
    expected = status_of(page)
    context.close()
    assert live == expected
