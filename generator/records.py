"""The data dictionary: every record of services.yaml and offices.yaml, each field declared once.

Each class lists a record's fields in the order staff write them; `declared()`
gives a field its kind of value (schema.py), whether it is required, what it is
for (shown to editors by the JSON Schemas) and, where it differs from the field
name, how pages and the reviewer's diff name it. From these declarations come
the checks (schema.record), the JSON Schemas (json_schemas.py), the model
(model.py builds these classes, with behaviour added by subclasses there) and
the diff (diff.py walks the declared fields).

To add a field: declare it here, run `make schemas`, and show it in a template.
Values arrive checked and converted: phones in E.164, dates as dates, and
references (Ref) as the records they name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schema import (
    IDENTIFIER, KECAMATAN_CODE, KELURAHAN_CODE, KOTA_CODE, POSTAL_CODE, PROVINCE_CODE, REGION_CODE, URL,
    Choice, Date, ListOf, PartialDate, Pattern, Phone, Ref, Text, Year, declared, nested,
)

# --- services.yaml ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A report, regulation or letter that facts on the pages come from (sumber in services.yaml)."""

    id: str = declared(IDENTIFIER)
    jenis: str = declared(Choice("berita", "peraturan", "surat-edaran"), doc="a news report, a regulation or a letter")
    judul: str = declared(Text(), doc="its title as published")
    penerbit: str | None = declared(Text(), required=False, doc="who published it: ANTARA, Presiden RI...")
    tanggal: str | None = declared(PartialDate(), required=False,
                                   doc="when it was published or signed, as precisely as known: 2020-03-22, 2020-03 or 2020")
    narasumber: str | None = declared(Text(), required=False, doc="who is quoted, with their office")
    url: str | None = declared(URL, required=False)


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One statement a source makes, with that source (fakta)."""

    isi: str = declared(Text(), doc="the statement, attributed: Menurut ..., ...")
    sumber: Reference = declared(Ref("reference"), doc="id of the source (sumber) that says it")


@dataclass(frozen=True, kw_only=True)
class Channel:
    """A way to apply without going to the counter (kanal); each has a page /kanal/<id>/."""

    id: str = declared(IDENTIFIER)
    nama: str = declared(Text())
    jenis: str = declared(Choice("aplikasi", "situs", "whatsapp", "telepon"), doc="what kind of channel it is")
    url: str | None = declared(URL, required=False)
    alias: tuple[str, ...] = declared(ListOf(Text(), min_items=1), required=False,
                                      doc="words residents type to find it (alpukat); search only")
    keterangan: str = declared(Text(), doc="what it is, in one or two sourced sentences")
    fakta: tuple[Fact, ...] = declared(ListOf(nested(Fact), min_items=1), doc="what the sources say about it")
    belum_pasti: tuple[str, ...] = declared(ListOf(Text(), min_items=1), required=False, items=True,
                                            doc="what is not yet known about it", label="Belum dipastikan")
    cakupan: str | None = declared(Text(), required=False,
                                   doc="for what the sources name the channel when they name no service for it "
                                       "(a service lists in kanal only the channels a source names for it)")


@dataclass(frozen=True, kw_only=True)
class LegalBasis:
    """An article of a regulation a service rests on (dasar_hukum)."""

    peraturan: Reference = declared(Ref("reference"), doc="id of the regulation (sumber with jenis peraturan)")
    pasal: str | None = declared(Text(), required=False,
                                 doc="the article, like Pasal 44 ayat (1); leave out when not yet confirmed")
    bunyi: str | None = declared(Text(), required=False,
                                 doc="what the article says, quoting its words exactly between quotation marks")


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """A document a service needs (persyaratan)."""

    dokumen: str = declared(Text(), doc="the document to bring or upload")
    kondisi: str | None = declared(Text(), required=False, doc="when it applies only in some cases")
    dasar: Reference | None = declared(Ref("reference"), required=False,
                                       doc="id of the regulation that requires it; pages mark it unconfirmed without one")
    pasal: str | None = declared(Text(), required=False, doc="the article of that regulation, like Pasal 64 ayat (9)")


@dataclass(kw_only=True)
class Service:
    """A population-administration service (layanan)."""

    id: str = declared(IDENTIFIER, doc="the page address: /layanan/<id>/; closures and terkait name services by it")
    nama: str = declared(Text())
    nama_lain: tuple[str, ...] = declared(ListOf(Text(), min_items=1), required=False, label="nama lain",
                                          doc='other names residents know it by, shown as "Juga disebut" (KTP, e-KTP)')
    alias: tuple[str, ...] = declared(ListOf(Text(), min_items=1),
                                      doc="spellings, slang and words residents type; search only, never shown")
    ringkasan: str = declared(Text())
    persyaratan: tuple[Requirement, ...] = declared(ListOf(nested(Requirement)), label="Persyaratan")
    langkah: tuple[str, ...] = declared(ListOf(Text(), min_items=1), doc="the steps, in order", label="Langkah", items=True)
    kanal: tuple[Channel, ...] = declared(ListOf(Ref("channel"), min_items=1),
                                          doc="ids of the channels (kanal) that a source in sumber names for this service; "
                                              "never a channel no source names for it")
    biaya: str = declared(Text())
    waktu_proses: str | None = declared(Text(), required=False)
    hasil: str = declared(Text())
    dasar_hukum: tuple[LegalBasis, ...] = declared(ListOf(nested(LegalBasis), min_items=1), label="Dasar hukum")
    sumber: tuple[Reference, ...] = declared(ListOf(Ref("reference"), min_items=1),
                                             doc="ids of the reports that say this service is offered during closures")
    belum_pasti: str | None = declared(Text(), required=False, doc="what in this entry is not confirmed")
    terkait: tuple[Service, ...] = declared(ListOf(Ref("service")), required=False, doc="ids of related services")
    ditinjau: dt.date = declared(Date(), doc="the date the entry was last reviewed")


@dataclass(kw_only=True)
class ServicesFile:
    """services.yaml."""

    sumber: tuple[Reference, ...] = declared(ListOf(nested(Reference), min_items=1, label_key="id"))
    kanal: tuple[Channel, ...] = declared(ListOf(nested(Channel), min_items=1, label_key="id"))
    layanan: tuple[Service, ...] = declared(ListOf(nested(Service), min_items=1, label_key="id"))


# --- offices.yaml ----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Source:
    """A data set that addresses and contacts came from (sumber)."""

    id: str = declared(IDENTIFIER)
    judul: str = declared(Text())
    tahun: int = declared(Year())
    url: str | None = declared(URL, required=False)


@dataclass(frozen=True, kw_only=True)
class Contact:
    """Someone residents can reach at an office (kontak)."""

    peran: str = declared(Text(), doc="who answers: Petugas Dukcapil, Telepon kantor...")
    nama: str | None = declared(Text(), required=False)
    whatsapp: str | None = declared(Phone(mobile=True), required=False, label="WhatsApp",
                                    doc="a mobile number someone has checked, like 0812-3456-7890")
    telepon: tuple[str, ...] = declared(ListOf(Phone(), min_items=1, one_or_more=True), required=False,
                                        doc="one number, or a list of numbers, like 021-7245537")
    jam: str | None = declared(Text(), required=False, doc="hours, like Senin-Jumat 08.00-16.00")
    diverifikasi: dt.date | None = declared(Date(), required=False, doc="the date someone checked the contact")
    sumber: Source | None = declared(Ref("source"), required=False, doc="id of the dataset the contact came from")
    catatan: str | None = declared(Text(), required=False)
    diragukan: str | None = declared(Text(), required=False, doc="why the contact may be wrong")


# An office's fields; `levels` says which levels of office have the field (default: all).
# Order is the order of the records in offices.yaml.
OFFICE_CODE = {
    "dinas": PROVINCE_CODE,
    "kota": KOTA_CODE,
    "kecamatan": KECAMATAN_CODE,
    "kelurahan": KELURAHAN_CODE,
}


@dataclass(kw_only=True, eq=False)
class Office:
    """The Dinas, a Suku Dinas (one per kota), a kecamatan or a kelurahan office."""

    kode: str = declared(OFFICE_CODE, label="kode")
    nama: str = declared(Text())
    nama_resmi: str | None = declared(Text(), levels=("kota",))
    nama_kantor: str | None = declared(Text(), levels=("kota",))
    kode_pos: str | None = declared(POSTAL_CODE, levels=("kelurahan",))
    alias: tuple[str, ...] = declared(ListOf(Text(), min_items=1), required=False,
                                      doc="other spellings residents type (Kramat Jati for Kramatjati); search finds them")
    alias_cari: tuple[str, ...] = declared(ListOf(Text(), min_items=1), required=False, label="alias cari",
                                           doc="misspellings residents type (Tanjung Priuk); search finds them, pages never show them")
    alamat: str | None = declared(Text(), required=False)
    alamat_diragukan: str | None = declared(Text(), required=False, label="alamat diragukan",
                                            doc="why the address may be wrong (the same as another office's in its data set); "
                                                "printed with the address on the page and the notice")
    catatan_alamat: str | None = declared(Text(), required=False, label="catatan alamat",
                                          doc="how the address differs from its data set (a typo corrected) and what backs "
                                              "the correction; printed with the address")
    sumber_alamat: Source | None = declared(Ref("source"), required=False, doc="id of the dataset the address came from")
    kontak: tuple[Contact, ...] = declared(ListOf(nested(Contact)), label="Kontak",
                                           doc="who residents can reach; [] when nobody is known yet")
    catatan: str | None = declared(Text(), required=False)


@dataclass(kw_only=True)
class Closure:
    """A closure of the face-to-face counters of a region (penutupan)."""

    id: str = declared(IDENTIFIER)
    judul: str = declared(Text())
    tingkat: str = declared(Choice("provinsi", "kota", "kecamatan", "kelurahan"), doc="the level of the region closed")
    wilayah: str = declared(REGION_CODE, doc="code of the region closed; every office in it is closed",
                            show=lambda code, closure: closure.region_name)
    mulai: dt.date = declared(Date(weekday=True), doc="first day closed")
    selesai: dt.date = declared(Date(weekday=True), doc="last day closed (inclusive)")
    layanan: tuple[Service, ...] = declared(ListOf(Ref("service"), min_items=1), required=False,
                                            doc="service ids; all face-to-face services when absent",
                                            show=lambda services, closure: closure.services_name)
    referensi: str | None = declared(Text(), required=False, doc="the letter or announcement that ordered the closure")
    sumber: tuple[Reference, ...] = declared(ListOf(Ref("reference"), min_items=1), required=False,
                                             doc="ids of the reports (sumber in services.yaml) the closure is known from")
    alasan: str | None = declared(Text(), required=False)
    alternatif: str = declared(Text(), doc="what residents can do instead")


@dataclass(frozen=True, kw_only=True)
class ReportToCheck:
    """A report about closures not yet checked against an announcement (perlu_diperiksa): staff work, never shown as fact."""

    id: str = declared(IDENTIFIER)
    judul: str = declared(Text(), doc="its title as published")
    penerbit: str = declared(Text(), doc="who published it")
    tanggal: str = declared(PartialDate(), doc="when it was published, as precisely as known")
    url: str = declared(URL)
    narasumber: str | None = declared(Text(), required=False, doc="who is quoted, with their office")
    klaim: str = declared(Text(), doc="what it says, in its own words where possible")
    periksa: str = declared(Text(), doc="what to check before it goes into penutupan")


@dataclass(kw_only=True)
class OfficesFile:
    """offices.yaml."""

    sumber: tuple[Source, ...] = declared(ListOf(nested(Source), label_key="id"))
    sumber_wilayah: tuple[Source, ...] = declared(ListOf(Ref("source"), min_items=1), label="sumber wilayah",
                                                  doc="ids of the data sets the codes, names and postal codes come from")
    penutupan_diperiksa: dt.date | None = declared(Date(), required=False, label="penutupan diperiksa",
                                                   doc="the day staff last checked penutupan against the announcements; "
                                                       "absent until someone has (a new region's skeleton)")
    dinas: Office = declared(nested(Office, level="dinas"))
    kota: tuple[Office, ...] = declared(ListOf(nested(Office, level="kota"), min_items=1, label_key="kode"))
    kecamatan: tuple[Office, ...] = declared(ListOf(nested(Office, level="kecamatan"), min_items=1, label_key="kode"))
    kelurahan: tuple[Office, ...] = declared(ListOf(nested(Office, level="kelurahan"), min_items=1, label_key="kode"))
    penutupan: tuple[Closure, ...] = declared(ListOf(nested(Closure), label_key="id"))
    perlu_diperiksa: tuple[ReportToCheck, ...] = declared(
        ListOf(nested(ReportToCheck), min_items=1, label_key="id"), required=False, label="perlu diperiksa",
        doc="reports of closures still to verify; `make stale` lists them, no page shows them")


SERVICES_FILE = nested(ServicesFile)
OFFICES_FILE = nested(OfficesFile)
