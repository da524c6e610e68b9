"""json_schemas.py: schemas/ is in sync with schema.py, accepts the data, and rejects what the checker rejects."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MINI, REPO
from generator import json_schemas
from generator.cli import main
from generator.validate import check_data

SCHEMAS = REPO / "schemas"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: 2020-03-17 is text, not a date object."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def schema_errors(folder: Path, name: str) -> list[str]:
    """Where the committed schema of `name` finds errors in folder/name: "layanan/1/alias: ..."."""
    schema = json_schemas.document(name.replace(".yaml", ".schema.json"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    document = yaml.load((folder / name).read_text(encoding="utf-8"), Loader=EditorLoader)
    return sorted("/".join(map(str, e.absolute_path)) + ": " + e.validator for e in validator.iter_errors(document))


class TestInSync:
    def test_committed_schemas_match_schema_py(self):
        stale = json_schemas.outdated(SCHEMAS)
        assert stale == [], (
            f"schemas/{', schemas/'.join(stale)} differ from generator/schema.py: "
            f"run `{json_schemas.REGENERATE}` and commit the result"
        )

    def test_they_are_valid_draft_7(self):
        for name in json_schemas.SCHEMAS:
            jsonschema.Draft7Validator.check_schema(json_schemas.document(name))

    def test_each_data_file_names_its_schema_on_its_first_line(self):
        for name in ("services.yaml", "offices.yaml"):
            first = (REPO / name).read_text(encoding="utf-8").splitlines()[0]
            schema = name.replace(".yaml", ".schema.json")
            assert first == f"# yaml-language-server: $schema=schemas/{schema}"
            assert (REPO / "schemas" / schema).exists()

    def test_schemas_command_writes_and_checks(self, tmp_path, capsys):
        assert main(["schemas", "--out", str(tmp_path), "--check"]) == 1
        assert capsys.readouterr().err.splitlines() == [
            f"{tmp_path / name} is out of date: run `python -m generator schemas` and commit it."
            for name in ("services.schema.json", "offices.schema.json")
        ]
        assert main(["schemas", "--out", str(tmp_path)]) == 0
        assert capsys.readouterr().out == (
            f"Wrote {tmp_path / 'services.schema.json'} and {tmp_path / 'offices.schema.json'}.\n"
        )
        assert main(["schemas", "--out", str(tmp_path), "--check"]) == 0
        assert (tmp_path / "offices.schema.json").read_text() == (SCHEMAS / "offices.schema.json").read_text()


class TestAccepts:
    @pytest.mark.parametrize("folder", [REPO, MINI], ids=["real data", "mini"])
    @pytest.mark.parametrize("name", ["services.yaml", "offices.yaml"])
    def test_valid_data(self, folder, name):
        assert schema_errors(folder, name) == []

    def test_one_phone_or_a_list(self, data):
        data.replace("offices.yaml", 'telepon: "021-7245537"', 'telepon: ["021-7245537", "021-7245538"]')
        assert check_data(data.folder)[1] == []
        assert schema_errors(data.folder, "offices.yaml") == []


class TestRejects:
    """Each mistake is one the checker reports too (test_validate.py has its exact message)."""

    CASES = {
        "misspelt field": ("services.yaml", "    persyaratan: []", "    persyaratn: []",
                           ["layanan/1: additionalProperties", "layanan/1: required"]),
        "missing required field": ("offices.yaml", "    alternatif: Datang ke kantor kecamatan.\n", "",
                                   ["penutupan/2: required"]),
        "date in another format": ("services.yaml", "ditinjau: 2026-11-01", "ditinjau: 1/11/2026",
                                   ["layanan/1/ditinjau: format", "layanan/1/ditinjau: pattern"]),
        "impossible date": ("offices.yaml", "mulai: 2020-03-17", "mulai: 2020-02-30",
                            ["penutupan/0/mulai: format"]),
        # Jakarta's own range (10xxx-14xxx) is the checker's alone: one schema serves every province.
        "postal code not 5 digits": ("offices.yaml", 'kode_pos: "12130"', 'kode_pos: "1213"',
                                     ["kelurahan/1/kode_pos: pattern"]),
        "kelurahan code": ("offices.yaml", 'kode: "31.74.07.1003"', 'kode: "31.74.7.1003"',
                           ["kelurahan/1/kode: pattern"]),
        "choice": ("offices.yaml", "tingkat: kota", "tingkat: kabupaten", ["penutupan/1/tingkat: enum"]),
        "not a list": ("services.yaml", "    alias: [KK]", "    alias: KK", ["layanan/1/alias: type"]),
        "empty value": ("services.yaml", "    biaya: Gratis\n    hasil: KTP-el", "    biaya:\n    hasil: KTP-el",
                        ["layanan/0/biaya: type"]),
        "unquoted number as text": ("offices.yaml", 'kode_pos: "12130"', "kode_pos: 12130",
                                    ["kelurahan/1/kode_pos: type"]),
    }

    @pytest.mark.parametrize("case", CASES, ids=list(CASES))
    def test_mistake(self, data, case):
        name, old, new, expected = self.CASES[case]
        data.replace(name, old, new)
        assert schema_errors(data.folder, name) == expected
        if case != "unquoted number as text":  # the checker reads YAML text as written: 12130 is "12130"
            assert check_data(data.folder)[1] != []
