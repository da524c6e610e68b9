"""Typed records built once from checked data; templates read these, never raw dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .problems import DataError
from .validate import OFFICES, SERVICES, CheckedData, check_data

LEVEL_TITLES = {"dinas": "Dinas", "kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}


@dataclass(frozen=True)
class Source:
    id: str
    judul: str
    tahun: int
    url: str | None = None


@dataclass(frozen=True)
class Contact:
    peran: str
    telepon: tuple[str, ...] = ()  # E.164
    whatsapp: str | None = None  # E.164, a mobile number
    nama: str | None = None
    jam: str | None = None
    diverifikasi: dt.date | None = None
    sumber: Source | None = None
    catatan: str | None = None
    diragukan: str | None = None

    @property
    def label(self) -> str:
        """Who answers: "Petugas Dukcapil kelurahan (Ibu Siti)"."""
        return self.peran + (f" ({self.nama})" if self.nama else "")


@dataclass(frozen=True)
class Channel:
    id: str
    nama: str
    jenis: str
    keterangan: str
    url: str | None = None


@dataclass(frozen=True)
class Requirement:
    dokumen: str
    kondisi: str | None = None


@dataclass
class Service:
    id: str
    nama: str
    alias: tuple[str, ...]
    ringkasan: str
    persyaratan: tuple[Requirement, ...]
    langkah: tuple[str, ...]
    kanal: tuple[Channel, ...]
    biaya: str
    hasil: str
    dasar_hukum: tuple[str, ...]
    ditinjau: dt.date
    line: int
    waktu_proses: str | None = None
    belum_pasti: str | None = None
    terkait: list["Service"] = field(default_factory=list)

    @property
    def page(self) -> str:
        return urls.service(self.id)


@dataclass(eq=False)  # one object per office: compared and hashed by identity
class Office:
    """The Dinas, a Suku Dinas (one per kota), a kecamatan or a kelurahan office."""

    level: str  # dinas, kota, kecamatan, kelurahan
    kode: str
    nama: str  # of the region: "Gunung", "Jakarta Selatan"
    line: int
    nama_kantor: str | None = None
    nama_resmi: str | None = None
    alias: tuple[str, ...] = ()  # other spellings residents type
    kode_pos: str | None = None
    alamat: str | None = None
    sumber_alamat: Source | None = None
    kontak: tuple[Contact, ...] = ()
    catatan: str | None = None
    parent: "Office | None" = None
    children: list["Office"] = field(default_factory=list)
    closures: list["Closure"] = field(default_factory=list)  # every closure that reaches it

    @property
    def title(self) -> str:
        if self.level == "dinas":
            return self.nama
        if self.level == "kota":
            return self.nama_resmi or self.nama
        return f"{LEVEL_TITLES[self.level]} {self.nama}"

    @property
    def office_name(self) -> str:
        """The office itself: "Kantor Kelurahan Gunung", "Suku Dinas Dukcapil ..."."""
        if self.nama_kantor:
            return self.nama_kantor
        if self.level in ("kecamatan", "kelurahan"):
            return f"Kantor {self.title}"
        return self.nama

    @property
    def page(self) -> str:
        return urls.DINAS if self.level == "dinas" else urls.office(self.level, self.nama)

    @property
    def notice_page(self) -> str:
        return urls.notice(self.level, self.nama)

    @property
    def batch_pdf(self) -> str:
        return urls.batch(self.level, self.nama)

    @property
    def ancestors(self) -> list["Office"]:
        """Up the chain, nearest first: kecamatan, kota, dinas."""
        chain, office = [], self.parent
        while office is not None:
            chain.append(office)
            office = office.parent
        return chain

    def is_within(self, code: str) -> bool:
        return self.kode == code or self.kode.startswith(code + ".")

    def closures_on(self, day: dt.date) -> list["Closure"]:
        return [closure for closure in self.closures if closure.covers(day)]

    def is_closed_on(self, day: dt.date) -> bool:
        return bool(self.closures_on(day))


@dataclass
class Closure:
    id: str
    judul: str
    tingkat: str
    wilayah: str  # region code: 31, 31.74, 31.74.07, 31.74.07.1002
    mulai: dt.date
    selesai: dt.date  # inclusive
    alternatif: str
    line: int
    layanan: tuple[Service, ...] = ()  # empty: every face-to-face service
    referensi: str | None = None
    alasan: str | None = None
    region: Office | None = None

    def covers(self, day: dt.date) -> bool:
        return self.mulai <= day <= self.selesai

    def reaches(self, office: Office) -> bool:
        """A closure declared for a region applies to every office in it, its own included."""
        return office.is_within(self.wilayah)

    def phase(self, day: dt.date) -> str:
        """berlaku (in force), akan-datang (upcoming) or lewat (past) on `day`."""
        if self.covers(day):
            return "berlaku"
        return "akan-datang" if day < self.mulai else "lewat"


@dataclass
class Guide:
    """Everything the pages show, with the lookups templates need."""

    channels: list[Channel]
    services: list[Service]
    sources: list[Source]
    dinas: Office
    kota: list[Office]
    kecamatan: list[Office]
    kelurahan: list[Office]
    closures: list[Closure]

    @property
    def offices(self) -> list[Office]:
        return [self.dinas, *self.kota, *self.kecamatan, *self.kelurahan]

    def office(self, code: str) -> Office:
        return self._by_code[code]

    def kecamatan_in(self, code: str) -> list[Office]:
        """The kecamatan of a kota, in code order."""
        return [k for k in self.kecamatan if k.is_within(code)]

    def kelurahan_in(self, code: str) -> list[Office]:
        """The kelurahan of a kota or kecamatan, in code order."""
        return [k for k in self.kelurahan if k.is_within(code)]

    def __post_init__(self) -> None:
        self._by_code = {office.kode: office for office in self.offices}


# --- building the model ------------------------------------------------------


def load_guide(data_dir: Path) -> Guide:
    """Check both files and build the Guide; raises DataError with every problem."""
    checked, problems = check_data(data_dir)
    if checked is None:
        raise DataError(problems)
    return build_guide(checked)


def fields(record: dict, *names: str) -> dict:
    return {name: record[name] for name in names if name in record}


def build_guide(data: CheckedData) -> Guide:
    channels = {c["id"]: Channel(**fields(c, "id", "nama", "jenis", "keterangan", "url")) for c in data.services["kanal"]}
    services = [
        Service(
            id=s["id"], nama=s["nama"], alias=tuple(s["alias"]), ringkasan=s["ringkasan"],
            persyaratan=tuple(Requirement(**fields(r, "dokumen", "kondisi")) for r in s["persyaratan"]),
            langkah=tuple(s["langkah"]), kanal=tuple(channels[c] for c in s["kanal"]), biaya=s["biaya"],
            hasil=s["hasil"], dasar_hukum=tuple(s["dasar_hukum"]), ditinjau=s["ditinjau"],
            line=data.line_of(SERVICES, s), **fields(s, "waktu_proses", "belum_pasti"),
        )
        for s in data.services["layanan"]
    ]
    by_id = {s.id: s for s in services}
    for service, record in zip(services, data.services["layanan"]):
        service.terkait = [by_id[i] for i in record.get("terkait", [])]

    offices = data.offices
    sources = {s["id"]: Source(**fields(s, "id", "judul", "tahun", "url")) for s in offices["sumber"]}

    def contact(record: dict) -> Contact:
        return Contact(
            telepon=tuple(record.get("telepon", ())), sumber=sources.get(record.get("sumber")),
            **fields(record, "peran", "whatsapp", "nama", "jam", "diverifikasi", "catatan", "diragukan"),
        )

    def office(level: str, record: dict) -> Office:
        return Office(
            level=level, line=data.line_of(OFFICES, record),
            kontak=tuple(contact(c) for c in record["kontak"]),
            alias=tuple(record.get("alias", ())),
            sumber_alamat=sources.get(record.get("sumber_alamat")),
            **fields(record, "kode", "nama", "nama_kantor", "nama_resmi", "kode_pos", "alamat", "catatan"),
        )

    guide = Guide(
        channels=list(channels.values()),
        services=services,
        sources=list(sources.values()),
        dinas=office("dinas", offices["dinas"]),
        kota=[office("kota", r) for r in offices["kota"]],
        kecamatan=[office("kecamatan", r) for r in offices["kecamatan"]],
        kelurahan=[office("kelurahan", r) for r in offices["kelurahan"]],
        closures=[
            Closure(
                line=data.line_of(OFFICES, c), layanan=tuple(by_id[i] for i in c.get("layanan", [])),
                **fields(c, "id", "judul", "tingkat", "wilayah", "mulai", "selesai", "alternatif", "referensi", "alasan"),
            )
            for c in offices["penutupan"]
        ],
    )
    link_offices(guide)
    return guide


def link_offices(guide: Guide) -> None:
    """Parents, children, and the closures that reach each office."""
    for office in guide.kota:
        office.parent = guide.dinas
    for office in [*guide.kecamatan, *guide.kelurahan]:
        office.parent = guide.office(office.kode.rsplit(".", 1)[0])
    for office in guide.offices:
        if office.parent is not None:
            office.parent.children.append(office)
    for closure in sorted(guide.closures, key=lambda c: (c.mulai, c.selesai, c.id)):
        closure.region = guide.office(closure.wilayah)
        for office in guide.offices:
            if closure.reaches(office):
                office.closures.append(closure)
