"""The region is data: a guide of another region names neither DKI Jakarta nor its channels, and DKI's is unchanged.

import-regions --out-dir writes a folder ready for `build --data`: offices.yaml,
the services.yaml of what national law sets (national_services.py) and the
region's own hand-written pages (region_docs.py).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import icalendar
import jsonschema
import pytest
import yaml

from conftest import REPO, Site
from generator import hsds, national_services, region_docs, regions
from generator.build import build_site
from generator.cli import main
from generator.model import load_guide
from generator.validate import check_data

TABLE = REPO / "data" / "sumber" / "indonesia_desa.csv"
JAKARTA_WORDS = re.compile(r"DKI Jakarta|Alpukat|Betawi", re.I)
NATIONAL = ["uu-23-2006", "uu-adminduk", "perpres-96-2018", "permendagri-108-2019", "permendagri-7-2019"]


def texts(root: Path):
    """(path, text) of every file of a built site: HTML, JSON, ICS, XML, CSV, JS, the gzipped sitemap too."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if path.suffix in (".png", ".svg", ".woff", ".woff2", ".ico"):
            continue
        yield path.relative_to(root).as_posix(), data.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def bandung(tmp_path_factory) -> tuple[Path, Site]:
    """Kota Bandung (32.73) imported from the real national list and built without PDFs as of 25 March 2020."""
    folder = tmp_path_factory.mktemp("bandung") / "data"
    assert main(["import-regions", str(TABLE), "--kota", "32.73", "--out-dir", str(folder)]) == 0
    out = folder.parent / "site"
    build_site(folder, dt.date(2020, 3, 25), out, pdf=False)
    return folder, Site(out)


class TestKotaBandung:
    def test_no_file_of_the_site_names_dki_jakarta_or_its_channels(self, bandung):
        _, site = bandung
        scanned = dict(texts(site.root))
        assert len([p for p in scanned if p.endswith("index.html")]) > 190  # every page, not a few
        assert {"data/closures.ics", "data/feed.xml", "data/services.json", "data/offices.json", "data/offices.csv",
                "data/hsds/services.json", "sitemap.xml", "search/search_index.json"} <= set(scanned)
        assert any(p.startswith("pengumuman/") for p in scanned)  # the notices too
        named = {path: sorted(set(JAKARTA_WORDS.findall(text))) for path, text in scanned.items() if JAKARTA_WORDS.search(text)}
        assert named == {}

    def test_the_region_names_the_site_calendars_feed_hsds_and_exports(self, bandung):
        _, site = bandung
        home = site.html("")
        assert "<title>Beranda - Panduan Layanan Kependudukan Kota Bandung</title>" in home
        assert '<h1 id="panduan-layanan-kependudukan-kota-bandung">Panduan Layanan Kependudukan Kota Bandung</h1>' in home
        assert "Dinas Dukcapil Provinsi Jawa Barat" in home
        calendar = icalendar.Calendar.from_ical((site.root / "data" / "closures.ics").read_bytes())
        assert str(calendar["prodid"]) == "-//Panduan Layanan Kependudukan Kota Bandung//Penutupan loket//ID"
        assert str(calendar["name"]) == "Penutupan loket Dukcapil – Kota Bandung"
        feed = (site.root / "data" / "feed.xml").read_text(encoding="utf-8")
        assert "<title>Perubahan data Panduan Layanan Kependudukan Kota Bandung</title>" in feed
        assert "<subtitle>Penutupan loket, kontak, layanan dan kantor Dukcapil Kota Bandung yang berubah.</subtitle>" in feed
        guide = load_guide(bandung[0])  # no office has an address yet: HSDS would give this one
        assert {hsds.address(office)["state_province"] for office in guide.offices} == {"Jawa Barat"}
        ktp = json.loads((site.root / "data" / "hsds" / "services" / f"{hsds.service_uuid(guide.services[0])}.json")
                         .read_text(encoding="utf-8"))
        assert ktp["application_process"].endswith("\nKanal: belum dipastikan.")
        schema = json.loads((site.root / "data" / "services.schema.json").read_text(encoding="utf-8"))
        assert schema["title"] == "Layanan Dukcapil Kota Bandung (services.json)"
        schema = json.loads((site.root / "data" / "offices.schema.json").read_text(encoding="utf-8"))
        assert schema["title"] == "Kantor Dukcapil Kota Bandung (offices.json)"
        for name in ("services", "offices"):  # what the skeleton leaves out (kanal, penutupan_diperiksa) is null or []
            document = json.loads((site.root / "data" / f"{name}.json").read_text(encoding="utf-8"))
            schema = json.loads((site.root / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
            assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)] == []
        assert document["wilayah_panduan"] == "Kota Bandung" and document["penutupan_diperiksa"] is None

    def test_pages_say_plainly_that_no_channel_is_known(self, bandung):
        _, site = bandung
        nothing = ("Kanal daring (aplikasi, situs, WhatsApp atau telepon petugas) <strong>belum dipastikan</strong>: "
                   "panduan ini belum mencatat satu pun untuk Kota Bandung.")
        for page in ("", "layanan/ktp-el/", "kelurahan/isola-3273011003/"):
            assert nothing in site.html(page), page
        ktp = site.html("layanan/ktp-el/")
        assert "Cara mengajukan layanan ini di Kota Bandung belum dipastikan" in ktp
        assert "Nomor telepon kantor juga belum tersedia" in ktp
        assert not (site.root / "kanal").exists()
        notice = (site.root / "pengumuman" / "kelurahan" / "isola-3273011003.html").read_text(encoding="utf-8")
        assert "<li>Aplikasi atau situs layanan daring: <strong>belum dipastikan</strong>.</li>" in notice

    def test_the_hand_written_pages_are_the_regions_own(self, bandung):
        folder, site = bandung
        about = site.html("tentang/")
        assert "Panduan untuk Kota Bandung masih berupa kerangka" in about
        assert "Melaporkan kesalahan" in about  # the rest of the page is docs/tentang.md's
        data = site.html("data-terbuka/")
        assert "<td>Kota Bandung</td>\n<td><code>data/closures/kota-bandung-3273.ics</code></td>" in data
        assert (site.root / "data" / "closures" / "kota-bandung-3273.ics").exists()  # the calendar it names
        assert "<td>Alamat dan telepon kantor</td>\n<td>Belum dicatat untuk Kota Bandung</td>" in data
        assert "<td>Kode dan nama wilayah</td>" in data  # the table's other rows are the repo page's
        assert (folder / "docs" / "tentang.md").read_text(encoding="utf-8") == region_docs.pages(
            "Kota Bandung", {"32.73": "Kota Bandung"})["tentang.md"]


