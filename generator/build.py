"""Build the site: generate the pages, run MkDocs, and swap the result in.

MkDocs (strict) builds docs/ (the hand-written pages) with the generated pages
and data files added in memory (InMemory); Zensical, which reads the same
mkdocs.yml but runs no plugins, gets them written with a copy of docs/ into a
temporary folder (stage_docs, as `python -m generator markdown` writes them).
The printable notices (standalone HTML) and their batch PDFs are not built by
the engine: a forked process makes and writes them while it runs
(background.py), and they join its output after. The site is built into a
temporary folder beside the output, which replaces the output only when
everything succeeded: a failed build leaves the previous site exactly as it
was.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions

from . import delivery, notices
from .background import Background
from .site import Basis, Generated, generate, generate_from, notice_pages, prepare

REPO = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """MkDocs could not build the generated pages."""


HANDWRITTEN = "docs/{path} is written by hand, but the generator also makes this page"


def write_files(files: dict[str, str | bytes], folder: Path, taken: str) -> None:
    """Each file at its path in `folder`, where none may be already (`taken`: what such a file would be)."""
    made = set()
    for relative, content in files.items():
        target = folder / relative
        if target.exists():
            raise BuildError(taken.format(path=relative))
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def stage_docs(files: dict[str, str | bytes], handwritten: Path, staging: Path) -> None:
    """docs/ plus the generated pages and files; a generated one may never replace a hand-written one."""
    shutil.copytree(handwritten, staging)
    write_files(files, staging, HANDWRITTEN)


def stage_markdown(data_dir: Path, day: dt.date, site_url: str, staging: Path,
                   config_file: Path = REPO / "mkdocs.yml") -> Generated:
    """Validate, render, and write into `staging` exactly what MkDocs builds: docs/, pages, data files."""
    generated = generate(data_dir, day, site_url)
    stage_docs({**generated.pages, **generated.files}, config_file.parent / "docs", staging)
    return generated


def replace_dir(new: Path, out: Path) -> None:
    """Put `new` at `out` with two renames, so `out` is never half written."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old)


class InMemory(BasePlugin):
    """Adds the generated pages and data files to an MkDocs build from memory, as mkdocs_hook.py does
    for `mkdocs serve`: nothing is written out for MkDocs to read back (6,642 pages for Jawa Barat)."""

    def __init__(self, files: dict[str, str | bytes]):
        super().__init__()
        self.files = files

    def on_files(self, files: Files, config) -> Files:
        generated = [File.generated(config, path, content=content) for path, content in self.files.items()]
        set_exclusions(generated, config)  # as MkDocs does for the files it finds in docs_dir
        return Files(sorted([*files, *generated], key=file_sort_key))  # in the order MkDocs would find them

    def on_config(self, config):
        delivery.late_extra_css(config)
        return config

    def on_post_build(self, config) -> None:
        delivery.stylesheet(Path(config.site_dir))  # the theme's CSS without what no page uses
        delivery.search_index(Path(config.site_dir))  # and its search index without markup


def run_mkdocs(config_file: Path, files: dict[str, str | bytes], work: Path, site: Path, extra: dict[str, str],
               urls: dict[str, str]) -> None:
    """MkDocs on docs/ and, in memory, the generated files."""
    docs = config_file.parent / "docs"
    for path in files:
        if (docs / path).exists():
            raise BuildError(HANDWRITTEN.format(path=path))
    config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True,
                         hooks=[], **urls)
    config.extra.update(extra)
    config.plugins["generator"] = InMemory(files)
    try:
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as error:
        raise BuildError(f"MkDocs failed: {error}") from error


def run_zensical(config_file: Path, files: dict[str, str | bytes], work: Path, site: Path, extra: dict[str, str],
                 urls: dict[str, str]) -> None:
    """Zensical reads the same mkdocs.yml and overrides/ but runs no hooks: it gets docs/ and the files staged in `work`."""
    staging = work / "docs"
    stage_docs(files, config_file.parent / "docs", staging)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.pop("hooks", None)
    theme = config["theme"]
    theme["custom_dir"] = str((config_file.parent / theme["custom_dir"]).resolve())
    config.update(docs_dir=staging.name, site_dir=site.name, **urls)  # beside the derived config; Zensical wants them relative
    config.setdefault("extra", {}).update(extra)
    derived = staging.parent / "mkdocs.yml"
    derived.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", derived.name],
                            capture_output=True, text=True, cwd=derived.parent)
    if result.returncode != 0 or not (site / "index.html").exists():
        raise BuildError(f"Zensical failed: {(result.stderr or result.stdout).strip()}")


