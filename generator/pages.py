"""Render the Guide into Markdown pages: one Jinja template per page type.

`render_pages` returns {path inside docs: Markdown text}. Templates autoescape,
and StrictUndefined turns a typo in a template into a failed build.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from . import closures, dates, phones, urls, wording
from .background import Background
from .schema import partial_date
from .model import Guide, Office

GENERATED_NOTE = (
    "<!-- Dibuat otomatis oleh generator dari {source} (baris {line}). "
    "Jangan diedit: ubah {source}, lalu jalankan make site. -->"
)


# Data is untrusted text. Every value a template prints is escaped for HTML and for Markdown at
# once, so that no value can open a tag, a link, an image, an attribute list ({: onclick=...}),
# an admonition, emphasis or a code span: each character that could is written as a numeric
# character reference, which Markdown leaves alone and the browser shows as the character.
# Line breaks become spaces, so that a value cannot start a block of its own; a value printed
# at the start of a line cannot start a heading, list or setext underline either.
TEXT_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
    **{char: f"&#{ord(char)};" for char in "\\`*_{}[]#!|"},
    "\n": " ", "\r": " ",
})
LINE_START = re.compile(r"^(\d*)([-+=.)])(?=[\s=-]|$)")  # "- x", "+ x", "=== ", "1. x", "2) x"


def plain_text(value: object) -> Markup:
    """A value as inert text for a Markdown template (Markup: from the template itself, printed as is)."""
    if isinstance(value, Markup):
        return value
    text = str(value).translate(TEXT_ESCAPES)
    return Markup(LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text))


@functools.lru_cache(maxsize=None)  # one per process: the pages and the notices share the compiled templates
def environment() -> jinja2.Environment:
    """The templates' environment. Compiling the templates takes a third of the time of rendering
    every page, so the compiled code is kept between builds by Jinja's bytecode cache, in a folder
    of the user's own under the system's temporary folder, keyed by each template's source."""
    env = jinja2.Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        finalize=plain_text,
        extensions=["jinja2.ext.do"],
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long_date=dates.long_date,
        plain_date=dates.plain_date,
        phone=phones.display,
        tel=phones.tel_uri,
        url_text=urls.url_text,
        partial_date=partial_date,
    )
    env.globals.update(whatsapp_uri=phones.whatsapp_uri, urls=urls, checked=wording.checked)
    return env


@dataclass(frozen=True)
class Shown:
    """Every status a page shows, decided by closures.py and said by wording.py: the block at the top,
    the line of each office in its list, the closures sections, and the same as data for the live script."""

    scope: str  # kantor (one office) or wilayah (the whole region)
    words: wording.Words
    groups: closures.Timeline  # the page's closures by phase: Sedang berlaku, Akan datang, Sudah lewat
    empty: dict[str, str]  # what each section says when it has none
    index: dict  # {closure: its index in the page's data}, for the live script
    items: dict  # {office in the page's list: its line}
    data: Markup  # <script type="application/json" id="status-data">


def closure_data(closure, region: bool = True) -> dict:
    """region: with the name of its region, which only the region's status block says."""
    return {"judul": closure.judul, "mulai": closure.mulai.isoformat(), "selesai": closure.selesai.isoformat(),
            **({"wilayah": closure.region_name} if region else {}), "layanan": [s.nama for s in closure.layanan],
            "referensi": closure.referensi or ""}


def opening_data(opening) -> dict:
    return {"isi": opening.isi, "sumber": wording.source_name(opening), "tanggal": dates.plain_date(opening.mulai),
            "mulai": opening.mulai.isoformat(), "selesai": opening.selesai.isoformat() if opening.selesai else None}


def status_json(scope: str, page_closures: list, page_openings: list, own: tuple[list, list],
                listed: list[tuple[list, list]], day: dt.date, checked: dt.date | None, office_name: str | None) -> Markup:
    """The closures and openings that reach a page (each once), the page's own and each listed office's
    by index, as data for the live-status script (a JSON script element: inert)."""
    closure_at = {c: i for i, c in enumerate(page_closures)}
    opening_at = {o: i for i, o in enumerate(page_openings)}
    refer = lambda pair: [[closure_at[c] for c in pair[0]], [opening_at[o] for o in pair[1]]]  # noqa: E731
    data = {
        **wording.page_words(scope + "_daftar" if listed else scope, page_closures, page_openings),
        "dibangun": day.isoformat(), "kantor": office_name, "diperiksa": dates.plain_date(checked) if checked else None,
        "penutupan": [closure_data(c, scope == "wilayah") for c in page_closures],
        "pembukaan": [opening_data(o) for o in page_openings],
        "milik": refer(own), **({"daftar": [refer(pair) for pair in listed]} if listed else {}),
    }
    return Markup('<script type="application/json" id="status-data">') + jinja2.filters.htmlsafe_json_dumps(
        data, ensure_ascii=False, separators=(",", ":")) + Markup("</script>")


