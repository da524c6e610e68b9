"""Read a YAML file into nodes that remember their line and column.

`yaml.compose` builds the node tree without constructing Python objects, so no
tag can ever run code; tags other than YAML's plain ones are refused in
validate.py. Syntax errors become Problems with the position PyYAML reports.
PyYAML's C parser (libyaml) reads the files ten times faster than the Python
one; the Python parser reads a file that libyaml refuses, for its messages.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, the same from either parser (libyaml marks a plain scalar's style "")."""
    if yaml.__with_libyaml__:
        try:
            root = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass  # the Python parser below says why, in the words the tests expect
        else:
            _plain_style(root)
            return root
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _plain_style(root: yaml.Node | None) -> None:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            node.style = node.style or None
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(item for pair in node.value for item in pair)


def load_nodes(path: Path, label: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The root node of `path` (None when unreadable), and the problems found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(label, 1, 1, "", "file not found: expected the data file at " + str(path))]
    except UnicodeDecodeError as error:
        return None, [Problem(label, 1, 1, "", f"expected UTF-8 text, got an undecodable byte at offset {error.start}")]
    if "\t" in text:
        line_no = text[: text.index("\t")].count("\n") + 1
        column = len(text.split("\n")[line_no - 1].split("\t")[0]) + 1
        tab = Problem(label, line_no, column, "", "expected spaces for indentation, got a tab character")
        return None, [tab]
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(label, line, column, "", f"YAML syntax error: {reason}")]
    if node is None:
        return None, [Problem(label, 1, 1, "", "expected a mapping of data, got an empty file")]
    return node, []
