"""Safe SPARQL: refused features, syntax errors with their position, the time limit, and no I/O."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time

import pytest
from rdflib import Dataset, Literal, URIRef

from graph.errors import QueryError, QueryTimeout
from graph.sparql.engine import prepare, run, to_python


@pytest.fixture(scope="module")
def small():
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("http://x.org/g"))
    for i in range(5):
        g.add((URIRef(f"http://x.org/n{i}"), URIRef("http://x.org/p"), URIRef(f"http://x.org/n{i + 1}")))
    g.add((URIRef("http://x.org/n0"), URIRef("http://x.org/name"), Literal("零")))
    return ds


@pytest.mark.parametrize(
    ("text", "form"),
    [("SELECT * WHERE { ?s ?p ?o }", "SELECT"), ("ASK { ?s ?p ?o }", "ASK"),
     ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <http://x.org/n0>", "DESCRIBE")],
)
def test_forms(text, form):
    assert prepare(text).form == form


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE <http://example.org/sparql> is refused"),
        ("SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://e.org/> { ?s ?p ?o } } }",
         "SERVICE <http://e.org/> is refused"),
        ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://example.org/data.ttl> is refused"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
         "FROM NAMED <file:///etc/passwd> is refused"),
        ("ASK FROM <file:///etc/hosts> { ?s ?p ?o }", "FROM <file:///etc/hosts> is refused"),
        ("LOAD <http://example.org/data.ttl>", "SPARQL Update is refused"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "SPARQL Update is refused"),
        ("DROP ALL", "SPARQL Update is refused"),
    ],
)
def test_refused(text, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        prepare(text)


def test_load_is_refused_even_when_updates_are_allowed():
    with pytest.raises(QueryError, match=re.escape("LOAD <http://example.org/x> is refused")):
        prepare("LOAD <http://example.org/x>", allow_update=True)
    assert prepare("INSERT DATA { <http://a> <http://b> <http://c> }", allow_update=True).form == "UPDATE"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("SELECT * WHERE {\n  ?s ?p\n}", 1, 1), ("SELECT ?x WHERE { ?x ?p ?o ", 1, 1), ("SELEC * WHERE { ?s ?p ?o }", 1, 1)],
)
def test_syntax_errors_name_line_and_column(text, line, column):
    with pytest.raises(QueryError) as info:
        prepare(text)
    message = str(info.value)
    assert message.startswith("SPARQL syntax error at line ")
    assert ", column " in message


def test_syntax_error_position_is_where_the_parser_stopped():
    with pytest.raises(QueryError, match="line 3, column"):
        prepare("PREFIX x: <http://x.org/>\nSELECT *\nWHERE { ?s ?p ?o . FILTER( }")


def test_bindings_go_in_through_init_bindings(small):
    prepared = prepare("SELECT ?o WHERE { ?s <http://x.org/p> ?o }")
    result = run(small, prepared, bindings={"s": URIRef("http://x.org/n2")})
    assert result.rows == [(URIRef("http://x.org/n3"),)]


def test_a_binding_cannot_inject_syntax(small):
    prepared = prepare("SELECT ?s WHERE { ?s <http://x.org/name> ?name }")
    evil = Literal('零" } ; DROP ALL ; SELECT * WHERE { "')
    assert run(small, prepared, bindings={"name": evil}).rows == []
    assert run(small, prepared, bindings={"name": Literal("零")}).rows == [(URIRef("http://x.org/n0"),)]


def test_results_to_python():
    assert to_python(Literal("2021", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))) == 2021
    assert to_python(None) is None
    assert to_python(Literal("昆山", lang="zh")) == "昆山"


def _chain(n: int) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("http://x.org/chain"))
    p = URIRef("http://x.org/p")
    for i in range(n):
        g.add((URIRef(f"http://x.org/c{i}"), p, URIRef(f"http://x.org/c{i + 1}")))
    return ds


def test_pathological_query_stops_at_the_time_limit():
    ds = _chain(400)  # about 8 s unbounded; deep enough, shallow enough for rdflib's recursion
    prepared = prepare("SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x.org/p>|^<http://x.org/p>)* ?b }")
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.5 s"):
        run(ds, prepared, timeout=0.5)
    assert time.monotonic() - started < 0.5 + 1.5  # the limit, and killing the worker on a busy machine


def test_refused_queries_open_no_file_and_no_socket(tmp_path):
    """A Python audit hook watches every file open and socket call while refused queries are answered."""
    script = textwrap.dedent(
        """
        import sys
        from rdflib import Dataset
        from graph.errors import QueryError
        from graph.sparql.api import answer
        ds = Dataset(default_union=True)
        answer(ds, "ASK { ?s ?p ?o }")          # warm every import first
        events = []
        def hook(event, args):
            if event == "open" or event.startswith("socket.") or event.startswith("urllib"):
                events.append((event, str(args)[:120]))
        sys.addaudithook(hook)
        refused = 0
        for text in [
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
            "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
            "LOAD <file:///etc/passwd>",
            "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://x.org/g>",
        ]:
            try:
                answer(ds, text)
            except QueryError:
                refused += 1
        print(refused, len(events), events[:3])
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["5", "0"], out


def test_stated_classes_of_the_query_variables():
    from graph.sparql.engine import stated_classes
    from graph.vocab.namespaces import ZK

    prepared = prepare(
        "SELECT ?c WHERE { ?i a zk:Industry . { ?c zk:inIndustry ?i ; a zk:Company , zk:Organization } UNION { ?c a zk:Park } }"
    )
    assert stated_classes(prepared) == {"c": frozenset({ZK.Company, ZK.Organization, ZK.Park}), "i": frozenset({ZK.Industry})}
    assert stated_classes(prepare("SELECT * WHERE { ?s ?p ?o }")) == {}
