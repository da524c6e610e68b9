"""closures_calendar.py: the closures as all-day iCalendar events, for the province and per kota."""

from __future__ import annotations

import datetime as dt

import icalendar

from generator import closures_calendar, urls
from generator.model import load_guide

from conftest import MINI, REPO

SITE = "https://panduan.contoh/"
UPDATED = dt.date(2026, 11, 25)


def events(ics: bytes) -> dict[str, tuple[dt.date, dt.date]]:
    """{summary: (DTSTART, DTEND)} of a parsed calendar."""
    calendar = icalendar.Calendar.from_ical(ics)
    found = {}
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date, "all-day events carry dates, not times"
        found[str(event["summary"])] = (start, end)
    return found


PROVINCE = "Dukcapil: Layanan tatap muka Pemprov DKI Jakarta ditutup"
JAKSEL = "Dukcapil: Semua loket Dukcapil Jakarta Selatan ditutup"


class TestBuiltSite:
    def test_the_province_calendar_holds_both_march_2020_closures_with_exclusive_ends(self, closed_site):
        ics = (closed_site.root / urls.CALENDAR).read_bytes()
        assert events(ics) == {
            PROVINCE: (dt.date(2020, 3, 17), dt.date(2020, 4, 1)),  # 17-31 March inclusive
            JAKSEL: (dt.date(2020, 3, 23), dt.date(2020, 4, 3)),  # 23 March - 2 April inclusive
        }
        assert b"DTSTART;VALUE=DATE:20200317\r\nDTEND;VALUE=DATE:20200401\r\n" in ics
        assert b"DTSTART;VALUE=DATE:20200323\r\nDTEND;VALUE=DATE:20200403\r\n" in ics

    def test_a_kota_calendar_holds_the_closures_that_reach_its_offices(self, closed_site):
        selatan = (closed_site.root / urls.kota_calendar("Jakarta Selatan")).read_bytes()
        utara = (closed_site.root / urls.kota_calendar("Jakarta Utara")).read_bytes()
        assert set(events(selatan)) == {PROVINCE, JAKSEL}
        assert set(events(utara)) == {PROVINCE}

    def test_one_calendar_per_kota(self, closed_site):
        names = sorted(p.name for p in (closed_site.root / "data" / "closures").iterdir())
        assert names == ["jakarta-barat.ics", "jakarta-pusat.ics", "jakarta-selatan.ics", "jakarta-timur.ics",
                         "jakarta-utara.ics", "kepulauan-seribu.ics"]

    def test_the_closures_page_links_the_calendar(self, closed_site):
        html = closed_site.html("penutupan/")
        assert '<a href="../data/closures.ics">kalender seluruh DKI Jakarta (.ics)</a>' in html
        assert '<a href="../data-terbuka/#kalender-penutupan">kalender per kota</a>' in html


class TestEvents:
    def test_an_event_says_what_where_on_whose_decision_and_what_to_do(self):
        calendar = icalendar.Calendar.from_ical(closures_calendar.render(load_guide(REPO), UPDATED, SITE)[urls.CALENDAR])
        event = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == JAKSEL)
        assert str(event["description"]).splitlines() == [
            "Semua loket Dukcapil Jakarta Selatan ditutup",
            "Berlaku untuk: semua kantor Dukcapil di Kota Administrasi Jakarta Selatan.",
            "Tanggal: 23 Maret 2020 sampai dengan 2 April 2020.",
            "Layanan yang ditutup: semua layanan tatap muka.",
            "Dasar: Pernyataan Kasudin Dukcapil Jakarta Selatan Abdul Haris kepada ANTARA, 22 Maret 2020 "
            "(pernyataan lisan yang diberitakan, bukan surat bernomor).",
            "Selama tutup: Menurut Kasudin Abdul Haris, warga diarahkan ke aplikasi Alpukat Betawi atau pesan WhatsApp "
            "kepada petugas di tingkat Suku Dinas, kecamatan dan kelurahan (nomor WhatsApp petugas belum tersedia di "
            "panduan ini).",
        ]
        assert str(event["location"]) == "Kota Administrasi Jakarta Selatan"
        assert str(event["url"]) == "https://panduan.contoh/penutupan/"
        assert str(event["transp"]) == "TRANSPARENT"

    def test_a_closure_of_one_office_and_one_service(self):
        files = closures_calendar.render(load_guide(MINI), UPDATED, SITE)
        calendar = icalendar.Calendar.from_ical(files[urls.kota_calendar("Jakarta Selatan")])
        event = next(e for e in calendar.walk("VEVENT") if "Gunung" in str(e["summary"]))
        lines = str(event["description"]).splitlines()
        assert lines[1:5] == ["Berlaku untuk: Kantor Kelurahan Gunung.", "Tanggal: 4 Mei 2020 sampai dengan 5 Mei 2020.",
                              "Layanan yang ditutup: KTP Elektronik (KTP-el).", "Dasar: belum dipastikan."]
        assert (event.decoded("dtstart"), event.decoded("dtend")) == (dt.date(2020, 5, 4), dt.date(2020, 5, 6))

    def test_text_from_the_data_is_escaped(self, data):
        data.replace("offices.yaml", "judul: Loket Jakarta Selatan ditutup", 'judul: "Tutup; lagi, ya\\\\ <b>x</b>"')
        ics = closures_calendar.render(load_guide(data.folder), UPDATED, SITE)[urls.CALENDAR]
        assert b"SUMMARY:Dukcapil: Tutup\\; lagi\\, ya\\\\ <b>x</b>\r\n" in ics
        assert "Dukcapil: Tutup; lagi, ya\\ <b>x</b>" in events(ics)


class TestStableOutput:
    def test_the_same_data_gives_the_same_bytes(self):
        first = closures_calendar.render(load_guide(REPO), UPDATED, SITE)
        assert closures_calendar.render(load_guide(REPO), UPDATED, SITE) == first
        assert b"DTSTAMP:20261125T000000Z\r\n" in first[urls.CALENDAR]

    def test_uids_come_from_the_closure_and_the_calendar(self):
        files = closures_calendar.render(load_guide(REPO), UPDATED, SITE)
        uids = {path: [str(e["uid"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")] for path, ics in files.items()}
        province, selatan = uids[urls.CALENDAR], uids[urls.kota_calendar("Jakarta Selatan")]
        assert province[0] == "24c75ce0-fd51-56da-8629-5c6522d1c7aa"  # pinned: subscribers' apps key on it
        assert len(set(province + selatan)) == 4
