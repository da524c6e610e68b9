"""The model: the records of records.py with their behaviour, built once from checked data.

Templates read these objects, never raw dicts. `build_guide` constructs every
record from the declarations in records.py (no field is named here), then
resolves references (a service's kanal ids become the Channel records) and links
offices to their parents, children and the closures that reach them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import records, region_codes, urls
from .problems import DataError
from .schema import ListOf, Record, Ref, specs
from .validate import OFFICES, SERVICES, CheckedData, check_data

LEVEL_TITLES = {"dinas": "Dinas", "kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}
VILLAGE_TITLES = {"kelurahan": "Kelurahan", "desa": "Desa", "desa adat": "Desa Adat"}

Source = records.Source
Reference = records.Reference
Requirement = records.Requirement


def unique(items) -> list:
    """Items in first-seen order, each once."""
    return list(dict.fromkeys(items))


@dataclass(frozen=True, kw_only=True)
class LegalBasis(records.LegalBasis):
    @property
    def citation(self) -> str:
        """"Undang-Undang ..., Pasal 79A: "…"" as one line of plain text."""
        return f"{self.peraturan.judul}, {self.pasal or 'pasal belum dipastikan'}" + (f": {self.bunyi}" if self.bunyi else "")


@dataclass(frozen=True, kw_only=True)
class Channel(records.Channel):
    @property
    def page(self) -> str:
        return urls.channel(self.id)

    @property
    def references(self) -> list[Reference]:
        """The sources its facts come from."""
        return unique(fact.sumber for fact in self.fakta)


@dataclass(frozen=True, kw_only=True)
class Contact(records.Contact):
    @property
    def label(self) -> str:
        """Who answers: "Petugas Dukcapil kelurahan (Ibu Siti)"."""
        return self.peran + (f" ({self.nama})" if self.nama else "")


# Records that link to others (parents, children, related services) are compared by
# identity and print as one line, so that neither == nor repr() walks the whole graph.


@dataclass(kw_only=True, eq=False, repr=False)
class Service(records.Service):
    line: int  # in services.yaml

    def __repr__(self) -> str:
        return f"<Service {self.id}>"

    @property
    def references(self) -> list[Reference]:
        """Every source of a fact on its page: reports, its channels' sources, regulations cited."""
        return unique([*self.sumber, *(r for c in self.kanal for r in c.references),
                       *(b.peraturan for b in self.dasar_hukum), *(r.dasar for r in self.persyaratan if r.dasar)])

    @property
    def unconfirmed_requirements(self) -> bool:
        return any(r.dasar is None for r in self.persyaratan)

    @property
    def page(self) -> str:
        return urls.service(self.id)


