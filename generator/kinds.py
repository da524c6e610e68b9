"""Kinds of value: what each field of records.py may hold, one small class per kind.

Each kind checks one YAML node and returns the plain Python value, or records a
Problem ("expected X, got Y") through the Checker (checking.py) and returns
INVALID. Text, codes (by the file's province), choices, years, dates, phone
numbers, references to other records (Ref: which records, narrowed by `where`)
and lists (ListOf: how many items, whether their order shows on a page). A
record of declared fields is a kind too (declarations.Record).

Each kind also describes itself as JSON Schema: `json_schema()` for editors
(json_schemas.py writes schemas/), `export_schema()` for the open-data exports.
A schema can say less than the checker (it cannot tell a landline from a mobile
number, or resolve an id) and is stricter in one way: it sees YAML as an
editor does, so a number meant as text must be quoted ("12130", "021-7245537"),
as the files already do. How a value reads in the reviewer's diff is reads.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from . import phones, region_codes
from .checking import INVALID, PLAIN_TAGS, Checker, Path, describe, is_empty


class Kind:
    """A kind of value: checks one YAML node (`check`, `convert`) and describes itself as JSON Schema."""

    expected = "a value"
    is_record = False  # declarations.Record: a mapping of declared fields

    def check(self, node: yaml.Node, checker: Checker, path: Path) -> Any:
        checker.positions[path.raw] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in PLAIN_TAGS:
            checker.report(node, path, f"expected plain YAML, got the tag {node.tag}")
            return INVALID
        return self.convert(node, checker, path)

    def convert(self, node: yaml.Node, checker: Checker, path: Path) -> Any:
        raise NotImplementedError

    def fail(self, node: yaml.Node, checker: Checker, path: Path, detail: str = "") -> Any:
        got = describe(node) + (f" ({detail})" if detail else "")
        checker.report(node, path, f"expected {self.expected}, got {got}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        """The same rule as JSON Schema (draft 7), as far as JSON Schema can say it."""
        raise NotImplementedError

    def export_schema(self) -> dict[str, Any]:
        """JSON Schema (draft 2020-12) of the value as open_data.py exports it (JSON, not the YAML written)."""
        raise NotImplementedError


class Text(Kind):
    """A non-empty line of text. The YAML text is taken as written: 031 stays "031"."""

    expected = "a non-empty string"

    def convert(self, node, checker, path):
        if not isinstance(node, yaml.ScalarNode) or is_empty(node) or not node.value.strip():
            return self.fail(node, checker, path)
        return node.value.strip()

    def json_schema(self):
        return {"type": "string", "minLength": 1, "pattern": r"\S"}

    def export_schema(self):
        return {"type": "string", "minLength": 1}


class Pattern(Text):
    def __init__(self, regex: str, expected: str):
        self.regex = re.compile(regex)
        self.expected = expected

    def convert(self, node, checker, path):
        value = super().convert(node, checker, path)
        if value is INVALID:
            return INVALID
        return value if self.regex.fullmatch(value) else self.fail(node, checker, path)

    def json_schema(self):
        return {"type": "string", "pattern": f"^({self.regex.pattern})$", "description": self.expected}

    def export_schema(self):
        return self.json_schema()


IDENTIFIER = Pattern(r"[a-z0-9]+(-[a-z0-9]+)*", "an id of lower-case letters, digits and hyphens (like ktp-el)")
URL = Pattern(r"https://[^\s]+", "an address starting with https://")


class ByProvince(Pattern):
    """A code or postal code, checked by the rule of the file's province (Checker.province, the
    dinas code read before anything is checked): DKI Jakarta's own rule and messages for province
    31, the shape every province shares otherwise (which is also its JSON Schema: editors cannot
    tell which province a file is for). That a code lies in the province (it starts with the dinas
    code) is a rule across records, in validate.py.
    """

    def __init__(self, dki: Pattern, other: Pattern):
        super().__init__(other.regex.pattern, other.expected)
        self.dki, self.other = dki, other

    def chosen(self, checker: Checker) -> Pattern:
        return self.dki if checker.province == region_codes.DKI else self.other

    def check(self, node, checker, path):
        return self.chosen(checker).check(node, checker, path)

    def expected_in(self, checker: Checker) -> str:
        return self.chosen(checker).expected


PROVINCE_CODE = ByProvince(Pattern(r"31", "the province code 31"),
                           Pattern(r"[1-9]\d", "a 2-digit province code like 32"))
POSTAL_CODE = ByProvince(Pattern(r"1[0-4]\d{3}", "a 5-digit Jakarta postal code (10xxx to 14xxx)"),
                         Pattern(r"\d{5}", "a 5-digit postal code"))
KOTA_CODE = ByProvince(Pattern(r"31\.\d\d", "a kota code like 31.74"),
                       Pattern(r"\d\d\.\d\d", "a kabupaten or kota code like 32.73"))
KECAMATAN_CODE = ByProvince(Pattern(r"31\.\d\d\.\d\d", "a kecamatan code like 31.74.07"),
                            Pattern(r"\d\d\.\d\d\.\d\d", "a kecamatan code like 32.73.01"))
KELURAHAN_CODE = ByProvince(
    Pattern(r"31\.\d\d\.\d\d\.1\d\d\d", "a kelurahan code like 31.74.07.1002"),
    Pattern(r"\d\d\.\d\d\.\d\d\.[1-3]\d\d\d",
            "a desa or kelurahan code like 32.73.01.1001 (1xxx kelurahan, 2xxx desa, 3xxx desa adat)"))
REGION_CODE = ByProvince(
    Pattern(r"31(\.\d\d(\.\d\d(\.1\d\d\d)?)?)?", "a region code like 31, 31.74, 31.74.07 or 31.74.07.1002"),
    Pattern(r"\d\d(\.\d\d(\.\d\d(\.[1-3]\d\d\d)?)?)?", "a region code like 32, 32.73, 32.73.01 or 32.73.01.1001"))


class Choice(Text):
    def __init__(self, *values: str):
        self.values = values
        self.expected = "one of " + ", ".join(values)

    def convert(self, node, checker, path):
        value = super().convert(node, checker, path)
        if value is INVALID:
            return INVALID
        return value if value in self.values else self.fail(node, checker, path)

    def json_schema(self):
        return {"enum": list(self.values)}

    def export_schema(self):
        return {"type": "string", "enum": list(self.values)}


class Year(Text):
    expected = "a year like 2015"

    def convert(self, node, checker, path):
        value = super().convert(node, checker, path)
        if value is INVALID or not re.fullmatch(r"(19|20)\d\d", value):
            return self.fail(node, checker, path)
        return int(value)

    def json_schema(self):
        return {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2099},
                          {"type": "string", "pattern": r"^(19|20)\d\d$"}], "description": self.expected}

    def export_schema(self):
        return {"type": "integer", "minimum": 1900, "maximum": 2099, "description": self.expected}


class Date(Kind):
    """A day; `weekday` for days residents plan around (closures), shown as "Selasa, 17 Maret 2020"."""

    expected = "a date as YYYY-MM-DD"

    def __init__(self, weekday: bool = False):
        self.weekday = weekday

    def convert(self, node, checker, path):
        text = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return self.fail(node, checker, path)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            checker.report(node, path, f"expected a real date as YYYY-MM-DD, got {describe(node)} (no such day)")
            return INVALID

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date", "description": self.expected}

    def export_schema(self):
        return {"type": "string", "format": "date", "description": "a date as YYYY-MM-DD (ISO 8601)"}


class PartialDate(Text):
    """A day, a month or a year, as precise as the source is: 2020-03-22, 2020-03 or 2020."""

    expected = "a date as YYYY-MM-DD, YYYY-MM or YYYY"

    def convert(self, node, checker, path):
        value = super().convert(node, checker, path)
        if value is INVALID:
            return INVALID
        text = str(value)
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            return self.fail(node, checker, path)
        try:
            dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
        except ValueError:
            checker.report(node, path, f"expected a real date as YYYY-MM-DD, YYYY-MM or YYYY, got {describe(node)} (no such day)")
            return INVALID
        return text

    def json_schema(self):
        return {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                          {"type": "integer", "minimum": 1900, "maximum": 2099}], "description": self.expected}


class Phone(Text):
    """A valid Indonesian number, returned in E.164 form (+62...)."""

    def __init__(self, mobile: bool = False):
        self.mobile = mobile
        self.expected = "a mobile number" if mobile else "a phone number"

    def convert(self, node, checker, path):
        value = super().convert(node, checker, path)
        if value is INVALID:
            return INVALID
        try:
            return phones.normalise(value, mobile=self.mobile)
        except phones.PhoneError as error:
            return self.fail(node, checker, path, str(error))

    def json_schema(self):
        # Any text: whether it is a real (mobile) number only the checker can tell.
        return {**super().json_schema(), "description": self.expected}

    def export_schema(self):
        example = "+6281234567890" if self.mobile else "+62215662400"
        return {"type": "string", "pattern": r"^\+[1-9][0-9]{6,14}$",
                "description": f"{self.expected} in E.164 form, like {example}"}


class Ref(Kind):
    """The key of another record (a channel, service, report or data set): checked as an id here;
    validate.py derives from the declaration that it must name a record that exists, and model.py
    makes the value that record.

    `target` is the lower-case name of the records.py class it names ("channel" for Channel); the
    records are the list of that class in services.yaml or offices.yaml, found by its label_key.
    `where` narrows them to the records with a field of one value (("jenis", "peraturan"): a
    sumber that is a regulation), and `what` names them in messages (by default the `unique`
    word of the target's key field: "channel id").
    """

    def __init__(self, target: str, code: Pattern | None = None, *, where: tuple[str, str] | None = None,
                 what: str | None = None):
        self.target = target  # channel, service, source, reference
        self.code = code or IDENTIFIER
        self.expected = self.code.expected
        self.where = where
        self.what = what

    def convert(self, node, checker, path):
        return self.code.convert(node, checker, path)

    def json_schema(self):
        return self.code.json_schema()

    def export_schema(self):
        """The id of the record it names (model.py made it the record; the export writes its id)."""
        return {**self.code.export_schema(), "description": f"id of a {self.target}"}

    def admits(self, record: dict) -> bool:
        """Whether a target record (checked values) may be named here."""
        return self.where is None or record.get(self.where[0]) == self.where[1]


def ref_of(kind: Kind) -> Ref | None:
    """The Ref of a reference field (a Ref, or a list of them), else None."""
    inner = kind.kind if isinstance(kind, ListOf) else kind
    return inner if isinstance(inner, Ref) else None


class ListOf(Kind):
    """A list of one kind: how many items at least, which key names an item in paths (label_key, also
    the key a Ref finds these records by), whether one item may stand without the list, and whether
    its order shows on a page (`ordered`: the diff shows it as written and reports a new order)."""

    def __init__(self, kind: Kind, *, min_items: int = 0, label_key: str | None = None, one_or_more: bool = False,
                 ordered: bool = False):
        self.kind = kind
        self.ordered = ordered  # its order shows on a page: the diff shows it as written and reports a reordering
        self.min_items = min_items
        self.label_key = label_key  # items shown as [value of this key] in paths
        self.one_or_more = one_or_more  # a single item may be written without the list
        need = "a list" if not min_items else "a list of at least one item"
        self.expected = f"{need} of {kind.expected}" if not kind.is_record else need

    def convert(self, node, checker, path):
        if self.one_or_more and isinstance(node, yaml.ScalarNode) and not is_empty(node):
            value = self.kind.check(node, checker, path.item(0))
            return [] if value is INVALID else [value]
        if not isinstance(node, yaml.SequenceNode) or len(node.value) < self.min_items:
            return self.fail(node, checker, path)
        values = []
        for index, item in enumerate(node.value):
            value = self.kind.check(item, checker, path.item(index, self.label_for(item)))
            if value is not INVALID:
                values.append(value)
        return values

    def json_schema(self):
        array = {"type": "array", "items": self.kind.json_schema()}
        if self.min_items:
            array["minItems"] = self.min_items
        return {"anyOf": [self.kind.json_schema(), array]} if self.one_or_more else array

    def export_schema(self):
        """Always a list, even where the YAML allows a single item without one."""
        array = {"type": "array", "items": self.kind.export_schema()}
        if self.min_items:
            array["minItems"] = self.min_items
        return array

    def label_for(self, item: yaml.Node) -> str | None:
        if self.label_key and isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == self.label_key and isinstance(value, yaml.ScalarNode) and value.value:
                    return value.value
        return None
