"""Check services.yaml and offices.yaml: every problem at once, with its line and column.

Field-level rules are declared in records.py (kinds in kinds.py), and so are the rules across
records that this module derives from those declarations: references (Ref fields) that name a
record that exists, values declared unique (ids, codes, names that give page addresses). The
other rules here span records and are written out: codes in the dinas's province, a region's
parent that exists, a closure's region that exists, closures whose first day is not after their
last, contacts with a number and a source. Warnings, which stop
nothing, are found only when a check date is given: contacts whose diverifikasi
is older than STALE_AFTER_DAYS (or after the check date), closures without
referensi.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any, Callable, Iterable, Iterator

import yaml

from . import region_codes
from .checking import Checker, Path
from .declarations import Record, specs
from .kinds import ListOf, ref_of
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
    province's rules the codes and postal codes follow (kinds.ByProvince). None when unclear."""
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


def check_file(data_dir: FilePath, label: str, spec: Record) -> tuple[Checker, dict | None]:
    checker = Checker(label)
    node, problems = load_nodes(data_dir / label, label)
    checker.problems.extend(problems)
    if node is None:
        return checker, None
    checker.province = written_province(node)
    value = spec.check(node, checker, Path())
    return checker, (value if isinstance(value, dict) else None)


@dataclass
class CheckResult:
    data: CheckedData | None  # None when any error was found
    problems: list[Problem]  # errors and warnings, sorted


def check(data_dir: FilePath, today: dt.date | None = None) -> CheckResult:
    """Both files checked; with `today`, the warnings as of that day are found too."""
    services_check, services = check_file(data_dir, SERVICES, SERVICES_FILE)
    offices_check, offices = check_file(data_dir, OFFICES, OFFICES_FILE)
    check_declared([(SERVICES_FILE, services, services_check), (OFFICES_FILE, offices, offices_check)])
    if offices is not None:
        check_offices(offices, offices_check)
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


def report(checker: Checker, record: dict, name: str, message: str, level: str = ERROR) -> None:
    """A problem about field `name` of `record` (or the record itself when name is "")."""
    path = record["__path__"]
    where = path.key(name) if name else path
    checker.report_at(where.raw, where.text, message, level)


def unique(checker: Checker, records: Iterable[dict], name: str, what: str,
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


def known(checker: Checker, record: dict, name: str, ids: set[str], what: str) -> None:
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


# --- references and unique values: derived from the declarations in records.py --------


def records_in(kind: Record, value: dict) -> Iterator[tuple[Record, dict]]:
    """Every record read in a file (the file itself first), with the kind that checked it."""
    yield kind, value
    for name, field in kind.fields.items():
        inner = field.kind.kind if isinstance(field.kind, ListOf) else field.kind
        if isinstance(inner, Record) and name in value:
            for item in value[name] if isinstance(field.kind, ListOf) else [value[name]]:
                yield from records_in(inner, item)


def record_lists(kind: Record, value: dict) -> Iterator[tuple[ListOf, list[dict]]]:
    """Every list of records read in a file (sumber, kanal, kelurahan, kontak...), with its kind."""
    for record_kind, record in records_in(kind, value):
        for name, field in record_kind.fields.items():
            if isinstance(field.kind, ListOf) and isinstance(field.kind.kind, Record) and name in record:
                yield field.kind, record[name]


@dataclass
class Targets:
    """The records a Ref may name: the list of the target's class, and its key field."""

    records: list[dict]
    key: str
    what: str  # how its key is named in messages: "channel id"


def targets_in(files: list[tuple[Record, dict]]) -> dict[str, Targets]:
    """{Ref target: its records} for every list of records that has a key (label_key) in the files read."""
    found: dict[str, Targets] = {}
    for file_kind, value in files:
        for list_kind, items in record_lists(file_kind, value):
            if list_kind.label_key is None:
                continue
            cls = list_kind.kind.cls
            unique = dict(specs(cls))[list_kind.label_key].unique
            what = unique.named(list_kind.kind.level) if unique else f"{cls.__name__.lower()} {list_kind.label_key}"
            found.setdefault(cls.__name__.lower(), Targets([], list_kind.label_key, what)).records.extend(items)
    return found


def check_references(kind: Record, value: dict, checker: Checker, targets: dict[str, Targets]) -> None:
    """Every Ref field of every record names a record that exists (a target missing: its file was unreadable)."""
    for record_kind, record in records_in(kind, value):
        for name, field in record_kind.fields.items():
            ref = ref_of(field.kind)
            if ref is None or name not in record or ref.target not in targets:
                continue
            target = targets[ref.target]
            ids = {r[target.key] for r in target.records if target.key in r and ref.admits(r)}
            known(checker, record, name, ids, ref.what or target.what)


def check_unique(kind: Record, value: dict, checker: Checker) -> None:
    """In every list of records, each field declared unique has each value once."""
    for list_kind, items in record_lists(kind, value):
        item_kind = list_kind.kind
        for name, spec in specs(item_kind.cls):
            rule = spec.unique
            if rule is None or name not in item_kind.fields or (rule.when and not rule.when(checker.province)):
                continue
            key = rule.key
            unique(checker, items, name, rule.named(item_kind.level),
                   value=(lambda r, name=name, key=key: key(r[name]) if name in r else None) if key else None)


def check_declared(files: list[tuple[Record, dict | None, Checker]]) -> None:
    """The references and unique values declared in records.py, across the files that were read."""
    read = [(kind, value) for kind, value, _ in files if value is not None]
    targets = targets_in(read)
    for kind, value, checker in files:
        if value is not None:
            check_unique(kind, value, checker)
            check_references(kind, value, checker, targets)


def check_offices(data: dict, checker: Checker) -> None:
    kota = data.get("kota", [])
    kecamatan = data.get("kecamatan", [])
    kelurahan = data.get("kelurahan", [])
    levels = [("kota", kota), ("kecamatan", kecamatan), ("kelurahan", kelurahan)]

    province = (data.get("dinas") or {}).get("kode")
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

    for office in offices_of(data):
        for contact in office.get("kontak", []):
            written = contact["__keys__"]
            if "telepon" not in written and "whatsapp" not in written and "telegram" not in written:
                report(checker, contact, "", "a contact needs telepon, whatsapp or telegram: expected at least one of them")
            if "sumber" not in written and "diverifikasi" not in written and "disebut" not in written:
                report(checker, contact, "", "a contact needs sumber, disebut or diverifikasi: "
                                             "expected where it came from, which report named it, or when it was checked")

    check_closures(data.get("penutupan", []), checker, levels, province)


DOTS = {"provinsi": 0, "kota": 1, "kecamatan": 2, "kelurahan": 3}


def check_closures(closures: list[dict], checker: Checker, levels, province: str | None) -> None:
    regions = {"provinsi": {province}, **{level: {r.get("kode") for r in records} for level, records in levels}}
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


# --- warnings: printed for staff, never fatal unless --strict -----------------


def warn_offices(data: dict, checker: Checker, today: dt.date) -> None:
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
