"""Shared fixtures: the repo, the small test data set, built sites and Chromium.

Use these rather than building your own: a build of the real data costs tens of seconds, and
`make test` must stay within minutes on a 2-core machine.

    fixture             scope     what
    data                function  a copy of tests/fixtures/mini to edit (Data: text, replace, line)
    closed_site         session   Site: the real data as of 25 March 2020 (both closures), no batch PDFs
    open_site           session   Site: the real data as of 10 April 2020 (after them), no batch PDFs
    mini_site           session   Site: the small data set as of 25 March 2020, no batch PDFs
    mini_pdf_site       session   Site: the small data set as of 25 March 2020 with the batch PDFs,
                                  published at MINI_SITE_URL
    mini_zensical_site  session   Site: the small data set as of 25 March 2020 built by Zensical, no PDFs
    chromium            session   one headless Debian Chromium (Playwright) for every browser test
    closed_server       session   the address (http://127.0.0.1:PORT) that serves closed_site

test_browser.py's `browser` and `server`, which browser tests import, are these last two.
The session sites are built once per run, also under pytest-xdist (`make test` runs two workers):
the first worker that asks builds under a lock, the other reuses the result. They are shared, so a
test never writes into them: copy one first (shutil.copytree) when a test needs a site to change.

The runner's own threads (pytest-xdist's I/O thread in a worker, Playwright's child watcher, the
session's HTTP server) are not counted by `threading.active_count()` during the tests, so that
generator/background.py forks its work in a build here as it does in `make site` (it does not fork
while other threads run, as in `mkdocs serve`). Threads that a test starts are counted as usual.

Fixture line numbers are never typed by hand: `line_of(text, needle)` or `Data.line` finds them.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Callable

import pytest
from filelock import FileLock

from generator.build import build_site

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
MINI_SITE_URL = "https://contoh.github.io/panduan/"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


# Threads of the test runner, not of the code under test (see the module's docstring).
RUNNER_THREADS: set[threading.Thread] = {t for t in threading.enumerate() if t is not threading.main_thread()}


def code_threads() -> int:
    """threading.active_count() less the runner's threads."""
    return sum(1 for thread in threading.enumerate() if thread not in RUNNER_THREADS)


@pytest.fixture(scope="session", autouse=True)
def runner_threads_not_counted():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(threading, "active_count", code_threads)
        yield


def line_of(text: str, needle: str) -> int:
    """1-based line of the only line that contains `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


class Data:
    """A copy of the small data set that a test edits before checking it."""

    def __init__(self, folder: Path):
        self.folder = folder
        shutil.copy(MINI / "services.yaml", folder / "services.yaml")
        shutil.copy(MINI / "offices.yaml", folder / "offices.yaml")

    def text(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} appears {text.count(old)} times in {name}"
        (self.folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def line(self, name: str, needle: str) -> int:
        return line_of(self.text(name), needle)


@pytest.fixture
def data(tmp_path: Path) -> Data:
    folder = tmp_path / "data"
    folder.mkdir()
    return Data(folder)


class Site:
    """A built site and where its pages are."""

    def __init__(self, root: Path):
        self.root = root

    def html(self, page: str) -> str:
        """page like "kelurahan/gunung/" or "" for the home page."""
        return (self.root / page / "index.html").read_text(encoding="utf-8")


def shared_build(tmp_path_factory, name: str, build: Callable[[Path], object]) -> Site:
    """build(out) once per test run, also across pytest-xdist workers, into <run's temp>/shared/<name>/site."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    shared = root / "shared"
    shared.mkdir(exist_ok=True)
    out = shared / name / "site"
    with FileLock(shared / f"{name}.lock"):
        done = shared / f"{name}.done"
        if not done.exists():
            shutil.rmtree(out.parent, ignore_errors=True)
            build(out)
            done.touch()
    return Site(out)


@pytest.fixture(scope="session")
def closed_site(tmp_path_factory) -> Site:
    """The real data built as of 25 March 2020, during both closures."""
    return shared_build(tmp_path_factory, "closed", lambda out: build_site(REPO, dt.date(2020, 3, 25), out, pdf=False))


@pytest.fixture(scope="session")
def open_site(tmp_path_factory) -> Site:
    """The real data built as of 10 April 2020, after both closures."""
    return shared_build(tmp_path_factory, "open", lambda out: build_site(REPO, dt.date(2020, 4, 10), out, pdf=False))


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Site:
    """The small data set built as of 25 March 2020, without the batch PDFs, at mkdocs.yml's address."""
    return shared_build(tmp_path_factory, "mini", lambda out: build_site(MINI, dt.date(2020, 3, 25), out, pdf=False))


@pytest.fixture(scope="session")
def mini_pdf_site(tmp_path_factory) -> Site:
    """The small data set (which has a WhatsApp number) as of 25 March 2020, with the batch PDFs,
    published at MINI_SITE_URL, an address with a path."""
    return shared_build(tmp_path_factory, "mini-pdf",
                        lambda out: build_site(MINI, dt.date(2020, 3, 25), out, site_url=MINI_SITE_URL))


@pytest.fixture(scope="session")
def mini_zensical_site(tmp_path_factory) -> Site:
    """The small data set built by Zensical as of 25 March 2020, without the batch PDFs."""
    return shared_build(tmp_path_factory, "mini-zensical",
                        lambda out: build_site(MINI, dt.date(2020, 3, 25), out, engine="zensical", pdf=False))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve folder on 127.0.0.1 in a thread: (its address http://127.0.0.1:PORT, the server to shut down)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    RUNNER_THREADS.add(thread)
    thread.start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@pytest.fixture(scope="session")
def closed_server(closed_site):
    address, httpd = serve(closed_site.root)
    yield address
    httpd.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, started once per test run (per worker); each test opens its own context."""
    from playwright.sync_api import sync_playwright

    before = set(threading.enumerate())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        RUNNER_THREADS.update(set(threading.enumerate()) - before)  # asyncio's watcher of the driver process
        yield browser
        browser.close()
