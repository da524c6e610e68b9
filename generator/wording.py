"""What a status says, in one place: the pages, the notices, HSDS and the live-status script all use these words.

closures.py decides; this module says it: `office_words` and `region_words` turn a
decision into the headline, its details, the closures announced and an office's
line in its parent's list (Words), which templates and exports print as they are.
The same templates travel as data in each page (`script_data`, `page_words`) so
that overrides/partials/live-status.html says exactly the same words for the
reader's own date. Placeholders are {names}; values are plain text and are
escaped by whoever prints them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names

from .closures import ANNOUNCE_DAYS, CLOSED, OPENED, NOTHING, RegionStatus, Status, closes
from .dates import LOCALE, long_date, plain_date
from .model import Closure, Opening, Service

WORDS = {
    "per": "Status per {hari}",
    "tutup": "Loket tatap muka TUTUP{untuk} pada {hari}, sampai dengan {sampai}.",
    "untuk": " untuk layanan {layanan}",
    "penutupan": "{judul}: {mulai} – {selesai}{hanya}{dasar}.",
    "hanya": ", hanya untuk {layanan}",
    "dasar": "; dasar: {referensi}",
    "selama": "Selama loket tutup, lihat cara mengurus layanan di bawah.",
    "tidak": "Tidak ada penutupan loket yang tercatat untuk {kantor} pada {hari}.",
    "buka": "Loket tatap muka {kantor} buka menurut {sumber}, {tanggal}.",
    "pembukaan": "{isi} Sumber: {sumber}, {tanggal}; keadaan bisa sudah berubah sejak tanggal itu.",
    "diperiksa": "Daftar penutupan terakhir diperiksa {diperiksa}.",
    "belum_diperiksa": "Daftar penutupan belum pernah diperiksa terhadap pengumuman.",
    "akan": "Akan tutup mulai {mulai} sampai dengan {selesai}{hanya}: {judul}{dasar}.",
    "wilayah_tutup": "Pada {hari}, loket tatap muka Dukcapil tutup",
    "wilayah_bagian": " di {wilayah} sampai dengan {sampai}{hanya}",
    "wilayah_tidak": "Pada {hari}, tidak ada penutupan loket Dukcapil yang tercatat.",
    # an office in the list of its parent's page
    "daftar_tutup": "loket tatap muka tutup{untuk} sampai dengan {sampai}{dasar}",
    "daftar_buka": "loket tatap muka buka menurut {sumber}, {tanggal}",
    "daftar_tidak": "tidak ada penutupan loket yang tercatat",
    # the closures sections of a page (Penutupan layanan), when one is empty
    "kosong_berlaku": "Tidak ada penutupan yang berlaku pada {hari}.",
    "kosong_akan": "Tidak ada penutupan yang dijadwalkan.",
    "kosong_lewat": "Belum ada penutupan yang tercatat.",
    # the printed notice's heading
    "tajuk_tutup": "LOKET TATAP MUKA TUTUP",
    "tajuk_buka": "LOKET TATAP MUKA BUKA MENURUT SUMBER",
    "tajuk_tidak": "TIDAK ADA PENUTUPAN LOKET YANG TERCATAT",
}


def say(key: str, **values: str) -> str:
    return WORDS[key].format(**values)


def checked(day: dt.date | None) -> str:
    """When the closures were last checked, or that nobody has checked them yet (a new region)."""
    return say("diperiksa", diperiksa=plain_date(day)) if day else say("belum_diperiksa")


OFFICE = ("per", "tutup", "untuk", "penutupan", "hanya", "dasar", "selama", "tidak", "buka", "pembukaan",
          "diperiksa", "belum_diperiksa", "akan", "kosong_berlaku")
SCOPES = {  # the words each kind of page says again: one office, one office and those it lists, the whole region
    "kantor": OFFICE,
    "kantor_daftar": (*OFFICE, "daftar_tutup", "daftar_buka", "daftar_tidak"),
    "wilayah": ("per", "wilayah_tutup", "wilayah_bagian", "hanya", "dasar", "wilayah_tidak", "pembukaan", "diperiksa",
                "belum_diperiksa", "akan", "kosong_berlaku"),
}


@functools.lru_cache(maxsize=None)  # the same on every page: made once per build, never changed by callers
def script_data(scope: str) -> dict:
    """The words of a status block and the Indonesian day and month names, for the live-status script."""
    days = get_day_names("wide", locale=LOCALE)  # 0 is Monday
    months = get_month_names("wide", locale=LOCALE)  # 1 is January
    return {"kata": {key: WORDS[key] for key in SCOPES[scope]},
            "hari": [days[(i + 6) % 7] for i in range(7)],  # JavaScript's getUTCDay(): 0 is Sunday
            "bulan": [months[i] for i in range(1, 13)], "umumkan": ANNOUNCE_DAYS}


def page_words(scope: str, closures: list[Closure], openings: list[Opening]) -> dict:
    """script_data(scope) with only the words the page's closures and openings can need (pages are light)."""
    unused = set()
    if not openings:
        unused |= {"buka", "pembukaan", "daftar_buka"}
    if not any(c.layanan for c in closures):
        unused |= {"untuk", "hanya"}
    if not any(c.referensi for c in closures):
        unused |= {"dasar"}
    if not closures:
        unused |= {"tutup", "penutupan", "selama", "akan", "daftar_tutup", "wilayah_tutup", "wilayah_bagian"}
    data = script_data(scope)
    return {**data, "kata": {key: text for key, text in data["kata"].items() if key not in unused}}


