"""The machinery of the data dictionary: one small class per kind of value.

records.py declares every record and its fields with `declared()`; this module
turns those declarations into checks (`nested()` makes a Record checker of a
record class), JSON Schemas and the text a reviewer reads (`show()`).

Each kind checks one YAML node and returns the plain Python value, or records a
Problem ("expected X, got Y") and returns INVALID. Records check their fields,
report unknown and duplicate keys, and go on after a problem so that every
problem in a file is found in one run. Rules across records are declared here
(Ref: which records a field names; Unique: which values may not repeat) and
checked by validate.py, with the rules it writes out (closures' date order...).

Each kind also describes itself as JSON Schema (`json_schema()`), so that
editors can check the files as staff type (json_schemas.py writes schemas/).
A schema can say less than the checker (it cannot tell a landline from a mobile
number, or resolve an id) and is stricter in one way: it sees YAML as an
editor does, so a number meant as text must be quoted ("12130", "021-7245537"),
as the files already do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import phones, region_codes
from .dates import long_date, plain_date
from .problems import ERROR, Problem

INVALID = object()
EMPTY = "(kosong)"  # how the diff shows a value that is not set
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class Checker:
    """Collects problems and node positions while one file is checked."""

    def __init__(self, label: str):
        self.label = label
        self.problems: list[Problem] = []
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.province: str | None = None  # the dinas code of offices.yaml, for ByProvince kinds

    def report(self, node: yaml.Node, path: "Path", message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.label, mark.line + 1, mark.column + 1, path.text, message))

    def at(self, key: tuple) -> tuple[int, int]:
        """1-based (line, column) of the value at a raw path, or (1, 1)."""
        return self.positions.get(key, (1, 1))

    def report_at(self, key: tuple, text: str, message: str, level: str = ERROR) -> None:
        line, column = self.at(key)
        self.problems.append(Problem(self.label, line, column, text, message, level))


@dataclass(frozen=True)
class Path:
    """Where a value sits: `raw` for lookups, `text` for people (kelurahan[31.71.01.1001].kontak[0])."""

    raw: tuple = ()
    text: str = ""

    def key(self, name: str) -> "Path":
        return Path(self.raw + (name,), f"{self.text}.{name}" if self.text else name)

    def item(self, index: int, label: str | None = None) -> "Path":
        return Path(self.raw + (index,), f"{self.text}[{label if label is not None else index}]")


def describe(node: yaml.Node) -> str:
    """How a received value is named in messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_empty(node):
        return "nothing"
    return json.dumps(node.value, ensure_ascii=False)


def is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style  # plain: None from PyYAML, '' from libyaml


class Kind:
    expected = "a value"

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

    def show(self, value: Any) -> str:
        """How a value of this kind reads in the reviewer's diff."""
        return f'"{value}"' if value else EMPTY


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

    def show(self, value):
        return str(value) if value else EMPTY


class Date(Kind):
    """A day; `weekday` for days residents plan around (closures), shown as "Selasa, 17 Maret 2020"."""

    expected = "a date as YYYY-MM-DD"

    def __init__(self, weekday: bool = False):
        self.weekday = weekday

    def show(self, value):
        return (long_date if self.weekday else plain_date)(value) if value else EMPTY

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

    def show(self, value):
        return partial_date(value) if value else EMPTY


def partial_date(text: str) -> str:
    """"2020-03-22" -> "Minggu, 22 Maret 2020"; "2020-03" -> "Maret 2020"; "2020" -> "2020"."""
    from babel.dates import format_date

    if len(text) == 10:
        return long_date(dt.date.fromisoformat(text))
    if len(text) == 7:
        return format_date(dt.date.fromisoformat(text + "-01"), "LLLL y", locale="id")
    return text


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

    def show(self, value):
        return phones.display(value) if value else EMPTY


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

    def show(self, value):
        """A referenced record by its id, with its year for a source: "dki-2015 (2015)"."""
        if not value:
            return EMPTY
        return f"{value.id} ({value.tahun})" if hasattr(value, "tahun") else value.id

    def admits(self, record: dict) -> bool:
        """Whether a target record (checked values) may be named here."""
        return self.where is None or record.get(self.where[0]) == self.where[1]


