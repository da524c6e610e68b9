"""References and unique values declared in records.py: every one is checked, on a copy of the real data.

The tests walk the declarations (not a list typed here): every reference field (a Ref, or a list of
Refs) is given, in turn, an id that no record has, and every field declared unique is given, in
turn, the value of the record before it. `validate` (and `build`) must then exit 1 with a
`FILE:LINE:COL: message` at that value, never a traceback. A reference or unique field declared
in records.py but not checked makes these fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from generator import records, urls
from generator.cli import main
from generator.schema import ListOf, Record, Ref, ref_of, specs

FILES = {"services.yaml": records.SERVICES_FILE, "offices.yaml": records.OFFICES_FILE}
UNKNOWN = "tidak-ada-catatan-ini"


def real_data() -> dict[str, dict]:
    return {name: yaml.safe_load((REPO / name).read_text(encoding="utf-8")) for name in FILES}


def walk(kind: Record, value: dict, path: tuple = ()):
    """(record kind, YAML mapping, path from the file's root) of every record in a file, file first."""
    yield kind, value, path
    for name, field in kind.fields.items():
        inner = field.kind.kind if isinstance(field.kind, ListOf) else field.kind
        if isinstance(inner, Record) and name in value:
            if isinstance(field.kind, ListOf):
                for index, item in enumerate(value[name]):
                    yield from walk(inner, item, path + (name, index))
            else:
                yield from walk(inner, value[name], path + (name,))


def declared_kinds() -> list[tuple[str, Record]]:
    """(file, record kind) of every record kind the files declare, each (class, level) once."""
    found: dict[tuple, tuple[str, Record]] = {}

    def visit(file_name: str, kind: Record) -> None:
        if (kind.cls, kind.level) in found:
            return
        found[(kind.cls, kind.level)] = (file_name, kind)
        for field in kind.fields.values():
            inner = field.kind.kind if isinstance(field.kind, ListOf) else field.kind
            if isinstance(inner, Record):
                visit(file_name, inner)

    for file_name, kind in FILES.items():
        visit(file_name, kind)
    return list(found.values())


def reference_fields() -> list[tuple[str, Record, str, Ref]]:
    """(file, record kind, field, Ref) of every reference field, each class's field once."""
    seen, result = set(), []
    for file_name, kind in declared_kinds():
        for name, field in kind.fields.items():
            ref = ref_of(field.kind)
            if ref is not None and (kind.cls, name) not in seen:
                seen.add((kind.cls, name))
                result.append((file_name, kind, name, ref))
    return result


def unique_fields() -> list[tuple[str, Record, str]]:
    """(file, record kind, field) of every field declared unique, per office level, in the kinds listed
    (unique within its list: the one dinas has no other to differ from)."""
    listed = {(field.kind.kind.cls, field.kind.kind.level) for _, kind in declared_kinds() for field in kind.fields.values()
              if isinstance(field.kind, ListOf) and isinstance(field.kind.kind, Record)}
    return [(file_name, kind, name) for file_name, kind in declared_kinds() if (kind.cls, kind.level) in listed
            for name, spec in specs(kind.cls) if spec.unique is not None and name in kind.fields]


def field_id(value) -> str:
    if isinstance(value, Record):
        return value.cls.__name__ + (f"-{value.level}" if value.level else "")
    return value if isinstance(value, str) else ""


def first_record(data: dict[str, dict], file_name: str, kind: Record) -> tuple[dict, tuple]:
    """The first record of that kind in the real data, and its path."""
    found = [(value, path) for k, value, path in walk(FILES[file_name], data[file_name])
             if k.cls is kind.cls and k.level == kind.level]
    assert found, f"the real data has no {field_id(kind)} record to try this on"
    return found[0]


def position(text: str, path: tuple) -> tuple[int, int]:
    """1-based line and column of the YAML value at `path` (keys and indexes)."""
    node = yaml.compose(text)
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(value for key, value in node.value if key.value == step)
    return node.start_mark.line + 1, node.start_mark.column + 1


def write(data: dict[str, dict], folder: Path) -> None:
    for name in FILES:
        (folder / name).write_text(yaml.safe_dump(data[name], allow_unicode=True, sort_keys=False), encoding="utf-8")


def validate(folder: Path, capsys) -> tuple[int, list[str]]:
    """`python -m generator validate --data folder` (__main__ is sys.exit(main())); an exception fails the test."""
    code = main(["validate", "--data", str(folder)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def mutate_reference(folder: Path, file_name: str, kind: Record, name: str, ref: Ref, value: str) -> tuple[int, int]:
    """A copy of the real data whose first record of `kind` names `value` in field `name`; the value's position."""
    data = real_data()
    record, path = first_record(data, file_name, kind)
    many = isinstance(kind.fields[name].kind, ListOf)
    record[name] = [value] if many else value
    write(data, folder)
    return position((folder / file_name).read_text(encoding="utf-8"), path + (name, 0) if many else path + (name,))


def targets(data: dict[str, dict], ref: Ref) -> tuple[list[dict], str, str]:
    """The records a Ref may name in the real data (its `where` applied), their key, and how messages name them."""
    [(items, list_kind)] = [(data[file].get(list_name, []), field.kind) for file, file_kind in FILES.items()
                            for list_name, field in file_kind.fields.items()
                            if isinstance(field.kind, ListOf) and isinstance(field.kind.kind, Record)
                            and field.kind.kind.cls.__name__.lower() == ref.target]
    key = list_kind.label_key
    what = ref.what or dict(specs(list_kind.kind.cls))[key].unique.named(None)
    return [item for item in items if ref.where is None or item.get(ref.where[0]) == ref.where[1]], key, what


def test_every_reference_field_is_found():
    """The walk above finds the references records.py declares (a sanity check of the walk, not a list to keep)."""
    found = {(kind.cls.__name__, name) for _, kind, name, _ in reference_fields()}
    assert ("Requirement", "dasar") in found and ("Service", "kanal") in found and ("OfficesFile", "sumber_wilayah") in found


@pytest.mark.parametrize("file_name, kind, name, ref", reference_fields(), ids=field_id)
def test_an_unknown_id_in_each_reference_field_is_a_problem_at_its_value(tmp_path, capsys, file_name, kind, name, ref):
    records_named, key, what = targets(real_data(), ref)
    line, column = mutate_reference(tmp_path, file_name, kind, name, ref, UNKNOWN)
    code, output = validate(tmp_path, capsys)
    assert code == 1
    hits = [text for text in output if text.startswith(f"{file_name}:{line}:{column}: ")]
    assert len(hits) == 1, output
    choices = ", ".join(sorted(record[key] for record in records_named))
    path, message = hits[0].removeprefix(f"{file_name}:{line}:{column}: ").split(": ", 1)
    assert path.split(".")[-1] == name + ("[0]" if isinstance(kind.fields[name].kind, ListOf) else ""), path
    assert message == f"unknown {what} {UNKNOWN}: expected one of {choices}"


RESTRICTED = [(f, k, n, r) for f, k, n, r in reference_fields() if r.where is not None]


@pytest.mark.parametrize("file_name, kind, name, ref", RESTRICTED, ids=field_id)
def test_a_record_outside_the_restriction_is_a_problem(tmp_path, capsys, file_name, kind, name, ref):
    """A regulation field naming a news report that exists: "a sumber with jenis peraturan" is checked too."""
    admitted, key, _ = targets(real_data(), ref)
    everything, _, _ = targets(real_data(), Ref(ref.target))
    other = next(item[key] for item in everything if item not in admitted)
    line, column = mutate_reference(tmp_path, file_name, kind, name, ref, other)
    code, output = validate(tmp_path, capsys)
    assert code == 1
    assert [text for text in output if text.startswith(f"{file_name}:{line}:{column}: ")
            and f"unknown {ref.what} {other}: expected one of " in text], output


def test_restrictions_are_declared_where_the_doc_says_so():
    assert {(k.cls.__name__, n) for _, k, n, _ in RESTRICTED} == {("LegalBasis", "peraturan"), ("Requirement", "dasar")}


def test_every_ref_names_one_list_of_records_with_a_key():
    lists = {}
    for file_kind in FILES.values():
        for field in file_kind.fields.values():
            if isinstance(field.kind, ListOf) and isinstance(field.kind.kind, Record) and field.kind.label_key:
                lists.setdefault(field.kind.kind.cls.__name__.lower(), []).append(field.kind)
    for _, kind, name, ref in reference_fields():
        assert len(lists.get(ref.target, [])) == 1, f"{kind.cls.__name__}.{name}: Ref({ref.target!r}) names no list"


def test_validate_and_build_exit_1_on_an_unknown_regulation_in_a_requirement(tmp_path):
    """The KeyError of issue 17: a requirement's dasar naming no sumber, through the real command line."""
    [(file_name, kind, name, ref)] = [r for r in reference_fields() if r[1].cls is records.Requirement and r[2] == "dasar"]
    line, column = mutate_reference(tmp_path, file_name, kind, name, ref, UNKNOWN)
    expected = (f"{file_name}:{line}:{column}: layanan[", f"].dasar: unknown regulation id (a sumber with jenis "
                f"peraturan) {UNKNOWN}: expected one of ")
    for args in (["validate"], ["build", "--no-pdf", "--date", "2020-03-25", "--out", str(tmp_path / "site")]):
        result = subprocess.run([sys.executable, "-m", "generator", *args, "--data", str(tmp_path)],
                                capture_output=True, text=True, cwd=REPO)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        located = [text for text in result.stderr.splitlines() if text.startswith(expected[0])]
        assert len(located) == 1 and expected[1] in located[0], result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("file_name, kind, name", unique_fields(), ids=field_id)
def test_a_repeated_unique_value_is_a_problem_at_the_second(tmp_path, capsys, file_name, kind, name):
    data = real_data()
    spec = dict(specs(kind.cls))[name]
    records_found = [(value, path) for k, value, path in walk(FILES[file_name], data[file_name])
                     if k.cls is kind.cls and k.level == kind.level]
    assert len(records_found) >= 2, f"the real data has fewer than two {field_id(kind)} records"
    (first, first_path), (second, second_path) = records_found[:2]
    # A different spelling of the same key where a key is declared (the slug of a name), else the same value.
    repeated = first[name].upper() if spec.unique.key is not None else first[name]
    if spec.unique.key is not None:
        assert spec.unique.key(repeated) == spec.unique.key(first[name]) and repeated != first[name]
    second[name] = repeated
    write(data, tmp_path)
    text = (tmp_path / file_name).read_text(encoding="utf-8")
    first_line, _ = position(text, first_path + (name,))
    line, column = position(text, second_path + (name,))
    code, output = validate(tmp_path, capsys)
    assert code == 1
    message = f"duplicate {spec.unique.named(kind.level)}: {repeated} is already used on line {first_line}"
    assert [text for text in output if text.startswith(f"{file_name}:{line}:{column}: ") and text.endswith(message)], output


def test_names_are_unique_only_where_they_give_the_address():
    nama = dict(specs(records.Office))["nama"].unique
    assert nama.when("31") and not nama.when("32")
    assert urls.addressed_by_name("31") and not urls.addressed_by_name("32")