class TestImportFolder:
    def test_kota_and_provinsi_write_a_folder_ready_for_build(self, tmp_path, capsys):
        for region, place in (("32.73", "Kota Bandung"), ("32", "Jawa Barat")):
            out = tmp_path / region
            assert main(["import-regions", str(TABLE), "--kota" if "." in region else "--provinsi", region,
                         "--out-dir", str(out)]) == 0
            assert capsys.readouterr().out == (
                f"Wrote offices.yaml, services.yaml, docs/tentang.md, docs/data-terbuka.md into {out}.\n")
            assert (out / "offices.yaml").read_text(encoding="utf-8") == regions.skeleton(TABLE, region)
            assert (out / "services.yaml").read_text(encoding="utf-8") == national_services.skeleton(place)
            checked, problems = check_data(out)
            assert problems == []
            assert load_guide(out).name == f"Panduan Layanan Kependudukan {place}"

    def test_never_overwrites_and_writes_nothing_then(self, tmp_path, capsys):
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "tentang.md").write_text("staff's page\n")
        assert main(["import-regions", str(TABLE), "--kota", "32.73", "--out-dir", str(tmp_path)]) == 2
        assert capsys.readouterr().err == (
            "python -m generator import-regions: error: expected no offices.yaml, services.yaml, docs/tentang.md, "
            f"docs/data-terbuka.md in {tmp_path}, got {tmp_path / 'docs' / 'tentang.md'}: an import never overwrites a file\n")
        assert sorted(p.name for p in tmp_path.rglob("*")) == ["docs", "tentang.md"]
        assert (tmp_path / "docs" / "tentang.md").read_text() == "staff's page\n"

    def test_out_and_out_dir_are_one_or_the_other(self, tmp_path, capsys):
        assert main(["import-regions", str(TABLE), "--kota", "32.73", "--out", str(tmp_path / "o.yaml"),
                     "--out-dir", str(tmp_path / "d")]) == 2
        assert capsys.readouterr().err == ("python -m generator import-regions: error: argument --out-dir: "
                                           "expected either --out FILE (offices.yaml alone) or --out-dir DIR\n")
        assert list(tmp_path.iterdir()) == []


