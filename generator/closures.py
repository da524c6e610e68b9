"""An office's status on a date, and its closures grouped for the page.

Status is decided here, once per office and day, and handed to the page
templates and the notices as values: templates never compare dates.
"""

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
    run: tuple[Closure, ...] = ()  # every closure that overlaps that run, in date order
    upcoming: tuple[Closure, ...] = ()  # closures still to come, soonest first

    @property
    def code(self) -> str:
        """The value of the page's data-status attribute."""
        return "tutup" if self.closed else "buka"


def status_on(office: Office, day: dt.date) -> Status:
    current = tuple(office.closures_on(day))
    upcoming = timeline(office.closures, day).upcoming
    if not current:
        return Status(day, False, (), None, None, (), upcoming)
    first, last = day, day
    while office.is_closed_on(first - DAY):
        first -= DAY
    while office.is_closed_on(last + DAY):
        last += DAY
    run = tuple(c for c in office.closures if c.mulai <= last and c.selesai >= first)
    return Status(day, True, current, first, last, run, upcoming)


def statuses(offices: list[Office], day: dt.date) -> dict[Office, Status]:
    """The status of each office on `day`, computed once for every page and notice that shows it."""
    return {office: status_on(office, day) for office in offices}


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
