"""Plain exports of the data: services.json, offices.json (each with its JSON Schema) and offices.csv.

No data field is named here: records and schemas are walked from the
declarations in records.py (`schema.specs`), so every declared field is in the
export under its declared name, its value converted by its kind (a reference
becomes the id it names, a date its ISO form, a phone stays E.164, a year is a
number, a nested record an object) and its schema given by the kind
(`Kind.export_schema`). A field staff left out is null, or [] for a list.

Beside the declared fields, the export adds a few COMPUTED columns that nobody
writes in the YAML (a page's address, an office's level and parent, the day the
data last changed). offices.csv has one row per office: its declared
single-valued fields, its computed columns, then the columns read through its
references and its contacts, flattened, with phones printed as on the pages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import phones, records, urls
from .hsds import service_uuid
from .model import Guide, Office
from .schema import Date, Field, Kind, ListOf, Phone, Record, Ref, absent_allowed, specs

DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- declared fields: values and schemas from the declarations ---------------------


class AnyLevel(Kind):
    """A field whose kind differs by office level (kode), in a list of offices of every level."""

    def __init__(self, kinds: dict[str, Kind]):
        self.kinds = kinds

    def export_schema(self):
        options: list[dict] = []
        for kind in self.kinds.values():
            if kind.export_schema() not in options:
                options.append(kind.export_schema())
        return options[0] if len(options) == 1 else {"anyOf": options}


@dataclass(frozen=True)
class FilledIn:
    """A declared field exported as the pages show it, where the data may leave it out."""

    value: Callable[[Any], Any]
    doc: str


FILLED_IN = {
    (records.Office, "nama_kantor"): FilledIn(
        lambda office: office.office_name,
        "the office's name as the guide shows it: as written for a Suku Dinas, derived for the others "
        "(Kantor Kelurahan Gunung)"),
}


def export_kind(cls: type) -> Record:
    """The exported record of a class, for its export_schema(): every declared field, of every level for
    offices (a field some levels lack is null or [] on those), the filled-in fields always present."""
    fields = {}
    for name, spec in specs(cls):
        kind = AnyLevel(spec.kind) if isinstance(spec.kind, dict) else spec.kind
        filled = FILLED_IN.get((cls, name))
        required = filled is not None or (spec.required and spec.levels is None)
        fields[name] = Field(kind, required, filled.doc if filled else spec.doc)
    return Record(fields, cls=cls)


def exported(kind: Kind, value: Any) -> Any:
    """A value of the model as JSON, converted by its declared kind."""
    if isinstance(kind, ListOf):
        return [exported(kind.kind, item) for item in value or ()]
    if value is None:
        return None
    if isinstance(kind, Record):
        return exported_record(kind.cls, value)
    if isinstance(kind, Ref):
        return value.id  # model.py resolved the id to the record
    if isinstance(kind, Date):
        return value.isoformat()
    return value  # text as written, phones already E.164, years already numbers


def exported_record(cls: type, record: Any) -> dict[str, Any]:
    """Every declared field of a record, under its name; filled-in fields as the pages show them."""
    level = getattr(record, "level", None)
    values = {}
    for name, spec in specs(cls):
        filled = FILLED_IN.get((cls, name))
        values[name] = exported(spec.kind_for(level), filled.value(record) if filled else getattr(record, name))
    return values


# --- computed columns: not data fields, made from the record and the build ----------


@dataclass(frozen=True)
class Computed:
    """A column the export adds that nobody writes in the YAML."""

    name: str
    schema: dict
    doc: str
    value: Callable[[Any], Any]


def computed_columns(site_url: str) -> dict[type, list[Computed]]:
    """The computed columns of each exported record class."""
    page = {"type": "string", "format": "uri"}
    return {
        records.Service: [
            Computed("halaman", page, "the service's page in the guide", lambda s: urls.absolute(site_url, s.page)),
            Computed("hsds", {"type": "string", "format": "uri-reference"},
                     "this service in HSDS 3.0, relative to the root of the site",
                     lambda s: urls.hsds_service(service_uuid(s))),
        ],
        records.Office: [
            Computed("tingkat", {"type": "string", "enum": LEVELS}, "the level of the office", lambda o: o.level),
            Computed("induk", absent_allowed(export_kind(records.Office).export_schema()["properties"]["kode"]),
                     "kode of the office above it; null for the Dinas", lambda o: o.parent.kode if o.parent else None),
            Computed("halaman", page, "the office's page in the guide", lambda o: urls.absolute(site_url, o.page)),
        ],
    }


def updated_column(updated: dt.date) -> Computed:
    return Computed("diperbarui", Date().export_schema(),
                    "the day the data last changed (services.yaml or offices.yaml)", lambda _: updated.isoformat())


def item(cls: type, record: Any, computed: dict[type, list[Computed]]) -> dict[str, Any]:
    return {**exported_record(cls, record), **{c.name: c.value(record) for c in computed.get(cls, [])}}


def item_schema(cls: type, computed: dict[type, list[Computed]]) -> dict:
    schema = export_kind(cls).export_schema()
    extra = computed.get(cls, [])
    return {**schema,
            "properties": {**schema["properties"], **{c.name: {**c.schema, "description": c.doc} for c in extra}},
            "required": [*schema["required"], *(c.name for c in extra)]}


# --- the two JSON files -----------------------------------------------------------


def item_kind(kind: Kind) -> Record:
    """The record of a data file's field: the kind of its items, or itself (dinas)."""
    return kind.kind if isinstance(kind, ListOf) else kind


