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

from . import closures, exports, notices
from .background import Background
from .dates import long_date
from .model import Guide, Office, load_guide
from .pages import render_pages
from .urls import SECTIONS


@dataclass
class Generated:
    guide: Guide
    day: dt.date
    site_url: str
    updated: dt.date  # when the data last changed
    statuses: dict[Office, closures.Status]  # of every office on `day`
    pages: dict[str, str]  # path inside docs -> Markdown of a page
    files: dict[str, bytes]  # path inside docs -> open data, calendars, feed (exports.py)
    extra: dict[str, str]  # build facts for the theme (config.extra)


def build_facts(day: dt.date) -> dict:
    """What overrides/ reads from config.extra: the day the statuses describe, the kind of page of each section."""
    return {"tanggal_status": long_date(day), "jenis_halaman": SECTIONS}


def generate(data_dir: Path, day: dt.date, site_url: str) -> Generated:
    """Check the data (DataError with every problem) and render every page and data file as of `day`.

    The data files depend on the data alone: they are made in the background (background.py)
    while the pages are rendered.
    """
    guide = load_guide(data_dir)
    updated = notices.data_updated(data_dir)
    with Background(lambda: exports.render_all(guide, day, site_url, data_dir, updated)) as data_files:
        statuses = closures.statuses(guide.offices, day)
        pages = render_pages(guide, day, statuses)
        files = data_files.result()
    return Generated(guide, day, site_url, updated, statuses, pages, files, build_facts(day))


def notice_pages(generated: Generated) -> dict[Office, str]:
    """The notice HTML of every office (published at office.notice_page), with its QR code."""
    guide, site_url = generated.guide, generated.site_url
    with notices.QrCodes([notices.page_url(site_url, office) for office in guide.offices]) as qr_codes:
        return notices.render_notices(guide, generated.day, site_url, generated.updated,
                                      statuses=generated.statuses, qr_codes=qr_codes.result())
