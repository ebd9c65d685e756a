"""The store seam."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from graph.build.store import STORES, new_dataset
from graph.errors import InputError


def test_memory_store_is_a_dataset_without_default_union():
    ds = new_dataset()
    assert isinstance(ds, Dataset) and ds.default_union is False


def test_unknown_store():
    with pytest.raises(InputError, match="unknown store 'x'"):
        new_dataset(store="x")


def test_oxigraph_store_opens_or_says_why():
    try:
        import oxrdflib  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match="not available"):
            new_dataset(store="oxigraph")
    else:
        assert isinstance(new_dataset(store="oxigraph"), Dataset)


def test_store_names():
    assert set(STORES) == {"memory", "oxigraph"}
