"""load.py: what is refused before the schema sees the data, each at its exact position."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, REPO, line_of
from generator.load import MAX_BYTES, MAX_DEPTH, load_nodes

ANCHORS = "anchors and aliases are not allowed, write each value out in full"


def problems(path: Path) -> list[str]:
    node, found = load_nodes(path, path.name)
    assert (node is None) == bool(found)
    return [str(p) for p in found]


def write(tmp_path: Path, content: str | bytes, name: str = "offices.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


class TestEncoding:
    def test_a_byte_order_mark_is_not_a_column(self, tmp_path):
        assert problems(write(tmp_path, "\ufeffnama: [Gunung\n")) == [
            "offices.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"
        ]

    def test_crlf_keeps_lines_and_columns(self, tmp_path):
        text = "kota:\n  - kode: \"31.74\"\n    nama: [Jakarta, Selatan\n    kontak: []\n"
        lf, windows = tmp_path / "lf", tmp_path / "crlf"
        lf.mkdir(), windows.mkdir()
        expected = ["offices.yaml:4:11: YAML syntax error: expected ',' or ']', but got ':'"]
        assert problems(write(lf, text)) == expected
        assert problems(write(windows, "\ufeff" + crlf(text))) == expected

    def test_the_real_files_with_bom_and_crlf_read_as_the_same_nodes(self, tmp_path):
        for name in ("services.yaml", "offices.yaml"):
            plain, _ = load_nodes(REPO / name, name)
            windows, found = load_nodes(write(tmp_path, "\ufeff" + crlf((REPO / name).read_text(encoding="utf-8")), name), name)
            assert found == []
            assert repr(windows) == repr(plain)  # same values, tags and styles; marks are not in the repr

    def test_not_utf8_names_the_byte_and_where_it_is(self, tmp_path):
        text = (MINI / "offices.yaml").read_text(encoding="utf-8").replace("nama: Kramat Pela", "nama: Kramat P\u00e9la")
        assert problems(write(tmp_path, text.encode("latin-1"))) == [
            f"offices.yaml:{line_of(text, 'Kramat P')}:19: expected UTF-8 text, got the byte 0xE9: save the file as UTF-8"
        ]

    def test_not_utf8_column_counts_characters_not_bytes(self, tmp_path):
        path = write(tmp_path, "\ufeffnama: \u00c9tang\r\nalamat: Caf\u00e9 ".encode("utf-8") + b"\xff\r\n")
        assert problems(path) == ["offices.yaml:2:14: expected UTF-8 text, got the byte 0xFF: save the file as UTF-8"]

    def test_a_control_character(self, tmp_path):
        assert problems(write(tmp_path, 'nama: Gunung\r\nalamat: "Jl. \x07Bujana"\r\n')) == [
            "offices.yaml:2:14: expected printable text, got the character U+0007, which YAML does not allow"
        ]

    def test_tab_after_text_on_a_crlf_line(self, tmp_path):
        assert problems(write(tmp_path, "nama: Gunung\r\nalamat: Jl.\tBujana\r\n")) == [
            "offices.yaml:2:12: expected spaces for indentation, got a tab character"
        ]


class TestSize:
    def fill(self, tmp_path: Path, size: int) -> Path:
        """The small offices file padded with a comment to exactly `size` bytes."""
        text = (MINI / "offices.yaml").read_bytes()
        padding = size - len(text) - 2
        return write(tmp_path, text + b"#" + b"x" * padding + b"\n")

    def test_a_file_at_the_limit_is_read(self, tmp_path):
        path = self.fill(tmp_path, MAX_BYTES)
        assert path.stat().st_size == MAX_BYTES == 5_000_000
        assert problems(path) == []

    def test_one_byte_more_is_refused_with_the_limit(self, tmp_path):
        assert problems(self.fill(tmp_path, MAX_BYTES + 1)) == [
            "offices.yaml:1:1: expected a data file of at most 5 MB (5,000,000 bytes), got 5,000,001 bytes"
        ]

    def test_an_endless_file_is_read_no_further_than_the_limit(self, tmp_path):
        """/dev/zero has no size and no end: reading must stop at the limit, not at the end.

        In a subprocess capped at 1 GiB, so that a regression fails here instead of filling the memory.
        """
        (tmp_path / "offices.yaml").symlink_to("/dev/zero")
        script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
                  "from pathlib import Path; from generator.load import load_nodes; "
                  "print(*load_nodes(Path(sys.argv[1]), 'offices.yaml')[1], sep='\\n')")
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "offices.yaml")],
                                capture_output=True, text=True, timeout=120)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == (
            "offices.yaml:1:1: expected a data file of at most 5 MB (5,000,000 bytes), got more than 5,000,000 bytes\n"
        )

    def test_a_folder_in_place_of_the_file(self, tmp_path):
        (tmp_path / "offices.yaml").mkdir()
        assert problems(tmp_path / "offices.yaml") == [
            f"offices.yaml:1:1: expected a readable data file at {tmp_path / 'offices.yaml'}, got an error: Is a directory"
        ]


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
layanan: *i
"""


