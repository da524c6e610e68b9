"""Bootstrap offices.yaml from the source CSVs in data/sumber/ (run once).

offices.yaml is the file staff edit; this script only wrote its first version
from the Kemendagri 2025 region list and the 2015 Dukcapil office list, so the
provenance of every record is reproducible. Running it again overwrites staff
edits: use it only to rebuild from scratch, then review the diff.

    python scripts/import_offices.py > offices.yaml
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent / "data" / "sumber"

# Phone notes in the 2015 data that mean the number is probably wrong, not
# just shared: the same address *and* number as an office elsewhere.
DOUBTFUL = re.compile(r"alamat dan telepon sama persis")


# Other spellings residents type for official names (search finds them; the
# page shows them as "Juga ditulis"). Keys are Kemendagri codes.
ALIASES = {
    "31.72.02": ["Tanjung Priuk"],
    "31.72.02.1001": ["Tanjung Priuk"],
    "31.73.07": ["Palmerah"],
    "31.73.07.1001": ["Pal Merah"],
    "31.75.02": ["Pulo Gadung"],
    "31.75.02.1001": ["Pulogadung"],
    "31.75.04": ["Kramat Jati"],
    "31.75.04.1001": ["Kramat Jati"],
    "31.75.04.1002": ["Kampung Tengah"],
    "31.75.08.1004": ["Halim", "Halim Perdana Kusumah"],
}


def alias_lines(code: str, indent: str) -> list[str]:
    names = ALIASES.get(code)
    return [f"{indent}alias: [{', '.join(q(n) for n in names)}]"] if names else []


def read(name: str) -> list[dict[str, str]]:
    with open(SOURCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def short_kota(official: str) -> str:
    return official.replace("Kota Administrasi ", "").replace("Kabupaten Administrasi ", "")


def split_phones(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def readable_note(note: str) -> tuple[str, str]:
    """The source's note about a row, said for residents: (field, text)."""
    names = re.findall(r"\d+ \(([^)]*)\)", note)
    offices = " dan ".join(name.replace(", ", " (", 1) + ")" if ", " in name else name for name in names)
    if DOUBTFUL.search(note):
        return "diragukan", (f"Pada data 2015, alamat dan nomor ini sama persis dengan {offices}; "
                             "kemungkinan salah salin di sumber.")
    if note.startswith("telepon "):
        return "catatan", f"Pada data 2015, nomor ini juga tercatat untuk {offices}."
    spelled = re.match(r'nama di sumber "([^"]+)"', note)
    if spelled:
        return "catatan", f"Pada data 2015, nama kantor ini tertulis \"{spelled[1]}\"."
    if "juga muncul" in note:
        return "catatan", "Data 2015 memuat nama kelurahan ini dua kali; nomor ini dari baris yang tercatat di kecamatan ini."
    return "catatan", f"Data 2015: {note}."


def office_lines(row: dict[str, str] | None, indent: str, role: str) -> list[str]:
    """alamat, sumber_alamat and kontak lines of one office from a 2015 row."""
    if row is None:
        return [f"{indent}kontak: []"]
    lines = []
    if row["alamat"]:
        lines += [f"{indent}alamat: {q(row['alamat'])}", f"{indent}sumber_alamat: jakarta-2015"]
    phones = split_phones(row["telepon"])
    note = row["catatan"]
    if "hanya 6 digit" in note:
        # Not a dialable number: keep it out of `telepon` and say why.
        return lines + [
            f"{indent}kontak: []",
            f"{indent}catatan: {q('Data 2015 mencantumkan telepon ' + row['telepon'] + ', tetapi nomor itu kurang satu angka sehingga tidak ditampilkan.')}",
        ]
    if not phones:
        return lines + [f"{indent}kontak: []"]
    lines.append(f"{indent}kontak:")
    lines.append(f"{indent}  - peran: {role}")
    if len(phones) == 1:
        lines.append(f"{indent}    telepon: {q(phones[0])}")
    else:
        lines.append(f"{indent}    telepon: [{', '.join(q(p) for p in phones)}]")
    lines.append(f"{indent}    sumber: jakarta-2015")
    if note and "telepon kosong" not in note and "alamat kosong" not in note:
        key, text = readable_note(note)
        lines.append(f"{indent}    {key}: {q(text)}")
    return lines


def first_per(rows: list[dict[str, str]], column: str) -> list[dict[str, str]]:
    """The first row of each value of `column`, in order: one row per kota or kecamatan."""
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row[column], row)
    return list(first.values())