class TestNationalServices:
    def test_what_the_bundled_services_give(self):
        text = national_services.skeleton("Kota Bandung")
        values = "\n".join(line for line in text.splitlines() if not line.startswith("#"))  # the header says where it came from
        assert not JAKARTA_WORDS.search(values) and "ANTARA" not in values and "Jakarta" not in values
        data = yaml.safe_load(text)
        assert set(data) == {"sumber", "layanan"}  # no kanal
        assert [r["id"] for r in data["sumber"]] == NATIONAL
        assert [s["id"] for s in data["layanan"]] == ["ktp-el", "akta-kelahiran", "akta-kematian", "mutasi-perubahan-data"]
        bundled = {s["id"]: s for s in yaml.safe_load((REPO / "services.yaml").read_text(encoding="utf-8"))["layanan"]}
        for service in data["layanan"]:
            assert "kanal" not in service and "sumber" not in service
            assert service["persyaratan"] == [r for r in bundled[service["id"]]["persyaratan"] if r.get("dasar") in NATIONAL]
            assert all(r["dasar"] in NATIONAL and r["pasal"] for r in service["persyaratan"])
            assert service["dasar_hukum"] == [b for b in bundled[service["id"]]["dasar_hukum"] if b["peraturan"] in NATIONAL]
            assert service["biaya"].endswith("(UU Administrasi Kependudukan, Pasal 79A)")
        assert {s["id"]: s.get("terkait") for s in data["layanan"]} == {  # among the services kept
            "ktp-el": ["mutasi-perubahan-data"], "akta-kelahiran": None, "akta-kematian": None, "mutasi-perubahan-data": ["ktp-el"]}

    def test_only_national_law_is_kept(self, tmp_path):
        source = tmp_path / "services.yaml"
        source.write_text("""\
sumber:
  - {id: uu, jenis: peraturan, judul: Undang-Undang Nomor 1 Tahun 2000 tentang Contoh}
  - {id: pergub, jenis: peraturan, judul: Peraturan Gubernur Nomor 5 Tahun 2020 tentang Contoh}
  - {id: berita, jenis: berita, judul: Undang-Undang disebut dalam berita}
layanan:
  - id: a
    nama: A
    alias: [a]
    persyaratan:
      - {dokumen: Surat nasional, dasar: uu, pasal: Pasal 1}
      - {dokumen: Surat daerah, dasar: pergub, pasal: Pasal 2}
      - {dokumen: Surat tanpa dasar}
    hasil: Dokumen A
    dasar_hukum:
      - {peraturan: uu, pasal: Pasal 1}
      - {peraturan: pergub, pasal: Pasal 2}
    terkait: [b, c]
    ditinjau: 2026-11-26
  - id: b
    nama: B
    alias: [b]
    persyaratan:
      - {dokumen: Surat daerah, dasar: pergub}
    hasil: Dokumen B
    dasar_hukum: [{peraturan: pergub}]
    ditinjau: 2026-11-26
  - id: c
    nama: C
    alias: [c]
    persyaratan:
      - {dokumen: Surat berita, dasar: berita}
      - {dokumen: Surat nasional, dasar: uu, pasal: Pasal 3}
    hasil: Dokumen C
    dasar_hukum: [{peraturan: uu, pasal: Pasal 79A}]
    ditinjau: 2026-11-26
""", encoding="utf-8")
        data = yaml.safe_load(national_services.skeleton("Kota Contoh", source))
        assert [r["id"] for r in data["sumber"]] == ["uu"]
        a, c = data["layanan"]
        assert (a["id"], c["id"]) == ("a", "c")  # b: only a regional regulation asks for its requirement
        assert a["persyaratan"] == [{"dokumen": "Surat nasional", "dasar": "uu", "pasal": "Pasal 1"}]
        assert a["dasar_hukum"] == [{"peraturan": "uu", "pasal": "Pasal 1"}]
        assert a["terkait"] == ["c"]
        assert a["biaya"] == "Belum dipastikan"  # no Pasal 79A cited
        assert c["biaya"].startswith("Gratis")
        assert a["belum_pasti"] == ("Persyaratan lain yang diminta Dukcapil di Kota Contoh, cara dan kanal pengajuan, "
                                    "lama proses, serta kapan dan di mana dokumen diambil.")


