"""`python -m generator markdown` writes what MkDocs builds; `build --no-pdf` skips the batch PDFs."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.build import BuildError, dated, write_markdown
from generator.site import build_facts, generate
from generator.model import load_guide
from generator.pages import render_pages

import pytest

from conftest import MINI, REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=REPO)


def files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


class TestMarkdown:
    def test_writes_docs_the_generated_pages_and_the_data_files(self, tmp_path):
        """Not the notices: MkDocs does not build them, the build writes them beside its output."""
        out = tmp_path / "md"
        result = run("markdown", "--data", str(MINI), "--date", "2020-03-25", "--site-url", "https://guide.test/",
                     "--out", str(out))
        assert result.returncode == 0, result.stderr
        guide = load_guide(MINI)
        pages = render_pages(guide, dt.date(2020, 3, 25))
        assert result.stdout == f"Wrote {len(pages)} generated pages as of 2020-03-25, with docs/ and the data files, into {out}.\n"
        files = set(generate(MINI, dt.date(2020, 3, 25), "https://guide.test/").files)
        assert "data/closures.ics" in files
        assert files_under(out) == files_under(REPO / "docs") | set(pages) | files
        assert (out / "kelurahan" / "gunung.md").read_text() == pages["kelurahan/gunung.md"]
        assert not (out / "pengumuman").exists()

    def test_a_bare_mkdocs_build_of_it_is_the_site(self, tmp_path, mini_site):
        """What the benchmark compares with: MkDocs on the written folder, no hook, makes the very site
        the build makes with the pages in memory (less the notices, which the build adds)."""
        write_markdown(MINI, dt.date(2020, 3, 25), tmp_path / "md")
        config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(tmp_path / "md"), site_dir=str(tmp_path / "site"),
                             strict=True, hooks=[])
        config.extra.update(build_facts(dt.date(2020, 3, 25)))
        with dated(dt.date(2020, 3, 25)):
            mkdocs_build(config)
        html = (tmp_path / "site" / "kelurahan" / "gunung" / "index.html").read_text()
        assert 'data-status="tutup"' in html
        assert "Status loket per <span data-status-day>Rabu, 25 Maret 2020</span>." in html
        built = {path: (mini_site.root / path).read_bytes() for path in files_under(mini_site.root)}  # build_site, pdf=False
        bare = {path: (tmp_path / "site" / path).read_bytes() for path in files_under(tmp_path / "site")}
        assert {path for path in built if path.startswith("pengumuman/")} == {
            office.notice_page for office in load_guide(MINI).offices}
        assert {path: content for path, content in built.items() if not path.startswith("pengumuman/")} == bare

    def test_replaces_the_folder_whole(self, tmp_path):
        out = tmp_path / "md"
        out.mkdir()
        (out / "old.md").write_text("# Lama\n")
        write_markdown(MINI, dt.date(2020, 3, 25), out)
        assert not (out / "old.md").exists()
        assert (out / "index.md").exists()

    def test_never_writes_over_docs(self):
        with pytest.raises(BuildError, match="would replace the hand-written docs/"):
            write_markdown(MINI, dt.date(2020, 3, 25), REPO / "docs")
        with pytest.raises(BuildError, match="would replace the hand-written docs/"):
            write_markdown(MINI, dt.date(2020, 3, 25), REPO)

    def test_bad_data_writes_nothing(self, data, tmp_path):
        data.replace("offices.yaml", "    nama: Gunung\n", "    nama: Gunung\n    namaa: Gunung\n")
        result = run("markdown", "--data", str(data.folder), "--out", str(tmp_path / "md"))
        assert result.returncode == 1
        assert "kelurahan[31.74.07.1002].namaa: unknown field namaa: did you mean nama?" in result.stderr
        assert not (tmp_path / "md").exists()


def test_build_no_pdf_skips_the_batch_pdfs(tmp_path):
    out = tmp_path / "site"
    result = run("build", "--data", str(MINI), "--date", "2020-03-25", "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "kelurahan" / "gunung" / "index.html").exists()
    assert (out / "pengumuman" / "kelurahan" / "gunung.html").exists()
    assert not list(out.rglob("*.pdf"))
