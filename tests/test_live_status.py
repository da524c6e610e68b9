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

from conftest import MINI, REPO
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


def every_status(page) -> dict:
    """Every status on the page: the block, each office of its list, each closures section, the day in the footer."""
    texts = lambda selector: [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]  # noqa: E731
    return {"block": status_of(page), "list": texts("[data-daftar]"), "sections": texts("[data-fase]"),
            "day": texts("[data-status-day]")}


class TestRealSiteBuiltOn25March:
    """tests/conftest.py's closed_site: the real data built with --date 2020-03-25."""

    @pytest.mark.parametrize("day, expected", [
        (dt.date(2020, 4, 1), "tutup"),  # Jakarta Selatan still closed (23 March - 2 April)
        (dt.date(2020, 4, 5), "tidak-tercatat"),
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
        assert status_of(page)[0] == "tidak-tercatat"
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
        assert code == "tidak-tercatat"
        assert ("Akan tutup mulai Selasa, 17 Maret 2020 sampai dengan Selasa, 31 Maret 2020: "
                "Layanan tatap muka Pemprov DKI Jakarta ditutup; dasar: Surat Edaran Gubernur DKI Jakarta No. 02/SE/2020") in text

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
    days = [dt.date(2020, 3, 25), dt.date(2020, 4, 1), dt.date(2020, 4, 10), dt.date(2020, 4, 20), dt.date(2020, 5, 4)]
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


@pytest.mark.parametrize("day", [dt.date(2020, 4, 1), dt.date(2020, 4, 10), dt.date(2020, 4, 20), dt.date(2020, 5, 4)])
@pytest.mark.parametrize("page_path", ["kelurahan/gunung/", "kecamatan/kebayoran-baru/", "kota/jakarta-selatan/", "dinas/",
                                       "", "penutupan/"])
def test_the_script_says_what_a_build_on_that_day_says(browser, mini_sites, mini_server, day, page_path):
    """One source of wording: the script on a page built on 25 March says, for `day`, what the build of `day` says."""
    base = f"http://127.0.0.1:{mini_server.server_address[1]}"
    root = mini_sites[dt.date(2020, 3, 25)]
    built = mini_sites[day]
    relative = lambda site: f"{site.parent.name}/{site.name}/{page_path}"  # noqa: E731
    context, page = open_at(browser, f"{base}/{relative(root)}", at(day))
    live = every_status(page)
    context.close()
    context, page = open_at(browser, f"{base}/{relative(built)}", None, javascript=False)
    expected = every_status(page)
    context.close()
    assert live == expected


# --- the real data, built on another day, read on the days of the closures (issue 16) ---------------

REAL_DAYS = [dt.date(2020, 3, 25), dt.date(2020, 4, 3), dt.date(2020, 4, 10)]
BUILT_ON = dt.date(2026, 12, 4)  # "today" when this was written: any day after the closures


@pytest.fixture(scope="module")
def real_sites(tmp_path_factory, closed_site, open_site):
    """The real data built on BUILT_ON and on each day read (25 March and 10 April are conftest's)."""
    root = tmp_path_factory.mktemp("real")
    sites = {dt.date(2020, 3, 25): closed_site.root, dt.date(2020, 4, 10): open_site.root}
    for day in [dt.date(2020, 4, 3), BUILT_ON]:
        build_site(REPO, day, root / day.isoformat(), pdf=False)
        sites[day] = root / day.isoformat()
    return sites


@pytest.fixture(scope="module")
def real_server(real_sites):
    """Serves / so that every site is reached by its absolute folder."""
    handler = functools.partial(QuietHandler, directory="/")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("day", REAL_DAYS)
@pytest.mark.parametrize("page_path", ["kecamatan/pasar-rebo/", "kota/jakarta-selatan/", "dinas/"])
def test_every_status_on_the_page_says_what_a_build_of_that_day_says(browser, real_sites, real_server, day, page_path):
    context, page = open_at(browser, f"{real_server}{real_sites[BUILT_ON]}/{page_path}", at(day))
    live = every_status(page)
    context.close()
    context, page = open_at(browser, f"{real_server}{real_sites[day]}/{page_path}", None, javascript=False)
    expected = every_status(page)
    context.close()
    assert live == expected
    assert live["list"] and len(live["sections"]) == 3


def test_pasar_rebo_on_25_march_says_tutup_everywhere(browser, real_sites, real_server):
    """The page built today, read on 25 March 2020: the headline, the list and the sections agree."""
    context, page = open_at(browser, f"{real_server}{real_sites[BUILT_ON]}/kecamatan/pasar-rebo/", at(dt.date(2020, 3, 25)))
    said = every_status(page)
    context.close()
    assert said["block"][0] == "tutup"
    assert all(item.startswith("loket tatap muka tutup sampai dengan Selasa, 31 Maret 2020; dasar: Surat Edaran")
               for item in said["list"])
    assert said["sections"][0].startswith("Layanan tatap muka Pemprov DKI Jakarta ditutup")
    assert "Tidak ada penutupan yang berlaku" not in said["sections"][0]


def test_without_javascript_the_build_day_words_stay_with_their_day(browser, real_sites, real_server):
    context, page = open_at(browser, f"{real_server}{real_sites[BUILT_ON]}/kecamatan/pasar-rebo/", None, javascript=False)
    said = every_status(page)
    context.close()
    assert said["block"][1].startswith("Status per Jumat, 4 Desember 2026")
    assert set(said["list"]) == {"tidak ada penutupan loket yang tercatat"}
    assert said["day"] == ["Jumat, 4 Desember 2026"]
