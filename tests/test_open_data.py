"""open_data.py and exports.py: the plain exports, their schemas, and where every published file lives."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator import exports, hsds, notices, open_data, records, schema, urls
from generator.build import BuildError, stage_docs
from generator.model import load_guide
from generator.schema import ListOf, Record

from conftest import MINI, REPO

SITE = "https://panduan.contoh/"
UPDATED = dt.date(2026, 11, 25)
KOTA_CALENDARS = [urls.kota_calendar(n) for n in ("Kepulauan Seribu", "Jakarta Pusat", "Jakarta Utara",
                                                  "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur")]
DOCUMENTED = [urls.CALENDAR, *KOTA_CALENDARS, urls.FEED, urls.SERVICES_JSON, urls.schema_of(urls.SERVICES_JSON),
              urls.OFFICES_JSON, urls.schema_of(urls.OFFICES_JSON), urls.OFFICES_CSV, urls.HSDS_SERVICES]


def validator(schema: dict) -> jsonschema.Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def problems(schema: dict, document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(document)]


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


class TestBuiltSite:
    def test_every_documented_file_is_in_the_site(self, closed_site):
        missing = [path for path in DOCUMENTED if not (closed_site.root / path).is_file()]
        assert missing == []
        assert len(list((closed_site.root / "data" / "hsds" / "services").glob("*.json"))) == 18

    @pytest.mark.parametrize("path", [urls.SERVICES_JSON, urls.OFFICES_JSON])
    def test_each_json_export_validates_against_the_schema_beside_it(self, closed_site, path):
        document = json.loads((closed_site.root / path).read_text(encoding="utf-8"))
        schema = json.loads((closed_site.root / urls.schema_of(path)).read_text(encoding="utf-8"))
        assert problems(schema, document) == []

    def test_the_csv_has_one_row_per_office(self, closed_site):
        rows = read_csv((closed_site.root / urls.OFFICES_CSV).read_text(encoding="utf-8"))
        assert len(rows) == 318
        assert [r["kode"] for r in rows] == [o.kode for o in load_guide(REPO).offices]
        assert [(t, sum(r["tingkat"] == t for r in rows)) for t in ("dinas", "kota", "kecamatan", "kelurahan")] == [
            ("dinas", 1), ("kota", 6), ("kecamatan", 44), ("kelurahan", 267)]

    def test_the_data_page_is_linked_from_about_and_closures(self, closed_site):
        assert '<a href="../data-terbuka/">Data terbuka</a>' in closed_site.html("tentang/")
        assert '<a href="../data-terbuka/">Data terbuka</a>' in closed_site.html("penutupan/")
        page = closed_site.html("data-terbuka/")
        for path in (urls.CALENDAR, urls.FEED, urls.SERVICES_JSON, urls.OFFICES_CSV, urls.HSDS_SERVICES):
            assert f'href="../{path}"' in page

    def test_the_data_page_names_every_kota_calendar(self, closed_site):
        page = (REPO / "docs" / urls.OPEN_DATA).read_text(encoding="utf-8")
        named = re.findall(r"`(data/closures/[a-z-]+\.ics)`", page)
        assert named == KOTA_CALENDARS
        assert sorted(named) == sorted(f"data/closures/{p.name}" for p in (closed_site.root / "data" / "closures").iterdir())


class TestServicesJson:
    def test_a_service_as_exported(self):
        document, _ = open_data.services_document(load_guide(MINI), SITE, UPDATED)
        ktp = document["layanan"][0]
        assert document["diperbarui"] == "2026-11-25"
        assert ktp["id"] == "ktp-el" and ktp["ditinjau"] == "2026-11-25"
        assert ktp["persyaratan"][0] == {"dokumen": "Kartu Keluarga (KK)", "kondisi": None, "dasar": None, "pasal": None}
        assert ktp["halaman"] == "https://panduan.contoh/layanan/ktp-el/"
        assert ktp["hsds"] == "data/hsds/services/2a54a2df-39b3-5c0a-a518-4e87aa408959.json"
        assert ktp["kanal"] == ["alpukat-situs", "whatsapp-petugas"] and ktp["terkait"] == ["kartu-keluarga"]
        assert document["kanal"][1] == {
            "id": "whatsapp-petugas", "nama": "WhatsApp petugas Dukcapil", "jenis": "whatsapp", "url": None, "alias": [],
            "keterangan": "Pesan WhatsApp kepada petugas; nomornya belum tersedia.",
            "fakta": [{"isi": "Menurut berita contoh, petugas bisa dihubungi lewat WhatsApp.", "sumber": "berita-contoh"}],
            "belum_pasti": []}

    def test_the_schema_forbids_unknown_fields_and_requires_every_field(self):
        document, schema = open_data.services_document(load_guide(MINI), SITE, UPDATED)
        document["layanan"][0]["harga"] = "gratis"
        del document["layanan"][0]["biaya"]
        document["layanan"][0]["ditinjau"] = "kemarin"
        assert sorted(problems(schema, document)) == [
            "layanan/0/ditinjau: 'kemarin' is not a 'date'",
            "layanan/0: 'biaya' is a required property",
            "layanan/0: Additional properties are not allowed ('harga' was unexpected)",
        ]


class TestOfficesJson:
    def test_an_office_with_its_contacts_and_sources(self):
        document, schema = open_data.offices_document(load_guide(MINI), SITE, UPDATED)
        assert problems(schema, document) == []
        gunung = next(o for o in document["kantor"] if o["kode"] == "31.74.07.1002")
        assert gunung | {"kontak": []} == {
            "kode": "31.74.07.1002", "tingkat": "kelurahan", "nama": "Gunung", "nama_kantor": "Kantor Kelurahan Gunung",
            "nama_resmi": None, "induk": "31.74.07", "alias": [], "alamat": "Jl. Bujana Dalam No. 7",
            "sumber_alamat": "contoh", "kode_pos": "12120", "kontak": [], "catatan": None,
            "halaman": "https://panduan.contoh/kelurahan/gunung/",
        }
        assert gunung["kontak"][0]["whatsapp"] == "+6281234567890"
        assert gunung["kontak"][1] == {
            "peran": "Telepon kantor kelurahan", "nama": None, "telepon": ["+62217245537"], "whatsapp": None, "jam": None,
            "diverifikasi": None, "sumber": "contoh", "catatan": None, "diragukan": "Sama dengan kantor lain.",
        }
        assert document["sumber"] == [{"id": "contoh", "judul": "Data contoh untuk pengujian", "tahun": 2015, "url": None}]
        assert [c["id"] for c in document["penutupan"]] == ["provinsi", "jaksel", "gunung-ktp"]
        assert document["penutupan"][2]["layanan"] == ["ktp-el"] and document["penutupan"][2]["selesai"] == "2020-05-05"


class TestOfficesCsv:
    def test_the_columns_staff_know(self):
        rows = read_csv(open_data.offices_csv(load_guide(MINI), SITE))
        # The office's declared single-valued fields in records.py's order, the computed columns, then the
        # columns read through its address source and contacts.
        assert list(rows[0]) == ["kode", "nama", "nama_resmi", "nama_kantor", "kode_pos", "alamat", "sumber_alamat",
                                 "catatan", "tingkat", "induk", "halaman", "tahun_alamat", "telepon", "whatsapp",
                                 "sumber_kontak", "tahun_kontak", "diverifikasi", "diragukan"]
        gunung = next(r for r in rows if r["kode"] == "31.74.07.1002")
        assert gunung == {
            "kode": "31.74.07.1002", "tingkat": "kelurahan", "nama": "Gunung", "nama_resmi": "",
            "nama_kantor": "Kantor Kelurahan Gunung", "induk": "31.74.07", "alamat": "Jl. Bujana Dalam No. 7",
            "sumber_alamat": "contoh", "tahun_alamat": "2015", "kode_pos": "12120", "catatan": "",
            "telepon": "(021) 7245537", "whatsapp": "0812-3456-7890", "sumber_kontak": "contoh",
            "tahun_kontak": "2015", "diverifikasi": "2020-03-20", "diragukan": "Sama dengan kantor lain.",
            "halaman": "https://panduan.contoh/kelurahan/gunung/",
        }
        kota = next(r for r in rows if r["kode"] == "31.74")
        assert (kota["nama_resmi"], kota["nama_kantor"]) == ("Kota Administrasi Jakarta Selatan",
                                                             "Suku Dinas Dukcapil Jakarta Selatan")
        kecamatan = next(r for r in rows if r["kode"] == "31.74.07")
        assert kecamatan["telepon"] == "(021) 7207341; (021) 7207342"

    def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(self, data):
        data.replace("offices.yaml", "alamat: Jl. Bujana Dalam No. 7", 'alamat: "=HYPERLINK(\\"http://contoh.invalid\\")"')
        rows = read_csv(open_data.offices_csv(load_guide(data.folder), SITE))
        assert next(r for r in rows if r["kode"] == "31.74.07.1002")["alamat"] == "'=HYPERLINK(\"http://contoh.invalid\")"


EXPORTS = {records.ServicesFile: "services", records.OfficesFile: "offices"}


def inner_record(spec: schema.Spec) -> Record | None:
    """The record a field holds (itself or as list items), if any."""
    kind = next(iter(spec.kind.values())) if isinstance(spec.kind, dict) else spec.kind
    kind = kind.kind if isinstance(kind, ListOf) else kind
    return kind if isinstance(kind, Record) else None


def exported_key(cls: type, name: str, spec: schema.Spec) -> str:
    """Where a declared field is in the export: under its name, except a file's offices of every level
    (dinas, kota, kecamatan, kelurahan), which are one list, kantor, each office with its tingkat."""
    inner = inner_record(spec)
    return "kantor" if cls in EXPORTS and inner is not None and inner.cls is records.Office else name


def record_classes(start: type) -> list[type]:
    """The record classes of records.py, walked from a data file down, each once."""
    found, todo = [], [start]
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            todo += [inner_record(spec).cls for _, spec in schema.specs(cls) if inner_record(spec)]
    return found


def walk(cls: type, objects: list[dict], object_schema: dict, found: dict) -> None:
    """found[cls]: every exported object of a record class, and its schema at each place it is exported."""
    found.setdefault(cls, ([], []))
    found[cls][0].extend(objects)
    found[cls][1].append(object_schema)
    for name, spec in schema.specs(cls):
        inner = inner_record(spec)
        if inner is None:
            continue
        key = exported_key(cls, name, spec)
        values = [obj.get(key) for obj in objects]
        items = [item for value in values for item in (value if isinstance(value, list) else [value] if value else [])]
        if key != name:
            items = [office for office in items if office["tingkat"] == name]
        inner_schema = object_schema.get("properties", {}).get(key, {})
        walk(inner.cls, items, inner_schema.get("items", inner_schema), found)


def exported_records(*exports: tuple[dict, dict]) -> dict:
    """{record class: (exported objects, their schemas)} of services.json and offices.json with their schemas."""
    found: dict = {}
    for file_cls, (document, document_schema) in zip(EXPORTS, exports):
        walk(file_cls, [document], document_schema, found)
    return found


def unexported(services: tuple[dict, dict], offices: tuple[dict, dict]) -> list[str]:
    """Declared fields missing from an exported object or from the export's schema: "offices.json: Contact.jam"."""
    missing = []
    for file_cls, (document, document_schema) in zip(EXPORTS, (services, offices)):
        found: dict = {}
        walk(file_cls, [document], document_schema, found)
        for cls in record_classes(file_cls):
            objects, schemas = found[cls]
            for name, spec in schema.specs(cls):
                key = exported_key(cls, name, spec)
                if key == name:
                    present = bool(objects) and all(name in obj for obj in objects)
                else:
                    present = any(office["tingkat"] == name for obj in objects for office in obj.get(key, []))
                if not present:
                    missing.append(f"{EXPORTS[file_cls]}.json: {cls.__name__}.{name}")
                if not all(key in s.get("properties", {}) and key in s.get("required", []) for s in schemas):
                    missing.append(f"{EXPORTS[file_cls]}.schema.json: {cls.__name__}.{name}")
    return missing


