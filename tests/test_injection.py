"""Untrusted text in the data never becomes live HTML, script or link (issue 10).

Every free-text value of the real services.yaml and offices.yaml (the fields
whose kind is exactly `schema.Text`, and lists of them: names, descriptions,
steps, aliases, notes...) gets the payloads below appended, each payload with
its own marker. The site is built twice (HTML and template payloads, then
Markdown payloads), and every built HTML file is parsed as a browser would
parse it (tinyhtml5, the WHATWG parser WeasyPrint uses), as are the search index
(Material's search results insert an entry's title, text and tags as HTML) and
the sitemap. For each payload the test asserts that its marker is in no script,
no element the payload tried to create, no event handler, no javascript: or
data: address, no attribute it escaped from, and that residents see the payload
as the text it is: in headings, the header, <title>, the meta description and
the search results, which Chromium also runs.

Where the theme prints names: the generator writes front matter (title,
description, tags) HTML-escaped, as Material reads it as HTML, and
overrides/main.html prints titles and descriptions as text whatever a page's
front matter holds (the last test, with a hand-written page).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tinyhtml5
import yaml

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import records, schema, urls
from generator.build import build_site
from conftest import REPO
from test_browser import QuietHandler, browser  # noqa: F401  (shared fixture)

# name: (payload, marker). The marker sits where the payload would run or
# point, so that it shows up in whatever the payload managed to create.
PAYLOADS = {
    "script": ('<script>alert("xss01q")</script>', "xss01q"),
    "attribute-breakout": ('"><img src=x onerror=alert("xss02q")>', "xss02q"),
    "single-quote-breakout": ("' onmouseover='alert(\"xss03q\")", "xss03q"),
    "iframe": ("<iframe src=xss04q>", "xss04q"),
    "html-link": ('<a href="javascript:alert(\'xss05q\')">klik</a>', "xss05q"),
    "jinja-expression": ("{{ 7*7 }}xss06q", "xss06q"),
    "jinja-statement": ("{% raw %}xss07q", "xss07q"),
    "attr-list-quoted": ('{: onclick="alert(\'xss08q\')" }', "xss08q"),
    "markdown-link": ("[klik](javascript:alert('xss09q'))", "xss09q"),
    "markdown-image": ('![x](data:text/html,<script>alert("xss10q")</script>)', "xss10q"),
    "attr-list-inline": ("*x*{: onclick=alert(xss11q) }", "xss11q"),
    "attr-list": ("{: onclick=alert(xss12q) }", "xss12q"),
}
# Two builds. Markdown payloads get a build of their own: an attribute list
# works only at the end of a line, and other braces before it would disarm it.
# (All payloads in one value also make a name's page address too long for a file name.)
GROUPS = (tuple(PAYLOADS)[:8], tuple(PAYLOADS)[8:])
# Markdown syntax in free text would be turned into links, images and attributes by
# the Markdown renderer; generator/pages.py's escaping (plain_text) makes it inert.
CASES = list(PAYLOADS)

DAY = dt.date(2020, 3, 25)
PAYLOAD_TAGS = {"script", "img", "iframe"}  # elements this site never makes from data
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}
LIVE_SCHEMES = re.compile(r"^(javascript|data|vbscript):")
XHTML = "{http://www.w3.org/1999/xhtml}"
# An address or id made from a name (slug, percent-encoded): nothing that could end an attribute or open a tag.
ENCODED = re.compile(r"[^<>\"'\s]*")


def suffix(group: tuple[str, ...]) -> str:
    return " " + " ".join(PAYLOADS[name][0] for name in group)


def group_of(name: str) -> int:
    return next(index for index, group in enumerate(GROUPS) if name in group)


def inject(kind: schema.Kind, value, added: str):
    """value with `added` appended to every free-text string in it, following kind."""
    if type(kind) is schema.Text:
        return value + added
    if isinstance(kind, schema.ListOf):
        items = value if isinstance(value, list) else [value]  # one_or_more: a single item without the list
        injected = [inject(kind.kind, item, added) for item in items]
        return injected if isinstance(value, list) else injected[0]
    if isinstance(kind, schema.Record):
        return {key: inject(kind.fields[key].kind, item, added) if key in kind.fields else item
                for key, item in value.items()}
    return value


def injected_data(folder: Path, added: str) -> int:
    """services.yaml and offices.yaml with `added` after every free-text value; returns how many."""
    count = 0
    for name, record in (("services.yaml", records.SERVICES_FILE), ("offices.yaml", records.OFFICES_FILE)):
        data = inject(record, yaml.safe_load((REPO / name).read_text(encoding="utf-8")), added)
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        count += sum(1 for text in strings(data) if text.endswith(added))
    return count


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def is_json_data(element) -> bool:
    """A <script type="application/json"> whose text is valid JSON: data the browser never runs (the live status's)."""
    if element.attrib.get("type") != "application/json":
        return False
    try:
        json.loads(element.text or "")
    except ValueError:
        return False
    return True


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def attribute_name(name: str) -> str:
    return "xlink:href" if name == "{http://www.w3.org/1999/xlink}href" else local(name)


def normal(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Findings:
    """What each payload managed to become, by payload name: ["file: what"]."""

    live: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in PAYLOADS})

    def check(self, tree, where: str) -> None:
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue  # a comment
            tag = local(element.tag)
            attributes = {attribute_name(k): v for k, v in element.attrib.items()}
            for name, (payload, marker) in PAYLOADS.items():
                def found(what: str) -> None:
                    self.live[name].append(f"{where}: {what}")
                if tag == "script" and marker in (element.text or "") and not is_json_data(element):
                    found("<script> running it")
                if tag in PAYLOAD_TAGS and any(marker in value for value in attributes.values()):
                    found(f"<{tag} {attributes}>")
                for key, value in attributes.items():
                    if marker not in value:
                        continue
                    if key.startswith("on"):
                        found(f"event handler {key}={value!r} on <{tag}>")
                    elif key in ADDRESS_ATTRIBUTES and LIVE_SCHEMES.match(re.sub(r"[\s\x00-\x1f]", "", value).lower()):
                        found(f"address {key}={value!r} on <{tag}>")
                    elif payload not in value and not ENCODED.fullmatch(value):
                        found(f"attribute {key}={value!r} of <{tag}> holds part of it")


