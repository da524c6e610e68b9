"""The thin MkDocs glue for `mkdocs serve` and `mkdocs build` run from the repo root.

It asks the generator for the pages, data files and notices and adds them to
the build in memory, so nothing generated is written into docs/. `python -m
generator build` does not use this hook: it stages the pages itself, makes the
notices while MkDocs runs, and it alone binds the batch PDFs of notices. Set PANDUAN_DATE=YYYY-MM-DD
to see the guide as of another day.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import delivery, preview
from generator.build import HANDWRITTEN
from generator.problems import DataError
from generator.site import generate, notice_pages

PAGES: dict[str, str | bytes] = {}  # pages, notices and data files, by path inside docs


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    day = dt.date.fromisoformat(os.environ["PANDUAN_DATE"]) if os.environ.get("PANDUAN_DATE") else dt.date.today()
    try:
        generated = generate(data_dir(config), day, config.site_url)
    except DataError as error:
        raise PluginError("the data has problems:\n" + str(error)) from None
    PAGES.clear()
    PAGES.update({**generated.pages, **generated.files})
    PAGES.update({office.notice_page: html for office, html in notice_pages(generated).items()})
    config.extra.update(generated.extra)
    delivery.late_extra_css(config)
    return config


def on_files(files, config):
    for path in PAGES:
        if files.get_file_from_path(path) is not None:
            raise PluginError(HANDWRITTEN.format(path=path))
    for file in preview.generated_files(config, PAGES, files):  # `make serve` rebuilds only what changed
        files.append(file)
    return files


def on_serve(server, config, builder):
    for name in ("services.yaml", "offices.yaml"):
        server.watch(str(data_dir(config) / name))
    return server


def on_post_build(config):
    delivery.stylesheet(Path(config.site_dir))  # the theme's CSS without what no page uses (issue 18)
    delivery.search_index(Path(config.site_dir))  # and its search index without markup
