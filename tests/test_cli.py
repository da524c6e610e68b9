"""cli.py: bad data exits 1 with FILE:LINE:COLUMN and leaves the previous site; a wrong command line exits 2 in one line."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import MINI, REPO, Data
from generator.cli import main, parser
from generator.load import MAX_BYTES

SITE_URL = "https://panduan.test/"
ANCHORS = "anchors and aliases are not allowed, write each value out in full"


def fingerprint(folder: Path) -> dict[str, str | None]:
    """Every file's SHA-256 and every folder (None), by path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory, mini_site) -> tuple[Path, dict[str, str | None]]:
    """A site built from the small data set, and its fingerprint; every bad build below must leave it so."""
    out = tmp_path_factory.mktemp("previous") / "site"
    shutil.copytree(mini_site.root, out)
    return out, fingerprint(out)


# --- the bad inputs: each edits a copy of the small data set and returns the exact errors expected ---


def yaml_syntax(data: Data, tmp_path: Path) -> list[str]:
    data.replace("services.yaml", "    alias: [KTP, e-KTP]", "    alias: [KTP, e-KTP")
    return [f"services.yaml:{data.line('services.yaml', 'ringkasan: Kartu identitas')}:14: "
            "YAML syntax error: expected ',' or ']', but got ':'"]