@dataclass
class Injected:
    """The real data with one group of payloads in every free-text value, built."""

    site: Path
    added: str
    findings: Findings

    def office_page(self, level: str, real_name: str) -> Path:
        return self.site / urls.served(urls.office(level, real_name + self.added)) / "index.html"

    def service_page(self, service_id: str) -> Path:
        return self.site / urls.served(urls.service(service_id)) / "index.html"


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """injected(group index) -> Injected, built once per group."""
    built: dict[int, Injected] = {}

    def get(group: int) -> Injected:
        if group not in built:
            folder = tmp_path_factory.mktemp(f"injected{group}")
            added = suffix(GROUPS[group])
            assert injected_data(folder, added) > 1500  # every name, alias, step, note... of ~330 records
            site = folder / "site"
            build_site(folder, DAY, site, pdf=False)
            findings = Findings()
            pages = sorted(site.rglob("*.html"))
            assert len(pages) > 600  # pages and printable notices
            for path in pages:
                findings.check(tinyhtml5.parse(path.read_text(encoding="utf-8")), str(path.relative_to(site)))
            built[group] = Injected(site, added, findings)
        return built[group]

    return get


def text_of(element) -> str:
    return normal("".join(element.itertext()))


def texts(path: Path) -> dict[str, str]:
    """The visible text of a built page: its <title>, header topic and content."""
    tree = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    title = tree.find(f".//{XHTML}title")
    topic = tree.find(f".//{XHTML}div[@data-md-component='header-topic']")
    article = tree.find(f".//{XHTML}article")
    return {"title": normal("".join(title.itertext())),
            "topic": normal("".join(topic.itertext())) if topic is not None else "",
            "content": normal("".join(article.itertext())) if article is not None else ""}


