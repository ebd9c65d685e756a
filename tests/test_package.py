"""Packaging: the wheel carries the ontology, the records and the queries; heavy imports stay lazy."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)], cwd=ROOT, check=True, capture_output=True)
    [path] = out.glob("zonekg-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_ships_the_ontology(wheel):
    assert wheel.read("graph/data/ontology.ttl") == (ROOT / "ontology.ttl").read_bytes()


def test_wheel_ships_records_queries_and_types(wheel):
    names = set(wheel.namelist())
    assert "graph/py.typed" in names
    assert "graph/data/records/sources.yaml" in names
    assert any(n.startswith("graph/data/records/entities/") for n in names)
    assert any(n.startswith("graph/data/queries/") and n.endswith(".rq") for n in names)
    assert not any("__pycache__" in n for n in names)


def test_wheel_declares_the_command(wheel):
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "zonekg = graph.cli:main" in wheel.read(entry).decode()


def test_heavy_libraries_are_not_imported_by_the_cli():
    code = (
        "import sys, graph, graph.cli.main, graph.build.dataset, graph.curation.records, graph.curation.validate\n"
        "print(sorted(m for m in ('pyvis', 'matplotlib', 'pyshacl', 'networkx', 'owlrl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_importing_graph_is_cheap():
    code = "import sys, graph\nprint('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_every_module_declares_its_public_surface():
    import importlib
    import pkgutil

    import graph

    names = [info.name for info in pkgutil.walk_packages(graph.__path__, "graph.")]
    assert len(names) > 30
    for name in names:
        module = importlib.import_module(name)
        assert hasattr(module, "__all__"), name
        for attr in module.__all__:
            assert hasattr(module, attr), f"{name}.{attr}"
