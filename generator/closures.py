"""An office's status on a date, and its closures grouped for the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Closure, Office

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Status:
    """What a page says at the top: tutup or buka on the build date."""

    day: dt.date
    closed: bool
    closures: tuple[Closure, ...]  # in force on `day`
    closed_from: dt.date | None  # first day of the unbroken run of closed days around `day`
    closed_until: dt.date | None  # last day of that run

    @property
    def code(self) -> str:
        """The value of the page's data-status attribute."""
        return "tutup" if self.closed else "buka"


def status_on(office: Office, day: dt.date) -> Status:
    current = tuple(office.closures_on(day))
    if not current:
        return Status(day, False, (), None, None)
    first, last = day, day
    while office.is_closed_on(first - DAY):
        first -= DAY
    while office.is_closed_on(last + DAY):
        last += DAY
    return Status(day, True, current, first, last)


@dataclass(frozen=True)
class Timeline:
    current: tuple[Closure, ...]
    upcoming: tuple[Closure, ...]
    past: tuple[Closure, ...]


def timeline(closures: list[Closure], day: dt.date) -> Timeline:
    """In force, upcoming (soonest first) and past (latest first) on `day`."""
    ordered = sorted(closures, key=lambda c: (c.mulai, c.selesai, c.id))
    return Timeline(
        current=tuple(c for c in ordered if c.phase(day) == "berlaku"),
        upcoming=tuple(c for c in ordered if c.phase(day) == "akan-datang"),
        past=tuple(reversed([c for c in ordered if c.phase(day) == "lewat"])),
    )
