"""Search quality and weight of the built site (issues 5 and 12).

    python bench/search_quality.py --site DIR --engine lunr|zensical
        [--queries tests/search_queries.yaml] [--json OUT]
        [--page kelurahan/rawa-bunga/] [--lunr-script] [--verbose]

Serves DIR on 127.0.0.1 (a random port, gzip as a web server would send it:
bench/site_server.py), drives Debian's Chromium with Playwright and asks the
real search engine in the page for every query of the queries file:

- lunr: Material for MkDocs' own search, the site's. The query is typed into
  the header search box; the ranked pages are read from the result list
  Material renders (one <li> per page), once the search worker has answered
  that query. --lunr-script injects the site's search tuning
  (overrides/partials/search-tuning.html: typo tolerance, lazy index) into a
  site built without it; a site that ships it needs no flag.
- zensical: the same site built with `--engine zensical`, whose search (its
  own engine and worker) opens in a dialog; the pages are read from the
  dialog's result list once the worker has answered that query.

Pagefind, measured and rejected in issue 5, is kept apart in
bench/search_pagefind.py, which reuses this file's measurement.

Queries marked `set: holdout` are reported apart (written after tuning).
A query is a top-1 (top-3) hit when one of its expected pages is the first
(among the first three) distinct result pages, anchors and ?h= dropped.

Bytes: for a fresh page load of --page (no cache), the gzip bytes (level 6)
sent by the server, split into the page itself and search assets, then the
bytes the first search costs.

Everything stays on loopback; every wait is bounded; the script ends by itself.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import CHROMIUM, CHROMIUM_ARGS, PAGE_TIMEOUT_MS, base_url, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator import urls  # noqa: E402

# The theme's search assets: the index, the worker and lunr's language files.
SEARCH_ASSETS = re.compile(r"^/(search/search_index\.json|search\.json|assets/javascripts/workers/|assets/javascripts/lunr/)")
FIRST_QUERIES = ["akte lahir", "rawa bunga", "cara bikin akta kelahiran anak"]
QUERY_TIMEOUT_S = 15

# The search worker protocol of Material and Zensical: 0 setup, 1 ready, 2 query, 3 result.
# Material's query is a string; Zensical's is an object whose `input` is the query.
WORKER_INIT = """
(() => {
  const Native = window.Worker;
  window.__bench = { ready: false, queries: [], results: [] };
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) {
        window.__bench.queries.push(message.typed || (typeof message.data === "string" ? message.data : message.data.input));
      }
      return post(message, ...rest);
    };
    worker.addEventListener("message", (event) => {
      const message = event.data || {};
      if (message.type === 1) window.__bench.ready = true;
      if (message.type === 3) window.__bench.results.push(message.data);
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""

# The search tuning the site ships in <head> (typo tolerance, lazy index, result
# kinds), for --lunr-script: a site built before it shipped can be measured with it.
SITE_SCRIPT = ROOT / "overrides" / "partials" / "search-tuning.html"


def site_script() -> str:
    """The JavaScript of the site's search-tuning partial, rendered as the Material build renders it."""
    html = jinja2.Template(SITE_SCRIPT.read_text(encoding="utf-8")).render(
        config={"extra": {"jenis_halaman": urls.SECTIONS}})
    return html[html.index("<script>") + len("<script>"):html.rindex("</script>")]


# --------------------------------------------------------------------------- helpers

def load_queries(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in items:
        pages = item["page"] if isinstance(item["page"], list) else [item["page"]]
        out.append({"q": str(item["q"]), "pages": [normalise(p) for p in pages],
                    "kind": item.get("kind", ""), "set": item.get("set", "tuning")})
    return out


def normalise(url: str) -> str:
    """A result URL or an expected path as a site-relative page path: 'layanan/kia/'."""
    path = urlsplit(url).path if "://" in url else url.split("#", 1)[0].split("?", 1)[0]
    path = unquote(path).lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def distinct(urls: list[str]) -> list[str]:
    seen, out = set(), []
    for url in urls:
        page = normalise(url)
        if page not in seen:
            seen.add(page)
            out.append(page)
    return out


def split_bytes(entries: list[dict], search_re) -> dict:
    search = [e for e in entries if search_re.search(e["path"])]
    other = [e for e in entries if not search_re.search(e["path"])]
    return {
        "page_gzip": sum(e["sent"] for e in other),
        "search_gzip": sum(e["sent"] for e in search),
        "search_raw": sum(e["raw"] for e in search),
        "requests": len(entries),
        "search_files": sorted({e["path"] for e in search}),
        "search_file_bytes": {e["path"]: e["sent"] for e in search},
    }


def wait_until(predicate, timeout_s: float, step_s: float = 0.02):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step_s)
    return None


# --------------------------------------------------------------------------- engines

def answered(page, q: str, before: int) -> bool:
    """Whether the search worker has answered query `q` since it had given `before` answers."""
    return wait_until(lambda: page.evaluate(
        "([n, q]) => window.__bench.results.length > n && window.__bench.queries.at(-1) === q",
        [before, q]), QUERY_TIMEOUT_S)


def rendered(page) -> None:
    """Let the theme render the answer it got."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


class Lunr:
    name = "lunr"
    search_re = SEARCH_ASSETS

    def __init__(self, args):
        self.args = args
        self.script = bool(args.lunr_script)

    def prepare(self, context):
        context.add_init_script(WORKER_INIT)
        if self.script:
            # What the site would ship in <head> (overrides/main.html, block extrahead).
            context.add_init_script(site_script())

    def open(self, page, url):
        # No wait for the search worker here: a site may load the index only when the
        # search box is first used; query() focuses the box and waits for it.
        page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)

    def query(self, page, q: str) -> dict:
        box = page.locator("input.md-search__input")
        if not page.evaluate("document.activeElement && document.activeElement.matches('input.md-search__input')"):
            box.click()
        page.wait_for_function("window.__bench && window.__bench.ready", timeout=PAGE_TIMEOUT_MS)
        before = page.evaluate("window.__bench.results.length")
        box.fill(q)
        box.press("End")                            # Material searches on keyup
        if not answered(page, q, before):
            return {"count": 0, "pages": [], "error": "no answer from the search worker"}
        rendered(page)
        shown = page.eval_on_selector_all(
            ".md-search-result__list > li.md-search-result__item",
            "items => items.map(li => (li.querySelector('a') || {}).href).filter(Boolean)")
        answer = page.evaluate("window.__bench.results.at(-1)")
        worker_pages = distinct([group[0]["location"] for group in answer.get("items", []) if group])
        pages = distinct(shown) if shown else worker_pages
        out = {"count": len(answer.get("items", [])), "pages": pages[:10]}
        if shown and distinct(shown)[:3] != worker_pages[:3]:
            out["note"] = "result list differs from the worker's answer"
        return out

    def first_query(self, page, q):
        return self.query(page, q)


class Zensical:
    """Zensical's own search: a dialog (in a shadow root, which Playwright's selectors pierce)."""

    name = "zensical"
    search_re = SEARCH_ASSETS

    def __init__(self, args):
        self.args = args

    def prepare(self, context):
        context.add_init_script(WORKER_INIT)

    def open(self, page, url):
        page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)

    def query(self, page, q: str) -> dict:
        box = page.locator("dialog input")
        if not box.is_visible():
            page.locator(".md-search__button").click()
        page.wait_for_function("window.__bench && window.__bench.ready", timeout=PAGE_TIMEOUT_MS)
        before = page.evaluate("window.__bench.results.length")
        box.fill(q)
        if not answered(page, q, before):
            return {"count": 0, "pages": [], "error": "no answer from the search worker"}
        rendered(page)
        shown = page.eval_on_selector_all("ol[role=listbox] > li > a[role=option]", "links => links.map(a => a.href)")
        answer = page.evaluate("window.__bench.results.at(-1)")
        return {"count": len(answer.get("items", [])), "pages": distinct(shown)[:10]}

    def first_query(self, page, q):
        return self.query(page, q)


ENGINES = {"lunr": Lunr, "zensical": Zensical}


# --------------------------------------------------------------------------- main

def main(argv=None, engines: dict = ENGINES, engine_options=None, engine_report=lambda args: {}) -> int:
    """The bench; bench/search_pagefind.py passes its own engines, options and report fields."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, type=Path)
    parser.add_argument("--engine", required=True, choices=sorted(engines))
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yaml")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--page", default="kelurahan/rawa-bunga/",
                        help="page whose fresh load and first search are weighed")
    parser.add_argument("--lunr-script", action="store_true",
                        help="inject the site's search tuning (overrides/partials/search-tuning.html) into a site built without it")
    parser.add_argument("--label", help="name of this configuration in the report")
    parser.add_argument("--verbose", action="store_true")
    if engine_options:
        engine_options(parser)
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        parser.error(f"{site} is not a built site (no index.html)")
    if args.lunr_script and "withTypos" in (site / "index.html").read_text(encoding="utf-8"):
        parser.error(f"{site} already ships the search tuning: run without --lunr-script")
    if args.engine == "lunr" and not (site / "search" / "search_index.json").is_file():
        parser.error(f"{site} has no Material search index: built with --engine zensical?")
    if args.engine == "zensical" and not (site / "search.json").is_file():
        parser.error(f"{site} has no Zensical search index: build it with --engine zensical")
    queries = load_queries(args.queries)
    missing = [(q["q"], p) for q in queries for p in q["pages"]
               if not (site / p / "index.html").is_file()]
    if missing:
        parser.error(f"expected pages missing from the site: {missing}")

    from playwright.sync_api import sync_playwright

    engine = engines[args.engine](args)
    server, recorder = serve(site, cache_control="max-age=600")  # GitHub Pages: the service worker saves from the cache
    base = base_url(server)
    report = {"site": str(site), "engine": engine.name, "label": args.label or engine.name,
              "lunr_script": args.lunr_script if engine.name == "lunr" else None, **engine_report(args),
              "weight": {}, "queries": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # 1. Weight: fresh load of one kelurahan page, then one first search.
                first = []
                for q in FIRST_QUERIES:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    engine.prepare(context)
                    page = context.new_page()
                    recorder.take()
                    engine.open(page, base + args.page)
                    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
                    load = split_bytes(recorder.take(), engine.search_re)
                    engine.first_query(page, q)
                    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
                    extra = split_bytes(recorder.take(), engine.search_re)
                    first.append({"query": q, "load": load, "first_search": extra,
                                  "first_query_gzip": load["search_gzip"] + extra["search_gzip"]
                                  + extra["page_gzip"]})
                    context.close()
                report["weight"] = {
                    "page": args.page,
                    "page_gzip_without_search": first[0]["load"]["page_gzip"],
                    "search_gzip_at_load": first[0]["load"]["search_gzip"],
                    "first_query_gzip_max": max(f["first_query_gzip"] for f in first),
                    "samples": first,
                }

                # 2. Quality: every query in one page, as one resident would.
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                engine.prepare(context)
                page = context.new_page()
                engine.open(page, base)
                for item in queries:
                    started = time.monotonic()
                    answer = engine.query(page, item["q"])
                    ranked = answer["pages"]
                    rank = next((i + 1 for i, p in enumerate(ranked) if p in item["pages"]), None)
                    row = {**item, "rank": rank, "top": ranked[:5], "count": answer["count"],
                           "ms": round((time.monotonic() - started) * 1000)}
                    for key in ("error", "note"):
                        if key in answer:
                            row[key] = answer[key]
                    report["queries"].append(row)
                    if args.verbose:
                        print(f"{rank or '-':>2} {item['q']!r}: {ranked[:3]}", file=sys.stderr)
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    rows = report["queries"]
    n = len(rows)
    top1 = sum(1 for r in rows if r["rank"] == 1)
    top3 = sum(1 for r in rows if r["rank"] and r["rank"] <= 3)
    by_kind = {}
    for r in rows:
        k = by_kind.setdefault(r["kind"], [0, 0])
        k[0] += 1
        k[1] += bool(r["rank"] and r["rank"] <= 3)
    by_set = {}
    for r in rows:
        k = by_set.setdefault(r["set"], [0, 0, 0])
        k[0] += 1
        k[1] += r["rank"] == 1
        k[2] += bool(r["rank"] and r["rank"] <= 3)
    report["summary"] = {"queries": n, "top1": top1, "top3": top3,
                         "top1_rate": round(top1 / n, 3), "top3_rate": round(top3 / n, 3),
                         "top3_by_kind": {k: f"{v[1]}/{v[0]}" for k, v in by_kind.items()},
                         "by_set": {k: {"queries": v[0], "top1": v[1], "top3": v[2]} for k, v in by_set.items()}}

    w = report["weight"]
    print(f"{report['label']}: top-1 {top1}/{n} ({top1 / n:.0%}), top-3 {top3}/{n} ({top3 / n:.0%})")
    print("  by set: " + ", ".join(f"{k} top-1 {v['top1']}/{v['queries']}, top-3 {v['top3']}/{v['queries']}"
                                   for k, v in report["summary"]["by_set"].items()))
    print("  top-3 by kind: " + ", ".join(f"{k} {v}" for k, v in report["summary"]["top3_by_kind"].items()))
    print(f"  {w['page']}: page {w['page_gzip_without_search'] / 1024:.1f} KB gzip without search, "
          f"search assets at load {w['search_gzip_at_load'] / 1024:.1f} KB, "
          f"first query (max of {len(FIRST_QUERIES)}) {w['first_query_gzip_max'] / 1024:.1f} KB gzip")
    for s in w["samples"]:
        print(f"    first query {s['query']!r}: {s['first_query_gzip'] / 1024:.1f} KB "
              f"({len(s['load']['search_files']) + len(s['first_search']['search_files'])} search files)")
    misses = [r for r in rows if not (r["rank"] and r["rank"] <= 3)]
    if misses:
        print("  misses (top-3):")
        for r in misses:
            print(f"    {'[holdout] ' if r['set'] == 'holdout' else ''}{r['q']!r} -> want {r['pages'][0] or '(home)'}; got {r['top'][:3]}"
                  f"{' rank ' + str(r['rank']) if r['rank'] else ''}{' [' + r['error'] + ']' if 'error' in r else ''}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
