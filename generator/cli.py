"""python -m generator validate|build|markdown|notices|diff|stale|schemas|import-regions: the commands staff, make and CI run."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse, urlsplit

from . import diff, json_schemas, notices, regions, stale
from .build import ENGINES, REPO, BuildError, build_site, configured_site_url, write_markdown
from .model import build_guide, load_guide
from .problems import DataError, fails, folder_from_root, format_annotations, format_check
from .validate import check


class Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line gets one line on stderr (what was wrong) and exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def iso_date(text: str) -> dt.date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # fromisoformat also takes 20200325 and 2020-W13-3
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")


def days(text: str) -> int:
    if not re.fullmatch(r"\d+", text):
        raise argparse.ArgumentTypeError(f"expected a whole number of days, 0 or more, got {text!r}")
    return int(text)


def data_folder(text: str) -> Path:
    folder = Path(text)
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"expected a folder with services.yaml and offices.yaml, got {text!r} (no such folder)")
    return folder


def site_folder(text: str) -> Path:
    """Where a build may go: nothing there yet, an empty folder, or a site a previous build wrote.

    The build replaces the whole folder, so `--out .` or `--out docs` must never get that far.
    """
    out = Path(text)
    try:
        usable = not out.exists() or out.is_dir() and (not any(out.iterdir()) or (out / "index.html").is_file())
    except OSError:  # a folder that cannot be listed
        usable = False
    if not usable:
        raise argparse.ArgumentTypeError(f"expected a new or empty folder, or the site of a previous build "
                                         f"(with index.html), got {text!r}: the build replaces this folder")
    return out


def province_code(text: str) -> str:
    if not regions.PROVINCE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"expected a 2-digit province code like 32, got {text!r}")
    return text


def kota_code(text: str) -> str:
    if not regions.KOTA.fullmatch(text):
        raise argparse.ArgumentTypeError(f"expected a kabupaten or kota code like 32.73, got {text!r}")
    return text


def new_file(text: str) -> Path:
    if Path(text).exists():
        raise argparse.ArgumentTypeError(f"expected a new file, got {text!r} (it exists: an import never overwrites a data file)")
    return Path(text)


def table_file(text: str) -> Path:
    if not Path(text).is_file():
        raise argparse.ArgumentTypeError(f"expected the national list of desa and kelurahan "
                                         f"(data/sumber/indonesia_desa.csv), got {text!r} (no such file)")
    return Path(text)


def pdf_file(text: str) -> Path:
    if Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"expected a file to write the PDF to, got {text!r} (a folder)")
    return Path(text)


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def site_address(text: str) -> str:
    """An absolute https:// address (http:// only for a local preview), without query, fragment or password."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        parts = None
    if not (parts and parts.hostname and not re.search(r"\s", text)
            and (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS))
            and not (parts.query or parts.fragment or parts.username or parts.password)):
        raise argparse.ArgumentTypeError(
            f"expected the site's address as https://HOST/ or https://HOST/PATH/ (http:// only for localhost), got {text!r}")
    return text


