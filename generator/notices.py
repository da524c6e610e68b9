"""Printable notices ("PENGUMUMAN") for Satpol PP patrols: one A4 page per office.

Each notice is a standalone HTML page (no theme, no script) that prints on one
A4 sheet: what is closed and until when, on whose decision, how to be served
instead, a QR code to the office's page on the guide and the address. The same
HTML is published beside the office pages and bound into batch PDFs per
kecamatan and per kota with WeasyPrint.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import io
import itertools
import multiprocessing
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import segno

from . import closures, urls, wording
from .dates import long_date
from .model import Contact, Guide, Office
from .pages import environment

WORKERS = min(2, os.cpu_count() or 1)  # processes that lay out the batch PDFs


def page_url(site_url: str, office: Office) -> str:
    """The absolute address of an office's page, for the QR code."""
    return site_url.rstrip("/") + "/" + urls.served(office.page)


# A QR code is masked with one of eight patterns; segno scores all eight and keeps the best,
# which is four fifths of the cost of a code (4 ms): 25 s for the 6,612 notices of Jawa Barat.
# Every mask is valid and read by every scanner; mask 2 is the one segno picks most for these
# addresses (422 of 1,600 DKI and Jawa Barat pages).
QR_MASK = 2


@functools.lru_cache(maxsize=None)  # a QR code takes 1 ms; `mkdocs serve` rebuilds make the same ones
def qr_image(url: str) -> str:
    """The QR code as a PNG data URI of one pixel per module, which CSS enlarges without smoothing.

    About 400 bytes, a fifth of the same code as SVG, and an image WeasyPrint places as it is,
    where it would parse and draw an SVG path of a few hundred segments on every notice (a tenth
    of the time of the batch PDFs).
    """
    return segno.make(url, error="m", mask=QR_MASK).png_data_uri(scale=1, border=2)


