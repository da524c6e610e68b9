"""`make serve` (mkdocs serve --dirty): after a change to the data, only the pages whose text changed are rebuilt."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import MINI, REPO


@pytest.fixture(autouse=True)
def fresh_plugins():
    """`mkdocs serve` keeps the plugins that have on_startup (Material's search, holding the previous
    index for dirty builds) for the life of the process; a test process must not hand them on."""
    from mkdocs.config.defaults import MkDocsConfig

    yield
    MkDocsConfig.plugins.plugin_cache.clear()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """What `make serve` reads, with the small data set."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder)
    for name in ("services.yaml", "offices.yaml"):
        shutil.copy(MINI / name, folder)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, folder / name)
    (folder / "generator").symlink_to(REPO / "generator")
    return folder


def serve_build(project: Path, site: Path, first: bool = False) -> None:
    """One build as `mkdocs serve --dirty --no-strict` runs it (the config is loaded anew each time)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_change_rebuilds_its_pages_and_keeps_the_search_index_whole(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PANDUAN_DATE", "2020-03-25")
    site = tmp_path / "site"
    serve_build(project, site, first=True)
    pages = {name: site / name / "index.html" for name in ("kelurahan/gunung", "kelurahan/kramat-pela", "tentang")}
    before = {name: path.stat().st_mtime_ns for name, path in pages.items()}
    entries = len(json.loads((site / "search" / "search_index.json").read_text())["docs"])
    time.sleep(0.01)
    offices = project / "offices.yaml"
    offices.write_text(offices.read_text().replace("Jl. Bujana Dalam No. 7", "Jl. Bujana Dalam No. 9"))

    serve_build(project, site)
    assert "Jl. Bujana Dalam No. 9" in pages["kelurahan/gunung"].read_text()
    assert "Jl. Bujana Dalam No. 9" in (site / "pengumuman" / "kelurahan" / "gunung.html").read_text()
    after = {name: path.stat().st_mtime_ns for name, path in pages.items()}
    assert after["kelurahan/gunung"] != before["kelurahan/gunung"]
    assert after["kelurahan/kramat-pela"] == before["kelurahan/kramat-pela"]
    assert after["tentang"] == before["tentang"]
    index = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    assert len(index) == entries
    assert any("Jl. Bujana Dalam No. 9" in doc["text"] for doc in index if doc["location"] == "kelurahan/gunung/#alamat")


def test_a_new_status_date_rebuilds_every_page(project, tmp_path, monkeypatch):
    site = tmp_path / "site"
    monkeypatch.setenv("PANDUAN_DATE", "2020-03-25")
    serve_build(project, site, first=True)
    monkeypatch.setenv("PANDUAN_DATE", "2020-03-26")
    serve_build(project, site)
    for page in ("kelurahan/kramat-pela", "tentang", ""):
        assert "Status loket per <span data-status-day>Kamis, 26 Maret 2020</span>." in (site / page / "index.html").read_text(), page