def repository_address(text: str) -> str:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?/[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*/?", text, re.ASCII):
        raise argparse.ArgumentTypeError(
            f"expected a repository address as https://HOST/OWNER/REPO, like https://github.com/OWNER/REPO, got {text!r}")
    return text


def parser() -> argparse.ArgumentParser:
    main = Parser(prog="python -m generator", description="Panduan Layanan Kependudukan: the guide, generated from services.yaml and offices.yaml")
    commands = main.add_subparsers(dest="command", required=True)
    data = Parser(add_help=False)
    data.add_argument("--data", type=data_folder, default=REPO, metavar="DIR",
                      help="folder with services.yaml and offices.yaml (default: the repo root)")
    validate = commands.add_parser("validate", parents=[data], help="check the data and print every problem")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too (exit 1)")
    validate.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD",
                          help="check date for warnings about contacts not verified recently (default: today)")
    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the two data files for editors")
    schemas.add_argument("--out", type=Path, default=REPO / "schemas", metavar="DIR", help="output folder (default: schemas/)")
    schemas.add_argument("--check", action="store_true", help="write nothing; exit 1 when the files in DIR are out of date")
    changes = commands.add_parser("diff", parents=[data], help="summarise for a reviewer, in Indonesian, what changed in the data")
    changes.add_argument("base", metavar="BASE", help="a git ref (main, origin/main, HEAD~1) or a folder with the two files")
    changes.add_argument("head", metavar="HEAD", nargs="?", default=None,
                         help="a git ref or a folder (default: the files in --data as they are now)")
    unchecked = commands.add_parser("stale", parents=[data], help="list contacts and services not checked recently, per kota")
    unchecked.add_argument("--days", type=days, default=stale.STALE_AFTER_DAYS, metavar="N",
                           help=f"checked longer ago than this is listed (default: {stale.STALE_AFTER_DAYS})")
    unchecked.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="check date (default: today)")
    build = commands.add_parser("build", parents=[data], help="check the data and build the site")
    build.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD",
                       help="show every status as of this day (default: today)")
    build.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs",
                       help="site generator: mkdocs (default) or zensical, which reads the same mkdocs.yml")
    build.add_argument("--out", type=site_folder, default=REPO / "site", metavar="DIR", help="output folder (default: site/)")
    build.add_argument("--site-url", type=site_address, default=None, metavar="URL",
                       help="address the site is published at, for the QR codes (default: site_url in mkdocs.yml)")
    build.add_argument("--repo-url", type=repository_address, default=None, metavar="URL",
                       help="the GitHub repository (https://github.com/OWNER/REPO), for the pages' edit links")
    build.add_argument("--no-pdf", dest="pdf", action="store_false",
                       help="skip the batch PDFs of notices (the slowest step), for previews")
    markdown = commands.add_parser("markdown", parents=[data],
                                   help="write what MkDocs builds (docs/, generated pages, data files) without building")
    markdown.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD", help="as for build")
    markdown.add_argument("--site-url", default=None, metavar="URL", help="as for build")
    markdown.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write (replaced whole)")
    notice = commands.add_parser("notices", parents=[data], help="one PDF of the notices of every kelurahan in an area")
    area = notice.add_mutually_exclusive_group(required=True)
    area.add_argument("--kota", metavar="NAME", help='a kota by name or code: "Jakarta Timur", 31.75')
    area.add_argument("--kecamatan", metavar="NAME", help='a kecamatan by name or code: "Pasar Rebo", 31.75.05')
    notice.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD",
                         help="the day the notices are printed for (default: today)")
    notice.add_argument("--site-url", type=site_address, default=None, metavar="URL", help="as for build")
    notice.add_argument("--out", type=pdf_file, required=True, metavar="FILE.pdf", help="the PDF to write")
    imports = commands.add_parser("import-regions", help="write an offices.yaml skeleton of any region from the national list")
    imports.add_argument("table", type=table_file, metavar="FILE", help="data/sumber/indonesia_desa.csv")
    region = imports.add_mutually_exclusive_group(required=True)
    region.add_argument("--provinsi", type=province_code, metavar="KODE", help="a province by code: 32")
    region.add_argument("--kota", type=kota_code, metavar="KODE", help="a kabupaten or kota by code: 32.73")
    region.add_argument("--all", action="store_true", help="every province, into --out-dir")
    imports.add_argument("--out", type=new_file, metavar="FILE", help="the offices.yaml to write (default: standard output)")
    imports.add_argument("--out-dir", type=Path, metavar="DIR",
                         help="writes offices.yaml, services.yaml and docs/ into DIR, ready for build --data DIR "
                              "(with --all: into DIR/<kode>/ for every province)")
    return main


