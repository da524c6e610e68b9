"""How the site reaches a phone on slow, paid data, and stays there offline (issue 18).

Two parts, both made by the build (site.py, build.py) and by the MkDocs hook of
`mkdocs serve`, so that the published site, `make site` and the preview agree:

- `stylesheet`: the theme's two stylesheets (Material's main and palette CSS,
  137 KB + 12 KB, 24 KB gzip) stand between a resident and the first paint of
  every page. After MkDocs has written the pages, the rules no page can use
  are dropped: a rule stays when one of its selectors names only classes, ids,
  attribute values and elements that occur in the built pages (their markup
  and inline scripts) or that Material's bundle adds itself (its `md-…`
  classes, the tags of the elements it makes); custom properties that nothing
  reads go too (icons of features the site does not use). The result,
  urls.STYLESHEET, replaces the two files (overrides/partials/styles.html).
- `offline_files`: the service worker (urls.SERVICE_WORKER, at the root so its
  scope is the whole site), the web manifest and its two icons (drawn here).
  The service worker caches what a resident opens, nothing up front, in a cache
  named by the build id: a digest of every page and data file, the overrides,
  the hand-written docs and the theme's version, so any new build replaces the
  copies of the previous one. A page served from that cache, offline, shows
  the label of overrides/partials/offline.html with the day it was built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import io
import json
import re
from pathlib import Path

import tinycss2

from . import urls
from .dates import long_date

REPO = Path(__file__).resolve().parent.parent
THEME_COLOUR = "#4051b5"  # Material's indigo (mkdocs.yml palette.primary)

# ---------------------------------------------------------------- stylesheet

WORD = re.compile(r"[A-Za-z0-9_-]+")
QUOTED_TAG = re.compile(r"""["']([a-z][a-z0-9]*)["']""")
# Classes Material's bundle sets without its md- prefix (checked against mkdocs-material 9.8.2).
BUNDLE_CLASSES = {"js", "no-js", "focus-visible"}
NAMES = re.compile(
    r"[.#]((?:[\w-]|\\.)+)"  # a class or an id
    r"|\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(\"[^\"]*\"|'[^']*'|[^\]\s]+))?\s*[is]?\]"  # an attribute and its value
    r"|(?:^|[\s>+~])([a-z][a-z0-9]*)"  # an element
)
PARENS = re.compile(r"\([^()]*\)")
DECLARATION = re.compile(r"(?<=[{;])(--[\w-]+):((?:[^;}\"']|\"[^\"]*\"|'[^']*')*)(;|(?=}))")


def _words(text: str) -> set[str]:
    return set(WORD.findall(text))


def _outside_parentheses(selector: str) -> str:
    """`.a:not(.b)` -> `.a:not`: what a selector's functional pseudo-classes hold may be absent."""
    while True:
        shorter = PARENS.sub("", selector)
        if shorter == selector:
            return selector
        selector = shorter


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


WIDE = re.compile(r"min-width:\s*([\d.]+)em")
WIDE_FROM_EM = 30  # a phone held upright is narrower (412 px = 25.75 em)


def _wide(prelude: str) -> bool:
    """A media query that no phone held upright matches: wider screens, or print."""
    return "print" in prelude or any(float(width) >= WIDE_FROM_EM for width in WIDE.findall(prelude))


class _Purge:
    """Sorts the rules that stay into three stylesheets (FIRST, WIDE, LATER, each in the theme's order)."""

    def __init__(self, page_names: set[str], bundle_names: set[str], values: set[str]):
        self.page_names, self.all_names, self.values = page_names, page_names | bundle_names, values

    def keeps(self, selector: str, names: set[str]) -> bool:
        for match in NAMES.finditer(_outside_parentheses(selector)):
            class_or_id, attribute, value, element = match.groups()
            name = class_or_id or attribute or element
            if "\\" in name:
                continue  # an escaped name: keep rather than guess
            if name not in names:
                return False
            if value and not _words(value.strip("\"'")) <= self.values:
                return False
        return True

    def rules(self, rules, wide: bool = False) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {FIRST: [], WIDE_SCREENS: [], LATER: []}
        here = WIDE_SCREENS if wide else FIRST
        for rule in rules:
            if rule.type == "qualified-rule":
                first, later = [], []
                for selector in _split_selectors(tinycss2.serialize(rule.prelude)):
                    selector = selector.strip()
                    if self.keeps(selector, self.page_names):
                        first.append(selector)
                    elif self.keeps(selector, self.all_names):
                        later.append(selector)  # only on what Material's bundle makes
                body = "{" + tinycss2.serialize(rule.content) + "}"
                if first:
                    out[here].append(",".join(first) + body)
                if later:
                    out[LATER].append(",".join(later) + body)
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                prelude = tinycss2.serialize(rule.prelude)
                inner = self.rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                   wide or (rule.lower_at_keyword == "media" and _wide(prelude)))
                for sheet, kept in inner.items():
                    if kept:
                        out[sheet].append(f"@{rule.at_keyword}{prelude}{{{''.join(kept)}}}")
            elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
                out[here].append(tinycss2.serialize([rule]))
        return out


