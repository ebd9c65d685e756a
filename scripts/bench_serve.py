"""Measure ``zonekg serve``: a library query's latency over HTTP, alone and beside pathological queries.

Usage: python scripts/bench_serve.py [--runs 30] [--workers 8] [--timeout 10] [--data FILE…]

Builds and analyses the embedded Kunshan records in a temporary directory
(unless ``--data`` is given), loads them with the RDFS closure, starts the
server on a free loopback port in this process and prints:

* the median and 90th-percentile latency of library queries over HTTP
  (SPARQL JSON results), one client at a time;
* the same under the concurrency test's load: 8 clients, two of them sending
  a cross join that runs into the time limit, the others library queries and
  a trivial ASK — with the status codes seen and how long the cross joins
  took to be refused (the time limit, plus killing and replacing a worker).

``tests/serve/test_http.py::test_eight_clients_mixing_normal_and_pathological_queries``
asserts only what must hold under any load (every answer right, every cross
join refused); the latencies are this script's to report.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from graph.serve.http import ServeOptions, make_server
from graph.sparql.library import read_library
from graph.sparql.load import load

QUERIES = ("people-and-roles", "designation-holders", "government-bodies", "talent-programme-counts", "parks",
           "companies-by-industry")
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { kg:kunshan-hnz a zk:Zone }"


def ask(url: str, text: str) -> tuple[int, float]:
    started = time.perf_counter()
    data = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            json.loads(response.read())
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - started


def summary(name: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    return (f"{name:34s} n={len(times):3d}  median {1000 * statistics.median(times):7.1f} ms  "
            f"p90 {1000 * p90:7.1f} ms  max {1000 * times[-1]:7.1f} ms")


def data_files(given: list[Path] | None) -> list[Path]:
    if given:
        return given
    from graph.cli.main import main

    out = Path(tempfile.mkdtemp(prefix="zonekg-bench-"))
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    assert main(["build", "-q", "--out", str(out)], **quiet) == 0
    assert main(["analyze", "-q", "--data", str(out / "zone.trig"), "--out", str(out)], **quiet) == 0
    return [out / "zone.trig", out / "analysis.trig"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--workers", type=int, default=8, help="the server's pool (default: 8, as in the test)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's time limit (default: 10, as in the test)")
    parser.add_argument("--data", nargs="+", type=Path, default=None)
    args = parser.parse_args()
    library = read_library()
    ds = load(data_files(args.data))
    print(f"{len(ds)} triples loaded; {args.workers} workers", file=sys.stderr)

    server = make_server(ds, ServeOptions(port=0, workers=args.workers, timeout=args.timeout))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        for name in QUERIES:  # warm every worker
            ask(url, library[name].text)
        alone: list[float] = []
        per_query: dict[str, list[float]] = {name: [] for name in QUERIES}
        for i in range(args.runs):
            name = QUERIES[i % len(QUERIES)]
            status, seconds = ask(url, library[name].text)
            assert status == 200, (name, status)
            alone.append(seconds)
            per_query[name].append(seconds)
        asks = [ask(url, ASK)[1] for _ in range(args.runs)]
        print("one client at a time:")
        print(summary("library queries over HTTP", alone))
        for name, times in per_query.items():
            print(summary(f"  {name}", times))
        print(summary("trivial ASK", asks))

        statuses: dict[str, list[int]] = {"bad": [], "library": [], "ask": []}
        loaded: dict[str, list[float]] = {"bad": [], "library": [], "ask": []}
        lock = threading.Lock()

        def client(kind: str, i: int) -> None:
            for round_ in range(4 if kind != "bad" else 2):
                name = QUERIES[(i + round_) % len(QUERIES)]
                text = CROSS_JOIN if kind == "bad" else ASK if kind == "ask" else library[name].text
                status, seconds = ask(url, text)
                with lock:
                    statuses[kind].append(status)
                    loaded[kind].append(seconds)

        started = time.perf_counter()
        kinds = ["bad", "bad", "library", "library", "library", "library", "ask", "ask"]
        with ThreadPoolExecutor(8) as pool:
            for future in [pool.submit(client, kind, i) for i, kind in enumerate(kinds)]:
                future.result()
        wall = time.perf_counter() - started
        print(f"8 clients (2 sending a cross join, timeout {args.timeout:g} s), {wall:.1f} s wall:")
        for kind, codes in statuses.items():
            print(f"  {kind:8s} statuses {sorted(set(codes))} × {len(codes)}")
        print(summary("library queries under load", loaded["library"]))
        print(summary("trivial ASK under load", loaded["ask"]))
        print(summary("cross join, until refused", loaded["bad"]))
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
