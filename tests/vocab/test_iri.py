"""IRI minting: one canonical, injective, readable form."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef

from graph.errors import InputError
from graph.vocab.iri import check_base, encode_id, mint

BASE = "https://example.org/kg/"
IRI_SAFE = re.compile(r"[A-Za-z0-9\-._~%/:]+")


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        ("kunshan-hnz", "kunshan-hnz"),
        ("a b", "a%20b"),
        ("a/b", "a%2Fb"),
        ("100%", "100%25"),
        ("x#y", "x%23y"),
        ("昆山", "%E6%98%86%E5%B1%B1"),
        ("🚀", "%F0%9F%9A%80"),
        ("a?b&c=d", "a%3Fb%26c%3Dd"),
    ],
)
def test_encoding(raw, encoded):
    assert encode_id(raw) == encoded
    iri = mint(BASE, raw)
    assert iri == URIRef(BASE + encoded)
    assert IRI_SAFE.fullmatch(str(iri))


def test_nfc_normalisation_gives_one_form():
    composed, decomposed = "\u00e9", "e\u0301"
    assert mint(BASE, composed) == mint(BASE, decomposed)


def test_injective_over_tricky_ids():
    ids = ["a b", "a%20b", "a/b", "a%2Fb", "a", "A", "%", "%25", "昆山", "%E6%98%86%E5%B1%B1", "x#", "x%23"]
    assert len({mint(BASE, i) for i in ids}) == len(ids)


def test_parts_and_kinds_cannot_collide():
    assert mint(BASE, "a/b") != mint(BASE, "a", "b")
    assert mint(BASE, "b", kind="report") != mint(BASE, "report/b")
    assert str(mint(BASE, "x", "y", kind="post")) == BASE + "post/x/y"


def test_deterministic():
    assert mint(BASE, "昆山 高新区") == mint(BASE, "昆山 高新区")


def test_empty_id_is_an_error():
    with pytest.raises(ValueError):
        encode_id("")


@pytest.mark.parametrize("bad", ["example.org/", "ftp://x.org/", "https://x.org/a b/", "https://x.org/kg", "https://例子.org/"])
def test_bad_base(bad):
    with pytest.raises(InputError):
        check_base(bad)
