"""Plain exports of the data: services.json, offices.json (each with its JSON Schema) and offices.csv.

Each record type is declared once, as a list of Fields: its name, its JSON
Schema and how its value is read from the model. The JSON records, the
schemas written beside them and the CSV columns all come from these lists, so
an export and its schema cannot drift apart. Absent values are null in JSON
and empty in the CSV; phone numbers are E.164 in JSON and printed as on the
pages in the CSV, which staff open in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import phones, urls
from .hsds import service_uuid
from .model import Guide, Office

DIALECT = "https://json-schema.org/draft/2020-12/schema"

TEXT = {"type": "string", "minLength": 1}
OPTIONAL_TEXT = {"type": ["string", "null"], "minLength": 1}
DATE = {"type": "string", "format": "date"}
OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
URL = {"type": "string", "format": "uri"}
OPTIONAL_URL = {"type": ["string", "null"], "format": "uri"}
E164 = {"type": "string", "pattern": r"^\+62[0-9]{6,13}$"}
OPTIONAL_E164 = {"type": ["string", "null"], "pattern": r"^\+62[0-9]{6,13}$"}
ID = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
CODE = {"type": "string", "pattern": r"^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$"}  # any province
LEVELS = ["dinas", "kota", "kecamatan", "kelurahan"]


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class Field:
    """One field of an exported record: its name, its JSON Schema and how it is read."""

    name: str
    schema: dict
    value: Callable[[Any], Any]
    doc: str


def record(fields: Sequence[Field], item: Any) -> dict:
    return {f.name: f.value(item) for f in fields}


def object_schema(fields: Sequence[Field], doc: str) -> dict:
    """Every field required (absent values are null) and no other field allowed."""
    return {
        "type": "object",
        "description": doc,
        "additionalProperties": False,
        "required": [f.name for f in fields],
        "properties": {f.name: {**f.schema, "description": f.doc} for f in fields},
    }


# --- services.json -------------------------------------------------------------

CHANNEL_FIELDS = [
    Field("id", ID, lambda c: c.id, "Kode kanal, dipakai di layanan[].kanal."),
    Field("nama", TEXT, lambda c: c.nama, "Nama kanal."),
    Field("jenis", TEXT, lambda c: c.jenis, "Jenis kanal: aplikasi, situs, whatsapp, telepon."),
    Field("keterangan", TEXT, lambda c: c.keterangan, "Cara memakai kanal ini."),
    Field("url", OPTIONAL_URL, lambda c: c.url, "Alamat situs kanal, bila ada."),
]

REQUIREMENT_FIELDS = [
    Field("dokumen", TEXT, lambda r: r.dokumen, "Dokumen yang perlu disiapkan."),
    Field("kondisi", OPTIONAL_TEXT, lambda r: r.kondisi, "Kapan dokumen ini diperlukan; null: selalu."),
]


def service_fields(site_url: str) -> list[Field]:
    return [
        Field("id", ID, lambda s: s.id, "Kode layanan, tetap antarversi."),
        Field("nama", TEXT, lambda s: s.nama, "Nama layanan."),
        Field("alias", array(TEXT), lambda s: list(s.alias), "Nama lain yang dipakai warga."),
        Field("ringkasan", TEXT, lambda s: s.ringkasan, "Ringkasan layanan."),
        Field("persyaratan", array(object_schema(REQUIREMENT_FIELDS, "Satu persyaratan.")),
              lambda s: [record(REQUIREMENT_FIELDS, r) for r in s.persyaratan], "Dokumen yang diperlukan."),
        Field("langkah", array(TEXT), lambda s: list(s.langkah), "Langkah mengurus secara daring, berurutan."),
        Field("kanal", array(ID), lambda s: [c.id for c in s.kanal], "Kode kanal (lihat kanal[])."),
        Field("biaya", TEXT, lambda s: s.biaya, "Biaya."),
        Field("waktu_proses", OPTIONAL_TEXT, lambda s: s.waktu_proses, "Lama proses; null: belum diketahui."),
        Field("hasil", TEXT, lambda s: s.hasil, "Dokumen yang dihasilkan."),
        Field("dasar_hukum", array(TEXT), lambda s: list(s.dasar_hukum), "Peraturan yang mendasari layanan."),
        Field("belum_pasti", OPTIONAL_TEXT, lambda s: s.belum_pasti, "Hal yang belum dipastikan."),
        Field("terkait", array(ID), lambda s: [t.id for t in s.terkait], "Kode layanan terkait."),
        Field("ditinjau", DATE, lambda s: day(s.ditinjau), "Tanggal data layanan terakhir ditinjau."),
        Field("halaman", URL, lambda s: urls.absolute(site_url, s.page), "Halaman layanan di panduan."),
        Field("hsds", TEXT, lambda s: urls.hsds_service(service_uuid(s)),
              "Berkas layanan ini dalam format HSDS 3.0, relatif terhadap akar situs."),
    ]


def services_document(guide: Guide, site_url: str, updated: dt.date) -> tuple[dict, dict]:
    """services.json and its schema."""
    fields = service_fields(site_url)
    top = [
        Field("diperbarui", DATE, lambda _: day(updated), "Tanggal data terakhir berubah (services.yaml atau offices.yaml)."),
        Field("kanal", array(object_schema(CHANNEL_FIELDS, "Satu kanal daring.")),
              lambda g: [record(CHANNEL_FIELDS, c) for c in g.channels], "Kanal untuk mengajukan layanan."),
        Field("layanan", array(object_schema(fields, "Satu layanan.")),
              lambda g: [record(fields, s) for s in g.services], "Semua layanan, dalam urutan services.yaml."),
    ]
    schema = {"$schema": DIALECT, "title": "Layanan Dukcapil DKI Jakarta (services.json)",
              **object_schema(top, "Semua layanan panduan, dibuat dari services.yaml.")}
    return record(top, guide), schema


# --- offices.json --------------------------------------------------------------

SOURCE_FIELDS = [
    Field("id", ID, lambda s: s.id, "Kode sumber, dipakai di sumber_alamat dan kontak[].sumber."),
    Field("judul", TEXT, lambda s: s.judul, "Nama dan penerbit sumber."),
    Field("tahun", {"type": "integer"}, lambda s: s.tahun, "Tahun data."),
    Field("url", OPTIONAL_URL, lambda s: s.url, "Alamat sumber, bila ada."),
]

CONTACT_FIELDS = [
    Field("peran", TEXT, lambda c: c.peran, "Siapa yang menjawab."),
    Field("nama", OPTIONAL_TEXT, lambda c: c.nama, "Nama petugas, bila diketahui."),
    Field("telepon", array(E164), lambda c: list(c.telepon), "Nomor telepon (E.164)."),
    Field("whatsapp", OPTIONAL_E164, lambda c: c.whatsapp, "Nomor WhatsApp (E.164); null: belum tersedia."),
    Field("jam", OPTIONAL_TEXT, lambda c: c.jam, "Jam layanan."),
    Field("diverifikasi", OPTIONAL_DATE, lambda c: day(c.diverifikasi), "Tanggal kontak terakhir diperiksa."),
    Field("sumber", {"type": ["string", "null"]}, lambda c: c.sumber.id if c.sumber else None,
          "Kode sumber data kontak (lihat sumber[])."),
    Field("catatan", OPTIONAL_TEXT, lambda c: c.catatan, "Catatan."),
    Field("diragukan", OPTIONAL_TEXT, lambda c: c.diragukan, "Mengapa nomor ini diragukan; null: tidak diragukan."),
]

CLOSURE_FIELDS = [
    Field("id", ID, lambda c: c.id, "Kode penutupan, tetap antarversi."),
    Field("judul", TEXT, lambda c: c.judul, "Judul penutupan."),
    Field("tingkat", {"enum": ["provinsi", "kota", "kecamatan", "kelurahan"]}, lambda c: c.tingkat,
          "Tingkat wilayah yang ditutup."),
    Field("wilayah", CODE, lambda c: c.wilayah, "Kode wilayah: berlaku untuk semua kantor di wilayah itu."),
    Field("mulai", DATE, lambda c: day(c.mulai), "Hari pertama tutup."),
    Field("selesai", DATE, lambda c: day(c.selesai), "Hari terakhir tutup (termasuk)."),
    Field("layanan", array(ID), lambda c: [s.id for s in c.layanan],
          "Kode layanan yang ditutup; kosong: semua layanan tatap muka."),
    Field("referensi", OPTIONAL_TEXT, lambda c: c.referensi, "Dasar keputusan penutupan."),
    Field("alasan", OPTIONAL_TEXT, lambda c: c.alasan, "Alasan penutupan."),
    Field("alternatif", TEXT, lambda c: c.alternatif, "Cara dilayani selama tutup."),
]


def office_fields(site_url: str) -> list[Field]:
    return [
        Field("kode", CODE, lambda o: o.kode, "Kode wilayah Kemendagri dari wilayah kantor."),
        Field("tingkat", {"enum": LEVELS}, lambda o: o.level, "dinas, kota (Suku Dinas), kecamatan atau kelurahan."),
        Field("nama", TEXT, lambda o: o.nama, "Nama wilayah."),
        Field("nama_kantor", TEXT, lambda o: o.office_name, "Nama kantor seperti di halaman panduan."),
        Field("nama_resmi", OPTIONAL_TEXT, lambda o: o.nama_resmi, "Nama resmi kota atau kabupaten."),
        Field("induk", {"type": ["string", "null"]}, lambda o: o.parent.kode if o.parent else None,
              "Kode kantor di atasnya; null untuk Dinas."),
        Field("alias", array(TEXT), lambda o: list(o.alias), "Ejaan lain yang dipakai warga."),
        Field("alamat", OPTIONAL_TEXT, lambda o: o.alamat, "Alamat kantor; null: tidak diketahui."),
        Field("sumber_alamat", {"type": ["string", "null"]}, lambda o: o.sumber_alamat.id if o.sumber_alamat else None,
              "Kode sumber alamat (lihat sumber[])."),
        Field("kode_pos", {"type": ["string", "null"], "pattern": "^[0-9]{5}$"}, lambda o: o.kode_pos,
              "Kode pos kelurahan (belum diverifikasi resmi)."),
        Field("kontak", array(object_schema(CONTACT_FIELDS, "Satu kontak.")),
              lambda o: [record(CONTACT_FIELDS, c) for c in o.kontak], "Kontak kantor."),
        Field("catatan", OPTIONAL_TEXT, lambda o: o.catatan, "Catatan."),
        Field("halaman", URL, lambda o: urls.absolute(site_url, o.page), "Halaman kantor di panduan."),
    ]


def offices_document(guide: Guide, site_url: str, updated: dt.date) -> tuple[dict, dict]:
    """offices.json and its schema."""
    fields = office_fields(site_url)
    top = [
        Field("diperbarui", DATE, lambda _: day(updated), "Tanggal data terakhir berubah (services.yaml atau offices.yaml)."),
        Field("sumber", array(object_schema(SOURCE_FIELDS, "Satu sumber data.")),
              lambda g: [record(SOURCE_FIELDS, s) for s in g.sources], "Sumber data alamat dan kontak."),
        Field("kantor", array(object_schema(fields, "Satu kantor.")),
              lambda g: [record(fields, o) for o in g.offices], "Dinas, Suku Dinas, kecamatan dan kelurahan, urut kode."),
        Field("penutupan", array(object_schema(CLOSURE_FIELDS, "Satu penutupan.")),
              lambda g: [record(CLOSURE_FIELDS, c) for c in g.closures], "Penutupan loket tatap muka."),
    ]
    schema = {"$schema": DIALECT, "title": "Kantor Dukcapil DKI Jakarta (offices.json)",
              **object_schema(top, "Semua kantor dan penutupan panduan, dibuat dari offices.yaml.")}
    return record(top, guide), schema


# --- offices.csv ---------------------------------------------------------------


def joined(values) -> str:
    """Several values in one cell, in order, without repeats."""
    return "; ".join(dict.fromkeys(v for v in values if v))


def csv_columns(site_url: str) -> list[tuple[str, Callable[[Office], str]]]:
    """The columns staff know, in order, and how each cell is read."""
    return [
        ("kode", lambda o: o.kode),
        ("tingkat", lambda o: o.level),
        ("nama", lambda o: o.nama),
        ("nama_kantor", lambda o: o.office_name),
        ("induk", lambda o: o.parent.kode if o.parent else ""),
        ("alamat", lambda o: o.alamat or ""),
        ("sumber_alamat", lambda o: o.sumber_alamat.id if o.sumber_alamat else ""),
        ("tahun_alamat", lambda o: str(o.sumber_alamat.tahun) if o.sumber_alamat else ""),
        ("kode_pos", lambda o: o.kode_pos or ""),
        ("telepon", lambda o: joined(phones.display(n) for c in o.kontak for n in c.telepon)),
        ("whatsapp", lambda o: joined(phones.display(c.whatsapp) for c in o.kontak if c.whatsapp)),
        ("sumber_kontak", lambda o: joined(c.sumber.id for c in o.kontak if c.sumber)),
        ("tahun_kontak", lambda o: joined(str(c.sumber.tahun) for c in o.kontak if c.sumber)),
        ("diverifikasi", lambda o: joined(day(c.diverifikasi) for c in o.kontak)),
        ("diragukan", lambda o: joined(c.diragukan for c in o.kontak)),
        ("halaman", lambda o: urls.absolute(site_url, o.page)),
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def offices_csv(guide: Guide, site_url: str) -> str:
    """One row per office, UTF-8, comma-separated, LF line endings, minimal quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = csv_columns(site_url)
    writer.writerow([name for name, _ in columns])
    for office in guide.offices:
        writer.writerow([spreadsheet_safe(read(office)) for _, read in columns])
    return out.getvalue()


def json_text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(guide: Guide, site_url: str, updated: dt.date) -> dict[str, str]:
    """{path in the site: text} of every plain export and its schema."""
    files = {}
    for path, (document, schema) in (
        (urls.SERVICES_JSON, services_document(guide, site_url, updated)),
        (urls.OFFICES_JSON, offices_document(guide, site_url, updated)),
    ):
        files[path] = json_text(document)
        files[urls.schema_of(path)] = json_text(schema)
    files[urls.OFFICES_CSV] = offices_csv(guide, site_url)
    return files
