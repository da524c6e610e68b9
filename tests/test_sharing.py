"""Links that preview and share (issue 18.3), the checklist to print (issue 18.4) and "Laporkan kesalahan
di halaman ini" (issue 16.4), on the real data, in Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import io
import re
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import sync_playwright

from conftest import MINI, REPO
from generator import sharing, urls
from generator.build import build_site
from generator.dates import long_date
from generator.model import load_guide
from test_browser import CHROMIUM_FLAGS, QuietHandler, at_build_day

SITE_URL = "https://panduan.test/"
REPO_URL = "https://github.com/contoh/panduan-dukcapil"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / sharing.REPORT_FORM


@pytest.fixture(scope="module")
def guide():
    return load_guide(REPO)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real data as published: with the site's address and the repository."""
    out = tmp_path_factory.mktemp("published") / "site"
    build_site(REPO, dt.date(2020, 3, 25), out, site_url=SITE_URL, repo_url=REPO_URL, pdf=False)
    return out


def serve(root: Path):
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def server(published):
    httpd = serve(published)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    at_build_day(context)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", java_script_enabled=False)
    yield context.new_page()
    context.close()


def meta(page, name: str) -> str:
    return page.locator(f'meta[property="{name}"], meta[name="{name}"]').get_attribute("content")


def theme_pages(site: Path) -> list[Path]:
    """Every page the theme renders (not the standalone notices and checklists, nor the 404 page)."""
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("pengumuman/")
                  and p.parent.name != "cetak" and p.name != "404.html")


def address_of(site: Path, page: Path) -> str:
    return SITE_URL + page.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if page.parent != site else "")


# --- link previews: Open Graph and Twitter cards ---------------------------------------------------

class TestLinkPreviews:
    def test_office_page_previews_with_its_status_and_day(self, page, server):
        page.goto(server + "/kelurahan/gunung/")
        description = meta(page, "og:description")
        assert description.startswith("Loket tatap muka TUTUP pada Rabu, 25 Maret 2020, sampai dengan ")
        assert description.endswith("Status loket, kontak petugas dan alamat Kantor Kelurahan Gunung, "
                                    "Kecamatan Kebayoran Baru, Kota Administrasi Jakarta Selatan.")
        assert meta(page, "twitter:description") == description
        assert meta(page, "og:title") == meta(page, "twitter:title") == "Kelurahan Gunung"
        assert meta(page, "og:url") == SITE_URL + "kelurahan/gunung/"
        assert meta(page, "twitter:card") == "summary_large_image"

    def test_an_open_office_says_so_with_its_day(self, tmp_path, guide):
        out = tmp_path / "site"
        build_site(REPO, dt.date(2020, 4, 10), out, site_url=SITE_URL, pdf=False)
        text = (out / "kelurahan" / "gunung" / "index.html").read_text(encoding="utf-8")
        expected = ("Tidak ada penutupan loket yang tercatat untuk Kantor Kelurahan Gunung pada Jumat, 10 April 2020. "
                    "Status loket, kontak petugas")
        assert f'<meta property="og:description" content="{expected}' in text
        home = (out / "index.html").read_text(encoding="utf-8")
        assert ('<meta property="og:description" content="Pada Jumat, 10 April 2020, tidak ada penutupan loket '
                'Dukcapil yang tercatat. ') in home

    def test_service_page_previews_with_its_summary(self, page, server, guide):
        service = next(s for s in guide.services if s.id == "ktp-el")
        page.goto(server + "/layanan/ktp-el/")
        assert meta(page, "og:title") == meta(page, "twitter:title") == service.nama
        assert meta(page, "og:description") == meta(page, "twitter:description") == service.ringkasan
        assert meta(page, "og:url") == SITE_URL + "layanan/ktp-el/"

    def test_home_page_previews_with_the_region_status_and_day(self, page, server):
        page.goto(server + "/")
        assert meta(page, "og:description").startswith("Pada Rabu, 25 Maret 2020, loket tatap muka Dukcapil tutup di ")

    def test_the_site_image_is_absolute_light_and_built(self, page, server, published):
        page.goto(server + "/kelurahan/gunung/")
        assert meta(page, "og:image") == meta(page, "twitter:image") == SITE_URL + urls.SHARE_IMAGE
        png = (published / urls.SHARE_IMAGE).read_bytes()
        assert len(png) < 8_000
        image = Image.open(io.BytesIO(png))
        assert (image.format, image.size) == ("PNG", (1200, 630))
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")

    def test_every_page_has_the_tags(self, published):
        for path in theme_pages(published):
            text = path.read_text(encoding="utf-8")
            for tag in ('property="og:title"', 'property="og:description"', 'property="og:image"',
                        'property="og:url"', 'name="twitter:card"', 'name="twitter:description"'):
                assert tag in text, f"{path}: {tag}"


# --- sharing from service and office pages ---------------------------------------------------------

