"""Accessibility, WCAG 2.1 AA: axe-core in Chromium, the keyboard, the language, and no JavaScript.

axe-core (npm, pinned in package.json; `make test` installs it with `npm ci`) is
injected by Playwright into Debian's Chromium on the built site. It must report
no serious or critical violation of the WCAG 2.0/2.1 A and AA rules nor of its
best practices, on a page of every kind, on a phone and on a desktop screen.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from test_browser import at_build_day, browser, server  # noqa: F401  (shared fixtures)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = {
    "home": "/",
    "services": "/layanan/",
    "service": "/layanan/ktp-el/",
    "kota": "/kota/jakarta-selatan/",
    "kecamatan": "/kecamatan/kebayoran-baru/",
    "kelurahan": "/kelurahan/gunung/",
    "dinas": "/dinas/",
    "closures": "/penutupan/",
    "regions": "/wilayah/",
    "notice": "/pengumuman/kelurahan/gunung.html",
    "checklist": "/layanan/ktp-el/cetak/index.html",
    "about": "/tentang/",
    "contributing": "/kontribusi/",
}
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):  # noqa: F811
    """A page on a phone-sized and on a desktop-sized screen."""
    context = browser.new_context(viewport=SCREENS[request.param], locale="id-ID")
    at_build_day(context)
    yield context.new_page()
    context.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now: "rule: target (message)"."""
    assert AXE.exists(), f"{AXE} is missing: `make test` installs it (npm ci)"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
             .violations.filter((v) => v.impact === "serious" || v.impact === "critical")
             .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary.replace(/\\s+/g, " ")})`))""",
        AXE_TAGS)
    return violations


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violation(screen, server, kind):
    screen.goto(server + PAGES[kind])
    assert serious_violations(screen) == []


def test_no_serious_violation_in_search_results(screen, server):
    screen.goto(server + "/")
    screen.keyboard.press("/")
    screen.keyboard.type("akte lahir")
    screen.locator(".md-search-result__item").first.wait_for()
    assert screen.locator("mark").count() > 0  # the matched words are highlighted (in the accent colour)
    assert serious_violations(screen) == []


def test_no_serious_violation_in_the_open_navigation_drawer(browser, server):  # noqa: F811
    context = browser.new_context(viewport=SCREENS["phone"], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/kelurahan/gunung/")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for()
    assert serious_violations(page) == []
    context.close()


def test_the_requirement_list_reads_as_a_list(browser, server):  # noqa: F811
    """Material's disabled, unlabelled checkboxes are out of the accessibility tree; the boxes are still drawn."""
    context = browser.new_context(viewport=SCREENS["phone"], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/layanan/ktp-el/")
    items = page.get_by_role("list").filter(has_text="Kartu Keluarga (KK)").get_by_role("listitem")
    assert items.count() >= 2
    assert page.get_by_role("checkbox").count() == 0
    box = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector(".task-list-indicator"), "::before");
        return [style.width, style.height, style.content];
    }""")
    assert box == ["20px", "20px", '""']  # the box Material draws before each document (1.25em)
    context.close()


# --- The keyboard ----------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement, style = getComputedStyle(e), box = e.getBoundingClientRect();
    const centre = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {
        text: (e.innerText || e.getAttribute("aria-label") || "").trim().split("\\n")[0],
        href: e.getAttribute("href"),
        name: e.getAttribute("name"),
        inContent: !!e.closest("article.md-content__inner"),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
               && style.outlineColor !== "rgba(0, 0, 0, 0)") || style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                  && box.top < innerHeight && box.left < innerWidth
                  && !!centre && (e.contains(centre) || centre.contains(e)),
    };
}"""


def tab(page) -> dict:
    """Press Tab and describe the focused element once it is in place (drawers and dialogs slide in)."""
    page.keyboard.press("Tab")
    try:
        page.wait_for_function(f"() => ({FOCUSED})().onScreen", timeout=1000)
    except Exception:
        pass  # reported by the caller as not on screen
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("name", list(SCREENS))
def test_tab_reaches_the_skip_link_search_and_content_with_visible_focus(browser, server, name):  # noqa: F811
    context = browser.new_context(viewport=SCREENS[name], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/")
    stops = [tab(page) for _ in range(24)]
    assert stops[0]["text"] == "Lewati ke isi"  # Material's skip link, in Indonesian, first
    assert [s["name"] for s in stops].count("query") == 1  # the search box
    content = [s["href"] for s in stops if s["inContent"]]
    assert content[:2] == ["#cara-mengurus-secara-daring", "kanal/alpukat-aplikasi/"]
    assert "kota/jakarta-selatan/" in content and "kota/jakarta-pusat/" in content
    assert [s for s in stops if not s["onScreen"] or not s["ring"]] == []
    context.close()


def test_skip_link_moves_focus_to_the_content(browser, server):  # noqa: F811
    context = browser.new_context(viewport=SCREENS["desktop"], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/kelurahan/gunung/")
    assert tab(page)["text"] == "Lewati ke isi"
    page.keyboard.press("Enter")
    assert page.url.endswith("#kelurahan-gunung")
    following = tab(page)
    assert following["inContent"] and following["onScreen"]
    context.close()


def test_focus_ring_is_drawn_on_a_content_link(browser, server):  # noqa: F811
    """The ring is checked in pixels once: the same link looks different focused and not."""
    context = browser.new_context(viewport=SCREENS["desktop"], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/")
    while page.evaluate(FOCUSED)["href"] != "kota/jakarta-pusat/":
        page.keyboard.press("Tab")
    box = page.locator("article a[href='kota/jakarta-pusat/']").bounding_box()
    around = {"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12}
    focused = page.screenshot(clip=around)
    page.evaluate("() => document.activeElement.blur()")
    assert page.screenshot(clip=around) != focused
    context.close()


@pytest.mark.parametrize("name", list(SCREENS))
def test_search_works_with_the_keyboard(browser, server, name):  # noqa: F811
    context = browser.new_context(viewport=SCREENS[name], locale="id-ID")
    at_build_day(context)
    page = context.new_page()
    page.goto(server + "/")
    page.keyboard.press("/")  # Material's shortcut; Tab reaches the same box
    assert page.evaluate("() => document.activeElement.name") == "query"
    assert page.locator(".md-search__input").is_visible()
    page.keyboard.type("kebayoran baru")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.className").startswith("md-search-result__link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/kecamatan/kebayoran-baru/(\?h=.*)?$", page.url)
    context.close()


# --- Language and JavaScript ----------------------------------------------

def test_every_page_is_in_indonesian(closed_site):
    pages = sorted(closed_site.root.rglob("*.html"))
    assert len(pages) > 600  # the site's pages and the printable notices
    opening = re.compile(r"\s*<!doctype html>\s*<html lang=\"id\"[\s>]", re.I)
    assert [str(p.relative_to(closed_site.root)) for p in pages
            if not opening.match(p.read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("kind", list(PAGES))
def test_content_is_readable_without_javascript(browser, server, kind):  # noqa: F811
    """With JavaScript off, the content shows exactly the text it shows with JavaScript on."""
    texts = []
    for javascript in (True, False):
        context = browser.new_context(viewport=SCREENS["phone"], locale="id-ID", java_script_enabled=javascript)
        at_build_day(context)
        page = context.new_page()
        page.goto(server + PAGES[kind])
        content = page.locator("article.md-content__inner" if kind not in ("notice", "checklist") else "body")
        assert content.is_visible() and page.locator("h1").is_visible()
        texts.append(content.inner_text())
        context.close()
    assert len(texts[1]) > 300
    assert texts[1] == texts[0]
