"""diff.py: what a pull request changes, as the reviewer reads it (exact Markdown)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import MINI
from generator.cli import main


def summary(capsys, *args) -> tuple[int, str]:
    code = main(["diff", *args])
    return code, capsys.readouterr().out


def head(data) -> str:
    return f"# Perubahan data: `{MINI}` → `{data.folder}`\n\n"


class TestContacts:
    def test_phone_change(self, data, capsys):
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "+62 813 1111 2222"')
        data.replace("offices.yaml", "diverifikasi: 2020-03-20", "diverifikasi: 2026-11-20")
        data.replace("offices.yaml", 'telepon: "021-7245537"', 'telepon: ["021-7245537", "021 7245538"]')
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert code == 0
        assert out == head(data) + (
            "## Kontak\n"
            "\n"
            "### Kelurahan Gunung (31.74.07.1002)\n"
            "\n"
            "- Petugas Dukcapil kelurahan: WhatsApp 0812-3456-7890 → 0813-1111-2222; "
            "diverifikasi 20 Maret 2020 → 20 November 2026\n"
            "- Telepon kantor kelurahan: telepon (021) 7245537 → (021) 7245537, (021) 7245538\n"
        )

    def test_contact_added_and_removed(self, data, capsys):
        data.replace("offices.yaml", '    kode_pos: "12130"\n    kontak: []',
                     '    kode_pos: "12130"\n    kontak:\n      - peran: Lurah\n        nama: Bapak Contoh\n'
                     '        whatsapp: "0812-9999-0000"\n        diverifikasi: 2026-11-24')
        data.replace("offices.yaml", '        telepon: ["021-7207341", "021-7207342"]\n        sumber: contoh\n', "")
        data.replace("offices.yaml", "      - peran: Telepon kantor kecamatan\n", "")
        data.replace("offices.yaml", "    nama: Kebayoran Baru\n    kontak:\n", "    nama: Kebayoran Baru\n    kontak: []\n")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert out == head(data) + (
            "## Kontak\n"
            "\n"
            "### Kecamatan Kebayoran Baru (31.74.07)\n"
            "\n"
            "- Kontak dihapus: Telepon kantor kecamatan, telepon (021) 7207341, (021) 7207342, sumber contoh (2015)\n"
            "\n"
            "### Kelurahan Kramat Pela (31.74.07.1003)\n"
            "\n"
            "- Kontak baru: Lurah (Bapak Contoh), WhatsApp 0812-9999-0000, diverifikasi 24 November 2026\n"
        )


class TestClosures:
    def test_new_closure(self, data, capsys):
        (data.folder / "offices.yaml").write_text(data.text("offices.yaml") + (
            "  - id: kramat-pela-kk\n"
            "    judul: Loket KK Kelurahan Kramat Pela ditutup\n"
            "    tingkat: kelurahan\n"
            '    wilayah: "31.74.07.1003"\n'
            "    mulai: 2020-06-01\n"
            "    selesai: 2020-06-03\n"
            "    layanan: [kartu-keluarga]\n"
            "    referensi: Pengumuman Lurah Kramat Pela No. 12/2020\n"
            "    alternatif: Ajukan secara daring.\n"
        ), encoding="utf-8")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert code == 0
        assert out == head(data) + (
            "## Penutupan\n"
            "\n"
            "- Baru: **Loket KK Kelurahan Kramat Pela ditutup** (`kramat-pela-kk`): Kelurahan Kramat Pela, "
            "Senin, 1 Juni 2020 sampai Rabu, 3 Juni 2020; layanan: Kartu Keluarga (KK); "
            "referensi: Pengumuman Lurah Kramat Pela No. 12/2020\n"
        )

    def test_closure_extended_narrowed_and_removed(self, data, capsys):
        data.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-04-06")
        data.replace("offices.yaml", "    alternatif: Ajukan secara daring.\n  - id: gunung-ktp",
                     "    layanan: [ktp-el]\n    alternatif: Ajukan secara daring.\n  - id: gunung-ktp")
        text = data.text("offices.yaml")
        (data.folder / "offices.yaml").write_text(text[: text.index("  - id: gunung-ktp")], encoding="utf-8")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert out == head(data) + (
            "## Penutupan\n"
            "\n"
            "- Diubah: **Loket Jakarta Selatan ditutup** (`jaksel`): selesai Kamis, 2 April 2020 → Senin, 6 April 2020; "
            "layanan semua layanan tatap muka → KTP Elektronik (KTP-el)\n"
            "- Dihapus: **Loket KTP Kelurahan Gunung ditutup** (`gunung-ktp`): Kelurahan Gunung, "
            "Senin, 4 Mei 2020 sampai Selasa, 5 Mei 2020; layanan: KTP Elektronik (KTP-el)\n"
        )

    def test_whole_province(self, data, capsys):
        data.replace("offices.yaml", "mulai: 2020-03-17", "mulai: 2020-03-16")
        code, out = summary(capsys, str(data.folder), str(MINI))
        assert "(`provinsi`): mulai Senin, 16 Maret 2020 → Selasa, 17 Maret 2020\n" in out


class TestServicesAndOffices:
    def test_requirements_and_steps(self, data, capsys):
        data.replace("services.yaml", "      - dokumen: Kartu Keluarga (KK)\n",
                     "      - dokumen: Kartu Keluarga (KK)\n      - dokumen: Pas foto\n        kondisi: jika diminta\n")
        data.replace("services.yaml", "        kondisi: jika KTP-el hilang\n", "        kondisi: jika KTP-el hilang atau rusak\n")
        data.replace("services.yaml", "      - Buka situs Alpukat.\n      - Unggah dokumen.\n",
                     "      - Unggah dokumen.\n      - Buka situs Alpukat.\n")
        data.replace("services.yaml", "      - Buka situs Alpukat.\n    kanal: [alpukat-situs]",
                     "      - Buka situs Alpukat.\n      - Tunggu pesan petugas.\n    kanal: [alpukat-situs]")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert out == head(data) + (
            "## Layanan\n"
            "\n"
            "### KTP Elektronik (KTP-el) (`ktp-el`)\n"
            "\n"
            "- Persyaratan ditambah: Pas foto (jika diminta)\n"
            "- Persyaratan ditambah: Surat keterangan kehilangan dari kepolisian (jika KTP-el hilang atau rusak)\n"
            "- Persyaratan dihapus: Surat keterangan kehilangan dari kepolisian (jika KTP-el hilang)\n"
            "- Urutan langkah diubah.\n"
            "\n"
            "### Kartu Keluarga (KK) (`kartu-keluarga`)\n"
            "\n"
            "- Langkah ditambah: Tunggu pesan petugas.\n"
        )

    def test_office_added_and_other_fields(self, data, capsys):
        data.replace("offices.yaml", "penutupan:\n", (
            '  - kode: "31.74.07.1004"\n    nama: Kebayoran Lama\n    kode_pos: "12240"\n    kontak: []\npenutupan:\n'))
        data.replace("offices.yaml", "alamat: Jl. Bujana Dalam No. 7", "alamat: Jl. Bujana Dalam No. 9")
        data.replace("services.yaml", "    biaya: Gratis\n    waktu_proses", "    biaya: Gratis, tanpa pungutan\n    waktu_proses")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert out == head(data) + (
            "## Kantor\n"
            "\n"
            "- Kantor baru: Kelurahan Kebayoran Lama (31.74.07.1004)\n"
            "\n"
            "## Perubahan lain\n"
            "\n"
            '- Kelurahan Gunung: alamat "Jl. Bujana Dalam No. 7" → "Jl. Bujana Dalam No. 9"\n'
            '- Layanan Kartu Keluarga (KK): biaya "Gratis" → "Gratis, tanpa pungutan"\n'
        )


class TestNoDataChange:
    def test_reordered_reformatted_and_commented(self, data, capsys):
        text = data.text("offices.yaml")
        gunung = text[text.index('  - kode: "31.74.07.1002"'): text.index('  - kode: "31.74.07.1003"')]
        kramat = text[text.index('  - kode: "31.74.07.1003"'): text.index("penutupan:")]
        text = text.replace(gunung + kramat, kramat + gunung)  # records in another order
        text = text.replace('    kode_pos: "12120"\n    alamat: Jl. Bujana Dalam No. 7\n',
                            '    alamat: "Jl. Bujana Dalam No. 7"   # checked\n    kode_pos: \'12120\'\n')  # keys, quotes, comment
        text = text.replace('telepon: "021-7245537"', "telepon: [021-7245537]")  # a list of one, same number
        text = text.replace('whatsapp: "0812-3456-7890"', 'whatsapp: "+62 812 3456 7890"')  # same number, written otherwise
        (data.folder / "offices.yaml").write_text("# Diperbarui oleh staf.\n" + text, encoding="utf-8")
        data.replace("services.yaml", "    alias: [KTP, e-KTP]", "    alias:\n      - e-KTP\n      - KTP")
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert (code, out) == (0, head(data) + "Tidak ada perubahan data.\n")


class TestInvalidSide:
    def test_says_which_side_and_fails(self, data, capsys):
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        code, out = summary(capsys, str(MINI), str(data.folder))
        assert code == 1
        assert out == head(data) + (
            f"Data di `{data.folder}` belum valid, jadi perubahannya belum bisa diringkas. "
            "Perbaiki dulu masalah berikut (`make check` menunjukkan yang sama):\n"
            "\n"
            "```text\n"
            f'offices.yaml:{data.line("offices.yaml", "021-8400123")}:19: kelurahan[31.74.07.1002].kontak[0].whatsapp: expected a mobile number, got "021-8400123" (a landline)\n'
            "```\n"
        )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
class TestGitRefs:
    @pytest.fixture
    def repo(self, data):
        def git(*args):
            subprocess.run(["git", "-c", "user.name=Staf", "-c", "user.email=staf@example.org", *args],
                           cwd=data.folder, check=True, capture_output=True)

        git("init", "-q")
        git("add", "services.yaml", "offices.yaml")
        git("commit", "-q", "-m", "data")
        data.git = git
        return data

    def test_working_tree_against_a_ref(self, repo, capsys):
        repo.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-04-03")
        code, out = summary(capsys, "HEAD", "--data", str(repo.folder))
        assert code == 0
        assert out == (
            "# Perubahan data: `HEAD` → berkas kerja\n\n## Penutupan\n\n"
            "- Diubah: **Loket Jakarta Selatan ditutup** (`jaksel`): selesai Kamis, 2 April 2020 → Jumat, 3 April 2020\n"
        )

    def test_two_refs(self, repo, capsys):
        repo.replace("services.yaml", "    biaya: Gratis\n    waktu_proses", "    biaya: Gratis sekali\n    waktu_proses")
        repo.git("commit", "-q", "-am", "biaya")
        code, out = summary(capsys, "HEAD~1", "HEAD", "--data", str(repo.folder))
        assert out == (
            "# Perubahan data: `HEAD~1` → `HEAD`\n\n## Perubahan lain\n\n"
            '- Layanan Kartu Keluarga (KK): biaya "Gratis" → "Gratis sekali"\n'
        )
        assert summary(capsys, "HEAD", "HEAD", "--data", str(repo.folder))[1].endswith("\n\nTidak ada perubahan data.\n")

    def test_unknown_ref(self, repo, capsys):
        assert main(["diff", "no-such-branch", "--data", str(repo.folder)]) == 2
        assert capsys.readouterr().err.startswith("error: cannot read services.yaml at no-such-branch: fatal: ")
