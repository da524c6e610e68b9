"""What a resident downloads on a first visit to a page, counted in Chromium (issue 12).

    .venv/bin/python bench/page_weight.py --site DIR [--page kelurahan/gunung/ ...] [--json OUT]

Serves DIR on 127.0.0.1 gzip-compressed as a web server would (bench/site_server.py),
opens each page in a fresh Chromium context (nothing cached), waits until the
network has been idle for half a second and one more second for late
requests, and adds up the bodies (gzip bytes) of every response Chromium
asked for, as the server sent them (Chromium itself reports 0 bytes for a
worker's script). Requests to any host other than the bench server
are counted apart: the target is 70 KB per page and none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import CHROMIUM, CHROMIUM_ARGS, PAGE_TIMEOUT_MS, base_url, serve  # noqa: E402

PAGES = {"kelurahan": "kelurahan/gunung/", "home": "", "service": "layanan/ktp-el/"}
TARGET_KB = 70


def weigh(site: Path, pages: dict[str, str], cache_control: str = "max-age=600") -> dict[str, dict]:
    """For each named page: gzip bytes received, the files, and the requests to other hosts.

    cache_control: GitHub Pages' header by default. Each page opens in a fresh context (nothing
    cached before it); within its load, the service worker saves what the page loaded from the
    browser's cache, as on the published site ("no-store" would count those files twice)."""
    from playwright.sync_api import sync_playwright

    server, recorder = serve(site, cache_control=cache_control)
    base = base_url(server)
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, page_path in pages.items():
                    context = browser.new_context(viewport={"width": 412, "height": 915})  # a phone
                    finished, failed = [], []
                    context.on("requestfinished", lambda request: finished.append(request))
                    context.on("requestfailed", lambda request: failed.append(request))
                    page = context.new_page()
                    recorder.take()
                    page.goto(base + page_path, wait_until="load", timeout=PAGE_TIMEOUT_MS)
                    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
                    page.wait_for_timeout(1000)
                    files, other_hosts = {}, []
                    for request in finished + failed:
                        url = urlsplit(request.url)
                        if url.scheme == "data":
                            continue
                        if f"{url.scheme}://{url.netloc}/" != base:
                            other_hosts.append(request.url)
                            continue
                        files[url.path] = files.get(url.path, 0)
                    for sent in recorder.take():  # Chromium reports 0 bytes for a worker's script
                        if sent["path"] in files:
                            files[sent["path"]] += sent["sent"]
                    results[name] = {"page": page_path, "gzip_bytes": sum(files.values()),
                                     "files": files, "other_hosts": other_hosts}
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, type=Path, help="a built site")
    parser.add_argument("--page", action="append", help="a page path (default: a kelurahan, home, a service)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--verbose", action="store_true", help="list every file")
    args = parser.parse_args(argv)
    pages = {page: page for page in args.page} if args.page else PAGES
    results = weigh(args.site.resolve(), pages)
    print(f"{'page':12} {'path':22} {'KB gzip':>8} {'target':>7} {'other hosts':>12}")
    for name, result in results.items():
        print(f"{name:12} /{result['page']:21} {result['gzip_bytes'] / 1024:8.1f} {'≤ ' + str(TARGET_KB):>7} "
              f"{len(result['other_hosts']):12d}")
        if args.verbose:
            for path, size in sorted(result["files"].items(), key=lambda item: -item[1]):
                print(f"    {size / 1024:6.1f}  {path}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
