"""offices.yaml skeletons for any region of Indonesia, from the national list of desa and kelurahan.

    python -m generator import-regions data/sumber/indonesia_desa.csv --provinsi 32 [--out offices.yaml]
    python -m generator import-regions data/sumber/indonesia_desa.csv --kota 32.73 [--out offices.yaml]
    python -m generator import-regions data/sumber/indonesia_desa.csv --kota 32.73 --out-dir DIR
    python -m generator import-regions data/sumber/indonesia_desa.csv --all --out-dir DIR

With --out-dir, a region's folder gets everything `build --data DIR` needs
(FILES): offices.yaml, the services.yaml skeleton of what national law sets
(national_services.py) and its own hand-written pages, DIR/docs/tentang.md and
data-terbuka.md (region_docs.py); --all writes one such folder per province,
DIR/<kode>/.

The list (data/sumber/SOURCES.md: Kepmendagri No. 300.2.2-2430 Tahun 2025 via
cahyadsn/wilayah, postal codes via cahyadsn/wilayah_kodepos, both MIT) is read
once, row by row, in one pass: each row is checked and filed under its
province with dictionary lookups, so reading is linear in the rows, and
`--all` writes the 38 provinces, DIR/<kode>/offices.yaml, from that one pass.
Codes stay text ("11.10" is not the number 11.1).

A skeleton holds what the list says and nothing else: the province office
(dinas), each kabupaten and kota, kecamatan, desa and kelurahan with its code,
name and postal code. It has no address, no contact (`kontak: []`) and no
closure: those are added by staff, from sources, later. The list names
regions, not offices, so an office is named after its region only
("Dukcapil Kabupaten Bandung", "Dukcapil Provinsi Jawa Barat"); its official
name is not known here, and the file's header says so. A kabupaten or kota
keeps the list's name ("Kabupaten Bandung", "Kota Bandung") as both `nama`
and `nama_resmi`: the short name would be the same for both.

Bad input stops the import with FILE:LINE and what was wrong; nothing is written.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from . import national_services, region_codes, region_docs

COLUMNS = ("kode", "nama", "kode_kecamatan", "nama_kecamatan", "kode_kabkota", "nama_kabkota",
           "kode_provinsi", "nama_provinsi", "kode_pos")
VILLAGE_CODE = re.compile(r"\d\d\.\d\d\.\d\d\.[1-3]\d\d\d")
POSTAL_CODE = re.compile(r"\d{5}")
PROVINCE = re.compile(r"[1-9]\d")
KOTA = re.compile(r"\d\d\.\d\d")

SOURCES = """\
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


class RegionsError(Exception):
    """The list cannot be read as the national list of desa and kelurahan (FILE:LINE: what was wrong)."""


@dataclass
class Province:
    """The rows of one province that were asked for: names by code, villages in the order read."""

    code: str
    name: str
    regencies: dict[str, str] = field(default_factory=dict)  # kabupaten and kota
    districts: dict[str, str] = field(default_factory=dict)  # kecamatan
    villages: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, postal code)


def open_table(path: Path) -> IO[str]:
    """The list as text (UTF-8, a byte-order mark dropped); tests replace it to count what is read."""
    return open(path, encoding="utf-8-sig", newline="")


def read(path: Path, region: str | None = None) -> dict[str, Province]:
    """Every province (or only `region`: a province 32 or kab/kota 32.73) of the list, by code; one pass."""
    with open_table(path) as handle:
        return read_rows(handle, path.name, region)


