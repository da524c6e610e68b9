"""Check services.yaml and offices.yaml: every problem at once, with its line and column.

Field-level rules are declared in records.py (kinds in schema.py); the rules here span records and files:
unique ids and codes, codes in the dinas's province, references that resolve, a
region's parent that exists, closures whose first day is not after their last. Warnings, which stop
nothing, are found only when a check date is given: contacts whose diverifikasi
is older than STALE_AFTER_DAYS (or after the check date), closures without
referensi.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any, Callable, Iterable

import yaml

from . import region_codes, schema, urls
from .records import OFFICES_FILE, SERVICES_FILE
from .load import load_nodes
from .problems import ERROR, WARNING, Problem, errors

SERVICES = "services.yaml"
OFFICES = "offices.yaml"
STALE_AFTER_DAYS = 180  # a contact checked longer ago than this is reported as a warning


@dataclass
class CheckedData:
    """Plain values of both files, each record carrying its __path__, and node positions."""

    services: dict[str, Any]
    offices: dict[str, Any]
    positions: dict[str, dict[tuple, tuple[int, int]]]

    def line_of(self, label: str, record: dict[str, Any]) -> int:
        return self.positions[label].get(record["__path__"].raw, (1, 1))[0]


def written_province(node: yaml.Node) -> str | None:
    """The dinas code as written in offices.yaml, read before any check: it decides which
    province's rules the codes and postal codes follow (schema.ByProvince). None when unclear."""
    dinas = mapping_value(node, "dinas")
    code = mapping_value(dinas, "kode") if dinas is not None else None
    if isinstance(code, yaml.ScalarNode) and re.fullmatch(r"[1-9]\d", code.value.strip()):
        return code.value.strip()
    return None


def mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def check_file(data_dir: FilePath, label: str, spec: schema.Record) -> tuple[schema.Checker, dict | None]:
    checker = schema.Checker(label)
    node, problems = load_nodes(data_dir / label, label)
    checker.problems.extend(problems)
    if node is None:
        return checker, None
    checker.province = written_province(node)
    value = spec.check(node, checker, schema.Path())
    return checker, (value if isinstance(value, dict) else None)


@dataclass
class CheckResult:
    data: CheckedData | None  # None when any error was found
    problems: list[Problem]  # errors and warnings, sorted


def check(data_dir: FilePath, today: dt.date | None = None) -> CheckResult:
    """Both files checked; with `today`, the warnings as of that day are found too."""
    services_check, services = check_file(data_dir, SERVICES, SERVICES_FILE)
    offices_check, offices = check_file(data_dir, OFFICES, OFFICES_FILE)
    if services is not None:
        check_services(services, services_check)
    if offices is not None:
        check_offices(offices, offices_check, services)
        if today is not None:
            warn_offices(offices, offices_check, today)
    problems = sorted(services_check.problems + offices_check.problems)
    if errors(problems) or services is None or offices is None:
        return CheckResult(None, problems)
    positions = {SERVICES: services_check.positions, OFFICES: offices_check.positions}
    return CheckResult(CheckedData(services, offices, positions), problems)


def check_data(data_dir: FilePath) -> tuple[CheckedData | None, list[Problem]]:
    """Both files checked, without warnings; the data is None when any error was found."""
    result = check(data_dir)
    return result.data, errors(result.problems)


# --- rules -----------------------------------------------------------------


def report(checker: schema.Checker, record: dict, name: str, message: str, level: str = ERROR) -> None:
    """A problem about field `name` of `record` (or the record itself when name is "")."""
    path = record["__path__"]
    where = path.key(name) if name else path
    checker.report_at(where.raw, where.text, message, level)