@pytest.mark.parametrize("name", CASES)
def test_payload_is_inert_in_every_page(injected, name):
    live = injected(group_of(name)).findings.live[name]
    assert live == [], f"{len(live)} live, first: " + "\n".join(live[:10])


@pytest.mark.parametrize("name", CASES)
def test_payload_is_shown_as_written(injected, name):
    """Residents see the payload as the text it is: in the headings and the summary of a service."""
    build = injected(group_of(name))
    assert PAYLOADS[name][0] in build.added
    kelurahan = tinyhtml5.parse(build.office_page("kelurahan", "Gunung").read_text(encoding="utf-8"))
    assert text_of(kelurahan.find(f".//{XHTML}h1")) == normal(f"Kelurahan Gunung{build.added}")
    service = tinyhtml5.parse(build.service_page("ktp-el").read_text(encoding="utf-8"))
    assert text_of(service.find(f".//{XHTML}h1")) == normal(f"KTP Elektronik (KTP-el){build.added}")
    summary = normal(yaml.safe_load((REPO / "services.yaml").read_text(encoding="utf-8"))["layanan"][0]["ringkasan"] + build.added)
    assert summary in [text_of(p) for p in service.iter(f"{XHTML}p")]


@pytest.mark.parametrize("group", range(len(GROUPS)))
def test_names_are_plain_text_in_title_and_header(injected, group):
    """Material prints page titles unescaped; overrides/ prints them as text."""
    build = injected(group)
    page = texts(build.office_page("kelurahan", "Gunung"))
    assert page["title"] == normal(f"Kelurahan Gunung{build.added} - Panduan Layanan Kependudukan DKI Jakarta")
    assert page["topic"] == normal(f"Kelurahan Gunung{build.added}")
    assert texts(build.service_page("ktp-el"))["topic"] == normal(f"KTP Elektronik (KTP-el){build.added}")


@pytest.mark.parametrize("group", range(len(GROUPS)))
def test_description_is_one_attribute(injected, group):
    build = injected(group)
    tree = tinyhtml5.parse(build.office_page("kelurahan", "Gunung").read_text(encoding="utf-8"))
    descriptions = [meta.get("content") for meta in tree.iter(f"{XHTML}meta") if meta.get("name") == "description"]
    assert len(descriptions) == 1
    assert descriptions[0].startswith(f"Status loket, kontak petugas dan alamat Kantor Kelurahan Gunung{build.added}, ")
    service = tinyhtml5.parse(build.service_page("ktp-el").read_text(encoding="utf-8"))
    descriptions = [meta.get("content") for meta in service.iter(f"{XHTML}meta") if meta.get("name") == "description"]
    assert len(descriptions) == 1 and descriptions[0].endswith(build.added)


@pytest.mark.parametrize("group", range(len(GROUPS)))
def test_search_index_holds_text_not_markup(injected, group):
    """Material's search results insert each entry's title, text and tags with innerHTML."""
    build = injected(group)
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    findings = Findings()
    seen = 0
    for entry in index["docs"]:
        for key in ("title", "text", "tags"):
            values = entry.get(key) or []
            for value in [values] if isinstance(values, str) else values:
                if any(PAYLOADS[name][1] in value for name in GROUPS[group]):
                    seen += 1
                    findings.check(tinyhtml5.parse(f"<!doctype html><body>{value}"), f"{entry['location']} {key}")
                assert not re.search(r"<\s*(script|iframe|img)", value, re.I), (entry["location"], key, value)
    assert seen > 500
    assert findings.live == {name: [] for name in PAYLOADS}


