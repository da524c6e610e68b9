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
        assert 'data-status="buka"' in html
        assert "BUKA" not in text

    def test_no_page_or_notice_says_open(self, open_site):
        for page in resident_pages(open_site):
            assert "BUKA" not in read(page.read_text(encoding="utf-8")).text, page

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
        assert "Dasar: Pernyataan Kasudin Dukcapil Jakarta Selatan Abdul Haris kepada ANTARA, 22 Maret 2020" in text


class TestTodaysChannels:
    """Issue 16, point 3: the Dinas's channels named by news reports, each with who named it and when,
    and the nearest WhatsApp known on the pages of offices whose officers have none."""

    NAMED = [  # number as printed, who named it and when, the report's title
        ("WhatsApp: 0813-1888-2047", "disebut RMOL pada 2 Juni 2024", "Banyak Penghuni Apartemen Dipersulit PPPSRS Urus NIK"),
        ("Telegram: 0859-6055-7875", "disebut RMOL pada 2 Juni 2024", "Banyak Penghuni Apartemen Dipersulit PPPSRS Urus NIK"),
        ("Telegram: 0896-8787-6565", "disebut RMOL pada 2 Juni 2024", "Banyak Penghuni Apartemen Dipersulit PPPSRS Urus NIK"),
        ("Telegram: 0859-2551-2724", "disebut RMOL pada 2 Juni 2024", "Banyak Penghuni Apartemen Dipersulit PPPSRS Urus NIK"),
        ("WhatsApp: 0812-8527-7751", "disebut Kompas.com pada 12 Mei 2023",
         "NIK Warga DKI yang Sekolah atau Kerja di Luar Jakarta Tidak Akan Dinonaktifkan"),
        ("WhatsApp: 0812-2225-0781", "disebut Liputan6 pada September 2021",
         "Respons Pemprov DKI Usai Kemendagri Temukan Syarat Tambahan Urus Dokumen Kependudukan"),
    ]

    def test_every_contact_named_by_a_report_says_who_named_it_when_and_that_it_may_have_changed(self, guide):
        reported = [c for c in guide.dinas.kontak if c.disebut]
        assert len(reported) == len(self.NAMED)
        assert all(c.reported and not c.sumber and not c.diverifikasi for c in reported)

    @pytest.mark.parametrize("number, named, title", NAMED)
    def test_dinas_page(self, closed_site, number, named, title):
        text = read(closed_site.html("dinas/")).text
        assert (f'{number} Sumber: {named}, dalam "{title}". '
                "Belum dipastikan masih aktif; nomor mungkin sudah berubah sejak itu.") in text
        sources = text.split("Sumber data")[-2].split("Sumber ")[-1]  # the page's closing "Sumber" list
        assert title in sources

    def test_no_page_calls_them_the_officers_numbers(self, guide, closed_site):
        assert not guide.whatsapp_known  # numbers named by reports are the Dinas's lines, not officers'
        text = read(closed_site.html("layanan/ktp-el/")).text
        assert "Nomor WhatsApp petugas belum tersedia di panduan ini." in text

    def test_kelurahan_page_names_the_nearest_whatsapp_and_whose_it_is(self, guide, closed_site):
        pekayon = guide.office("31.75.05.1005")
        lead = pekayon.nearest_whatsapp
        assert lead.office is guide.dinas and lead.contact.whatsapp == "+6281318882047"
        html = closed_site.html("kelurahan/pekayon/")
        assert ("Nomor WhatsApp petugas Kantor Kelurahan Pekayon belum diketahui. WhatsApp terdekat yang diketahui: "
                "Dinas Kependudukan dan Pencatatan Sipil Provinsi DKI Jakarta (WhatsApp pengaduan Dinas Dukcapil), "
                "0813-1888-2047, disebut RMOL pada 2 Juni 2024; belum dipastikan masih aktif, mungkin sudah berubah."
                ) in read(html).text
        assert ('href="https://wa.me/6281318882047?text=Permisi%2C%20Bapak/Ibu%20petugas%20Dinas%20Kependudukan%20dan'
                '%20Pencatatan%20Sipil%20Provinsi%20DKI%20Jakarta.%20Saya%20warga%20Kelurahan%20Pekayon%20ingin') in html
        assert 'href="../../dinas/"' in html

    def test_every_office_without_whatsapp_points_to_the_dinas(self, guide):
        for office in guide.offices:
            lead = office.nearest_whatsapp
            if office is guide.dinas:
                assert lead is None
            else:
                assert lead.office is guide.dinas, office
                assert "RMOL" in lead.contact.named

    def test_notice_names_the_nearest_whatsapp(self, closed_site):
        text = read((closed_site.root / "pengumuman/kelurahan/pekayon.html").read_text(encoding="utf-8")).text
        assert ("WhatsApp terdekat yang diketahui: Dinas Kependudukan dan Pencatatan Sipil Provinsi DKI Jakarta, "
                "0813-1888-2047, disebut RMOL pada 2 Juni 2024; mungkin sudah berubah.") in text

    def test_dinas_notice_says_who_named_each_number(self, closed_site):
        text = read((closed_site.root / "pengumuman/dinas.html").read_text(encoding="utf-8")).text
        assert ("0813-1888-2047 (WhatsApp pengaduan Dinas Dukcapil, disebut RMOL pada 2 Juni 2024; mungkin sudah berubah), "
                "0812-8527-7751 (WhatsApp layanan Disdukcapil DKI, disebut Kompas.com pada 12 Mei 2023; mungkin sudah berubah), "
                "0812-2225-0781 (WhatsApp pengaduan Dinas Dukcapil, disebut Liputan6 pada September 2021; "
                "mungkin sudah berubah)") in text

    def test_halo_dukcapil_is_the_ministrys_national_channel(self, guide, closed_site):
        halo = next(c for c in guide.channels if c.id == "halo-dukcapil")
        assert halo.penyelenggara == "Kementerian Dalam Negeri (layanan nasional)"
        text = read(closed_site.html("kanal/halo-dukcapil/")).text
        assert ("Layanan nasional Kementerian Dalam Negeri, bukan layanan Dinas Dukcapil Provinsi DKI Jakarta. Tempo "
                "(13 Juni 2020) menyebut nomor teleponnya 1500537, untuk aktivasi NIK saat PPDB; belum dipastikan masih "
                "aktif, nomor mungkin sudah berubah sejak itu.") in text
        assert 'lewat "telepon Layanan Halo Dukcapil Kementerian Dalam Negeri di 1500537".' in text
        assert "Tempo, Sabtu, 13 Juni 2020" in text
        assert "Antisipasi Antrean PPDB DKI, Pemkot Jakut Siapkan Loket" in text.split("Sumber data")[-2].split("Sumber ")[-1]

    def test_office_pages_list_only_the_provinces_channels(self, guide, closed_site):
        assert [c.id for c in guide.office_channels] == ["alpukat-aplikasi", "alpukat-situs", "whatsapp-petugas",
                                                         "telepon-petugas"]
        for page in ("kelurahan/pekayon/", "kecamatan/pasar-rebo/", "kota/jakarta-timur/", "dinas/"):
            assert "Halo Dukcapil" not in read(closed_site.html(page)).text, page
