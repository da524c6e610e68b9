"""Benchmark of the pipeline on the real data: time, CPU and memory of each step (issue 12).

    .venv/bin/python bench/build_bench.py [--repeat 3] [--json OUT]

Each step runs in a fresh Python process (imports included, interpreter
start-up not), as of 25 March 2020, `--repeat` times; the median wall time is
reported, with the CPU time of the process and the processes it started, and
the peak memory of the whole process tree (sampled every 20 ms from /proc):

- validate: check both YAML files;
- pages: validate, model and the generated Markdown pages, in memory (what
  issue 12 measured as "generating the Markdown": 0.45 s);
- markdown: what `python -m generator markdown` does: validate, model, pages
  and data files (open data, HSDS, calendars, the feed from the git history),
  written to a folder with docs/;
- bare MkDocs: MkDocs alone on that folder (no hook), what the Markdown costs
  to build;
- build, no PDFs: `python -m generator build --no-pdf`;
- make site: `python -m generator build`, with the 50 batch PDFs.

The notices and PDFs are not built by MkDocs: the build makes them in a
forked process while MkDocs runs (generator/background.py), so they are in
"build, no PDFs" and "make site", not in "markdown" or "bare MkDocs".

Targets (issue 12): generating the Markdown (the pages step) ≤ 10 % of bare MkDocs, make site ≤ 3× bare MkDocs,
peak memory ≤ 1 GB. This machine has 2 cores, shared with other work: the CPU
times say what the work costs whatever the load, and the bench first measures
how many cores two CPU-bound processes get (make site uses four: MkDocs, the notices' process and its
two PDF workers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DAY = "2020-03-25"

PROBE = """
import json, os, sys, time
from pathlib import Path
REPO, OUT, MARKDOWN = Path({repo!r}), Path({out!r}), Path({markdown!r})
start = time.perf_counter()
{code}
wall = time.perf_counter() - start
times = os.times()
print(json.dumps({{"wall": wall, "cpu": times.user + times.system + times.children_user + times.children_system}}))
"""

STEPS = {
    "validate": "from generator.validate import check_data; check_data(REPO)",
    "pages": (
        "import datetime as dt; from generator.model import load_guide; from generator.pages import render_pages;"
        f"render_pages(load_guide(REPO), dt.date.fromisoformat({DAY!r}))"
    ),
    "markdown": (
        "import datetime as dt; from generator.build import write_markdown;"
        f"write_markdown(REPO, dt.date.fromisoformat({DAY!r}), OUT / 'md')"
    ),
    "bare MkDocs": (
        "from mkdocs.commands.build import build; from mkdocs.config import load_config;"
        "config = load_config(str(REPO / 'mkdocs.yml'), docs_dir=str(MARKDOWN), site_dir=str(OUT / 'site'),"
        " strict=True, hooks=[]);"
        "config.extra.update(json.loads((MARKDOWN.parent / 'extra.json').read_text())); build(config)"
    ),
    "build, no PDFs": (
        "import datetime as dt; from generator.build import build_site;"
        f"build_site(REPO, dt.date.fromisoformat({DAY!r}), OUT / 'site', pdf=False)"
    ),
    "make site": (
        "import datetime as dt; from generator.build import build_site;"
        f"build_site(REPO, dt.date.fromisoformat({DAY!r}), OUT / 'site')"
    ),
}


def _spin(seconds: float) -> None:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def cores_free(seconds: float = 1.0) -> float:
    """How many cores this machine gives now: two processes each burn `seconds` of CPU, over the wall time."""
    import multiprocessing

    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_spin, [seconds, seconds])
    return 2 * seconds / (time.perf_counter() - start)


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and its descendants."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, StopIteration):
            continue
    return total


def run_step(code: str, markdown: Path) -> dict:
    """Wall and CPU seconds and peak memory (MiB) of one step in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="build-bench-") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", PROBE.format(repo=str(REPO), out=out, markdown=str(markdown), code=code)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
        peak, done = [0], threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        stdout, stderr = process.communicate()
        done.set()
        sampler.join()
        if process.returncode != 0:
            raise RuntimeError(stderr)
        result = json.loads(stdout.strip().splitlines()[-1])
        return {"wall_s": result["wall"], "cpu_s": result["cpu"], "peak_mib": peak[0] / 2**20}


def stage_markdown(folder: Path) -> Path:
    """The Markdown the bare MkDocs step builds, and the config.extra the build gives it."""
    import datetime as dt

    sys.path.insert(0, str(REPO))
    from generator.build import write_markdown
    from generator.site import build_facts

    day = dt.date.fromisoformat(DAY)
    write_markdown(REPO, day, folder / "md")
    (folder / "extra.json").write_text(json.dumps(build_facts(day)))
    return folder / "md"


def measure(repeat: int = 3, steps: list[str] | None = None, log=print) -> dict[str, dict]:
    """Median wall and CPU time and the highest peak memory of each step.

    The steps take turns (one round of every step, `repeat` rounds), so that a
    change of load on a shared machine weighs on all of them alike; a step's
    wall ratio to the bare MkDocs build is the median of each round's ratio.
    """
    names = steps or list(STEPS)
    runs: dict[str, list[dict]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="build-bench-md-") as temp:
        markdown = stage_markdown(Path(temp))
        for _ in range(repeat):
            for name in names:
                runs[name].append(run_step(STEPS[name], markdown))
    results = {}
    for name in names:
        results[name] = {"wall_s": round(statistics.median(r["wall_s"] for r in runs[name]), 2),
                         "cpu_s": round(statistics.median(r["cpu_s"] for r in runs[name]), 2),
                         "peak_mib": round(max(r["peak_mib"] for r in runs[name])),
                         "walls": [round(r["wall_s"], 2) for r in runs[name]]}
        log(f"{name:16} {results[name]['wall_s']:6.2f} s wall {results[name]['cpu_s']:6.2f} s CPU "
            f"{results[name]['peak_mib']:5d} MiB peak   runs {results[name]['walls']}")
    if "bare MkDocs" in runs:
        bare = runs["bare MkDocs"]
        for name in names:
            results[name]["ratio_wall"] = round(statistics.median(
                r["wall_s"] / b["wall_s"] for r, b in zip(runs[name], bare)), 3)
            results[name]["ratio_cpu"] = round(results[name]["cpu_s"] / results["bare MkDocs"]["cpu_s"], 3)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--step", action="append", choices=list(STEPS), help="only these steps")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"two CPU-bound processes get {cores_free():.1f} cores")
    results = measure(args.repeat, args.step)
    for name, result in results.items():
        if name != "bare MkDocs" and "ratio_wall" in result:
            wall, cpu = (f"{result[k]:.1f}×" if name == "make site" else f"{result[k]:.0%}" for k in ("ratio_wall", "ratio_cpu"))
            print(f"{name} / bare MkDocs: {wall} wall (median of the rounds), {cpu} CPU")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
