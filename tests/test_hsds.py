"""hsds.py: every service as an HSDS 3.0 record, valid against the strict schema, as of a date."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import jsonschema
import pytest
from compiletojsonschema.compiletojsonschema import CompileToJsonSchema

from generator import hsds, urls
from generator.model import load_guide

from conftest import MINI, REPO

STANDARD = Path(__file__).parent / "standards" / "hsds-3.0"
SITE = "https://panduan.contoh/"


def strict_validator(name: str) -> jsonschema.Validator:
    """The schema made strict as Open Referral's validate_examples_json_schema.sh does, formats checked."""
    schema = CompileToJsonSchema(input_filename=str(STANDARD / "compiled" / name),
                                 set_additional_properties_false_everywhere=True).get()
    validator = jsonschema.Draft202012Validator
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def service_schema() -> jsonschema.Validator:
    return strict_validator("service.json")


@pytest.fixture(scope="module")
def list_schema() -> jsonschema.Validator:
    return strict_validator("service_list.json")


@functools.cache
def real_guide():
    """Not a fixture: pytest would print the Guide (318 linked offices) in a failure's traceback."""
    return load_guide(REPO)


def problems(validator: jsonschema.Validator, document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def ids(value) -> list[str]:
    """Every `id` in a nested record."""
    if isinstance(value, dict):
        return ([value["id"]] if "id" in value else []) + [i for v in value.values() for i in ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in ids(v)]
    return []


class TestTheStrictSchema:
    def test_accepts_the_specifications_own_example(self, service_schema):
        example = json.loads((STANDARD / "examples" / "service_full.json").read_text())
        assert problems(service_schema, example) == []

    def test_rejects_a_field_hsds_does_not_define_anywhere_in_the_tree(self, service_schema):
        guide = real_guide()
        record = hsds.service_record(guide, guide.services[0], dt.date(2020, 3, 25), SITE)
        record["service_at_locations"][0]["location"]["addresses"][0]["kelurahan"] = "Gunung"
        assert problems(service_schema, record) == [
            "service_at_locations/0/location/addresses/0: Additional properties are not allowed ('kelurahan' was unexpected)"
        ]

    def test_checks_formats(self, service_schema):
        guide = real_guide()
        record = hsds.service_record(guide, guide.services[0], dt.date(2020, 3, 25), SITE)
        record["url"] = "bukan alamat"
        record["required_documents"][0]["id"] = "ktp-el-1"
        assert sorted(problems(service_schema, record)) == [
            "required_documents/0/id: 'ktp-el-1' is not a 'uuid'",
            "url: 'bukan alamat' is not a 'uri'",
        ]


class TestBuiltSite:
    def test_every_service_file_validates_strictly(self, closed_site, service_schema):
        guide = real_guide()
        files = sorted((closed_site.root / "data" / "hsds" / "services").glob("*.json"))
        assert len(files) == len(guide.services) == 18
        for path in files:
            record = json.loads(path.read_text(encoding="utf-8"))
            assert problems(service_schema, record) == [], path.name
            assert path.name == f"{record['id']}.json"

    def test_the_list_validates_and_names_every_file(self, closed_site, list_schema):
        guide = real_guide()
        page = json.loads((closed_site.root / urls.HSDS_SERVICES).read_text(encoding="utf-8"))
        contents = page.pop("contents")
        assert page == {"total_items": 18, "total_pages": 1, "page_number": 1, "size": 18,
                        "first_page": True, "last_page": True, "empty": False}
        for item in contents:
            assert problems(list_schema, item) == []
            assert (closed_site.root / urls.hsds_service(item["id"])).exists()
        assert [item["name"] for item in contents] == [s.nama for s in guide.services]


class TestContent:
    def test_a_service(self):
        guide = real_guide()
        ktp = next(s for s in guide.services if s.id == "ktp-el")
        record = hsds.service_record(guide, ktp, dt.date(2020, 4, 10), SITE)
        assert record["id"] == "2a54a2df-39b3-5c0a-a518-4e87aa408959"  # pinned: consumers key on it
        assert record["name"] == "KTP Elektronik (KTP-el)"
        assert record["url"] == "https://panduan.contoh/layanan/ktp-el/"
        assert record["assured_date"] == "2026-11-26" == ktp.ditinjau.isoformat()
        assert record["fees_description"] == ktp.biaya
        first = ktp.persyaratan[1]
        assert [d["document"] for d in record["required_documents"]][:2] == [
            ktp.persyaratan[0].dokumen, f"{first.dokumen} ({first.kondisi})"]
        assert record["description"].startswith(ktp.ringkasan)
        assert "Belum dipastikan" in record["description"]
        assert record["application_process"].splitlines()[0] == "1. " + ktp.langkah[0]
        assert "Situs Alpukat Dukcapil (https://alpukat-dukcapil.jakarta.go.id)" in record["application_process"]

    def test_every_office_delivers_every_service_with_its_location(self):
        guide = real_guide()
        record = hsds.service_record(guide, guide.services[0], dt.date(2020, 4, 10), SITE)
        places = record["service_at_locations"]
        assert len(places) == len(guide.offices) == 318
        assert [p["location"]["external_identifier"] for p in places] == [o.kode for o in guide.offices]
        gunung = next(p["location"] for p in places if p["location"]["external_identifier"] == "31.74.07.1002")
        assert gunung["name"] == "Kantor Kelurahan Gunung"
        assert gunung["url"] == "https://panduan.contoh/kelurahan/gunung/"
        assert gunung["addresses"][0] | {"id": "-", "location_id": "-"} == {
            "id": "-", "location_id": "-", "address_1": "Jl. Bujana Dalam No. 7", "city": "Kota Administrasi Jakarta Selatan",
            "state_province": "DKI Jakarta", "postal_code": "12120", "country": "ID", "address_type": "physical"}
        assert [(p["number"], p["type"]) for p in gunung["phones"]] == [("+62217245537", "voice")]
        assert gunung["phones"][0]["description"] == (
            "Telepon kantor kelurahan. Sumber: Data Alamat Kantor Pelayanan Dukcapil Tahun 2015, Pemprov DKI Jakarta "
            "(data.jakarta.go.id), melalui github.com/soluvas/opendata, data tahun 2015. "
            "Belum diperiksa ulang; nomor mungkin sudah berubah. "
            "Catatan: Pada data 2015, nomor ini juga tercatat untuk Kelurahan Kramat Pela.")
        assert "Sumber alamat: Data Alamat Kantor Pelayanan Dukcapil Tahun 2015" in gunung["description"]
        assert gunung["description"].startswith("Kantor Kelurahan Gunung, Kecamatan Kebayoran Baru, Kota Administrasi Jakarta Selatan.")

    def test_an_office_without_address_or_contacts(self):
        guide = real_guide()
        record = hsds.service_record(guide, guide.services[0], dt.date(2020, 4, 10), SITE)
        seribu = next(p["location"] for p in record["service_at_locations"] if p["location"]["external_identifier"] == "31.01")
        assert "addresses" not in seribu and "phones" not in seribu
        assert seribu["description"].endswith("Alamat belum tersedia. Nomor telepon dan WhatsApp belum tersedia.")

    def test_doubtful_numbers_say_so(self):
        guide = real_guide()
        record = hsds.service_record(guide, guide.services[0], dt.date(2020, 4, 10), SITE)
        rawa_bunga = next(p["location"] for p in record["service_at_locations"] if p["location"]["name"] == "Kantor Kelurahan Rawa Bunga")
        assert "Nomor ini diragukan: " in rawa_bunga["phones"][0]["description"]

    def test_identifiers_are_unique_and_the_same_in_every_build(self):
        guide = real_guide()
        day = dt.date(2020, 3, 25)
        first = hsds.render(guide, day, SITE)
        again = hsds.render(load_guide(REPO), day, SITE)
        assert first == again
        for path, text in first.items():
            if path != urls.HSDS_SERVICES:
                found = ids(json.loads(text))
                assert len(found) == len(set(found)), path


class TestStatusOnADate:
    def service(self, guide, service_id, day):
        return hsds.service_record(guide, next(s for s in guide.services if s.id == service_id), day, SITE)

    def place(self, record, code):
        return next(p for p in record["service_at_locations"] if p["location"]["external_identifier"] == code)

    def test_closed_everywhere_during_the_province_closure(self):
        guide = real_guide()
        record = self.service(guide, "kartu-keluarga", dt.date(2020, 3, 25))
        assert record["status"] == "temporarily closed"
        assert record["alert"].startswith(
            "Pada Rabu, 25 Maret 2020, loket tatap muka Dukcapil tutup di seluruh DKI Jakarta sampai dengan Selasa, "
            "31 Maret 2020, di Kota Administrasi Jakarta Selatan sampai dengan Kamis, 2 April 2020. "
            "Layanan tatap muka Pemprov DKI Jakarta ditutup: 17 Maret 2020 – 31 Maret 2020; dasar: Surat Edaran Gubernur "
            "DKI Jakarta No. 02/SE/2020 tentang Penyesuaian Sistem Kerja Pegawai Dalam Upaya Pencegahan Penyebaran "
            "COVID-19 di lingkungan Pemerintah Provinsi DKI Jakarta. Menurut Lurah Pekayon")
        assert "Semua loket Dukcapil Jakarta Selatan ditutup" in record["alert"]

    def test_active_when_only_jakarta_selatan_is_closed(self):
        guide = real_guide()
        record = self.service(guide, "kartu-keluarga", dt.date(2020, 4, 1))
        assert record["status"] == "active"
        assert record["alert"].startswith("Pada Rabu, 1 April 2020, loket tatap muka Dukcapil tutup di Kota Administrasi "
                                          "Jakarta Selatan sampai dengan Kamis, 2 April 2020. Semua loket Dukcapil Jakarta "
                                          "Selatan ditutup: 23 Maret 2020 – 2 April 2020; dasar: Pernyataan Kasudin")
        assert "Pemprov" not in record["alert"]
        # the same words as the office's page
        assert self.place(record, "31.74.07.1002")["description"].startswith(
            "Loket tatap muka TUTUP pada Rabu, 1 April 2020, sampai dengan Kamis, 2 April 2020. "
            "Semua loket Dukcapil Jakarta Selatan ditutup: 23 Maret 2020 – 2 April 2020; dasar: Pernyataan Kasudin")
        assert self.place(record, "31.71.01.1001")["description"] == (
            "Tidak ada penutupan loket yang tercatat untuk Kantor Kelurahan Gambir pada Rabu, 1 April 2020.")

    def test_active_without_alert_after_the_closures(self):
        guide = real_guide()
        record = self.service(guide, "kartu-keluarga", dt.date(2020, 4, 10))
        assert record["status"] == "active"
        assert "alert" not in record

    def test_a_closure_of_one_service_leaves_the_others_open(self):
        guide = load_guide(MINI)  # gunung-ktp: KTP-el only, at Kelurahan Gunung, 4-5 May 2020
        day = dt.date(2020, 5, 4)
        ktp, other = self.service(guide, "ktp-el", day), self.service(guide, "kartu-keluarga", day)
        assert ktp["status"] == other["status"] == "active"
        assert self.place(ktp, "31.74.07.1002")["description"].startswith(
            "Loket tatap muka TUTUP untuk layanan KTP Elektronik (KTP-el) pada Senin, 4 Mei 2020")
        assert self.place(other, "31.74.07.1002")["description"].startswith("Tidak ada penutupan loket")
        assert "Loket KTP Kelurahan Gunung ditutup" in ktp["alert"] and "alert" not in other
