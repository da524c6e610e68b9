"""notices.py: A4 notices for Satpol PP patrols, one page per office, and batch PDFs."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from generator import notices
from generator.model import load_guide

from conftest import MINI, MINI_SITE_URL, REPO

SITE_URL = "https://guide.test/panduan/"


@pytest.fixture(scope="module")
def guide():
    return load_guide(REPO)


@pytest.fixture(scope="module")
def jakarta_timur(tmp_path_factory) -> Path:
    """The Jakarta Timur batch, as a patrol would print it on 25 March 2020."""
    out = tmp_path_factory.mktemp("notices") / "jakarta-timur.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "notices", "--kota", "Jakarta Timur", "--date", "2020-03-25",
         "--site-url", SITE_URL, "--out", str(out)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote 65 notices for Kota Administrasi Jakarta Timur as of 2020-03-25 to {out}.\n"
    return out


def pdf_pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def page_png(pdf: Path, page: int, folder: Path, dpi: int = 150) -> Path:
    prefix = folder / f"page{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(prefix)], check=True)
    return prefix.with_suffix(".png")


class TestBatchPdf:
    def test_one_page_per_kelurahan_in_code_order(self, jakarta_timur, guide):
        kelurahan = [k for k in guide.kelurahan if k.kode.startswith("31.75.")]
        pages = pdf_pages_text(jakarta_timur)
        assert len(kelurahan) == len(pages) == 65
        for office, text in zip(kelurahan, pages):
            assert f"Kantor Kelurahan {office.nama} " in text, office.nama
            assert "PENGUMUMAN" in text
            assert "LOKET TATAP MUKA TUTUP" in text
            assert "Selasa, 17 Maret 2020 sampai dengan Selasa, 31 Maret 2020" in text
            assert "Dasar: Surat Edaran Gubernur DKI Jakarta No. 02/SE/2020" in text
            assert "alpukat-dukcapil.jakarta.go.id" in text
            assert "Dicetak untuk tanggal Rabu, 25 Maret 2020" in text

    def test_each_page_shows_its_contacts_or_the_office_above(self, jakarta_timur, guide):
        pages = dict(zip([k.kode for k in guide.kelurahan if k.kode.startswith("31.75.")], pdf_pages_text(jakarta_timur)))
        assert "Telepon: (021) 8505372 (data 2015)" in pages["31.75.01.1001"]  # Pisangan Baru
        assert "WhatsApp: belum tersedia" in pages["31.75.01.1001"]
        # Duren Sawit has no number in the source: the kecamatan's is printed instead.
        duren_sawit = pages["31.75.07.1001"]
        assert "Telepon Kantor Kecamatan Duren Sawit:" in duren_sawit
        assert "Nomor Kantor Kelurahan Duren Sawit belum tersedia." in duren_sawit
        # Rawa Bunga's 2015 number is a copy of another office's: it is not printed.
        rawa_bunga = pages["31.75.03.1004"]
        assert "(021) 6193203" not in rawa_bunga
        assert "Nomor Kantor Kelurahan Rawa Bunga diragukan, jadi tidak dicetak." in rawa_bunga

    def test_qr_code_leads_to_the_office_page(self, jakarta_timur, tmp_path):
        png = page_png(jakarta_timur, 1, tmp_path)
        decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True)
        assert decoded.stdout.strip() == SITE_URL + "kelurahan/pisangan-baru/"
        assert SITE_URL + "kelurahan/pisangan-baru/" in pdf_pages_text(jakarta_timur)[0]

    def test_page_is_a4_not_blank_and_nothing_runs_off(self, jakarta_timur, tmp_path):
        image = Image.open(page_png(jakarta_timur, 1, tmp_path, dpi=100)).convert("L")
        width, height = image.size
        assert (width, height) == (827, 1170)  # A4 at 100 dpi
        ink = image.point(lambda v: 255 if v < 128 else 0)
        assert ink.getbbox() is not None
        left, top, right, bottom = ink.getbbox()
        margin = round(10 / 25.4 * 100)  # 10 mm: the page's margin is 12-14 mm
        assert left >= margin and top >= margin and right <= width - margin and bottom <= height - margin
        assert sum(ink.histogram()[255:]) > width * height * 0.03  # real content, not a stray line

    def test_unknown_area_lists_the_choices(self, tmp_path):
        result = subprocess.run(
            [sys.executable, "-m", "generator", "notices", "--kecamatan", "Pasar Rebox", "--out", str(tmp_path / "x.pdf")],
            capture_output=True, text=True, cwd=REPO,
        )
        assert result.returncode == 2
        assert "error: expected a kecamatan name or code, got 'Pasar Rebox': choose one of Kepulauan Seribu Utara," in result.stderr
        assert not (tmp_path / "x.pdf").exists()


class TestNotice:
    def test_open_on_a_day_without_closure(self):
        guide = load_guide(MINI)
        html = notices.render_notices(guide, dt.date(2021, 1, 4), SITE_URL, dt.date(2021, 1, 1))[guide.office("31.74.07.1003")]
        assert 'data-status="buka"' in html
        assert "TIDAK ADA PENUTUPAN LOKET YANG TERCATAT" in html
        assert "Tidak ada penutupan loket yang tercatat untuk kantor ini pada tanggal ini." in html
        assert "Kanal daring yang disebut sumber" in html
        assert "Dicetak untuk tanggal Senin, 4 Januari 2021 · Data diperbarui Jumat, 1 Januari 2021" in html

    def test_open_notice_announces_an_upcoming_closure(self):
        guide = load_guide(MINI)
        html = notices.render_notices(guide, dt.date(2020, 4, 20), SITE_URL, dt.date(2021, 1, 1))[guide.office("31.74.07.1002")]
        assert "Akan tutup 4 Mei 2020 – 5 Mei 2020. Dasar: belum tersedia." in html

    def test_closed_notice_prints_whatsapp_and_phone(self):
        guide = load_guide(MINI)
        html = notices.render_notices(guide, dt.date(2020, 5, 4), SITE_URL, dt.date(2021, 1, 1))[guide.office("31.74.07.1002")]
        assert "Senin, 4 Mei 2020<br>sampai dengan Selasa, 5 Mei 2020" in html
        assert "layanan KTP Elektronik (KTP-el). Dasar: belum tersedia." in html
        assert '<span class="nomor">0812-3456-7890</span> (Ibu Contoh)' in html

    @pytest.mark.parametrize("code, url", [
        ("31", SITE_URL + "dinas/"),
        ("31.74", SITE_URL + "kota/jakarta-selatan/"),
        ("31.74.07", SITE_URL + "kecamatan/kebayoran-baru/"),
        ("31.74.07.1002", SITE_URL + "kelurahan/gunung/"),
    ])
    def test_page_url(self, code, url):
        assert notices.page_url(SITE_URL, load_guide(MINI).office(code)) == url

    @pytest.mark.parametrize("level, name", [("kota", "31.75"), ("kota", "jakarta timur"),
                                             ("kota", "Kota Administrasi Jakarta Timur"), ("kecamatan", "Pasar Rebo")])
    def test_find_area(self, guide, level, name):
        assert notices.find_area(guide, level, name).level == level


class TestInTheSite:
    def test_site_has_notices_and_batch_pdfs_linked_from_the_pages(self, mini_pdf_site):
        out = mini_pdf_site.root  # built with the batch PDFs at MINI_SITE_URL
        for notice in ("dinas.html", "kota/jakarta-selatan.html", "kecamatan/kebayoran-baru.html", "kelurahan/gunung.html"):
            assert "PENGUMUMAN" in (out / "pengumuman" / notice).read_text()
        for pdf in ("kota/jakarta-selatan.pdf", "kecamatan/kebayoran-baru.pdf"):
            assert len(pdf_pages_text(out / "pengumuman" / pdf)) == 2
        kelurahan = (out / "kelurahan" / "gunung" / "index.html").read_text()
        assert '<a href="../../pengumuman/kelurahan/gunung.html">Cetak pengumuman untuk ditempel (A4)</a>' in kelurahan
        kota = (out / "kota" / "jakarta-selatan" / "index.html").read_text()
        assert '<a href="../../pengumuman/kota/jakarta-selatan.pdf">Cetak pengumuman semua kelurahan di Kota Administrasi Jakarta Selatan (PDF)</a>' in kota
        assert f'<link rel="canonical" href="{MINI_SITE_URL}kelurahan/gunung/">' in kelurahan


class TestBatches:
    """Each notice is laid out and drawn once; a kecamatan's PDF is a run of its kota's pages."""

    def test_each_kecamatan_is_a_run_of_its_kota_in_code_order(self, guide):
        kota = guide.office("31.75")
        whole, *parts = notices.kota_batches(guide, kota)
        assert whole == notices.Batch("pengumuman/kota/jakarta-timur.pdf",
                                      "Pengumuman kelurahan di Kota Administrasi Jakarta Timur", 0, 65)
        kelurahan = guide.kelurahan_in("31.75")
        assert [p.path for p in parts] == [k.batch_pdf for k in kota.children]
        assert [p.first for p in parts] == [0, *[p.end for p in parts[:-1]]] and parts[-1].end == 65
        for part, kecamatan in zip(parts, kota.children):
            assert kelurahan[part.first:part.end] == guide.kelurahan_in(kecamatan.kode)
            assert part.title == f"Pengumuman kelurahan di {kecamatan.title}"

    def test_the_kecamatan_pdf_has_the_kota_pdf_pages(self, tmp_path):
        guide = load_guide(MINI)
        html = notices.render_notices(guide, dt.date(2020, 3, 25), SITE_URL, dt.date(2021, 1, 1))
        for path, pdf in notices.batch_pdfs(guide, html, workers=1).items():
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(pdf)
        kota, kecamatan = tmp_path / "pengumuman/kota/jakarta-selatan.pdf", tmp_path / "pengumuman/kecamatan/kebayoran-baru.pdf"
        assert pdf_pages_text(kecamatan) == pdf_pages_text(kota)
        assert "Kantor Kelurahan Gunung" in pdf_pages_text(kota)[0]
        info = subprocess.run(["pdfinfo", str(kecamatan)], capture_output=True, text=True, check=True).stdout
        assert "Title:           Pengumuman kelurahan di Kecamatan Kebayoran Baru" in info
        assert "Pages:           2" in info

    def test_notices_laid_out_together_keep_their_own_pages(self):
        guide = load_guide(MINI)
        html = list(notices.render_notices(guide, dt.date(2020, 3, 25), SITE_URL, dt.date(2021, 1, 1)).values())
        long = html[1].replace("<footer>", "<p>baris</p>" * 120 + "<footer>")
        documents = notices._layout([html[0], long, html[2]])
        assert [len(d.pages) for d in documents][0::2] == [1, 1] and len(documents[1].pages) > 1
        assert ["lembar-0", "lembar-1", "lembar-2"] == [next(iter(d.pages[0].anchors)) for d in documents]
