"""validate.py and schema.py: one test per mistake staff make, each with its exact message."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINI, REPO, line_of
from generator.cli import main
from generator.problems import folder_from_root
from generator.validate import check, check_data


def problems(data) -> list[str]:
    checked, found = check_data(data.folder)
    assert checked is None or not found
    return [str(p) for p in found]


class TestValidData:
    def test_the_small_data_set_is_valid(self, data):
        checked, found = check_data(data.folder)
        assert found == []
        assert [s["id"] for s in checked.services["layanan"]] == ["ktp-el", "kartu-keluarga"]


class TestFields:
    def test_misspelt_field_suggests_the_known_name_once(self, data):
        data.replace("services.yaml", "    persyaratan: []", "    persyaratn: []")
        line = data.line("services.yaml", "persyaratn")
        assert problems(data) == [
            f"services.yaml:{line}:5: layanan[kartu-keluarga].persyaratn: unknown field persyaratn: did you mean persyaratan?"
        ]

    def test_unknown_field_lists_the_known_ones(self, data):
        data.replace("offices.yaml", "    tahun: 2015", "    tahun: 2015\n    warna: biru")
        line = data.line("offices.yaml", "warna")
        assert problems(data) == [
            f"offices.yaml:{line}:5: sumber[contoh].warna: unknown field warna: expected one of id, judul, tahun, url"
        ]

    def test_missing_required_field(self, data):
        data.replace("offices.yaml", "    alternatif: Datang ke kantor kecamatan.\n", "")
        line = data.line("offices.yaml", "id: gunung-ktp")
        assert problems(data) == [
            f"offices.yaml:{line}:5: penutupan[gunung-ktp]: missing required field alternatif: expected a non-empty string"
        ]

    def test_empty_value(self, data):
        data.replace("services.yaml", "    biaya: Gratis\n    hasil: KTP-el", "    biaya:\n    hasil: KTP-el")
        line = data.line("services.yaml", "hasil: KTP-el") - 1
        assert problems(data) == [
            f"services.yaml:{line}:11: layanan[ktp-el].biaya: expected a non-empty string, got nothing"
        ]

    def test_impossible_date(self, data):
        data.replace("offices.yaml", "mulai: 2020-03-17", "mulai: 2020-02-30")
        line = data.line("offices.yaml", "2020-02-30")
        assert problems(data) == [
            f'offices.yaml:{line}:12: penutupan[provinsi].mulai: expected a real date as YYYY-MM-DD, got "2020-02-30" (no such day)'
        ]

    def test_date_in_another_format(self, data):
        data.replace("services.yaml", "ditinjau: 2026-11-01", "ditinjau: 1/11/2026")
        line = data.line("services.yaml", "1/11/2026")
        assert problems(data) == [
            f'services.yaml:{line}:15: layanan[kartu-keluarga].ditinjau: expected a date as YYYY-MM-DD, got "1/11/2026"'
        ]

    def test_invalid_phone(self, data):
        data.replace("offices.yaml", 'telepon: "021-7245537"', 'telepon: "021-452776"')
        line = data.line("offices.yaml", "021-452776")
        assert problems(data) == [
            f'offices.yaml:{line}:18: kelurahan[31.74.07.1002].kontak[1].telepon[0]: expected a phone number, '
            f'got "021-452776" (not a valid number: check the number of digits)'
        ]

    def test_landline_as_whatsapp(self, data):
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        line = data.line("offices.yaml", "021-8400123")
        assert problems(data) == [
            f'offices.yaml:{line}:19: kelurahan[31.74.07.1002].kontak[0].whatsapp: expected a mobile number, '
            f'got "021-8400123" (a landline)'
        ]

    def test_postal_code_outside_jakarta(self, data):
        data.replace("offices.yaml", 'kode_pos: "12130"', 'kode_pos: "40115"')
        line = data.line("offices.yaml", "40115")
        assert problems(data) == [
            f'offices.yaml:{line}:15: kelurahan[31.74.07.1003].kode_pos: expected a 5-digit Jakarta postal code '
            f'(10xxx to 14xxx), got "40115"'
        ]

    def test_choice(self, data):
        data.replace("offices.yaml", "tingkat: kota", "tingkat: kabupaten")
        line = data.line("offices.yaml", "kabupaten")
        assert problems(data) == [
            f'offices.yaml:{line}:14: penutupan[jaksel].tingkat: expected one of provinsi, kota, kecamatan, kelurahan, got "kabupaten"'
        ]

    def test_list_expected(self, data):
        data.replace("services.yaml", "    alias: [KK]", "    alias: KK")
        line = data.line("services.yaml", "alias: KK")
        assert problems(data) == [
            f'services.yaml:{line}:12: layanan[kartu-keluarga].alias: expected a list of at least one item of a non-empty string, got "KK"'
        ]


class TestYaml:
    def test_duplicate_key(self, data):
        data.replace("offices.yaml", '    kode_pos: "12130"', '    kode_pos: "12130"\n    nama: Kramat')
        first = data.line("offices.yaml", "nama: Kramat Pela")
        second = data.line("offices.yaml", 'kode_pos: "12130"') + 1
        assert problems(data) == [
            f"offices.yaml:{second}:5: kelurahan[31.74.07.1003].nama: duplicate key: nama is already set on line {first}"
        ]

    def test_tab_indentation(self, data):
        data.replace("offices.yaml", "    kode_pos: \"12130\"", "\tkode_pos: \"12130\"")
        line = data.line("offices.yaml", "\tkode_pos")
        assert problems(data) == [f"offices.yaml:{line}:1: expected spaces for indentation, got a tab character"]

    def test_syntax_error(self, data):
        data.replace("services.yaml", "    alias: [KTP, e-KTP]", "    alias: [KTP, e-KTP")
        line = data.line("services.yaml", "ringkasan: Kartu identitas")
        assert problems(data) == [
            f"services.yaml:{line}:14: YAML syntax error: expected ',' or ']', but got ':'"
        ]

    def test_no_tag_runs(self, data, tmp_path):
        marker = tmp_path / "ran"
        data.replace("services.yaml", "    biaya: Gratis\n    hasil: KTP-el",
                     f'    biaya: !!python/object/apply:os.system ["touch {marker}"]\n    hasil: KTP-el')
        line = data.line("services.yaml", "!!python")
        assert problems(data) == [
            f"services.yaml:{line}:12: layanan[ktp-el].biaya: expected plain YAML, got the tag "
            f"tag:yaml.org,2002:python/object/apply:os.system"
        ]
        assert not marker.exists()

    def test_missing_file(self, data):
        (data.folder / "services.yaml").unlink()
        assert problems(data) == [
            f"services.yaml:1:1: file not found: expected the data file at {data.folder / 'services.yaml'}"
        ]


class TestReferences:
    def test_same_kelurahan_twice(self, data):
        data.replace("offices.yaml", '  - kode: "31.74.07.1003"\n    nama: Kramat Pela',
                     '  - kode: "31.74.07.1002"\n    nama: Kramat Pela')
        first = data.line("offices.yaml", "nama: Gunung") - 1
        second = data.line("offices.yaml", "nama: Kramat Pela") - 1
        assert problems(data) == [
            f"offices.yaml:{second}:11: kelurahan[31.74.07.1002].kode: duplicate kelurahan code: 31.74.07.1002 is already used on line {first}"
        ]

    def test_same_name_twice(self, data):
        data.replace("offices.yaml", "nama: Kramat Pela", "nama: GUNUNG")
        first, second = data.line("offices.yaml", "nama: Gunung"), data.line("offices.yaml", "nama: GUNUNG")
        assert problems(data) == [
            f"offices.yaml:{second}:11: kelurahan[31.74.07.1003].nama: duplicate kelurahan name: GUNUNG is already used on line {first}"
        ]

    def test_closure_names_unknown_office(self, data):
        data.replace("offices.yaml", 'wilayah: "31.74.07.1002"', 'wilayah: "31.74.07.1099"')
        line = data.line("offices.yaml", "31.74.07.1099")
        assert problems(data) == [
            f"offices.yaml:{line}:14: penutupan[gunung-ktp].wilayah: expected the code of a kelurahan in this file, "
            f"got 31.74.07.1099 (no such kelurahan)"
        ]

    def test_closure_level_does_not_match_code(self, data):
        data.replace("offices.yaml", 'wilayah: "31.74"', 'wilayah: "31.74.07"')
        line = data.line("offices.yaml", 'wilayah: "31.74.07"')
        assert problems(data) == [
            f"offices.yaml:{line}:14: penutupan[jaksel].wilayah: expected the code of a kota for tingkat kota, got 31.74.07"
        ]

    def test_last_day_before_first_day(self, data):
        data.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-03-22")
        line = data.line("offices.yaml", "2020-03-22")
        assert problems(data) == [
            f"offices.yaml:{line}:14: penutupan[jaksel].selesai: expected a last day on or after mulai (2020-03-23), got 2020-03-22"
        ]

    def test_closure_names_unknown_service(self, data):
        data.replace("offices.yaml", "layanan: [ktp-el]", "layanan: [ktp-elektronik]")
        line = data.line("offices.yaml", "ktp-elektronik")
        assert problems(data) == [
            f"offices.yaml:{line}:15: penutupan[gunung-ktp].layanan[0]: unknown service id ktp-elektronik: "
            f"expected one of kartu-keluarga, ktp-el"
        ]

    def test_service_names_unknown_channel(self, data):
        data.replace("services.yaml", "kanal: [alpukat-situs]", "kanal: [alpukat]")
        line = data.line("services.yaml", "kanal: [alpukat]")
        assert problems(data) == [
            f"services.yaml:{line}:13: layanan[kartu-keluarga].kanal[0]: unknown channel id alpukat: "
            f"expected one of alpukat-situs, whatsapp-petugas"
        ]

    def test_kelurahan_without_its_kecamatan(self, data):
        data.replace("offices.yaml", 'kode: "31.74.07.1003"', 'kode: "31.74.08.1003"')
        line = data.line("offices.yaml", "31.74.08.1003")
        assert problems(data) == [
            f"offices.yaml:{line}:11: kelurahan[31.74.08.1003].kode: expected the code of a kelurahan in a kecamatan "
            f"listed under kecamatan, got 31.74.08.1003 (no kecamatan 31.74.08)"
        ]

    def test_contact_without_number(self, data):
        data.replace("offices.yaml", '        telepon: "021-7245537"\n', "")
        line = data.line("offices.yaml", "peran: Telepon kantor kelurahan")
        assert problems(data) == [
            f"offices.yaml:{line}:9: kelurahan[31.74.07.1002].kontak[1]: a contact needs telepon or whatsapp: expected at least one of them"
        ]

    def test_contact_without_source_or_check_date(self, data):
        data.replace("offices.yaml", "        diverifikasi: 2020-03-20\n", "")
        line = data.line("offices.yaml", "peran: Petugas Dukcapil kelurahan")
        assert problems(data) == [
            f"offices.yaml:{line}:9: kelurahan[31.74.07.1002].kontak[0]: a contact needs sumber or diverifikasi: "
            f"expected where it came from or when it was checked"
        ]


class TestReport:
    def test_every_problem_in_both_files_sorted(self, data):
        data.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-03-22")
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        data.replace("services.yaml", "    persyaratan: []", "    persyaratn: []")
        found = problems(data)
        assert [p.split(":")[0] for p in found] == ["offices.yaml", "offices.yaml", "services.yaml"]
        lines = [int(p.split(":")[1]) for p in found[:2]]
        assert lines == sorted(lines)


REFERENSI = "missing field referensi: expected the letter or announcement that ordered the closure, so residents can check it"


def warnings(data, today: dt.date) -> list[str]:
    result = check(data.folder, today)
    assert result.data is not None, "only warnings expected"
    return [str(p) for p in result.problems]


def with_references(data) -> None:
    """Give the mini closures that lack one a referensi, so only the warning under test is left."""
    for closure in ("selesai: 2020-04-02\n", "layanan: [ktp-el]\n"):
        data.replace("offices.yaml", closure, closure + "    referensi: Pengumuman Suku Dinas\n")


class TestWarnings:
    def test_contact_checked_more_than_180_days_ago(self, data):
        with_references(data)
        line = data.line("offices.yaml", "diverifikasi: 2020-03-20")
        assert warnings(data, dt.date(2020, 9, 17)) == [
            f"offices.yaml:{line}:23: warning: kelurahan[31.74.07.1002].kontak[0].diverifikasi: expected a check "
            f"in the 180 days before 2020-09-17, got 2020-03-20 (181 days before): contact them again, then update the date"
        ]

    def test_contact_checked_180_days_ago_is_fine(self, data):
        with_references(data)
        assert warnings(data, dt.date(2020, 9, 16)) == []

    def test_contacts_from_a_dated_data_set_are_not_warned_one_by_one(self, data):
        """The 2015 contacts (sumber only) are listed by `stale`, not repeated here 300 times."""
        with_references(data)
        assert warnings(data, dt.date(2030, 1, 1)) == [
            f"offices.yaml:{data.line('offices.yaml', 'diverifikasi')}:23: warning: kelurahan[31.74.07.1002].kontak[0]."
            f"diverifikasi: expected a check in the 180 days before 2030-01-01, got 2020-03-20 (3574 days before): "
            f"contact them again, then update the date"
        ]

    def test_check_date_still_to_come(self, data):
        with_references(data)
        data.replace("offices.yaml", "diverifikasi: 2020-03-20", "diverifikasi: 2202-03-20")
        line = data.line("offices.yaml", "diverifikasi: 2202-03-20")
        assert warnings(data, dt.date(2020, 3, 25)) == [
            f"offices.yaml:{line}:23: warning: kelurahan[31.74.07.1002].kontak[0].diverifikasi: expected a day on or "
            f"before 2020-03-25, got 2202-03-20 (a day still to come)"
        ]

    def test_closure_without_referensi(self, data):
        jaksel, gunung = data.line("offices.yaml", "id: jaksel"), data.line("offices.yaml", "id: gunung-ktp")
        assert warnings(data, dt.date(2020, 3, 25)) == [
            f"offices.yaml:{jaksel}:5: warning: penutupan[jaksel]: {REFERENSI}",
            f"offices.yaml:{gunung}:5: warning: penutupan[gunung-ktp]: {REFERENSI}",
        ]

    def test_warnings_are_sorted_with_errors(self, data):
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        result = check(data.folder, dt.date(2020, 3, 25))
        assert result.data is None
        assert [(p.line, p.level) for p in result.problems] == [(39, "error"), (59, "warning"), (66, "warning")]

    def test_warnings_never_stop_the_model(self, data):
        """check_data, which load_guide and the build use, leaves warnings out."""
        checked, found = check_data(data.folder)
        assert checked is not None and found == []


class TestValidateCommand:
    """python -m generator validate: errors then warnings on stderr, exit 1 on errors (or warnings with --strict)."""

    def run(self, capsys, *args):
        code = main(["validate", *args])
        out, err = capsys.readouterr()
        return code, out, err

    def test_warnings_print_but_pass(self, data, capsys):
        code, out, err = self.run(capsys, "--data", str(data.folder), "--today", "2020-03-25")
        jaksel, gunung = data.line("offices.yaml", "id: jaksel"), data.line("offices.yaml", "id: gunung-ktp")
        assert code == 0
        assert err.splitlines() == [
            f"offices.yaml:{jaksel}:5: warning: penutupan[jaksel]: {REFERENSI}",
            f"offices.yaml:{gunung}:5: warning: penutupan[gunung-ktp]: {REFERENSI}",
            "2 warnings in 1 file; they do not stop the build (--strict makes them fail).",
        ]
        assert out == "OK: services.yaml and offices.yaml are valid (2 services, 5 offices, 3 closures).\n"

    def test_strict_fails_on_warnings(self, data, capsys):
        code, out, err = self.run(capsys, "--data", str(data.folder), "--today", "2020-03-25", "--strict")
        assert code == 1
        assert out == ""
        assert err.splitlines()[-1] == "2 warnings in 1 file; --strict makes them fail the check."

    def test_strict_passes_clean_data(self, data, capsys):
        with_references(data)
        code, out, err = self.run(capsys, "--data", str(data.folder), "--today", "2020-03-25", "--strict")
        assert (code, err) == (0, "")
        assert out.startswith("OK: ")

    def test_errors_first_then_warnings(self, data, capsys):
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        data.replace("services.yaml", "    persyaratan: []", "    persyaratn: []")
        code, out, err = self.run(capsys, "--data", str(data.folder), "--today", "2020-09-17")
        persyaratn = data.line("services.yaml", "persyaratn")
        whatsapp, verified = data.line("offices.yaml", "021-8400123"), data.line("offices.yaml", "diverifikasi: 2020-03-20")
        jaksel, gunung_ktp = data.line("offices.yaml", "id: jaksel"), data.line("offices.yaml", "id: gunung-ktp")
        assert code == 1
        assert err.splitlines() == [
            f'offices.yaml:{whatsapp}:19: kelurahan[31.74.07.1002].kontak[0].whatsapp: expected a mobile number, got "021-8400123" (a landline)',
            f"services.yaml:{persyaratn}:5: layanan[kartu-keluarga].persyaratn: unknown field persyaratn: did you mean persyaratan?",
            "2 problems in 2 files; nothing was built.",
            f"offices.yaml:{verified}:23: warning: kelurahan[31.74.07.1002].kontak[0].diverifikasi: expected a check in the 180 days "
            "before 2020-09-17, got 2020-03-20 (181 days before): contact them again, then update the date",
            f"offices.yaml:{jaksel}:5: warning: penutupan[jaksel]: {REFERENSI}",
            f"offices.yaml:{gunung_ktp}:5: warning: penutupan[gunung-ktp]: {REFERENSI}",
            "3 warnings in 1 file; they do not stop the build (--strict makes them fail).",
        ]

    def test_github_annotations(self, capsys, monkeypatch):
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        code, out, err = self.run(capsys, "--data", str(MINI), "--today", "2020-03-25")
        offices = (MINI / "offices.yaml").read_text(encoding="utf-8")
        jaksel, gunung_ktp = line_of(offices, "id: jaksel"), line_of(offices, "id: gunung-ktp")
        assert code == 0
        assert out.splitlines() == [
            f"::warning file=tests/fixtures/mini/offices.yaml,line={jaksel},col=5::penutupan[jaksel]: {REFERENSI}",
            f"::warning file=tests/fixtures/mini/offices.yaml,line={gunung_ktp},col=5::penutupan[gunung-ktp]: {REFERENSI}",
            "OK: services.yaml and offices.yaml are valid (2 services, 5 offices, 3 closures).",
        ]
        assert len(err.splitlines()) == 3

    def test_github_annotation_of_an_error(self, data, capsys, monkeypatch):
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        code, out, err = self.run(capsys, "--data", str(data.folder), "--today", "2020-03-25")
        assert code == 1
        whatsapp = data.line("offices.yaml", "021-8400123")
        assert out.splitlines()[0] == (
            f"::error file={data.folder.as_posix()}/offices.yaml,line={whatsapp},col=19::kelurahan[31.74.07.1002].kontak[0]."
            f'whatsapp: expected a mobile number, got "021-8400123" (a landline)'
        )

    def test_no_annotations_outside_github(self, capsys, monkeypatch):
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        code, out, err = self.run(capsys, "--data", str(MINI), "--today", "2020-03-25")
        assert "::warning" not in out + err

    def test_annotation_paths_start_at_the_repo_root(self, tmp_path):
        assert folder_from_root(REPO, REPO) == ""
        assert folder_from_root(MINI, REPO) == "tests/fixtures/mini/"
        assert folder_from_root(tmp_path, REPO) == tmp_path.resolve().as_posix() + "/"

    def test_annotation_escapes_newlines_and_commas_in_the_file_name(self):
        from generator.problems import WARNING, Problem

        problem = Problem("a,b.yaml", 2, 3, "x", "50% done\nnext", WARNING)
        assert problem.annotation() == "::warning file=a%2Cb.yaml,line=2,col=3::x: 50%25 done%0Anext"

    def test_today_must_be_a_date(self, capsys):
        with pytest.raises(SystemExit) as raised:
            main(["validate", "--today", "2020-02-30"])
        assert raised.value.code == 2
        assert "expected a date as YYYY-MM-DD, got '2020-02-30'" in capsys.readouterr().err
