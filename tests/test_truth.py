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


# --- issue 16, point 2: nothing a resident reads claims more than its source -------------------------------------


def section(text: str, title: str, next_title: str) -> str:
    """The words of a page between two headings (the last `title`: the table of contents names it first)."""
    return text.rsplit(title, 1)[1].split(next_title, 1)[0]


def every_page_text(site) -> dict[str, str]:
    return {str(p.relative_to(site.root)): read(p.read_text(encoding="utf-8")).text for p in resident_pages(site)}


@pytest.fixture(scope="module")
def closed_texts(closed_site):
    return every_page_text(closed_site)


JAKTIM = "antara-2020-03-jaktim"
JAKSEL = "antara-2020-03-22-jaksel"


class TestChannelsListWhatTheSourcesName:
    """A channel page lists only the services a source names for that channel."""

    def test_a_service_lists_only_channels_its_sources_name(self, guide):
        for service in guide.services:
            sources = {ref.id for ref in service.sumber}
            for channel in service.kanal:
                assert channel.jenis in ("aplikasi", "situs"), (service.id, channel.id)
                if channel.jenis == "situs":  # only the Jakarta Timur report (Lurah Pekayon) names the website
                    assert JAKTIM in sources, (service.id, channel.id)

    def test_the_website_lists_the_four_services_of_the_jakarta_timur_report(self, closed_site):
        listed = section(read(closed_site.html("kanal/alpukat-situs/")).text, "Layanan lewat kanal ini", " Sumber ANTARA")
        assert listed.split() == ("KTP Elektronik (KTP-el) Kartu Keluarga (KK) Kartu Identitas Anak (KIA) "
                                  "Akta Kelahiran").split()

    @pytest.mark.parametrize("channel", ["whatsapp-petugas", "telepon-petugas"])
    def test_whatsapp_and_telephone_list_no_service(self, guide, closed_site, channel):
        listed = section(read(closed_site.html(f"kanal/{channel}/")).text, "Layanan lewat kanal ini", " Sumber ANTARA")
        assert listed.strip().startswith("Sumber tidak menyebut layanan tertentu untuk")
        assert "belum dipastikan" in listed
        for service in guide.services:
            assert service.nama not in listed, (channel, service.nama)

    def test_the_app_lists_all_eighteen(self, guide, closed_site):
        listed = section(read(closed_site.html("kanal/alpukat-aplikasi/")).text, "Layanan lewat kanal ini", " Sumber ANTARA")
        assert all(service.nama in listed for service in guide.services) and len(guide.services) == 18

    def test_services_only_in_the_jakarta_selatan_report_name_the_app_only(self, guide, closed_site):
        only_jaksel = [s for s in guide.services if {r.id for r in s.sumber} == {JAKSEL}]
        assert len(only_jaksel) == 14  # the report's 15 services less akta kelahiran, which Jakarta Timur names too
        for service in only_jaksel:
            steps = section(read(closed_site.html(f"layanan/{service.id}/")).text, "Langkah", "Kanal")
            assert "Ajukan" not in steps or "Ajukan lewat aplikasi Alpukat Betawi" in steps or \
                "Ajukan konsultasi lewat aplikasi Alpukat Betawi" in steps, service.id
            assert "alpukat-dukcapil.jakarta.go.id" not in steps and "situs Alpukat" not in steps, service.id


class TestDatesAndLettersCiteTheirReport:
    def test_the_start_of_the_dki_closure_cites_kompas_wherever_it_is_printed(self, closed_texts):
        pages = [page for page, text in closed_texts.items() if "17 Maret 2020" in text]
        assert "penutupan/index.html" in pages and "pengumuman/kelurahan/pekayon.html" in pages
        for page in pages:
            assert "Kompas.com" in closed_texts[page], page

    def test_no_date_of_the_circular_that_no_cited_report_gives(self, closed_texts):
        for page, text in closed_texts.items():
            assert "16 Maret 2020" not in text, page

    def test_the_circular_is_written_one_way(self, closed_texts):
        for page, text in closed_texts.items():
            assert not re.search(r"(?<![0-9])2/SE/2020", text), page
            assert "No. 02/SE" not in text and "Nomor 2/SE" not in text, page
        assert "Surat Edaran Gubernur Provinsi DKI Jakarta Nomor 02/SE/2020 tentang" in closed_texts["penutupan/index.html"]

    def test_no_negative_that_no_source_states(self, closed_texts):
        for page, text in closed_texts.items():
            assert "bukan surat bernomor" not in text, page
            assert "tidak menyebut telepon" not in text and "tidak menyebut situs ini" not in text, page