def unique(checker: schema.Checker, records: Iterable[dict], name: str, what: str,
           value: Callable[[dict], Any] | None = None) -> None:
    """Each record's `name` (or value(record)) appears once; later copies are reported."""
    first: dict[Any, dict] = {}
    for record in records:
        key = value(record) if value else record.get(name)
        if key is None:
            continue
        if key in first:
            line = checker.at(first[key]["__path__"].key(name).raw)[0]
            report(checker, record, name, f"duplicate {what}: {record.get(name, key)} is already used on line {line}")
        else:
            first[key] = record


def known(checker: schema.Checker, record: dict, name: str, ids: set[str], what: str) -> None:
    """Every id in record[name] (a string or list) is one of `ids`."""
    values = record.get(name)
    for index, value in enumerate(values if isinstance(values, list) else [values] if values else []):
        if value not in ids:
            path = record["__path__"].key(name)
            where = path.item(index) if isinstance(values, list) else path
            choices = ", ".join(sorted(ids)) or "none defined"
            checker.report_at(where.raw, where.text, f"unknown {what} {value}: expected one of {choices}")


def offices_of(data: dict) -> list[dict]:
    """The Dinas, kota, kecamatan and kelurahan records that were read."""
    return [o for o in [data.get("dinas"), *data.get("kota", []), *data.get("kecamatan", []), *data.get("kelurahan", [])] if o]


REFERENCE = "report or regulation id"  # an id under sumber in services.yaml


def reference_ids(services: dict | None) -> set[str]:
    return {r["id"] for r in (services or {}).get("sumber", []) if "id" in r}


def check_services(data: dict, checker: schema.Checker) -> None:
    references = data.get("sumber", [])
    channels = data.get("kanal", [])
    services = data.get("layanan", [])
    unique(checker, references, "id", REFERENCE)
    unique(checker, channels, "id", "channel id")
    unique(checker, services, "id", "service id")
    channel_ids = {c["id"] for c in channels if "id" in c}
    service_ids = {s["id"] for s in services if "id" in s}
    reference = reference_ids(data)
    for channel in channels:
        for fact in channel.get("fakta", []):
            known(checker, fact, "sumber", reference, REFERENCE)
    for service in services:
        known(checker, service, "kanal", channel_ids, "channel id")
        known(checker, service, "terkait", service_ids, "service id")
        known(checker, service, "sumber", reference, REFERENCE)
        for basis in service.get("dasar_hukum", []):
            known(checker, basis, "peraturan", {r["id"] for r in references if r.get("jenis") == "peraturan"},
                  "regulation id (a sumber with jenis peraturan)")


def check_offices(data: dict, checker: schema.Checker, services: dict | None) -> None:
    sources = data.get("sumber", [])
    unique(checker, sources, "id", "source id")
    source_ids = {s["id"] for s in sources if "id" in s}
    kota = data.get("kota", [])
    kecamatan = data.get("kecamatan", [])
    kelurahan = data.get("kelurahan", [])
    levels = [("kota", kota), ("kecamatan", kecamatan), ("kelurahan", kelurahan)]

    province = (data.get("dinas") or {}).get("kode")
    for level, records in levels:
        unique(checker, records, "kode", f"{level} code")
        if province is None or urls.addressed_by_name(province):
            # Names give the page address (/kelurahan/gunung/), so their slugs must differ too.
            # Elsewhere the address holds the code as well (urls.address_name): names may repeat.
            unique(checker, records, "nama", f"{level} name",
                   value=lambda r: urls.slug(r["nama"]) if "nama" in r else None)

    outside = set()  # records whose code is not in the dinas's province: reported once, here
    if province is not None:
        for level, records in levels:
            for record in records:
                code = record.get("kode")
                if code and not region_codes.within(code, province):
                    outside.add(id(record))
                    report(checker, record, "kode", f"expected a code in province {province} "
                                                    f"(the dinas code), got {code}")

    parents = {"kecamatan": {r.get("kode") for r in kota}, "kelurahan": {r.get("kode") for r in kecamatan}}
    parent_level = {"kecamatan": "kota", "kelurahan": "kecamatan"}
    for level in ("kecamatan", "kelurahan"):
        for record in dict(levels)[level]:
            code = record.get("kode")
            if code and id(record) not in outside and code.rsplit(".", 1)[0] not in parents[level]:
                report(checker, record, "kode",
                       f"expected the code of a {level} in a {parent_level[level]} listed under "
                       f"{parent_level[level]}, got {code} (no {parent_level[level]} {code.rsplit('.', 1)[0]})")

    known(checker, data, "sumber_wilayah", source_ids, "source id")
    for office in offices_of(data):
        known(checker, office, "sumber_alamat", source_ids, "source id")
        for contact in office.get("kontak", []):
            known(checker, contact, "sumber", source_ids, "source id")
            written = contact["__keys__"]
            if "telepon" not in written and "whatsapp" not in written:
                report(checker, contact, "", "a contact needs telepon or whatsapp: expected at least one of them")
            if "sumber" not in written and "diverifikasi" not in written:
                report(checker, contact, "", "a contact needs sumber or diverifikasi: expected where it came from or when it was checked")

    check_closures(data.get("penutupan", []), checker, levels, services, province)
    check_closures(data.get("pembukaan", []), checker, levels, services, province, "opening id")


