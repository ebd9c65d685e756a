"""Regenerate the expected results of the library queries on the Kunshan graph.

Usage: python scripts/expected_queries.py   (writes tests/fixtures/queries/NAME.json)

It builds and analyses the embedded Kunshan records in a temporary directory
first, as the tests do.

Each fixture holds the parameters the test binds and the rows the query must
return (plain values: IRIs and strings as text, numbers as numbers). Run it
after a deliberate change to the records or a query, then review the diff:
the fixtures are the reviewed answers, and tests/test_library.py checks every
query against them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.sparql.api import answer
from graph.sparql.engine import to_python
from graph.sparql.library import read_library
from graph.sparql.load import load

ROOT = Path(__file__).resolve().parents[1]
PARAMS = json.loads((ROOT / "tests" / "fixtures" / "queries" / "params.json").read_text(encoding="utf-8"))


def plain(value):
    value = to_python(value)
    return value if isinstance(value, (int, float, bool, str)) or value is None else str(value)


def main() -> int:
    import io
    import tempfile

    from graph.cli.main import main as zonekg

    out = Path(tempfile.mkdtemp(prefix="zonekg-expected-"))
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    assert zonekg(["build", "-q", "--out", str(out)], **quiet) == 0
    assert zonekg(["analyze", "-q", "--data", str(out / "zone.trig"), "--out", str(out)], **quiet) == 0
    ds = load([out / "zone.trig", out / "analysis.trig"], reason="rdfs")
    for name, entry in read_library().items():
        params = PARAMS.get(name, {})
        _, result = answer(ds, entry.text, params=params, timeout=120)
        if result.form == "SELECT":
            rows = [[plain(v) for v in row] for row in result.rows]
            data = {"params": params, "vars": result.vars, "rows": rows}
        else:
            data = {"params": params, "boolean": result.boolean}
        path = ROOT / "tests" / "fixtures" / "queries" / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(data.get('rows', []))} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
