"""What a pull request changes in the data, in plain Indonesian for its reviewer.

Each side (a git ref, or a folder) is checked and built into the model, and the
two Guides are compared record by record: offices by code, services, closures,
channels and sources by id, contacts by role. Moving records, reformatting or
editing comments therefore changes nothing; the summary shows only what a
resident would see change: contacts (old → new, numbers as printed on the
pages), closures (dates in Indonesian), requirements and steps of services,
offices added or removed, then any other field under "Perubahan lain". The
fields compared are those declared in records.py, each read the way its kind
(schema.py) shows it; nothing here lists field names.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import long_date
from .model import Closure, Contact, Guide, Service, build_guide
from .schema import EMPTY, ListOf, Record, Spec, label, specs
from .validate import OFFICES, SERVICES, check_data

NO_CHANGE = "Tidak ada perubahan data."
WORKING_TREE = "berkas kerja"  # HEAD left out: the files as they are on disk


class SideError(Exception):
    """A side could not be read (unknown git ref, file missing at that ref)."""


@dataclass
class Side:
    label: str  # how the summary names it: `main`, `tests/data`, berkas kerja
    guide: Guide | None
    problems: list[str]


# --- reading both sides ------------------------------------------------------


def read_side(spec: str | None, data_dir: Path) -> Side:
    """`spec` is a folder, a git ref of the repository holding data_dir, or None for data_dir itself."""
    if spec is None:
        return checked(WORKING_TREE, data_dir)
    if Path(spec).is_dir():
        return checked(f"`{spec}`", Path(spec))
    with tempfile.TemporaryDirectory(prefix="panduan-diff-") as temp:
        for name in (SERVICES, OFFICES):
            # REF:./name is the file beside data_dir, wherever data_dir is in the repository.
            shown = subprocess.run(["git", "-C", str(data_dir), "show", f"{spec}:./{name}"],
                                   capture_output=True, text=True)
            if shown.returncode != 0:
                raise SideError(f"cannot read {name} at {spec}: {shown.stderr.strip()}")
            (Path(temp) / name).write_text(shown.stdout, encoding="utf-8")
        return checked(f"`{spec}`", Path(temp))


def checked(label: str, folder: Path) -> Side:
    data, problems = check_data(folder)
    return Side(label, build_guide(data) if data is not None else None, [str(p) for p in problems])


# --- the summary -------------------------------------------------------------


def summarise(base: Side, head: Side) -> str:
    """The Markdown for the reviewer; says which side is invalid instead when one is."""
    lines = [f"# Perubahan data: {base.label} → {head.label}", ""]
    invalid = [side for side in (base, head) if side.guide is None]
    for side in invalid:
        lines += [f"Data di {side.label} belum valid, jadi perubahannya belum bisa diringkas. "
                  f"Perbaiki dulu masalah berikut (`make check` menunjukkan yang sama):", "", "```text",
                  *side.problems, "```", ""]
    if not invalid:
        sections = compare(base.guide, head.guide)
        for title, body in sections:
            lines += [f"## {title}", "", *body, ""]
        if not sections:
            lines += [NO_CHANGE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def file_changes(old: Guide, new: Guide) -> list[str]:
    """The facts declared for a whole file (when the closures were checked, where region data comes from)."""
    return [f"- {line}" for before, after in zip(old.files, new.files) for line in changed(before, after)]


def compare(old: Guide, new: Guide) -> list[tuple[str, list[str]]]:
    sections = [
        ("Kontak", contact_changes(old, new)),
        ("Penutupan", closure_changes(old, new)),
        ("Layanan", service_changes(old, new)),
        ("Kantor", office_changes(old, new)),
        ("Perubahan lain", other_changes(old, new) + file_changes(old, new)),
    ]
    return [(title, body) for title, body in sections if body]


def by_key(records: Sequence[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(record, key): record for record in records}


# --- how records read --------------------------------------------------------


def itemised(spec: Spec) -> bool:
    """A list the diff reads item by item (requirements, steps, contacts) rather than as one value."""
    kind = spec.kind_for(None) if not isinstance(spec.kind, dict) else None
    return spec.items or isinstance(kind, Record) or (isinstance(kind, ListOf) and isinstance(kind.kind, Record))


def changed(old: Any, new: Any) -> list[str]:
    """"label old → new" for each declared field, read as the reviewer reads it, whose value differs."""
    found = []
    for name, spec in specs(type(new)):
        if itemised(spec):
            continue
        before, after = spec.reads(getattr(old, name), old), spec.reads(getattr(new, name), new)
        if before != after:
            found.append(f"{label(name, spec)} {before} → {after}")
    return found


def item_text(item: Any) -> str:
    """A list item: a step as written; a record as its first field, the others in brackets."""
    if isinstance(item, str):
        return item
    (_, first), *rest = [(spec, spec.reads(getattr(item, name), item).strip('"'))
                         for name, spec in specs(type(item))]
    rest = [text for spec, text in rest if text != EMPTY]
    return first + (f" ({', '.join(rest)})" if rest else "")


def items_changed(old: Any, new: Any) -> list[str]:
    """Items added to and removed from each itemised field (requirements, steps, facts), as list lines."""
    return [line for name, spec in specs(type(new)) if itemised(spec) and name != "kontak"
            for line in item_changes(getattr(old, name), getattr(new, name), label(name, spec))]


def contact_text(contact: Contact) -> str:
    parts = [f"{label(name, spec)} {spec.reads(getattr(contact, name), contact)}"
             for name, spec in specs(type(contact)) if name not in ("peran", "nama") and getattr(contact, name)]
    return ", ".join([contact.label, *parts])


def without_trailing_blank(lines: list[str]) -> list[str]:
    return lines[:-1] if lines and lines[-1] == "" else lines


# --- contacts ----------------------------------------------------------------


def contact_changes(old: Guide, new: Guide) -> list[str]:
    before = by_key(old.offices, "kode")
    lines = []
    for office in new.offices:
        previous = before.get(office.kode)
        found = office_contact_changes(previous.kontak if previous else (), office.kontak)
        if found:
            lines += [f"### {office.title} ({office.kode})", "", *found, ""]
    return without_trailing_blank(lines)


def office_contact_changes(old: Sequence[Contact], new: Sequence[Contact]) -> list[str]:
    """Contacts paired by role: changed fields, then new and removed ones. Order alone is no change."""
    removed, added = list(old), []
    for contact in new:
        if contact in removed:
            removed.remove(contact)
        else:
            added.append(contact)
    lines = []
    for contact in list(added):
        partner = next((c for c in removed if c.peran == contact.peran), None)
        if partner is not None:
            removed.remove(partner)
            added.remove(contact)
            lines.append(f"- {contact.peran}: " + "; ".join(changed(partner, contact)))
    lines += [f"- Kontak baru: {contact_text(c)}" for c in added]
    lines += [f"- Kontak dihapus: {contact_text(c)}" for c in removed]
    return lines


# --- closures ----------------------------------------------------------------


def period(closure: Closure) -> str:
    if closure.mulai == closure.selesai:
        return long_date(closure.mulai)
    return f"{long_date(closure.mulai)} sampai {long_date(closure.selesai)}"


def closure_text(closure: Closure) -> str:
    parts = [f"**{closure.judul}** (`{closure.id}`): {closure.region_name}, {period(closure)}",
             f"layanan: {closure.services_name}"]
    if closure.referensi:
        parts.append(f"referensi: {closure.referensi}")
    return "; ".join(parts)


def closure_changes(old: Guide, new: Guide) -> list[str]:
    before, after = by_key(old.closures), by_key(new.closures)
    lines = []
    for closure in sorted(new.closures, key=lambda c: (c.mulai, c.selesai, c.id)):
        previous = before.get(closure.id)
        if previous is None:
            lines.append(f"- Baru: {closure_text(closure)}")
        elif found := changed(previous, closure):
            lines.append(f"- Diubah: **{closure.judul}** (`{closure.id}`): " + "; ".join(found))
    lines += [f"- Dihapus: {closure_text(c)}" for c in old.closures if c.id not in after]
    return lines


# --- services ----------------------------------------------------------------


def item_changes(old: Sequence, new: Sequence, what: str) -> list[str]:
    """Items added and removed; when there are none but the order differs, that it was reordered."""
    lines = [f"- {what} ditambah: {item_text(item)}" for item in new if item not in old]
    lines += [f"- {what} dihapus: {item_text(item)}" for item in old if item not in new]
    if not lines and tuple(old) != tuple(new):
        lines = [f"- Urutan {what.lower()} diubah."]
    return lines


def service_changes(old: Guide, new: Guide) -> list[str]:
    before, after = by_key(old.services), by_key(new.services)
    lines = []
    for service in new.services:
        previous = before.get(service.id)
        if previous is None:
            lines += [f"- Layanan baru: **{service.nama}** (`{service.id}`)", ""]
            continue
        found = items_changed(previous, service)
        if found:
            lines += [f"### {service.nama} (`{service.id}`)", "", *found, ""]
    removed = [f"- Layanan dihapus: **{s.nama}** (`{s.id}`)" for s in old.services if s.id not in after]
    if removed:
        lines += [*removed, ""]
    return without_trailing_blank(lines)


# --- offices -----------------------------------------------------------------


def office_changes(old: Guide, new: Guide) -> list[str]:
    before, after = by_key(old.offices, "kode"), by_key(new.offices, "kode")
    lines = [f"- Kantor baru: {o.title} ({o.kode})" for o in new.offices if o.kode not in before]
    return lines + [f"- Kantor dihapus: {o.title} ({o.kode})" for o in old.offices if o.kode not in after]


# --- everything else a page shows ---------------------------------------------


def other_changes(old: Guide, new: Guide) -> list[str]:
    """The declared fields not summarised above, of every office, service, channel and source."""
    groups = [  # records, their key, how one is named, whether new and removed ones are listed here
        (old.offices, new.offices, "kode", lambda o: o.title, False),
        (old.services, new.services, "id", lambda s: f"Layanan {s.nama}", False),
        (old.channels, new.channels, "id", lambda c: f"Kanal {c.nama} (`{c.id}`)", True),
        (old.references, new.references, "id", lambda r: f"Sumber `{r.id}`", True),
        (old.sources, new.sources, "id", lambda s: f"Sumber data `{s.id}`", True),
        (old.reports_to_check, new.reports_to_check, "id", lambda r: f"Laporan yang perlu diperiksa `{r.id}`", True),
    ]
    lines = []
    for before, after, key, title, listed in groups:
        old_by_key, new_keys = by_key(before, key), {getattr(r, key) for r in after}
        for record in after:
            previous = old_by_key.get(getattr(record, key))
            if previous is None:
                lines += [f"- Baru: {title(record)}"] if listed else []
            elif found := changed(previous, record):
                lines.append(f"- {title(record)}: " + "; ".join(found))
            if previous is not None and not isinstance(record, Service):  # a service's lists are under Layanan
                lines += [f"- {title(record)}: {line.removeprefix('- ')}" for line in items_changed(previous, record)]
        if listed:
            lines += [f"- Dihapus: {title(r)}" for r in before if getattr(r, key) not in new_keys]
    return lines


def run(base: str, head: str | None, data_dir: Path) -> tuple[str, int]:
    """The summary and the exit code: 1 when either side is invalid."""
    sides = read_side(base, data_dir), read_side(head, data_dir)
    return summarise(*sides), 1 if any(side.guide is None for side in sides) else 0
