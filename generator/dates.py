"""Dates as residents read them: "Selasa, 17 Maret 2020" (babel, locale id)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

LOCALE = "id"


def long_date(day: dt.date) -> str:
    """Selasa, 17 Maret 2020"""
    return format_date(day, "EEEE, d MMMM y", locale=LOCALE)


def plain_date(day: dt.date) -> str:
    """17 Maret 2020"""
    return format_date(day, "d MMMM y", locale=LOCALE)
