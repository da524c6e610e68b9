"""The status decided once (closures.py), said once (wording.py), and the live script's rule is the same.

The live-status script (overrides/partials/live-status.html) is run by node, once, for every office of
the real data on every day from 1 March to 30 April 2020 (and around the opening reported for Jakarta
Barat in April 2024); what it says must be what the build says for that office and day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest

from conftest import MINI, REPO
from generator import closures, wording
from generator.model import load_guide
from generator.pages import closure_data, opening_data

SCRIPT = REPO / "overrides" / "partials" / "live-status.html"
FIELDS = ("code", "per", "judul", "setelah", "rincian", "catatan", "akan", "daftar")

# Loads the script (a page without a document), then decides every office on every day, in one process.
RUNNER = r"""
const fs = require("fs"), vm = require("vm");
const [script, input] = process.argv.slice(2).map((path) => fs.readFileSync(path, "utf8"));
const context = { Intl, Date, document: { getElementById: () => null, querySelector: () => null } };  // a page without status data
vm.runInNewContext(script, context);
const { rule, time } = context.panduanStatus;
const data = JSON.parse(input);
const status = rule(data);
const out = { kantor: [], wilayah: [] };
for (const office of data.kantor) {
  out.kantor.push(data.hari_uji.map((day) => status.office([office[0], office[1]], time(day), office[2])));
}
out.wilayah = data.hari_uji.map((day) => status.region(data.wilayah, time(day)));
process.stdout.write(JSON.stringify(out));
"""


def script_text() -> str:
    text = SCRIPT.read_text(encoding="utf-8")
    return re.search(r"<script>(.*)</script>", text, re.S).group(1)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def python_words(words: wording.Words) -> dict:
    return {name: list(value) if isinstance(value, tuple) else value for name, value in vars(words).items()
            if name in FIELDS}


def run_script(guide, tested: list[dt.date], tmp_path) -> dict:
    page_closures = closures.by_date(guide.closures)
    page_openings = closures.by_opening(guide.openings)
    closure_at = {c: i for i, c in enumerate(page_closures)}
    opening_at = {o: i for i, o in enumerate(page_openings)}
    data = {
        **wording.script_data("kantor"), "kata": {**wording.WORDS},
        "diperiksa": wording.plain_date(guide.closures_checked) if guide.closures_checked else None,
        "penutupan": [closure_data(c) for c in page_closures], "pembukaan": [opening_data(o) for o in page_openings],
        "kantor": [[[closure_at[c] for c in o.closures], [opening_at[p] for p in o.openings], o.office_name]
                   for o in guide.offices],
        "wilayah": [list(range(len(page_closures))), list(range(len(page_openings)))],
        "hari_uji": [d.isoformat() for d in tested],
    }
    (tmp_path / "script.js").write_text(script_text(), encoding="utf-8")
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "runner.js").write_text(RUNNER, encoding="utf-8")
    result = subprocess.run(["node", str(tmp_path / "runner.js"), str(tmp_path / "script.js"), str(tmp_path / "data.json")],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def compare(guide, tested: list[dt.date], tmp_path) -> int:
    """Every office on every tested day, and the region: the script's words are the build's. Returns the count."""
    said = run_script(guide, tested, tmp_path)
    count = 0
    for office, by_day in zip(guide.offices, said["kantor"]):
        for day, live in zip(tested, by_day):
            built = python_words(wording.office_words(closures.status_on(office, day), office.office_name,
                                                      guide.closures_checked))
            assert {k: live[k] for k in FIELDS} == built, (office, day)
            count += 1
    for day, live in zip(tested, said["wilayah"]):
        built = python_words(wording.region_words(closures.region_status(guide.closures, guide.openings, day),
                                                  guide.closures_checked))
        assert {k: live.get(k, "") for k in FIELDS} == {**built, "daftar": ""}, day
    return count


def test_the_script_decides_as_python_for_every_office_and_day_of_the_real_data(tmp_path):
    guide = load_guide(REPO)
    tested = days(dt.date(2020, 3, 1), dt.date(2020, 4, 30)) + days(dt.date(2024, 4, 14), dt.date(2024, 4, 18))
    count = compare(guide, tested, tmp_path)
    assert count == len(guide.offices) * len(tested) > 18_000


def test_the_script_decides_as_python_for_a_closure_of_one_service(tmp_path):
    """The small data closes KTP-el only at Kelurahan Gunung on 4-5 May 2020."""
    guide = load_guide(MINI)
    compare(guide, days(dt.date(2020, 3, 1), dt.date(2020, 5, 10)), tmp_path)
    words = wording.office_words(closures.status_on(guide.office("31.74.07.1002"), dt.date(2020, 5, 4)),
                                 "Kantor Kelurahan Gunung", guide.closures_checked)
    assert words.judul == "Loket tatap muka TUTUP untuk layanan KTP Elektronik (KTP-el) pada Senin, 4 Mei 2020, sampai dengan Selasa, 5 Mei 2020."
    assert words.daftar == "loket tatap muka tutup untuk layanan KTP Elektronik (KTP-el) sampai dengan Selasa, 5 Mei 2020"


@pytest.fixture(scope="module")
def real():
    return load_guide(REPO)


class TestDecision:
    def test_announced_within_one_window(self, real):
        pekayon = next(o for o in real.kelurahan if o.nama == "Pekayon")
        assert closures.ANNOUNCE_DAYS == 14
        assert [c.id for c in closures.status_on(pekayon, dt.date(2020, 3, 3)).announced] == ["se-gubernur-02-2020"]
        assert closures.status_on(pekayon, dt.date(2020, 3, 2)).announced == ()  # 15 days before

    def test_opened_only_by_a_source(self, real):
        """Jakarta Barat's offices are open from the report of 16 April 2024 on, with that report; others are not."""
        kembangan = real.office("31.73")
        status = closures.status_on(kembangan, dt.date(2024, 4, 16))
        assert status.state == "buka" and [o.id for o in status.openings] == ["loket-jakarta-barat-2024-04"]
        assert closures.status_on(kembangan, dt.date(2024, 4, 15)).state == "tidak-tercatat"
        assert closures.status_on(real.office("31.74"), dt.date(2024, 4, 16)).state == "tidak-tercatat"
        words = wording.office_words(status, kembangan.office_name, real.closures_checked)
        assert words.judul == ("Loket tatap muka Suku Dinas Kependudukan dan Pencatatan Sipil Kota Administrasi Jakarta Barat "
                               "buka menurut Pemerintah Kota Administrasi Jakarta Barat, 16 April 2024.")
        assert words.daftar == "loket tatap muka buka menurut Pemerintah Kota Administrasi Jakarta Barat, 16 April 2024"
        assert words.rincian[0].endswith("Sumber: Pemerintah Kota Administrasi Jakarta Barat, 16 April 2024; "
                                         "keadaan bisa sudah berubah sejak tanggal itu.")

    def test_a_closure_wins_over_an_opening(self, real):
        """No closure of Jakarta Barat is recorded after 2024; a closure in force is said, never the opening."""
        jakbar = real.office("31.73")
        assert closures.status_on(jakbar, dt.date(2020, 3, 25)).state == "tutup"

    def test_reaching_is_the_model_links(self, real):
        jaksel = real.office("31.74")
        assert [c.id for c in closures.reaching(jaksel)] == ["se-gubernur-02-2020", "loket-jakarta-selatan-2020-03"]
        assert [c.id for c in closures.reaching(real.office("31.75"))] == ["se-gubernur-02-2020"]


