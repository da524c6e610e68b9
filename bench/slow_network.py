"""A visit on slow mobile data, timed in Chromium (issue 18): first paint, load and bytes.

    .venv/bin/python bench/slow_network.py --site DIR [--rounds 3] [--json OUT] [--verbose]

Serves DIR on 127.0.0.1 as a static host does: gzip (level 6) for text
formats (bench/site_server.py) and GitHub Pages' `Cache-Control: max-age=600`
(the deploy workflow publishes to GitHub Pages). Debian's Chromium, driven by
Playwright, gets through the DevTools protocol:

- Network.emulateNetworkConditions: latency 400 ms, download and upload
  50,000 bytes/s (400 kbit/s), what the issue calls Chrome's "Slow 3G" (400 ms
  round trip, 400 kbit/s). DevTools' own "3G" preset has the same throughput
  (500 kbit/s x 0.8) but adds 2,000 ms (400 ms x 5) to every request;
- Emulation.setCPUThrottlingRate: rate 4 (the CPU four times slower, a
  mid-range phone).

The site's service worker is a target of its own, which a CDP session on the
page does not throttle: once the first page has registered it, the bench
attaches to it and gives it the same network conditions, as DevTools does.

For each first page (a kelurahan, the home, a service page), in a fresh
browser context (nothing cached, no service worker), it loads the page, waits
until the network has been idle, then opens a second page of the same visit in
the same tab. For both it reads the first contentful paint (FCP) and the load
event from the page's own Performance timeline, and adds up the bytes the
server sent (gzip) until the network is idle; a request to any host other than
the bench server is counted apart. Every figure is the median of --rounds
rounds (the pages take turns within a round).

Targets: first page FCP <= 1.5 s; second page FCP <= 0.8 s and <= 10 KB; 0
other hosts. Everything stays on loopback and stops with the bench.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import CHROMIUM, CHROMIUM_ARGS, PAGE_TIMEOUT_MS, base_url, serve  # noqa: E402

# (name, first page, second page of the same visit)
VISITS = [
    ("kelurahan", "kelurahan/gunung/", "kecamatan/kebayoran-baru/"),
    ("home", "", "layanan/"),
    ("service", "layanan/ktp-el/", "kelurahan/rawa-bunga/"),
]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1000 / 8,
           "uploadThroughput": 400 * 1000 / 8, "connectionType": "cellular3g"}
CPU_SLOWDOWN = int(__import__("os").environ.get("CPU_SLOWDOWN", "4"))
CACHE_CONTROL = "max-age=600"  # GitHub Pages
TARGETS = {"first_fcp_ms": 1500, "next_fcp_ms": 800, "next_kb": 10}

TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {fcp: fcp ? fcp.startTime : null, load: nav ? nav.loadEventEnd : null,
          controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller)};
}"""


def throttle(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def throttle_workers(browser_cdp, base: str, done: set) -> int:
    """The same network conditions for the site's service worker, a target of its own: DevTools
    throttles it with the page, but a CDP session on the page alone does not (its fetches would
    go at loopback speed). Returns how many workers were throttled."""
    count = 0
    for target in browser_cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker" or not target["url"].startswith(base) or target["targetId"] in done:
            continue
        session = browser_cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})
        for number, (method, params) in enumerate((("Network.enable", {}),
                                                    ("Network.emulateNetworkConditions", SLOW_3G)), 1):
            browser_cdp.send("Target.sendMessageToTarget", {
                "sessionId": session["sessionId"],
                "message": json.dumps({"id": number, "method": method, "params": params})})
        done.add(target["targetId"])
        count += 1
    return count


