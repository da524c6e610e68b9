"""The status, decided once: for an office (or the whole region) on a day, what its counters are.

One of three states, in this order:

- "tutup": a closure (penutupan) that reaches the office is in force that day. With it: the
  closures in force and their scope (which services they close; none named: every
  face-to-face service), and the unbroken run of closed days around the day;
- "buka": no closure is in force and a report (pembukaan) says the counters of a region that
  holds the office are open, from its date on (until its last day, when it gives one): the
  office is called open only then, with that report;
- "tidak-tercatat": nothing is recorded for that day.

Whatever the state, the closures announced are those that start within ANNOUNCE_DAYS after the
day: the pages, the notices and the live-status script announce the same ones. Which offices a
closure or an opening reaches is model.link_offices' (office.closures, office.openings); which
services a closure closes is `closes`. Templates, notices, HSDS, the calendars and the live-status
data take these values and compute nothing; wording.py says them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Closure, Office, Opening, Service, reach

DAY = dt.timedelta(days=1)
ANNOUNCE_DAYS = 14  # a closure that starts within this many days after a day is announced on that day

CLOSED, OPENED, NOTHING = "tutup", "buka", "tidak-tercatat"


def closes(closure: Closure, service: Service) -> bool:
    """Whether the closure shuts this service's counters (no list: every face-to-face service)."""
    return not closure.layanan or service in closure.layanan


def by_date(closures) -> list[Closure]:
    return sorted(closures, key=lambda c: (c.mulai, c.selesai, c.id))


def by_opening(openings) -> list[Opening]:
    """Openings each once, in the order of their dates."""
    return sorted(dict.fromkeys(openings), key=lambda o: (o.mulai, o.id))


def announced(closures, day: dt.date) -> tuple[Closure, ...]:
    """Closures still to come that start within ANNOUNCE_DAYS after `day`, soonest first."""
    return tuple(c for c in by_date(closures) if day < c.mulai <= day + dt.timedelta(days=ANNOUNCE_DAYS))


def scope(closures) -> tuple[Service, ...]:
    """The services the closures close together: () when any of them closes every face-to-face service."""
    if any(not c.layanan for c in closures):
        return ()
    return tuple({id(s): s for c in closures for s in c.layanan}.values())


@dataclass(frozen=True)
class Status:
    """What every page, notice and export says of an office on `day`."""

    day: dt.date
    state: str  # CLOSED, OPENED or NOTHING
    closures: tuple[Closure, ...] = ()  # in force on `day`
    closed_from: dt.date | None = None  # first day of the unbroken run of closed days around `day`
    closed_until: dt.date | None = None  # last day of that run
    announced: tuple[Closure, ...] = ()  # starting within ANNOUNCE_DAYS, soonest first
    openings: tuple[Opening, ...] = ()  # the reports that say it is open (state OPENED)

    @property
    def closed(self) -> bool:
        return self.state == CLOSED

    @property
    def code(self) -> str:
        """The value of the data-status attribute (a machine code; residents read the words)."""
        return self.state

    @property
    def only(self) -> tuple[Service, ...]:
        """The services closed, when the closures in force close only some: () when they close all."""
        return scope(self.closures)


def status_on(office: Office, day: dt.date) -> Status:
    coming = announced(office.closures, day)
    current = tuple(office.closures_on(day))
    if not current:
        openings = tuple(o for o in office.openings if o.covers(day))
        return Status(day, OPENED if openings else NOTHING, announced=coming, openings=openings)
    first, last = day, day
    while office.is_closed_on(first - DAY):
        first -= DAY
    while office.is_closed_on(last + DAY):
        last += DAY
    return Status(day, CLOSED, current, first, last, coming)


def statuses(offices: list[Office], day: dt.date) -> dict[Office, Status]:
    """The status of each office on `day`, computed once for every page and notice that shows it."""
    return {office: status_on(office, day) for office in offices}


@dataclass(frozen=True)
class RegionStatus:
    """The whole region on `day` (home page, closures page): every closure in force anywhere in it."""

    day: dt.date
    closures: tuple[Closure, ...]
    announced: tuple[Closure, ...]
    openings: tuple[Opening, ...]

    @property
    def code(self) -> str:
        return CLOSED if self.closures else OPENED if self.openings else NOTHING


def region_status(closures: list[Closure], openings: list[Opening], day: dt.date) -> RegionStatus:
    return RegionStatus(day, tuple(c for c in by_date(closures) if c.covers(day)), announced(closures, day),
                        tuple(o for o in openings if o.covers(day)))


def reaching(area: Office) -> list[Closure]:
    """Closures that reach the area's office or any office within it, in date order."""
    found = {c: None for office in reach(area) for c in office.closures}
    return by_date(found)


@dataclass(frozen=True)
class Timeline:
    current: tuple[Closure, ...]
    upcoming: tuple[Closure, ...]
    past: tuple[Closure, ...]


def timeline(closures: list[Closure], day: dt.date) -> Timeline:
    """In force, upcoming (soonest first, every one recorded) and past (latest first) on `day`."""
    ordered = by_date(closures)
    return Timeline(
        current=tuple(c for c in ordered if c.phase(day) == "berlaku"),
        upcoming=tuple(c for c in ordered if c.phase(day) == "akan-datang"),
        past=tuple(reversed([c for c in ordered if c.phase(day) == "lewat"])),
    )
