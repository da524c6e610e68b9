"""Dates as residents read them: "Selasa, 17 Maret 2020" (babel, locale id)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date

LOCALE = "id"


@functools.lru_cache(maxsize=None)  # babel takes 30 µs a date; a build prints 3,500 dates, few distinct
def long_date(day: dt.date) -> str:
    """Selasa, 17 Maret 2020"""
    return format_date(day, "EEEE, d MMMM y", locale=LOCALE)


@functools.lru_cache(maxsize=None)
def plain_date(day: dt.date) -> str:
    """17 Maret 2020"""
    return format_date(day, "d MMMM y", locale=LOCALE)
