"""Everything the generator adds to a site: the pages, the data files, the notices and the build facts.

`python -m generator build` (build.py) and the MkDocs hook used by `mkdocs
serve` (mkdocs_hook.py) both call `generate` and `notice_pages`, so the two
always produce the same pages from the same data and date.

`generate` makes what MkDocs builds: the Markdown pages and the data files
its pages link to. The printable notices are standalone HTML that MkDocs only
copies: `notice_pages` makes them apart, so that the build can make them (and
their batch PDFs) in the background while MkDocs runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import closures, delivery, exports, notices, urls
from .background import Background
from .dates import long_date
from .model import Guide, Office, load_guide
from .pages import render_pages
from .urls import SECTIONS


@dataclass
class Basis:
    """What every page, file and notice is made from: the checked data as of a day, for an address."""

    data_dir: Path
    guide: Guide
    day: dt.date
    site_url: str
    updated: dt.date  # when the data last changed
    statuses: dict[Office, closures.Status]  # of every office on `day`


@dataclass
class Generated(Basis):
    pages: dict[str, str]  # path inside docs -> Markdown of a page
    files: dict[str, bytes]  # path inside docs -> open data, calendars, feed (exports.py)
    extra: dict[str, str]  # build facts for the theme (config.extra)


def build_facts(day: dt.date) -> dict:
    """What overrides/ reads from config.extra: the day the statuses describe, the kind of page of each section."""
    return {"tanggal_status": long_date(day), "jenis_halaman": SECTIONS,
            # delivery on slow data and offline (delivery.py, overrides/partials/offline.html)
            "stylesheet": urls.STYLESHEET, "stylesheet_wide": urls.STYLESHEET_WIDE,
            "stylesheet_wide_media": urls.STYLESHEET_WIDE_MEDIA, "stylesheet_later": urls.STYLESHEET_LATER,
            "service_worker": urls.SERVICE_WORKER, "manifest": urls.MANIFEST,
            "theme_colour": delivery.THEME_COLOUR}


def prepare(data_dir: Path, day: dt.date, site_url: str) -> Basis:
    """Check the data (DataError with every problem) and decide the status of every office on `day`."""
    guide = load_guide(data_dir)
    return Basis(data_dir, guide, day, site_url, notices.data_updated(data_dir), closures.statuses(guide.offices, day))


def generate(data_dir: Path, day: dt.date, site_url: str) -> Generated:
    """Check the data (DataError with every problem) and render every page and data file as of `day`."""
    return generate_from(prepare(data_dir, day, site_url))


def generate_from(b: Basis) -> Generated:
    """Every page and data file of a prepared basis.

    The data files depend on the data alone: they are made in the background (background.py)
    while the pages are rendered.
    """
    with Background(lambda: exports.render_all(b.guide, b.day, b.site_url, b.data_dir, b.updated)) as data_files:
        pages = render_pages(b.guide, b.day, b.statuses)
        files = data_files.result()
    files.update(delivery.offline_files(pages, files, b.day, delivery.site_name(b.data_dir)))
    return Generated(b.data_dir, b.guide, b.day, b.site_url, b.updated, b.statuses, pages, files, build_facts(b.day))


def notice_pages(basis: Basis) -> dict[Office, str]:
    """The notice HTML of every office (published at office.notice_page), with its QR code."""
    return notices.render_notices(basis.guide, basis.day, basis.site_url, basis.updated, statuses=basis.statuses)
