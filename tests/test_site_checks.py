"""The built site as a whole: links that resolve, nothing loaded from elsewhere, E.164 numbers, reproducible builds.

Every HTML file is parsed with html.parser (not searched with patterns), so
an address counts only where a browser would follow or load it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import phonenumbers
import pytest

from conftest import MINI, MINI_SITE_URL, REPO
from generator import notices, urls
from generator.build import build_site, configured_site_url
from generator.model import load_guide

SITE_URL = configured_site_url(REPO / "mkdocs.yml")  # what the session sites were built with
ADDRESS_ATTRIBUTES = ("href", "src", "srcset", "data", "poster", "action", "formaction", "background")
LINK_SCHEMES = {"https", "http", "tel", "mailto"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]*)|@import\s+["']([^"']*)""")


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    addresses: list[tuple[str, str, str, dict]] = field(default_factory=list)  # (tag, attribute, value, attrs)
    styles: list[str] = field(default_factory=list)  # <style> contents and style attributes


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Parsed()
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        for name in ADDRESS_ATTRIBUTES:
            value = values.get(name)
            if value is None:
                continue
            for address in ([part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]):
                self.page.addresses.append((tag, name, address.strip(), values))
        if values.get("style"):
            self.page.styles.append(values["style"])
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.page.styles.append(data)


