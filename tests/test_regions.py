"""Any region of Indonesia: the import (regions.py), codes of any province, desa pages and their addresses.

The small lists here are made up for the tests (codes and names in the national
file's form); the real list is data/sumber/indonesia_desa.csv.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, Data, Site
from generator import national_services, notices, region_codes, regions, urls
from generator.build import build_site
from generator.cli import main
from generator.model import build_guide, load_guide
from generator.pages import render_pages
from generator.validate import check_data

TABLE = REPO / "data" / "sumber" / "indonesia_desa.csv"
HEADER = "kode,nama,kode_kecamatan,nama_kecamatan,kode_kabkota,nama_kabkota,kode_provinsi,nama_provinsi,kode_pos\n"
# A kabupaten and a kota; desa and kelurahan; "Mekarsari" twice (in two kecamatan); a name with a comma
# (quoted, as in the real file); a desa adat in another province.
ROWS = """\
32.04.01.2001,Mekarsari,32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40622
32.04.01.2002,"Sukamaju I, II",32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40623
32.04.02.1001,Baleendah,32.04.02,Baleendah,32.04,Kabupaten Bandung,32,Jawa Barat,40375
32.04.02.2002,Mekarsari,32.04.02,Baleendah,32.04,Kabupaten Bandung,32,Jawa Barat,40375
32.73.01.1001,Sukaraja,32.73.01,Cicendo,32.73,Kota Bandung,32,Jawa Barat,40153
91.03.01.3007,Desa Adat Yoboi,91.03.01,Sentani,91.03,Kabupaten Jayapura,91,Papua,99352
"""

HEAD = """\
# yaml-language-server: $schema=schemas/offices.schema.json
# Wilayah: {place}. Kerangka dibuat oleh `python -m generator import-regions` dari desa.csv
# (lihat data/sumber/SOURCES.md): kode dan nama wilayah menurut Kepmendagri No. 300.2.2-2430 Tahun 2025
# (cahyadsn/wilayah, MIT); kode pos dari cahyadsn/wilayah_kodepos (MIT), belum diverifikasi resmi.
# Nama kantor hanya menyebut wilayahnya ("Dukcapil Kabupaten ..."): nama resmi instansinya belum dicatat.
# Belum ada alamat, kontak atau penutupan. Tambahkan hanya yang sudah diperiksa, dengan sumbernya;
# jangan mengarang nomor telepon atau WhatsApp. Periksa perubahan dengan: make check

sumber:
  - id: kemendagri-2025
    judul: Kode dan nama wilayah menurut Kepmendagri No. 300.2.2-2430 Tahun 2025, dihimpun oleh cahyadsn/wilayah (MIT)
    tahun: 2025
    url: https://github.com/cahyadsn/wilayah
  - id: kodepos-cahyadsn
    judul: Kode pos per kelurahan, dihimpun oleh cahyadsn/wilayah_kodepos (MIT); belum diverifikasi resmi
    tahun: 2025
    url: https://github.com/cahyadsn/wilayah_kodepos

"""

JAWA_BARAT = HEAD.format(place="Provinsi Jawa Barat") + """\
dinas:
  kode: "32"
  nama: "Dukcapil Provinsi Jawa Barat"
  provinsi: "Jawa Barat"
  kontak: []

kota:
  - kode: "32.04"
    nama: "Kabupaten Bandung"
    nama_resmi: "Kabupaten Bandung"
    nama_kantor: "Dukcapil Kabupaten Bandung"
    kontak: []
  - kode: "32.73"
    nama: "Kota Bandung"
    nama_resmi: "Kota Bandung"
    nama_kantor: "Dukcapil Kota Bandung"
    kontak: []

kecamatan:
  - kode: "32.04.01"
    nama: "Cileunyi"
    kontak: []
  - kode: "32.04.02"
    nama: "Baleendah"
    kontak: []
  - kode: "32.73.01"
    nama: "Cicendo"
    kontak: []

