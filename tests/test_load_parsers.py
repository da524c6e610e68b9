"""load.py reads the data with libyaml when PyYAML has it: the nodes must be those of the Python parser."""

from __future__ import annotations

import pytest
import yaml

from generator.load import compose

from conftest import MINI, REPO


def shape(node: yaml.Node) -> list:
    """Every node of a tree with what validation reads of it: kind, tag, value, style, position."""
    out, stack = [], [node]
    while stack:
        node = stack.pop()
        mark = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.ScalarNode):
            out.append(("scalar", node.tag, node.value, node.style, mark))
        elif isinstance(node, yaml.SequenceNode):
            out.append(("sequence", node.tag, len(node.value), mark))
            stack.extend(reversed(node.value))
        else:
            out.append(("mapping", node.tag, len(node.value), mark))
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
    return out


def test_pyyaml_has_libyaml():
    assert yaml.__with_libyaml__


@pytest.mark.parametrize("path", [REPO / "services.yaml", REPO / "offices.yaml", MINI / "offices.yaml"])
def test_the_same_nodes_as_the_python_parser(path):
    text = path.read_text(encoding="utf-8")
    assert shape(compose(text)) == shape(yaml.compose(text, Loader=yaml.SafeLoader))


def test_null_plain_and_quoted_styles():
    text = 'a: ~\nb:\nc: "~"\nd: x\n'
    assert shape(compose(text)) == shape(yaml.compose(text, Loader=yaml.SafeLoader))
    values = compose(text).value
    assert [value.style for _, value in values] == [None, None, '"', None]


def test_a_syntax_error_is_the_python_parser_s():
    with pytest.raises(yaml.MarkedYAMLError) as error:
        compose("a: [1, 2\nb: 3\n")
    with pytest.raises(yaml.MarkedYAMLError) as expected:
        yaml.compose("a: [1, 2\nb: 3\n", Loader=yaml.SafeLoader)
    assert (error.value.problem, str(error.value.problem_mark)) == (expected.value.problem, str(expected.value.problem_mark))
