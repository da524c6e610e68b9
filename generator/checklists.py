"""Printable checklists: one A4 page per service, its requirements as tick boxes.

A standalone HTML page (no theme, no script) beside the service's page
(urls.checklist: /layanan/ktp-el/cetak/), linked from it ("Cetak daftar
persyaratan"). It says only what the service page says, from the same records:
the service's name, the documents to bring with the same conditions, bases and
"belum dipastikan" marks, the steps and channels (where to apply), the cost, the
sources with their dates and the day the page was reviewed, and the page's
address with a QR code (segno, as the notices). Built with the placeholder site
address, it prints no QR code and says it is a draft (the address leads nowhere).
"""

from __future__ import annotations

from urllib.parse import urlparse

from . import urls
from .model import Guide, Service
from .notices import qr_image
from .pages import environment


def is_placeholder(site_url: str) -> bool:
    """The .example address of mkdocs.yml, used until the guide has a public one (see cli.site_url_of)."""
    return (urlparse(site_url).hostname or "").endswith(".example")


def render_checklist(service: Service, site_url: str) -> str:
    url = urls.absolute(site_url, service.page)
    draft = is_placeholder(site_url)
    return environment().get_template("checklist.html.j2").render(
        service=service, url=url, qr=None if draft else qr_image(url), draft=draft)


def render_checklists(guide: Guide, site_url: str) -> dict[str, bytes]:
    """{path in the site: HTML} of every service's checklist."""
    return {urls.checklist(service.id): render_checklist(service, site_url).encode("utf-8") for service in guide.services}