class SiteIndex:
    """Every HTML page of a built site, parsed once, and where its addresses lead."""

    def __init__(self, root: Path, site_url: str):
        self.root = root
        self.site_url = site_url
        self.own = urlsplit(site_url)
        self.pages: dict[Path, Parsed] = {}
        for path in sorted(root.rglob("*.html")):
            parser = PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            self.pages[path] = parser.page

    def url_of(self, path: Path) -> str:
        return urljoin(self.site_url, path.relative_to(self.root).as_posix())

    def resolve(self, page: Path, address: str):
        """The absolute address, split."""
        return urlsplit(urljoin(self.url_of(page), address))

    def is_own(self, parts) -> bool:
        return parts.scheme in ("http", "https") and parts.hostname == self.own.hostname

    def file_of(self, parts) -> Path | None:
        """The file an address on the site's own host is served from, if it exists."""
        path = unquote(parts.path)
        if not path.startswith(self.own.path):
            return None
        target = self.root / path[len(self.own.path):]
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def addresses(self):
        for page, parsed in self.pages.items():
            for tag, attribute, value, attrs in parsed.addresses:
                yield page, tag, attribute, value, attrs

    def broken_links(self) -> list[str]:
        """"page: address" for each address on the site's own host whose file or #fragment is missing."""
        broken = []
        for page, tag, attribute, value, attrs in self.addresses():
            parts = self.resolve(page, value)
            if not self.is_own(parts):
                continue
            target = self.file_of(parts)
            where = f"{page.relative_to(self.root)}: {value}"
            if target is None:
                broken.append(where)
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in self.pages[target].ids:
                broken.append(where + " (no such id)")
        return broken

    def remote_loads(self) -> list[str]:
        """Addresses the browser would fetch from another host: loading elements, CSS url() and @import."""
        remote = []
        for page, tag, attribute, value, attrs in self.addresses():
            if tag in ("a", "area", "form") or (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                continue  # followed only when the reader chooses to
            parts = self.resolve(page, value)
            if parts.scheme != "data" and not self.is_own(parts):
                remote.append(f"{page.relative_to(self.root)}: <{tag} {attribute}={value!r}>")
        stylesheets = [(p, s) for p, parsed in self.pages.items() for s in parsed.styles]
        stylesheets += [(p, p.read_text(encoding="utf-8")) for p in self.root.rglob("*.css")]
        for path, css in stylesheets:
            for match in CSS_URL.finditer(css):
                value = match.group(1) or match.group(2)
                parts = self.resolve(path, value)
                if value and parts.scheme != "data" and not self.is_own(parts):
                    remote.append(f"{path.relative_to(self.root)}: url({value})")
        return remote

    def links_elsewhere(self) -> list[tuple[str, str]]:
        """(page, address) of every <a> that leaves the site: another host or another scheme."""
        return [(str(page.relative_to(self.root)), value) for page, tag, attribute, value, attrs in self.addresses()
                if tag == "a" and attribute == "href" and not self.is_own(self.resolve(page, value))]


def is_theme_share_button(attrs: dict) -> bool:
    """Material's "share the search" button: <a href="javascript:void(0)" data-md-component="search-share">.

    It comes from the theme's partials/search.html (mkdocs-material 9.8), not from the data;
    its script copies the search address to the clipboard.
    """
    return attrs.get("href") == "javascript:void(0)" and attrs.get("data-md-component") == "search-share"


def e164(number: str) -> bool:
    """Whether "+62217245537" is a valid number written exactly in E.164 form."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.E164) == number


@pytest.fixture(scope="module")
def real(closed_site) -> SiteIndex:
    return SiteIndex(closed_site.root, SITE_URL)


@pytest.fixture(scope="module")
def mini_site(mini_pdf_site) -> Path:
    """The small data set (which has a WhatsApp number), with the batch PDFs, at an address with a path."""
    assert MINI_SITE_URL == "https://contoh.github.io/panduan/"
    return mini_pdf_site.root


@pytest.fixture(scope="module")
def mini(mini_site) -> SiteIndex:
    return SiteIndex(mini_site, "https://contoh.github.io/panduan/")


class TestLinks:
    def test_every_internal_link_of_the_mini_site_resolves(self, mini):
        checked = [v for p, t, a, v, attrs in mini.addresses() if mini.is_own(mini.resolve(p, v))]
        assert len(checked) > 100 and any("#" in v for v in checked) and any(v.endswith(".pdf") for v in checked)
        assert mini.broken_links() == []

    def test_every_internal_link_of_the_real_site_resolves_but_the_pdfs_it_skipped(self, real):
        """The session site is built with pdf=False: its only missing targets are the batch PDFs, one per kota and kecamatan."""
        guide = load_guide(REPO)
        skipped = {area.batch_pdf for area in [*guide.kota, *guide.kecamatan]}
        broken = real.broken_links()
        missing = {re.sub(r"^.*?((?:\.\./)*)pengumuman/", "pengumuman/", b.split(": ", 1)[1]) for b in broken}
        assert len(broken) == 50 and missing == skipped
        assert len([1 for p, t, a, v, attrs in real.addresses() if real.is_own(real.resolve(p, v))]) > 10_000

    def test_a_broken_link_and_a_missing_id_are_found(self, tmp_path):
        """The checker itself: a link to a missing page and to a missing #id are reported."""
        (tmp_path / "a").mkdir()
        (tmp_path / "index.html").write_text('<a href="a/">A</a> <a href="b/">B</a> <a href="a/#ada">x</a> '
                                             '<a href="a/#hilang">y</a> <a href="https://situs.test/a/">z</a>')
        (tmp_path / "a" / "index.html").write_text('<h2 id="ada">Ada</h2>')
        assert SiteIndex(tmp_path, "https://situs.test/").broken_links() == [
            "index.html: b/", "index.html: a/#hilang (no such id)"]


class TestNothingLoadedFromElsewhere:
    @pytest.mark.parametrize("name", ["real", "mini"])
    def test_no_request_leaves_the_site(self, name, request):
        site = request.getfixturevalue(name)
        loads = [v for p, t, a, v, attrs in site.addresses() if t in ("script", "link")]
        assert len(loads) > len(site.pages)  # the theme's scripts and styles are checked, not nothing
        assert site.remote_loads() == []

    def test_the_checker_finds_a_remote_script_image_font_and_frame(self, tmp_path):
        (tmp_path / "index.html").write_text(
            '<script src="//cdn.test/x.js"></script><img srcset="a.png 1x, https://img.test/b.png 2x">'
            '<iframe src="https://frame.test/"></iframe><link rel="canonical" href="https://situs.test/">'
            '<a href="https://elsewhere.test/">ok</a><div style="background: url(https://bg.test/x.png)"></div>')
        (tmp_path / "s.css").write_text('@import "https://fonts.test/f.css"; a { background: url(data:image/png;base64,AA) }')
        assert sorted(SiteIndex(tmp_path, "https://situs.test/").remote_loads()) == [
            "index.html: <iframe src='https://frame.test/'>",
            "index.html: <img srcset='https://img.test/b.png'>",
            "index.html: <script src='//cdn.test/x.js'>",
            "index.html: url(https://bg.test/x.png)",
            "s.css: url(https://fonts.test/f.css)",
        ]

    @pytest.mark.parametrize("name", ["real", "mini"])
    def test_links_elsewhere_are_web_phone_or_mail_addresses(self, name, request):
        site = request.getfixturevalue(name)
        other = [(page, value) for page, tag, attribute, value, attrs in site.addresses()
                 if tag == "a" and not site.is_own(site.resolve(page, value))
                 and urlsplit(value).scheme not in LINK_SCHEMES and not is_theme_share_button(attrs)]
        assert other == []
        assert {urlsplit(v).scheme for p, v in site.links_elsewhere()} >= {"https", "tel"}


class TestPhoneNumbers:
    @pytest.mark.parametrize("name", ["real", "mini"])
    def test_every_tel_address_is_e164(self, name, request):
        site = request.getfixturevalue(name)
        numbers = {v.removeprefix("tel:") for p, v in site.links_elsewhere() if v.startswith("tel:")}
        assert len(numbers) > (250 if name == "real" else 3)
        assert sorted(n for n in numbers if not e164(n)) == []

    @pytest.mark.parametrize("name", ["real", "mini"])
    def test_every_whatsapp_address_is_wa_me_with_an_e164_number(self, name, request):
        site = request.getfixturevalue(name)
        chats = [urlsplit(v) for p, v in site.links_elsewhere() if "wa.me" in v or "whatsapp" in v.lower()]
        assert all(c.scheme == "https" and c.hostname == "wa.me" for c in chats), chats
        numbers = {c.path.removeprefix("/") for c in chats}
        assert sorted(n for n in numbers if not (n.isdigit() and e164("+" + n))) == []
        # No WhatsApp number is known in the real data; the small data set has one.
        assert numbers == (set() if name == "real" else {"6281234567890"})

    def test_the_e164_check_refuses_what_it_should(self):
        assert e164("+62217245537") and e164("+6281234567890")
        assert not any(e164(n) for n in ("62217245537", "+62 21 7245537", "+6221452776", "+620217245537", "tel:+62"))


# --- reproducible builds --------------------------------------------------------


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class TestReproducible:
    def test_the_real_site_is_the_same_when_built_again_on_another_day(self, closed_site, tmp_path, monkeypatch):
        """Same data, same --date, a clock in another year: every byte the same (the sitemap included)."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # MkDocs would date the sitemap 1970-01-01
        out = tmp_path / "site"
        build_site(REPO, dt.date(2020, 3, 25), out, pdf=False)
        again = fingerprint(out)
        assert len(again) > 400 and "sitemap.xml.gz" in again
        assert again == fingerprint(closed_site.root)
        assert os.environ["SOURCE_DATE_EPOCH"] == "0"  # the build put back what it found
        assert "<lastmod>2020-03-25</lastmod>" in (out / "sitemap.xml").read_text()

    def test_the_real_data_with_bom_and_crlf_builds_the_same_site(self, closed_site, tmp_path):
        data = tmp_path / "data"
        data.mkdir()
        for name in ("services.yaml", "offices.yaml"):
            (data / name).write_bytes(b"\xef\xbb\xbf" + (REPO / name).read_bytes().replace(b"\n", b"\r\n"))
        # The notices print when the data last changed: git's date for the repo, the files' date for a copy.
        noon = dt.datetime.combine(notices.data_updated(REPO), dt.time(12)).timestamp()
        for name in ("services.yaml", "offices.yaml"):
            os.utime(data / name, (noon, noon))
        out = tmp_path / "site"
        build_site(data, dt.date(2020, 3, 25), out, pdf=False)
        # The feed tells the data's git history, which a copy outside the repository does not have.
        history = urls.FEED
        copy, repo = fingerprint(out), fingerprint(closed_site.root)
        assert copy.pop(history) and repo.pop(history)
        assert copy == repo

    def test_the_pdfs_are_the_same_too(self, mini_site, tmp_path, monkeypatch):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")  # 2100-01-01
        out = tmp_path / "site"
        build_site(MINI, dt.date(2020, 3, 25), out, site_url="https://contoh.github.io/panduan/")
        again = fingerprint(out)
        assert {"pengumuman/kota/jakarta-selatan.pdf", "pengumuman/kecamatan/kebayoran-baru.pdf"} <= set(again)
        assert again == fingerprint(mini_site)
