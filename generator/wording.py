"""What a status says, in one place: the pages, the notices and the live-status script all use these words.

The build fills the templates with Python (`say`); the same templates travel as
data in each page (`script_data`) so that overrides/partials/live-status.html
can say exactly the same words for the reader's own date. Placeholders are
{names}; values are plain text and are escaped by whoever prints them.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import get_day_names, get_month_names

from .dates import LOCALE, plain_date

ANNOUNCE_DAYS = 14  # a closure that starts within this many days is announced before it starts

WORDS = {
    "per": "Status per {hari}",
    "tutup": "Loket tatap muka TUTUP pada {hari}, sampai dengan {sampai}.",
    "penutupan": "{judul}: {mulai} – {selesai}{hanya}{dasar}.",
    "hanya": ", hanya untuk {layanan}",
    "dasar": "; dasar: {referensi}",
    "selama": "Selama loket tutup, lihat cara mengurus layanan di bawah.",
    "tidak": "Tidak ada penutupan loket yang tercatat untuk {kantor} pada {hari}.",
    "diperiksa": "Daftar penutupan terakhir diperiksa {diperiksa}.",
    "belum_diperiksa": "Daftar penutupan belum pernah diperiksa terhadap pengumuman.",
    "akan": "Akan tutup mulai {mulai} sampai dengan {selesai}: {judul}.",
    "wilayah_tutup": "Pada {hari}, loket tatap muka Dukcapil tutup",
    "wilayah_bagian": " di {wilayah} sampai dengan {sampai}",
    "wilayah_tidak": "Pada {hari}, tidak ada penutupan loket Dukcapil yang tercatat.",
}


def say(key: str, **values: str) -> str:
    return WORDS[key].format(**values)


def checked(day: dt.date | None) -> str:
    """When the closures were last checked, or that nobody has checked them yet (a new region)."""
    return say("diperiksa", diperiksa=plain_date(day)) if day else say("belum_diperiksa")


SCOPES = {  # the words each kind of status block says: of one office, or of the whole region
    "kantor": ("per", "tutup", "penutupan", "hanya", "dasar", "selama", "tidak", "diperiksa", "belum_diperiksa", "akan"),
    "wilayah": ("per", "wilayah_tutup", "wilayah_bagian", "wilayah_tidak", "diperiksa", "belum_diperiksa", "akan"),
}


@functools.lru_cache(maxsize=None)  # the same on every page: made once per build, never changed by callers
def script_data(scope: str) -> dict:
    """The words of a status block and the Indonesian day and month names, for the live-status script."""
    days = get_day_names("wide", locale=LOCALE)  # 0 is Monday
    months = get_month_names("wide", locale=LOCALE)  # 1 is January
    return {"kata": {key: WORDS[key] for key in SCOPES[scope]},
            "hari": [days[(i + 6) % 7] for i in range(7)],  # JavaScript's getUTCDay(): 0 is Sunday
            "bulan": [months[i] for i in range(1, 13)], "umumkan": ANNOUNCE_DAYS}


def soon(closures, day: dt.date) -> list:
    """Closures still to come that start within ANNOUNCE_DAYS of `day`."""
    return [c for c in closures if day < c.mulai <= day + dt.timedelta(days=ANNOUNCE_DAYS)]
