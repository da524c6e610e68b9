"""The services.yaml skeleton of a new region: what national law sets, with its citations, and nothing else.

    python -m generator import-regions data/sumber/indonesia_desa.csv --kota 32.73 --out-dir DIR

writes it beside the region's offices.yaml (regions.py). It is taken from the
bundled services.yaml (DKI Jakarta's), keeping only what is cited to national
law: a regulation (`jenis: peraturan`) whose title names a national kind of
regulation (Undang-Undang, Peraturan Pemerintah, Peraturan Presiden, Peraturan
Menteri). Regional letters and regulations (a governor's circular), news
reports, online channels and everything written about how DKI Jakarta serves
its residents stay behind.

- The services: those with at least one requirement (persyaratan) cited to
  national law, as in the bundled file.
- For each: its id, name, other names and search words; only the requirements
  cited to national law, with their article; only the legal bases (dasar_hukum)
  of national regulations; the document it produces (hasil); related services
  among those kept; and the day the bundled entry was reviewed (its citations
  were checked then).
- What the skeleton cannot know is said plainly: the summary, the steps and
  belum_pasti say that how to apply in the region, its channels, its other
  requirements and the processing time are not yet known. The fee is "free"
  only where the entry cites UU Administrasi Kependudukan Pasal 79A.
- No channel (kanal), no report (sumber of a service): both are optional in
  records.py, and the pages say that no channel is known yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

BUNDLED = Path(__file__).resolve().parent.parent / "services.yaml"
NATIONAL = re.compile(r"(Undang-Undang|Peraturan Pemerintah|Peraturan Presiden|Peraturan Menteri)\b")
FREE = "Pasal 79A"  # UU Administrasi Kependudukan: "Pengurusan dan penerbitan Dokumen Kependudukan tidak dipungut biaya."


def national_ids(references: list[dict]) -> set[str]:
    """The ids of the national regulations among the sources of services.yaml."""
    return {r["id"] for r in references if r.get("jenis") == "peraturan" and NATIONAL.match(r.get("judul", ""))}


def service(entry: dict, national: set[str], kept: set[str], region: str) -> dict:
    """One service of the skeleton, in the order of records.Service."""
    requirements = [{k: r[k] for k in ("dokumen", "kondisi", "dasar", "pasal") if k in r}
                    for r in entry["persyaratan"] if r.get("dasar") in national]
    bases = [dict(b) for b in entry["dasar_hukum"] if b["peraturan"] in national]
    free = any(b["peraturan"] in national and b.get("pasal") == FREE for b in entry["dasar_hukum"])
    out = {"id": entry["id"], "nama": entry["nama"]}
    if entry.get("nama_lain"):
        out["nama_lain"] = list(entry["nama_lain"])
    out["alias"] = list(entry["alias"])
    out["ringkasan"] = (f"Persyaratan di halaman ini adalah yang ditetapkan peraturan nasional, masing-masing dengan "
                        f"pasalnya. Cara mengajukan layanan ini di {region}, kanal daringnya dan lama prosesnya belum "
                        "dipastikan.")
    out["persyaratan"] = requirements
    out["langkah"] = [f"Cara mengajukan layanan ini di {region} belum dipastikan: panduan ini belum mencatat kanal "
                      "daring, loket atau petugas untuk wilayah ini."]
    out["biaya"] = ("Gratis: pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya "
                    "(UU Administrasi Kependudukan, Pasal 79A)" if free else "Belum dipastikan")
    out["hasil"] = entry["hasil"]
    out["dasar_hukum"] = bases
    out["belum_pasti"] = (f"Persyaratan lain yang diminta Dukcapil di {region}, cara dan kanal pengajuan, lama proses, "
                          "serta kapan dan di mana dokumen diambil.")
    related = [s for s in entry.get("terkait", []) if s in kept]
    if related:
        out["terkait"] = related
    out["ditinjau"] = entry["ditinjau"]
    return out


def skeleton(region: str, source: Path = BUNDLED) -> str:
    """The services.yaml text of a region named `region` ("Kota Bandung", "Jawa Barat")."""
    bundled = yaml.safe_load(source.read_text(encoding="utf-8"))
    national = national_ids(bundled["sumber"])
    entries = [s for s in bundled["layanan"] if any(r.get("dasar") in national for r in s["persyaratan"])]
    kept = {s["id"] for s in entries}
    services = [service(s, national, kept, region) for s in entries]
    cited = {r["dasar"] for s in services for r in s["persyaratan"]} | {b["peraturan"] for s in services
                                                                         for b in s["dasar_hukum"]}
    references = [r for r in bundled["sumber"] if r["id"] in cited]
    header = [
        "# yaml-language-server: $schema=schemas/services.schema.json",
        f"# Layanan Dukcapil di {region}: kerangka dibuat oleh `python -m generator import-regions` dari services.yaml",
        "# panduan DKI Jakarta, hanya yang ditetapkan peraturan nasional (UU, Perpres, Permendagri), dengan pasalnya:",
        "# layanan yang persyaratannya disebut peraturan nasional, persyaratan itu saja, dan dasar hukum nasionalnya.",
        "# Belum ada kanal daring, berita atau penutupan untuk wilayah ini; ringkasan, langkah dan belum_pasti",
        "# menyebut apa yang belum diketahui. `ditinjau` adalah tanggal kutipan pasal diperiksa di panduan DKI.",
        "# Tambahkan hanya yang sudah diperiksa, dengan sumbernya (berita, peraturan daerah, pengumuman Dukcapil).",
        "",
    ]
    body = yaml.safe_dump({"sumber": references, "layanan": services}, allow_unicode=True, sort_keys=False,
                          width=120, default_flow_style=False)
    return "\n".join(header) + body