def filled_mini(data) -> Path:
    """The small data set with every optional field of every record type given a value somewhere."""
    data.replace("offices.yaml", "    tahun: 2015\n", "    tahun: 2015\n    url: https://contoh.example/data\n")
    data.replace("offices.yaml", "    nama: Kramat Pela\n",
                 "    nama: Kramat Pela\n    alias: [Kramatpela]\n    catatan: Kantor sedang dipindah.\n")
    data.replace("offices.yaml", "        diragukan: Sama dengan kantor lain.",
                 "        diragukan: Sama dengan kantor lain.\n        catatan: Hanya pagi hari.")
    data.replace("offices.yaml", "    layanan: [ktp-el]", "    layanan: [ktp-el]\n    alasan: Perbaikan alat perekam.\n"
                 "    sumber: [berita-contoh]")
    data.replace("services.yaml", "    narasumber: Petugas contoh\n", "    narasumber: Petugas contoh\n    url: https://contoh.example/berita\n")
    data.replace("services.yaml", "    keterangan: Ajukan permohonan lewat situs.\n",
                 "    alias: [alpukat]\n    keterangan: Ajukan permohonan lewat situs.\n    belum_pasti: [Cara mendaftar.]\n")
    data.replace("services.yaml", "    alias: [KTP, e-KTP]\n", "    nama_lain: [KTP]\n    alias: [KTP, e-KTP]\n")
    data.replace("services.yaml", "        kondisi: jika KTP-el hilang\n",
                 "        kondisi: jika KTP-el hilang\n        dasar: uu-contoh\n        pasal: Pasal 1\n")
    return data.folder


