"""Printable notices ("PENGUMUMAN") for Satpol PP patrols: one A4 page per office.

Each notice is a standalone HTML page (no theme, no script) that prints on one
A4 sheet: what is closed and until when, on whose decision, how to be served
instead, a QR code to the office's page on the guide and the address. The same
HTML is published beside the office pages and bound into batch PDFs per
kecamatan and per kota with WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import subprocess
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import segno

from . import closures, urls
from .model import Contact, Guide, Office
from .pages import environment


def page_url(site_url: str, office: Office) -> str:
    """The absolute address of an office's page, for the QR code."""
    return site_url.rstrip("/") + "/" + urls.served(office.page)


# A QR code is masked with one of eight patterns; segno scores all eight and keeps the best,
# which is four fifths of the cost of a code (4 ms): 25 s for the 6,612 notices of Jawa Barat.
# Every mask is valid and read by every scanner; mask 2 is the one segno picks most for these
# addresses (422 of 1,600 DKI and Jawa Barat pages).
QR_MASK = 2


def qr_svg(url: str) -> str:
    return segno.make(url, error="m", mask=QR_MASK).svg_inline(scale=5, border=2, omitsize=True)  # sized by CSS


def qr_batch(urls: list[str]) -> list[str]:
    return [qr_svg(url) for url in urls]


class QrCodes:
    """The QR codes of many addresses, made by worker processes while the caller renders the pages.

    A province has thousands of notices (Jawa Barat 6,612: 6 s of QR codes on one core); from
    PARALLEL_FROM addresses on, on a machine of more than one core, the codes are split among
    WORKERS forked processes as soon as the object is made. Forked, not spawned: a spawned
    process would run again the caller's script when it is not guarded by __main__; and only
    while the caller runs no other thread (`mkdocs serve` does), which a fork would not copy
    safely. Otherwise, and below PARALLEL_FROM (DKI: 318), they are made in result().
    """

    PARALLEL_FROM = 1000
    WORKERS = 2
    CHUNK = 500

    def __init__(self, urls: list[str]):
        self.urls = urls
        self.pool = self.batches = None
        if len(urls) >= self.PARALLEL_FROM and (os.cpu_count() or 1) > 1 and threading.active_count() == 1:
            self.pool = ProcessPoolExecutor(self.WORKERS, mp_context=multiprocessing.get_context("fork"))
            chunks = [urls[start:start + self.CHUNK] for start in range(0, len(urls), self.CHUNK)]
            self.batches = [self.pool.submit(qr_batch, chunk) for chunk in chunks]

    def result(self) -> dict[str, str]:
        """{address: its QR code as inline SVG}."""
        if self.pool is None:
            return {url: qr_svg(url) for url in self.urls}
        try:
            codes = [code for batch in self.batches for code in batch.result()]
        finally:
            self.pool.shutdown(cancel_futures=True)
        return dict(zip(self.urls, codes))


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


def render_notices(guide: Guide, day: dt.date, site_url: str, updated: dt.date,
                   offices: list[Office] | None = None,
                   statuses: dict[Office, closures.Status] | None = None,
                   qr_codes: dict[str, str] | None = None) -> dict[Office, str]:
    """The notice HTML of each office (default: every office), as of `day` (qr_codes: by address, when made already)."""
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
            status=statuses[office],
            reach=reachable_contacts(office),
            url=url,
            qr=qr_codes[url] if qr_codes else qr_svg(url),
        )

    return {office: render(office) for office in offices}


def layout(notices: dict[Office, str], offices: list[Office]) -> dict[Office, "weasyprint.Document"]:
    """Lay out each office's notice once, so several PDFs can share its pages."""
    from weasyprint import HTML

    return {office: HTML(string=notices[office]).render() for office in offices}


def write_pdf(documents: list, target: Path) -> int:
    """One PDF with the pages of `documents` in order; returns the page count."""
    pages = [page for document in documents for page in document.pages]
    target.parent.mkdir(parents=True, exist_ok=True)
    documents[0].copy(pages).write_pdf(target)
    return len(pages)


def write_batches(guide: Guide, notices: dict[Office, str], folder: Path) -> None:
    """A PDF per kota and per kecamatan: one page per kelurahan, in code order.

    Each kelurahan notice is laid out once, for its kota's PDF and its
    kecamatan's; only one kota's layouts are held in memory at a time.
    """
    for kota in guide.kota:
        rendered = layout(notices, guide.kelurahan_in(kota.kode))
        for area in [kota, *kota.children]:
            write_pdf([rendered[k] for k in guide.kelurahan_in(area.kode)], folder / area.batch_pdf)


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
