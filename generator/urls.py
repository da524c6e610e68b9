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

# What kind of page lives in each top folder, as search results name it: the build passes this
# table to overrides/partials/search-tuning.html as config.extra.jenis_halaman. A test checks
# that it names the folder of every generated page.
SECTIONS = {
    "layanan": "Layanan",
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


def office(level: str, name: str) -> str:
    """level is kota, kecamatan or kelurahan."""
    return f"{level}/{slug(name)}.md"


def notice(level: str, name: str) -> str:
    """The printable A4 notice of an office: pengumuman/kelurahan/gunung.html."""
    return "pengumuman/dinas.html" if level == "dinas" else f"pengumuman/{level}/{slug(name)}.html"


def batch(level: str, name: str) -> str:
    """The PDF of every kelurahan notice in a kota or kecamatan."""
    return f"pengumuman/{level}/{slug(name)}.pdf"