def test_no_page_words_say_a_bare_buka(real):
    """"buka" is said only with a source; the words of nothing recorded never say it."""
    for key in ("tidak", "daftar_tidak", "wilayah_tidak"):
        assert "buka" not in wording.WORDS[key]
    for key in ("buka", "daftar_buka"):
        assert "{sumber}" in wording.WORDS[key] and "{tanggal}" in wording.WORDS[key]


class TestOpeningsAreChecked:
    """A report that counters are open is checked like a closure: its region, its dates, its source."""

    def problems(self, data) -> list[str]:
        from generator.validate import check_data

        return check_data(data.folder)[1]

    def test_unknown_source(self, data):
        data.replace("offices.yaml", "    sumber: berita-contoh\n    isi:", "    sumber: berita-lain\n    isi:")
        line = data.line("offices.yaml", "sumber: berita-lain")
        assert [p for p in map(str, self.problems(data)) if "berita-lain" in p] == [
            f"offices.yaml:{line}:13: pembukaan[kramat-pela-buka].sumber: unknown report or regulation id berita-lain: "
            "expected one of berita-contoh, uu-contoh"]

    def test_unknown_region_and_dates_out_of_order(self, data):
        data.replace("offices.yaml", '    wilayah: "31.74.07.1003"\n    mulai: 2020-04-06',
                     '    wilayah: "31.74.07.1009"\n    mulai: 2020-04-06')
        data.replace("offices.yaml", "    selesai: 2020-04-17", "    selesai: 2020-04-01")
        found = [str(p) for p in self.problems(data) if "pembukaan" in str(p)]
        assert found == [
            f"offices.yaml:{data.line('offices.yaml', '31.74.07.1009')}:14: pembukaan[kramat-pela-buka].wilayah: "
            "expected the code of a kelurahan in this file, got 31.74.07.1009 (no such kelurahan)",
            f"offices.yaml:{data.line('offices.yaml', 'selesai: 2020-04-01')}:14: pembukaan[kramat-pela-buka].selesai: "
            "expected a last day on or after mulai (2020-04-06), got 2020-04-01"]