def ref_of(kind: Kind) -> Ref | None:
    """The Ref of a reference field (a Ref, or a list of them), else None."""
    inner = kind.kind if isinstance(kind, ListOf) else kind
    return inner if isinstance(inner, Ref) else None


class ListOf(Kind):
    def __init__(self, kind: Kind, *, min_items: int = 0, label_key: str | None = None, one_or_more: bool = False,
                 ordered: bool = False):
        self.kind = kind
        self.ordered = ordered  # its order shows on a page: the diff shows it as written and reports a reordering
        self.min_items = min_items
        self.label_key = label_key  # items shown as [value of this key] in paths
        self.one_or_more = one_or_more  # a single item may be written without the list
        need = "a list" if not min_items else "a list of at least one item"
        self.expected = f"{need} of {kind.expected}" if not isinstance(kind, Record) else need

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

    def show(self, value):
        """An ordered list (its order shows on a page) as written; any other sorted, since its order shows nowhere."""
        shown = self.shown_items(value)
        return ", ".join(shown if self.ordered else sorted(shown)) or EMPTY

    def shown_items(self, value) -> list[str]:
        """Each item as the diff reads it, in the order written."""
        return [self.kind.show(item).strip('"') for item in value or ()]

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


@dataclass
class Field:
    kind: Kind
    required: bool = True
    doc: str = ""


@dataclass
class Record(Kind):
    fields: dict[str, Field] = field(default_factory=dict)
    expected: str = "a mapping"
    cls: type | None = None  # the records.py class it checks, which model.py builds
    level: str | None = None  # for offices: dinas, kota, kecamatan or kelurahan

    def convert(self, node, checker, path):
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, checker, path)
        values: dict[str, Any] = {"__path__": path}
        seen: dict[str, yaml.Node] = {}
        suggested: set[str | None] = set()  # a misspelt field is reported once, not also as missing
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name in seen:
                first = seen[name].start_mark.line + 1
                checker.report(key_node, path.key(name), f"duplicate key: {name} is already set on line {first}")
                continue
            if name not in self.fields:
                message, suggestion = self.unknown(name)
                checker.report(key_node, path.key(str(name)) if name else path, message)
                suggested.add(suggestion)
                continue
            seen[name] = key_node
            value = self.fields[name].kind.check(value_node, checker, path.key(name))
            if value is not INVALID:
                values[name] = value
        values["__keys__"] = set(seen)  # fields written, valid or not: rules about presence read this
        missing = [name for name, spec in self.fields.items()
                   if spec.required and name not in seen and name not in suggested]
        for name in missing:
            kind = self.fields[name].kind
            expected = kind.expected_in(checker) if isinstance(kind, ByProvince) else kind.expected
            checker.report(node, path, f"missing required field {name}: expected {expected}")
        return values

    def json_schema(self):
        properties = {}
        for name, spec in self.fields.items():
            properties[name] = spec.kind.json_schema()
            if spec.doc:
                properties[name]["description"] = spec.doc
        return {
            "type": "object",
            "properties": properties,
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }

    def export_schema(self):
        """Every field present, under its declared name: a field staff may leave out is then null, or [] for a
        list (open_data.py writes them so); no other field. A field's description is its doc, then what the
        kind says of the exported form (E.164, ISO date)."""
        properties = {}
        for name, spec in self.fields.items():
            schema = spec.kind.export_schema()
            if not spec.required:
                schema = absent_allowed(schema)
            if spec.doc:
                schema = {**schema, "description": "; ".join(filter(None, (spec.doc, schema.get("description"))))}
            properties[name] = schema
        described = {"description": self.cls.__doc__} if self.cls is not None and self.cls.__doc__ else {}
        return {"type": "object", **described, "properties": properties, "required": list(self.fields),
                "additionalProperties": False}

    def unknown(self, name: str | None) -> tuple[str, str | None]:
        """The message for an unknown key, and the known field it probably meant."""
        if name is None:
            return "expected a field name, got a complex key", None
        close = difflib.get_close_matches(name, list(self.fields), n=1, cutoff=0.6)
        if close:
            return f"unknown field {name}: did you mean {close[0]}?", close[0]
        return f"unknown field {name}: expected one of {', '.join(self.fields)}", None


