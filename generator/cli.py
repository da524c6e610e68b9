"""python -m generator validate|build: the commands staff, make and CI run."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .build import ENGINES, REPO, BuildError, build_site
from .model import load_guide
from .problems import DataError


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description="Panduan Layanan Kependudukan DKI Jakarta")
    commands = main.add_subparsers(dest="command", required=True)
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", type=Path, default=REPO, metavar="DIR",
                      help="folder with services.yaml and offices.yaml (default: the repo root)")
    commands.add_parser("validate", parents=[data], help="check the data and print every problem")
    build = commands.add_parser("build", parents=[data], help="check the data and build the site")
    build.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD",
                       help="show every status as of this day (default: today)")
    build.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs",
                       help="site generator: mkdocs (default) or zensical, which reads the same mkdocs.yml")
    build.add_argument("--out", type=Path, default=REPO / "site", metavar="DIR", help="output folder (default: site/)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        if args.command == "validate":
            guide = load_guide(args.data)
            print(f"OK: services.yaml and offices.yaml are valid "
                  f"({len(guide.services)} services, {len(guide.offices)} offices, {len(guide.closures)} closures).")
        else:
            day = args.date or dt.date.today()
            count = build_site(args.data, day, args.out, engine=args.engine)
            print(f"Built {count} pages as of {day.isoformat()} into {args.out}.")
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: {error}; the previous site was left as it was.", file=sys.stderr)
        return 1
    return 0