@dataclass(kw_only=True, eq=False, repr=False)
class Office(records.Office):
    level: str  # dinas, kota, kecamatan, kelurahan
    line: int  # in offices.yaml
    parent: "Office | None" = None
    children: list["Office"] = field(default_factory=list)
    closures: list["Closure"] = field(default_factory=list)  # every closure that reaches it

    def __repr__(self) -> str:
        return f"<Office {self.level} {self.kode} {self.nama}>"

    @property
    def kind(self) -> str:
        """dinas, kota or kabupaten, kecamatan, kelurahan, desa or desa adat: read from the code."""
        if self.level == "kota":
            return region_codes.regency_kind(self.kode)
        if self.level == "kelurahan":
            return region_codes.village_kind(self.kode)
        return self.level

    @property
    def datasets(self) -> list[Source]:
        """The data sets its address and contacts come from."""
        return unique([*([self.sumber_alamat] if self.sumber_alamat else []),
                       *(c.sumber for c in self.kontak if c.sumber)])

    @property
    def references(self) -> list[Reference]:
        """The reports and letters its closures are known from."""
        return unique(r for closure in self.closures for r in closure.sumber)

    @property
    def title(self) -> str:
        """"Kelurahan Gunung", "Desa Mekarsari"; a desa adat's name already says so ("Desa Adat Yoboi")."""
        if self.level == "dinas":
            return self.nama
        if self.level == "kota":
            return self.nama_resmi or self.nama
        if self.level == "kelurahan":
            word = VILLAGE_TITLES[self.kind]
            return self.nama if self.kind == "desa adat" and self.nama.startswith(word + " ") else f"{word} {self.nama}"
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
        return urls.DINAS if self.level == "dinas" else urls.office(self.level, self.nama, self.kode)

    @property
    def phone_numbers(self) -> list[str]:
        """Every telephone number of its contacts, in the order written."""
        return [number for contact in self.kontak for number in contact.telepon]

    @property
    def full_address(self) -> str | None:
        """The street address with its kelurahan, kecamatan, kota and postal code, when it is known."""
        if not self.alamat:
            return None
        regions = [o.title for o in [self, *self.ancestors] if o.level != "dinas"]
        return ", ".join([self.alamat, *regions]) + (f" {self.kode_pos}" if self.kode_pos else "")

    @property
    def notice_page(self) -> str:
        return urls.notice(self.level, self.nama, self.kode)

    @property
    def batch_pdf(self) -> str:
        return urls.batch(self.level, self.nama, self.kode)

    @property
    def ancestors(self) -> list["Office"]:
        """Up the chain, nearest first: kecamatan, kota, dinas."""
        chain, office = [], self.parent
        while office is not None:
            chain.append(office)
            office = office.parent
        return chain

    @property
    def villages(self) -> list["Office"]:
        """The desa and kelurahan in its region (itself, for one), in the order of the file."""
        if self.level == "kelurahan":
            return [self]
        return [village for child in self.children for village in child.villages]

    def village_words(self, both: str) -> str:
        kinds = {"kelurahan" if v.kind == "kelurahan" else "desa" for v in self.villages}
        return both if len(kinds) == 2 else kinds.pop() if kinds else "kelurahan"

    @property
    def villages_name(self) -> str:
        """What its villages are: "kelurahan", "desa", or "desa dan kelurahan" when it has both."""
        return self.village_words("desa dan kelurahan")

    @property
    def villages_choice(self) -> str:
        """What a resident picks among them: "kelurahan", "desa", or "desa atau kelurahan"."""
        return self.village_words("desa atau kelurahan")

    @property
    def villages_count(self) -> str:
        """"7 kelurahan", "12 desa", "9 desa dan 3 kelurahan"."""
        villages = self.villages
        kelurahan = sum(1 for v in villages if v.kind == "kelurahan")
        desa = len(villages) - kelurahan
        if desa and kelurahan:
            return f"{desa} desa dan {kelurahan} kelurahan"
        return f"{desa} desa" if desa else f"{kelurahan} kelurahan"

    def is_within(self, code: str) -> bool:
        return region_codes.within(self.kode, code)

    def closures_on(self, day: dt.date) -> list["Closure"]:
        return [closure for closure in self.closures if closure.covers(day)]

    def is_closed_on(self, day: dt.date) -> bool:
        return bool(self.closures_on(day))


@dataclass(kw_only=True, eq=False, repr=False)
class Closure(records.Closure):
    line: int  # in offices.yaml
    region: Office | None = None  # the office of `wilayah`

    def __repr__(self) -> str:
        return f"<Closure {self.id}>"

    @property
    def region_name(self) -> str:
        """Where it applies: "seluruh DKI Jakarta", "Kota Administrasi Jakarta Selatan"."""
        if self.tingkat == "provinsi":
            return "seluruh DKI Jakarta" if self.wilayah == region_codes.DKI else f"seluruh wilayah {self.region.title}"
        return self.region.title

    @property
    def services_name(self) -> str:
        """What it closes: the services' names, or every face-to-face service when none is named."""
        return ", ".join(s.nama for s in self.layanan) or "semua layanan tatap muka"

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


@dataclass(eq=False, repr=False)
class Guide:
    """Everything the pages show, with the lookups templates need."""

    files: tuple[records.ServicesFile, records.OfficesFile]  # the records of each whole file
    references: list[Reference]  # reports and regulations (services.yaml)
    closures_checked: dt.date | None  # when staff last checked the closures against the announcements (None: never)
    region_sources: list[Source]  # where the codes, names and postal codes come from
    channels: list[Channel]
    services: list[Service]
    sources: list[Source]
    dinas: Office
    kota: list[Office]
    kecamatan: list[Office]
    kelurahan: list[Office]
    closures: list[Closure]
    reports_to_check: list[records.ReportToCheck] = field(default_factory=list)  # staff work: never on a page

    @property
    def whatsapp_known(self) -> bool:
        """Whether any office has a WhatsApp number in the data."""
        return any(c.whatsapp for o in self.offices for c in o.kontak)

    def services_through(self, channel: Channel) -> list[Service]:
        return [s for s in self.services if channel in s.kanal]

    @property
    def offices(self) -> list[Office]:
        return [self.dinas, *self.kota, *self.kecamatan, *self.kelurahan]

    def office(self, code: str) -> Office:
        return self._by_code[code]

    def kecamatan_in(self, code: str) -> list[Office]:
        """The kecamatan of a kota, in code order."""
        return self._kecamatan_in.get(code, [])

    def kelurahan_in(self, code: str) -> list[Office]:
        """The kelurahan of a kota or kecamatan, in code order."""
        return self._kelurahan_in.get(code, [])

    def __post_init__(self) -> None:
        self._by_code = {office.kode: office for office in self.offices}
        # Every region each kecamatan and kelurahan lies within, built once: a lookup, not a scan, per page.
        self._kecamatan_in = within_index(self.kecamatan)
        self._kelurahan_in = within_index(self.kelurahan)

    def __repr__(self) -> str:
        return f"<Guide: {len(self.services)} services, {len(self.offices)} offices, {len(self.closures)} closures>"