def _unread_properties_dropped(sheets: dict[str, str]) -> dict[str, str]:
    while True:
        read = set(re.findall(r"var\((--[\w-]+)", "".join(sheets.values())))
        shorter = {}
        for name, css in sheets.items():
            css = DECLARATION.sub(lambda m: m.group(0) if m.group(1) in read else "", css)
            shorter[name] = re.sub(r"[^{}]+\{\}", "", css)
        if shorter == sheets:
            return sheets
        sheets = shorter


def theme_files(site: Path) -> tuple[list[Path], Path]:
    """Material's main and palette stylesheets and its bundle, as the engine copied them into `site`."""
    folder = site / "assets" / "stylesheets"
    sheets = sorted(folder.glob("main.*.min.css")) + sorted(folder.glob("palette.*.min.css"))
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(sheets) != 2 or len(bundles) != 1:
        raise FileNotFoundError(f"Material's stylesheets and bundle are not in {site / 'assets'}")
    return sheets, bundles[0]


FIRST, WIDE_SCREENS, LATER = urls.STYLESHEET, urls.STYLESHEET_WIDE, urls.STYLESHEET_LATER


def purged_stylesheets(sheets: list[str], pages: list[str], bundle: str,
                       page_names: set[str] | None = None) -> dict[str, str]:
    """The rules of `sheets` that the pages' markup or the theme's bundle can use, in three stylesheets:

    FIRST, what the pages' own markup uses on a phone: the only one the first paint waits for;
    WIDE_SCREENS, the same for wider screens and print (linked with that media query: a phone
    does not wait for it); LATER, what only the elements Material's bundle makes use (search
    results, states it sets), loaded with the bundle (partials/scripts-later.html).
    """
    if page_names is None:
        page_names = set()
        for page in pages:
            page_names |= _words(page)
    bundle_words = _words(bundle)
    bundle_names = {word for word in bundle_words if word.startswith("md-")} | BUNDLE_CLASSES
    bundle_names |= set(QUOTED_TAG.findall(bundle))
    purge = _Purge(page_names, bundle_names, page_names | bundle_words)
    kept: dict[str, list[str]] = {FIRST: [], WIDE_SCREENS: [], LATER: []}
    for sheet in sheets:
        for name, rules in purge.rules(tinycss2.parse_stylesheet(sheet, skip_comments=True,
                                                                 skip_whitespace=True)).items():
            kept[name] += rules
    return _unread_properties_dropped({name: "".join(rules) for name, rules in kept.items()})


_WORDS: dict[Path, tuple[tuple[int, int], set[str]]] = {}  # a page's words, by its path, size and time
_PURGED: dict[str, dict[str, str]] = {}


def _page_words(path: Path) -> set[str]:
    stat = path.stat()
    known = _WORDS.get(path)
    if known and known[0] == (stat.st_size, stat.st_mtime_ns):
        return known[1]
    words = _words(path.read_text(encoding="utf-8"))
    _WORDS[path] = ((stat.st_size, stat.st_mtime_ns), words)
    return words


def late_extra_css(config) -> None:
    """mkdocs.yml's extra_css, printed by partials/delivery-head.html at the end of the head instead of
    by Material's base.html before the head's inline scripts (which would wait for them)."""
    config.extra["extra_css_late"] = list(config.extra_css)
    config.extra_css.clear()


def stylesheet(site: Path) -> dict[str, int]:
    """Write the three stylesheets into a built site (not its notices, which carry their own style);
    returns their sizes."""
    sheets, bundle = theme_files(site)
    page_names: set[str] = set()
    for path in site.rglob("*.html"):
        if path.relative_to(site).parts[0] != "pengumuman":
            page_names |= _page_words(path)
    inputs = [sheet.read_text(encoding="utf-8") for sheet in sheets] + [bundle.read_text(encoding="utf-8")]
    key = hashlib.sha256("\0".join([*sorted(page_names), *inputs]).encode()).hexdigest()
    if key not in _PURGED:  # `make serve` rebuilds: most often nothing a selector names has changed
        _PURGED.clear()
        _PURGED[key] = purged_stylesheets(inputs[:-1], [], inputs[-1], page_names)
    made = _PURGED[key]
    for name, css in made.items():
        (site / name).write_text(css, encoding="utf-8")
    return {name: len(css) for name, css in made.items()}