def test_search_results_show_payloads_as_text(injected, browser):  # noqa: F811
    """In Chromium: searching the built site runs none of the payloads in names, aliases and titles."""
    build = injected(0)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(build.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.add_init_script("window.ran = []; window.alert = (message) => window.ran.push(String(message));")
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
        page.keyboard.press("/")
        page.keyboard.type("gunung")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(500)  # an <img onerror> would have fired by now
        results = page.locator(".md-search-result")
        assert normal(f"Kelurahan Gunung{build.added}") in normal(results.inner_text())
        assert results.locator("script, img, iframe").count() == 0
        assert page.evaluate("window.ran") == []
    finally:
        context.close()
        httpd.shutdown()


@pytest.mark.parametrize("group", range(len(GROUPS)))
def test_sitemap_lists_plain_addresses(injected, group):
    root = ET.parse(injected(group).site / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locations) > 300
    assert [loc for loc in locations if not re.fullmatch(r"https://panduan-dukcapil\.example/[a-z0-9/-]*", loc)] == []


def test_only_free_text_is_injected():
    """inject() leaves alone what is not free text: ids, codes, dates, phones, addresses, choices."""
    services = yaml.safe_load((REPO / "services.yaml").read_text(encoding="utf-8"))
    injected = inject(records.SERVICES_FILE, services, " X")
    ktp, original = injected["layanan"][0], services["layanan"][0]
    assert (ktp["id"], ktp["kanal"], ktp["ditinjau"]) == ("ktp-el", original["kanal"], original["ditinjau"])
    assert ktp["nama"] == "KTP Elektronik (KTP-el) X"
    assert ktp["alias"][0] == "KTP X"
    assert ktp["persyaratan"][1] == {"dokumen": "Surat keterangan kehilangan dari kepolisian X", "kondisi": "jika KTP-el hilang X"}
    assert injected["kanal"][1]["url"] == "https://alpukat-dukcapil.jakarta.go.id"
    assert injected["kanal"][1]["jenis"] == "situs"
    offices = inject(records.OFFICES_FILE, yaml.safe_load((REPO / "offices.yaml").read_text(encoding="utf-8")), " X")
    gunung = next(k for k in offices["kelurahan"] if k["nama"] == "Gunung X")
    assert (gunung["kode"], gunung["kode_pos"]) == ("31.74.07.1002", "12120")
    assert gunung["kontak"][0]["telepon"] == "021-7245537"
    assert offices["penutupan"][0]["tingkat"] in ("provinsi", "kota", "kecamatan", "kelurahan")


def test_theme_prints_any_title_and_description_as_text(tmp_path):
    """overrides/main.html, without the generator's escaping: a raw front matter, and an <h1> title.

    Material 9.8.2 prints a front matter title and description unescaped, and
    un-escapes a title taken from the <h1> (`striptags`): "&lt;/title&gt;" closed
    the <title>. The theme prints both as text whatever a page's front matter holds.
    """
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '---\ntitle: Uji <script>alert("xss21q")</script>\n'
        'description: Uji "><img src=x onerror=alert("xss22q")>\n---\n# Uji\n\nTeks.\n', encoding="utf-8")
    (docs / "lain.md").write_text('# Lain &lt;/title&gt;&lt;script&gt;alert("xss23q")&lt;/script&gt;\n\nTeks.\n', encoding="utf-8")
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                         hooks=[], nav=[{"Beranda": "index.md"}], strict=True)
    mkdocs_build(config)
    site = tmp_path / "site"
    for page in ("index.html", "lain/index.html"):
        tree = tinyhtml5.parse((site / page).read_text(encoding="utf-8"))
        assert [e for e in tree.iter() if isinstance(e.tag, str) and local(e.tag) in ("script", "img")
                and re.search(r"xss2\dq", "".join(e.itertext()) + str(e.attrib))] == []
    home = texts(site / "index.html")
    assert (home["title"], home["topic"]) == ('Uji alert("xss21q") - Panduan Layanan Kependudukan DKI Jakarta', 'Uji alert("xss21q")')
    description = tinyhtml5.parse((site / "index.html").read_text(encoding="utf-8")).find(f".//{XHTML}meta[@name='description']")
    assert description.get("content") == 'Uji ">'
    other = texts(site / "lain" / "index.html")
    title = 'Lain </title><script>alert("xss23q")</script>'
    assert (other["title"], other["topic"]) == (f"{title} - Panduan Layanan Kependudukan DKI Jakarta", title)