def office_shown(guide: Guide, office: Office, statuses: dict[Office, closures.Status], day: dt.date) -> Shown:
    page_closures = closures.reaching(office)
    page_openings = closures.by_opening(o for member in [office, *office.children] for o in member.openings)
    listed = office.children
    words = wording.office_words(statuses[office], office.office_name, guide.closures_checked)
    items = {child: wording.office_words(statuses[child], child.office_name, guide.closures_checked).daftar
             for child in listed}
    data = status_json("kantor", page_closures, page_openings, (office.closures, office.openings),
                       [(child.closures, child.openings) for child in listed], day, guide.closures_checked,
                       office.office_name)
    groups = closures.timeline(office.closures, day)
    return Shown("kantor", words, groups, wording.empty_sections(day, bool(groups.current)),
                 {c: i for i, c in enumerate(page_closures)}, items, data)


def region_shown(guide: Guide, day: dt.date) -> Shown:
    page_closures = closures.by_date(guide.closures)
    page_openings = closures.by_opening(guide.openings)
    words = wording.region_words(closures.region_status(guide.closures, guide.openings, day), guide.closures_checked)
    data = status_json("wilayah", page_closures, page_openings, (page_closures, page_openings), [], day,
                       guide.closures_checked, None)
    groups = closures.timeline(guide.closures, day)
    return Shown("wilayah", words, groups, wording.empty_sections(day, bool(groups.current)),
                 {c: i for i, c in enumerate(page_closures)}, {}, data)


def whatsapp_message(office: Office) -> str:
    """The polite first message a wa.me link fills in, naming the office."""
    return (
        f"Permisi, Bapak/Ibu petugas Dukcapil {office.title}. "
        f"Saya warga {office.title} ingin bertanya tentang layanan administrasi kependudukan. Terima kasih."
    )


class Renderer:
    def __init__(self, guide: Guide, day: dt.date, statuses: dict[Office, closures.Status]):
        self.guide = guide
        self.day = day
        self.statuses = statuses
        self.env = environment()
        self.pages: dict[str, str] = {}

    def render(self, template: str, path: str, source: str, line: int, **context) -> None:
        def link(target: str) -> str:
            """A Markdown link to another source file; MkDocs checks and rewrites it."""
            return urls.relative(target, posixpath.dirname(path))

        def raw_link(target: str) -> str:
            """An HTML href relative to where the page is served (kota/x.md -> kota/x/), for
            files MkDocs does not know when it checks links (the batch PDFs)."""
            return urls.relative(target, urls.served(path))

        text = self.env.get_template(template).render(
            guide=self.guide, day=self.day, link=link, raw_link=raw_link,
            whatsapp_message=whatsapp_message, **context
        )
        front, body = text.split("\n---\n", 1)
        note = GENERATED_NOTE.format(source=source, line=line)
        self.pages[path] = f"{front}\nsumber_data: {source}:{line}\n---\n{note}\n{body}"


def render_office_pages(guide: Guide, day: dt.date, statuses: dict[Office, closures.Status],
                        offices: list[Office]) -> dict[str, str]:
    r = Renderer(guide, day, statuses)
    for office in offices:
        r.render(f"{office.level}.md.j2", office.page, "offices.yaml", office.line, office=office,
                 shown=office_shown(guide, office, statuses, day))
    return r.pages


SHARE_FROM = 100  # offices: from there on, half of the office pages are rendered by a forked process


def render_pages(guide: Guide, day: dt.date, statuses: dict[Office, closures.Status] | None = None) -> dict[str, str]:
    """Every generated page of the site as of `day` (statuses: of every office on `day`, when already known).

    The office pages are nine tenths of the work: from SHARE_FROM offices on, the second half is
    rendered in the background (background.py) while this process renders the first.
    """
    statuses = statuses or closures.statuses(guide.offices, day)
    offices = guide.offices
    half = len(offices) // 2 if len(offices) >= SHARE_FROM else len(offices)
    with Background(lambda: render_office_pages(guide, day, statuses, offices[half:])) as second_half:
        province = region_shown(guide, day)
        r = Renderer(guide, day, statuses)
        r.render("home.md.j2", urls.HOME, "offices.yaml", 1, shown=province)
        r.render("services.md.j2", urls.SERVICES, "services.yaml", 1)
        for service in guide.services:
            r.render("service.md.j2", service.page, "services.yaml", service.line, service=service)
        for channel in guide.channels:
            r.render("channel.md.j2", channel.page, "services.yaml", 1, channel=channel)
        r.render("sources.md.j2", urls.SOURCES, "services.yaml", 1)
        r.render("closures.md.j2", urls.CLOSURES, "offices.yaml", min((c.line for c in guide.closures), default=1),
                 shown=province)
        r.render("regions.md.j2", urls.REGIONS, "offices.yaml", guide.kota[0].line)
        return {**r.pages, **render_office_pages(guide, day, statuses, offices[:half]), **second_half.result()}