class TestShareLinks:
    @pytest.mark.parametrize("path, title", [("/layanan/ktp-el/", "KTP Elektronik (KTP-el)"),
                                             ("/kelurahan/gunung/", "Kelurahan Gunung")])
    def test_whatsapp_link_shares_the_title_and_address_without_javascript(self, no_script, server, path, title):
        no_script.goto(server + path)
        link = no_script.get_by_role("link", name="Bagikan lewat WhatsApp")
        href = link.get_attribute("href")
        assert href.startswith("https://wa.me/?text=")
        assert parse_qs(urlsplit(href).query)["text"] == [f"{title}\n{SITE_URL}{path[1:]}"]
        assert link.is_visible()
        assert not no_script.get_by_role("button", name="Bagikan ke aplikasi lain").is_visible()

    def test_system_share_sheet_where_the_browser_has_one(self, browser, server):
        context = browser.new_context(locale="id-ID")
        context.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
        page = context.new_page()
        page.goto(server + "/kecamatan/kebayoran-baru/")
        button = page.get_by_role("button", name="Bagikan ke aplikasi lain")
        button.click()
        assert page.evaluate("window.shared") == {"title": "Kecamatan Kebayoran Baru",
                                                  "url": SITE_URL + "kecamatan/kebayoran-baru/"}
        context.close()

    def test_without_a_share_sheet_the_button_stays_hidden(self, page, server):
        page.goto(server + "/layanan/ktp-el/")
        assert page.evaluate("typeof navigator.share") == "undefined"  # headless Chromium on Linux has none
        assert not page.get_by_role("button", name="Bagikan ke aplikasi lain").is_visible()

    def test_only_service_and_office_pages_share(self, published, guide):
        sharing_pages = {p for p in theme_pages(published) if "Bagikan lewat WhatsApp" in p.read_text(encoding="utf-8")}
        expected = {published / urls.served(record.page) / "index.html" for record in [*guide.services, *guide.offices]}
        assert sharing_pages == expected

    def test_the_share_text_is_encoded_whole(self):
        link = sharing.whatsapp_share("Akta & KK #1?", "https://panduan.test/layanan/kk/")
        assert link == "https://wa.me/?text=Akta%20%26%20KK%20%231%3F%0Ahttps%3A%2F%2Fpanduan.test%2Flayanan%2Fkk%2F"


# --- the checklist to print ------------------------------------------------------------------------

def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


class TestChecklist:
    def test_every_service_prints_on_one_a4_page_with_its_requirements(self, browser, server, guide, tmp_path):
        page = browser.new_page()
        for service in guide.services:
            page.goto(server + "/" + urls.checklist(service.id))
            items = page.locator("[data-syarat]").all_inner_texts()
            assert len(items) == len(service.persyaratan), service.id
            for item, requirement in zip(items, service.persyaratan):
                assert item.startswith(requirement.dokumen), (service.id, item)
            assert page.locator("h1").inner_text() == service.nama
            pdf = tmp_path / f"{service.id}.pdf"
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert re.search(r"^Pages:\s+1$", info, re.M), service.id
            assert "(A4)" in info
            text = " ".join(pdf_text(pdf).split())
            assert SITE_URL + f"layanan/{service.id}/" in text
            assert f"ditinjau: {long_date(service.ditinjau)}" in text
        page.close()

    def test_its_sentences_are_the_service_page_s(self, published, guide):
        """No new claim: each requirement, step and source line reads as on the service page."""
        service = next(s for s in guide.services if s.id == "akta-kematian")
        checklist = html.unescape(re.sub(r"<[^>]+>", "", (published / urls.checklist(service.id)).read_text()))
        page = html.unescape(re.sub(r"<[^>]+>", "", (published / "layanan/akta-kematian/index.html").read_text()))
        for requirement in service.persyaratan:
            assert requirement.dokumen in checklist and requirement.dokumen in page
        for step in service.langkah:
            assert step in checklist and step in page
        for ref in service.references:
            assert ref.judul in checklist and ref.judul in page
        assert "Belum dipastikan." in checklist

    def test_qr_code_leads_to_the_service_page(self, published, tmp_path, browser, server):
        page = browser.new_page(viewport={"width": 800, "height": 1200})
        page.goto(server + "/" + urls.checklist("ktp-el"))
        png = tmp_path / "qr.png"
        page.locator("img.qr").screenshot(path=str(png))
        page.close()
        image = Image.open(png)
        image.resize((image.width * 4, image.height * 4), Image.NEAREST).save(png)
        read = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        assert read.stdout.strip() == SITE_URL + "layanan/ktp-el/"

    def test_linked_from_the_service_page_and_hidden_when_printing(self, page, server):
        page.goto(server + "/layanan/ktp-el/")
        link = page.get_by_role("link", name="Cetak daftar persyaratan (A4)")
        link.click()
        assert page.url == server + "/layanan/ktp-el/cetak/index.html"
        page.go_back()
        page.emulate_media(media="print")
        assert not page.get_by_role("link", name="Cetak daftar persyaratan (A4)").is_visible()
        assert not page.get_by_role("link", name="Bagikan lewat WhatsApp").is_visible()
        assert not page.locator(".laporan").is_visible()

    def test_with_the_placeholder_address_it_is_a_draft_without_qr(self, closed_site):
        text = (closed_site.root / urls.checklist("ktp-el")).read_text(encoding="utf-8")
        assert "DRAF — belum untuk dicetak: alamat situs belum ditetapkan." in text
        assert 'class="qr"' not in text


