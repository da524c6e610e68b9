"""The thin MkDocs glue for `mkdocs serve` and `mkdocs build` run from the repo root.

It asks the generator for the pages and notices and adds them to the build in
memory, so nothing generated is written into docs/. `python -m generator build`
does not use this hook: it stages the pages itself, and it alone binds the
batch PDFs of notices (they take most of a minute). Set PANDUAN_DATE=YYYY-MM-DD
to see the guide as of another day.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import notices, preview
from generator.build import theme_extra
from generator.model import load_guide
from generator.pages import render_pages
from generator.problems import DataError

PAGES: dict[str, str] = {}


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    day = dt.date.fromisoformat(os.environ["PANDUAN_DATE"]) if os.environ.get("PANDUAN_DATE") else dt.date.today()
    try:
        guide = load_guide(data_dir(config))
    except DataError as error:
        raise PluginError("the data has problems:\n" + str(error)) from None
    PAGES.clear()
    PAGES.update(render_pages(guide, day))
    updated = notices.data_updated(data_dir(config))
    for office, html in notices.render_notices(guide, day, config.site_url, updated).items():
        PAGES[office.notice_page] = html
    config.extra.update(theme_extra(day))
    return config


def on_files(files, config):
    for path in PAGES:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand, but the generator also makes this page")
    for file in preview.generated_files(config, PAGES, files):  # `make serve` rebuilds only what changed
        files.append(file)
    return files


def on_serve(server, config, builder):
    for name in ("services.yaml", "offices.yaml"):
        server.watch(str(data_dir(config) / name))
    return server
