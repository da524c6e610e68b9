"""model.py and closures.py: offices, the closures that reach them, and their status."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.closures import status_on, timeline
from generator.model import load_guide
from generator.problems import DataError

from conftest import MINI


@pytest.fixture(scope="module")
def guide():
    return load_guide(MINI)


def test_offices_are_linked_up_and_down(guide):
    gunung = guide.office("31.74.07.1002")
    assert gunung.title == "Kelurahan Gunung"
    assert gunung.office_name == "Kantor Kelurahan Gunung"
    assert [o.kode for o in gunung.ancestors] == ["31.74.07", "31.74", "31"]
    assert [o.nama for o in guide.kelurahan_in("31.74.07")] == ["Gunung", "Kramat Pela"]
    assert [o.nama for o in guide.kecamatan_in("31.74")] == ["Kebayoran Baru"]
    assert [o.nama for o in guide.kelurahan_in("31.74")] == ["Gunung", "Kramat Pela"]
    assert guide.office("31.74").children == guide.kecamatan_in("31.74")


def test_contacts_are_normalised(guide):
    whatsapp, office_phone = guide.office("31.74.07.1002").kontak
    assert whatsapp.whatsapp == "+6281234567890"
    assert whatsapp.diverifikasi == dt.date(2020, 3, 20)
    assert office_phone.telepon == ("+62217245537",)
    assert office_phone.sumber.tahun == 2015
    assert guide.office("31.74.07").kontak[0].telepon == ("+62217207341", "+62217207342")


def test_a_closure_reaches_every_office_below_its_region(guide):
    ids = {o.kode: [c.id for c in o.closures] for o in guide.offices}
    assert ids == {
        "31": ["provinsi"],
        "31.74": ["provinsi", "jaksel"],
        "31.74.07": ["provinsi", "jaksel"],
        "31.74.07.1002": ["provinsi", "jaksel", "gunung-ktp"],
        "31.74.07.1003": ["provinsi", "jaksel"],
    }


@pytest.mark.parametrize("day, closed", [
    (dt.date(2020, 3, 16), False),
    (dt.date(2020, 3, 17), True),  # first day, inclusive
    (dt.date(2020, 4, 2), True),  # last day, inclusive
    (dt.date(2020, 4, 3), False),
])
def test_is_closed_on(guide, day, closed):
    assert guide.office("31.74.07.1003").is_closed_on(day) is closed


def test_province_office_is_not_closed_by_a_kota_closure(guide):
    assert guide.dinas.is_closed_on(dt.date(2020, 4, 1)) is False
    assert guide.office("31.74").is_closed_on(dt.date(2020, 4, 1)) is True


def test_status_runs_to_the_end_of_overlapping_closures(guide):
    status = status_on(guide.office("31.74.07.1003"), dt.date(2020, 3, 25))
    assert status.code == "tutup"
    assert [c.id for c in status.closures] == ["provinsi", "jaksel"]
    assert (status.closed_from, status.closed_until) == (dt.date(2020, 3, 17), dt.date(2020, 4, 2))


def test_status_without_a_closure_is_nothing_recorded(guide):
    status = status_on(guide.office("31.74.07.1003"), dt.date(2020, 4, 20))
    assert (status.code, status.closures, status.closed_from, status.closed_until) == ("tidak-tercatat", (), None, None)


@pytest.mark.parametrize("day, code", [
    (dt.date(2020, 4, 3), "tidak-tercatat"),  # Jakarta Selatan's closure ended on 2 April; the report is of 6 April
    (dt.date(2020, 4, 6), "buka"),
    (dt.date(2020, 4, 17), "buka"),  # its last day, inclusive
    (dt.date(2020, 4, 18), "tidak-tercatat"),
])
def test_open_only_while_a_report_says_so(guide, day, code):
    status = status_on(guide.office("31.74.07.1003"), day)
    assert status.code == code
    assert [o.id for o in status.openings] == (["kramat-pela-buka"] if code == "buka" else [])
    assert status_on(guide.office("31.74.07.1002"), day).code == "tidak-tercatat"  # Gunung: no report


def test_an_opening_reaches_the_offices_of_its_region(guide):
    assert {o.kode: [p.id for p in o.openings] for o in guide.offices if o.openings} == {"31.74.07.1003": ["kramat-pela-buka"]}


def test_timeline_groups_by_build_date(guide):
    groups = timeline(guide.office("31.74.07.1002").closures, dt.date(2020, 4, 1))
    assert [c.id for c in groups.current] == ["jaksel"]
    assert [c.id for c in groups.upcoming] == ["gunung-ktp"]
    assert [c.id for c in groups.past] == ["provinsi"]


def test_closure_narrowed_to_services(guide):
    closure = next(c for c in guide.closures if c.id == "gunung-ktp")
    assert [s.id for s in closure.layanan] == ["ktp-el"]


def test_bad_data_raises_with_every_problem(tmp_path):
    (tmp_path / "services.yaml").write_text("kanal: []\nlayanan: []\n")
    (tmp_path / "offices.yaml").write_text("sumber: []\n")
    with pytest.raises(DataError) as raised:
        load_guide(tmp_path)
    assert len(raised.value.problems) == 9  # penutupan_diperiksa may be absent (a new region's skeleton)
    assert str(raised.value).splitlines()[-1] == "9 problems in 2 files; nothing was built."
