"""The one seam between zonekg and an rdflib store.

Every stage takes or returns an :class:`rdflib.Dataset`; only this module
decides which store backs it, so a later change (Oxigraph through ``oxrdflib``
for national-scale graphs) touches nothing else.

Examples
--------
>>> type(new_dataset()).__name__
'Dataset'
>>> new_dataset(store="nosuch")
Traceback (most recent call last):
    ...
graph.errors.InputError: unknown store 'nosuch' (known: memory, oxigraph)
"""

from __future__ import annotations

from rdflib import Dataset

from graph.errors import InputError

__all__ = ["STORES", "new_dataset"]

#: The stores :func:`new_dataset` can open, by name, with the rdflib plugin behind each.
STORES = {"memory": "Memory", "oxigraph": "Oxigraph"}


def new_dataset(*, store: str = "memory") -> Dataset:
    """Return an empty dataset (named graphs, no default-graph union) on ``store``.

    ``oxigraph`` needs the optional ``oxrdflib`` package.
    """
    if store not in STORES:
        raise InputError(f"unknown store {store!r} (known: {', '.join(STORES)})")
    try:
        return Dataset(store=STORES[store], default_union=False)
    except Exception as exc:  # rdflib raises PluginException for a missing plugin
        raise InputError(f"store {store!r} is not available: {exc}") from exc