def schema_bomb(copies: int) -> str:
    """A bomb aimed at the checker rather than the parser: `copies` services that each hold the same
    `copies` requirements, so copies² records would be checked, from a file of a few kilobytes."""
    return ("kanal:\n  - {id: situs, nama: Situs, jenis: situs, keterangan: Lewat situs.}\n"
            "layanan:\n"
            "  - &s\n"
            "    id: ktp-el\n    nama: KTP-el\n    alias: [KTP]\n    ringkasan: Kartu identitas.\n"
            "    persyaratan:\n      - &r {dokumen: Kartu Keluarga}\n" + "      - *r\n" * (copies - 1)
            + "    langkah: [Buka situs.]\n    kanal: [situs]\n    biaya: Gratis\n    hasil: KTP-el\n"
            "    dasar_hukum: [UU No. 24 Tahun 2013]\n    ditinjau: 2026-11-25\n" + "  - *s\n" * (copies - 1))


class TestAnchorsAndAliases:
    """The data never uses them (see test_the_real_files_use_no_anchors), so they are refused where written."""

    def test_the_real_files_use_no_anchors(self):
        import yaml

        for name in ("services.yaml", "offices.yaml"):
            events = yaml.parse((REPO / name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            assert [e for e in events if getattr(e, "anchor", None)] == []

    def test_billion_laughs_is_refused_at_its_first_anchor(self, tmp_path):
        assert problems(write(tmp_path, BILLION_LAUGHS, "services.yaml")) == [
            f"services.yaml:1:4: expected plain YAML, got the anchor &a: {ANCHORS}"
        ]

    def test_a_bomb_on_valid_records_is_refused_before_any_is_checked(self, tmp_path):
        text = schema_bomb(2000)  # 4 million requirement records if the aliases were followed
        assert len(text) < 50_000
        assert problems(write(tmp_path, text, "services.yaml")) == [
            f"services.yaml:4:5: expected plain YAML, got the anchor &s: {ANCHORS}"
        ]

    def test_an_alias_to_an_undefined_anchor(self, tmp_path):
        assert problems(write(tmp_path, "nama: Gunung\nalias: [Gn, *nama]\n")) == [
            f"offices.yaml:2:13: expected plain YAML, got the alias *nama: {ANCHORS}"
        ]


class TestStructure:
    def nested(self, levels: int) -> str:
        return "kota: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"

    def test_nesting_up_to_the_limit_is_read(self, tmp_path):
        assert MAX_DEPTH == 20
        assert problems(write(tmp_path, self.nested(MAX_DEPTH))) == []

    def test_deeper_nesting_is_refused_where_it_goes_too_deep(self, tmp_path):
        assert problems(write(tmp_path, self.nested(MAX_DEPTH + 1))) == [
            "offices.yaml:1:26: expected at most 20 levels of nested lists and mappings, got more"
        ]

    def test_a_hundred_thousand_brackets_are_a_problem_not_a_crash(self, tmp_path):
        assert problems(write(tmp_path, self.nested(100_000))) == [
            "offices.yaml:1:26: expected at most 20 levels of nested lists and mappings, got more"
        ]

    def test_two_documents(self, tmp_path):
        assert problems(write(tmp_path, "---\nnama: Gunung\n---\nnama: Gambir\n")) == [
            "offices.yaml:3:1: YAML syntax error: expected a single document in the stream, but found another document"
        ]

    @pytest.mark.parametrize("text", ["", "\ufeff", "# only a comment\r\n"])
    def test_an_empty_file(self, tmp_path, text):
        assert problems(write(tmp_path, text)) == ["offices.yaml:1:1: expected a mapping of data, got an empty file"]


def tree(node) -> list:
    """Every node of a tree with what the checks read of it: kind, tag, value, plain or not, and position."""
    import yaml

    start, end = node.start_mark, node.end_mark
    own = [type(node).__name__, node.tag, (start.line, start.column), (end.line, end.column)]
    if isinstance(node, yaml.ScalarNode):
        return [own + [node.value, node.style or None]]  # a plain scalar: None from PyYAML, '' from libyaml
    children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
    return [own + [node.flow_style]] + [entry for child in children for entry in tree(child)]


class TestFastPath:
    """With libyaml, load.py reads the files with the C parser and falls back to the Python composer
    for anything it would refuse, so the nodes and the messages are the same either way."""

    def test_pyyaml_has_libyaml(self):
        import yaml

        assert yaml.__with_libyaml__  # else the fast path below would never be taken

    @pytest.mark.parametrize("text", [
        (REPO / "services.yaml").read_text(encoding="utf-8"),
        (REPO / "offices.yaml").read_text(encoding="utf-8"),
        crlf((REPO / "offices.yaml").read_text(encoding="utf-8")),
        'a: "é😀中"\nb: [x😀, \'y\', {c: d}]\nc: 😀😀 z\nd:\n  - é: ~\n    f: |\n      😀\n    g: >-\n      ok\n    h:\n',
    ], ids=["services.yaml", "offices.yaml", "offices.yaml with CRLF", "wide characters and every style"])
    def test_the_same_nodes_as_the_python_composer(self, text):
        from generator.load import NodeLoader, compose_fast

        fast = compose_fast(text)
        assert fast is not None
        assert tree(fast) == tree(NodeLoader(text).get_single_node())

    @pytest.mark.parametrize("text", [
        BILLION_LAUGHS, "nama: Gunung\nalias: [Gn, *nama]\n", "kota: " + "[" * 100_000,
        "kota: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n", 'alamat: "Jl. \x07Bujana"\n', "nama: [Gunung\n",
        "---\nnama: Gunung\n---\nnama: Gambir\n",
    ], ids=["anchors", "alias", "brackets", "too deep", "control character", "syntax error", "two documents"])
    def test_what_is_refused_goes_to_the_python_composer(self, text):
        from generator.load import compose_fast

        assert compose_fast(text) is None