ENGINES = {"mkdocs": run_mkdocs, "zensical": run_zensical}


@contextmanager
def dated(day: dt.date):
    """Date the build by the day it shows, not the clock, so that it is reproducible.

    MkDocs 1.6 dates the sitemap (each <lastmod> and the gzip header of
    sitemap.xml.gz) by SOURCE_DATE_EPOCH when set, else by today.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def configured_site_url(config_file: Path) -> str:
    return yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]


def printables(basis: Basis, pdf: bool = True) -> dict[str, bytes]:
    """{path in the site: content} of the notices (each office's A4 HTML) and, with pdf, their batch PDFs."""
    html = notice_pages(basis)
    files = {office.notice_page: text.encode("utf-8") for office, text in html.items()}
    if pdf:
        files.update(notices.batch_pdfs(basis.guide, html))
    return files


def move_into(made: Path, site: Path) -> None:
    """What is in `made` into `site`: one rename per top-level entry (the notices are all in pengumuman/)."""
    for entry in sorted(made.iterdir()) if made.exists() else []:
        if (site / entry.name).exists():
            raise BuildError(f"{entry.name} is made by the engine, but the generator also makes it")
        entry.rename(site / entry.name)


def build_site(data_dir: Path, day: dt.date, out: Path, config_file: Path = REPO / "mkdocs.yml",
               engine: str = "mkdocs", site_url: str | None = None, repo_url: str | None = None,
               pdf: bool = True) -> int:
    """Validate, render and build; returns the number of generated pages.

    site_url (default: mkdocs.yml's) makes the notices' QR codes absolute;
    repo_url (https://github.com/OWNER/REPO) turns on the pages' edit links;
    pdf=False skips the batch PDFs of notices, the slowest step.
    """
    site_url = site_url or configured_site_url(config_file)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.build-") as temp:
        work, site, printed = Path(temp), Path(temp) / "site", Path(temp) / "printed"
        basis = prepare(data_dir, day, site_url)
        urls = {"site_url": site_url}
        if repo_url:  # edit links on branch main, as in overrides/partials/actions.html
            urls.update(repo_url=repo_url.rstrip("/"), edit_uri="edit/main/docs/")
        with contextlib.ExitStack() as stack:
            # The notices (and PDFs) are made and written by another process; they join the site after
            # the engine. The PDFs outlast the engine's build: they start as soon as the data is
            # checked. The notices alone fit in it: they start after the pages, not to slow them.
            def notices_meanwhile() -> Background:
                return stack.enter_context(
                    Background(lambda: write_files(printables(basis, pdf), printed, "{path} is made twice")))

            made = notices_meanwhile() if pdf else None
            generated = generate_from(basis)
            made = made or notices_meanwhile()
            with dated(day):
                ENGINES[engine](config_file, {**generated.pages, **generated.files}, work, site, generated.extra, urls)
            made.result()
        move_into(printed, site)
        replace_dir(site, out)
    count = len(generated.pages)
    logging.getLogger(__name__).info("built %d generated pages into %s", count, out)
    return count


def write_markdown(data_dir: Path, day: dt.date, out: Path, site_url: str | None = None,
                   config_file: Path = REPO / "mkdocs.yml") -> int:
    """What MkDocs builds (docs/, generated pages, data files) into `out`, replaced whole; returns the page count.

    Not the notices and PDFs, which the build makes beside MkDocs's output."""
    out = out.resolve()
    handwritten = (config_file.parent / "docs").resolve()
    if out == handwritten or out in handwritten.parents:
        raise BuildError(f"--out {out} would replace the hand-written docs/: choose another folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}.markdown-") as temp:
        generated = stage_markdown(data_dir, day, site_url or configured_site_url(config_file), Path(temp) / "docs",
                                   config_file)
        replace_dir(Path(temp) / "docs", out)
    return len(generated.pages)
