"""How a value reads in the reviewer's diff (and so in the Atom feed), kind by kind.

The diff (diff.py) compares records field by field as a reviewer reads them: text in quotes,
dates in Indonesian ("Selasa, 17 Maret 2020"), phone numbers as the pages print them, a
referenced record by its id, a list as its items joined, in the order written when its order
shows on a page (ListOf(..., ordered=True)), sorted otherwise. A value that is not set reads
as EMPTY. records.py may override this per field (`declared(show=...)`), see declarations.Spec.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import phones
from .dates import long_date, plain_date
from .kinds import Date, Kind, ListOf, PartialDate, Phone, Ref, Year

EMPTY = "(kosong)"  # how the diff shows a value that is not set


def show(kind: Kind, value: Any) -> str:
    """The value as the reviewer's diff reads it."""
    if isinstance(kind, ListOf):
        items = shown_items(kind, value)
        return ", ".join(items if kind.ordered else sorted(items)) or EMPTY
    if not value:
        return EMPTY
    if isinstance(kind, Ref):  # a referenced record by its id, with its year for a source: "dki-2015 (2015)"
        return f"{value.id} ({value.tahun})" if hasattr(value, "tahun") else value.id
    if isinstance(kind, Phone):
        return phones.display(value)
    if isinstance(kind, Date):
        return (long_date if kind.weekday else plain_date)(value)
    if isinstance(kind, PartialDate):
        return partial_date(value)
    if isinstance(kind, Year):
        return str(value)
    return f'"{value}"'


def shown_items(kind: ListOf, value: Any) -> list[str]:
    """Each item of a list as the diff reads it, in the order written."""
    return [show(kind.kind, item).strip('"') for item in value or ()]


def partial_date(text: str) -> str:
    """"2020-03-22" -> "Minggu, 22 Maret 2020"; "2020-03" -> "Maret 2020"; "2020" -> "2020"."""
    from babel.dates import format_date

    if len(text) == 10:
        return long_date(dt.date.fromisoformat(text))
    if len(text) == 7:
        return format_date(dt.date.fromisoformat(text + "-01"), "LLLL y", locale="id")
    return text