def read_rows(lines: Iterable[str], source: str, region: str | None = None) -> dict[str, Province]:
    rows = csv.reader(lines)
    header = next(rows, None)
    if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise RegionsError(f"{source}:1: expected the columns {','.join(COLUMNS)}, got {','.join(header or []) or 'nothing'}")
    provinces: dict[str, Province] = {}
    named: dict[str, tuple[str, int]] = {}  # region code -> (its name, the line that first named it)
    seen: set[str] = set()
    for line, row in enumerate(rows, 2):
        if not row:
            continue
        if len(row) < len(COLUMNS):
            raise RegionsError(f"{source}:{line}: expected {len(COLUMNS)} fields, got {len(row)}")
        values = dict(zip(COLUMNS, row))
        code = values["kode"]
        if region is not None and not region_codes.within(code, region):
            continue
        check_row(values, source, line)
        if code in seen:
            raise RegionsError(f"{source}:{line}: expected each desa or kelurahan once, got {code} again")
        seen.add(code)
        for column, name_column in (("kode_provinsi", "nama_provinsi"), ("kode_kabkota", "nama_kabkota"),
                                    ("kode_kecamatan", "nama_kecamatan")):
            same_name(named, values[column], values[name_column], source, line)
        province = provinces.get(values["kode_provinsi"])
        if province is None:
            province = provinces[values["kode_provinsi"]] = Province(values["kode_provinsi"], values["nama_provinsi"])
        province.regencies.setdefault(values["kode_kabkota"], values["nama_kabkota"])
        province.districts.setdefault(values["kode_kecamatan"], values["nama_kecamatan"])
        province.villages.append((code, values["nama"], values["kode_pos"]))
    return provinces


def check_row(values: dict[str, str], source: str, line: int) -> None:
    code = values["kode"]
    if not VILLAGE_CODE.fullmatch(code):
        raise RegionsError(f"{source}:{line}: kode: expected a desa or kelurahan code like 32.73.01.1001, got {code!r}")
    for column, length in (("kode_kecamatan", 8), ("kode_kabkota", 5), ("kode_provinsi", 2)):
        if values[column] != code[:length]:
            raise RegionsError(f"{source}:{line}: {column}: expected {code[:length]} (the start of {code}), "
                               f"got {values[column]!r}")
    if not POSTAL_CODE.fullmatch(values["kode_pos"]):
        raise RegionsError(f"{source}:{line}: kode_pos: expected a 5-digit postal code, got {values['kode_pos']!r}")
    for column in ("nama", "nama_kecamatan", "nama_kabkota", "nama_provinsi"):
        name = values[column]
        if not name or name != name.strip() or not name.isprintable():
            raise RegionsError(f"{source}:{line}: {column}: expected a name of printable characters without "
                               f"spaces around it, got {name!r}")


def same_name(named: dict[str, tuple[str, int]], code: str, name: str, source: str, line: int) -> None:
    first = named.setdefault(code, (name, line))
    if first[0] != name:
        raise RegionsError(f"{source}:{line}: expected {code} to be named {first[0]!r} as on line {first[1]}, got {name!r}")


