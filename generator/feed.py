"""An Atom feed of the changes in the data that matter to residents.

It walks the last commits that changed services.yaml or offices.yaml (on the
first-parent line, so a merged pull request is one change) and compares each
with the version before it using diff.py's compare(), the same summary a
reviewer reads. Each commit whose summary has a section residents care about
(Kontak, Penutupan, Layanan, Kantor) becomes one entry dated by the commit;
the commit that first added the data becomes "pertama kali diterbitkan", with
the closures it held. Versions that no longer pass today's checks are passed
over. Without a usable history (no git, a shallow clone, nothing relevant
yet) the feed holds one entry describing the closures on record.

The same repository state always gives the same bytes: ids come from commit
hashes (or from the closures), dates from the commits (or from the data).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from . import diff, urls
from .dates import plain_date
from .identifiers import stable_uuid
from .model import Guide
from .validate import OFFICES, SERVICES

ATOM = "http://www.w3.org/2005/Atom"
HISTORY = 20  # commits that changed the data, newest first
SECTIONS = ("Kontak", "Penutupan", "Layanan", "Kantor")  # of diff.compare(): what residents see change
JAKARTA = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: dt.datetime
    link: str
    lines: tuple[str, ...]


# --- reading the history ---------------------------------------------------------


def git(data_dir: Path, *args: str) -> str | None:
    """git's output in data_dir, or None when git or the repository cannot answer."""
    try:
        result = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def commits(data_dir: Path, limit: int) -> list[tuple[str, dt.datetime]]:
    """(hash, committer date in Jakarta) of the last commits that changed the data, newest first."""
    log = git(data_dir, "log", "--first-parent", f"-n{limit}", "--format=%H %cI", "--", SERVICES, OFFICES)
    lines = (line.split() for line in (log or "").splitlines())
    return [(sha, dt.datetime.fromisoformat(date).astimezone(JAKARTA)) for sha, date in lines]


_GUIDES: dict[tuple[str, ...], Guide | None] = {}  # by the two files' blob ids: one check per version


def version(data_dir: Path, rev: str) -> Guide | None:
    """The data at `rev`, checked and built; None when it is missing there or fails today's checks."""
    blobs = git(data_dir, "rev-parse", f"{rev}:./{SERVICES}", f"{rev}:./{OFFICES}")
    if blobs is None:
        return None
    key = tuple(blobs.split())
    if key not in _GUIDES:
        try:
            _GUIDES[key] = diff.read_side(rev, data_dir).guide
        except diff.SideError:
            _GUIDES[key] = None
    return _GUIDES[key]


def has_data(data_dir: Path, rev: str) -> bool:
    return git(data_dir, "cat-file", "-e", f"{rev}:./{OFFICES}") is not None


# --- what an entry says ----------------------------------------------------------


def plain(line: str) -> str:
    """diff.py writes Markdown for the reviewer; the feed carries plain text."""
    return line.removeprefix("### ").replace("**", "").replace("`", "")


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def change_entry(sha: str, when: dt.datetime, sections: list[tuple[str, list[str]]], site_url: str) -> Entry:
    titles = [title for title, _ in sections]
    lines = []
    for title, body in sections:
        lines += [title.upper(), *(plain(line) for line in body), ""]
    page = urls.CLOSURES if "Penutupan" in titles else urls.HOME
    return Entry(
        id=f"urn:uuid:{stable_uuid('feed-entry', sha)}",
        title=f"{plain_date(when.date())}: perubahan {listing([t.lower() for t in titles])}",
        updated=when,
        link=urls.absolute(site_url, page),
        lines=tuple(lines[:-1]),
    )


def closure_lines(guide: Guide) -> list[str]:
    ordered = sorted(guide.closures, key=lambda c: (c.mulai, c.selesai, c.id))
    return [plain(f"- {diff.closure_text(c)}") for c in ordered] or ["Tidak ada penutupan yang tercatat."]


def first_entry(sha: str, when: dt.datetime, guide: Guide, site_url: str) -> Entry:
    return Entry(
        id=f"urn:uuid:{stable_uuid('feed-entry', sha)}",
        title=f"{plain_date(when.date())}: data panduan pertama kali diterbitkan",
        updated=when,
        link=urls.absolute(site_url, urls.CLOSURES),
        lines=("Penutupan yang tercatat:", *closure_lines(guide)),
    )


def current_entry(guide: Guide, updated: dt.date, site_url: str) -> Entry:
    """The fallback without a history: the closures on record, dated by the data."""
    keys = sorted(f"{c.id}:{c.wilayah}:{c.mulai}:{c.selesai}" for c in guide.closures)
    return Entry(
        id=f"urn:uuid:{stable_uuid('feed-entry', 'penutupan', *keys)}",
        title=f"Penutupan layanan yang tercatat per {plain_date(updated)}",
        updated=dt.datetime.combine(updated, dt.time(0, 0), tzinfo=JAKARTA),
        link=urls.absolute(site_url, urls.CLOSURES),
        lines=tuple(closure_lines(guide)),
    )


def entries(data_dir: Path, site_url: str, limit: int = HISTORY) -> list[Entry]:
    """The history's entries, newest first (empty without a usable history)."""
    shallow = git(data_dir, "rev-parse", "--is-shallow-repository") == "true"
    found = []
    for sha, when in commits(data_dir, limit):
        new = version(data_dir, sha)
        if new is None:
            continue
        parent = git(data_dir, "rev-parse", "--verify", "--quiet", f"{sha}^")
        if parent is None and shallow:
            continue  # the clone stops here: what came before is unknown
        if parent is None or not has_data(data_dir, parent):
            found.append(first_entry(sha, when, new, site_url))
            continue
        old = version(data_dir, parent)
        if old is None:
            continue
        sections = [(title, body) for title, body in diff.compare(old, new) if title in SECTIONS]
        if sections:
            found.append(change_entry(sha, when, sections, site_url))
    return found


# --- the XML -----------------------------------------------------------------------


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text  # ElementTree escapes it
    return element


def atom(items: list[Entry], site_url: str, guide: str, region: str) -> bytes:
    """guide: its name (Guide.name); region: what it covers (Guide.region_title)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "id"})
    add(feed, "id", f"urn:uuid:{stable_uuid('feed')}")
    add(feed, "title", f"Perubahan data {guide}")
    add(feed, "subtitle", f"Penutupan loket, kontak, layanan dan kantor Dukcapil {region} yang berubah.")
    add(feed, "updated", max(e.updated for e in items).isoformat())
    add(add(feed, "author"), "name", guide)
    add(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(site_url, urls.FEED))
    add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(site_url, urls.CLOSURES))
    for item in items:
        entry = add(feed, "entry")
        add(entry, "id", item.id)
        add(entry, "title", item.title)
        add(entry, "updated", item.updated.isoformat())
        add(entry, "link", rel="alternate", type="text/html", href=item.link)
        add(entry, "content", "\n".join(item.lines), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def render(guide: Guide, data_dir: Path, updated: dt.date, site_url: str) -> dict[str, bytes]:
    """{path in the site: the Atom feed}."""
    items = entries(data_dir, site_url) or [current_entry(guide, updated, site_url)]
    return {urls.FEED: atom(items, site_url, guide.name, guide.region_title)}