def absent_allowed(schema: dict[str, Any]) -> dict[str, Any]:
    """An export schema that also accepts the value of an absent field: [] for a list, else null."""
    if schema.get("type") == "array":
        return {key: value for key, value in schema.items() if key != "minItems"}
    if isinstance(schema.get("type"), str):
        nullable = {**schema, "type": [schema["type"], "null"]}
        return {**nullable, "enum": [*schema["enum"], None]} if "enum" in schema else nullable
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


# --- declaring records (records.py) ---------------------------------------------


@dataclass(frozen=True)
class Unique:
    """A field whose value no other record of the same list may have (validate.py checks it).

    `what` names it in messages ("channel id"; "{level}" becomes the office level: "kelurahan code");
    it is also how references to these records are named ("unknown channel id ..."). `key` compares
    a transformed value (a name's slug, when the name gives the page address); `when(province)`,
    with the dinas code of offices.yaml (None when unclear), says whether the rule applies.
    """

    what: str
    key: Callable[[Any], Any] | None = None
    when: Callable[[str | None], bool] | None = None

    def named(self, level: str | None) -> str:
        return self.what.format(level=level)


@dataclass(frozen=True)
class Spec:
    """Everything declared about one field of a record."""

    kind: Kind | dict[str, Kind]  # or, for offices, a kind per level
    required: bool = True
    doc: str = ""  # for editors, in the JSON Schema
    label: str | None = None  # how pages and the diff name it, when not the field name
    levels: tuple[str, ...] | None = None  # the office levels that have it; None: every level
    show: Callable[[Any, Any], str] | None = None  # (value, record) -> diff text, when the kind's show() won't do
    items: bool = False  # the diff lists items added and removed (steps) rather than old -> new
    unique: Unique | None = None  # no two records of a list have the same value

    def kind_for(self, level: str | None) -> Kind:
        return self.kind[level] if isinstance(self.kind, dict) else self.kind

    def reads(self, value: Any, record: Any) -> str:
        """The value as the reviewer's diff shows it."""
        return self.show(value, record) if self.show else self.kind_for(getattr(record, "level", None)).show(value)


def declared(kind: Kind | dict[str, Kind], *, required: bool = True, doc: str = "", label: str | None = None,
             levels: tuple[str, ...] | None = None, show: Callable[[Any, Any], str] | None = None,
             items: bool = False, unique: str | Unique | None = None) -> Any:
    """A dataclass field declared once: its kind, whether staff must write it, how it reads, and
    whether its value must be unique in its list (`unique`: the words for it, or a Unique)."""
    spec = Spec(kind, required, doc, label, levels, show, items,
                Unique(unique) if isinstance(unique, str) else unique)
    if required and levels is None:
        return dataclasses.field(metadata={"spec": spec})
    many = isinstance(kind, ListOf)
    return dataclasses.field(default=() if many else None, metadata={"spec": spec})


def specs(cls: type) -> list[tuple[str, Spec]]:
    """The declared fields of a record class, in order; fields the model adds have no Spec."""
    return [(f.name, f.metadata["spec"]) for f in dataclasses.fields(cls) if "spec" in f.metadata]


def label(name: str, spec: Spec) -> str:
    return spec.label or name


def nested(cls: type, level: str | None = None) -> Record:
    """The checker of a record class (of one office level)."""
    return Record({
        name: Field(spec.kind_for(level), spec.required, spec.doc)
        for name, spec in specs(cls) if spec.levels is None or level in spec.levels
    }, cls=cls, level=level)
