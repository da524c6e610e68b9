"""Benchmark of the pipeline on the real data: time and memory of each step, and page weight.

    .venv/bin/python bench/build_bench.py [--repeat 3] [--json bench/results/build.json]

Each step runs in a fresh process so that its peak memory (max RSS) is its own.
Page weight is what a resident downloads for one kelurahan page: the HTML and
every same-site script, stylesheet and image it references, gzip-compressed
as a web server would send them. Targets (not asserted by the tests): validate
under 2 s, build without PDFs under 30 s, a kelurahan page under 150 KB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

REPO = Path(__file__).resolve().parent.parent

STEPS = {
    "validate": "from generator.validate import check_data; check_data(REPO)",
    "model+pages": (
        "import datetime as dt; from generator.model import load_guide; from generator.pages import render_pages;"
        "render_pages(load_guide(REPO), dt.date(2020, 3, 25))"
    ),
    "notices (318 HTML + QR)": (
        "import datetime as dt; from generator.model import load_guide; from generator import notices;"
        "notices.render_notices(load_guide(REPO), dt.date(2020, 3, 25), 'https://x.test/', dt.date(2026, 1, 1))"
    ),
    "build, no PDFs": (
        "import datetime as dt, tempfile, pathlib; from generator.build import build_site;"
        "build_site(REPO, dt.date(2020, 3, 25), pathlib.Path(tempfile.mkdtemp()) / 'site', pdf=False)"
    ),
    "build with PDFs (make site)": (
        "import datetime as dt, tempfile, pathlib; from generator.build import build_site;"
        "build_site(REPO, dt.date(2020, 3, 25), pathlib.Path(tempfile.mkdtemp()) / 'site')"
    ),
}

PROBE = """
import resource, time, sys
from pathlib import Path
REPO = Path({repo!r})
start = time.perf_counter()
{code}
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_step(code: str) -> tuple[float, int]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(repo=str(REPO), code=code)],
                            capture_output=True, text=True, check=True, cwd=REPO)
    seconds, kib = result.stdout.split()[-2:]
    return float(seconds), int(kib)


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Bytes (raw and gzip) of a page and the same-site resources it loads."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script|img)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    files = [html_path]
    for src, href in refs:
        target = urljoin(f"/{page}", src or href)
        if "//" in target:
            continue
        files.append(site / target.lstrip("/").split("?")[0])
    raw = sum(f.stat().st_size for f in files)
    compressed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return {"files": len(files), "bytes": raw, "gzip_bytes": compressed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    results = {}
    for name, code in STEPS.items():
        runs = [run_step(code) for _ in range(args.repeat if "PDFs (make" not in name else 1)]
        results[name] = {"median_s": round(statistics.median(r[0] for r in runs), 2),
                         "max_rss_mib": round(max(r[1] for r in runs) / 1024)}
        print(f"{name:30} {results[name]['median_s']:7.2f} s  {results[name]['max_rss_mib']:5d} MiB", flush=True)

    with tempfile.TemporaryDirectory() as temp:
        import datetime as dt

        sys.path.insert(0, str(REPO))
        from generator.build import build_site

        site = Path(temp) / "site"
        build_site(REPO, dt.date(2020, 3, 25), site, pdf=False)
        for page in ("kelurahan/gunung", "layanan/ktp-el", "", "wilayah"):
            weight = page_weight(site, page)
            results[f"page /{page}"] = weight
            print(f"page /{page:28} {weight['files']:2d} files {weight['bytes'] / 1024:7.1f} KiB "
                  f"{weight['gzip_bytes'] / 1024:6.1f} KiB gzip")
        index = site / "search" / "search_index.json"
        if index.exists():
            results["search index"] = {"bytes": index.stat().st_size, "gzip_bytes": len(gzip.compress(index.read_bytes(), 6))}
            print(f"search index {index.stat().st_size / 1024:.0f} KiB, "
                  f"{results['search index']['gzip_bytes'] / 1024:.0f} KiB gzip (loaded on every page view)")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
