"""Every target of issue 12 against what this machine measures now, as one table.

    .venv/bin/python bench/targets.py [--repeat 3] [--search] [--json OUT]

Builds the site with Material and with Zensical as of 25 March 2020, then runs
bench/page_weight.py (first load of a kelurahan, the home page and a service
page, counted in Chromium), bench/build_bench.py (generation, bare MkDocs,
make site, memory) and bench/serve_bench.py (live preview); with --search also
bench/search_quality.py on both builds (about a minute each). Prints a
Markdown table: target, measured, whether it is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import build_bench  # noqa: E402
import page_weight  # noqa: E402
import serve_bench  # noqa: E402


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def weight_row(label: str, weights: dict) -> tuple:
    sizes = [weights[name]["gzip_bytes"] for name in page_weight.PAGES]
    hosts = sum(len(weights[name]["other_hosts"]) for name in page_weight.PAGES)
    measured = " / ".join(kb(size) for size in sizes) + f" KB, {hosts} other hosts"
    return (label, f"≤ {page_weight.TARGET_KB} KB each, 0 other hosts", measured,
            max(sizes) <= page_weight.TARGET_KB * 1024 and hosts == 0)


def search_row(label: str, site: Path, engine: str, folder: Path) -> tuple:
    import search_quality

    out = folder / f"search-{engine}.json"
    search_quality.main(["--site", str(site), "--engine", engine, "--json", str(out)])
    report = json.loads(out.read_text())
    summary, weight = report["summary"], report["weight"]
    measured = (f"top-1 {summary['top1_rate']:.0%}, top-3 {summary['top3_rate']:.0%}; search at load "
                f"{kb(weight['search_gzip_at_load'])} KB, first query ≤ {kb(weight['first_query_gzip_max'])} KB")
    return (label, "(measured, no target)", measured, None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build step and preview change")
    parser.add_argument("--search", action="store_true", help="also measure search quality on both builds")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from generator.build import build_site

    rows, raw = [], {"load_average": os.getloadavg()[0], "cores": os.cpu_count(), "cores_free": build_bench.cores_free()}
    with tempfile.TemporaryDirectory(prefix="targets-") as temp:
        folder = Path(temp)
        sites = {}
        for engine in ("mkdocs", "zensical"):
            sites[engine] = folder / engine
            build_site(REPO, dt.date(2020, 3, 25), sites[engine], engine=engine, pdf=False)
            raw[f"weight {engine}"] = page_weight.weigh(sites[engine], page_weight.PAGES)
        rows.append(weight_row("first load, kelurahan / home / service page, gzip (the site: Material)",
                               raw["weight mkdocs"]))
        rows.append(weight_row("the same with --engine zensical", raw["weight zensical"]))

        steps = raw["build"] = build_bench.measure(args.repeat, log=lambda line: print(line, file=sys.stderr))
        bare = steps["bare MkDocs"]
        labels = {"pages": "validate, model and Markdown pages in memory (issue 12's measure)",
                  "markdown": "`python -m generator markdown` (pages and data files, the feed from the git history, written out)",
                  "make site": "`make site` (the 50 batch PDFs too)"}
        # The 0.45 s for "generating the Markdown" was the pages in memory: the markdown command
        # also makes and writes the data files, which did not exist then; it is shown, with no target.
        for name, target in (("pages", 0.10), ("markdown", None), ("make site", 3.0)):
            ratio, cpu = steps[name]["ratio_wall"], steps[name]["ratio_cpu"]
            shown = f"{ratio:.1f}×" if target and target > 1 else f"{ratio:.0%}"
            shown_cpu = f"{cpu:.1f}×" if target and target > 1 else f"{cpu:.0%}"
            rows.append((f"{labels[name]} vs a bare MkDocs build of the same Markdown (wall; CPU)",
                         "(measured, no target)" if target is None else f"≤ {target:.0%}" if target < 1 else f"≤ {target:.0f}×",
                         f"{steps[name]['wall_s']} s vs {bare['wall_s']} s: {shown}; CPU {steps[name]['cpu_s']} s vs "
                         f"{bare['cpu_s']} s: {shown_cpu}", None if target is None else ratio <= target))
        peak = steps["make site"]["peak_mib"]
        rows.append(("peak memory of `make site` (all its processes)", "≤ 1 GB", f"{peak} MiB", peak <= 1024))

        preview = raw["serve"] = serve_bench.measure(args.repeat, serve_bench.make_serve_args())
        rows.append(("saving offices.yaml until the served page shows it (`make serve`)", f"≤ {serve_bench.TARGET_S:.0f} s",
                     f"median {preview['median_s']} s, max {preview['max_s']} s", preview["max_s"] <= serve_bench.TARGET_S))

        if args.search:
            rows.append(search_row("search on tests/search_queries.yaml, Material (lunr, tuned)", sites["mkdocs"], "lunr", folder))
            rows.append(search_row("search on tests/search_queries.yaml, Zensical", sites["zensical"], "zensical", folder))

    print(f"\nMeasured {dt.date.today().isoformat()}, load average {raw['load_average']:.1f} on {raw['cores']} cores, "
          f"of which two CPU-bound processes got {raw['cores_free']:.1f}.\n")
    print("| what | target | measured | met |")
    print("| --- | --- | --- | --- |")
    for what, target, measured, met in rows:
        print(f"| {what} | {target} | {measured} | {'' if met is None else ('yes' if met else 'no')} |")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
