"""feed.py: an Atom feed of the changes residents care about, read from the data's git history."""

from __future__ import annotations

import datetime as dt
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator import diff, feed, urls
from generator.model import load_guide

from conftest import Data

SITE = "https://panduan.contoh/"
ATOM = "{http://www.w3.org/2005/Atom}"
UPDATED = dt.date(2026, 11, 25)


class Repo(Data):
    """A git repository holding a copy of the small data set, committed on chosen dates."""

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2020-03-20T09:00:00+07:00") -> str:
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin", "HOME": str(self.folder)}
        result = subprocess.run(["git", "-c", "user.name=Staf", "-c", "user.email=staf@contoh.invalid", *args],
                                cwd=self.folder, capture_output=True, text=True, env=env, check=True)
        return result.stdout.strip()

    def commit(self, message: str, date: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    folder = tmp_path / "repo"
    folder.mkdir()
    return Repo(folder)


def parse(xml: bytes):
    """feedparser's reading of the feed, after checking the elements RFC 4287 requires."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + tag) is not None, tag
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "content"):
            assert entry.find(ATOM + tag) is not None, tag
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


class TestHistory:
    def test_one_entry_per_change_residents_see_newest_first(self, repo):
        first = repo.commit("Data awal", "2020-03-20T09:00:00+07:00")
        repo.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-04-05")
        repo.replace("offices.yaml", 'telepon: "021-7245537"', 'telepon: "021-7245538"')
        change = repo.commit("Perpanjang penutupan Jakarta Selatan", "2020-04-01T16:30:00+07:00")
        repo.replace("services.yaml", "alias: [KTP, e-KTP", "alias: [KTP, eKTP")
        repo.commit("Tambah alias", "2020-04-02T08:00:00+07:00")  # only "Perubahan lain": not for residents

        entries = feed.entries(repo.folder, SITE)
        assert [(e.title, e.updated.isoformat()) for e in entries] == [
            ("1 April 2020: perubahan kontak dan penutupan", "2020-04-01T16:30:00+07:00"),
            ("20 Maret 2020: data panduan pertama kali diterbitkan", "2020-03-20T09:00:00+07:00"),
        ]
        assert entries[0].lines == (
            "KONTAK",
            "Kelurahan Gunung (31.74.07.1002)",
            "",
            "- Telepon kantor kelurahan: telepon (021) 7245537 → (021) 7245538",
            "",
            "PENUTUPAN",
            "- Diubah: Loket Jakarta Selatan ditutup (jaksel): selesai Kamis, 2 April 2020 → Minggu, 5 April 2020",
        )
        assert entries[0].link == "https://panduan.contoh/penutupan/"
        assert entries[0].id == f"urn:uuid:{feed.stable_uuid('feed-entry', change)}"
        assert entries[1].id == f"urn:uuid:{feed.stable_uuid('feed-entry', first)}"
        assert entries[1].lines[0] == "Penutupan yang tercatat:"
        assert entries[1].lines[1].startswith("- Layanan tatap muka ditutup (provinsi): seluruh DKI Jakarta, Selasa, 17 Maret 2020")

    def test_the_feed_and_the_reviewers_comment_show_the_same_change_records(self, repo):
        repo.commit("Data awal", "2020-03-20T09:00:00+07:00")
        repo.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-04-05")
        repo.replace("offices.yaml", 'whatsapp: "0812-3456-7890"', 'whatsapp: "0813-1111-2222"')
        repo.replace("offices.yaml", 'telepon: ["021-7207341", "021-7207342"]', 'telepon: ["021-7207342", "021-7207341"]')
        repo.replace("services.yaml", "      - Buka situs Alpukat.\n      - Unggah dokumen.\n",
                     "      - Unggah dokumen.\n      - Buka situs Alpukat.\n")
        repo.replace("services.yaml", "      - dokumen: Kartu Keluarga (KK)\n",
                     "      - dokumen: Kartu Keluarga (KK)\n      - dokumen: Pas foto\n")
        repo.replace("offices.yaml", "penutupan:\n", (
            '  - kode: "31.74.07.1004"\n    nama: Kebayoran Lama\n    kode_pos: "12240"\n    kontak: []\npenutupan:\n'))
        repo.replace("services.yaml", "    biaya: Gratis\n    waktu_proses", "    biaya: Gratis sekali\n    waktu_proses")
        repo.commit("Beberapa perubahan", "2020-04-01T16:30:00+07:00")

        old, new = feed.version(repo.folder, "HEAD~1"), feed.version(repo.folder, "HEAD")
        records = diff.changes(old, new)
        shown = [c for c in records if c.section in feed.SECTIONS]
        assert {c.section for c in shown} == set(feed.SECTIONS)  # every section residents see, and "Perubahan lain" not
        [entry, _] = feed.entries(repo.folder, SITE)
        comment, _ = diff.run("HEAD~1", "HEAD", repo.folder)
        # The comment's sections for residents, read as plain text, are the feed entry line for line.
        markdown = comment[comment.index("## Kontak"): comment.index("## Perubahan lain")].rstrip("\n").splitlines()
        plain = [line.removeprefix("## ").upper() if line.startswith("## ") else
                 line.removeprefix("### ").replace("**", "").replace("`", "")
                 for index, line in enumerate(markdown) if not (line == "" and markdown[index - 1].startswith("## "))]
        assert plain == list(entry.lines)
        for change in shown:  # and each change record is in both, with its values
            for value in filter(None, (change.before, change.after, change.label)):
                assert value in "\n".join(entry.lines) and value in comment, value
        assert "Gratis sekali" in comment and "Gratis sekali" not in "\n".join(entry.lines)
        assert "- Urutan langkah berubah." in entry.lines
        assert ("- Telepon kantor kecamatan: urutan telepon berubah: (021) 7207341, (021) 7207342 → "
                "(021) 7207342, (021) 7207341") in entry.lines

    def test_a_version_that_fails_todays_checks_is_passed_over(self, repo):
        repo.commit("Data awal", "2020-03-20T09:00:00+07:00")
        repo.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-03-01")  # before mulai
        repo.commit("Salah tanggal", "2020-03-21T09:00:00+07:00")
        repo.replace("offices.yaml", "selesai: 2020-03-01", "selesai: 2020-04-03")
        repo.commit("Perbaiki tanggal", "2020-03-22T09:00:00+07:00")
        assert [e.title for e in feed.entries(repo.folder, SITE)] == ["20 Maret 2020: data panduan pertama kali diterbitkan"]

    def test_a_shallow_clone_does_not_claim_a_first_publication(self, repo, tmp_path):
        repo.commit("Data awal", "2020-03-20T09:00:00+07:00")
        repo.replace("offices.yaml", "selesai: 2020-04-02", "selesai: 2020-04-05")
        repo.commit("Perpanjang", "2020-04-01T16:30:00+07:00")
        clone = tmp_path / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.folder}", str(clone)], check=True)
        assert feed.entries(clone, SITE) == []
        parsed = parse(feed.render(load_guide(clone), clone, UPDATED, SITE)[urls.FEED])
        assert [e.title for e in parsed.entries] == ["Penutupan layanan yang tercatat per 25 November 2026"]

    def test_the_same_repository_gives_the_same_bytes(self, repo):
        repo.commit("Data awal", "2020-03-20T09:00:00+07:00")
        guide = load_guide(repo.folder)
        assert feed.render(guide, repo.folder, UPDATED, SITE) == feed.render(guide, repo.folder, UPDATED, SITE)


class TestWithoutGit:
    def test_one_entry_describing_the_closures_on_record(self, data):
        parsed = parse(feed.render(load_guide(data.folder), data.folder, UPDATED, SITE)[urls.FEED])
        [entry] = parsed.entries
        assert entry.title == "Penutupan layanan yang tercatat per 25 November 2026"
        assert entry.updated == "2026-11-25T00:00:00+07:00"
        assert entry.link == "https://panduan.contoh/penutupan/"
        assert entry.content[0].value.splitlines() == [
            "- Layanan tatap muka ditutup (provinsi): seluruh DKI Jakarta, Selasa, 17 Maret 2020 sampai Selasa, 31 Maret 2020;"
            " layanan: semua layanan tatap muka; referensi: Surat Edaran Gubernur DKI Jakarta No. 02/SE/2020",
            "- Loket Jakarta Selatan ditutup (jaksel): Kota Administrasi Jakarta Selatan, Senin, 23 Maret 2020 sampai Kamis,"
            " 2 April 2020; layanan: semua layanan tatap muka",
            "- Loket KTP Kelurahan Gunung ditutup (gunung-ktp): Kelurahan Gunung, Senin, 4 Mei 2020 sampai Selasa, 5 Mei 2020;"
            " layanan: KTP Elektronik (KTP-el)",
        ]
        assert parsed.feed.title == "Perubahan data Panduan Layanan Kependudukan DKI Jakarta"
        assert parsed.feed.links[0].href == "https://panduan.contoh/data/feed.xml"

    def test_text_from_the_data_is_escaped(self, data):
        data.replace("offices.yaml", "judul: Loket Jakarta Selatan ditutup", 'judul: "Tutup <script>alert(1)</script> & buka"')
        xml = feed.render(load_guide(data.folder), data.folder, UPDATED, SITE)[urls.FEED]
        assert b"Tutup &lt;script&gt;alert(1)&lt;/script&gt; &amp; buka" in xml
        assert b"<script>" not in xml
        assert "Tutup <script>alert(1)</script> & buka" in parse(xml).entries[0].content[0].value


class TestBuiltSite:
    def test_the_feed_parses_and_is_linked_from_the_closures_page(self, closed_site):
        parsed = parse((closed_site.root / urls.FEED).read_bytes())
        assert len(parsed.entries) >= 1
        assert '<a href="../data/feed.xml">umpan Atom</a>' in closed_site.html("penutupan/")


def test_the_deploy_checks_out_the_history_the_feed_reads():
    import yaml

    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    checkout = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone would leave only the fallback entry