# ---------------------------------------------------------------- search index

TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def compact_search_index(index: dict) -> dict:
    """Material's search index with less to download and the same words to search.

    - a section's text without its markup: the words stay, separated as before (the plugin's
      text is escaped, so every `<` in it begins a tag); the results show it as plain text;
    - no section that repeats its page: the heading of a page's title, with no text of its own,
      indexed with the same title as the page it belongs to;
    - no spaces in the JSON.
    """
    titles: dict[str, str] = {}
    docs = []
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        text = SPACES.sub(" ", TAG.sub(" ", doc.get("text", ""))).strip()
        if not anchor:
            titles[page] = doc.get("title")
        elif not text and titles.get(page) == doc.get("title"):
            continue
        docs.append({**doc, "text": text})
    return {**index, "docs": docs}


def search_index(site: Path) -> None:
    path = site / "search" / "search_index.json"
    if path.exists():
        index = compact_search_index(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# ---------------------------------------------------------------- offline

def build_id(pages: dict[str, str], files: dict[str, bytes], repo: Path = REPO) -> str:
    """A digest of what the build publishes, so that a new build names a new cache."""
    digest = hashlib.sha256()
    digest.update(importlib.metadata.version("mkdocs-material").encode())
    own = [*sorted((repo / "overrides").rglob("*")), *sorted((repo / "docs").rglob("*")), repo / "mkdocs.yml"]
    for path in own:
        if path.is_file():
            digest.update(str(path.relative_to(repo)).encode() + b"\0" + path.read_bytes())
    for path, content in sorted({**pages, **files}.items()):
        digest.update(path.encode() + b"\0" + (content if isinstance(content, bytes) else content.encode()))
    return digest.hexdigest()[:12]


def icon(size: int) -> bytes:
    """The app icon: a white identity card on the theme's indigo, the card inside the maskable safe zone."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), THEME_COLOUR)
    draw = ImageDraw.Draw(image)
    u = size / 96
    draw.rounded_rectangle((22 * u, 30 * u, 74 * u, 66 * u), radius=4 * u, fill="white")
    draw.ellipse((28 * u, 38 * u, 42 * u, 52 * u), fill=THEME_COLOUR)
    draw.rounded_rectangle((26 * u, 54 * u, 44 * u, 60 * u), radius=3 * u, fill=THEME_COLOUR)
    for top in (38, 46, 54):
        draw.rectangle((48 * u, top * u, 68 * u, (top + 3) * u), fill=THEME_COLOUR)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def manifest(site_name: str) -> bytes:
    return json.dumps({
        "name": site_name,
        "short_name": "Panduan Dukcapil",
        "lang": "id",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
                  for size, path in urls.APP_ICONS.items()],
    }, ensure_ascii=False, indent=1).encode("utf-8")


SERVICE_WORKER = Path(__file__).resolve().parent / "templates" / "sw.js"


def service_worker(build: str, day: dt.date) -> bytes:
    """templates/sw.js with this build's id and day."""
    facts = {"build": build, "day": long_date(day)}
    script = SERVICE_WORKER.read_text(encoding="utf-8").replace("/*FACTS*/{}", json.dumps(facts, ensure_ascii=False))
    # without its comment lines: downloaded by every phone
    return "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//")).encode()


def offline_files(pages: dict[str, str], files: dict[str, bytes], day: dt.date, site_name: str) -> dict[str, bytes]:
    """{path in the site: content} of the service worker, the manifest and its icons."""
    return {
        urls.SERVICE_WORKER: service_worker(build_id(pages, files), day),
        urls.MANIFEST: manifest(site_name),
        **{path: icon(size) for size, path in urls.APP_ICONS.items()},
    }


def site_name(data_dir: Path) -> str:
    """The guide's name in mkdocs.yml (beside the data, else the repository's)."""
    import yaml

    config = data_dir / "mkdocs.yml" if (data_dir / "mkdocs.yml").exists() else REPO / "mkdocs.yml"
    return yaml.safe_load(config.read_text(encoding="utf-8"))["site_name"]
