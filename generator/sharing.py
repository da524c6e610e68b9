"""Links that share a page and report a mistake on it, and the image a shared link previews with.

Python decides every address here; the theme (overrides/partials/bagikan.html,
overrides/partials/laporan.html) and the page templates only print them:
- the WhatsApp share link of a service or office page (`whatsapp_share`), a
  plain link that works without JavaScript;
- the Open Graph and Twitter description of a page with a status, which says
  that status and its day in the words of wording.py (`status_summary`);
- the site image of the link previews (`share_image`), a small PNG made at
  build time with Pillow;
- the GitHub issue form a resident reports a mistake with (`report_facts`):
  the theme adds the page's address and the record it shows to its query.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from . import closures, wording
from .dates import long_date
from .model import Office

# The issue form in the repository (.github/ISSUE_TEMPLATE/) and the ids of the fields the link
# fills in: the theme reads these names from config.extra, the form declares the same ids
# (tests/test_sharing.py checks both).
REPORT_FORM = "laporan-kesalahan.yml"
REPORT_FIELDS = {"halaman": "halaman", "berkas": "berkas", "id": "data"}
HANDWRITTEN_FOLDER = "docs/"  # where the hand-written pages are in the repository (mkdocs.yml docs_dir)


def whatsapp_share(title: str, address: str) -> str:
    """A wa.me link that opens WhatsApp with the page's title and address as the message, to any chat."""
    return "https://wa.me/?text=" + quote(f"{title}\n{address}", safe="")


@dataclass(frozen=True)
class Share:
    """What a page's share links say: its title and public address, and the WhatsApp link made of them."""

    title: str
    address: str

    @property
    def whatsapp(self) -> str:
        return whatsapp_share(self.title, self.address)


def status_summary(status: closures.Status, office: Office) -> str:
    """The status of an office on the build day, as its page says it: for a link preview."""
    if status.closed:
        return wording.say("tutup", hari=long_date(status.day), sampai=long_date(status.closed_until))
    return wording.say("tidak", kantor=office.office_name, hari=long_date(status.day))


def region_summary(current: list, day) -> str:
    """The status of the whole region on `day`, as the home page says it: for a link preview."""
    if not current:
        return wording.say("wilayah_tidak", hari=long_date(day))
    parts = ",".join(wording.say("wilayah_bagian", wilayah=c.region_name, sampai=long_date(c.selesai)) for c in current)
    return wording.say("wilayah_tutup", hari=long_date(day)) + parts + "."


def report_facts(repo_url: str | None) -> dict:
    """What the theme's report link needs (config.extra.laporan): the issue form's address and its field ids.

    Without a repository the link cannot be made: the theme then shows the publisher's e-mail
    (extra.laporan_email in mkdocs.yml) when set, else says what to mention when reporting.
    """
    if not repo_url:
        return {}
    form = f"{repo_url.rstrip('/')}/issues/new?template={REPORT_FORM}"
    return {"laporan": {"formulir": form, "kolom": REPORT_FIELDS}}


# --- the site image of link previews -------------------------------------------------------------

SHARE_IMAGE_SIZE = (1200, 630)  # what Open Graph and Twitter's large card show without cropping
INDIGO = (63, 81, 181)  # Material's "indigo" primary colour (mkdocs.yml palette)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # fonts-dejavu-core, installed by make site


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(FONT), size)
    except OSError:  # no DejaVu: Pillow's own font, at the same size
        return ImageFont.load_default(size)


def _lines(text: str, font, width: int, draw) -> list[str]:
    words, lines = text.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not lines[-1]:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


@functools.lru_cache(maxsize=8)
def share_image(region: str) -> bytes:
    """The preview image of every page: "Panduan Layanan Kependudukan" and the region in white on the theme's
    indigo, a 2-colour PNG of a few KB (a link preview downloads it, a page view never does)."""
    from PIL import Image, ImageDraw

    image = Image.new("P", SHARE_IMAGE_SIZE, 0)
    image.putpalette([*INDIGO, 255, 255, 255])
    draw = ImageDraw.Draw(image)
    width = SHARE_IMAGE_SIZE[0] - 160
    big, small = _font(72), _font(48)
    lines = [(line, big, 90) for line in _lines("Panduan Layanan Kependudukan", big, width, draw)]
    lines += [(line, small, 64) for line in _lines(region, small, width, draw)]
    top = (SHARE_IMAGE_SIZE[1] - sum(step for _, _, step in lines)) // 2
    draw.rectangle((80, top - 44, 240, top - 32), fill=1)
    for line, font, step in lines:
        draw.text((80, top), line, fill=1, font=font)
        top += step
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True, bits=1)
    return out.getvalue()


def region_name(dinas_name: str) -> str:
    """"Provinsi DKI Jakarta" from the Dinas's name, for the site image; the whole name when it reads otherwise."""
    prefix = "Dinas Kependudukan dan Pencatatan Sipil "
    return dinas_name.removeprefix(prefix)