def main() -> None:
    kelurahan = read("jakarta_kelurahan.csv")
    kantor_kel = {r["kode"]: r for r in read("kantor_kelurahan.csv") if r["kode"]}
    kantor_kec = {r["kode_kecamatan"]: r for r in read("kantor_kecamatan.csv")}
    sudin = {r["kode_wilayah"]: r for r in read("sudin_dukcapil.csv")}

    out = [
        "# yaml-language-server: $schema=schemas/offices.schema.json",
        "# Kantor Dukcapil DKI Jakarta: Dinas, Suku Dinas, kecamatan, kelurahan, dan penutupan layanan.",
        "# Kode, nama dan kode pos: Kepmendagri No. 300.2.2-2430 Tahun 2025 (data/sumber/jakarta_kelurahan.csv).",
        "# Alamat dan telepon: data.jakarta.go.id, data tahun 2015 (data/sumber/kantor_*.csv, sudin_dukcapil.csv).",
        "# Lihat data/sumber/SOURCES.md. Jangan mengarang nomor telepon atau WhatsApp.",
        "# Periksa perubahan dengan: make check",
        "",
        "sumber:",
        "  - id: kemendagri-2025",
        "    judul: Kode dan nama wilayah menurut Kepmendagri No. 300.2.2-2430 Tahun 2025, dihimpun oleh cahyadsn/wilayah (MIT)",
        "    tahun: 2025",
        "    url: https://github.com/cahyadsn/wilayah",
        "  - id: kodepos-cahyadsn",
        "    judul: Kode pos per kelurahan, dihimpun oleh cahyadsn/wilayah_kodepos (MIT); belum diverifikasi resmi",
        "    tahun: 2025",
        "    url: https://github.com/cahyadsn/wilayah_kodepos",
        "  - id: jakarta-2015",
        "    judul: Data Alamat Kantor Pelayanan Dukcapil Tahun 2015, Pemprov DKI Jakarta (data.jakarta.go.id), melalui github.com/soluvas/opendata",
        "    tahun: 2015",
        "    url: " + read("sudin_dukcapil.csv")[0]["source_url"],
        "",
    ]
    dinas = sudin["31"]
    out += ["dinas:", "  kode: \"31\"", f"  nama: {q(dinas['nama_kantor'])}"]
    out += office_lines(dinas, "  ", "Telepon kantor Dinas")
    out += ["", "kota:"]

    for row in first_per(kelurahan, "kode_kabkota"):
        code = row["kode_kabkota"]
        sud = sudin[code]
        out += [
            f"  - kode: {q(code)}",
            f"    nama: {q(short_kota(row['nama_kabkota']))}",
            f"    nama_resmi: {q(row['nama_kabkota'])}",
            f"    nama_kantor: {q(sud['nama_kantor'])}",
        ]
        out += office_lines(sud, "    ", "Telepon kantor Suku Dinas")
    out += ["", "kecamatan:"]

    for row in first_per(kelurahan, "kode_kecamatan"):
        code = row["kode_kecamatan"]
        out += [f"  - kode: {q(code)}", f"    nama: {q(row['nama_kecamatan'])}", *alias_lines(code, "    ")]
        out += office_lines(kantor_kec.get(code), "    ", "Telepon kantor kecamatan")
    out += ["", "kelurahan:"]

    for row in kelurahan:
        code = row["kode"]
        out += [
            f"  - kode: {q(code)}",
            f"    nama: {q(row['nama'])}",
            f"    kode_pos: {q(row['kode_pos'])}",
            *alias_lines(code, "    "),
        ]
        office = kantor_kel.get(code)
        out += office_lines(office, "    ", "Telepon kantor kelurahan")
        if office is None:
            out.append(
                f"    catatan: {q('Data kantor tahun 2015 tidak dapat dipastikan untuk kelurahan ini (lihat data/sumber/SOURCES.md); alamat dan telepon belum tersedia.')}"
            )
    out += [
        "",
        "penutupan:",
        "  - id: se-gubernur-02-2020",
        "    judul: Layanan tatap muka Pemprov DKI Jakarta ditutup",
        "    tingkat: provinsi",
        "    wilayah: \"31\"",
        "    mulai: 2020-03-17",
        "    selesai: 2020-03-31",
        "    referensi: Surat Edaran Gubernur DKI Jakarta No. 02/SE/2020",
        "    alasan: Pencegahan penyebaran COVID-19.",
        "    alternatif: Ajukan layanan secara daring lewat aplikasi atau situs Alpukat Betawi, atau hubungi petugas Dukcapil lewat WhatsApp atau telepon.",
        "  - id: loket-jakarta-selatan-2020-03",
        "    judul: Semua loket Dukcapil Jakarta Selatan ditutup",
        "    tingkat: kota",
        "    wilayah: \"31.74\"",
        "    mulai: 2020-03-23",
        "    selesai: 2020-04-02",
        "    referensi: Pengumuman Suku Dinas Dukcapil Jakarta Selatan, Maret 2020 (nomor surat belum tersedia)",
        "    alternatif: Ajukan layanan secara daring lewat aplikasi atau situs Alpukat Betawi, atau hubungi petugas Suku Dinas, kecamatan atau kelurahan lewat WhatsApp atau telepon.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