class TestWhoSaidIt:
    def test_whatsapp_to_officers_at_three_levels_is_the_kasudins(self, closed_site):
        text = read(closed_site.html("kanal/whatsapp-petugas/")).text
        assert ("Kasudin Dukcapil Jakarta Selatan Abdul Haris mengarahkan warga ke pesan WhatsApp kepada petugas di tingkat "
                "Suku Dinas, kecamatan dan kelurahan (ANTARA, 22 Maret 2020); Lurah Pekayon Nunuk Widyastuti menyebut "
                "pelayanan lewat WhatsApp (ANTARA, Maret 2020).") in text

    def test_owned_by_dukcapil_is_the_jakarta_selatan_reports(self, guide, closed_texts):
        for page, text in closed_texts.items():
            for sentence in re.split(r"(?<=\.) ", text):
                if "milik Dukcapil" in sentence:
                    assert "Jakarta Selatan" in sentence and "22 Maret 2020" in sentence, (page, sentence)

    @pytest.mark.parametrize("service, words", [
        ("update-data-warehouse", "update data warehouse"), ("mutasi-perubahan-data", "mutasi perubahan"),
        ("verifikasi-nik", "verifikasi nomor induk kependudukan (NIK)"), ("pb-online", "PB (via online)"),
        ("batal-pindah", "batal pindah kependudukan"), ("duplicate-record", "duplicated record"),
        ("skp-dalam-dki", "surat keterangan pindah (SKP) WNI dalam DKI"),
        ("skp-keluar-dki", "surat keterangan pindah (SKP) WNI dalam DKI, dan luar DKI"),
    ])
    def test_the_reporters_list_is_the_reports_not_a_quote(self, closed_site, service, words):
        text = read(closed_site.html(f"layanan/{service}/")).text
        assert f'Menurut laporan ANTARA dari Jakarta Selatan (22 Maret 2020), "{words}" termasuk layanan' in text
        assert f'Abdul Haris menyebut "{words}"' not in text


class TestHomeNamesEverySource:
    def test_every_closure_and_channel_on_the_home_page_names_its_source(self, guide, closed_site):
        text = read(closed_site.html("")).text
        for closure in guide.closures:
            line = text.split(f"{closure.judul}, ", 1)[1].split(". Sumber: ", 1)
            assert line[0].split("Dasar: ")[1] == closure.referensi
            assert line[1].startswith(("ANTARA", "Kompas.com")), closure.id
        daring = section(text, "Cara mengurus secara daring", "Cari kantor Anda")
        for channel in guide.channels:
            described = daring.split(channel.nama, 1)[1].split(". ", 1)[0] + daring.split(channel.nama, 1)[1]
            assert "(ANTARA" in described.split(" Cari kantor")[0], channel.id


class TestDoubtfulAddresses:
    TWINS = {"rawa-bunga": "Rawa Buaya", "rawa-buaya": "Rawa Bunga", "cipete-utara": "Cipete Selatan",
             "cipete-selatan": "Cipete Utara"}

    def test_identical_addresses_are_declared_doubtful(self, guide):
        by_address: dict[tuple, list] = {}
        for office in guide.kelurahan:
            if office.alamat:
                by_address.setdefault((office.alamat, tuple(office.phone_numbers)), []).append(office)
        shared = [o for group in by_address.values() if len(group) > 1 for o in group]
        assert {o.nama for o in shared} >= set(self.TWINS.values())
        for office in shared:
            assert office.alamat_diragukan, office.nama

    @pytest.mark.parametrize("page, twin", sorted(TWINS.items()))
    def test_the_page_prints_the_warning_under_alamat(self, closed_site, page, twin):
        alamat = section(read(closed_site.html(f"kelurahan/{page}/")).text, "Alamat Kantor Kelurahan", "Penutupan layanan")
        assert "Alamat ini diragukan" in alamat and f"Sama persis dengan alamat Kelurahan {twin}" in alamat

    @pytest.mark.parametrize("page, twin", sorted(TWINS.items()))
    def test_the_notice_prints_the_warning_with_the_address(self, closed_site, page, twin):
        text = read((closed_site.root / f"pengumuman/kelurahan/{page}.html").read_text(encoding="utf-8")).text
        assert f"(data 2015) Alamat diragukan: Sama persis dengan alamat Kelurahan {twin}" in text

    def test_the_source_typo_is_corrected_with_a_note(self, closed_texts):
        dinas = closed_texts["dinas/index.html"]
        assert "Jl. S. Parman No. 7, Jakarta Barat" in dinas
        assert 'Catatan alamat: Data tahun 2015 menulis "Jl. S. Parman No, 7" (salah ketik).' in dinas
        assert "Liputan6.com (7 September 2020)" in dinas
        for page, text in closed_texts.items():
            assert "No, 7" not in text.replace('menulis "Jl. S. Parman No, 7"', ""), page


class TestNoticeDates:
    def test_each_date_in_the_footer_says_what_it_is(self, guide, closed_site):
        text = read((closed_site.root / "pengumuman/kelurahan/gunung.html").read_text(encoding="utf-8")).text
        footer = text.split("Dicetak untuk tanggal", 1)[1]
        assert footer.startswith(" Rabu, 25 Maret 2020 · Daftar penutupan diperiksa 26 November 2026 · Data panduan diubah ")
        assert "; alamat dan telepon: data tahun 2015 · Tidak dipungut biaya" in footer
        assert footer.endswith("Panduan Layanan Kependudukan DKI Jakarta · Sumber penutupan: ANTARA")
        assert "Data diperbarui" not in text