def run_import_regions(args: argparse.Namespace) -> int:
    """One region's skeleton to --out or standard output, or every province's into --out-dir."""
    usage = "python -m generator import-regions: error: "
    if args.all and (args.out_dir is None or args.out):
        print(usage + "argument --all: expected --out-dir DIR (and no --out)", file=sys.stderr)
        return 2
    if args.out_dir is not None and args.out is not None:
        print(usage + "argument --out-dir: expected either --out FILE (offices.yaml alone) or --out-dir DIR", file=sys.stderr)
        return 2
    try:
        if args.all:
            written = regions.write_all(args.table, args.out_dir)
            print(f"Wrote {len(written)} files into {len({p.parent for p in written if p.name == 'offices.yaml'})} "
                  f"province folders of {args.out_dir}.")
            return 0
        if args.out_dir is not None:
            written = regions.write_region(args.table, args.provinsi or args.kota, args.out_dir)
            print(f"Wrote {', '.join(p.relative_to(args.out_dir).as_posix() for p in written)} into {args.out_dir}.")
            return 0
        text = regions.skeleton(args.table, args.provinsi or args.kota)
    except (LookupError, FileExistsError) as error:
        print(usage + str(error), file=sys.stderr)
        return 2
    except regions.RegionsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote {args.out}.", file=sys.stderr)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Errors and warnings (as annotations too on GitHub Actions); exit 1 on errors, or on warnings with --strict."""
    result = check(args.data, today=args.today or dt.date.today())
    if result.problems and os.environ.get("GITHUB_ACTIONS") == "true":
        print(format_annotations(result.problems, folder_from_root(args.data, REPO)))
    if result.problems:
        print(format_check(result.problems, strict=args.strict), file=sys.stderr)
    if fails(result.problems, strict=args.strict):
        return 1
    guide = build_guide(result.data)
    print(f"OK: services.yaml and offices.yaml are valid "
          f"({len(guide.services)} services, {len(guide.offices)} offices, {len(guide.closures)} closures).")
    return 0


def run_schemas(args: argparse.Namespace) -> int:
    if args.check:
        outdated = json_schemas.outdated(args.out)
        for name in outdated:
            print(f"{args.out / name} is out of date: run `{json_schemas.REGENERATE}` and commit it.", file=sys.stderr)
        return 1 if outdated else 0
    written = json_schemas.write(args.out)
    print("Wrote " + " and ".join(str(path) for path in written) + ".")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    try:
        summary, code = diff.run(args.base, args.head, args.data)
    except diff.SideError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary, end="")
    return code


def site_url_of(args: argparse.Namespace) -> str:
    """--site-url, else mkdocs.yml's site_url; warns when it is the .example placeholder."""
    url = args.site_url or configured_site_url(REPO / "mkdocs.yml")
    if urlparse(url).hostname.endswith(".example"):
        print(f"warning: the site address {url} is a placeholder, so the QR codes on notices lead nowhere; "
              "build with SITE_URL=https://… (make) or --site-url before printing.", file=sys.stderr)
    return url


def run_notices(args: argparse.Namespace) -> int:
    """A PDF with one notice per kelurahan of a kota or kecamatan, in code order."""
    guide = load_guide(args.data)
    level, name = ("kota", args.kota) if args.kota else ("kecamatan", args.kecamatan)
    try:
        area = notices.find_area(guide, level, name)
    except LookupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    day = args.date or dt.date.today()
    site_url = site_url_of(args)
    kelurahan = guide.kelurahan_in(area.kode)
    html = notices.render_notices(guide, day, site_url, notices.data_updated(args.data), kelurahan)
    count = notices.write_pdf(list(notices.layout(html, kelurahan).values()), args.out)
    print(f"Wrote {count} notices for {area.title} as of {day.isoformat()} to {args.out}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "schemas":
        return run_schemas(args)
    if args.command == "diff":
        return run_diff(args)
    if args.command == "import-regions":
        return run_import_regions(args)
    try:
        if args.command == "validate":
            return run_validate(args)
        if args.command == "stale":
            print(stale.report(load_guide(args.data), args.today or dt.date.today(), args.days), end="")
            return 0
        if args.command == "notices":
            return run_notices(args)
        day = args.date or dt.date.today()
        if args.command == "markdown":
            count = write_markdown(args.data, day, args.out, site_url=site_url_of(args))
            print(f"Wrote {count} generated pages as of {day.isoformat()}, with docs/ and the data files, into {args.out}.")
            return 0
        count = build_site(args.data, day, args.out, engine=args.engine, site_url=site_url_of(args),
                           repo_url=args.repo_url, pdf=args.pdf)
        print(f"Built {count} pages as of {day.isoformat()} into {args.out}.")
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: {error}; the previous site was left as it was.", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a full disk: one line, not a traceback
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
