"""stale.py: contacts and services not checked recently, per kota (exact Markdown)."""

from __future__ import annotations

from conftest import MINI
from generator.cli import main


def report(capsys, *args) -> tuple[int, str]:
    code = main(["stale", *args])
    return code, capsys.readouterr().out


DINAS = ("### Tingkat provinsi (1 kontak)\n\n"
         "- Dinas Kependudukan dan Pencatatan Sipil Provinsi DKI Jakarta: Telepon kantor Dinas, (021) 5662400: "
         "belum pernah diverifikasi (data 2015, `contoh`)\n\n")
KECAMATAN = ("- Kecamatan Kebayoran Baru: Telepon kantor kecamatan, (021) 7207341, (021) 7207342: "
             "belum pernah diverifikasi (data 2015, `contoh`)\n")
GUNUNG_OFFICE = ("- Kelurahan Gunung: Telepon kantor kelurahan, (021) 7245537: belum pernah diverifikasi "
                 "(data 2015, `contoh`); diragukan: Sama dengan kantor lain.\n")


def test_contacts_per_kota_and_services(capsys):
    code, out = report(capsys, "--data", str(MINI), "--today", "2026-11-25", "--days", "10")
    assert code == 0
    assert out == (
        "# Data yang perlu diperiksa ulang\n\n"
        "Per Rabu, 25 November 2026: kontak yang belum diverifikasi dan layanan yang belum ditinjau "
        "dalam 10 hari terakhir (sejak 15 November 2026).\n\n"
        "4 kontak dan 1 layanan perlu diperiksa.\n\n"
        "## Kontak\n\n"
        + DINAS +
        "### Kota Administrasi Jakarta Selatan (3 kontak)\n\n"
        + KECAMATAN +
        "- Kelurahan Gunung: Petugas Dukcapil kelurahan (Ibu Contoh), WhatsApp 0812-3456-7890: "
        "terakhir diverifikasi 20 Maret 2020 (2441 hari lalu)\n"
        + GUNUNG_OFFICE +
        "\n## Layanan\n\n"
        "- Kartu Keluarga (KK) (`kartu-keluarga`): terakhir ditinjau 1 November 2026 (24 hari lalu)\n"
    )


def test_default_is_180_days(capsys):
    code, out = report(capsys, "--data", str(MINI), "--today", "2020-09-16")
    assert "dalam 180 hari terakhir (sejak 20 Maret 2020)" in out
    assert "3 kontak dan 0 layanan perlu diperiksa." in out
    assert "Ibu Contoh" not in out  # verified exactly 180 days before: not yet stale
    assert "Ibu Contoh" in report(capsys, "--data", str(MINI), "--today", "2020-09-17")[1]


def test_verified_contacts_are_left_out(data, capsys):
    for old, new in (("      telepon: \"021-5662400\"\n      sumber: contoh", "      telepon: \"021-5662400\"\n      diverifikasi: 2026-11-02"),
                     ("        telepon: [\"021-7207341\", \"021-7207342\"]\n        sumber: contoh",
                      "        telepon: [\"021-7207341\", \"021-7207342\"]\n        diverifikasi: 2026-11-02"),
                     ("diverifikasi: 2020-03-20", "diverifikasi: 2026-11-02"),
                     ("        telepon: \"021-7245537\"\n        sumber: contoh",
                      "        telepon: \"021-7245537\"\n        diverifikasi: 2026-11-02")):
        data.replace("offices.yaml", old, new)
    code, out = report(capsys, "--data", str(data.folder), "--today", "2026-11-25")
    assert out.endswith(
        "0 kontak dan 0 layanan perlu diperiksa.\n\n"
        "Semua kontak dan layanan sudah diperiksa dalam jangka itu.\n"
    )


def test_invalid_data_fails(data, capsys):
    data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
    assert main(["stale", "--data", str(data.folder)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "1 problem in 1 file; nothing was built."


def test_a_contact_named_by_a_report_says_which_report(data, capsys):
    data.replace("offices.yaml", '        telepon: ["021-7207341", "021-7207342"]\n        sumber: contoh\n',
                 '        telegram: "0859-6055-7875"\n        disebut: berita-contoh\n')
    code, out = report(capsys, "--data", str(data.folder), "--today", "2026-11-25")
    assert code == 0
    assert ("- Kecamatan Kebayoran Baru: Telepon kantor kecamatan, Telegram 0859-6055-7875: belum pernah diverifikasi "
            "(disebut Kantor berita contoh pada 22 Maret 2020, `berita-contoh`)\n") in out
