"""The data dictionary's machinery, by job, under the one name the rest of the code has used.

records.py declares every record and its fields; the machinery behind it lives in:

- checking.py: reading one file: the Checker (problems and positions), Path, describe();
- kinds.py: kinds of value (Text, codes, Choice, dates, Phone, Ref, ListOf), each checking a YAML
  node and describing itself as JSON Schema;
- declarations.py: declaring records: declared(), Spec, Unique, specs(), nested() and the Record
  checker;
- reads.py: how a value reads in the reviewer's diff (show(), EMPTY, partial_date()).

This module only re-exports their names, so that `from generator.schema import ...` and
`schema.Text` keep working; new code may import from the modules above.
"""

from __future__ import annotations

from .checking import INVALID, PLAIN_TAGS, Checker, Path, describe, is_empty
from .declarations import Field, Record, Spec, Unique, absent_allowed, declared, label, nested, specs
from .kinds import (
    IDENTIFIER, KECAMATAN_CODE, KELURAHAN_CODE, KOTA_CODE, POSTAL_CODE, PROVINCE_CODE, REGION_CODE, URL,
    ByProvince, Choice, Date, Kind, ListOf, PartialDate, Pattern, Phone, Ref, Text, Year, ref_of,
)
from .reads import EMPTY, partial_date, show, shown_items

__all__ = [
    "INVALID", "PLAIN_TAGS", "Checker", "Path", "describe", "is_empty",
    "Field", "Record", "Spec", "Unique", "absent_allowed", "declared", "label", "nested", "specs",
    "IDENTIFIER", "KECAMATAN_CODE", "KELURAHAN_CODE", "KOTA_CODE", "POSTAL_CODE", "PROVINCE_CODE", "REGION_CODE",
    "URL", "ByProvince", "Choice", "Date", "Kind", "ListOf", "PartialDate", "Pattern", "Phone", "Ref", "Text",
    "Year", "ref_of", "EMPTY", "partial_date", "show", "shown_items",
]
