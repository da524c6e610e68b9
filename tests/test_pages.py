"""pages.py and templates/: golden Markdown for one service and one kelurahan.

The golden files are the exact expected output for the small data set on
25 March 2020. The test only compares: after an intended change to a template,
regenerate them with `make golden` (scripts/update_golden.py) and review the diff.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.model import load_guide
from generator.pages import render_pages

from conftest import MINI, REPO

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2020, 3, 25)


@pytest.fixture(scope="module")
def pages():
    return render_pages(load_guide(MINI), DAY)


# (generated page, its golden file); scripts/update_golden.py writes these same files.
GOLDEN_PAGES = [
    ("layanan/ktp-el.md", "layanan-ktp-el.md"),
    ("kelurahan/gunung.md", "kelurahan-gunung.md"),
]


@pytest.mark.parametrize("page, golden", GOLDEN_PAGES)
def test_golden(pages, page, golden):
    assert pages[page] == (GOLDEN / golden).read_text(encoding="utf-8")


def test_every_page_is_generated(pages):
    assert sorted(pages) == [
        "dinas/index.md",
        "index.md",
        "kanal/alpukat-situs.md",
        "kanal/whatsapp-petugas.md",
        "kecamatan/kebayoran-baru.md",
        "kelurahan/gunung.md",
        "kelurahan/kramat-pela.md",
        "kota/jakarta-selatan.md",
        "layanan/index.md",
        "layanan/kartu-keluarga.md",
        "layanan/ktp-el.md",
        "penutupan/index.md",
        "sumber/index.md",
        "wilayah/index.md",
    ]


def test_pages_are_marked_generated_with_their_source_line(pages):
    text = pages["kelurahan/kramat-pela.md"]
    line = next(n for n, row in enumerate((MINI / "offices.yaml").read_text().splitlines(), 1)
                if 'kode: "31.74.07.1003"' in row)
    assert f"sumber_data: offices.yaml:{line}\n" in text
    assert f"Dibuat otomatis oleh generator dari offices.yaml (baris {line})" in text


def test_office_without_contact_says_so_and_points_up(pages):
    text = pages["kelurahan/kramat-pela.md"]
    assert "Nomor telepon dan WhatsApp Kantor Kelurahan Kramat Pela **belum tersedia**." in text
    assert "- [Kantor Kecamatan Kebayoran Baru](../kecamatan/kebayoran-baru.md): [(021) 7207341](tel:+62217207341), [(021) 7207342](tel:+62217207342)" in text
    assert "- [Suku Dinas Dukcapil Jakarta Selatan](../kota/jakarta-selatan.md): kontak belum tersedia" in text
    assert "Alamat kantor **belum tersedia**. Kode pos wilayah: 12130." in text


def test_home_states_the_status_in_one_sentence(pages):
    assert (
        "<strong>Pada Rabu, 25 Maret 2020, loket tatap muka Dukcapil tutup di seluruh DKI Jakarta sampai dengan "
        "Selasa, 31 Maret 2020, di Kota Administrasi Jakarta Selatan sampai dengan Kamis, 2 April 2020.</strong>"
    ) in pages["index.md"]


def test_home_when_nothing_is_closed():
    text = render_pages(load_guide(MINI), dt.date(2021, 1, 4))["index.md"]
    assert 'data-status="buka"' in text
    assert ("<strong>Pada Senin, 4 Januari 2021, tidak ada penutupan loket Dukcapil yang tercatat.</strong> "
            "Daftar penutupan terakhir diperiksa 20 November 2026.") in text


def test_kecamatan_lists_its_kelurahan_with_status(pages):
    text = pages["kecamatan/kebayoran-baru.md"]
    assert "- [Kelurahan Gunung](../kelurahan/gunung.md): tutup\n- [Kelurahan Kramat Pela](../kelurahan/kramat-pela.md): tutup\n" in text


def test_values_are_escaped():
    guide = load_guide(MINI)
    guide.kelurahan[0].alamat = "Jl. <script>alert(1)</script>"
    text = render_pages(guide, DAY)["kelurahan/gunung.md"]
    assert "<script>" not in text
    assert "Jl. &lt;script&gt;alert(1)&lt;/script&gt;" in text


class TestTemplatesPresentOnly:
    """Python decides (status, addresses), templates present: no second copy of a rule in a template."""

    TEMPLATES = sorted((REPO / "generator" / "templates").glob("*.j2"))

    @pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
    def test_no_status_logic_and_no_typed_addresses(self, template):
        text = template.read_text(encoding="utf-8")
        for rule in (r"\bstatus_on\b", r"\bis_closed_on\b", r"\bclosures_on\b", r"(?<!_)\btimeline\(",
                     r"\bmulai\s*[<>]", r"\bselesai\s*[<>]", r'\.md"\)'):
            assert not re.search(rule, text), f"{template.name} decides with {rule!r}: compute it in Python"
        assert max(len(line) for line in text.splitlines()) < 400

    def test_every_macro_is_used(self):
        macros = (REPO / "generator" / "templates" / "_macros.md.j2").read_text(encoding="utf-8")
        everything = "\n".join(t.read_text(encoding="utf-8") for t in self.TEMPLATES)
        for name in re.findall(r"{% macro (\w+)\(", macros):
            assert everything.count(name + "(") > 1, f"macro {name} is never called"


def test_the_mkdocs_hook_adds_exactly_what_the_build_generates(monkeypatch):
    """`mkdocs serve` (the hook) and `python -m generator build` share one function that makes the pages."""
    from types import SimpleNamespace

    from generator import mkdocs_hook
    from generator.build import printables
    from generator.site import generate

    monkeypatch.setenv("PANDUAN_DATE", "2020-03-25")
    config = SimpleNamespace(config_file_path=str(MINI / "mkdocs.yml"), site_url="https://contoh.example/", extra={})
    mkdocs_hook.on_config(config)
    generated = generate(MINI, dt.date(2020, 3, 25), "https://contoh.example/")
    notices = {path: html.decode("utf-8") for path, html in printables(generated, pdf=False).items()}
    assert len(notices) == len(generated.guide.offices)
    assert mkdocs_hook.PAGES == {**generated.pages, **generated.files, **notices}
    assert config.extra == generated.extra
    assert generated.extra["tanggal_status"] == "Rabu, 25 Maret 2020"