# --- writing offices.yaml -----------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def render(province: Province, source: str, region: str | None = None) -> str:
    """The offices.yaml skeleton of one province (or of the kab/kota `region` in it), in code order."""
    regencies = sorted(province.regencies.items())
    place = f"Provinsi {province.name}"
    covers = []  # a kab/kota's guide says so: its name, not the province's, names the site, calendars and exports
    if region is not None and region != province.code:
        place = f"{province.regencies[region]}, {place}"
        covers = [f"wilayah_panduan: {q(province.regencies[region])}", ""]
    out = [
        "# yaml-language-server: $schema=schemas/offices.schema.json",
        f"# Wilayah: {place}. Kerangka dibuat oleh `python -m generator import-regions` dari {source}",
        "# (lihat data/sumber/SOURCES.md): kode dan nama wilayah menurut Kepmendagri No. 300.2.2-2430 Tahun 2025",
        "# (cahyadsn/wilayah, MIT); kode pos dari cahyadsn/wilayah_kodepos (MIT), belum diverifikasi resmi.",
        "# Nama kantor hanya menyebut wilayahnya (\"Dukcapil Kabupaten ...\"): nama resmi instansinya belum dicatat.",
        "# Belum ada alamat, kontak atau penutupan. Tambahkan hanya yang sudah diperiksa, dengan sumbernya;",
        "# jangan mengarang nomor telepon atau WhatsApp. Periksa perubahan dengan: make check",
        "",
        SOURCES,
        *covers,
        "dinas:",
        f"  kode: {q(province.code)}",
        f"  nama: {q('Dukcapil Provinsi ' + province.name)}",
        f"  provinsi: {q(province.name)}",
        "  kontak: []",
        "",
        "kota:",
    ]
    for code, name in regencies:
        out += [f"  - kode: {q(code)}", f"    nama: {q(name)}", f"    nama_resmi: {q(name)}",
                f"    nama_kantor: {q('Dukcapil ' + name)}", "    kontak: []"]
    out += ["", "kecamatan:"]
    for code, name in sorted(province.districts.items()):
        out += [f"  - kode: {q(code)}", f"    nama: {q(name)}", "    kontak: []"]
    out += ["", "kelurahan:"]
    for code, name, postal in sorted(province.villages):
        out += [f"  - kode: {q(code)}", f"    nama: {q(name)}", f"    kode_pos: {q(postal)}", "    kontak: []"]
    out += ["", "sumber_wilayah: [kemendagri-2025, kodepos-cahyadsn]",
            "# penutupan_diperiksa: tulis tanggalnya (YYYY-MM-DD) setelah memeriksa penutupan terhadap pengumuman;",
            "# sampai saat itu halaman menyebut daftar penutupan belum pernah diperiksa.",
            "penutupan: []"]
    return "\n".join(out) + "\n"


def skeleton(path: Path, region: str) -> str:
    """The offices.yaml of one province (32) or kab/kota (32.73); RegionsError when the list has no such region."""
    provinces = read(path, region)
    if not provinces:
        what = "province" if PROVINCE.fullmatch(region) else "kabupaten or kota"
        raise LookupError(f"expected a {what} code of {path.name}, got {region} (no desa or kelurahan has it)")
    (province,) = provinces.values()
    return render(province, path.name, region)


FILES = ("offices.yaml", "services.yaml", *(f"docs/{page}" for page in region_docs.PAGES))  # in a region's folder


def folder(province: Province, source: str, region: str | None = None) -> dict[str, str]:
    """{path in the region's folder: text} of every file of FILES: what `build --data` needs."""
    place = province.regencies[region] if region is not None and region != province.code else province.name
    regencies = {code: name for code, name in province.regencies.items()
                 if region is None or region_codes.within(code, region)}
    return {"offices.yaml": render(province, source, region),
            "services.yaml": national_services.skeleton(place),
            **{f"docs/{page}": text for page, text in region_docs.pages(place, regencies).items()}}


def write_folders(folders: dict[Path, dict[str, str]], what: str) -> list[Path]:
    """Every file into its folder, or nothing at all when one of them exists already."""
    targets = {out / name: text for out, files in folders.items() for name, text in files.items()}
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise FileExistsError(f"expected no {', '.join(FILES)} in {what}, got {existing[0]}: "
                              "an import never overwrites a file")
    for target, text in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return list(targets)


def write_region(path: Path, region: str, out_dir: Path) -> list[Path]:
    """A province's (32) or kab/kota's (32.73) folder: DIR/offices.yaml, services.yaml and docs/."""
    provinces = read(path, region)
    if not provinces:
        what = "province" if PROVINCE.fullmatch(region) else "kabupaten or kota"
        raise LookupError(f"expected a {what} code of {path.name}, got {region} (no desa or kelurahan has it)")
    (province,) = provinces.values()
    return write_folders({out_dir: folder(province, path.name, region)}, str(out_dir))


def write_all(path: Path, out_dir: Path) -> list[Path]:
    """DIR/<kode>/ (offices.yaml, services.yaml, docs/) for every province of the list, from one reading of it."""
    provinces = read(path)
    return write_folders({out_dir / code: folder(provinces[code], path.name) for code in sorted(provinces)},
                         f"{out_dir}'s province folders")
