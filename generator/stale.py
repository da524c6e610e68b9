"""What needs checking again: contacts not verified and services not reviewed recently.

`python -m generator stale` lists, per kota, every contact whose diverifikasi is
older than N days or that was never verified (it only names the data set it
came from), then every service whose ditinjau is older than N days, then the
reports of closures still to verify (perlu_diperiksa in offices.yaml), which no
page shows. Markdown in Indonesian, for the staff who make the calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import phones
from .dates import long_date, plain_date
from .model import Contact, Guide, Office, Service
from .schema import partial_date
from .validate import STALE_AFTER_DAYS


@dataclass(frozen=True)
class StaleContact:
    office: Office
    contact: Contact

    @property
    def kota(self) -> Office | None:
        """The kota the office is in (itself for a Suku Dinas); None for the Dinas."""
        if self.office.level == "kota":
            return self.office
        return next((o for o in self.office.ancestors if o.level == "kota"), None)


def stale_contacts(guide: Guide, today: dt.date, days: int) -> list[StaleContact]:
    since = today - dt.timedelta(days=days)
    return [StaleContact(office, contact) for office in guide.offices for contact in office.kontak
            if contact.diverifikasi is None or contact.diverifikasi < since]


def stale_services(guide: Guide, today: dt.date, days: int) -> list[Service]:
    since = today - dt.timedelta(days=days)
    return [service for service in guide.services if service.ditinjau < since]


def when_checked(contact: Contact, today: dt.date) -> str:
    if contact.diverifikasi is None:
        source = f"data {contact.sumber.tahun}, `{contact.sumber.id}`" if contact.sumber else "sumber tidak disebut"
        return f"belum pernah diverifikasi ({source})"
    return f"terakhir diverifikasi {plain_date(contact.diverifikasi)} ({(today - contact.diverifikasi).days} hari lalu)"


def contact_line(item: StaleContact, today: dt.date) -> str:
    contact = item.contact
    numbers = ([f"WhatsApp {phones.display(contact.whatsapp)}"] if contact.whatsapp else []) + \
        [phones.display(n) for n in contact.telepon]
    doubt = f"; diragukan: {contact.diragukan}" if contact.diragukan else ""
    return f"- {item.office.title}: {contact.label}, {', '.join(numbers)}: {when_checked(contact, today)}{doubt}"


def report_line(item) -> str:
    """One report still to verify: who published it, when, where to read it, what it claims, what to check."""
    who = f", mengutip {item.narasumber}" if item.narasumber else ""
    return (f"- {item.penerbit}, {partial_date(item.tanggal)}: \"{item.judul}\"{who} (`{item.id}`)\n"
            f"  {item.url}\n  Isinya: {item.klaim}\n  Periksa: {item.periksa}")


def report(guide: Guide, today: dt.date, days: int = STALE_AFTER_DAYS) -> str:
    contacts, services = stale_contacts(guide, today, days), stale_services(guide, today, days)
    since = today - dt.timedelta(days=days)
    lines = [
        "# Data yang perlu diperiksa ulang", "",
        f"Per {long_date(today)}: kontak yang belum diverifikasi dan layanan yang belum ditinjau "
        f"dalam {days} hari terakhir (sejak {plain_date(since)}).", "",
        f"{len(contacts)} kontak dan {len(services)} layanan perlu diperiksa.", "",
    ]
    if contacts:
        lines += ["## Kontak", ""]
        groups: dict[str, list[StaleContact]] = {}
        for item in contacts:
            kota = item.kota
            groups.setdefault(kota.title if kota else "Tingkat provinsi", []).append(item)
        for title, items in groups.items():
            lines += [f"### {title} ({len(items)} kontak)", "", *(contact_line(i, today) for i in items), ""]
    if services:
        lines += ["## Layanan", ""]
        lines += [f"- {s.nama} (`{s.id}`): terakhir ditinjau {plain_date(s.ditinjau)} "
                  f"({(today - s.ditinjau).days} hari lalu)" for s in services]
        lines.append("")
    if guide.reports_to_check:
        lines += ["## Laporan penutupan yang belum diverifikasi", "",
                  "Belum dimasukkan ke penutupan dan tidak tampil di halaman mana pun: periksa dulu pengumumannya.", ""]
        lines += [report_line(item) for item in guide.reports_to_check]
        lines.append("")
    if not contacts and not services:
        lines += ["Semua kontak dan layanan sudah diperiksa dalam jangka itu.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
