"""The command line, run in-process through ``main(argv)``: exit codes, streams, nothing written on failure."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.build.output import FORMATS
from graph.cli.main import EXIT_DATA, EXIT_OK, EXIT_USAGE, main

MINI_RECORDS = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "records"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_build_writes_all_outputs_and_summary(tmp_path, mini_dir):
    code, out, err = run("build", "--records", str(mini_dir / "records"), "--corpus", str(mini_dir / "corpus"),
                         "--out", str(tmp_path))
    assert code == EXIT_OK, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*FORMATS, "graph.html"])
    assert "entities per class:" in out and "Company" in out and "triples per graph:" in out
    assert "reading records" in err and "building the RDF dataset" in err and "wrote" in err


def test_quiet_build_prints_no_progress(tmp_path, mini_dir):
    code, _, err = run("build", "-q", "--records", str(mini_dir / "records"), "--out", str(tmp_path))
    assert code == EXIT_OK and err == ""


def _broken(tmp_path, mini_dir):
    records = tmp_path / "records"
    shutil.copytree(mini_dir / "records", records)
    path = records / "entities" / "all.yaml"
    text = path.read_text(encoding="utf-8").replace("to: demo-park,", "to: nowhere,").replace("class: Company", "class: Compny")
    path.write_text(text, encoding="utf-8")
    return records


def test_bad_records_exit_1_list_every_problem_and_write_nothing(tmp_path, mini_dir):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "zone.ttl").write_bytes(b"previous build")
    code, out, err = run("build", "--records", str(_broken(tmp_path, mini_dir)), "--out", str(out_dir))
    assert code == EXIT_DATA
    assert "entities/all.yaml:17: record 'demo-bio', field 'class', value 'Compny'" in err
    assert "entities/all.yaml:23: record 'demo-bio', field 'to', value 'nowhere'" in err
    assert "2 problem(s)" in err and "nothing written" in err
    assert out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == ["zone.ttl"]
    assert (out_dir / "zone.ttl").read_bytes() == b"previous build"


def test_validate_command(tmp_path, mini_dir):
    assert run("validate", "-q", "--records", str(mini_dir / "records"))[0] == EXIT_OK
    assert run("validate", "-q", "--records", str(_broken(tmp_path, mini_dir)))[0] == EXIT_DATA


def test_corpus_from_environment(monkeypatch, mini_dir, tmp_path):
    monkeypatch.setenv("ZONEKG_CORPUS", str(tmp_path))
    code, _, err = run("validate", "-q", "--records", str(mini_dir / "records"))
    assert code == EXIT_USAGE and "mini.txt" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("build", "--records", "/no/such/dir"), "records directory not found: /no/such/dir"),
        (("build", "--records", str(MINI_RECORDS), "--corpus", "/no/such/corpus"), "corpus directory not found"),
        (("build", "--base", "not-an-iri"), "base IRI 'not-an-iri'"),
        (("locate", "x"), "locate needs the reports"),
    ],
)
def test_input_errors_exit_2(argv, message, monkeypatch):
    monkeypatch.delenv("ZONEKG_CORPUS", raising=False)
    code, _, err = run(*argv)
    assert code == EXIT_USAGE
    assert message in err


def test_unwritable_output_exit_2(tmp_path, mini_dir):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("build", "-q", "--records", str(mini_dir / "records"), "--out", str(blocker / "out"))
    assert code == EXIT_USAGE and "cannot write outputs" in err


@pytest.mark.parametrize("argv", [(), ("frobnicate",), ("build", "--no-such-option")])
def test_usage_errors_exit_2(argv):
    assert run(*argv)[0] == EXIT_USAGE


def test_help_and_version_exit_0():
    assert run("--help")[0] == EXIT_OK
    code, out, _ = run("--version")
    assert code == EXIT_OK and out.startswith("zonekg ")


def test_locate(mini_dir):
    code, out, _ = run("locate", "示例高新区", "--records", str(mini_dir / "records"), "--corpus", str(mini_dir / "corpus"))
    assert code == EXIT_OK
    assert out.splitlines()[:2] == ["mini:0-5", "mini:21-28"]
    assert run("locate", "不存在", "--records", str(mini_dir / "records"), "--corpus", str(mini_dir / "corpus"))[0] == EXIT_DATA


def test_python_dash_m_graph(tmp_path, mini_dir):
    command = [sys.executable, "-m", "graph", "validate", "--records", str(mini_dir / "records")]
    proc = subprocess.run(command, capture_output=True, text=True)
    assert proc.returncode == 0 and "records are valid and the dataset conforms" in proc.stdout


def test_console_script_is_installed():
    beside = Path(sys.executable).with_name("zonekg")
    exe = str(beside) if beside.exists() else shutil.which("zonekg")
    assert exe, "the zonekg command is not installed beside the interpreter nor on PATH"
    assert subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.startswith("zonekg ")


def test_coverage_command(tmp_path, mini_dir):
    code, out, _ = run("coverage", "--records", str(mini_dir / "records"), "--corpus", str(mini_dir / "corpus"))
    assert code == EXIT_OK and out.splitlines() == ["0 figures not accounted for", "0 names not accounted for"]
    records = tmp_path / "records"
    shutil.copytree(mini_dir / "records", records)
    (records / "observations" / "mini.yaml").unlink()
    code, out, _ = run("coverage", "--records", str(records), "--corpus", str(mini_dir / "corpus"))
    assert code == EXIT_DATA
    assert out.splitlines()[0] == "3 figures not accounted for"
    assert "  mini:103-107 8亿美元" in out


# --- zonekg query ---------------------------------------------------------------------------


ZONES = "CONSTRUCT { ?z a zk:Zone } WHERE { ?z a zk:Zone }"


def _mini_data(mini_trig) -> list[str]:
    """The built mini zone and its analysis: the inputs whose closure ``mini_query_ds`` caches."""
    return [str(mini_trig), str(mini_trig.with_name("analysis.trig"))]


def test_query_library_by_name_with_a_chinese_parameter_on_the_mini_zone(mini_trig):
    code, out, err = run("query", "companies-in-park", "--param", "park=示例科技园", "--data", *_mini_data(mini_trig))
    assert code == EXIT_OK, err
    assert "示例生物公司" in out and out.splitlines()[1].startswith("---")


@pytest.mark.slow
def test_query_library_by_name_with_a_chinese_parameter(kunshan_trig):
    code, out, err = run("query", "companies-in-park", "--param", "park=联东U谷", "--data", str(kunshan_trig))
    assert code == EXIT_OK, err
    assert "江苏液滴逻辑生物技术有限公司" in out and out.splitlines()[1].startswith("---")


def test_query_formats_on_the_mini_zone(mini_trig):
    import json

    code, out, _ = run("query", "people-and-roles", "--format", "json", "--data", *_mini_data(mini_trig))
    assert code == EXIT_OK
    [row] = json.loads(out)["results"]["bindings"]
    assert row["name"]["value"] == "张三" and row["role"]["value"] == "董事长"
    code, out, _ = run("query", ZONES, "--format", "nt", "--data", *_mini_data(mini_trig))
    assert code == EXIT_OK and "<https://w3id.org/zonekg/id/demo-zone>" in out


@pytest.mark.slow
def test_query_formats(kunshan_trig):
    import json

    code, out, _ = run("query", "people-and-roles", "--format", "json", "--data", str(kunshan_trig))
    assert code == EXIT_OK
    assert len(json.loads(out)["results"]["bindings"]) >= 10
    code, out, _ = run("query", ZONES, "--format", "nt", "--data", str(kunshan_trig))
    assert code == EXIT_OK and "<https://w3id.org/zonekg/id/kunshan-hnz>" in out


def test_query_file_and_list(tmp_path, mini_trig):
    rq = tmp_path / "zones.rq"
    rq.write_text("SELECT ?z WHERE { ?z a zk:Zone } ORDER BY ?z", encoding="utf-8")
    code, out, _ = run("query", str(rq), "--format", "csv", "--data", *_mini_data(mini_trig))
    assert code == EXIT_OK and out.splitlines() == ["z", "https://w3id.org/zonekg/id/demo-zone"]
    code, out, _ = run("query", "--list")
    assert code == EXIT_OK and "companies-in-park" in out and "某园区内有哪些企业？" in out


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE <http://127.0.0.1:9/> is refused"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd> is refused"),
        ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update is refused"),
        ("SELECT * WHERE {\n  ?s ?p\n}", "SPARQL syntax error at line"),
    ],
)
def test_query_refusals_exit_2(query, message, mini_trig):
    code, out, err = run("query", query, "--data", str(mini_trig), "--reason", "none")
    assert code == EXIT_USAGE and message in err and out == ""


def test_query_timeout_exit_2(tmp_path):
    chain = tmp_path / "chain.nt"
    chain.write_text("".join(f"<http://x.org/c{i}> <http://x.org/p> <http://x.org/c{i + 1}> .\n" for i in range(400)),
                     encoding="utf-8")
    import time as _time

    started = _time.monotonic()
    code, _, err = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x.org/p>|^<http://x.org/p>)* ?b }",
                       "--data", str(chain), "--reason", "none", "--timeout", "0.5")
    assert code == EXIT_USAGE and "time limit of 0.5 s" in err
    assert _time.monotonic() - started < 0.5 + 1 + 1.5  # the limit, one second, and loading the chain


def test_update_needs_the_flag_and_a_writable_file(tmp_path):
    data = tmp_path / "d.ttl"
    data.write_text("<http://x.org/a> <http://x.org/p> 1 .\n", encoding="utf-8")
    update = "INSERT DATA { <http://x.org/b> <http://x.org/p> 2 }"
    assert run("query", update, "--data", str(data), "--reason", "none")[0] == EXIT_USAGE
    code, _, err = run("query", update, "--data", str(data), "--update")
    assert code == EXIT_OK, err
    from rdflib import Graph, Literal, URIRef

    assert (URIRef("http://x.org/b"), URIRef("http://x.org/p"), Literal(2)) in Graph().parse(data)
    assert run("query", update, "--data", str(tmp_path / "missing" / "d.ttl"), "--update")[0] == EXIT_USAGE
    assert run("query", "ASK { ?s ?p ?o }", "--update")[0] == EXIT_USAGE


def test_bad_param_syntax():
    code, _, err = run("query", "tensions", "--param", "novalue")
    assert code == EXIT_USAGE and "NAME=VALUE" in err


def test_view_opens_the_built_page_in_a_browser(mini_trig, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda uri: opened.append(uri) or True)
    page = mini_trig.with_name("graph.html")
    code, out, _ = run("view", str(page))
    assert code == EXIT_OK and opened == [page.resolve().as_uri()] and out.strip() == opened[0]


def test_view_without_a_page_or_a_browser_says_so(tmp_path, mini_trig, monkeypatch):
    import webbrowser

    code, _, err = run("view", str(tmp_path / "graph.html"))
    assert code == EXIT_USAGE and "zonekg build" in err
    monkeypatch.setattr(webbrowser, "open", lambda uri: False)
    code, out, err = run("view", str(mini_trig.with_name("graph.html")))
    assert code == EXIT_USAGE and "no browser" in err and out.strip().startswith("file://")


def test_build_options_shape_the_page(tmp_path, mini_dir):
    code, _, _ = run("build", "-q", "--records", str(mini_dir / "records"), "--out", str(tmp_path),
                     "--title", "<b>示例</b>", "--size-by", "betweenness")
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert code == EXIT_OK and "<title>&lt;b&gt;示例&lt;/b&gt;</title>" in html and '"sizeBy":"betweenness"' in html
    records = str(mini_dir / "records")
    assert run("build", "-q", "--records", records, "--out", str(tmp_path), "--size-by", "height")[0] == EXIT_USAGE