class TestEveryDeclaredField:
    """Each record's fields are declared once, in records.py; the exports and their schemas follow."""

    def test_the_two_files_reach_every_record_type_of_records_py(self):
        declared = {cls for cls in vars(records).values() if dataclasses.is_dataclass(cls) and schema.specs(cls)}
        reached = record_classes(records.SERVICES_FILE.cls) + record_classes(records.OFFICES_FILE.cls)
        assert sorted(cls.__name__ for cls in reached) == sorted(cls.__name__ for cls in declared)
        assert {records.Requirement, records.Contact} <= declared  # records found only inside others

    def test_every_declared_field_is_in_the_exports_and_their_schemas(self):
        guide = load_guide(REPO)
        services = open_data.services_document(guide, SITE, UPDATED)
        offices = open_data.offices_document(guide, SITE, UPDATED)
        assert unexported(services, offices) == []
        assert problems(services[1], services[0]) == [] and problems(offices[1], offices[0]) == []

    def test_a_field_left_out_of_the_export_is_caught(self):
        guide = load_guide(MINI)
        services = open_data.services_document(guide, SITE, UPDATED)
        offices = open_data.offices_document(guide, SITE, UPDATED)
        del offices[0]["kantor"][3]["kontak"][0]["jam"]
        del services[1]["properties"]["layanan"]["items"]["properties"]["hasil"]
        assert unexported(services, offices) == ["services.schema.json: Service.hasil", "offices.json: Contact.jam"]

    def test_every_declared_field_carries_its_value_to_the_export(self, data):
        """On test data where each optional field has a value somewhere: none is lost on the way."""
        guide = load_guide(filled_mini(data))
        services = open_data.services_document(guide, SITE, UPDATED)
        offices = open_data.offices_document(guide, SITE, UPDATED)
        assert problems(services[1], services[0]) == [] and problems(offices[1], offices[0]) == []
        found, empty = exported_records(services, offices), []
        for cls in found:
            for name, _ in schema.specs(cls):
                if cls not in EXPORTS and not any(o[name] not in (None, []) for o in found[cls][0]):
                    empty.append(f"{cls.__name__}.{name}")
        assert empty == [], "no value in the export (give it one in filled_mini if the test data has none)"
        kramat_pela = next(o for o in offices[0]["kantor"] if o["nama"] == "Kramat Pela")
        assert (kramat_pela["alias"], kramat_pela["catatan"]) == (["Kramatpela"], "Kantor sedang dipindah.")
        assert offices[0]["sumber"][0]["url"] == "https://contoh.example/data"

    def test_each_kind_is_converted_and_described(self):
        guide = load_guide(MINI)
        offices, office_schema = open_data.offices_document(guide, SITE, UPDATED)
        gunung = next(o for o in offices["kantor"] if o["kode"] == "31.74.07.1002")
        contact = gunung["kontak"][0]
        assert (contact["whatsapp"], contact["diverifikasi"]) == ("+6281234567890", "2020-03-20")
        assert contact["telepon"] == []  # absent list
        assert gunung["kontak"][1]["sumber"] == "contoh" and offices["sumber"][0]["tahun"] == 2015
        properties = office_schema["properties"]["kantor"]["items"]["properties"]
        contact_schema = properties["kontak"]["items"]["properties"]
        assert contact_schema["whatsapp"]["type"] == ["string", "null"]
        assert contact_schema["whatsapp"]["pattern"] == r"^\+[1-9][0-9]{6,14}$"
        assert contact_schema["diverifikasi"] == {
            "type": ["string", "null"], "format": "date",
            "description": "the date someone checked the contact; a date as YYYY-MM-DD (ISO 8601)"}
        assert contact_schema["telepon"]["type"] == "array" and "minItems" not in contact_schema["telepon"]
        assert contact_schema["sumber"]["pattern"] == "^([a-z0-9]+(-[a-z0-9]+)*)$"
        assert properties["nama_resmi"]["type"] == ["string", "null"]  # kota only
        assert properties["nama_kantor"]["type"] == "string"  # filled in for every office, as on the pages
        assert properties["tingkat"]["enum"] == ["dinas", "kota", "kecamatan", "kelurahan"]
        assert office_schema["properties"]["sumber"]["items"]["properties"]["tahun"]["type"] == "integer"