# The offices of every level (the file's dinas, kota, kecamatan and kelurahan) are one list, in code order,
# each with its tingkat; the file's other lists are read from the Guide under these names.
OFFICES = "kantor"
LEVELS = [item_kind(field.kind).level for field in records.OFFICES_FILE.fields.values()
          if isinstance(item_kind(field.kind), Record) and item_kind(field.kind).cls is records.Office]


def file_export(file: Record, guide: Guide, computed: dict[type, list[Computed]], updated: dt.date,
                title: str, doc: str) -> tuple[dict, dict]:
    """An export of one data file, following its declared fields, and its schema."""
    top = updated_column(updated)
    values = {top.name: top.value(guide)}
    properties = {top.name: {**top.schema, "description": top.doc}}
    data_file = next(f for f in guide.files if isinstance(f, file.cls))
    for name, field in file.fields.items():
        if not isinstance(item_kind(field.kind), Record):  # a value of the whole file: a date, a list of ids
            values[name] = exported(field.kind, getattr(data_file, name))
            schema = field.kind.export_schema() if field.required else absent_allowed(field.kind.export_schema())
            properties[name] = {**schema, "description": field.doc}
            continue
        cls = item_kind(field.kind).cls
        if cls is records.Office:
            if OFFICES in values:
                continue
            name, items, described = OFFICES, guide.offices, f"every office: {', '.join(LEVELS)}, in code order"
        else:
            items = getattr(data_file, name)
            described = field.doc or f"every `{name}` record, in the order of the data file"
        values[name] = [item(cls, record, computed) for record in items]
        properties[name] = {"type": "array", "items": item_schema(cls, computed), "description": described}
    schema = {"$schema": DIALECT, "title": title, "description": doc, "type": "object", "properties": properties,
              "required": list(properties), "additionalProperties": False}
    return values, schema


def services_document(guide: Guide, site_url: str, updated: dt.date) -> tuple[dict, dict]:
    """services.json and its schema."""
    return file_export(records.SERVICES_FILE, guide, computed_columns(site_url), updated,
                       f"Layanan Dukcapil {guide.region_title} (services.json)",
                       "The online channels and every service of the guide, made from services.yaml.")


def offices_document(guide: Guide, site_url: str, updated: dt.date) -> tuple[dict, dict]:
    """offices.json and its schema."""
    return file_export(records.OFFICES_FILE, guide, computed_columns(site_url), updated,
                       f"Kantor Dukcapil {guide.region_title} (offices.json)",
                       "The data sources, every office and the closures of the guide, made from offices.yaml.")


# --- offices.csv ---------------------------------------------------------------


def joined(values) -> str:
    """Several values in one cell, in order, without repeats."""
    return "; ".join(dict.fromkeys(v for v in values if v))


def cell(kind: Kind | None, value: Any) -> str:
    """An exported value as a spreadsheet cell: phones printed as on the pages, absent values empty."""
    if value is None:
        return ""
    return phones.display(value) if isinstance(kind, Phone) else str(value)


# Read through an office's references and contacts; several contacts' values share one cell.
FLATTENED: list[tuple[str, Callable[[Office], str]]] = [
    ("tahun_alamat", lambda o: str(o.sumber_alamat.tahun) if o.sumber_alamat else ""),
    ("telepon", lambda o: joined(phones.display(n) for c in o.kontak for n in c.telepon)),
    ("whatsapp", lambda o: joined(phones.display(c.whatsapp) for c in o.kontak if c.whatsapp)),
    ("sumber_kontak", lambda o: joined(c.sumber.id for c in o.kontak if c.sumber)),
    ("tahun_kontak", lambda o: joined(str(c.sumber.tahun) for c in o.kontak if c.sumber)),
    ("diverifikasi", lambda o: joined(c.diverifikasi.isoformat() for c in o.kontak if c.diverifikasi)),
    ("diragukan", lambda o: joined(c.diragukan for c in o.kontak)),
]


def csv_columns(computed: dict[type, list[Computed]]) -> dict[str, Kind | None]:
    """The office's declared single-valued fields with their kinds, then its computed columns."""
    declared = {name: field.kind for name, field in export_kind(records.Office).fields.items()
                if not isinstance(field.kind, (ListOf, Record))}
    return {**declared, **{c.name: None for c in computed[records.Office]}}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def offices_csv(guide: Guide, site_url: str) -> str:
    """One row per office, UTF-8, comma-separated, LF line endings, minimal quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    computed = computed_columns(site_url)
    columns = csv_columns(computed)
    writer.writerow([*columns, *(name for name, _ in FLATTENED)])
    for office in guide.offices:
        exported_office = item(records.Office, office, computed)
        cells = [cell(kind, exported_office[name]) for name, kind in columns.items()]
        writer.writerow([spreadsheet_safe(text) for text in cells + [read(office) for _, read in FLATTENED]])
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