def within_index(offices: list[Office]) -> dict[str, list[Office]]:
    """{region code: the offices within it, in order}, for every region that holds any."""
    index: dict[str, list[Office]] = {}
    for office in offices:
        for region in region_codes.prefixes(office.kode):
            index.setdefault(region, []).append(office)
    return index


# --- building the model ------------------------------------------------------


def load_guide(data_dir: Path) -> Guide:
    """Check both files and build the Guide; raises DataError with every problem."""
    checked, problems = check_data(data_dir)
    if checked is None:
        raise DataError(problems)
    return build_guide(checked)


def model_class(declaration: type) -> type:
    """The class that adds behaviour to a records.py declaration (Office for records.Office), else itself."""
    extended = [cls for cls in declaration.__subclasses__() if cls.__module__ == __name__]
    return extended[0] if extended else declaration


class Builder:
    """Constructs records from checked values, following the declarations; references come later."""

    def __init__(self, data: CheckedData, label: str):
        self.data, self.label = data, label
        self.built: list[Any] = []  # every record constructed, for resolve()

    def value(self, kind: Any, value: Any) -> Any:
        if isinstance(kind, Record):
            return self.record(kind, value)
        if isinstance(kind, ListOf):
            return tuple(self.value(kind.kind, item) for item in value)
        return value  # a Ref stays an id until resolve()

    def record(self, kind: Record, values: dict[str, Any]) -> Any:
        cls = model_class(kind.cls)
        arguments = {name: self.value(kind.fields[name].kind, values[name])
                     for name, _ in specs(kind.cls) if name in kind.fields and name in values}
        names = {f.name for f in dataclasses.fields(cls)}
        if "line" in names:
            arguments["line"] = self.data.line_of(self.label, values)
        if kind.level:
            arguments["level"] = kind.level
        record = cls(**arguments)
        self.built.append(record)
        return record


def resolve(record: Any, targets: dict[str, dict[str, Any]]) -> None:
    """Replace the ids in a record's Ref fields by the records they name (validate.py made sure they exist)."""
    for name, spec in specs(type(record)):
        kind = spec.kind_for(getattr(record, "level", None))
        value = getattr(record, name)
        if isinstance(kind, Ref) and value is not None:
            object.__setattr__(record, name, targets[kind.target][value])
        elif isinstance(kind, ListOf) and isinstance(kind.kind, Ref):
            object.__setattr__(record, name, tuple(targets[kind.kind.target][v] for v in value))


def build_guide(data: CheckedData) -> Guide:
    service_builder, office_builder = Builder(data, SERVICES), Builder(data, OFFICES)
    services = service_builder.record(records.SERVICES_FILE, data.services)
    offices = office_builder.record(records.OFFICES_FILE, data.offices)
    targets = {
        "channel": {c.id: c for c in services.kanal},
        "service": {s.id: s for s in services.layanan},
        "source": {s.id: s for s in offices.sumber},
        "reference": {r.id: r for r in services.sumber},
    }
    for record in service_builder.built + office_builder.built:
        resolve(record, targets)
    guide = Guide(
        files=(services, offices), references=list(services.sumber), closures_checked=offices.penutupan_diperiksa,
        region_sources=list(offices.sumber_wilayah),
        channels=list(services.kanal), services=list(services.layanan), sources=list(offices.sumber),
        dinas=offices.dinas, kota=list(offices.kota), kecamatan=list(offices.kecamatan),
        kelurahan=list(offices.kelurahan), closures=list(offices.penutupan),
        reports_to_check=list(offices.perlu_diperiksa),
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
        reached = [closure.region]  # the region's office and everything below it: what it reaches
        while reached:
            office = reached.pop()
            office.closures.append(closure)
            reached.extend(office.children)
