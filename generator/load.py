"""Read a YAML file into nodes that remember their line and column.

The data files are edited by many people through pull requests, so nothing in
them is trusted. `yaml.compose` builds the node tree without constructing
Python objects, so no tag can ever run code (tags other than YAML's plain ones
are refused in kinds.py). Before and while composing, what would make reading
slow, deep or unbounded is refused with the position where it starts:

- a file over MAX_BYTES (the real offices.yaml is about 85 KB);
- bytes that are not UTF-8, and characters YAML does not allow (controls);
- a tab character: YAML indents with spaces;
- anchors and aliases (`&name`, `*name`): one alias of a large anchored value
  can be repeated until the checks take hours (the "billion laughs" attack);
  the data never needs them, so they are refused where they are written;
- nesting deeper than MAX_DEPTH (the data needs 6 levels; PyYAML composes
  recursively and would overflow the stack).

A UTF-8 byte-order mark is dropped; CRLF line endings are read as line breaks.
Every refusal, like every syntax error, becomes a Problem at FILE:LINE:COLUMN.

Reading is about seven times as fast as with PyYAML's Python composer when
PyYAML has libyaml (the C parser, `yaml.CSafeLoader`): its events are first
scanned for anchors, aliases and depth, without building anything, then it
composes the same nodes, with the same tags (PyYAML's resolver) and
positions. A file the
fast path does not accept in full (a refusal, a syntax error, a character YAML
does not allow) is read again by the Python composer, whose messages are the
ones staff see, so the problems are the same with or without libyaml.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 5_000_000  # 5 MB: sixty times the real offices.yaml
MAX_DEPTH = 20  # levels of lists and mappings; the data needs 6


class Refused(Exception):
    """Something the data files may not contain, at a position in the file."""

    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.line, self.column, self.message = mark.line + 1, mark.column + 1, message


class NodeLoader(yaml.SafeLoader):
    """SafeLoader's composer, refusing anchors, aliases and deep nesting before they are followed."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if event.anchor is not None:
            written = f"the alias *{event.anchor}" if isinstance(event, yaml.AliasEvent) else f"the anchor &{event.anchor}"
            raise Refused(event.start_mark, f"expected plain YAML, got {written}: "
                                            "anchors and aliases are not allowed, write each value out in full")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and self.depth == MAX_DEPTH:
            raise Refused(event.start_mark, f"expected at most {MAX_DEPTH} levels of nested lists and mappings, got more")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose_fast(text: str) -> yaml.Node | None:
    """The node tree by libyaml, or None when libyaml is missing or would not accept the file as it is."""
    if not yaml.__with_libyaml__ or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    collections, ends = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):  # events only: nothing is built or followed
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                return None
            if isinstance(event, collections):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, ends):
                depth -= 1
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document; ReaderError, MarkedYAMLError or Refused when it cannot be read."""
    node = compose_fast(text)
    if node is not None:
        return node
    loader = NodeLoader(text)  # checks that every character is printable
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_text(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """The file's text without its byte-order mark, or the problem that stops reading it."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never more than the limit in memory, whatever the file
    except FileNotFoundError:
        return None, [Problem(label, 1, 1, "", "file not found: expected the data file at " + str(path))]
    except OSError as error:
        return None, [Problem(label, 1, 1, "", f"expected a readable data file at {path}, got an error: {error.strerror}")]
    if len(raw) > MAX_BYTES:
        size = path.stat().st_size
        got = f"{size:,} bytes" if size > MAX_BYTES else f"more than {MAX_BYTES:,} bytes"
        return None, [Problem(label, 1, 1, "", f"expected a data file of at most 5 MB ({MAX_BYTES:,} bytes), got {got}")]
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")  # what precedes the first bad byte is valid
        line, column = position(before, len(before))
        return None, [Problem(label, line, column, "",
                              f"expected UTF-8 text, got the byte 0x{raw[error.start]:02X}: save the file as UTF-8")]


def load_nodes(path: Path, label: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The root node of `path` (None when unreadable), and the problems found."""
    text, problems = read_text(path, label)
    if text is None:
        return None, problems
    if "\t" in text:
        line, column = position(text, text.index("\t"))
        return None, [Problem(label, line, column, "", "expected spaces for indentation, got a tab character")]
    try:
        node = compose(text)
    except Refused as refused:
        return None, [Problem(label, refused.line, refused.column, "", refused.message)]
    except yaml.reader.ReaderError as error:
        line, column = position(text, error.position)
        return None, [Problem(label, line, column, "",
                              f"expected printable text, got the character U+{error.character:04X}, which YAML does not allow")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        if error.context and reason.startswith("but "):  # "expected a single document in the stream, but found another"
            reason = f"{error.context}, {reason}"
        return None, [Problem(label, line, column, "", f"YAML syntax error: {reason}")]
    if node is None:
        return None, [Problem(label, 1, 1, "", "expected a mapping of data, got an empty file")]
    return node, []