kelurahan:
  - kode: "32.04.01.2001"
    nama: "Mekarsari"
    kode_pos: "40622"
    kontak: []
  - kode: "32.04.01.2002"
    nama: "Sukamaju I, II"
    kode_pos: "40623"
    kontak: []
  - kode: "32.04.02.1001"
    nama: "Baleendah"
    kode_pos: "40375"
    kontak: []
  - kode: "32.04.02.2002"
    nama: "Mekarsari"
    kode_pos: "40375"
    kontak: []
  - kode: "32.73.01.1001"
    nama: "Sukaraja"
    kode_pos: "40153"
    kontak: []

sumber_wilayah: [kemendagri-2025, kodepos-cahyadsn]
# penutupan_diperiksa: tulis tanggalnya (YYYY-MM-DD) setelah memeriksa penutupan terhadap pengumuman;
# sampai saat itu halaman menyebut daftar penutupan belum pernah diperiksa.
penutupan: []
"""

KOTA_BANDUNG = HEAD.format(place="Kota Bandung, Provinsi Jawa Barat") + """\
wilayah_panduan: "Kota Bandung"

dinas:
  kode: "32"
  nama: "Dukcapil Provinsi Jawa Barat"
  provinsi: "Jawa Barat"
  kontak: []

kota:
  - kode: "32.73"
    nama: "Kota Bandung"
    nama_resmi: "Kota Bandung"
    nama_kantor: "Dukcapil Kota Bandung"
    kontak: []

kecamatan:
  - kode: "32.73.01"
    nama: "Cicendo"
    kontak: []

kelurahan:
  - kode: "32.73.01.1001"
    nama: "Sukaraja"
    kode_pos: "40153"
    kontak: []

