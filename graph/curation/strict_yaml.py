"""Strict YAML: every scalar stays the text the analyst wrote, with its line.

PyYAML's safe loader composes the document (no constructor runs, so no tag can
build an object); the implicit resolvers are removed, so ``NO``, ``2021-12-24``,
``1.10`` and ``0755`` are strings, and the node tree is walked here so that
duplicate keys, tags and anchors become problems rather than silent choices.

Examples
--------
>>> nodes, problems = parse_yaml("- {id: a, flag: NO, n: 0755, v: 1.10}", "x.yaml")
>>> [(k, n.value) for k, n in nodes.value[0].value.items()]
[('id', 'a'), ('flag', 'NO'), ('n', '0755'), ('v', '1.10')]
>>> parse_yaml("a: 1\\na: 2", "x.yaml")[1][0].message
"duplicate key 'a' (first at line 1)"
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from graph.curation.problems import Problem

__all__ = ["Node", "parse_yaml"]

_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with no implicit typing: every plain scalar resolves to ``str``."""


_StrictLoader.yaml_implicit_resolvers = {}


@dataclass(frozen=True)
class Node:
    """A YAML value as written: ``str``, ``list[Node]`` or ``dict[str, Node]``, with its 1-based line."""

    value: str | list[Node] | dict[str, Node]
    line: int


def parse_yaml(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into a :class:`Node` tree and the problems met.

    A syntax error yields ``None`` and one problem naming its line.

    Examples
    --------
    >>> parse_yaml("a: [1", "bad.yaml")[1][0].format()
    "bad.yaml:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"
    """
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return None, [Problem(file, line, "", "", "", f"YAML syntax error: {exc.problem}")]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors
        return None, [Problem(file, 0, "", "", "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    problems: list[Problem] = []
    if root is None:
        return None, problems
    return _walk(root, file, problems, set()), problems


def _walk(node: yaml.Node, file: str, problems: list[Problem], seen: set[int]) -> Node:
    line = node.start_mark.line + 1
    if id(node) in seen:
        problems.append(Problem(file, line, "", "", "", "YAML aliases (*name) are not allowed"))
        return Node("", line)
    seen.add(id(node))
    if node.tag not in _DEFAULT_TAGS:
        problems.append(Problem(file, line, "", "", node.tag, "YAML tags are not allowed"))
    if isinstance(node, yaml.ScalarNode):
        return Node(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_walk(item, file, problems, seen) for item in node.value], line)
    mapping: dict[str, Node] = {}
    first: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(file, key_line, "", "", "", "a key must be a plain string"))
            continue
        key = str(key_node.value)
        if key in mapping:
            problems.append(
                Problem(file, key_line, "", key, "", f"duplicate key {key!r} (first at line {first[key]})")
            )
            continue
        first[key] = key_line
        mapping[key] = _walk(value_node, file, problems, seen)
    return Node(mapping, line)
