"""The package's import graph: no cycles, and no import from a later pipeline stage into an earlier one.

Every ``import`` and ``from … import`` of a ``graph`` module is read with
:mod:`ast` — at module level, inside functions, and under ``TYPE_CHECKING``
alike — so a lazy import cannot hide a dependency. The stages, in order:

====  ==============================================================
rank  modules
====  ==============================================================
0     ``graph.errors``, ``graph.data`` (used by every stage)
1     ``graph.vocab``
2     ``graph.curation``
3     ``graph.build``
4     ``graph.sparql``
5     ``graph.network``
6     ``graph.page``
7     ``graph.serve``
8     ``graph.cli`` (and ``graph.__main__``): nothing else imports it
====  ==============================================================

``graph/__init__.py`` imports nothing at import time (its public names are
looked up lazily by name), so it is left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "graph"

RANKS = {
    "errors": 0, "data": 0, "vocab": 1, "curation": 2, "build": 3, "sparql": 4,
    "network": 5, "page": 6, "serve": 7, "cli": 8, "__main__": 8,
}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """The ``graph`` modules ``module`` names in its imports (``from x import y`` counts ``x.y`` when that is a module)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target
            for alias in node.names:
                yield f"{target}.{alias.name}"


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package at ``root`` → the package's modules it imports."""
    files = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = _imports(tree, module, path.name == "__init__.py")
        graph[module] = {n for n in names if n in files and n != module}
    return graph


def rank(module: str) -> int | None:
    """The stage rank of ``graph.<part>…``; ``None`` for the package root."""
    parts = module.split(".")
    return RANKS[parts[1]] if len(parts) > 1 else None


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Every import from an earlier stage into a later one, and of ``graph.cli`` from outside it."""
    found = []
    for module, targets in sorted(graph.items()):
        here = rank(module)
        if here is None:
            continue
        for target in sorted(targets):
            there = rank(target)
            if there is None:
                found.append(f"{module} imports the package root {target}")
            elif there > here:
                found.append(f"{module} (stage {here}) imports {target} (stage {there})")
            elif target.startswith("graph.cli") and not module.startswith(("graph.cli", "graph.__main__")):
                found.append(f"{module} imports the command line {target}")
    return found


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (one per strongly connected group), by Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_belongs_to_a_stage():
    graph = import_graph(PACKAGE)
    assert len(graph) > 40
    unknown = sorted(m for m in graph if m != "graph" and m.split(".")[1] not in RANKS)
    assert not unknown, f"modules outside every stage: {unknown}; add their subpackage to RANKS and the docs"


def test_no_module_imports_a_later_stage_or_the_command_line():
    assert upward_imports(import_graph(PACKAGE)) == []


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph(PACKAGE)) == []


def test_the_readers_see_lazy_and_relative_imports_and_catch_both_faults(tmp_path):
    """The checks themselves: an upward import inside a function, a relative import, a cycle."""
    root = tmp_path / "graph"
    for folder in ("curation", "build", "cli"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "curation" / "records.py").write_text("def f():\n    from graph.build.dataset import g\n")
    (root / "build" / "dataset.py").write_text("from ..curation import records\nfrom . import output\n")
    (root / "build" / "output.py").write_text("import graph.build.dataset\nfrom graph.cli import main\n")
    (root / "cli" / "main.py").write_text("")
    graph = import_graph(root)
    assert graph["graph.build.dataset"] == {"graph.curation", "graph.curation.records", "graph.build", "graph.build.output"}
    assert upward_imports(graph) == [
        "graph.build.output (stage 3) imports graph.cli (stage 8)",
        "graph.build.output (stage 3) imports graph.cli.main (stage 8)",
        "graph.curation.records (stage 2) imports graph.build.dataset (stage 3)",
    ]
    assert cycles(graph) == [["graph.build.dataset", "graph.build.output", "graph.curation.records"]]


@pytest.mark.parametrize("module", ["graph.build.contents", "graph.network.projection", "graph.page.details"])
def test_the_dataset_is_read_in_one_place(module):
    """The projection and the side panel read the dataset through graph.build.contents, not on their own."""
    graph = import_graph(PACKAGE)
    path = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    text = path.read_text(encoding="utf-8")
    if module == "graph.build.contents":
        assert ".subject_objects(" in text or "for s, p, o in graph" in text
        return
    assert "graph.build.contents" in graph[module]
    for walker in (".objects(", ".subjects(", ".subject_objects(", ".triples(", ".value("):
        assert walker not in text, f"{module} walks the RDF itself ({walker})"
