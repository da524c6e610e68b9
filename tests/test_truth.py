"""Every sentence a resident reads is true, sourced, or marked "belum dipastikan" (issue 9), on the real data.

Each class is one point of the issue, checked on the pages built from the real
services.yaml and offices.yaml (during the closures, 25 March 2020, and after
them, 10 April 2020) and on the notices.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO
from generator.dates import long_date
from generator.model import load_guide


class Text(HTMLParser):
    """The text a resident reads, without scripts and styles, and the h2 headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.h2, self.skip, self.in_h2 = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.in_h2 = self.in_h2 or tag == "h2"
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
        self.in_h2 = self.in_h2 and tag != "h2"

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)
            if self.in_h2:
                self.h2[-1] += data


def read(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    parser.text = " ".join("".join(parser.parts).split())
    return parser


@pytest.fixture(scope="module")
def guide():
    return load_guide(REPO)


def resident_pages(site) -> list[Path]:
    """Every HTML page of the site, notices included."""
    return sorted(site.root.rglob("*.html"))


class TestWhatsAppWhereItIsLookedFor:
    """1. No text sends residents to WhatsApp numbers that the data does not have."""

    def test_no_page_says_the_numbers_are_on_the_office_pages(self, closed_site):
        for page in resident_pages(closed_site):
            text = read(page.read_text(encoding="utf-8")).text
            assert "nomornya ada di halaman kantor" not in text, page
            assert "Nomor WhatsApp dan telepon petugas ada di halaman kantor" not in text, page

    def test_service_pages_say_whatsapp_numbers_are_not_yet_known(self, guide, closed_site):
        assert not guide.whatsapp_known
        for service in guide.services:
            text = read(closed_site.html(f"layanan/{service.id}/")).text
            assert "Nomor WhatsApp petugas belum tersedia di panduan ini." in text

    def test_office_pages_say_so_and_give_the_numbers_above(self, closed_site):
        text = read(closed_site.html("kelurahan/gunung/")).text
        assert "WhatsApp: belum tersedia" in text
        assert "Jika tidak tersambung" in text
        for upper in ("Kantor Kecamatan Kebayoran Baru", "Suku Dinas", "Dinas Kependudukan"):
            assert upper in text


class TestHeadlineAfterClosures:
    """2. After a closure ends, the data only knows that no closure is recorded."""

    def test_office_page(self, open_site):
        html = open_site.html("kelurahan/gunung/")
        text = read(html).text
        assert ("Tidak ada penutupan loket yang tercatat untuk Kantor Kelurahan Gunung pada Jumat, 10 April 2020. "
                "Daftar penutupan terakhir diperiksa 26 November 2026.") in text
        assert 'data-status="tidak-tercatat"' in html
        assert "BUKA" not in text

    def test_no_page_or_notice_says_open(self, open_site):
        for page in resident_pages(open_site):
            assert "BUKA" not in read(page.read_text(encoding="utf-8")).text, page

    def test_no_office_is_called_open_without_its_source(self, open_site, closed_site):
        """Issue 16: the office lists said "buka", an internal code, 317 times; "buka" now comes only with a report."""
        for site in (open_site, closed_site):
            for page in resident_pages(site):
                text = read(page.read_text(encoding="utf-8")).text
                assert not re.search(r": (buka|tutup)( [A-Z]|$)", text), page  # the bare code of a list item
                html = page.read_text(encoding="utf-8")
                for item in re.findall(r'<span data-daftar="\d+">(.*?)</span>', html):
                    assert re.fullmatch(r"loket tatap muka tutup( untuk layanan .+)? sampai dengan .+"
                                        r"|loket tatap muka buka menurut .+, \d+ \w+ \d{4}|tidak ada penutupan loket yang tercatat",
                                        item), (page, item)
        pekayon = read(closed_site.html("kecamatan/pasar-rebo/")).text
        assert "Kelurahan Pekayon: loket tatap muka tutup sampai dengan Selasa, 31 Maret 2020; dasar: Surat Edaran" in pekayon

    def test_notice(self, open_site):
        text = read((open_site.root / "pengumuman/kelurahan/gunung.html").read_text(encoding="utf-8")).text
        assert "TIDAK ADA PENUTUPAN LOKET YANG TERCATAT" in text
        assert "Daftar penutupan terakhir diperiksa 26 November 2026." in text


UNSOURCED = [  # how Alpukat works: in no source (issue 9, point 3)
    "daftar akun", "masuk dengan akun", "pantau status", "jadwal pengambilan", "pilih tempat",
    "Ambil KTP-el di kantor kelurahan", "hanya untuk KTP-el hilang",
]


class TestNoGuessedProcedure:
    """3. How Alpukat works is stated only as "belum dipastikan"."""

    def test_steps_summaries_and_channels_state_no_mechanics(self, guide):
        stated = [c.keterangan for c in guide.channels]
        stated += [text for s in guide.services for text in (s.ringkasan, *s.langkah)]
        for text in stated:
            for phrase in UNSOURCED:
                assert phrase.lower() not in text.lower(), (phrase, text)

    def test_what_is_unknown_about_alpukat_is_marked(self, closed_site):
        text = read(closed_site.html("kanal/alpukat-aplikasi/")).text
        assert "Belum dipastikan" in text
        assert "Cara mendaftar akun dan masuk ke aplikasi." in text


class TestChannelPages:
    """4. Each channel has a page: what it is, what the sources say and who said it, what is unknown, which services."""

    @pytest.mark.parametrize("channel", ["alpukat-aplikasi", "alpukat-situs", "whatsapp-petugas", "telepon-petugas"])
    def test_page(self, guide, closed_site, channel):
        page = read(closed_site.html(f"kanal/{channel}/"))
        assert page.h2[:2] == ["Yang disebut sumber", "Belum dipastikan"]
        assert page.h2[-2:] == ["Layanan lewat kanal ini", "Sumber"]
        assert "ANTARA" in page.text
        record = next(c for c in guide.channels if c.id == channel)
        for service in guide.services_through(record):
            assert service.nama in page.text

    def test_who_said_it(self, closed_site):
        text = read(closed_site.html("kanal/whatsapp-petugas/")).text
        assert "Nunuk Widyastuti" in text and "Abdul Haris" in text

    def test_search_for_alpukat_lands_on_a_channel_page(self, closed_site):
        import json

        index = json.loads((closed_site.root / "search/search_index.json").read_text(encoding="utf-8"))
        tagged = {doc["location"] for doc in index["docs"] if "alpukat" in [t.lower() for t in doc.get("tags", [])]}
        assert {"kanal/alpukat-aplikasi/", "kanal/alpukat-situs/"} <= tagged


class TestAttributions:
    """5. Closures cite the report and the person; the service list is the Kasudin's, quoted exactly."""

    def test_closures_cite_the_report_and_the_person(self, closed_site):
        text = read(closed_site.html("penutupan/")).text
        assert "nomor surat belum tersedia" not in text
        assert ('ANTARA, Minggu, 22 Maret 2020: "Sudin Dukcapil Jaksel tutup sementara layanan tatap muka", '
                "mengutip Abdul Haris") in text
        assert 'ANTARA, Maret 2020: "Jaktim alihkan layanan tatap muka ke online hingga 31 Maret", mengutip Nunuk Widyastuti' in text

    def test_the_kasudin_list_is_quoted_exactly(self, guide, closed_site):
        text = read(closed_site.html("layanan/lahir-mati/")).text
        assert '"layanan lahir atau mati"' in text
        assert "Abdul Haris" in text
        for page in resident_pages(closed_site):
            words = read(page.read_text(encoding="utf-8")).text
            assert "lahir/mati" not in words, page
            assert "pengumuman Dukcapil Jakarta" not in words, page


class TestLegalStatements:
    """6. Legal statements quote the article they cite and match its words."""

    def test_who_reports_a_death(self, closed_site):
        text = read(closed_site.html("layanan/akta-kematian/")).text
        assert ("Pasal 44 ayat (1): \"Setiap kematian wajib dilaporkan oleh ketua rukun tetangga atau nama lainnya "
                "di domisili Penduduk kepada Instansi Pelaksana setempat paling lambat 30 (tiga puluh) hari sejak "
                "tanggal kematian.\"") in text
        assert "Keluarga wajib melaporkan" not in text

    def test_moving_threshold_is_the_definition_of_moving(self, closed_site):
        text = read(closed_site.html("layanan/pindah/")).text
        assert "Pasal 15 ayat (1) dan (2)" in text
        assert "untuk waktu lebih dari 1 (satu) tahun" in text

    def test_every_legal_basis_names_its_article_or_says_it_is_unconfirmed(self, guide, closed_site):
        for service in guide.services:
            text = read(closed_site.html(f"layanan/{service.id}/")).text
            for basis in service.dasar_hukum:
                expected = f"{basis.peraturan.judul}, {basis.pasal or 'pasal belum dipastikan'}"
                assert expected in text, (service.id, expected)

    def test_a_requirement_without_its_regulation_is_marked(self, guide, closed_site):
        ktp = next(s for s in guide.services if s.id == "ktp-el")
        text = read(closed_site.html("layanan/ktp-el/")).text
        assert "Kartu Keluarga (KK). Belum dipastikan." in text
        assert ("Surat pernyataan penyebab KTP-el rusak atau hilang (jika KTP-el rusak atau hilang). Dasar: "
                "Pasal 64 ayat (9)") in text
        assert any(r.dasar is None for r in ktp.persyaratan)


ENGLISH = ["Made with", "Material for MkDocs", "Back to top", "Search", "Initializing", "Copy to clipboard"]


class TestForResidents:
    """7. Resident-facing text is Indonesian and for residents."""

    def test_also_called_shows_only_names_residents_know(self, guide, closed_site):
        text = read(closed_site.html("layanan/ktp-el/")).text
        assert "Juga disebut: KTP, e-KTP, KTP elektronik, kartu tanda penduduk" in text
        for alias in ("ektp", "bikin ktp", "ktp hilang"):
            assert f", {alias}" not in text.split("Juga disebut:")[1].split(".")[0]

    @pytest.mark.parametrize("page", ["", "layanan/ktp-el/", "kelurahan/gunung/", "tentang/", "sumber/"])
    def test_no_theme_english_and_no_repository_paths(self, closed_site, page):
        text = read(closed_site.html(page)).text
        for words in ENGLISH:
            assert words not in text, words
        for path in ("data/sumber", "SOURCES.md", ".yaml"):
            assert path not in text.replace("services.yaml", "").replace("offices.yaml", "") or page == "tentang/"

    def test_a_hidden_number_is_not_printed(self, closed_site):
        text = read(closed_site.html("kelurahan/kelapa-gading-timur/")).text
        assert "kurang satu angka sehingga tidak ditampilkan" in text
        assert "452776" not in text

    def test_closed_pages_do_not_send_residents_to_the_counter(self, guide, closed_site):
        for office in guide.offices:
            if not office.is_closed_on(dt.date(2020, 3, 25)):
                continue
            path = office.page.removesuffix(".md").removesuffix("index") + ("/" if not office.page.endswith("index.md") else "")
            text = read(closed_site.html(path)).text
            assert "Selain datang ke loket" not in text, path
            assert "ambil di kelurahan" not in text.lower(), path


class TestDatesLabelled:
    """8. "Status per <day>" and "data ditinjau <day>" are different facts, labelled."""

    def test_office_status_is_labelled_with_its_day(self, closed_site):
        assert "Status per Rabu, 25 Maret 2020" in read(closed_site.html("kelurahan/gunung/")).text

    def test_service_review_date_is_labelled(self, guide, closed_site):
        ktp = next(s for s in guide.services if s.id == "ktp-el")
        text = read(closed_site.html("layanan/ktp-el/")).text
        assert f"Isi halaman ini ditinjau: {long_date(ktp.ditinjau)}." in text
        assert "Status per" not in text.split("Isi halaman ini ditinjau")[0].split("Dasar hukum")[1]


class TestSources:
    """Every service, channel and office page ends with "Sumber", listing the sources of its facts."""

    def test_every_service_and_office_page_ends_with_sources(self, guide, closed_site):
        pages = [f"layanan/{s.id}/" for s in guide.services] + [f"kanal/{c.id}/" for c in guide.channels]
        pages += ["kelurahan/gunung/", "kecamatan/kebayoran-baru/", "kota/jakarta-selatan/", "dinas/"]
        for page in pages:
            assert read(closed_site.html(page)).h2[-1] == "Sumber", page

    def test_an_office_page_names_its_data_sets_and_its_closures_reports(self, closed_site):
        text = read(closed_site.html("kelurahan/gunung/")).text.split("Sumber data")[-2]
        sources = text.split("Sumber ")[-1]
        assert "Kepmendagri No. 300.2.2-2430 Tahun 2025" in sources
        assert "Data Alamat Kantor Pelayanan Dukcapil Tahun 2015" in sources
        assert "Sudin Dukcapil Jaksel tutup sementara layanan tatap muka" in sources

    def test_the_sources_page_lists_every_source(self, guide, closed_site):
        text = read(closed_site.html("sumber/")).text
        for ref in guide.references:
            assert ref.judul in text
        for source in guide.sources:
            assert source.judul in text

    def test_notices_cite_their_basis(self, closed_site):
        text = read((closed_site.root / "pengumuman/kelurahan/gunung.html").read_text(encoding="utf-8")).text
        assert "; dasar: Pernyataan Kasudin Dukcapil Jakarta Selatan Abdul Haris kepada ANTARA, 22 Maret 2020" in text