# --- "Laporkan kesalahan di halaman ini" -----------------------------------------------------------

def report_query(text: str) -> dict[str, list[str]]:
    hrefs = re.findall(r'<a href="([^"]+)" data-laporan>Laporkan kesalahan di halaman ini</a>', text)
    assert len(hrefs) == 1
    href = html.unescape(hrefs[0])
    assert href.startswith(f"{REPO_URL}/issues/new?template={sharing.REPORT_FORM}&")
    return parse_qs(urlsplit(href).query)


class TestReportLink:
    def test_every_page_links_the_form_with_its_address_and_record(self, published, guide):
        records = {published / urls.served(s.page) / "index.html": ("services.yaml", f"id {s.id}") for s in guide.services}
        records |= {published / urls.served(c.page) / "index.html": ("services.yaml", f"id {c.id}") for c in guide.channels}
        records |= {published / urls.served(o.page) / "index.html": ("offices.yaml", f"kode {o.kode}") for o in guide.offices}
        pages = theme_pages(published)
        assert len(pages) > 340
        for path in pages:
            query = report_query(path.read_text(encoding="utf-8"))
            assert query["halaman"] == [address_of(published, path)], path
            berkas, data = records.get(path, (None, None))
            if berkas:
                assert query["berkas"] == [berkas] and query["data"] == [data], path
            else:  # a list page (one file, no single record) or a hand-written page (its Markdown file)
                assert query["berkas"][0] in ("services.yaml", "offices.yaml") or query["berkas"][0].startswith("docs/")
                assert "data" not in query, path
        assert report_query((published / "tentang" / "index.html").read_text())["berkas"] == ["docs/tentang.md"]

    def test_the_link_works_without_javascript(self, no_script, server):
        no_script.goto(server + "/kelurahan/pisangan-baru/")
        link = no_script.get_by_role("link", name="Laporkan kesalahan di halaman ini")
        assert link.is_visible()
        query = parse_qs(urlsplit(link.get_attribute("href")).query)
        assert query == {"template": [sharing.REPORT_FORM], "halaman": [SITE_URL + "kelurahan/pisangan-baru/"],
                         "berkas": ["offices.yaml"], "data": ["kode 31.75.01.1001"]}

    def test_the_issue_form_has_the_fields_the_link_fills(self):
        form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
        assert form["name"] and form["description"]
        assert form["labels"] == ["laporan-warga"]
        fields = {item["id"]: item for item in form["body"] if "id" in item}
        assert set(sharing.REPORT_FIELDS.values()) | {"salah", "sumber"} == set(fields)
        assert fields["salah"]["attributes"]["label"] == "Apa yang salah?"
        assert fields["sumber"]["attributes"]["label"] == "Dari mana keterangan yang benar?"
        for required in ("halaman", "salah", "sumber"):
            assert fields[required]["validations"]["required"] is True
        for item in form["body"]:
            assert item["type"] in ("markdown", "input", "textarea")

    def test_without_a_repository_the_page_says_what_to_mention(self, closed_site):
        text = closed_site.html("kelurahan/gunung/")
        assert ("Laporkan kesalahan di halaman ini: salinan panduan ini belum mencantumkan alamat untuk melapor. "
                "Saat melapor kepada penerbitnya, sebutkan alamat halaman ini, apa yang salah, dan dari mana keterangan "
                "yang benar.") in text
        assert "issues/new" not in text and "mailto:" not in text

    @pytest.mark.parametrize("repo_url", [None, REPO_URL])
    def test_the_publisher_s_e_mail_is_shown_when_set(self, tmp_path, repo_url):
        """mkdocs.yml sets none (never invented); a publisher's extra.laporan_email shows beside the form."""
        config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        assert "laporan_email" not in config["extra"]
        config["extra"]["laporan_email"] = "data@dukcapil.test"
        for name in ("docs", "overrides"):
            (tmp_path / name).symlink_to(REPO / name)
        (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        build_site(MINI, dt.date(2020, 3, 25), tmp_path / "site", config_file=tmp_path / "mkdocs.yml",
                   site_url=SITE_URL, repo_url=repo_url, pdf=False)
        text = (tmp_path / "site" / "kelurahan" / "gunung" / "index.html").read_text(encoding="utf-8")
        mailto = ('<a href="mailto:data@dukcapil.test?subject=Laporan%20kesalahan%3A%20https%3A//panduan.test/'
                  'kelurahan/gunung/"')
        assert mailto in text
        assert ("issues/new" in text) == bool(repo_url)


def test_the_record_reaches_the_theme_escaped():
    """The front matter the generator adds is JSON of HTML-escaped text: the theme prints it as text."""
    from generator.pages import front_matter_value

    assert front_matter_value({"berkas": "offices.yaml", "id": '<b x="1">'}) == (
        '{"berkas": "offices.yaml", "id": "&lt;b x=&#34;1&#34;&gt;"}')
    assert yaml.safe_load(front_matter_value("Loket TUTUP: 25 Maret")) == "Loket TUTUP: 25 Maret"
