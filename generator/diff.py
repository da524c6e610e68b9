"""What a pull request changes in the data, in plain Indonesian for its reviewer.

Each side (a git ref, or a folder) is checked and built into the model, and the
two Guides are compared record by record: offices by code, services, closures,
channels and sources by id, contacts by role. Moving records, reformatting or
editing comments therefore changes nothing; the summary shows only what a
resident would see change: contacts (old → new, numbers as printed on the
pages), closures (dates in Indonesian), requirements and steps of services,
offices added or removed, then any other field under "Perubahan lain".
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import phones
from .dates import long_date, plain_date
from .model import Closure, Contact, Guide, Office, Service, build_guide
from .validate import OFFICES, SERVICES, check_data

NO_CHANGE = "Tidak ada perubahan data."
WORKING_TREE = "berkas kerja"  # HEAD left out: the files as they are on disk
EMPTY = "(kosong)"


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


def compare(old: Guide, new: Guide) -> list[tuple[str, list[str]]]:
    sections = [
        ("Kontak", contact_changes(old, new)),
        ("Penutupan", closure_changes(old, new)),
        ("Layanan", service_changes(old, new)),
        ("Kantor", office_changes(old, new)),
        ("Perubahan lain", other_changes(old, new)),
    ]
    return [(title, body) for title, body in sections if body]


def by_key(records: Sequence[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(record, key): record for record in records}


# --- how values read ---------------------------------------------------------


def text(value: str | None) -> str:
    return f'"{value}"' if value else EMPTY


def phone_list(numbers: Sequence[str]) -> str:
    return ", ".join(phones.display(n) for n in numbers) or EMPTY


def day(value: dt.date | None) -> str:
    return plain_date(value) if value else EMPTY


def names(values: Sequence[str]) -> str:
    return ", ".join(values) or EMPTY


# Each field a reviewer may see change: (label, how its value reads).
CONTACT_FIELDS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "nama": ("nama", text),
    "whatsapp": ("WhatsApp", lambda v: phones.display(v) if v else EMPTY),
    "telepon": ("telepon", phone_list),
    "jam": ("jam", text),
    "diverifikasi": ("diverifikasi", day),
    "sumber": ("sumber", lambda v: f"{v.id} ({v.tahun})" if v else EMPTY),
    "catatan": ("catatan", text),
    "diragukan": ("diragukan", text),
}


def changed(old: Any, new: Any, fields: dict[str, tuple[str, Callable[[Any], str]]]) -> list[str]:
    """"label old → new" for each field whose shown value differs."""
    found = []
    for name, (label, show) in fields.items():
        before, after = show(getattr(old, name)), show(getattr(new, name))
        if before != after:
            found.append(f"{label} {before} → {after}")
    return found


def contact_text(contact: Contact) -> str:
    parts = [f"WhatsApp {phones.display(contact.whatsapp)}" if contact.whatsapp else "",
             f"telepon {phone_list(contact.telepon)}" if contact.telepon else "",
             f"diverifikasi {plain_date(contact.diverifikasi)}" if contact.diverifikasi else "",
             f"sumber {contact.sumber.id} ({contact.sumber.tahun})" if contact.sumber else ""]
    return ", ".join([contact.label, *filter(None, parts)])


# --- contacts ----------------------------------------------------------------


def contact_changes(old: Guide, new: Guide) -> list[str]:
    before = by_key(old.offices, "kode")
    lines = []
    for office in new.offices:
        previous = before.get(office.kode)
        found = office_contact_changes(previous.kontak if previous else (), office.kontak)
        if found:
            lines += [f"### {office.title} ({office.kode})", "", *found, ""]
    return lines[:-1]


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
            lines.append(f"- {contact.peran}: " + "; ".join(changed(partner, contact, CONTACT_FIELDS)))
    lines += [f"- Kontak baru: {contact_text(c)}" for c in added]
    lines += [f"- Kontak dihapus: {contact_text(c)}" for c in removed]
    return lines


# --- closures ----------------------------------------------------------------


def region(closure: Closure) -> str:
    return "seluruh DKI Jakarta" if closure.tingkat == "provinsi" else closure.region.title


def period(closure: Closure) -> str:
    if closure.mulai == closure.selesai:
        return long_date(closure.mulai)
    return f"{long_date(closure.mulai)} sampai {long_date(closure.selesai)}"


def services_closed(closure: Closure) -> str:
    return names([s.nama for s in closure.layanan]) if closure.layanan else "semua layanan tatap muka"


CLOSURE_FIELDS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "judul": ("judul", text),
    "mulai": ("mulai", long_date),
    "selesai": ("selesai", long_date),
    "referensi": ("referensi", text),
    "alasan": ("alasan", text),
    "alternatif": ("alternatif", text),
}


def closure_text(closure: Closure) -> str:
    parts = [f"**{closure.judul}** (`{closure.id}`): {region(closure)}, {period(closure)}",
             f"layanan: {services_closed(closure)}"]
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
            continue
        found = changed(previous, closure, CLOSURE_FIELDS)
        if region(previous) != region(closure):
            found.insert(1, f"wilayah {region(previous)} → {region(closure)}")
        if services_closed(previous) != services_closed(closure):
            found.append(f"layanan {services_closed(previous)} → {services_closed(closure)}")
        if found:
            lines.append(f"- Diubah: **{closure.judul}** (`{closure.id}`): " + "; ".join(found))
    lines += [f"- Dihapus: {closure_text(c)}" for c in old.closures if c.id not in after]
    return lines


# --- services ----------------------------------------------------------------


def requirement_text(requirement) -> str:
    return requirement.dokumen + (f" ({requirement.kondisi})" if requirement.kondisi else "")


def added_and_removed(old: Sequence, new: Sequence, what: str, show: Callable[[Any], str] = str) -> list[str]:
    lines = [f"- {what} ditambah: {show(item)}" for item in new if item not in old]
    return lines + [f"- {what} dihapus: {show(item)}" for item in old if item not in new]


def service_changes(old: Guide, new: Guide) -> list[str]:
    before, after = by_key(old.services), by_key(new.services)
    lines = []
    for service in new.services:
        previous = before.get(service.id)
        if previous is None:
            lines.append(f"- Layanan baru: **{service.nama}** (`{service.id}`)")
            continue
        found = added_and_removed(previous.persyaratan, service.persyaratan, "Persyaratan", requirement_text)
        steps = added_and_removed(previous.langkah, service.langkah, "Langkah")
        if not steps and previous.langkah != service.langkah:
            steps = ["- Urutan langkah diubah."]
        if found + steps:
            lines += [f"### {service.nama} (`{service.id}`)", "", *found, *steps, ""]
    removed = [f"- Layanan dihapus: **{s.nama}** (`{s.id}`)" for s in old.services if s.id not in after]
    if removed:
        lines += [*removed, ""]
    return lines[:-1]


# --- offices -----------------------------------------------------------------


def office_changes(old: Guide, new: Guide) -> list[str]:
    before, after = by_key(old.offices, "kode"), by_key(new.offices, "kode")
    lines = [f"- Kantor baru: {o.title} ({o.kode})" for o in new.offices if o.kode not in before]
    return lines + [f"- Kantor dihapus: {o.title} ({o.kode})" for o in old.offices if o.kode not in after]


# --- everything else a page shows ---------------------------------------------


def source_id(value) -> str:
    return value.id if value else EMPTY


def sorted_names(values) -> str:
    return names(sorted(values))


OFFICE_FIELDS = {name: (name, text) for name in ("nama", "nama_kantor", "nama_resmi", "kode_pos", "alamat", "catatan")}
OFFICE_FIELDS["sumber_alamat"] = ("sumber_alamat", source_id)

SERVICE_FIELDS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "nama": ("nama", text),
    "alias": ("alias", sorted_names),
    "ringkasan": ("ringkasan", text),
    "kanal": ("kanal", lambda v: sorted_names(c.id for c in v)),
    "biaya": ("biaya", text),
    "waktu_proses": ("waktu_proses", text),
    "hasil": ("hasil", text),
    "dasar_hukum": ("dasar_hukum", sorted_names),
    "belum_pasti": ("belum_pasti", text),
    "terkait": ("terkait", lambda v: sorted_names(s.id for s in v)),
    "ditinjau": ("ditinjau", day),
}

CHANNEL_FIELDS = {name: (name, text) for name in ("nama", "jenis", "keterangan", "url")}
SOURCE_FIELDS = {"judul": ("judul", text), "tahun": ("tahun", str), "url": ("url", text)}


def other_changes(old: Guide, new: Guide) -> list[str]:
    groups = [  # records, their key, fields, how one is named, whether new and removed ones are listed here
        (old.offices, new.offices, "kode", OFFICE_FIELDS, lambda o: o.title, False),
        (old.services, new.services, "id", SERVICE_FIELDS, lambda s: f"Layanan {s.nama}", False),
        (old.channels, new.channels, "id", CHANNEL_FIELDS, lambda c: f"Kanal {c.nama} (`{c.id}`)", True),
        (old.sources, new.sources, "id", SOURCE_FIELDS, lambda s: f"Sumber data `{s.id}`", True),
    ]
    lines = []
    for before, after, key, fields, title, listed in groups:
        old_by_key, new_keys = by_key(before, key), {getattr(r, key) for r in after}
        for record in after:
            previous = old_by_key.get(getattr(record, key))
            if previous is None:
                lines += [f"- Baru: {title(record)}"] if listed else []
            elif found := changed(previous, record, fields):
                lines.append(f"- {title(record)}: " + "; ".join(found))
        if listed:
            lines += [f"- Dihapus: {title(r)}" for r in before if getattr(r, key) not in new_keys]
    return lines


def run(base: str, head: str | None, data_dir: Path) -> tuple[str, int]:
    """The summary and the exit code: 1 when either side is invalid."""
    sides = read_side(base, data_dir), read_side(head, data_dir)
    return summarise(*sides), 1 if any(side.guide is None for side in sides) else 0