def tab(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", '    kode_pos: "12130"', '\tkode_pos: "12130"')
    return [f"offices.yaml:{data.line('offices.yaml', '12130')}:1: expected spaces for indentation, got a tab character"]


def duplicate_key(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", '    kode_pos: "12130"', '    kode_pos: "12130"\n    nama: Kramat')
    first, second = data.line("offices.yaml", "nama: Kramat Pela"), data.line("offices.yaml", '"12130"') + 1
    return [f"offices.yaml:{second}:5: kelurahan[31.74.07.1003].nama: duplicate key: nama is already set on line {first}"]


def unknown_field(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "    tahun: 2015", "    tahun: 2015\n    warna: biru")
    return [f"offices.yaml:{data.line('offices.yaml', 'warna')}:5: sumber[contoh].warna: "
            "unknown field warna: expected one of id, judul, tahun, url"]


def missing_field(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "    alternatif: Datang ke kantor kecamatan.\n", "")
    return [f"offices.yaml:{data.line('offices.yaml', 'id: gunung-ktp')}:5: penutupan[gunung-ktp]: "
            "missing required field alternatif: expected a non-empty string"]


def wrong_type(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "    nama: Kramat Pela", "    nama: [Kramat, Pela]")
    return [f"offices.yaml:{data.line('offices.yaml', '[Kramat, Pela]')}:11: kelurahan[31.74.07.1003].nama: "
            "expected a non-empty string, got a list"]


def impossible_date(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "mulai: 2020-03-17", "mulai: 2020-02-30")
    return [f"offices.yaml:{data.line('offices.yaml', '2020-02-30')}:12: penutupan[provinsi].mulai: "
            'expected a real date as YYYY-MM-DD, got "2020-02-30" (no such day)']


def reversed_range(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-03-22")
    return [f"offices.yaml:{data.line('offices.yaml', '2020-03-22')}:14: penutupan[jaksel].selesai: "
            "expected a last day on or after mulai (2020-03-23), got 2020-03-22"]


def duplicate_id(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "  - id: gunung-ktp", "  - id: jaksel")
    first = data.line("offices.yaml", "judul: Loket Jakarta Selatan ditutup") - 1
    second = data.line("offices.yaml", "judul: Loket KTP Kelurahan Gunung") - 1
    return [f"offices.yaml:{second}:9: penutupan[jaksel].id: duplicate closure id: jaksel is already used on line {first}"]


def dangling_reference(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "layanan: [ktp-el]", "layanan: [ktp-elektronik]")
    return [f"offices.yaml:{data.line('offices.yaml', 'ktp-elektronik')}:15: penutupan[gunung-ktp].layanan[0]: "
            "unknown service id ktp-elektronik: expected one of kartu-keluarga, ktp-el"]


def invalid_phone(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", 'telepon: "021-7245537"', 'telepon: "021-452776"')
    return [f"offices.yaml:{data.line('offices.yaml', '021-452776')}:18: kelurahan[31.74.07.1002].kontak[1].telepon[0]: "
            'expected a phone number, got "021-452776" (not a valid number: check the number of digits)']


def empty_file(data: Data, tmp_path: Path) -> list[str]:
    (data.folder / "services.yaml").write_bytes(b"")
    return ["services.yaml:1:1: expected a mapping of data, got an empty file"]


def not_utf8(data: Data, tmp_path: Path) -> list[str]:
    text = data.text("offices.yaml").replace("nama: Kramat Pela", "nama: Kramat P\u00e9la")
    (data.folder / "offices.yaml").write_bytes(text.encode("latin-1"))
    return [f"offices.yaml:{line_with(text, 'Kramat P')}:19: expected UTF-8 text, got the byte 0xE9: save the file as UTF-8"]


def python_tag(data: Data, tmp_path: Path) -> list[str]:
    marker = tmp_path / "pwned"
    data.replace("services.yaml", "    biaya: Gratis\n    hasil: KTP-el",
                 f'    biaya: !!python/object/apply:os.system ["touch {marker}"]\n    hasil: KTP-el')
    return [f"services.yaml:{data.line('services.yaml', '!!python')}:12: layanan[ktp-el].biaya: "
            "expected plain YAML, got the tag tag:yaml.org,2002:python/object/apply:os.system"]


def alias_bomb(data: Data, tmp_path: Path) -> list[str]:
    from test_load import BILLION_LAUGHS

    (data.folder / "services.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    return [f"services.yaml:1:4: expected plain YAML, got the anchor &a: {ANCHORS}"]


def too_large(data: Data, tmp_path: Path) -> list[str]:
    text = data.text("offices.yaml")
    (data.folder / "offices.yaml").write_text(text + "#" * (MAX_BYTES - len(text)) + "\n", encoding="utf-8")
    return ["offices.yaml:1:1: expected a data file of at most 5 MB (5,000,000 bytes), got 5,000,001 bytes"]


def control_character(data: Data, tmp_path: Path) -> list[str]:
    data.replace("offices.yaml", "alamat: Jl. Bujana Dalam No. 7", "alamat: Jl. Bujana\x1b[2J Dalam No. 7")
    return [f"offices.yaml:{data.line('offices.yaml', 'Bujana')}:23: "
            "expected printable text, got the character U+001B, which YAML does not allow"]


def too_deep(data: Data, tmp_path: Path) -> list[str]:
    data.replace("services.yaml", "    alias: [KK]", "    alias: " + "[" * 30 + "KK" + "]" * 30)
    return [f"services.yaml:{data.line('services.yaml', '[[[')}:29: "
            "expected at most 20 levels of nested lists and mappings, got more"]


def two_errors_in_two_files(data: Data, tmp_path: Path) -> list[str]:
    data.replace("services.yaml", "    persyaratan: []", "    persyaratn: []")
    return invalid_phone(data, tmp_path) + [
        f"services.yaml:{data.line('services.yaml', 'persyaratn')}:5: layanan[kartu-keluarga].persyaratn: "
        "unknown field persyaratn: did you mean persyaratan?"]


def line_with(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


BAD_INPUTS: dict[str, Callable[[Data, Path], list[str]]] = {
    f.__name__: f for f in (
        yaml_syntax, tab, duplicate_key, unknown_field, missing_field, wrong_type, impossible_date, reversed_range,
        duplicate_id, dangling_reference, invalid_phone, empty_file, not_utf8, python_tag, alias_bomb, too_large,
        control_character, too_deep, two_errors_in_two_files,
    )
}


def summary(errors: list[str]) -> str:
    files = len({e.split(":")[0] for e in errors})
    return f"{len(errors)} problem{'s' * (len(errors) > 1)} in {files} file{'s' * (files > 1)}; nothing was built."


class TestBadInput:
    """Each bad input: exit 1, the exact FILE:LINE:COLUMN errors, the previous site untouched, nothing run."""

    @pytest.mark.parametrize("case", BAD_INPUTS)
    def test_build_fails_and_leaves_the_previous_site(self, case, data, tmp_path, previous_site, capsys):
        out, before = previous_site
        errors = sorted(BAD_INPUTS[case](data, tmp_path))
        code = main(["build", "--data", str(data.folder), "--out", str(out), "--date", "2021-01-04", "--site-url", SITE_URL])
        captured = capsys.readouterr()
        assert (code, captured.out) == (1, "")
        assert captured.err.splitlines() == [*errors, summary(errors)]
        assert fingerprint(out) == before
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging folder left beside it
        assert not (tmp_path / "pwned").exists()

    @pytest.mark.parametrize("case", BAD_INPUTS)
    def test_validate_reports_the_same_errors(self, case, data, tmp_path, capsys):
        errors = sorted(BAD_INPUTS[case](data, tmp_path))
        code = main(["validate", "--data", str(data.folder), "--today", "2020-03-25"])
        captured = capsys.readouterr()
        assert (code, captured.out) == (1, "")
        assert captured.err.splitlines()[: len(errors) + 1] == [*errors, summary(errors)]
        assert not (tmp_path / "pwned").exists()

    @pytest.mark.parametrize("case", sorted(set(BAD_INPUTS) - {"empty_file", "too_large", "alias_bomb"}))
    def test_bom_and_crlf_change_no_line_or_column(self, case, data, tmp_path, capsys):
        errors = sorted(BAD_INPUTS[case](data, tmp_path))
        for name in ("services.yaml", "offices.yaml"):
            path = data.folder / name
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
        assert main(["validate", "--data", str(data.folder), "--today", "2020-03-25"]) == 1
        assert capsys.readouterr().err.splitlines()[: len(errors) + 1] == [*errors, summary(errors)]

    def test_the_tag_would_have_run_if_loaded_unsafely(self, tmp_path):
        """The python_tag case is a real attack: an unsafe loader runs it (so the test above can fail)."""
        import yaml

        marker = tmp_path / "pwned"
        yaml.unsafe_load(f'biaya: !!python/object/apply:os.system ["touch {marker}"]')
        assert marker.exists()

    def test_an_alias_bomb_through_the_command_ends_at_once(self, tmp_path):
        """In a subprocess with a timeout and a 1 GiB memory cap, so that a regression fails instead of hanging."""
        from test_load import schema_bomb

        shutil.copy(MINI / "offices.yaml", tmp_path / "offices.yaml")
        (tmp_path / "services.yaml").write_text(schema_bomb(3000), encoding="utf-8")
        limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
        result = subprocess.run(
            [sys.executable, "-c", limit + "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))",
             "validate", "--data", str(tmp_path)],
            capture_output=True, text=True, cwd=REPO, timeout=120,
        )
        assert result.returncode == 1
        assert result.stderr.splitlines()[0] == f"services.yaml:4:5: expected plain YAML, got the anchor &s: {ANCHORS}"


class TestGoodInput:
    def test_real_data_with_bom_and_crlf_validates(self, tmp_path, capsys):
        for name in ("services.yaml", "offices.yaml"):
            (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + (REPO / name).read_bytes().replace(b"\n", b"\r\n"))
        assert main(["validate", "--data", str(tmp_path), "--today", "2020-03-25"]) == 0
        windows = capsys.readouterr()
        assert main(["validate", "--data", str(REPO), "--today", "2020-03-25"]) == 0
        assert windows == capsys.readouterr()  # the same report as the real files give
        assert windows.out.startswith("OK: services.yaml and offices.yaml are valid (")


# --- command-line values -------------------------------------------------------

SITE_URL_EXPECTED = "expected the site's address as https://HOST/ or https://HOST/PATH/ (http:// only for localhost)"
REPO_URL_EXPECTED = "expected a repository address as https://HOST/OWNER/REPO, like https://github.com/OWNER/REPO"
DATE_EXPECTED = "expected a date as YYYY-MM-DD"

WRONG_VALUES = {
    "site url without https": (
        ["build", "--site-url", "panduan.example"],
        f"python -m generator build: error: argument --site-url: {SITE_URL_EXPECTED}, got 'panduan.example'"),
    "site url over http": (
        ["build", "--site-url", "http://panduan.example/"],
        f"python -m generator build: error: argument --site-url: {SITE_URL_EXPECTED}, got 'http://panduan.example/'"),
    "site url with a query": (
        ["notices", "--kota", "Jakarta Timur", "--out", "x.pdf", "--site-url", "https://panduan.example/?a=1"],
        f"python -m generator notices: error: argument --site-url: {SITE_URL_EXPECTED}, got 'https://panduan.example/?a=1'"),
    "site url with a broken port": (
        ["build", "--site-url", "https://panduan.example:web/"],
        f"python -m generator build: error: argument --site-url: {SITE_URL_EXPECTED}, got 'https://panduan.example:web/'"),
    "site url with a broken address": (
        ["build", "--site-url", "https://[panduan/"],
        f"python -m generator build: error: argument --site-url: {SITE_URL_EXPECTED}, got 'https://[panduan/'"),
    "repo url without the repository": (
        ["build", "--repo-url", "https://github.com/contoh"],
        f"python -m generator build: error: argument --repo-url: {REPO_URL_EXPECTED}, got 'https://github.com/contoh'"),
    "repo url with a javascript address": (
        ["build", "--repo-url", "javascript:alert(1)//github.com/a/b"],
        f"python -m generator build: error: argument --repo-url: {REPO_URL_EXPECTED}, got 'javascript:alert(1)//github.com/a/b'"),
    "month 13": (
        ["build", "--date", "2020-13-01"],
        f"python -m generator build: error: argument --date: {DATE_EXPECTED}, got '2020-13-01'"),
    "a word for a date": (
        ["notices", "--kota", "Jakarta Timur", "--out", "x.pdf", "--date", "tomorrow"],
        f"python -m generator notices: error: argument --date: {DATE_EXPECTED}, got 'tomorrow'"),
    "another ISO 8601 form": (
        ["validate", "--today", "2020-W13-3"],
        f"python -m generator validate: error: argument --today: {DATE_EXPECTED}, got '2020-W13-3'"),
    "negative days": (
        ["stale", "--days", "-1"],
        "python -m generator stale: error: argument --days: expected a whole number of days, 0 or more, got '-1'"),
    "data folder that does not exist": (
        ["build", "--data", "/nonexistent/data"],
        "python -m generator build: error: argument --data: expected a folder with services.yaml and offices.yaml, "
        "got '/nonexistent/data' (no such folder)"),
    "unknown kota": (
        ["notices", "--kota", "Jakarta Tengah", "--out", "x.pdf"],
        "error: expected a kota name or code, got 'Jakarta Tengah': choose one of Kepulauan Seribu, Jakarta Pusat, "
        "Jakarta Utara, Jakarta Barat, Jakarta Selatan, Jakarta Timur"),
    "unknown kecamatan": (
        ["notices", "--kecamatan", "31.75.99", "--out", "x.pdf"],
        None),  # the list of 44 names is long: checked for its start below
    "unknown engine": (
        ["build", "--engine", "hugo"],
        "python -m generator build: error: argument --engine: invalid choice: 'hugo' (choose from 'mkdocs', 'zensical')"),
    "unknown command": (
        ["publish"],
        "python -m generator: error: argument command: invalid choice: 'publish' "
        "(choose from 'validate', 'schemas', 'diff', 'stale', 'build', 'markdown', 'notices', 'import-regions')"),
}


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd)


class TestWrongCommandLine:
    @pytest.mark.parametrize("case", WRONG_VALUES)
    def test_one_line_and_exit_2(self, case, tmp_path):
        args, expected = WRONG_VALUES[case]
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        if expected is None:
            assert result.stderr.startswith("error: expected a kecamatan name or code, got '31.75.99': choose one of ")
        else:
            assert result.stderr == expected + "\n"
        assert result.stdout == ""
        assert list(tmp_path.iterdir()) == []  # nothing written: no site, no PDF

    def test_out_may_not_be_a_folder_the_build_would_wipe(self, tmp_path):
        """The build replaces --out as a whole: a folder with other files (the repo, docs/) is refused."""
        (tmp_path / "notes.txt").write_text("keep me")
        result = run("build", "--data", str(MINI), "--out", str(tmp_path))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (f"python -m generator build: error: argument --out: expected a new or empty folder, "
                                 f"or the site of a previous build (with index.html), got '{tmp_path}': "
                                 "the build replaces this folder\n")
        assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]

    def test_out_may_not_be_a_file(self, tmp_path):
        (tmp_path / "site").write_text("keep me")
        result = run("build", "--data", str(MINI), "--out", str(tmp_path / "site"))
        assert result.returncode == 2
        assert result.stderr.startswith("python -m generator build: error: argument --out: expected a new or empty folder")
        assert (tmp_path / "site").read_text() == "keep me"

    def test_notices_out_may_not_be_a_folder(self, tmp_path):
        result = run("notices", "--kota", "Jakarta Timur", "--out", str(tmp_path))
        assert result.returncode == 2
        assert result.stderr == (f"python -m generator notices: error: argument --out: expected a file to write the PDF to, "
                                 f"got '{tmp_path}' (a folder)\n")

    def test_a_folder_that_cannot_be_made_is_one_line_and_exit_1(self, tmp_path):
        """Not a wrong value as such (the path is fine until the disk says otherwise): exit 1, still no traceback."""
        (tmp_path / "berkas").write_text("a file where a folder should be")
        result = run("build", "--data", str(MINI), "--site-url", SITE_URL, "--out", str(tmp_path / "berkas" / "site"))
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == f"error: [Errno 17] File exists: '{tmp_path / 'berkas'}'\n"

    def test_a_missing_argument_is_one_line_too(self):
        result = run("notices", "--kota", "Jakarta Timur")
        assert (result.returncode, result.stderr) == (
            2, "python -m generator notices: error: the following arguments are required: --out\n")


class TestAcceptedValues:
    """What the checks above must not refuse: the addresses make, CI and a local preview use."""

    @pytest.mark.parametrize("url", [
        "https://panduan-dukcapil.example/", "https://contoh.github.io/panduan/", "https://panduan.test",
        "http://localhost:8000/", "http://127.0.0.1:8000/panduan/", "https://[2001:db8::1]/",
    ])
    def test_site_urls(self, url):
        assert parser().parse_args(["build", "--site-url", url]).site_url == url

    @pytest.mark.parametrize("url", [
        "https://github.com/contoh/panduan", "https://github.com/contoh/panduan/",
        "https://github.example.go.id/dukcapil/panduan-layanan.v2",
    ])
    def test_repo_urls(self, url):
        assert parser().parse_args(["build", "--repo-url", url]).repo_url == url

    def test_dates_days_and_folders(self, tmp_path):
        (tmp_path / "empty").mkdir()
        args = parser().parse_args(["build", "--date", "2020-02-29", "--data", str(MINI), "--out", str(tmp_path / "empty")])
        assert (args.date, args.data, args.out) == (dt.date(2020, 2, 29), MINI, tmp_path / "empty")
        assert parser().parse_args(["stale", "--days", "0"]).days == 0

    def test_a_previous_site_may_be_replaced(self, previous_site):
        out, _ = previous_site
        assert parser().parse_args(["build", "--out", str(out)]).out == out
