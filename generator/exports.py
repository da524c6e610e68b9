"""Every file the site publishes besides its pages: open data, calendars and the feed.

`render_all` returns {path in the site: bytes}; site.generate() hands them to the
build, which writes them into the staged docs so that MkDocs copies them into
the site (and checks the links to them), and to the MkDocs hook, which adds
them in memory for `mkdocs serve`. Their
addresses are in urls.py; the Data terbuka page (docs/data-terbuka.md)
describes each one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import closures_calendar, feed, hsds, open_data
from .model import Guide


def render_all(guide: Guide, day: dt.date, site_url: str, data_dir: Path, updated: dt.date) -> dict[str, bytes]:
    """As of `day` (the HSDS status); everything else depends on the data alone (`updated`: its last change)."""
    texts = {**open_data.render(guide, site_url, updated), **hsds.render(guide, day, site_url)}
    return {
        **{path: text.encode("utf-8") for path, text in texts.items()},
        **closures_calendar.render(guide, updated, site_url),
        **feed.render(guide, data_dir, updated, site_url),
    }
