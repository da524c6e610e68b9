"""The closures as iCalendar files to subscribe to: one for the province, one per kota.

Each closure is an all-day event: DTSTART is its first day and DTEND the day
after its last (iCalendar's end is exclusive). A kota's calendar holds every
closure that reaches an office of that kota, province-wide ones included.
Nothing depends on the build: UIDs are derived from the closure id (and the
kota), and DTSTAMP is the day the data last changed, so the same data always
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from . import urls
from .closures import DAY
from .dates import plain_date

from .identifiers import stable_uuid
from .model import Closure, Guide, Office

PRODID = "-//{guide}//Penutupan loket//ID"  # the guide's name (Guide.name)


def summary(closure: Closure) -> str:
    """What a calendar shows on the day, among the subscriber's other events."""
    return f"Dukcapil: {closure.judul}"


def applies_to(closure: Closure) -> str:
    if closure.tingkat == "kelurahan":
        return closure.region.office_name
    return f"semua kantor Dukcapil di {closure.region_name}"


def details(closure: Closure) -> str:
    services = ", ".join(s.nama for s in closure.layanan) if closure.layanan else "semua layanan tatap muka"
    lines = [
        closure.judul,
        f"Berlaku untuk: {applies_to(closure)}.",
        f"Tanggal: {plain_date(closure.mulai)} sampai dengan {plain_date(closure.selesai)}.",
        f"Layanan yang ditutup: {services}.",
        f"Dasar: {closure.referensi}." if closure.referensi else "Dasar: belum dipastikan.",
    ]
    if closure.alasan:
        lines.append(f"Alasan: {closure.alasan}")
    lines.append(f"Selama tutup: {closure.alternatif}")
    return "\n".join(lines)


def event(closure: Closure, area: str, stamp: dt.datetime, page: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", stable_uuid("closure-event", closure.id, area))
    item.add("dtstamp", stamp)
    item.add("dtstart", closure.mulai)
    item.add("dtend", closure.selesai + DAY)  # exclusive
    item.add("summary", summary(closure))
    item.add("description", details(closure))
    item.add("location", closure.region_name)
    item.add("url", page)
    item.add("transp", "TRANSPARENT")  # a closure is not the subscriber's busy time
    return item


def calendar(closures: list[Closure], area: Office | None, updated: dt.date, site_url: str, path: str,
             guide: Guide) -> bytes:
    """area None: the whole guide (its province, or its one kabupaten or kota)."""
    code = area.kode if area else guide.dinas.kode
    place = area.title if area else guide.region_title
    stamp = dt.datetime.combine(updated, dt.time(0, 0), tzinfo=dt.timezone.utc)
    page = urls.absolute(site_url, urls.CLOSURES)
    cal = icalendar.Calendar.new(
        prodid=PRODID.format(guide=guide.name),
        uid=stable_uuid("closure-calendar", code),
        name=f"Penutupan loket Dukcapil – {place}",
        description=f"Penutupan loket tatap muka Dukcapil yang tercatat untuk kantor di {place}.",
        url=page,
        source=urls.absolute(site_url, path),
        refresh_interval=DAY,
        last_modified=stamp,
    )
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-published-ttl", "P1D")  # how often Outlook and Apple Calendar refetch
    for closure in sorted(closures, key=lambda c: (c.mulai, c.selesai, c.id)):
        cal.add_component(event(closure, code, stamp, page))
    return cal.to_ical()


def reaching(guide: Guide, kota: Office) -> list[Closure]:
    """Closures that reach any office of the kota (its Suku Dinas, kecamatan or kelurahan)."""
    offices = [kota, *guide.kecamatan_in(kota.kode), *guide.kelurahan_in(kota.kode)]
    return [c for c in guide.closures if any(c.reaches(o) for o in offices)]


def render(guide: Guide, updated: dt.date, site_url: str) -> dict[str, bytes]:
    """{path in the site: iCalendar bytes}: the province, then each kota."""
    files = {urls.CALENDAR: calendar(guide.closures, None, updated, site_url, urls.CALENDAR, guide)}
    for kota in guide.kota:
        path = urls.kota_calendar(kota.nama, kota.kode)
        files[path] = calendar(reaching(guide, kota), kota, updated, site_url, path, guide)
    return files