class TestExports:
    def test_the_same_data_and_day_give_the_same_bytes(self):
        day = dt.date(2020, 3, 25)
        guide = load_guide(MINI)
        updated = dt.date(2021, 1, 1)
        first = exports.render_all(guide, day, SITE, MINI, updated)
        assert exports.render_all(load_guide(MINI), day, SITE, MINI, updated) == first
        assert sorted(first) == sorted([
            urls.CALENDAR, urls.kota_calendar("Jakarta Selatan"), urls.FEED, urls.SERVICES_JSON,
            urls.schema_of(urls.SERVICES_JSON), urls.OFFICES_JSON, urls.schema_of(urls.OFFICES_JSON), urls.OFFICES_CSV,
            urls.HSDS_SERVICES, *(urls.hsds_service(hsds.service_uuid(s)) for s in guide.services),
        ])

    def test_a_hand_written_file_is_never_overwritten(self, tmp_path):
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "feed.xml").write_text("<feed/>")
        with pytest.raises(BuildError, match="docs/data/feed.xml is written by hand, but the generator also makes"):
            stage_docs({urls.FEED: b"<feed></feed>"}, tmp_path, tmp_path / "staging")
        assert (tmp_path / "data" / "feed.xml").read_text() == "<feed/>"

    def test_mkdocs_serve_gets_the_same_files(self, monkeypatch):
        """The hook's on_files adds these to the build (test_build.py's TestMkDocsHook builds with it)."""
        from mkdocs.config import load_config

        from generator import mkdocs_hook

        monkeypatch.setenv("PANDUAN_DATE", "2020-03-25")
        mkdocs_hook.on_config(load_config(str(REPO / "mkdocs.yml")))
        assert set(DOCUMENTED) <= set(mkdocs_hook.PAGES)
        files = exports.render_all(load_guide(REPO), dt.date(2020, 3, 25), "https://panduan-dukcapil.example/", REPO,
                                   notices.data_updated(REPO))
        assert {path: mkdocs_hook.PAGES[path] for path in files} == files

    def test_a_build_with_the_small_data_set_links_only_files_it_has(self, mini_site):
        out = mini_site.root  # built by strict MkDocs: a broken link would have failed it
        assert (out / urls.kota_calendar("Jakarta Selatan")).is_file()
        assert not (out / urls.kota_calendar("Jakarta Utara")).exists()