def settle(page) -> None:
    page.wait_for_load_state("load", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0",
                           timeout=PAGE_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(1500)  # late requests (the service worker's, after load)


def sent_bytes(recorder) -> tuple[int, dict[str, int]]:
    files: dict[str, int] = {}
    for sent in recorder.take():
        files[sent["path"]] = files.get(sent["path"], 0) + sent["sent"]
    return sum(files.values()), files


def one_visit(browser, browser_cdp, base: str, recorder, first: str, second: str, done: set) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 915})  # a phone
    other_hosts = []
    context.on("request", lambda request: None if request.url.startswith(base) or request.url.startswith("data:")
               else other_hosts.append(request.url))
    page = context.new_page()
    throttle(context, page)
    recorder.take()
    result = {}
    try:
        for step, path in (("first", first), ("next", second)):
            page.goto(base + path, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
            settle(page)
            timing = page.evaluate(TIMING)
            total, files = sent_bytes(recorder)
            result[step] = {"page": path, "fcp_ms": timing["fcp"], "load_ms": timing["load"], "bytes": total,
                            "files": files, "controlled": timing["controlled"]}
            if step == "first":
                result["workers_throttled"] = throttle_workers(browser_cdp, base, done)
    finally:
        context.close()
    result["other_hosts"] = other_hosts
    return result


def measure(site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    server, recorder = serve(site, cache_control=CACHE_CONTROL)
    base = base_url(server)
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in VISITS}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            browser_cdp, done = browser.new_browser_cdp_session(), set()
            try:
                for _ in range(rounds):
                    for name, first, second in VISITS:
                        runs[name].append(one_visit(browser, browser_cdp, base, recorder, first, second, done))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return runs


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summary(runs: dict) -> dict:
    out = {}
    for name, visits in runs.items():
        out[name] = {
            "first": visits[0]["first"]["page"], "next": visits[0]["next"]["page"],
            "first_fcp_ms": median([v["first"]["fcp_ms"] for v in visits]),
            "first_load_ms": median([v["first"]["load_ms"] for v in visits]),
            "first_kb": median([v["first"]["bytes"] for v in visits]) / 1024,
            "next_fcp_ms": median([v["next"]["fcp_ms"] for v in visits]),
            "next_load_ms": median([v["next"]["load_ms"] for v in visits]),
            "next_kb": median([v["next"]["bytes"] for v in visits]) / 1024,
            "next_controlled": all(v["next"]["controlled"] for v in visits),
            "other_hosts": sum(len(v["other_hosts"]) for v in visits),
            "first_fcp_all": [round(v["first"]["fcp_ms"] or 0) for v in visits],
            "next_fcp_all": [round(v["next"]["fcp_ms"] or 0) for v in visits],
        }
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, type=Path, help="a built site")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write every run here")
    parser.add_argument("--verbose", action="store_true", help="list the files of every run")
    args = parser.parse_args(argv)
    runs = measure(args.site.resolve(), args.rounds)
    table = summary(runs)
    print(f"Slow 3G ({SLOW_3G['latency']} ms, {SLOW_3G['downloadThroughput'] * 8 / 1000:.0f} kbit/s), "
          f"CPU x{CPU_SLOWDOWN}, median of {args.rounds}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'visit':10} {'first page':22} {'FCP ms':>7} {'load ms':>8} {'KB':>6}   "
          f"{'next page':26} {'FCP ms':>7} {'load ms':>8} {'KB':>6} {'SW':>3} {'other':>5}")
    for name, row in table.items():
        print(f"{name:10} /{row['first']:21} {row['first_fcp_ms']:7.0f} {row['first_load_ms']:8.0f} {row['first_kb']:6.1f}   "
              f"/{row['next']:25} {row['next_fcp_ms']:7.0f} {row['next_load_ms']:8.0f} {row['next_kb']:6.1f} "
              f"{'yes' if row['next_controlled'] else 'no':>3} {row['other_hosts']:5d}")
        if args.verbose:
            print(f"    first FCP each round {row['first_fcp_all']}, next {row['next_fcp_all']}")
            for visit in runs[name]:
                for step in ("first", "next"):
                    files = sorted(visit[step]["files"].items(), key=lambda item: -item[1])
                    print(f"    {step}: " + ", ".join(f"{path} {size / 1024:.1f}" for path, size in files))
    print(f"targets: first FCP <= {TARGETS['first_fcp_ms']} ms; next FCP <= {TARGETS['next_fcp_ms']} ms "
          f"and <= {TARGETS['next_kb']} KB; 0 other hosts")
    if args.json:
        args.json.write_text(json.dumps({"summary": table, "runs": runs}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
