"""What a Kemendagri region code says by itself: its province, and what kind of region it names.

Codes are text in the dotted notation of Kepmendagri No. 300.2.2-2430 Tahun 2025
(data/sumber/SOURCES.md): province 32, kabupaten or kota 32.73, kecamatan
32.73.01, desa or kelurahan 32.73.01.1001. The first digit of the 4-digit village
part gives its kind (1 kelurahan, 2 desa, 3 desa adat, as the source's README
says after Permendagri 58/2021); a kab/kota part from 71 up is a kota, below 71 a
kabupaten (DKI Jakarta's 31.01 is the Kabupaten Administrasi Kepulauan Seribu).
Every one of the 514 kab/kota of the national file follows this rule.
"""

from __future__ import annotations

DKI = "31"  # DKI Jakarta, whose guide came first: its own rules and messages are kept (kinds.ByProvince)
VILLAGE_KINDS = {"1": "kelurahan", "2": "desa", "3": "desa adat"}
FIRST_KOTA = 71  # kab/kota parts from 71 up are kota


def province(code: str) -> str:
    """"32.73.01.1001" -> "32"."""
    return code.split(".", 1)[0]


def village_kind(code: str) -> str:
    """kelurahan, desa or desa adat, for a village code like 32.73.01.1001."""
    return VILLAGE_KINDS[code.rsplit(".", 1)[1][0]]


def regency_kind(code: str) -> str:
    """kota or kabupaten, for a kab/kota code like 32.73."""
    return "kota" if int(code.split(".")[1]) >= FIRST_KOTA else "kabupaten"


def within(code: str, region: str) -> bool:
    """Whether `code` is `region` or lies inside it: 32.73.01 is within 32 and 32.73, not within 32.7."""
    return code == region or code.startswith(region + ".")


def prefixes(code: str) -> list[str]:
    """Every region a code lies within, itself last: "32.73.01" -> ["32", "32.73", "32.73.01"]."""
    parts = code.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]
