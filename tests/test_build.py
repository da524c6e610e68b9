"""build.py end to end: the real data built into a site, checked in the HTML on disk."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import BuildError, build_site
from generator.problems import DataError
from generator.urls import slug

from conftest import MINI, REPO

KELURAHAN = list(csv.DictReader(open(REPO / "data" / "sumber" / "jakarta_kelurahan.csv", encoding="utf-8")))
JAKSEL_KELURAHAN = "kelurahan/gunung/"  # 31.74.07.1002, Kebayoran Baru, Jakarta Selatan


def remote_loads(html: str) -> list[str]:
    """Tags that make the browser fetch from another host (links to follow do not count)."""
    tags = re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html)
    loads = [t for t in tags if not re.search(r'rel="(canonical|alternate)"', t)]
    assert len(loads) > 2, "expected the page to load its own scripts and styles"
    return [t for t in loads if re.search(r'(?:src|href)="(?:https?:)?//', t)]


def status(html: str) -> list[str]:
    return re.findall(r'data-status="(\w+)"', html)


class TestAllPages:
    def test_every_office_has_a_page(self, closed_site):
        pages = {p.parent.relative_to(closed_site.root).as_posix() for p in closed_site.root.glob("*/*/index.html")}
        kota = {r["nama_kabkota"].replace("Kota Administrasi ", "").replace("Kabupaten Administrasi ", "") for r in KELURAHAN}
        kecamatan = {r["nama_kecamatan"] for r in KELURAHAN}
        expected = ({f"kota/{slug(n)}" for n in kota} | {f"kecamatan/{slug(n)}" for n in kecamatan}
                    | {f"kelurahan/{slug(r['nama'])}" for r in KELURAHAN})
        assert (len(kota), len(kecamatan), len(KELURAHAN)) == (6, 44, 267)
        assert expected <= pages
        assert len([p for p in pages if p.split("/")[0] in ("kota", "kecamatan", "kelurahan")]) == 6 + 44 + 267
        assert (closed_site.root / "dinas" / "index.html").exists()

    def test_every_service_has_a_page(self, closed_site):
        import yaml

        ids = [s["id"] for s in yaml.safe_load((REPO / "services.yaml").read_text())["layanan"]]
        assert len(ids) >= 18
        for service_id in ids:
            assert "Persyaratan" in closed_site.html(f"layanan/{service_id}/")


class TestStatusOnADate:
    def test_jakarta_selatan_kelurahan_is_closed_during_both_closures(self, closed_site):
        html = closed_site.html(JAKSEL_KELURAHAN)
        assert status(html) == ["tutup"]
        assert "sampai dengan Kamis, 2 April 2020" in html
        assert "Surat Edaran Gubernur DKI Jakarta No. 02/SE/2020" in html
        assert "Semua loket Dukcapil Jakarta Selatan ditutup" in html
        assert "Selasa, 17 Maret 2020 sampai dengan Selasa, 31 Maret 2020" in html
        assert "Senin, 23 Maret 2020 sampai dengan Kamis, 2 April 2020" in html

    def test_the_same_kelurahan_is_open_after_them(self, open_site):
        html = open_site.html(JAKSEL_KELURAHAN)
        assert status(html) == ["buka"]
        assert "Tidak ada penutupan loket yang tercatat untuk Kantor Kelurahan Gunung pada Jumat, 10 April 2020." in html
        past = html[html.index('id="sudah-lewat"'):]
        assert "Semua loket Dukcapil Jakarta Selatan ditutup" in past and "2 April 2020" in past

    def test_other_kota_reopen_after_the_province_closure(self, closed_site):
        html = closed_site.html("kelurahan/gambir/")
        assert status(html) == ["tutup"]
        assert "sampai dengan Selasa, 31 Maret 2020" in html
        assert "Jakarta Selatan ditutup" not in html.split('id="sudah-lewat"')[0].split('id="akan-datang"')[0]


class TestContent:
    def test_kelurahan_page_shows_contacts_and_links_up(self, closed_site):
        html = closed_site.html(JAKSEL_KELURAHAN)
        assert '<a href="tel:+62217245537">(021) 7245537</a>' in html
        assert "WhatsApp: belum tersedia" in html
        assert "12120" in html
        assert 'href="../../kecamatan/kebayoran-baru/"' in html
        assert 'href="../../kota/jakarta-selatan/"' in html
        assert 'href="../../layanan/"' in html

    def test_doubtful_number_is_flagged(self, closed_site):
        html = closed_site.html("kelurahan/rawa-bunga/")
        assert "Nomor ini diragukan" in html
        assert "sama persis dengan Kelurahan Rawa Buaya (Cengkareng)" in html

    def test_home_page(self, closed_site):
        html = closed_site.html("")
        assert status(html) == ["tutup"]
        assert "loket tatap muka Dukcapil tutup di seluruh DKI Jakarta sampai dengan Selasa, 31 Maret 2020" in html
        assert "alpukat-dukcapil.jakarta.go.id" in html
        for kota in ("jakarta-pusat", "jakarta-utara", "jakarta-barat", "jakarta-selatan", "jakarta-timur", "kepulauan-seribu"):
            assert f'href="kota/{kota}/"' in html
        assert 'href="layanan/ktp-el/"' in html

    def test_closures_page(self, closed_site):
        html = closed_site.html("penutupan/")
        assert html.count('class="penutupan"') == 2

    def test_indonesian(self, closed_site):
        assert '<html lang="id"' in closed_site.html("")


class TestLightPages:
    def test_navigation_does_not_list_offices(self, closed_site):
        html = closed_site.html(JAKSEL_KELURAHAN)
        assert len(re.findall(r'href="[^"]*kelurahan/', html)) < 5

    def test_page_size_does_not_grow_with_offices(self, closed_site):
        sizes = [len(closed_site.html(p)) for p in ("kelurahan/gunung/", "kelurahan/gambir/", "layanan/ktp-el/")]
        assert max(sizes) < 60_000

    def test_nothing_loaded_from_third_party_hosts(self, closed_site):
        for page in ("", JAKSEL_KELURAHAN, "layanan/ktp-el/"):
            html = closed_site.html(page)
            assert remote_loads(html) == []
            assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


class TestFailedBuild:
    def test_bad_data_leaves_the_previous_site(self, tmp_path, mini_pdf_site):
        out = tmp_path / "site"
        shutil.copytree(mini_pdf_site.root, out)  # a site built with the batch PDFs
        before = sorted(p.relative_to(out) for p in out.rglob("*"))
        marker = (out / "index.html").read_text()
        bad = tmp_path / "bad"
        bad.mkdir()
        (bad / "services.yaml").write_text((MINI / "services.yaml").read_text().replace("biaya: Gratis\n    hasil: KTP-el", "biaya:\n    hasil: KTP-el"))
        (bad / "offices.yaml").write_text((MINI / "offices.yaml").read_text())
        with pytest.raises(DataError):
            build_site(bad, dt.date(2021, 1, 1), out)
        assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
        assert (out / "index.html").read_text() == marker
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    def test_a_hand_written_page_is_never_overwritten(self, tmp_path):
        config = tmp_path / "mkdocs.yml"
        config.write_text((REPO / "mkdocs.yml").read_text().replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}"))
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "index.md").write_text("# Tulisan tangan\n")
        with pytest.raises(BuildError, match="docs/index.md is written by hand, but the generator also makes this page"):
            build_site(MINI, dt.date(2020, 3, 25), tmp_path / "site", config_file=config)
        assert not (tmp_path / "site").exists()


class TestCommandLine:
    def run(self, *args):
        return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=REPO)

    def test_validate_clean(self):
        result = self.run("validate")
        assert result.returncode == 0
        assert result.stdout.startswith("OK: services.yaml and offices.yaml are valid (")

    def test_validate_reports_problems_and_fails(self, data):
        data.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-03-22")
        data.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "021-8400123"')
        result = self.run("validate", "--data", str(data.folder))
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        whatsapp = data.line("offices.yaml", 'whatsapp: "021-8400123"')
        assert lines[0].startswith(f"offices.yaml:{whatsapp}:19: kelurahan[31.74.07.1002].kontak[0].whatsapp: expected a mobile number")
        assert lines[1].startswith("offices.yaml:") and "penutupan[jaksel].selesai" in lines[1]
        assert lines[2] == "2 problems in 1 file; nothing was built."

    def test_build_with_date_and_out(self, tmp_path):
        result = self.run("build", "--data", str(MINI), "--date", "2020-03-25", "--out", str(tmp_path / "out"))
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"Built 14 pages as of 2020-03-25 into {tmp_path / 'out'}.\n"
        assert status((tmp_path / "out" / "kelurahan" / "gunung" / "index.html").read_text()) == ["tutup"]

    def test_build_rejects_a_bad_date(self, tmp_path):
        result = self.run("build", "--date", "2020-02-30", "--out", str(tmp_path / "out"))
        assert result.returncode == 2
        assert "expected a date as YYYY-MM-DD, got '2020-02-30'" in result.stderr


class TestMkDocsHook:
    def test_mkdocs_build_strict_from_the_repo_root(self, tmp_path):
        mkdocs = Path(sys.executable).parent / "mkdocs"
        result = subprocess.run(
            [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
            capture_output=True, text=True, cwd=REPO, env={"PANDUAN_DATE": "2020-03-25", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
        html = (tmp_path / "site" / "kelurahan" / "gunung" / "index.html").read_text()
        assert status(html) == ["tutup"]
        assert not (REPO / "docs" / "kelurahan").exists()


class TestZensical:
    """Material's successor reads the same mkdocs.yml and overrides/, and runs no hooks."""

    def test_zensical_builds_the_same_pages(self, mini_zensical_site):
        out = mini_zensical_site.root
        html = (out / "kelurahan" / "gunung" / "index.html").read_text()
        assert status(html) == ["tutup"]
        assert "sampai dengan Kamis, 2 April 2020" in html
        assert '<a href="tel:+62217245537">(021) 7245537</a>' in html
        assert "Status loket per <span data-status-day>Rabu, 25 Maret 2020</span>." in html
        assert remote_loads(html) == []


