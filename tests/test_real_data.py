"""The real services.yaml and offices.yaml: valid, complete, and true to their sources."""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from generator import phones
from generator.model import load_guide

from conftest import REPO

SOURCES = REPO / "data" / "sumber"


def rows(name: str) -> list[dict[str, str]]:
    with open(SOURCES / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def guide():
    return load_guide(REPO)


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load((REPO / "offices.yaml").read_text(encoding="utf-8"))


def test_kelurahan_match_the_kemendagri_list(raw):
    expected = [(r["kode"], r["nama"], r["kode_pos"]) for r in rows("jakarta_kelurahan.csv")]
    assert [(k["kode"], k["nama"], k["kode_pos"]) for k in raw["kelurahan"]] == expected
    assert len(expected) == 267


def test_kecamatan_and_kota_match_the_kemendagri_list(raw):
    source = rows("jakarta_kelurahan.csv")
    kecamatan = sorted({(r["kode_kecamatan"], r["nama_kecamatan"]) for r in source})
    kota = sorted({(r["kode_kabkota"], r["nama_kabkota"]) for r in source})
    assert [(k["kode"], k["nama"]) for k in raw["kecamatan"]] == kecamatan
    assert [(k["kode"], k["nama_resmi"]) for k in raw["kota"]] == kota
    assert (len(kecamatan), len(kota)) == (44, 6)


def test_ids_and_codes_are_unique_and_sorted(guide):
    for records, key in ((guide.services, "id"), (guide.closures, "id")):
        ids = [getattr(r, key) for r in records]
        assert len(ids) == len(set(ids))
    for level in (guide.kota, guide.kecamatan, guide.kelurahan):
        codes = [o.kode for o in level]
        assert codes == sorted(set(codes))


def test_no_invented_numbers(guide):
    """Every number in offices.yaml is one the 2015 open data lists, unless someone verified it or a
    dated news report named it (disebut: shown on the page with who named it and when)."""
    published = set()
    for name in ("kantor_kelurahan.csv", "kantor_kecamatan.csv", "sudin_dukcapil.csv"):
        for row in rows(name):
            for number in re.split(r",\s*", row["telepon"]):
                if number:
                    try:
                        published.add(phones.normalise(number))
                    except phones.PhoneError:
                        pass
    for office in guide.offices:
        for contact in office.kontak:
            if contact.disebut is not None:
                assert contact.disebut.jenis == "berita" and contact.disebut.tanggal, office.title
                assert contact.sumber is None, office.title
            elif contact.diverifikasi is None:
                assert contact.whatsapp is None, office.title
                assert set(contact.telepon) <= published, office.title
                assert contact.sumber is not None and contact.sumber.id == "jakarta-2015"


def test_2015_addresses_are_attributed(guide):
    for office in guide.offices:
        if office.alamat:
            assert office.sumber_alamat is not None and office.sumber_alamat.tahun == 2015, office.title


def test_doubtful_rows_are_flagged(guide):
    doubtful = {o.nama for o in guide.kelurahan if any(c.diragukan for c in o.kontak)}
    assert doubtful == {"Rawa Bunga", "Rawa Buaya", "Rorotan", "Semper Barat", "Cipete Selatan", "Cipete Utara"}
    assert "kurang satu angka sehingga tidak ditampilkan" in guide.office("31.72.06.1001").catatan
    assert "452776" not in guide.office("31.72.06.1001").catatan  # a note must not print the number it hides


def test_the_two_march_2020_closures(guide):
    closures = {c.id: c for c in guide.closures}
    province, jaksel = closures["se-gubernur-02-2020"], closures["loket-jakarta-selatan-2020-03"]
    assert (province.tingkat, province.wilayah, str(province.mulai), str(province.selesai)) == ("provinsi", "31", "2020-03-17", "2020-03-31")
    assert "02/SE/2020" in province.referensi
    assert (jaksel.tingkat, jaksel.wilayah, str(jaksel.mulai), str(jaksel.selesai)) == ("kota", "31.74", "2020-03-23", "2020-04-02")


def test_the_announced_services_are_all_there(guide):
    ids = [s.id for s in guide.services]
    assert ids == [
        "ktp-el", "kartu-keluarga", "kia", "akta-kelahiran", "akta-kematian", "update-data-warehouse",
        "mutasi-perubahan-data", "verifikasi-nik", "pb-online", "batal-pindah", "duplicate-record",
        "skp-dalam-dki", "skp-keluar-dki", "pindah", "datang", "konsultasi", "si-dukun-3-1", "lahir-mati",
    ]


def test_uncertain_services_say_so(guide):
    for service_id in ("pb-online", "si-dukun-3-1"):
        service = next(s for s in guide.services if s.id == service_id)
        assert service.belum_pasti


def test_services_are_free_and_name_alpukat(guide):
    for service in guide.services:
        assert service.biaya.lower().startswith("gratis"), service.id
        assert service.alias and service.dasar_hukum
    urls = {c.url for c in guide.channels if c.url}
    assert urls == {"https://alpukat-dukcapil.jakarta.go.id"}
