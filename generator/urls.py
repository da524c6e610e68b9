"""Where each page lives: one address scheme shared by pages, links and tests."""

from __future__ import annotations

import re
import unicodedata

from . import region_codes


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
    "desa": "Desa",  # other provinces: a desa's page lives in desa/ (folder())
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


def relative(target: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site ("kota/x.md" from "kelurahan"), without asking
    the operating system for the current folder, as relpath does on each of a province's 65,000 links."""
    to, here = target.split("/"), [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def service(service_id: str) -> str:
    return f"layanan/{service_id}.md"


def channel(channel_id: str) -> str:
    """The page of an online channel: kanal/alpukat-aplikasi.md."""
    return f"kanal/{channel_id}.md"


# --- offices: one address rule, for pages, notices, PDFs and calendars ---
#
# DKI Jakarta's offices are addressed by name alone (/kelurahan/gunung/), as they have been
# since the first build and on every printed QR code; validate.py keeps those names unique
# in each level. Elsewhere names repeat (Jawa Barat has 44 desa Mekarsari, and kecamatan
# Sukaraja in two kabupaten), so the code, without its dots, follows the name:
# /desa/mekarsari-3201012003/. The address then depends on the record alone: it stays the
# same when a desa of the same name is added anywhere, and two offices never share one.
# A desa (and a desa adat) lives under desa/, a kelurahan under kelurahan/.

ADDRESSED_BY_NAME = {region_codes.DKI}  # provinces whose addresses are the name alone


def addressed_by_name(province: str) -> bool:
    return province in ADDRESSED_BY_NAME


def address_name(name: str, code: str | None = None) -> str:
    """The last part of an office's addresses: "gunung" (DKI, or no code given), "mekarsari-3201012003"."""
    if code is None or addressed_by_name(region_codes.province(code)):
        return slug(name)
    return f"{slug(name)}-{code.replace('.', '')}"


def folder(level: str, code: str | None = None) -> str:
    """kota, kecamatan, kelurahan, or desa for a desa or desa adat (its code says which)."""
    if level == "kelurahan" and code is not None and region_codes.village_kind(code) != "kelurahan":
        return "desa"
    return level


def office(level: str, name: str, code: str | None = None) -> str:
    """level is kota, kecamatan or kelurahan (a desa too); code: the office's, see address_name()."""
    return f"{folder(level, code)}/{address_name(name, code)}.md"


def notice(level: str, name: str, code: str | None = None) -> str:
    """The printable A4 notice of an office: pengumuman/kelurahan/gunung.html."""
    if level == "dinas":
        return "pengumuman/dinas.html"
    return f"pengumuman/{folder(level, code)}/{address_name(name, code)}.html"


def batch(level: str, name: str, code: str | None = None) -> str:
    """The PDF of every kelurahan notice in a kota or kecamatan."""
    return f"pengumuman/{level}/{address_name(name, code)}.pdf"


# --- open data and subscriptions (written by exports.py, listed on the Data terbuka page) ---

OPEN_DATA = "data-terbuka.md"
CALENDAR = "data/closures.ics"
FEED = "data/feed.xml"
SERVICES_JSON = "data/services.json"
OFFICES_JSON = "data/offices.json"
OFFICES_CSV = "data/offices.csv"
HSDS_SERVICES = "data/hsds/services.json"


def kota_calendar(name: str, code: str | None = None) -> str:
    """The closures that reach any office of one kota: data/closures/jakarta-selatan.ics."""
    return f"data/closures/{address_name(name, code)}.ics"


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


# --- delivery to slow phones and offline (delivery.py, overrides/partials/offline.html) ---

SERVICE_WORKER = "sw.js"  # at the root: its scope is the whole site
MANIFEST = "manifest.webmanifest"
APP_ICONS = {192: "assets/ikon-192.png", 512: "assets/ikon-512.png"}
# The theme's stylesheets without what no page uses: what a phone's first paint needs, what wider
# screens and print add, and what only Material's bundle makes use of (loaded with it).
STYLESHEET = "assets/stylesheets/situs.css"
STYLESHEET_WIDE = "assets/stylesheets/situs-lebar.css"
STYLESHEET_WIDE_MEDIA = "(min-width: 30em), print"  # delivery.WIDE_FROM_EM
STYLESHEET_LATER = "assets/stylesheets/situs-sesudah.css"
