"""Where each page lives: one address scheme shared by pages, links and tests."""

from __future__ import annotations

import re
import unicodedata


def slug(name: str) -> str:
    """"Kebayoran Baru" -> "kebayoran-baru"; "P. Untung Jawa" -> "p-untung-jawa"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


HOME = "index.md"
SERVICES = "layanan/index.md"
CLOSURES = "penutupan/index.md"
REGIONS = "wilayah/index.md"
DINAS = "dinas/index.md"
ABOUT = "tentang.md"  # written by hand, in docs/
SOURCES = "sumber/index.md"  # every report, regulation and data set the pages cite


def url_text(url: str) -> str:
    """An address as printed for people: "alpukat-dukcapil.jakarta.go.id" for https://alpukat-dukcapil.jakarta.go.id."""
    return url.split("//", 1)[-1].rstrip("/")

# What kind of page lives in each top folder, as search results name it: the build passes this
# table to overrides/partials/search-tuning.html as config.extra.jenis_halaman. A test checks
# that it names the folder of every generated page.
SECTIONS = {
    "layanan": "Layanan",
    "kanal": "Kanal daring",
    "sumber": "Sumber data",
    "kelurahan": "Kelurahan",
    "kecamatan": "Kecamatan",
    "kota": "Kota/Kabupaten",
    "dinas": "Dinas",
    "penutupan": "Penutupan",
    "wilayah": "Daftar wilayah",
}


def served(path: str) -> str:
    """Where MkDocs serves a page (directory URLs): "kota/x.md" -> "kota/x/", "dinas/index.md" -> "dinas/", "index.md" -> ""."""
    page = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return page + "/" if page else ""


def service(service_id: str) -> str:
    return f"layanan/{service_id}.md"


def channel(channel_id: str) -> str:
    """The page of an online channel: kanal/alpukat-aplikasi.md."""
    return f"kanal/{channel_id}.md"


def office(level: str, name: str) -> str:
    """level is kota, kecamatan or kelurahan."""
    return f"{level}/{slug(name)}.md"


def notice(level: str, name: str) -> str:
    """The printable A4 notice of an office: pengumuman/kelurahan/gunung.html."""
    return "pengumuman/dinas.html" if level == "dinas" else f"pengumuman/{level}/{slug(name)}.html"


def batch(level: str, name: str) -> str:
    """The PDF of every kelurahan notice in a kota or kecamatan."""
    return f"pengumuman/{level}/{slug(name)}.pdf"


# --- open data and subscriptions (written by exports.py, listed on the Data terbuka page) ---

OPEN_DATA = "data-terbuka.md"
CALENDAR = "data/closures.ics"
FEED = "data/feed.xml"
SERVICES_JSON = "data/services.json"
OFFICES_JSON = "data/offices.json"
OFFICES_CSV = "data/offices.csv"
HSDS_SERVICES = "data/hsds/services.json"


def kota_calendar(name: str) -> str:
    """The closures that reach any office of one kota: data/closures/jakarta-selatan.ics."""
    return f"data/closures/{slug(name)}.ics"


def hsds_service(uuid: str) -> str:
    """One HSDS service, named by its id as in the HSDS API's /services/{id}."""
    return f"data/hsds/services/{uuid}.json"


def schema_of(path: str) -> str:
    """The JSON Schema beside an export: data/services.json -> data/services.schema.json."""
    return path.removesuffix(".json") + ".schema.json"


def absolute(site_url: str, path: str) -> str:
    """The public address of a page (its .md path) or of a file, on the site at site_url."""
    served_path = served(path) if path.endswith(".md") else path
    return site_url.rstrip("/") + "/" + served_path
