"""Packaging: the wheel carries the ontology, the records, the queries and the page's templates, installs and runs
on its own; heavy imports stay lazy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "graph"


@pytest.fixture(scope="module")
def wheel_path(tmp_path_factory) -> Path:
    """The wheel, built by hatchling in this environment (no build isolation, so nothing is downloaded)."""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    [path] = out.glob("zonekg-*.whl")
    return path


@pytest.fixture(scope="module")
def wheel(wheel_path) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(wheel_path) as archive:
        yield archive


def _shipped(*parts: str, pattern: str = "*") -> set[str]:
    """The files under ``graph/PARTS`` matching ``pattern``, as wheel member names."""
    base = PACKAGE.joinpath(*parts)
    return {p.relative_to(ROOT).as_posix() for p in base.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_ships_the_ontology(wheel):
    assert wheel.read("graph/data/ontology.ttl") == (ROOT / "ontology.ttl").read_bytes()


def test_wheel_ships_records_queries_shapes_templates_and_types(wheel):
    names = set(wheel.namelist())
    records, queries = _shipped("data", "records"), _shipped("data", "queries", pattern="*.rq")
    assert "graph/data/records/sources.yaml" in records and any(n.startswith("graph/data/records/entities/") for n in records)
    assert len(queries) >= 25
    assert records <= names and queries <= names
    assert {"graph/data/ontology.ttl", "graph/data/shapes.ttl", "graph/py.typed"} <= names
    templates = {f"graph/page/templates/{name}" for name in ("graph.html.j2", "graph.js", "graph.css")}
    assert templates <= names
    for name in (*templates, "graph/data/shapes.ttl"):
        assert wheel.read(name) == (ROOT / name).read_bytes(), name
    assert not any("__pycache__" in n for n in names)


def test_wheel_declares_the_command(wheel):
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "zonekg = graph.cli:main" in wheel.read(entry).decode()


def _run(command: list[str | Path], *, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_the_wheel_installs_and_runs_in_a_fresh_venv(wheel_path, tmp_path):
    """Installed from the wheel alone (no index, no network), run from elsewhere: ``zonekg`` builds and lists its queries.

    The venv has no pip of its own; this interpreter's pip installs into it (``--python``). Its dependencies are
    this environment's, made visible by a ``.pth`` line naming our site-packages: a path line does not run the
    ``.pth`` files in that directory, so the repository's editable install stays out of sight (checked below).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    install = _run([sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check", "install",
                    "--no-deps", "--no-index", "--no-cache-dir", wheel_path], cwd=tmp_path, env=env)
    assert install.returncode == 0, install.stdout + install.stderr
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    theirs = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path, env=env)
    Path(theirs.stdout.strip(), "zonekg-test-dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([python, "-c", "import graph, json, sys; print(json.dumps([graph.__file__, sys.path]))"], cwd=elsewhere, env=env)
    assert where.returncode == 0, where.stderr
    module, path = json.loads(where.stdout)
    assert Path(module).resolve().is_relative_to(venv.resolve()), module
    assert ROOT not in {Path(p).resolve() for p in path if p}, path  # the editable install's .pth was not run

    zonekg = venv / "bin" / "zonekg"
    out = elsewhere / "OUT"
    built = _run([zonekg, "build", "--out", out, "-q"], cwd=elsewhere, env=env)
    assert built.returncode == 0, built.stderr
    assert {"zone.ttl", "zone.trig", "zone.jsonld", "zone.nt", "graph.html"} <= {p.name for p in out.iterdir()}
    listed = _run([zonekg, "query", "--list"], cwd=elsewhere, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "companies-in-park" in listed.stdout and "某园区内有哪些企业？" in listed.stdout


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
