"""records.py: every declared field reaches the model and the reviewer's diff (on a copy of the real data).

For every field of every record type, one value is changed in a copy of the real
services.yaml and offices.yaml; the copy must stay valid, the model must carry
the new value, and `generator diff` must report a change. Then a new record is
appended at the end of every list. A field declared but dropped on the way to
the model or the diff makes these fail.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from generator import diff, records, schema
from generator.model import build_guide
from generator.schema import ListOf, Record, Ref, specs
from generator.validate import check_data

FILES = {"services.yaml": records.SERVICES_FILE, "offices.yaml": records.OFFICES_FILE}
SOURCE_CODE = {"dinas": "31", "kota": "31.71", "kecamatan": "31.71.01", "kelurahan": "31.71.01.1001"}


@functools.cache
def parsed_real_data() -> dict[str, dict]:
    """Read once per run (libyaml, as generator/load.py reads): the tests below edit copies of it."""
    return {name: yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for name in FILES}


def real_data() -> dict[str, dict]:
    return copy.deepcopy(parsed_real_data())


def dump(value) -> str:
    """YAML text of value, written by libyaml (the pure-Python emitter took most of each test's time)."""
    return yaml.dump(value, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def base():
    checked, problems = check_data(REPO)
    assert problems == []
    return diff.Side("`base`", build_guide(checked), [])


def instances(kind: Record, value: dict, found: dict) -> None:
    """The first YAML mapping of each (record class, level), walking the declarations from the file down."""
    found.setdefault((kind.cls, kind.level), value)
    for name, field in kind.fields.items():
        inner = field.kind.kind if isinstance(field.kind, ListOf) else field.kind
        if isinstance(inner, Record) and name in value:
            for item in value[name] if isinstance(field.kind, ListOf) else [value[name]]:
                instances(inner, item, found)


def declared_fields() -> list[tuple[type, str | None, str]]:
    """(record class, office level, field name) for every declared field, each field once."""
    data, found, seen, result = real_data(), {}, set(), []
    for name, kind in FILES.items():
        instances(kind, data[name], found)
    office_first = ["kelurahan", "kecamatan", "kota", "dinas"]  # codes and names are changed on a kelurahan
    for cls, level in sorted(found, key=lambda key: office_first.index(key[1]) if key[1] else 0):
        if cls in (records.ServicesFile, records.OfficesFile):
            continue  # their lists are covered by the appended records below
        for field_name, spec in specs(cls):
            if (cls, field_name) in seen or (spec.levels is not None and level not in spec.levels):
                continue
            seen.add((cls, field_name))
            result.append((cls, level, field_name))
    return result


def rename(value, old, new):
    """Every string equal to `old`, anywhere in the data (an id and the references to it)."""
    if isinstance(value, dict):
        return {k: rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [rename(v, old, new) for v in value]
    return new if value == old else value


def another(kind: schema.Kind, value, record: dict, data: dict[str, dict], found: dict):
    """A different valid value of `kind` for the field now holding `value`."""
    if isinstance(kind, ListOf) and isinstance(kind.kind, Record):  # a copy of an item of its kind, changed
        item = copy.deepcopy(found[(kind.kind.cls, None)])
        first = next(name for name, field in kind.kind.fields.items() if type(field.kind) is schema.Text and name in item)
        return list(value or []) + [{**item, first: item[first] + " (baru)"}]
    if isinstance(kind, ListOf):
        if isinstance(kind.kind, Ref):
            try:
                return [another(kind.kind, None, record, data, {})] + list(value or [])
            except StopIteration:  # every possible id is there already: drop one
                return list(value)[1:]
        if isinstance(kind.kind, schema.Phone):
            return ["021-5550123"]
        return list(value or []) + ["Teks baru yang ditambahkan"]
    if isinstance(kind, Ref):
        pools = {"channel": [c["id"] for c in data["services.yaml"]["kanal"]],
                 "service": [s["id"] for s in data["services.yaml"]["layanan"]],
                 "source": [s["id"] for s in data["offices.yaml"]["sumber"]],
                 "reference": [r["id"] for r in data["services.yaml"]["sumber"] if r["jenis"] == "peraturan"]}
        listed = record.get("sumber") if isinstance(record.get("sumber"), list) else []
        taken = record.get("kanal", []) + record.get("terkait", []) + record.get("layanan", []) + listed + [value]
        return next(choice for choice in pools[kind.target] if choice not in taken)
    if isinstance(kind, schema.Phone):
        return "0812-3456-7890" if kind.mobile else "021-5550123"
    if isinstance(kind, schema.PartialDate):
        return "2019" if str(value) != "2019" else "2018"
    if isinstance(kind, schema.Date):
        return (value or dt.date(2026, 11, 1)) - dt.timedelta(days=1)
    if isinstance(kind, schema.Year):
        return int(value) - 1
    if isinstance(kind, schema.Choice):
        return next(choice for choice in kind.values if choice != value)
    if kind is schema.URL:
        return (value or "https://contoh.example") + "/baru"
    if kind is schema.POSTAL_CODE:
        return "12999" if value != "12999" else "12998"
    if kind in (schema.KELURAHAN_CODE, schema.IDENTIFIER):
        return value[:-1] + "9" if kind is schema.KELURAHAN_CODE else value + "-baru"
    if isinstance(kind, schema.Text):
        return (value or "Teks") + " (diubah)"
    raise AssertionError(f"no other value for {kind!r}")


def changed_copy(cls: type, level: str | None, name: str, folder: Path):
    """A copy of the real data with one field of one record changed; returns the old and new value."""
    data = real_data()
    found: dict = {}
    for file_name, kind in FILES.items():
        instances(kind, data[file_name], found)
    record = found[(cls, level)]
    spec = dict(specs(cls))[name]
    old = record.get(name)
    new = another(spec.kind_for(level), old, record, data, found)
    if cls is records.Closure and name == "tingkat":  # a closure's level and region change together
        record["wilayah"] = SOURCE_CODE[new] if new != "provinsi" else "31"
    if cls is records.Closure and name == "wilayah":
        new = "31.75" if record["tingkat"] == "kota" else new
        if record["tingkat"] == "provinsi":
            record["tingkat"], new = "kota", "31.75"
    if isinstance(spec.kind_for(level), (schema.Pattern,)) and old is not None and name in ("id", "kode"):
        data = rename(data, old, new)
    else:
        record[name] = new
    for file_name in FILES:
        (folder / file_name).write_text(dump(data[file_name]),
                                        encoding="utf-8")
    return old, new


@pytest.mark.parametrize("cls, level, name", declared_fields(),
                         ids=lambda v: v.__name__ if isinstance(v, type) else str(v))
def test_every_declared_field_reaches_the_model_and_the_diff(base, tmp_path, cls, level, name):
    changed_copy(cls, level, name, tmp_path)
    head = diff.checked("`head`", tmp_path)
    assert head.problems == [], head.problems
    summary = diff.summarise(base, head)
    assert diff.NO_CHANGE not in summary, f"changing {cls.__name__}.{name} went unreported"


NEW_RECORDS = {  # list -> how to make its last item a new record
    ("services.yaml", "sumber"): lambda r: {**r, "id": "sumber-baru", "judul": "Sumber baru"},
    ("services.yaml", "kanal"): lambda r: {**r, "id": "kanal-baru", "nama": "Kanal baru"},
    ("services.yaml", "layanan"): lambda r: {**r, "id": "layanan-baru", "nama": "Layanan baru"},
    ("offices.yaml", "sumber"): lambda r: {**r, "id": "sumber-baru"},
    ("offices.yaml", "kota"): lambda r: {**r, "kode": "31.79", "nama": "Kota Baru", "kontak": []},
    ("offices.yaml", "kecamatan"): lambda r: {**r, "kode": r["kode"][:6] + "99", "nama": "Kecamatan Baru"},
    ("offices.yaml", "kelurahan"): lambda r: {**r, "kode": r["kode"][:-4] + "1999", "nama": "Kelurahan Baru"},
    ("offices.yaml", "penutupan"): lambda r: {**r, "id": "penutupan-baru"},
}


@pytest.mark.parametrize("file_name, key", list(NEW_RECORDS), ids=lambda v: str(v))
def test_a_record_appended_at_the_end_of_each_list_is_reported(base, tmp_path, file_name, key):
    data = real_data()
    items = data[file_name][key]
    items.append(NEW_RECORDS[(file_name, key)](copy.deepcopy(items[-1])))
    for name in FILES:
        (tmp_path / name).write_text(dump(data[name]), encoding="utf-8")
    head = diff.checked("`head`", tmp_path)
    assert head.problems == []
    summary = diff.summarise(base, head)
    assert diff.NO_CHANGE not in summary
    assert "Baru" in summary or "baru" in summary


def test_every_list_of_records_in_the_files_is_covered_above():
    lists = {(name, field) for name, kind in FILES.items() for field, spec in kind.fields.items()
             if isinstance(spec.kind, ListOf) and isinstance(spec.kind.kind, Record)}
    assert lists == set(NEW_RECORDS)


class TestRegressions:
    """The three faults of issue 8, reproduced on the real data."""

    def test_changing_an_office_alias_is_reported(self, base, tmp_path):
        data = real_data()
        office = next(o for o in data["offices.yaml"]["kecamatan"] if o.get("alias"))
        office["alias"] = office["alias"] + ["Ejaan Lain"]
        for name in FILES:
            (tmp_path / name).write_text(dump(data[name]), encoding="utf-8")
        summary = diff.summarise(base, diff.checked("`head`", tmp_path))
        assert f"- Kecamatan {office['nama']}: alias " in summary
        assert "Ejaan Lain" in summary

    def test_a_new_service_at_the_end_of_services_yaml_is_reported(self, base, tmp_path):
        text = (REPO / "services.yaml").read_text(encoding="utf-8")
        last = text[text.rindex("  - id: "):]
        (tmp_path / "services.yaml").write_text(
            text + "\n" + last.replace(last.split("\n")[0], "  - id: layanan-baru", 1), encoding="utf-8")
        (tmp_path / "offices.yaml").write_text((REPO / "offices.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        summary = diff.summarise(base, diff.checked("`head`", tmp_path))
        assert "## Layanan\n\n- Layanan baru: **" in summary
        assert "(`layanan-baru`)" in summary

    def test_every_field_written_in_the_real_data_is_in_the_model(self):
        """No declared field is skipped on the way to the model (the closure reason was, once)."""
        checked, _ = check_data(REPO)
        guide = build_guide(checked)
        data = real_data()
        pairs = [(closure, record) for closure, record in zip(guide.closures, data["offices.yaml"]["penutupan"])]
        pairs += list(zip(guide.services, data["services.yaml"]["layanan"]))
        pairs += list(zip(guide.kelurahan, data["offices.yaml"]["kelurahan"]))
        pairs += list(zip(guide.channels, data["services.yaml"]["kanal"]))
        assert any("alasan" in record for _, record in pairs)
        for model, record in pairs:
            for name in record:
                if record[name] == []:
                    continue
                value = getattr(model, name)
                assert value not in (None, ()), f"{type(model).__name__}.{name} is written but empty in the model"