class TestDkiUnchanged:
    def test_its_site_name_and_titles(self, closed_site):
        assert "<title>Beranda - Panduan Layanan Kependudukan DKI Jakarta</title>" in closed_site.html("")
        assert "seluruh kantor di Provinsi DKI Jakarta" in closed_site.html("penutupan/")
        calendar = icalendar.Calendar.from_ical((closed_site.root / "data" / "closures.ics").read_bytes())
        assert str(calendar["prodid"]) == "-//Panduan Layanan Kependudukan DKI Jakarta//Penutupan loket//ID"
        assert str(calendar["name"]) == "Penutupan loket Dukcapil – DKI Jakarta"
        feed = (closed_site.root / "data" / "feed.xml").read_text(encoding="utf-8")
        assert "<title>Perubahan data Panduan Layanan Kependudukan DKI Jakarta</title>" in feed
        assert "<subtitle>Penutupan loket, kontak, layanan dan kantor Dukcapil DKI Jakarta yang berubah.</subtitle>" in feed
        schema = json.loads((closed_site.root / "data" / "services.schema.json").read_text(encoding="utf-8"))
        assert schema["title"] == "Layanan Dukcapil DKI Jakarta (services.json)"
        states = {a["state_province"] for path in (closed_site.root / "data" / "hsds" / "services").iterdir()
                  for sl in json.loads(path.read_text(encoding="utf-8"))["service_at_locations"]
                  for a in sl["location"].get("addresses", [])}
        assert states == {"DKI Jakarta"}
        assert "Panduan Layanan Kependudukan DKI Jakarta membantu warga" in closed_site.html("tentang/")
        data = closed_site.html("data-terbuka/")  # the passages marked for other regions are DKI's own, in place
        assert "<td>Jakarta Selatan</td>\n<td><code>data/closures/jakarta-selatan.ics</code></td>" in data
        assert "<td>Alamat dan telepon kantor</td>\n<td>\"Data Alamat Kantor Pelayanan" in data
        assert "<td>Penutupan layanan</td>\n<td>Surat Edaran Gubernur DKI Jakarta" in data
        not_found = (closed_site.root / "404.html").read_text(encoding="utf-8")  # the one page without its own description
        assert 'content="Persyaratan, cara mengurus secara daring, status loket dan kontak kantor Dukcapil di DKI Jakarta."' \
            in not_found
        assert "<title>Panduan Layanan Kependudukan DKI Jakarta</title>" in not_found


def test_zensical_gets_the_regions_name_and_pages(tmp_path):
    """Zensical runs no hooks: the build hands it the site's name and the region's own pages (Kota Banjar, 32.79)."""
    folder = tmp_path / "data"
    assert main(["import-regions", str(TABLE), "--kota", "32.79", "--out-dir", str(folder)]) == 0
    build_site(folder, dt.date(2020, 3, 25), tmp_path / "site", engine="zensical", pdf=False)
    site = Site(tmp_path / "site")
    assert "<title>Tentang panduan ini - Panduan Layanan Kependudukan Kota Banjar</title>" in site.html("tentang/")
    assert "Panduan untuk Kota Banjar masih berupa kerangka" in site.html("tentang/")
    assert {path: text for path, text in texts(site.root) if JAKARTA_WORDS.search(text)} == {}


@pytest.mark.parametrize("field, before, after", [
    ("dinas.provinsi", "provinsi: DKI Jakarta", 'provinsi: "DKI <b>Jakarta</b>"'),
    ("wilayah_panduan", "dinas:", 'wilayah_panduan: "Kota <script>x</script>"\ndinas:'),
])
def test_a_region_name_with_markup_is_refused(data, field, before, after):
    """The site's name is printed unescaped by parts of the theme: a region's name is a name, never markup."""
    data.replace("offices.yaml", before, after)
    line = data.line("offices.yaml", after.splitlines()[0])
    value = after.splitlines()[0].split(": ", 1)[1]
    column = data.text("offices.yaml").splitlines()[line - 1].index(value) + 1
    problems = [str(p) for p in check_data(data.folder)[1]]
    assert problems == [f"offices.yaml:{line}:{column}: {field}: expected a place name of letters, digits, spaces, dots, "
                        f"hyphens and brackets, like Jawa Barat or Kota Bau-Bau, got {value}"]