def test_mkdocs_serve_watches_the_data_files():
    from types import SimpleNamespace

    from generator import mkdocs_hook

    watched = []
    server = SimpleNamespace(watch=watched.append)
    mkdocs_hook.on_serve(server, SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml")), None)
    assert watched == [str(REPO / "services.yaml"), str(REPO / "offices.yaml")]


class TestEditLinks:
    def test_generated_pages_edit_their_yaml_and_nothing_asks_github(self, tmp_path):
        out = tmp_path / "site"
        build_site(MINI, dt.date(2020, 3, 25), out, repo_url="https://github.com/contoh/panduan/", pdf=False)
        kelurahan = (out / "kelurahan" / "gunung" / "index.html").read_text()
        line = next(n for n, row in enumerate((MINI / "offices.yaml").read_text().splitlines(), 1) if "nama: Gunung" in row) - 1
        assert '<a href="https://github.com/contoh/panduan/edit/main/offices.yaml" title="Ubah data di offices.yaml"' in kelurahan
        assert f'<a href="https://github.com/contoh/panduan/blob/main/offices.yaml#L{line}" title="Lihat offices.yaml baris {line}"' in kelurahan
        service = (out / "layanan" / "ktp-el" / "index.html").read_text()
        assert '<a href="https://github.com/contoh/panduan/edit/main/services.yaml"' in service
        about = (out / "tentang" / "index.html").read_text()
        assert '<a href="https://github.com/contoh/panduan/edit/main/docs/tentang.md"' in about
        for html in (kelurahan, service, about):
            assert 'data-md-component="source"' not in html  # Material's widget would call api.github.com

    def test_no_edit_links_without_a_repository(self, closed_site):
        assert 'rel="edit"' not in closed_site.html("kelurahan/gunung/")