class TestResidentTextHasNoFilesOrMisspellings:
    def test_no_file_names_on_any_page_but_the_staff_guide(self, closed_texts):
        for page, text in closed_texts.items():
            if page.startswith("kontribusi/"):
                continue
            for name in (".yaml", "data/sumber", "SOURCES.md", "drafts/"):
                assert name not in text, (page, name)

    def test_misspellings_are_searched_but_not_shown(self, guide, closed_site):
        import json

        index = json.loads((closed_site.root / "search/search_index.json").read_text(encoding="utf-8"))
        tags = {doc["location"]: doc.get("tags", []) for doc in index["docs"]}
        misspelt = [o for o in guide.offices if o.alias_cari]
        assert {a for o in misspelt for a in o.alias_cari} == {"Tanjung Priuk", "Halim Perdana Kusumah"}
        for office in misspelt:
            location = office.page.removesuffix(".md").removesuffix("index") + ("/" if not office.page.endswith("index.md") else "")
            text = read(closed_site.html(location)).text
            shown = text.split("Juga ditulis:", 1)[1].split(" Dinas Kependudukan", 1)[0] if "Juga ditulis:" in text else ""
            for alias in office.alias_cari:
                assert alias not in shown, (office.nama, alias)
                assert alias in tags[location], (office.nama, alias)

    def test_one_law_once_per_legal_basis(self, guide):
        laws = [r for r in guide.references if r.judul.startswith("Undang-Undang Nomor 23 Tahun 2006")]
        assert [r.id for r in laws] == ["uu-adminduk"]
        for service in guide.services:
            cited = [(b.peraturan.id, b.pasal) for b in service.dasar_hukum]
            assert len(cited) == len(set(cited)), service.id
            with_article = {law for law, pasal in cited if pasal}
            assert not [law for law, pasal in cited if not pasal and law in with_article], service.id


UNSOURCED_DESCRIPTIONS = [  # descriptions no source gives (issue 16): removed, or said with their source
    "KK diterbitkan baru, karena data berubah", "Untuk penduduk dari daerah lain", "Jawaban atau arahan dari petugas",
    "adalah bukti resmi", "pilih SKP dalam DKI", "Tanya jawab dengan petugas", "Layanan bagi penduduk yang tidak jadi pindah",
    "Anda perlu dokumen yang membuktikan", "untuk ditarik dan diganti", "di Google Play",
]


class TestDescriptionsHaveSources:
    def test_no_unsourced_description_on_any_page(self, closed_texts):
        for page, text in closed_texts.items():
            for phrase in UNSOURCED_DESCRIPTIONS:
                assert phrase not in text, (page, phrase)

    def test_every_summary_names_who_says_it(self, guide):
        for service in guide.services:
            assert "ANTARA" in service.ringkasan, service.id
            for sentence in re.split(r"(?<=\.) ", service.ringkasan):
                assert re.search(r"Menurut|ANTARA|Abdul Haris|Ia menyebut|laporan|belum dipastikan|lihat halaman|Secara harfiah",
                                 sentence), (service.id, sentence)


class TestReportsToVerifyAreStaffWork:
    """Point 6: the research notes are data or a list `make stale` prints; no drafts folder."""

    def test_no_drafts_folder(self):
        assert not (REPO / "drafts").exists()

    def test_stale_prints_the_reports_still_to_verify(self):
        import subprocess
        import sys

        result = subprocess.run([sys.executable, "-m", "generator", "stale", "--today", "2026-12-04"],
                                capture_output=True, text=True, cwd=REPO, check=True)
        report = result.stdout.split("## Laporan penutupan yang belum diverifikasi", 1)[1]
        assert ('- Pemerintah Kota Administrasi Jakarta Pusat (Kominfotik JP), Senin, 23 Maret 2020: "Pelayanan '
                'Admindukcapil di Jakpus Dialihkan Sementara Melalui Aplikasi Alpukat Betawi"') in report
        assert "dihentikan terhitung Senin, 23 Maret hingga 2 April 2020" in report
        assert ('- AyoJakarta.com, Kamis, 2 April 2020: "Sudin Dukcapil Jakut Perpanjang Penutupan Loket Layanan Sampai '
                '19 April 2020"') in report
        assert "https://m.ayojakarta.com/read/2020/04/02/14707/" in report

    def test_no_page_presents_them(self, guide, closed_texts):
        assert [r.id for r in guide.reports_to_check] == ["kominfotik-jakpus-2020-03-23", "ayojakarta-2020-04-02"]
        for page, text in closed_texts.items():
            for words in ("19 April 2020", "2566/-082.74", "Erik Polim", "Admindukcapil di Jakpus"):
                assert words not in text, (page, words)
