"""Everything the generator adds to a site: the pages, the notices, the data files and the build facts.

`python -m generator build` (build.py) and the MkDocs hook used by `mkdocs
serve` (mkdocs_hook.py) both call `generate`, so the two always produce the
same pages from the same data and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import closures, exports, notices
from .dates import long_date
from .model import Guide, Office, load_guide
from .pages import render_pages
from .urls import SECTIONS


@dataclass
class Generated:
    guide: Guide
    pages: dict[str, str]  # path inside docs -> Markdown of a page, or the HTML of a notice
    notices: dict[Office, str]  # the notice HTML of each office, for the batch PDFs
    files: dict[str, bytes]  # path inside docs -> open data, calendars, feed (exports.py)
    extra: dict[str, str]  # build facts for the theme (config.extra)


def build_facts(day: dt.date) -> dict:
    """What overrides/ reads from config.extra: the day the statuses describe, the kind of page of each section."""
    return {"tanggal_status": long_date(day), "jenis_halaman": SECTIONS}


def generate(data_dir: Path, day: dt.date, site_url: str) -> Generated:
    """Check the data (DataError with every problem) and render every page, notice and file as of `day`."""
    guide = load_guide(data_dir)
    qr_codes = notices.QrCodes([notices.page_url(site_url, office) for office in guide.offices])  # made meanwhile
    statuses = closures.statuses(guide.offices, day)
    pages = render_pages(guide, day, statuses)
    updated = notices.data_updated(data_dir)
    files = exports.render_all(guide, day, site_url, data_dir, updated)
    notice_html = notices.render_notices(guide, day, site_url, updated, statuses=statuses, qr_codes=qr_codes.result())
    pages.update({office.notice_page: html for office, html in notice_html.items()})
    return Generated(guide, pages, notice_html, files, build_facts(day))
