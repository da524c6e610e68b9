"""Declaring records (records.py): fields, their rules, and the checker of a record.

`declared()` gives a dataclass field everything said about it once (Spec): its kind of value
(kinds.py), whether staff must write it, its doc for editors, how pages and the diff name and
read it, the office levels that have it, and whether its value must be unique in its list
(Unique). `specs()` lists a class's declared fields; `nested()` makes the Record checker of a
class (of one office level), which also writes the record's JSON Schemas. validate.py derives
the checks across records (references, unique values) from these declarations, model.py builds
the records from them, diff.py compares them.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from . import reads
from .checking import INVALID
from .kinds import ByProvince, Kind, ListOf


@dataclass
class Field:
    kind: Kind
    required: bool = True
    doc: str = ""


@dataclass
class Record(Kind):
    """A mapping of declared fields (the checker nested() makes of a records.py class): checks each
    field by its kind, reports unknown keys (suggesting the field meant), duplicate keys and missing
    required fields, and goes on after a problem so that every problem in a file is found in one run."""

    is_record: ClassVar[bool] = True
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
        return self.show(value, record) if self.show else reads.show(self.kind_for(getattr(record, "level", None)), value)


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
