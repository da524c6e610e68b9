"""Shared fixtures: the repo, the small test data set, and built sites."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.build import build_site

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"


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


@pytest.fixture(scope="session")
def closed_site(tmp_path_factory) -> Site:
    """The real data built as of 25 March 2020, during both closures."""
    out = tmp_path_factory.mktemp("closed") / "site"
    build_site(REPO, dt.date(2020, 3, 25), out, pdf=False)
    return Site(out)


@pytest.fixture(scope="session")
def open_site(tmp_path_factory) -> Site:
    """The real data built as of 10 April 2020, after both closures."""
    out = tmp_path_factory.mktemp("open") / "site"
    build_site(REPO, dt.date(2020, 4, 10), out, pdf=False)
    return Site(out)
