"""Pagefind on the built site: the option measured and rejected in issue 5 (bench/SEARCH.md).

    .venv/bin/python -m pip install 'pagefind[extended]==1.5.2'   # not a dependency of the site
    cp -r SITE SITE-pf && .venv/bin/python -m pagefind --site SITE-pf
    .venv/bin/python bench/search_pagefind.py --site SITE-pf --engine pagefind \
        [--pagefind-mode strict|tolerant] [--pagefind-options JSON] [--json OUT]

The measurement is bench/search_quality.py's (same queries, server, bytes);
this file only adds the engine: /pagefind/pagefind.js is imported in the page
and its search() is called, with --pagefind-options passed to
pagefind.options(). In "tolerant" mode the query goes through TOLERANT_JS
below (what a search box of our own would run): all-words results first, then
pages that match some of the words, then a shortened form of words that match
nothing (typos). The first query also loads the data of the first five
results, as a result list shows them. Material's own search assets are
blocked, as they would be once its `search` plugin is removed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_quality  # noqa: E402
from search_quality import PAGE_TIMEOUT_MS, distinct  # noqa: E402

PAGEFIND_ASSETS = re.compile(r"^/pagefind/")
RESULT_DATA = 5          # results whose data (URL, title, excerpt) a result list loads

# The query strategy measured as "tolerant": what the site's search box should run.
TOLERANT_JS = r"""
async function tolerantSearch(pagefind, query, minPrefix = 4) {
  // 1. Pagefind as it is: pages that match every word.
  const all = await pagefind.search(query);
  const words = query.toLowerCase().split(/[\s\-\/]+/).filter(w => w.length > 0);
  if (words.length < 2 && all.results.length > 0) return all.results;
  // 2. Each word on its own; a word that matches nothing is shortened (typos at
  //    the end of a word: "jatinegra" -> "jatineg" matches "jatinegara").
  const scores = new Map(), hits = new Map(), byId = new Map();
  for (const word of words) {
    let found = await pagefind.search(word);
    for (let cut = word.length - 1; found.results.length === 0 && cut >= minPrefix; cut--) {
      found = await pagefind.search(word.slice(0, cut));
    }
    for (const r of found.results) {
      byId.set(r.id, r);
      scores.set(r.id, (scores.get(r.id) || 0) + r.score);
      hits.set(r.id, (hits.get(r.id) || 0) + 1);
    }
  }
  // 3. All-words pages first (in Pagefind's order), then by words matched, then score.
  const first = new Set(all.results.map(r => r.id));
  const rest = [...byId.values()].filter(r => !first.has(r.id)).sort((a, b) =>
    (hits.get(b.id) - hits.get(a.id)) || (scores.get(b.id) - scores.get(a.id)));
  return [...all.results, ...rest];
}
"""

PAGEFIND_QUERY_JS = """
async ({query, options, mode, top, tolerant}) => {
  if (!window.__pf) {
    window.__pf = await import("/pagefind/pagefind.js");
    if (options) await window.__pf.options(options);
    await window.__pf.init();
    window.__tolerant = (0, eval)("(" + tolerant + ")");
  }
  const pf = window.__pf;
  const results = mode === "tolerant" ? await window.__tolerant(pf, query)
                                      : (await pf.search(query)).results;
  const data = await Promise.all(results.slice(0, top).map(r => r.data()));
  return {count: results.length, urls: data.map(d => d.url)};
}
"""



class Pagefind:
    name = "pagefind"
    search_re = PAGEFIND_ASSETS

    def __init__(self, args):
        self.args = args
        self.options = json.loads(args.pagefind_options) if args.pagefind_options else None

    def prepare(self, context):
        # The site would drop Material's lunr search when it uses Pagefind.
        context.route(re.compile(r"/(search/search_index\.json|assets/javascripts/workers/|assets/javascripts/lunr/)"),
                      lambda route: route.abort())

    def open(self, page, url):
        page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)

    def _run(self, page, q, top):
        return page.evaluate(PAGEFIND_QUERY_JS, {
            "query": q, "options": self.options, "mode": self.args.pagefind_mode,
            "top": top, "tolerant": TOLERANT_JS.strip()})

    def query(self, page, q: str) -> dict:
        result = self._run(page, q, 10)
        return {"count": result["count"], "pages": distinct(result["urls"])}

    def first_query(self, page, q):
        result = self._run(page, q, RESULT_DATA)
        return {"count": result["count"], "pages": distinct(result["urls"])}


def options(parser) -> None:
    parser.add_argument("--pagefind-options", help="JSON for pagefind.options(), e.g. ranking")
    parser.add_argument("--pagefind-mode", choices=["strict", "tolerant"], default="strict")


def report(args) -> dict:
    if not (args.site / "pagefind" / "pagefind.js").is_file():
        sys.exit(f"{args.site}/pagefind/pagefind.js is missing: run python -m pagefind --site {args.site}")
    return {"pagefind_options": json.loads(args.pagefind_options) if args.pagefind_options else None,
            "pagefind_mode": args.pagefind_mode}


if __name__ == "__main__":
    sys.exit(search_quality.main(engines={"pagefind": Pagefind}, engine_options=options, engine_report=report))
