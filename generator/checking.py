"""Reading one data file: where each value sits, and the problems found on the way.

A Checker collects, for one file, every Problem (file, line, column, path, message) and the
position of every value read, by its raw path; a Path names a value both ways: `raw` for lookups
(("kelurahan", 3, "kontak", 0)) and `text` for people (kelurahan[31.71.01.1001].kontak[0]).
describe() is how a received YAML value is named in messages. The kinds (kinds.py) and records
(declarations.py) report through these; validate.py reports rules across records at the
positions kept here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from .problems import ERROR, Problem

INVALID = object()  # what a kind returns for a value it reported as wrong
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class Checker:
    """Collects problems and node positions while one file is checked."""

    def __init__(self, label: str):
        self.label = label
        self.problems: list[Problem] = []
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.province: str | None = None  # the dinas code of offices.yaml, for ByProvince kinds

    def report(self, node: yaml.Node, path: "Path", message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.label, mark.line + 1, mark.column + 1, path.text, message))

    def at(self, key: tuple) -> tuple[int, int]:
        """1-based (line, column) of the value at a raw path, or (1, 1)."""
        return self.positions.get(key, (1, 1))

    def report_at(self, key: tuple, text: str, message: str, level: str = ERROR) -> None:
        line, column = self.at(key)
        self.problems.append(Problem(self.label, line, column, text, message, level))


@dataclass(frozen=True)
class Path:
    """Where a value sits: `raw` for lookups, `text` for people (kelurahan[31.71.01.1001].kontak[0])."""

    raw: tuple = ()
    text: str = ""

    def key(self, name: str) -> "Path":
        return Path(self.raw + (name,), f"{self.text}.{name}" if self.text else name)

    def item(self, index: int, label: str | None = None) -> "Path":
        return Path(self.raw + (index,), f"{self.text}[{label if label is not None else index}]")


def describe(node: yaml.Node) -> str:
    """How a received value is named in messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_empty(node):
        return "nothing"
    return json.dumps(node.value, ensure_ascii=False)


def is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.style  # plain: None from PyYAML, '' from libyaml
