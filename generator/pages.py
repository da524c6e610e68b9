"""Render the Guide into Markdown pages: one Jinja template per page type.

`render_pages` returns {path inside docs: Markdown text}. Templates autoescape,
and StrictUndefined turns a typo in a template into a failed build.
"""

from __future__ import annotations

import datetime as dt
import posixpath

import jinja2

from . import closures, dates, phones, urls
from .model import Guide, Office

GENERATED_NOTE = (
    "<!-- Dibuat otomatis oleh generator dari {source} (baris {line}). "
    "Jangan diedit: ubah {source}, lalu jalankan make site. -->"
)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
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
    )
    env.globals.update(whatsapp_uri=phones.whatsapp_uri, urls=urls)
    return env


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
            guide=self.guide, day=self.day, statuses=self.statuses, link=link, raw_link=raw_link,
            whatsapp_message=whatsapp_message, **context
        )
        front, body = text.split("\n---\n", 1)
        note = GENERATED_NOTE.format(source=source, line=line)
        self.pages[path] = f"{front}\nsumber_data: {source}:{line}\n---\n{note}\n{body}"


def render_pages(guide: Guide, day: dt.date, statuses: dict[Office, closures.Status] | None = None) -> dict[str, str]:
    """Every generated page of the site as of `day` (statuses: of every office on `day`, when already known)."""
    statuses = statuses or closures.statuses(guide.offices, day)
    province = closures.timeline(guide.closures, day)
    r = Renderer(guide, day, statuses)
    r.render("home.md.j2", urls.HOME, "offices.yaml", 1, current=province.current)
    r.render("services.md.j2", urls.SERVICES, "services.yaml", 1)
    for service in guide.services:
        r.render("service.md.j2", service.page, "services.yaml", service.line, service=service)
    r.render("closures.md.j2", urls.CLOSURES, "offices.yaml", min((c.line for c in guide.closures), default=1),
             groups=province)
    r.render("regions.md.j2", urls.REGIONS, "offices.yaml", guide.kota[0].line)
    for office in guide.offices:
        r.render(f"{office.level}.md.j2", office.page, "offices.yaml", office.line, office=office,
                 status=statuses[office], groups=closures.timeline(office.closures, day))
    return r.pages
