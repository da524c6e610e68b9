"""What a pull request changes in the data, in plain Indonesian for its reviewer and residents.

Each side (a git ref, or a folder) is checked and built into the model, and the
two Guides are compared record by record: offices by code, services, closures,
channels and sources by id, contacts by role. The comparison gives change
records (`Change`: which record, which field, before, after, and whether it was
added, removed, changed or reordered); the reviewer's summary and the Atom feed
(feed.py) both print those records (`render`, in Markdown or plain text), and
neither compares anything itself.

Moving records, reformatting or editing comments therefore changes nothing; the
summary shows only what a resident would see change: contacts (old → new,
numbers as printed on the pages), closures (dates in Indonesian), requirements
and steps of services, offices added or removed, then any other field under
"Perubahan lain". A list whose order shows on a page is declared ordered in
records.py (ListOf(..., ordered=True)): it is shown as written and a new order
alone is reported ("urutan kanal berubah: ..."); any other list is compared
sorted. The fields compared are those declared in records.py, each read the way
its kind (schema.py) shows it; nothing here lists field names.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import git
from .dates import long_date
from .model import Closure, Contact, Guide, Service, build_guide
from .declarations import Record, Spec, label, specs
from .kinds import ListOf
from .reads import EMPTY, shown_items
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
            try:
                text = git.show(data_dir, spec, name)
            except git.NotAtRef as error:
                raise SideError(f"cannot read {name} at {spec}: {error}") from None
            (Path(temp) / name).write_text(text, encoding="utf-8")
        return checked(f"`{spec}`", Path(temp))


def checked(label: str, folder: Path) -> Side:
    data, problems = check_data(folder)
    return Side(label, build_guide(data) if data is not None else None, [str(p) for p in problems])


# --- change records -----------------------------------------------------------


ADDED, REMOVED, CHANGED, REORDERED = "added", "removed", "changed", "reordered"


@dataclass(frozen=True)
class Change:
    """One change a resident could see: which record, which field, the value before and after.

    The reviewer's comment (`summarise`) and the Atom feed (feed.py) both print these records
    (`render`); neither compares the data itself. Values are as the reviewer reads them (dates in
    Indonesian, numbers as printed on the pages), in plain text: the style is the renderer's.
    """

    section: str  # Kontak, Penutupan, Layanan, Kantor or Perubahan lain: where a resident would notice it
    file: str  # services.yaml or offices.yaml
    kind: str  # what the record is: kontak, penutupan, layanan, kantor, kanal, sumber, sumber data, berkas
    key: str  # its id or code ("" for a whole file; a contact: its office's code and its role)
    label: str  # how it is named: "Kelurahan Gunung", "Loket Jakarta Selatan ditutup", "Petugas Dukcapil"
    field: str | None  # the field as pages name it; None when the whole record is added or removed
    change: str  # added, removed, changed or reordered
    before: str | None = None  # how it read before (for a list item: the item added or removed)
    after: str | None = None
    item: bool = False  # an item of a list added or removed (a step, a requirement), not the field's new value
    group: tuple[str, str] | None = None  # (name, key) of the record it is listed under: a contact's office, a requirement's service


@dataclass(frozen=True)
class Style:
    """How text is marked: Markdown for the reviewer, plain text for the feed."""

    bold: Callable[[str], str]
    code: Callable[[str], str]
    heading: Callable[[str], str]


MARKDOWN = Style(lambda text: f"**{text}**", lambda text: f"`{text}`", lambda text: f"### {text}")
PLAIN = Style(str, str, str)
SECTIONS = ("Kontak", "Penutupan", "Layanan", "Kantor", "Perubahan lain")


def changes(old: Guide, new: Guide) -> list[Change]:
    """Every change between two versions of the data, in the order the summary lists them."""
    return [*contact_changes(old, new), *closure_changes(old, new), *service_changes(old, new),
            *office_changes(old, new), *other_changes(old, new), *file_changes(old, new)]


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
        sections = render(changes(base.guide, head.guide), MARKDOWN)
        for title, body in sections:
            lines += [f"## {title}", "", *body, ""]
        if not sections:
            lines += [NO_CHANGE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def by_key(records: Sequence[Any], key: str = "id") -> dict[str, Any]:
    return {getattr(record, key): record for record in records}


# --- printing change records ----------------------------------------------------


def render(found: Sequence[Change], style: Style) -> list[tuple[str, list[str]]]:
    """(section title, lines) of each section that has changes, in the order of SECTIONS."""
    sections = []
    for title in SECTIONS:
        mine = [change for change in found if change.section == title]
        if mine:
            sections.append((title, without_trailing_blank(section_lines(title, mine, style))))
    return sections


def section_lines(title: str, found: list[Change], style: Style) -> list[str]:
    lines: list[str] = []
    group = None
    for run in runs(found):
        first = run[0]
        if first.group is not None and first.group != group:
            name, key = first.group
            heading = style.heading(f"{name} ({style.code(key) if title == 'Layanan' else key})")
            lines += [heading, ""] if not lines or lines[-1] == "" else ["", heading, ""]
        elif first.group is None and group is not None and lines and lines[-1] != "":
            lines.append("")
        group = first.group
        lines += record_lines(title, run, style)
    return lines


def runs(found: list[Change]) -> list[list[Change]]:
    """Consecutive field changes of one record together (they print as one line); every other change alone."""
    grouped: list[list[Change]] = []
    for change in found:
        previous = grouped[-1][-1] if grouped else None
        if (previous is not None and not change.item and not previous.item and change.field and previous.field
                and (change.kind, change.key, change.group) == (previous.kind, previous.key, previous.group)
                and change.change in (CHANGED, REORDERED) and previous.change in (CHANGED, REORDERED)
                and not itemised_reorder(change) and not itemised_reorder(previous)):
            grouped[-1].append(change)
        else:
            grouped.append([change])
    return grouped


def itemised_reorder(change: Change) -> bool:
    """A list read item by item (steps, requirements) in another order: one line of its own."""
    return change.change == REORDERED and change.before is None


def field_text(change: Change) -> str:
    if change.change == REORDERED:
        return f"urutan {change.field} berubah: {change.before} → {change.after}"
    return f"{change.field} {change.before} → {change.after}"


def item_line(change: Change) -> str:
    """A list item added or removed, or the list reordered: "Langkah ditambah: ..."."""
    if itemised_reorder(change):
        return f"Urutan {change.field.lower()} berubah."
    verb = "ditambah" if change.change == ADDED else "dihapus"
    return f"{change.field} {verb}: {change.after if change.change == ADDED else change.before}"


def title_of(change: Change, style: Style) -> str:
    """How "Perubahan lain" names a record."""
    return {
        "layanan": f"Layanan {change.label}",
        "kanal": f"Kanal {change.label} ({style.code(change.key)})",
        "sumber": f"Sumber {style.code(change.key)}",
        "sumber data": f"Sumber data {style.code(change.key)}",
    }.get(change.kind, change.label)


def record_lines(title: str, run: list[Change], style: Style) -> list[str]:
    change = run[0]
    named = f"{style.bold(change.label)} ({style.code(change.key)})"
    fields = "; ".join(field_text(c) for c in run)
    if title == "Kontak":
        if change.item or itemised_reorder(change):
            word = {ADDED: "Kontak baru", REMOVED: "Kontak dihapus"}.get(change.change)
            return [f"- {word}: {change.after or change.before}"] if word else [f"- {item_line(change)}"]
        return [f"- {change.label}: {fields}"]
    if title == "Penutupan":
        if change.change == ADDED and change.field is None:
            return [f"- Baru: {named}: {change.after}"]
        if change.change == REMOVED and change.field is None:
            return [f"- Dihapus: {named}: {change.before}"]
        return [f"- Diubah: {named}: {fields}"]
    if title == "Layanan":
        if change.field is None:
            word = "Layanan baru" if change.change == ADDED else "Layanan dihapus"
            return [f"- {word}: {named}", ""] if change.change == ADDED else [f"- {word}: {named}"]
        return [f"- {item_line(change)}"]
    if title == "Kantor":
        word = "Kantor baru" if change.change == ADDED else "Kantor dihapus"
        return [f"- {word}: {change.label} ({change.key})"]
    if change.kind == "berkas":
        return [f"- {field_text(c)}" for c in run]
    if change.field is None:
        return [f"- {'Baru' if change.change == ADDED else 'Dihapus'}: {title_of(change, style)}"]
    if change.item or itemised_reorder(change):
        return [f"- {title_of(change, style)}: {item_line(change)}"]
    return [f"- {title_of(change, style)}: {fields}"]


def without_trailing_blank(lines: list[str]) -> list[str]:
    return lines[:-1] if lines and lines[-1] == "" else lines


# --- how records read --------------------------------------------------------


def itemised(spec: Spec) -> bool:
    """A list the diff reads item by item (requirements, steps, contacts) rather than as one value."""
    kind = spec.kind_for(None) if not isinstance(spec.kind, dict) else None
    return spec.items or isinstance(kind, Record) or (isinstance(kind, ListOf) and isinstance(kind.kind, Record))


def ordered(spec: Spec, record: Any) -> bool:
    kind = spec.kind_for(getattr(record, "level", None))
    return isinstance(kind, ListOf) and kind.ordered


def field_changes(old: Any, new: Any, **where: Any) -> list[Change]:
    """A change for each declared field, read as the reviewer reads it, whose value differs;
    `where` says which record (section, file, kind, key, label, group)."""
    found = []
    for name, spec in specs(type(new)):
        if itemised(spec):
            continue
        before, after = spec.reads(getattr(old, name), old), spec.reads(getattr(new, name), new)
        if before != after:
            kind = spec.kind_for(getattr(new, "level", None))
            same_items = (isinstance(kind, ListOf) and kind.ordered and
                          sorted(shown_items(kind, getattr(old, name))) == sorted(shown_items(kind, getattr(new, name))))
            found.append(Change(**where, field=label(name, spec), change=REORDERED if same_items else CHANGED,
                                before=before, after=after))
    return found


def item_text(item: Any) -> str:
    """A list item: a step as written; a record as its first field, the others in brackets."""
    if isinstance(item, str):
        return item
    (_, first), *rest = [(spec, spec.reads(getattr(item, name), item).strip('"'))
                         for name, spec in specs(type(item))]
    rest = [text for spec, text in rest if text != EMPTY]
    return first + (f" ({', '.join(rest)})" if rest else "")


def item_changes(old: Sequence, new: Sequence, what: str, in_order: bool, **where: Any) -> list[Change]:
    """Items added and removed; when there are none but the order differs (and shows), that it was reordered."""
    found = [Change(**where, field=what, change=ADDED, after=item_text(item), item=True) for item in new if item not in old]
    found += [Change(**where, field=what, change=REMOVED, before=item_text(item), item=True) for item in old if item not in new]
    if not found and in_order and tuple(old) != tuple(new):
        found = [Change(**where, field=what, change=REORDERED)]
    return found


def items_changed(old: Any, new: Any, **where: Any) -> list[Change]:
    """Items added to and removed from each itemised field (requirements, steps, facts)."""
    return [change for name, spec in specs(type(new)) if itemised(spec) and name != "kontak"
            for change in item_changes(getattr(old, name), getattr(new, name), label(name, spec), ordered(spec, new),
                                       **where)]


def contact_text(contact: Contact) -> str:
    parts = [f"{label(name, spec)} {spec.reads(getattr(contact, name), contact)}"
             for name, spec in specs(type(contact)) if name not in ("peran", "nama") and getattr(contact, name)]
    return ", ".join([contact.label, *parts])


def file_changes(old: Guide, new: Guide) -> list[Change]:
    """The facts declared for a whole file (when the closures were checked, where region data comes from)."""
    return [change for name, before, after in zip((SERVICES, OFFICES), old.files, new.files)
            for change in field_changes(before, after, section="Perubahan lain", file=name, kind="berkas", key="",
                                        label=name, group=None)]


# --- contacts ----------------------------------------------------------------


def contact_changes(old: Guide, new: Guide) -> list[Change]:
    before = by_key(old.offices, "kode")
    found = []
    for office in new.offices:
        previous = before.get(office.kode)
        found += office_contact_changes(previous.kontak if previous else (), office.kontak, office)
    return found


def office_contact_changes(old: Sequence[Contact], new: Sequence[Contact], office: Any) -> list[Change]:
    """Contacts paired by role: changed fields, then new and removed ones; or that their order changed."""
    where = dict(section="Kontak", file=OFFICES, group=(office.title, office.kode))
    removed, added = list(old), []
    for contact in new:
        if contact in removed:
            removed.remove(contact)
        else:
            added.append(contact)
    found = []
    for contact in list(added):
        partner = next((c for c in removed if c.peran == contact.peran), None)
        if partner is not None:
            removed.remove(partner)
            added.remove(contact)
            found += field_changes(partner, contact, **where, kind="kontak", key=f"{office.kode}/{contact.peran}",
                                   label=contact.peran)
    where = dict(where, kind="kantor", key=office.kode, label=office.title)
    found += [Change(**where, field="Kontak", change=ADDED, after=contact_text(c), item=True) for c in added]
    found += [Change(**where, field="Kontak", change=REMOVED, before=contact_text(c), item=True) for c in removed]
    if not found and old and tuple(old) != tuple(new) and ordered(dict(specs(type(office)))["kontak"], office):
        found = [Change(**where, field="Kontak", change=REORDERED)]
    return found


# --- closures ----------------------------------------------------------------


def period(closure: Closure) -> str:
    if closure.mulai == closure.selesai:
        return long_date(closure.mulai)
    return f"{long_date(closure.mulai)} sampai {long_date(closure.selesai)}"


def closure_details(closure: Closure) -> str:
    """Where, when, what and on whose order: "Kota ..., Senin, ... sampai ...; layanan: ...; referensi: ..."."""
    parts = [f"{closure.region_name}, {period(closure)}", f"layanan: {closure.services_name}"]
    if closure.referensi:
        parts.append(f"referensi: {closure.referensi}")
    return "; ".join(parts)


def closure_text(closure: Closure, style: Style = MARKDOWN) -> str:
    return f"{style.bold(closure.judul)} ({style.code(closure.id)}): {closure_details(closure)}"


def closure_changes(old: Guide, new: Guide) -> list[Change]:
    before, after = by_key(old.closures), by_key(new.closures)
    found = []
    for closure in sorted(new.closures, key=lambda c: (c.mulai, c.selesai, c.id)):
        where = dict(section="Penutupan", file=OFFICES, kind="penutupan", key=closure.id, label=closure.judul, group=None)
        previous = before.get(closure.id)
        if previous is None:
            found.append(Change(**where, field=None, change=ADDED, after=closure_details(closure)))
        else:
            found += field_changes(previous, closure, **where)
    for closure in old.closures:
        if closure.id not in after:
            found.append(Change(section="Penutupan", file=OFFICES, kind="penutupan", key=closure.id, label=closure.judul,
                                field=None, change=REMOVED, before=closure_details(closure)))
    return found


# --- services ----------------------------------------------------------------


def service_changes(old: Guide, new: Guide) -> list[Change]:
    before, after = by_key(old.services), by_key(new.services)
    found = []
    for service in new.services:
        where = dict(section="Layanan", file=SERVICES, kind="layanan", key=service.id, label=service.nama)
        previous = before.get(service.id)
        if previous is None:
            found.append(Change(**where, field=None, change=ADDED))
            continue
        found += items_changed(previous, service, **where, group=(service.nama, service.id))
    found += [Change(section="Layanan", file=SERVICES, kind="layanan", key=s.id, label=s.nama, field=None, change=REMOVED)
              for s in old.services if s.id not in after]
    return found


# --- offices -----------------------------------------------------------------


def office_changes(old: Guide, new: Guide) -> list[Change]:
    before, after = by_key(old.offices, "kode"), by_key(new.offices, "kode")
    where = dict(section="Kantor", file=OFFICES, kind="kantor", field=None)
    found = [Change(**where, key=o.kode, label=o.title, change=ADDED) for o in new.offices if o.kode not in before]
    return found + [Change(**where, key=o.kode, label=o.title, change=REMOVED) for o in old.offices if o.kode not in after]


# --- everything else a page shows ---------------------------------------------


def other_changes(old: Guide, new: Guide) -> list[Change]:
    """The declared fields not summarised above, of every office, service, channel and source."""
    groups = [  # records, their file, kind and key, how one is named, whether new and removed ones are listed here
        (old.offices, new.offices, OFFICES, "kantor", "kode", lambda o: o.title, False),
        (old.services, new.services, SERVICES, "layanan", "id", lambda s: s.nama, False),
        (old.channels, new.channels, SERVICES, "kanal", "id", lambda c: c.nama, True),
        (old.references, new.references, SERVICES, "sumber", "id", lambda r: r.id, True),
        (old.sources, new.sources, OFFICES, "sumber data", "id", lambda s: s.id, True),
    ]
    found = []
    for before, after, file, kind, key, name, listed in groups:
        old_by_key, new_keys = by_key(before, key), {getattr(r, key) for r in after}
        for record in after:
            where = dict(section="Perubahan lain", file=file, kind=kind, key=getattr(record, key), label=name(record),
                         group=None)
            previous = old_by_key.get(getattr(record, key))
            if previous is None:
                found += [Change(**where, field=None, change=ADDED)] if listed else []
                continue
            found += field_changes(previous, record, **where)
            if not isinstance(record, Service):  # a service's lists are under Layanan
                found += items_changed(previous, record, **where)
        if listed:
            found += [Change(section="Perubahan lain", file=file, kind=kind, key=getattr(r, key), label=name(r),
                             group=None, field=None, change=REMOVED) for r in before if getattr(r, key) not in new_keys]
    return found


def run(base: str, head: str | None, data_dir: Path) -> tuple[str, int]:
    """The summary and the exit code: 1 when either side is invalid."""
    sides = read_side(base, data_dir), read_side(head, data_dir)
    return summarise(*sides), 1 if any(side.guide is None for side in sides) else 0