def data_updated(data_dir: Path) -> dt.date:
    """When the data last changed: the last commit of the YAML files, else their file dates."""
    files = [data_dir / "services.yaml", data_dir / "offices.yaml"]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *map(str, files)],
            cwd=data_dir, capture_output=True, text=True, check=True,
        )
        clean = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", *map(str, files)], cwd=data_dir).returncode == 0
        if result.stdout.strip() and clean:
            return dt.date.fromisoformat(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return max(dt.date.fromtimestamp(f.stat().st_mtime) for f in files)


@dataclass(frozen=True)
class PhoneLine:
    """The numbers of one contact, with the year of the data set they came from when never verified."""

    numbers: tuple[str, ...]
    year: int | None


@dataclass(frozen=True)
class Reach:
    """The contacts a notice prints, and whose they are."""

    office: Office
    contacts: tuple[Contact, ...]

    @property
    def whatsapp(self) -> list[Contact]:
        return [c for c in self.contacts if c.whatsapp]

    @property
    def phone_lines(self) -> list[PhoneLine]:
        return [PhoneLine(c.telepon, c.sumber.tahun if c.sumber and not c.diverifikasi else None)
                for c in self.contacts if c.telepon]


def reachable_contacts(office: Office) -> Reach | None:
    """The office's own trustworthy contacts, else the nearest office above that has some."""
    for candidate in [office, *office.ancestors]:
        usable = tuple(c for c in candidate.kontak if not c.diragukan)
        if usable:
            return Reach(candidate, usable)
    return None


def notice_dates(status: closures.Status) -> str:
    """The days the notice's heading speaks of: the run of closed days, else the day it is printed for."""
    if status.closed:
        return f"{long_date(status.closed_from)} sampai dengan {long_date(status.closed_until)}"
    return long_date(status.day)


def render_notices(guide: Guide, day: dt.date, site_url: str, updated: dt.date,
                   offices: list[Office] | None = None,
                   statuses: dict[Office, closures.Status] | None = None) -> dict[Office, str]:
    """The notice HTML of each office (default: every office), as of `day`."""
    template = environment().get_template("notice.html.j2")
    offices = guide.offices if offices is None else offices
    statuses = statuses or closures.statuses(offices, day)

    def render(office: Office) -> str:
        url = page_url(site_url, office)
        return template.render(
            office=office,
            guide=guide,
            day=day,
            updated=updated,
            words=wording.office_words(statuses[office], office.office_name, guide.closures_checked),
            dates=notice_dates(statuses[office]),
            reach=reachable_contacts(office),
            url=url,
            qr=qr_image(url),
        )

    return {office: render(office) for office in offices}


def layout(notices: dict[Office, str], offices: list[Office]) -> dict[Office, "weasyprint.Document"]:
    """Lay out each office's notice once, so several PDFs can share its pages."""
    return dict(zip(offices, _layout([notices[office] for office in offices])))


BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
STYLE = re.compile(r"<style>.*?</style>", re.S)


def _layout(htmls: list[str]) -> list["weasyprint.Document"]:
    """One document per notice, with their pages.

    The notices share their stylesheet, so they are laid out as one HTML
    document, each body in its own run of pages: the style is parsed and the
    fonts are set up once, not once per notice (WeasyPrint's default), which
    takes 40 % less time and a quarter of the memory. Notices whose style
    differs are laid out one by one, with one font set-up.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    styles = {match.group(0) for match in map(STYLE.search, htmls) if match}
    bodies = [BODY.search(html) for html in htmls]
    if len(styles) != 1 or not all(bodies):
        return [HTML(string=html).render(font_config=fonts) for html in htmls]
    sheets = "".join(f'<div id="lembar-{i}" style="break-before: page">{body.group(1)}</div>'
                     for i, body in enumerate(bodies))
    whole = HTML(string=htmls[0][:bodies[0].start()] + f"<body>{sheets}</body></html>").render(font_config=fonts)
    starts = [next(n for n, page in enumerate(whole.pages) if f"lembar-{i}" in page.anchors) for i in range(len(htmls))]
    ends = [*starts[1:], len(whole.pages)]
    return [whole.copy(whole.pages[start:end]) for start, end in zip(starts, ends)]


def write_pdf(documents: list, target: Path) -> int:
    """One PDF with the pages of `documents` in order; returns the page count."""
    pages = [page for document in documents for page in document.pages]
    target.parent.mkdir(parents=True, exist_ok=True)
    documents[0].copy(pages).write_pdf(target)
    return len(pages)


@dataclass(frozen=True)
class Batch:
    """One batch PDF: its path in the site, its title, and which of its kota's kelurahan (first to end)."""

    path: str
    title: str
    first: int
    end: int


def kota_batches(guide: Guide, kota: Office) -> list[Batch]:
    """The kota's PDF (its kelurahan in code order), then each kecamatan's: a run of the same pages."""
    kelurahan = guide.kelurahan_in(kota.kode)
    batches = [Batch(kota.batch_pdf, f"Pengumuman kelurahan di {kota.title}", 0, len(kelurahan))]
    for kecamatan in kota.children:
        inside = [i for i, office in enumerate(kelurahan) if office.is_within(kecamatan.kode)]
        if not inside:
            continue
        if inside != list(range(inside[0], inside[-1] + 1)):
            raise ValueError(f"expected the kelurahan of {kecamatan.title} next to each other in code order")
        batches.append(Batch(kecamatan.batch_pdf, f"Pengumuman kelurahan di {kecamatan.title}", inside[0], inside[-1] + 1))
    return batches


def write_kota(htmls: list[str], batches: list[Batch]) -> dict[str, bytes]:
    """The PDFs of one kota (run in a worker process): its notices are laid out and drawn once,
    into the kota's PDF; each kecamatan's PDF copies a run of that PDF's pages."""
    from pypdf import PdfReader, PdfWriter

    documents = _layout(htmls)
    starts = list(itertools.accumulate((len(document.pages) for document in documents), initial=0))
    whole, *parts = batches
    kota = documents[0].copy([page for document in documents for page in document.pages])
    kota.metadata.title = whole.title
    pdfs = {whole.path: kota.write_pdf()}
    reader = PdfReader(io.BytesIO(pdfs[whole.path]))
    for batch in parts:
        writer = PdfWriter()
        for page in reader.pages[starts[batch.first]:starts[batch.end]]:
            writer.add_page(page)
        writer.add_metadata({**(reader.metadata or {}), "/Title": batch.title})
        out = io.BytesIO()
        writer.write(out)
        pdfs[batch.path] = out.getvalue()
    return pdfs


def batch_pdfs(guide: Guide, notices: dict[Office, str], workers: int = WORKERS) -> dict[str, bytes]:
    """{path in the site: PDF}: one per kota and per kecamatan, one page per kelurahan, in code order.

    Made by a pool of `workers` processes (WeasyPrint is CPU-bound Python), one kota per task,
    the largest first; each kelurahan notice is laid out and drawn once.
    """
    by_size = sorted(guide.kota, key=lambda kota: -len(guide.kelurahan_in(kota.kode)))
    tasks = [([notices[k] for k in guide.kelurahan_in(kota.kode)], kota_batches(guide, kota))
             for kota in by_size if guide.kelurahan_in(kota.kode)]
    if workers == 1:
        return {path: pdf for task in tasks for path, pdf in write_kota(*task).items()}
    import weasyprint  # noqa: F401 - imported once here, for the forked workers, not once in each (0.5 s)

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            futures = [pool.submit(write_kota, *task) for task in tasks]
            return {path: pdf for future in futures for path, pdf in future.result().items()}
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # stopped: no task left to start
            raise


def find_area(guide: Guide, level: str, name_or_code: str) -> Office:
    """A kota or kecamatan by code (31.75), name (Jakarta Timur) or official name."""
    wanted = name_or_code.strip().casefold()
    areas = guide.kota if level == "kota" else guide.kecamatan
    for area in areas:
        names = {area.kode, area.nama.casefold(), area.title.casefold(), (area.nama_resmi or "").casefold()}
        if wanted in names:
            return area
    choices = ", ".join(a.nama for a in areas)
    raise LookupError(f"expected a {level} name or code, got {name_or_code!r}: choose one of {choices}")
