"""A dataset → the bytes of each output file, and writing them atomically.

:func:`serialize` renders; :func:`write_outputs` is the only function that
touches the output directory. Every file is first written in full to a
temporary file beside its target, flushed to disk, and only then renamed over
the target, so a failure leaves the previous outputs byte-identical.

Examples
--------
>>> from rdflib import Dataset, URIRef, Literal
>>> ds = Dataset()
>>> _ = ds.graph(URIRef("http://x.org/g")).add((URIRef("http://x.org/a"), URIRef("http://x.org/p"), Literal("b")))
>>> files = serialize(ds)
>>> sorted(files)
['zone.jsonld', 'zone.nt', 'zone.trig', 'zone.ttl']
>>> files["zone.nt"]
b'<http://x.org/a> <http://x.org/p> "b" .\\n'
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from graph.errors import OutputError
from graph.vocab.namespaces import PREFIXES

__all__ = ["FORMATS", "serialize", "trig_bytes", "union_graph", "write_outputs"]

#: Output file name → rdflib format used to write and re-read it.
FORMATS = {"zone.ttl": "turtle", "zone.trig": "trig", "zone.jsonld": "json-ld", "zone.nt": "nt"}


def union_graph(ds: Dataset) -> Graph:
    """Return one graph holding every triple of every graph of ``ds``, with its prefixes."""
    union = Graph()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    for graph in ds.graphs():
        for triple in graph:
            union.add(triple)
    return union


class _SortedTrig(TrigSerializer):
    """rdflib's TriG writer with its graphs in IRI order (the store keeps them in a set)."""

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda g: str(g.identifier))


def trig_bytes(ds: Dataset) -> bytes:
    """``ds`` as TriG with its graphs in IRI order (deterministic)."""
    return _trig(ds)


def _trig(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    _SortedTrig(ds).serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def _canonical(value: object, *, ordered: bool = False) -> object:
    """Sort every JSON-LD array but ``@list`` ones: they are sets, in whatever order rdflib met them."""
    if isinstance(value, dict):
        return {key: _canonical(item, ordered=key == "@list") for key, item in value.items()}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return items if ordered else sorted(items, key=lambda n: json.dumps(n, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(ds: Dataset) -> bytes:
    context = {prefix: str(ns) for prefix, ns in PREFIXES}
    context.update({prefix: str(ns) for prefix, ns in ds.namespaces() if prefix == "kg"})
    text = ds.serialize(format="json-ld", context=context, auto_compact=True)
    data = _canonical(json.loads(text))
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def serialize(ds: Dataset) -> dict[str, bytes]:
    """Render ``ds`` as the four output files, byte-identical for the same dataset.

    ``zone.ttl`` and ``zone.nt`` hold the union of all graphs (knowledge and
    ontology); ``zone.trig`` and ``zone.jsonld`` keep the named graphs.
    """
    union = union_graph(ds)
    nt_lines = union.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return {
        "zone.ttl": union.serialize(format="turtle", encoding="utf-8"),
        "zone.trig": _trig(ds),
        "zone.jsonld": _jsonld(ds),
        "zone.nt": "".join(line + "\n" for line in sorted(set(nt_lines)) if line.strip()).encode("utf-8"),
    }


def write_outputs(files: Mapping[str, bytes], out_dir: Path | str) -> list[Path]:
    """Write ``files`` (name → bytes) into ``out_dir`` atomically; return the paths written.

    Every file is first written in full to a temporary sibling and flushed to
    disk; only then are the temporaries renamed over their targets. If a rename
    fails, the targets already replaced are restored from hard-linked backups
    and the new files already moved in are removed, so the directory holds
    either all the new files or all the old ones.

    Raises
    ------
    OutputError
        If a file cannot be written; temporary files are removed and the
        previous outputs are left as they were.
    """
    out = Path(out_dir)
    mode = 0o666 & ~_umask()
    temps: list[tuple[Path, Path]] = []
    backups: list[tuple[Path, Path]] = []
    replaced: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            temps.append((Path(tmp_name), out / name))
            os.chmod(tmp_name, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[name])
                fh.flush()
                os.fsync(fh.fileno())
        for _, target in temps:
            if target.exists():
                backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
                backup.unlink(missing_ok=True)
                os.link(target, backup)
                backups.append((backup, target))
        for tmp, target in temps:
            os.replace(tmp, target)
            replaced.append(target)
    except OSError as exc:
        for backup, target in backups:
            if target in replaced:
                os.replace(backup, target)
        had_backup = {target for _, target in backups}
        _remove(target for target in replaced if target not in had_backup)  # new files: none of them stays
        _remove(tmp for tmp, _ in temps)
        _remove(backup for backup, _ in backups)
        raise OutputError(f"cannot write outputs to {out}: {exc}") from exc
    _remove(backup for backup, _ in backups)
    return [target for _, target in temps]


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
