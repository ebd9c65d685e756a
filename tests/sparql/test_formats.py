"""Rendering query results: the SPARQL 1.1 result formats parse back; the table aligns CJK text."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, URIRef

from graph.errors import InputError
from graph.sparql.engine import Result
from graph.sparql.formats import display_width, render

ROWS = Result(
    "SELECT",
    ["entity", "name", "value"],
    [
        (URIRef("https://w3id.org/zonekg/id/kunshan-hnz"), Literal("昆山高新区", lang="zh"), Literal(965)),
        (URIRef("http://other.example/x"), Literal("Ｕ谷 park"), None),
    ],
)


def test_table_aligns_double_width_characters():
    lines = render(ROWS, fmt="table").splitlines()
    assert lines[0].startswith("entity")
    bars = {display_width(line.split("|")[0]) for line in lines if "|" in line}
    assert len(bars) == 1, lines
    assert "kg:kunshan-hnz" in lines[2]
    assert "<http://other.example/x>" in lines[3] or "http://other.example/x" in lines[3]


def test_csv():
    rows = list(csv.reader(io.StringIO(render(ROWS, fmt="csv"))))
    assert rows[0] == ["entity", "name", "value"]
    assert rows[1] == ["https://w3id.org/zonekg/id/kunshan-hnz", "昆山高新区", "965"]


def test_tsv_uses_rdf_term_syntax():
    lines = render(ROWS, fmt="tsv").splitlines()
    assert lines[0] == "?entity\t?name\t?value"
    assert lines[1].split("\t")[:2] == ["<https://w3id.org/zonekg/id/kunshan-hnz>", '"昆山高新区"@zh']


def test_json():
    data = json.loads(render(ROWS, fmt="json"))
    assert data["head"]["vars"] == ["entity", "name", "value"]
    first = data["results"]["bindings"][0]
    assert first["entity"] == {"type": "uri", "value": "https://w3id.org/zonekg/id/kunshan-hnz"}
    assert first["name"]["xml:lang"] == "zh"
    assert "value" not in data["results"]["bindings"][1]


def test_xml():
    root = ET.fromstring(render(ROWS, fmt="xml"))
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["entity", "name", "value"]
    assert len(root.findall("s:results/s:result", ns)) == 2


@pytest.mark.parametrize(("fmt", "expected"), [("table", "yes"), ("json", '"boolean": true'), ("tsv", "true"), ("csv", "true")])
def test_ask(fmt, expected):
    assert expected in render(Result("ASK", boolean=True), fmt=fmt)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_graph_results_parse_back(fmt):
    triple = (URIRef("http://x.org/a"), URIRef("http://x.org/p"), Literal("高新区", lang="zh"))
    text = render(Result("CONSTRUCT", triples=[triple]), fmt=fmt)
    parsed = Graph().parse(data=text, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert set(parsed) == {triple}


def test_wrong_format_for_the_form():
    with pytest.raises(InputError, match="use --format turtle"):
        render(Result("CONSTRUCT"), fmt="csv")
    with pytest.raises(InputError, match="use --format table"):
        render(ROWS, fmt="turtle")
