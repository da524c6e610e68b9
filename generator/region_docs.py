"""The hand-written pages of a new region's guide, written by import-regions into DIR/docs/.

docs/tentang.md and docs/data-terbuka.md are DKI Jakarta's: most of their text
fits any region, but some passages state DKI's own facts (its address data
set, its closures, its kota calendars). Those passages are marked in the page:

    <!-- wilayah: sumber -->
    ...DKI Jakarta's words...
    <!-- /wilayah -->

and a region's copy of the page has each marked passage replaced by what its
skeleton truly holds (`passages`: a text, or for a table its DKI rows replaced): region codes from the national list, no
address, contact or closure yet. `build --data DIR` takes DIR/docs/ pages over
docs/ (build.own_pages). A region's staff edit their copy as their data grows.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import urls

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = ("tentang.md", "data-terbuka.md")
MARKED = re.compile(r"<!-- wilayah: (\w+)[^>]*-->\n(.*?)<!-- /wilayah -->\n", re.S)


def words(name: str) -> str:
    """A name from the national list as plain Markdown text: no HTML, no table cell break."""
    return html.escape(name).replace("|", "\\|")


def passages(region: str, regencies: dict[str, str]) -> dict[tuple[str, str], str]:
    """(page, passage name) -> the region's text: what its skeleton holds and what it does not yet."""
    rows = "\n".join(f"| {words(name)} | `{urls.kota_calendar(name, code)}` |" for code, name in sorted(regencies.items()))
    region = words(region)
    return {
        ("tentang.md", "pengantar"): f"""\
Panduan Layanan Kependudukan {region} membantu warga mengurus dokumen kependudukan. Untuk
setiap layanan, panduan ini menyebut persyaratan yang ditetapkan peraturan nasional, dengan
pasalnya, dan kantor Dukcapil di setiap wilayah.

Panduan untuk {region} masih berupa kerangka: cara mengajukan layanan, kanal daring, alamat
dan kontak kantor, dan penutupan loket **belum dicatat**. Setiap halaman menyebut apa yang
belum dipastikan.
""",
        ("tentang.md", "sumber"): """\
- **Kode, nama wilayah dan kode pos**: Keputusan Menteri Dalam Negeri No. 300.2.2-2430
  Tahun 2025, dihimpun oleh Cahya DSN (cahyadsn/wilayah dan cahyadsn/wilayah_kodepos, lisensi
  MIT). Kode pos bukan bagian dari Kepmendagri dan belum diverifikasi resmi.
- **Persyaratan dan dasar hukum layanan**: undang-undang, peraturan presiden dan peraturan
  menteri yang disebut di setiap halaman layanan, dengan pasalnya.
- **Alamat, telepon dan WhatsApp kantor** belum tersedia untuk kantor mana pun. Panduan ini
  tidak pernah menebak nomor: bila nomor belum diketahui, halaman menyebutnya "belum tersedia".
- **Penutupan layanan**: belum ada yang dicatat.
""",
        ("data-terbuka.md", "kalender"): f"""\
- [Seluruh {region}](data/closures.ics) (`data/closures.ics`): semua penutupan yang tercatat.
- Per kabupaten atau kota: penutupan yang berlaku untuk kantor mana pun di wilayah itu, termasuk
  penutupan seluruh provinsi:

| Kabupaten atau kota | Berkas |
| --- | --- |
{rows}
""",
        ("data-terbuka.md", "sumber"): lambda table: rows_replaced(table, {
            "Alamat dan telepon kantor": f"| Alamat dan telepon kantor | Belum dicatat untuk {region} | — |",
            "Penutupan layanan": "| Penutupan layanan | Belum ada penutupan yang dicatat; sumber setiap penutupan nanti ada "
                                 "di kolom `sumber` dan `referensi` | belum dipastikan |",
        }),
    }


def rows_replaced(table: str, rows: dict[str, str]) -> str:
    """A Markdown table with the rows whose first cell is a key of `rows` replaced (the others are the region's too)."""
    out = []
    for line in table.splitlines(keepends=True):
        first = line.split("|")[1].strip() if line.startswith("|") else None
        out.append(rows[first] + "\n" if first in rows else line)
    return "".join(out)


def pages(region: str, regencies: dict[str, str], docs: Path = DOCS) -> dict[str, str]:
    """{path inside docs: text} of the region's copies of PAGES."""
    texts = passages(region, regencies)

    def replace(page: str, match: re.Match) -> str:
        text = texts[(page, match.group(1))]
        return text(match.group(2)) if callable(text) else text

    out = {}
    for page in PAGES:
        text = (docs / page).read_text(encoding="utf-8")
        out[page] = MARKED.sub(lambda m, page=page: replace(page, m), text)
    return out
