"""Benchmark of a whole province: Jawa Barat (5,957 desa and kelurahan, 6,612 offices) with the bundled services.

    .venv/bin/python bench/province_bench.py [--province 32] [--repeat 1] [--keep DIR] [--json FILE]

In a temporary folder: imports the province's offices.yaml skeleton from
data/sumber/indonesia_desa.csv (`python -m generator import-regions`), copies
services.yaml beside it, then times, each in a fresh process:

- validate + generate: `site.generate()`, which checks the data and renders
  every page, notice and data file in memory;
- build --no-pdf: `python -m generator build --no-pdf`, the whole build;
- bare MkDocs: `mkdocs build` of the very same staged docs (the generated pages
  and files beside docs/, written by `python -m generator markdown` when that
  command exists, else by build.stage_docs), with mkdocs.yml less its hook.

For each: wall time, CPU time (user + system, of the process and its
children: steadier than wall time on a shared machine) and peak memory (the
process's max RSS, from wait4). Then the HTML of one desa page of the province
against a DKI kelurahan page (/kelurahan/gunung/, built from the real data),
and the size of each one's primary navigation. Targets (issue 12, not
asserted by tests): build --no-pdf at most 1.2x the bare MkDocs build, peak
memory at most 1 GB, a desa page no larger than a DKI kelurahan page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data" / "sumber" / "indonesia_desa.csv"
DAY = "2020-03-25"
SITE_URL = "https://panduan-dukcapil.example/"

GENERATE = """
import datetime as dt
from pathlib import Path
from generator.site import generate
generated = generate(Path({data!r}), dt.date.fromisoformat({day!r}), {site_url!r})
print(len(generated.pages), len(generated.files))
"""

STAGE = """
import datetime as dt, json
from pathlib import Path
from generator import build
from generator.site import generate
generated = generate(Path({data!r}), dt.date.fromisoformat({day!r}), {site_url!r})
build.stage_docs({{**generated.pages, **generated.files}}, build.REPO / "docs", Path({out!r}))
Path({extra!r}).write_text(json.dumps(generated.extra))
"""


def run(command: list[str], cwd: Path = REPO) -> dict:
    """Wall and CPU seconds and peak RSS (MiB) of one process and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out, err = process.stdout.read(), process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err or out}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def has_markdown_command() -> bool:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=REPO, capture_output=True, text=True)
    return re.search(r"\bmarkdown\b", result.stdout) is not None


def stage(data: Path, staged: Path, extra: Path) -> None:
    """The docs MkDocs builds from, as the generator build stages them."""
    if has_markdown_command():
        subprocess.run([sys.executable, "-m", "generator", "markdown", "--data", str(data), "--date", DAY,
                        "--site-url", SITE_URL, "--out", str(staged)], cwd=REPO, check=True, capture_output=True)
        code = ("import datetime as dt, json; from generator.site import build_facts;"
                f"print(json.dumps(build_facts(dt.date.fromisoformat({DAY!r}))))")
        extra.write_text(subprocess.run(python(code), cwd=REPO, check=True, capture_output=True, text=True).stdout)
    else:
        subprocess.run(python(STAGE.format(data=str(data), day=DAY, site_url=SITE_URL, out=str(staged),
                                           extra=str(extra))), cwd=REPO, check=True)


def bare_config(folder: Path, staged: Path, extra: Path) -> Path:
    """mkdocs.yml as the build uses it (no hook, the build facts in extra), reading the staged docs."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(docs_dir=str(staged), site_dir=str(folder / "bare-site"), site_url=SITE_URL)
    config.setdefault("extra", {}).update(json.loads(extra.read_text()))
    target = folder / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def nav_bytes(html: str) -> int:
    """Bytes of the primary navigation (Material's md-nav--primary), which must not grow with the region."""
    start = html.find('<nav class="md-nav md-nav--primary')
    if start < 0:
        return 0
    depth, index = 0, start
    for match in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if match[1] else 1
        if depth == 0:
            index = start + match.end()
            break
    return len(html[start:html.index(">", index) + 1].encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="32", help="province code (default 32, Jawa Barat)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timed step (the median is shown)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="province-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data, staged, extra = folder / "data", folder / "staged", folder / "extra.json"
    for old in (data, staged, folder / "site", folder / "bare-site"):
        shutil.rmtree(old, ignore_errors=True)
    data.mkdir()
    shutil.copy(REPO / "services.yaml", data / "services.yaml")
    results: dict[str, dict] = {}
    results["import-regions"] = run([sys.executable, "-m", "generator", "import-regions", str(TABLE),
                                     "--provinsi", args.province, "--out", str(data / "offices.yaml")])
    stage(data, staged, extra)
    config = bare_config(folder, staged, extra)

    steps = {
        "validate + generate": python(GENERATE.format(data=str(data), day=DAY, site_url=SITE_URL)),
        "build --no-pdf": [sys.executable, "-m", "generator", "build", "--data", str(data), "--date", DAY,
                           "--site-url", SITE_URL, "--no-pdf", "--out", str(folder / "site")],
        "bare MkDocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
    }
    for name, command in steps.items():
        runs = []
        for _ in range(args.repeat):  # in turns would be fairer, but each round takes minutes
            if name == "build --no-pdf":
                shutil.rmtree(folder / "site", ignore_errors=True)
            runs.append(run(command))
        results[name] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}

    dki = folder / "dki-site"
    shutil.rmtree(dki, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "generator", "build", "--date", DAY, "--site-url", SITE_URL, "--no-pdf",
                    "--out", str(dki)], cwd=REPO, check=True, capture_output=True)
    site = folder / "site"
    desa = sorted((site / "desa").iterdir())[0]
    pages = {"DKI /kelurahan/gunung/": dki / "kelurahan" / "gunung" / "index.html",
             f"{args.province} /desa/{desa.name}/": desa / "index.html"}
    kecamatan = sorted((site / "kecamatan").iterdir())[0]
    pages[f"{args.province} /kecamatan/{kecamatan.name}/"] = kecamatan / "index.html"
    pages[f"{args.province} /wilayah/"] = site / "wilayah" / "index.html"
    sizes = {label: {"html_bytes": path.stat().st_size, "nav_bytes": nav_bytes(path.read_text(encoding="utf-8"))}
             for label, path in pages.items()}
    offices = yaml.safe_load((data / "offices.yaml").read_text(encoding="utf-8"))
    counts = {level: len(offices[level]) for level in ("kota", "kecamatan", "kelurahan")}
    html_pages = sum(1 for _ in site.rglob("index.html"))

    bare, build = results["bare MkDocs"], results["build --no-pdf"]
    print(f"Province {args.province}: {counts['kota']} kab/kota, {counts['kecamatan']} kecamatan, "
          f"{counts['kelurahan']} desa and kelurahan; {html_pages} HTML pages")
    print(f"{'step':24} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, figures in results.items():
        print(f"{name:24} {figures['wall_s']:8.1f} {figures['cpu_s']:8.1f} {figures['rss_mib']:9.0f}")
    print(f"{'build / bare MkDocs':24} {build['wall_s'] / bare['wall_s']:8.2f} {build['cpu_s'] / bare['cpu_s']:8.2f}"
          "   (target: at most 1.20)")
    print(f"{'page':40} {'HTML bytes':>11} {'nav bytes':>10}")
    for label, figures in sizes.items():
        print(f"{label:40} {figures['html_bytes']:11,} {figures['nav_bytes']:10,}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"steps": results, "pages": sizes, "counts": counts}, indent=2) + "\n")
    if args.keep is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