# --- the decision (closures.py) in words: what the pages, notices and exports print -----------


def source_name(opening: Opening) -> str:
    """Who says the counters are open: the report's publisher (or its title)."""
    return opening.sumber.penerbit or opening.sumber.judul


def closure_line(closure: Closure) -> str:
    return say("penutupan", judul=closure.judul, mulai=plain_date(closure.mulai), selesai=plain_date(closure.selesai),
               hanya=say("hanya", layanan=closure.services_name) if closure.layanan else "",
               dasar=say("dasar", referensi=closure.referensi) if closure.referensi else "")


def announcement(closure: Closure) -> str:
    return say("akan", mulai=long_date(closure.mulai), selesai=long_date(closure.selesai), judul=closure.judul,
               hanya=say("hanya", layanan=closure.services_name) if closure.layanan else "",
               dasar=say("dasar", referensi=closure.referensi) if closure.referensi else "")


def opening_line(opening: Opening) -> str:
    return say("pembukaan", isi=opening.isi, sumber=source_name(opening), tanggal=plain_date(opening.mulai))


def scope_words(services) -> str:
    return say("untuk", layanan=", ".join(s.nama for s in services)) if services else ""


def bases(closures) -> str:
    references = list(dict.fromkeys(c.referensi for c in closures if c.referensi))
    return say("dasar", referensi="; ".join(references)) if references else ""


@dataclass(frozen=True)
class Words:
    """A status said in full: the block at the top of a page (and the notice), and the line in a list."""

    code: str  # the data-status value
    per: str  # "Status per ..."
    judul: str  # the headline, in bold
    setelah: str  # after the headline, in the same paragraph ("" for none)
    rincian: tuple[str, ...]  # the list under the headline
    catatan: str  # a paragraph after the list ("" for none)
    akan: tuple[str, ...]  # the closures announced
    daftar: str = ""  # the office in its parent's list (offices only)
    tajuk: str = ""  # the notice's heading


def office_words(status: Status, office_name: str, checked_day: dt.date | None) -> Words:
    hari = long_date(status.day)
    akan = tuple(announcement(c) for c in status.announced)
    per = say("per", hari=hari)
    if status.state == CLOSED:
        untuk = scope_words(status.only)
        return Words(status.code, per, say("tutup", untuk=untuk, hari=hari, sampai=long_date(status.closed_until)), "",
                     tuple(closure_line(c) for c in status.closures), say("selama"), akan,
                     say("daftar_tutup", untuk=untuk, sampai=long_date(status.closed_until), dasar=bases(status.closures)),
                     say("tajuk_tutup"))
    if status.state == OPENED:
        latest = status.openings[-1]
        sumber, tanggal = source_name(latest), plain_date(latest.mulai)
        return Words(status.code, per, say("buka", kantor=office_name, sumber=sumber, tanggal=tanggal),
                     checked(checked_day), tuple(opening_line(o) for o in status.openings), "", akan,
                     say("daftar_buka", sumber=sumber, tanggal=tanggal), say("tajuk_buka"))
    return Words(status.code, per, say("tidak", kantor=office_name, hari=hari), checked(checked_day), (), "", akan,
                 say("daftar_tidak"), say("tajuk_tidak"))


def region_words(status: RegionStatus, checked_day: dt.date | None) -> Words:
    hari = long_date(status.day)
    akan = tuple(announcement(c) for c in status.announced)
    per = say("per", hari=hari)
    if status.closures:
        where = ",".join(say("wilayah_bagian", wilayah=c.region_name, sampai=long_date(c.selesai),
                             hanya=say("hanya", layanan=c.services_name) if c.layanan else "") for c in status.closures)
        return Words(status.code, per, say("wilayah_tutup", hari=hari) + where + ".", "", (), "", akan)
    return Words(status.code, per, say("wilayah_tidak", hari=hari), checked(checked_day),
                 tuple(opening_line(o) for o in status.openings), "", akan)


def service_words(status: Status, service: Service, office_name: str, checked_day: dt.date | None) -> str:
    """One service at one office (HSDS): the office's status when its closures close the service,
    else what is said of the office without them."""
    if status.state == CLOSED and not any(closes(c, service) for c in status.closures):
        status = Status(status.day, OPENED if status.openings else NOTHING, openings=status.openings)
    words = office_words(status, office_name, checked_day)
    return " ".join(part for part in (words.judul, *words.rincian) if part)


def empty_sections(day: dt.date, in_force: bool = False) -> dict[str, str]:
    """What each closures section says when it has none (Sedang berlaku, Akan datang, Sudah lewat).
    in_force: a closure is in force, so "Sedang berlaku" is not empty; the live script says its words
    again when it empties it (the other two do not depend on the day and stay as built)."""
    return {"berlaku": "" if in_force else say("kosong_berlaku", hari=long_date(day)), "akan-datang": say("kosong_akan"),
            "lewat": say("kosong_lewat")}