DOTS = {"provinsi": 0, "kota": 1, "kecamatan": 2, "kelurahan": 3}


def check_closures(closures: list[dict], checker: schema.Checker, levels, services: dict | None,
                   province: str | None, what: str = "closure id") -> None:
    """The closures (penutupan), or the openings (pembukaan): the same region and date rules."""
    unique(checker, closures, "id", what)
    regions = {"provinsi": {province}, **{level: {r.get("kode") for r in records} for level, records in levels}}
    service_ids = {s["id"] for s in (services or {}).get("layanan", []) if "id" in s}
    for closure in closures:
        level, code = closure.get("tingkat"), closure.get("wilayah")
        if level and code:
            if code.count(".") != DOTS[level]:
                report(checker, closure, "wilayah", f"expected the code of a {level} for tingkat {level}, got {code}")
            elif code not in regions[level]:
                report(checker, closure, "wilayah", f"expected the code of a {level} in this file, got {code} (no such {level})")
        first, last = closure.get("mulai"), closure.get("selesai")
        if first and last and first > last:
            report(checker, closure, "selesai",
                   f"expected a last day on or after mulai ({first.isoformat()}), got {last.isoformat()}")
        if services is not None:
            known(checker, closure, "layanan", service_ids, "service id")
            known(checker, closure, "sumber", reference_ids(services), REFERENCE)


# --- warnings: printed for staff, never fatal unless --strict -----------------


def warn_offices(data: dict, checker: schema.Checker, today: dt.date) -> None:
    """Contacts checked too long ago (or on a day still to come), closures without their reference.

    A contact with only `sumber` comes from a dated data set and was never checked:
    it is shown with its year on the page and listed by `python -m generator stale`,
    not warned about one by one here.
    """
    for office in offices_of(data):
        for contact in office.get("kontak", []):
            checked = contact.get("diverifikasi")
            if checked is None:
                continue
            age = (today - checked).days
            if age > STALE_AFTER_DAYS:
                report(checker, contact, "diverifikasi",
                       f"expected a check in the {STALE_AFTER_DAYS} days before {today.isoformat()}, "
                       f"got {checked.isoformat()} ({age} days before): contact them again, then update the date",
                       WARNING)
            elif age < 0:
                report(checker, contact, "diverifikasi",
                       f"expected a day on or before {today.isoformat()}, got {checked.isoformat()} (a day still to come)",
                       WARNING)
    for closure in data.get("penutupan", []):
        if "referensi" not in closure["__keys__"]:
            report(checker, closure, "",
                   "missing field referensi: expected the letter or announcement that ordered the closure, "
                   "so residents can check it", WARNING)
