"""Render the Guide into Markdown pages: one Jinja template per page type.

`render_pages` returns {path inside docs: Markdown text}. Templates autoescape,
and StrictUndefined turns a typo in a template into a failed build.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re

import jinja2
from markupsafe import Markup

from . import closures, dates, phones, sharing, urls, wording
from .background import Background
from .reads import partial_date
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
    env.globals.update(whatsapp_uri=phones.whatsapp_uri, urls=urls, say=wording.say, soon=wording.soon, checked=wording.checked,
                       status_json=status_json)
    return env


def status_json(reaching: list, day: dt.date, checked: dt.date | None, office_name: str | None = None) -> Markup:
    """The closures that reach a page, as data for the live-status script (a JSON script element: inert)."""
    data = {
        **wording.script_data("kantor" if office_name else "wilayah"), "dibangun": day.isoformat(), "kantor": office_name,
        "diperiksa": dates.plain_date(checked) if checked else None,
        "penutupan": [{"judul": c.judul, "mulai": c.mulai.isoformat(), "selesai": c.selesai.isoformat(),
                       "wilayah": c.region_name, "layanan": c.services_name if c.layanan else "",
                       "referensi": c.referensi or ""} for c in reaching],
    }
    return Markup('<script type="application/json" id="status-data">') + jinja2.filters.htmlsafe_json_dumps(
        data, ensure_ascii=False, separators=(",", ":")) + Markup("</script>")


def whatsapp_message(office: Office, resident: Office | None = None) -> str:
    """The polite first message a wa.me link fills in, naming the office written to and where the
    resident lives (default: that office's region; the Dinas's region is the whole province)."""
    resident = resident or office
    to = office.title if office.level == "dinas" else f"Dukcapil {office.title}"
    who = "Saya" if resident.level == "dinas" else f"Saya warga {resident.title}"
    return f"Permisi, Bapak/Ibu petugas {to}. {who} ingin bertanya tentang layanan administrasi kependudukan. Terima kasih."


def front_matter_value(value: object) -> str:
    """A value for the front matter the generator adds: HTML-escaped (the theme prints it as text), as JSON (valid YAML)."""
    if isinstance(value, dict):
        return json.dumps({key: str(Markup.escape(v)) for key, v in value.items()}, ensure_ascii=False)
    return json.dumps(str(Markup.escape(value)), ensure_ascii=False)


class Renderer:
    def __init__(self, guide: Guide, day: dt.date, statuses: dict[Office, closures.Status], site_url: str | None = None):
        self.guide = guide
        self.day = day
        self.statuses = statuses
        self.site_url = site_url
        self.env = environment()
        self.pages: dict[str, str] = {}

    def render(self, template: str, path: str, source: str, line: int, record: tuple[str, str] | None = None,
               share: str | None = None, status_line: str | None = None, **context) -> None:
        """One page. record: (key, value) of the record it shows in `source` ("kode", "31.75.08.1001"), for the
        report link; share: the title its WhatsApp link shares (with site_url); status_line: its status, for link previews."""
        def link(target: str) -> str:
            """A Markdown link to another source file; MkDocs checks and rewrites it."""
            return urls.relative(target, posixpath.dirname(path))

        def raw_link(target: str) -> str:
            """An HTML href relative to where the page is served (kota/x.md -> kota/x/), for
            files MkDocs does not know when it checks links (the batch PDFs)."""
            return urls.relative(target, urls.served(path))

        address = urls.absolute(self.site_url, path) if self.site_url else None
        text = self.env.get_template(template).render(
            guide=self.guide, day=self.day, statuses=self.statuses, link=link, raw_link=raw_link,
            whatsapp_message=whatsapp_message,
            share=sharing.Share(share, address) if share and address else None, **context
        )
        front, body = text.split("\n---\n", 1)
        note = GENERATED_NOTE.format(source=source, line=line)
        shown = {"berkas": source, **({"kunci": record[0], "id": record[1]} if record else {})}
        front += f"\nsumber_data: {source}:{line}\nrekaman: {front_matter_value(shown)}"
        if status_line:
            front += f"\nstatus_bagikan: {front_matter_value(status_line)}"
        self.pages[path] = f"{front}\n---\n{note}\n{body}"


def render_office_pages(guide: Guide, day: dt.date, statuses: dict[Office, closures.Status],
                        offices: list[Office], site_url: str | None = None) -> dict[str, str]:
    r = Renderer(guide, day, statuses, site_url)
    for office in offices:
        r.render(f"{office.level}.md.j2", office.page, "offices.yaml", office.line, office=office,
                 status=statuses[office], groups=closures.timeline(office.closures, day),
                 record=("kode", office.kode), share=office.title,
                 status_line=sharing.status_summary(statuses[office], office))
    return r.pages


SHARE_FROM = 100  # offices: from there on, half of the office pages are rendered by a forked process


def render_pages(guide: Guide, day: dt.date, statuses: dict[Office, closures.Status] | None = None,
                 site_url: str | None = None) -> dict[str, str]:
    """Every generated page of the site as of `day` (statuses: of every office on `day`, when already known).

    site_url: the published address, for the pages' WhatsApp share links (none without it).

    The office pages are nine tenths of the work: from SHARE_FROM offices on, the second half is
    rendered in the background (background.py) while this process renders the first.
    """
    statuses = statuses or closures.statuses(guide.offices, day)
    offices = guide.offices
    half = len(offices) // 2 if len(offices) >= SHARE_FROM else len(offices)
    with Background(lambda: render_office_pages(guide, day, statuses, offices[half:], site_url)) as second_half:
        province = closures.timeline(guide.closures, day)
        region = sharing.region_summary(province.current, day)
        r = Renderer(guide, day, statuses, site_url)
        r.render("home.md.j2", urls.HOME, "offices.yaml", 1, current=province.current, status_line=region)
        r.render("services.md.j2", urls.SERVICES, "services.yaml", 1)
        for service in guide.services:
            r.render("service.md.j2", service.page, "services.yaml", service.line, service=service,
                     record=("id", service.id), share=service.nama)
        for channel in guide.channels:
            r.render("channel.md.j2", channel.page, "services.yaml", 1, channel=channel, record=("id", channel.id))
        r.render("sources.md.j2", urls.SOURCES, "services.yaml", 1)
        r.render("closures.md.j2", urls.CLOSURES, "offices.yaml", min((c.line for c in guide.closures), default=1),
                 groups=province, status_line=region)
        r.render("regions.md.j2", urls.REGIONS, "offices.yaml", guide.kota[0].line)
        return {**r.pages, **render_office_pages(guide, day, statuses, offices[:half], site_url), **second_half.result()}
