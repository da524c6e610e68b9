"""Live preview: from saving offices.yaml to the served page showing the change (issue 12).

    .venv/bin/python bench/serve_bench.py [--repeat 5] [--serve-args "--dirty"] [--json OUT]

Copies what `make serve` reads (mkdocs.yml, docs/, overrides/, the two YAML
files; generator/ is linked) into a temporary folder, starts `mkdocs serve`
there on a free port of 127.0.0.1 with the arguments `make serve` uses (read
from the Makefile unless --serve-args is given), waits for the first build,
then changes the address of Kelurahan Gunung in offices.yaml --repeat times
and polls /kelurahan/gunung/ every 20 ms until the new address is served.
Every wait is bounded; the server is stopped at the end, also on errors.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDRESS = 'alamat: "Jl. Bujana Dalam No. 7"'
PAGE = "kelurahan/gunung/"
FIRST_BUILD_S = 120
CHANGE_S = 30
TARGET_S = 3.0


def make_serve_args() -> list[str]:
    """The arguments `make serve` gives `mkdocs serve` (the Makefile's serve recipe)."""
    recipe = re.search(r"^serve:.*\n\t(.+)$", (REPO / "Makefile").read_text(), re.M).group(1)
    return shlex.split(recipe.split("mkdocs serve", 1)[1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until `text` is in the page at `url`, or None after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.02)
    return None


def copy_project(folder: Path) -> None:
    for name in ("mkdocs.yml", "services.yaml", "offices.yaml"):
        shutil.copy(REPO / name, folder / name)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, folder / name)
    (folder / "generator").symlink_to(REPO / "generator")


def measure(repeat: int, serve_args: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as temp:
        folder = Path(temp)
        copy_project(folder)
        port = free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        command = [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *serve_args]
        log = open(folder / "serve.log", "w")
        server = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PANDUAN_DATE": "2020-03-25"}, start_new_session=True)
        try:
            first = wait_for(url, "Bujana Dalam", FIRST_BUILD_S)
            if first is None:
                raise SystemExit(f"mkdocs serve did not serve {url}: see {folder / 'serve.log'}")
            time.sleep(1)  # the watcher settles
            offices = folder / "offices.yaml"
            text = offices.read_text(encoding="utf-8")
            times = []
            for n in range(1, repeat + 1):
                marker = f"Jl. Bujana Dalam No. 7 (uji {n})"
                offices.write_text(text.replace(ADDRESS, f'alamat: "{marker}"'), encoding="utf-8")
                seconds = wait_for(url, marker, CHANGE_S)
                if seconds is None:
                    raise SystemExit(f"the change was not served within {CHANGE_S} s: see {folder / 'serve.log'}")
                times.append(seconds)
                time.sleep(1)
            index = json.loads(fetch(f"http://127.0.0.1:{port}/search/search_index.json") or "{}")
            pages = {doc["location"].split("#")[0] for doc in index.get("docs", [])}
            if PAGE not in pages or len(pages) < 300:
                raise SystemExit(f"the search index after the changes lists {len(pages)} pages")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            log.close()
    return {"serve_args": serve_args, "first_build_s": round(first, 2), "change_s": [round(t, 2) for t in times],
            "median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--serve-args", default=None, help='arguments for mkdocs serve (default: those of make serve)')
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    serve_args = shlex.split(args.serve_args) if args.serve_args is not None else make_serve_args()
    result = measure(args.repeat, serve_args)
    print(f"mkdocs serve {' '.join(serve_args)}: first build {result['first_build_s']} s; saving offices.yaml "
          f"until the page shows it: median {result['median_s']} s, max {result['max_s']} s "
          f"(target ≤ {TARGET_S} s) over {args.repeat}: {result['change_s']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