sumber_wilayah: [kemendagri-2025, kodepos-cahyadsn]
# penutupan_diperiksa: tulis tanggalnya (YYYY-MM-DD) setelah memeriksa penutupan terhadap pengumuman;
# sampai saat itu halaman menyebut daftar penutupan belum pernah diperiksa.
penutupan: []
"""


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "desa.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def data_folder(folder: Path, offices: str) -> Path:
    """offices.yaml beside the bundled services.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "services.yaml", folder / "services.yaml")
    (folder / "offices.yaml").write_text(offices, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    return [str(p) for p in check_data(folder)[1]]


class TestImport:
    def test_a_province_gives_this_yaml(self, table):
        assert regions.skeleton(table, "32") == JAWA_BARAT

    def test_a_kota_gives_only_its_regions(self, table):
        assert regions.skeleton(table, "32.73") == KOTA_BANDUNG

    def test_the_skeleton_validates_with_the_bundled_services(self, table, tmp_path):
        folder = data_folder(tmp_path / "jb", regions.skeleton(table, "32"))
        assert errors_of(folder) == []

    def test_cli_writes_the_file(self, table, tmp_path, capsys):
        out = tmp_path / "offices.yaml"
        assert main(["import-regions", str(table), "--provinsi", "32", "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == JAWA_BARAT
        assert capsys.readouterr().err == f"Wrote {out}.\n"

    def test_cli_writes_to_standard_output_without_out(self, table, capsys):
        assert main(["import-regions", str(table), "--kota", "32.73"]) == 0
        assert capsys.readouterr().out == KOTA_BANDUNG

    def test_cli_never_overwrites(self, table, tmp_path, capsys):
        out = tmp_path / "offices.yaml"
        out.write_text("staff's data\n")
        with pytest.raises(SystemExit) as exit:
            main(["import-regions", str(table), "--provinsi", "32", "--out", str(out)])
        assert exit.value.code == 2
        assert capsys.readouterr().err == (
            f"python -m generator import-regions: error: argument --out: expected a new file, got '{out}' "
            "(it exists: an import never overwrites a data file)\n")
        assert out.read_text() == "staff's data\n"

    @pytest.mark.parametrize("argv, message", [
        (["--provinsi", "3"], "argument --provinsi: expected a 2-digit province code like 32, got '3'"),
        (["--kota", "32.7"], "argument --kota: expected a kabupaten or kota code like 32.73, got '32.7'"),
        (["--kota", "32.99"], "expected a kabupaten or kota code of desa.csv, got 32.99 (no desa or kelurahan has it)"),
        (["--provinsi", "35"], "expected a province code of desa.csv, got 35 (no desa or kelurahan has it)"),
        (["--all"], "argument --all: expected --out-dir DIR (and no --out)"),
    ])
    def test_cli_wrong_values(self, table, capsys, argv, message):
        try:
            code = main(["import-regions", str(table), *argv])
        except SystemExit as exit:
            code = exit.code
        assert code == 2
        assert capsys.readouterr().err == f"python -m generator import-regions: error: {message}\n"

    @pytest.mark.parametrize("row, message", [
        ("32.04.01.4001,X,32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40622",
         "kode: expected a desa or kelurahan code like 32.73.01.1001, got '32.04.01.4001'"),
        ("32.04.01.2009,X,32.04.02,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40622",
         "kode_kecamatan: expected 32.04.01 (the start of 32.04.01.2009), got '32.04.02'"),
        ("32.04.01.2009,X,32.04.01,Cileunyi Baru,32.04,Kabupaten Bandung,32,Jawa Barat,40622",
         "expected 32.04.01 to be named 'Cileunyi' as on line 2, got 'Cileunyi Baru'"),
        ("32.04.01.2009,X,32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,4062",
         "kode_pos: expected a 5-digit postal code, got '4062'"),
        ("32.04.01.2009, X,32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40622",
         "nama: expected a name of printable characters without spaces around it, got ' X'"),
        ("32.04.01.2001,Mekarsari,32.04.01,Cileunyi,32.04,Kabupaten Bandung,32,Jawa Barat,40622",
         "expected each desa or kelurahan once, got 32.04.01.2001 again"),
    ])
    def test_bad_rows_stop_the_import_with_their_line(self, tmp_path, row, message):
        path = tmp_path / "desa.csv"
        path.write_text(HEADER + ROWS + row + "\n", encoding="utf-8")
        with pytest.raises(regions.RegionsError) as error:
            regions.skeleton(path, "32")
        assert str(error.value) == f"desa.csv:{len(ROWS.splitlines()) + 2}: {message}"

    def test_bad_header(self, tmp_path, capsys):
        path = tmp_path / "desa.csv"
        path.write_text("kode,nama\n32.04.01.2001,Mekarsari\n", encoding="utf-8")
        assert main(["import-regions", str(path), "--provinsi", "32"]) == 1
        assert capsys.readouterr().err == (
            f"error: desa.csv:1: expected the columns {','.join(regions.COLUMNS)}, got kode,nama\n")

    def test_the_real_list_kota_bandung_validates(self, tmp_path):
        folder = data_folder(tmp_path / "bandung", regions.skeleton(TABLE, "32.73"))
        checked, problems = check_data(folder)
        assert problems == []
        guide = build_guide(checked)
        rows = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("32.73.")]
        assert [o.kode for o in guide.kelurahan] == [line.split(",")[0] for line in rows]
        assert [o.title for o in guide.kota] == ["Kota Bandung"]


class CountingTable:
    """A file that counts how often it is opened and how many lines are read from it."""

    opened = 0
    lines = 0

    def __init__(self, path: Path):
        CountingTable.opened += 1
        self.file = open(path, encoding="utf-8", newline="")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def __iter__(self):
        for line in self.file:
            CountingTable.lines += 1
            yield line


class TestAllProvinces:
    def test_one_reading_of_the_list_writes_every_province(self, table, tmp_path, monkeypatch, capsys):
        monkeypatch.setattr(regions, "open_table", CountingTable)
        out = tmp_path / "provinces"
        assert main(["import-regions", str(table), "--all", "--out-dir", str(out)]) == 0
        assert capsys.readouterr().out == f"Wrote 8 files into 2 province folders of {out}.\n"
        assert (CountingTable.opened, CountingTable.lines) == (1, 1 + len(ROWS.splitlines()))
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
            f"{code}/{name}" for code in ("32", "91")
            for name in ("docs/data-terbuka.md", "docs/tentang.md", "offices.yaml", "services.yaml")]
        assert (out / "32" / "offices.yaml").read_text(encoding="utf-8") == JAWA_BARAT
        assert (out / "32" / "services.yaml").read_text(encoding="utf-8") == national_services.skeleton("Jawa Barat")
        papua = out / "91"  # each province folder is ready for build --data, its own services.yaml included
        assert errors_of(papua) == []
        assert build_guide(check_data(papua)[0]).kelurahan[0].title == "Desa Adat Yoboi"

    def test_never_overwrites_a_province(self, table, tmp_path, capsys):
        (tmp_path / "91").mkdir()
        (tmp_path / "91" / "offices.yaml").write_text("staff's data\n")
        assert main(["import-regions", str(table), "--all", "--out-dir", str(tmp_path)]) == 2
        assert capsys.readouterr().err == (
            "python -m generator import-regions: error: expected no offices.yaml, services.yaml, docs/tentang.md, "
            f"docs/data-terbuka.md in {tmp_path}'s province folders, "
            f"got {tmp_path / '91' / 'offices.yaml'}: an import never overwrites a file\n")
        assert not (tmp_path / "32").exists()


@pytest.fixture
def jawa_barat(table, tmp_path):
    return load_guide(data_folder(tmp_path / "jb", regions.skeleton(table, "32")))


class TestModel:
    def test_kinds_and_titles_come_from_the_code(self, jawa_barat):
        kinds = {o.kode: (o.kind, o.title) for o in jawa_barat.offices}
        assert kinds == {
            "32": ("dinas", "Dukcapil Provinsi Jawa Barat"),
            "32.04": ("kabupaten", "Kabupaten Bandung"),
            "32.73": ("kota", "Kota Bandung"),
            "32.04.01": ("kecamatan", "Kecamatan Cileunyi"),
            "32.04.02": ("kecamatan", "Kecamatan Baleendah"),
            "32.73.01": ("kecamatan", "Kecamatan Cicendo"),
            "32.04.01.2001": ("desa", "Desa Mekarsari"),
            "32.04.01.2002": ("desa", "Desa Sukamaju I, II"),
            "32.04.02.1001": ("kelurahan", "Kelurahan Baleendah"),
            "32.04.02.2002": ("desa", "Desa Mekarsari"),
            "32.73.01.1001": ("kelurahan", "Kelurahan Sukaraja"),
        }
        assert jawa_barat.office("32.04.01.2001").office_name == "Kantor Desa Mekarsari"
        assert jawa_barat.office("32.04").office_name == "Dukcapil Kabupaten Bandung"

    def test_how_an_area_names_its_villages(self, jawa_barat):
        words = {o.kode: (o.villages_name, o.villages_choice, o.villages_count)
                 for o in [*jawa_barat.kota, *jawa_barat.kecamatan]}
        assert words == {
            "32.04": ("desa dan kelurahan", "desa atau kelurahan", "3 desa dan 1 kelurahan"),
            "32.73": ("kelurahan", "kelurahan", "1 kelurahan"),
            "32.04.01": ("desa", "desa", "2 desa"),
            "32.04.02": ("desa dan kelurahan", "desa atau kelurahan", "1 desa dan 1 kelurahan"),
            "32.73.01": ("kelurahan", "kelurahan", "1 kelurahan"),
        }

    def test_lookups_by_region(self, jawa_barat):
        assert [o.kode for o in jawa_barat.kelurahan_in("32.04")] == [
            "32.04.01.2001", "32.04.01.2002", "32.04.02.1001", "32.04.02.2002"]
        assert [o.kode for o in jawa_barat.kelurahan_in("32.04.02")] == ["32.04.02.1001", "32.04.02.2002"]
        assert [o.kode for o in jawa_barat.kecamatan_in("32")] == ["32.04.01", "32.04.02", "32.73.01"]
        assert jawa_barat.kelurahan_in("32.7") == [] and jawa_barat.kecamatan_in("33") == []

    def test_a_closure_reaches_its_region_and_everything_in_it(self, table, tmp_path):
        text = regions.skeleton(table, "32").replace("penutupan: []", """penutupan:
  - id: baleendah
    judul: Loket Kecamatan Baleendah ditutup
    tingkat: kecamatan
    wilayah: "32.04.02"
    mulai: 2020-03-23
    selesai: 2020-03-24
    alternatif: Ajukan secara daring.
  - id: provinsi
    judul: Layanan tatap muka ditutup
    tingkat: provinsi
    wilayah: "32"
    mulai: 2020-03-17
    selesai: 2020-03-31
    alternatif: Ajukan secara daring.""")
        guide = load_guide(data_folder(tmp_path / "closed", text))
        reached = {o.kode: [c.id for c in o.closures] for o in guide.offices}
        assert reached == {code: ["provinsi", "baleendah"] if code.startswith("32.04.02") else ["provinsi"]
                           for code in reached}
        assert guide.closures[1].region_name == "seluruh Jawa Barat"  # the province's name, from the dinas


class TestAddresses:
    def test_outside_dki_the_code_follows_the_name(self, jawa_barat):
        pages = {o.kode: (o.page, o.notice_page) for o in jawa_barat.offices}
        assert pages == {
            "32": ("dinas/index.md", "pengumuman/dinas.html"),
            "32.04": ("kota/kabupaten-bandung-3204.md", "pengumuman/kota/kabupaten-bandung-3204.html"),
            "32.73": ("kota/kota-bandung-3273.md", "pengumuman/kota/kota-bandung-3273.html"),
            "32.04.01": ("kecamatan/cileunyi-320401.md", "pengumuman/kecamatan/cileunyi-320401.html"),
            "32.04.02": ("kecamatan/baleendah-320402.md", "pengumuman/kecamatan/baleendah-320402.html"),
            "32.73.01": ("kecamatan/cicendo-327301.md", "pengumuman/kecamatan/cicendo-327301.html"),
            "32.04.01.2001": ("desa/mekarsari-3204012001.md", "pengumuman/desa/mekarsari-3204012001.html"),
            "32.04.01.2002": ("desa/sukamaju-i-ii-3204012002.md", "pengumuman/desa/sukamaju-i-ii-3204012002.html"),
            "32.04.02.1001": ("kelurahan/baleendah-3204021001.md", "pengumuman/kelurahan/baleendah-3204021001.html"),
            "32.04.02.2002": ("desa/mekarsari-3204022002.md", "pengumuman/desa/mekarsari-3204022002.html"),
            "32.73.01.1001": ("kelurahan/sukaraja-3273011001.md", "pengumuman/kelurahan/sukaraja-3273011001.html"),
        }
        assert jawa_barat.office("32.04.02").batch_pdf == "pengumuman/kecamatan/baleendah-320402.pdf"
        assert urls.kota_calendar("Kota Bandung", "32.73") == "data/closures/kota-bandung-3273.ics"

    def test_an_address_does_not_move_when_a_namesake_is_added(self, table, tmp_path, jawa_barat):
        with table.open("a", encoding="utf-8") as file:
            file.write("32.73.01.2002,Mekarsari,32.73.01,Cicendo,32.73,Kota Bandung,32,Jawa Barat,40153\n")
        more = load_guide(data_folder(tmp_path / "more", regions.skeleton(table, "32")))
        before = {o.kode: o.page for o in jawa_barat.offices}
        after = {o.kode: o.page for o in more.offices}
        assert {code: after[code] for code in before} == before
        assert after["32.73.01.2002"] == "desa/mekarsari-3273012002.md"

    def test_the_same_data_gives_the_same_addresses(self, table, tmp_path):
        first = [o.page for o in load_guide(data_folder(tmp_path / "a", regions.skeleton(table, "32"))).offices]
        second = [o.page for o in load_guide(data_folder(tmp_path / "b", regions.skeleton(table, "32"))).offices]
        assert first == second and len(set(first)) == len(first)

    def test_dki_addresses_are_unchanged(self):
        guide = load_guide(REPO)
        assert [guide.office(code).page for code in ("31.74", "31.74.07", "31.74.07.1002", "31.01")] == [
            "kota/jakarta-selatan.md", "kecamatan/kebayoran-baru.md", "kelurahan/gunung.md", "kota/kepulauan-seribu.md"]
        assert guide.office("31.74.07.1002").notice_page == "pengumuman/kelurahan/gunung.html"
        assert all(o.page == f"{o.level}/{urls.slug(o.nama)}.md" for o in guide.offices if o.level != "dinas")
        assert {o.kind for o in guide.kelurahan} == {"kelurahan"}

    def test_every_address_of_the_real_kota_bandung_is_unique(self, tmp_path):
        guide = load_guide(data_folder(tmp_path / "bandung", regions.skeleton(TABLE, "32.73")))
        pages = [o.page for o in guide.offices]
        assert len(set(pages)) == len(pages) == len(guide.offices)


class TestChecksOutsideDki:
    """Codes and postal codes of any province; the DKI messages are in test_validate.py, unchanged."""

    class Skeleton(Data):
        """conftest's Data (replace, line, text) over an imported skeleton and the bundled services."""

        def __init__(self, folder: Path):
            self.folder = folder

    @pytest.fixture
    def data(self, table, tmp_path) -> Data:
        return self.Skeleton(data_folder(tmp_path / "data", regions.skeleton(table, "32")))

    def test_names_may_repeat(self, data):
        assert errors_of(data.folder) == []
        assert data.text("offices.yaml").count('nama: "Mekarsari"') == 2

    def test_a_code_outside_the_province(self, data):
        data.replace("offices.yaml", 'kode: "32.73.01.1001"', 'kode: "33.73.01.1001"')
        line = data.line("offices.yaml", "33.73.01.1001")
        assert errors_of(data.folder) == [
            f"offices.yaml:{line}:11: kelurahan[33.73.01.1001].kode: expected a code in province 32 (the dinas code), "
            f"got 33.73.01.1001"]

    def test_a_village_code_of_no_kind(self, data):
        data.replace("offices.yaml", 'kode: "32.73.01.1001"', 'kode: "32.73.01.4001"')
        line = data.line("offices.yaml", "32.73.01.4001")
        assert errors_of(data.folder) == [
            f'offices.yaml:{line}:11: kelurahan[32.73.01.4001].kode: expected a desa or kelurahan code like '
            f'32.73.01.1001 (1xxx kelurahan, 2xxx desa, 3xxx desa adat), got "32.73.01.4001"']

    def test_a_kabupaten_code(self, data):
        data.replace("offices.yaml", '  - kode: "32.73"\n', '  - kode: "32.7"\n')
        line = data.line("offices.yaml", '"32.7"')
        assert errors_of(data.folder)[0] == (
            f'offices.yaml:{line}:11: kota[32.7].kode: expected a kabupaten or kota code like 32.73, got "32.7"')

    def test_postal_codes_are_any_five_digits(self, data):
        data.replace("offices.yaml", 'kode_pos: "40153"', 'kode_pos: "4015"')
        line = data.line("offices.yaml", '"4015"')
        assert errors_of(data.folder) == [
            f'offices.yaml:{line}:15: kelurahan[32.73.01.1001].kode_pos: expected a 5-digit postal code, got "4015"']

    def test_the_same_code_twice_is_one_problem(self, data):
        data.replace("offices.yaml", 'kode: "32.04.02.2002"', 'kode: "32.04.01.2001"')
        lines = [n for n, text in enumerate(data.text("offices.yaml").splitlines(), 1) if '"32.04.01.2001"' in text]
        assert errors_of(data.folder) == [
            f"offices.yaml:{lines[1]}:11: kelurahan[32.04.01.2001].kode: duplicate kelurahan code: "
            f"32.04.01.2001 is already used on line {lines[0]}"]

    def test_a_missing_code_says_what_this_province_expects(self, data):
        data.replace("offices.yaml", '  - kode: "32.73.01.1001"\n    nama: "Sukaraja"', '  - nama: "Sukaraja"')
        line = data.line("offices.yaml", 'nama: "Sukaraja"')
        assert errors_of(data.folder) == [
            f"offices.yaml:{line}:5: kelurahan[4]: missing required field kode: expected a desa or kelurahan code like "
            f"32.73.01.1001 (1xxx kelurahan, 2xxx desa, 3xxx desa adat)"]

    def test_a_closure_for_the_province(self, data):
        data.replace("offices.yaml", "penutupan: []", 'penutupan:\n  - id: p\n    judul: Tutup\n    tingkat: provinsi\n'
                     '    wilayah: "31"\n    mulai: 2020-03-17\n    selesai: 2020-03-31\n    alternatif: Daring.')
        line = data.line("offices.yaml", 'wilayah: "31"')
        assert errors_of(data.folder) == [
            f"offices.yaml:{line}:14: penutupan[p].wilayah: expected the code of a provinsi in this file, "
            f"got 31 (no such provinsi)"]


class TestPages:
    def test_a_desa_page_says_desa(self, jawa_barat):
        pages = render_pages(jawa_barat, dt.date(2020, 3, 25))
        desa = pages["desa/mekarsari-3204022002.md"]
        assert 'title: "Desa Mekarsari"' in desa and "\n# Desa Mekarsari\n" in desa
        assert "Kecamatan Baleendah](../kecamatan/baleendah-320402.md) › Desa Mekarsari" in desa
        kecamatan = pages["kecamatan/baleendah-320402.md"]
        assert "## Desa dan kelurahan di Kecamatan Baleendah\n\nPilih desa atau kelurahan Anda" in kecamatan
        assert "- [Desa Mekarsari](../desa/mekarsari-3204022002.md): buka" in kecamatan
        assert "- [Kelurahan Baleendah](../kelurahan/baleendah-3204021001.md): buka" in kecamatan
        assert {path.split("/")[0] for path in pages if "/" in path} <= set(urls.SECTIONS)  # search names each
        kabupaten = pages["kota/kabupaten-bandung-3204.md"]
        assert "Pilih kecamatan Anda, lalu desa atau kelurahan Anda." in kabupaten
        assert "- [Kecamatan Baleendah](../kecamatan/baleendah-320402.md): 1 desa dan 1 kelurahan, buka" in kabupaten


def test_a_kota_of_jawa_barat_builds(tmp_path, closed_site: Site):
    """Kota Banjar (32.79): 4 kecamatan, 9 kelurahan and 16 desa, from the real list, built without PDFs."""
    folder = data_folder(tmp_path / "banjar", regions.skeleton(TABLE, "32.79"))
    build_site(folder, dt.date(2020, 3, 25), tmp_path / "site", pdf=False)
    site = Site(tmp_path / "site")
    built = {kind: len(list((site.root / kind).glob("*/index.html"))) for kind in ("kota", "kecamatan", "kelurahan", "desa")}
    assert built == {"kota": 1, "kecamatan": 4, "kelurahan": 9, "desa": 16}
    desa = site.html("desa/balokang-3279012003/")
    assert "<h1 id=\"desa-balokang\">Desa Balokang</h1>" in desa
    assert "<title>Desa Balokang - " in desa
    assert site.html("kelurahan/banjar-3279011001/").count("<h1") == 1
    # Nobody has checked a new region's closures against the announcements yet, and the page says so.
    assert "Daftar penutupan belum pernah diperiksa terhadap pengumuman." in desa
    assert "\"diperiksa\":null" in desa  # the live-status script says the same (live-status.html)
    # The navigation does not grow with the region: the same links as on a DKI kelurahan page.
    dki = closed_site.html("kelurahan/gunung/")
    assert nav_links(desa) == nav_links(dki)
    assert nav_links(desa)[:5] == ["Beranda", "Layanan", "Cari kantor", "Penutupan layanan", "Tentang"]


def nav_links(html: str) -> list[str]:
    start = html.index('<nav class="md-nav md-nav--primary')
    end = html.index("</nav>", html.index("</nav>", start) + 1)  # its nested nav closes first
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html[start:end])


def test_region_codes():
    assert region_codes.village_kind("32.04.01.2001") == "desa"
    assert region_codes.village_kind("31.74.07.1002") == "kelurahan"
    assert region_codes.village_kind("91.03.01.3007") == "desa adat"
    assert [region_codes.regency_kind(c) for c in ("31.01", "31.74", "32.04", "32.79")] == [
        "kabupaten", "kota", "kabupaten", "kota"]
    assert region_codes.prefixes("32.73.01.1001") == ["32", "32.73", "32.73.01", "32.73.01.1001"]
    assert region_codes.within("32.73.01", "32.73") and not region_codes.within("32.73", "32.7")


def test_relative_links_are_those_of_relpath(jawa_barat):
    """urls.relative replaces posixpath.relpath on every link of every page (relpath asks the OS for the cwd)."""
    targets = [o.page for o in [*jawa_barat.offices, *load_guide(REPO).offices]] + [urls.HOME, urls.CALENDAR, "a/b.md"]
    starts = {"", ".", "a/b"} | {posixpath.dirname(t) for t in targets} | {urls.served(t) for t in targets if t.endswith(".md")}
    assert [urls.relative(t, s) for t in targets for s in starts] == [
        posixpath.relpath(t, s or ".") for t in targets for s in starts]

