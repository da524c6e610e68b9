"""Everything the generator adds to a site: the pages, the notices and the build facts.

`python -m generator build` (build.py) and the MkDocs hook used by `mkdocs
serve` (mkdocs_hook.py) both call `generate`, so the two always produce the
same pages from the same data and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import closures, notices
from .dates import long_date
from .model import Guide, Office, load_guide
from .pages import render_pages


@dataclass
class Generated:
    guide: Guide
    pages: dict[str, str]  # path inside docs -> Markdown of a page, or the HTML of a notice
    notices: dict[Office, str]  # the notice HTML of each office, for the batch PDFs
    extra: dict[str, str]  # build facts for the theme (config.extra)


def build_facts(day: dt.date) -> dict[str, str]:
    """What overrides/ shows about this build: the day its statuses describe."""
    return {"tanggal_status": long_date(day)}


def generate(data_dir: Path, day: dt.date, site_url: str) -> Generated:
    """Check the data (DataError with every problem) and render every page and notice as of `day`."""
    guide = load_guide(data_dir)
    statuses = closures.statuses(guide.offices, day)
    pages = render_pages(guide, day, statuses)
    notice_html = notices.render_notices(guide, day, site_url, notices.data_updated(data_dir), statuses=statuses)
    pages.update({office.notice_page: html for office, html in notice_html.items()})
    return Generated(guide, pages, notice_html, build_facts(day))
