"""Measure the interactive graph page: its size, and in headless Chromium its time to interactive
and the time of a search, a filter and a reset, for the Kunshan graph and for generated zones.

Usage: python scripts/bench_page.py [--corpus ../shared/corpus] [--sizes 5000] [--runs 3]

Time to interactive is ``performance.now()`` at the network's first drawing: from the start of
navigation to a page that has parsed its data, laid out nothing (the layout is precomputed) and drawn.
Every request but the page's own is blocked, as in the tests.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graph.build.dataset import read_ontology, to_dataset
from graph.build.output import write_outputs
from graph.build.synthetic import synthetic_records
from graph.curation.records import read_records
from graph.curation.text import read_corpus
from graph.data import default_records_dir
from graph.page.build import build_page

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _page(name: str, ds, texts, out: Path) -> tuple[Path, float]:
    started = time.perf_counter()
    page = build_page(ds, texts=texts)
    elapsed = time.perf_counter() - started
    write_outputs({f"{name}.html": page.html.encode("utf-8")}, out)
    return out / f"{name}.html", elapsed


def _measure(browser, path: Path, query: str, runs: int) -> dict[str, float]:
    url = path.as_uri()
    found: dict[str, list[float]] = {"interactive": [], "search": [], "filter": [], "reset": []}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.zonekgReady !== undefined", timeout=120_000)
        found["interactive"].append(page.evaluate("window.zonekgReady") / 1000)
        for name, action in (
            ("search", lambda p: (p.fill("#search", query), p.keyboard.press("Enter"), p.locator("#panel h2").wait_for())),
            ("filter", lambda p: p.locator("#legend input[value='Company']").uncheck()),
            ("reset", lambda p: p.click("#reset")),
        ):
            started = time.perf_counter()
            action(page)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # drawn
            found[name].append(time.perf_counter() - started)
        context.close()
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    ontology = read_ontology()
    records, _ = read_records(default_records_dir())
    texts = read_corpus(args.corpus, records.sources) if args.corpus.is_dir() else None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pages = [("kunshan", *_page("kunshan", to_dataset(records, ontology=ontology), texts, out), "kunshanxiexin")]
        for size in args.sizes:
            ds = to_dataset(synthetic_records(entities=size), ontology=ontology)
            pages.append((f"synthetic-{size}", *_page(f"synthetic-{size}", ds, None, out), "hechenggaoxinqu"))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            print(f"{'page':<16} {'bytes':>11} {'build s':>8} {'interactive s':>14} "
                  f"{'search s':>9} {'filter s':>9} {'reset s':>8}")
            for name, path, build_seconds, query in pages:
                m = _measure(browser, path, query, args.runs)
                print(f"{name:<16} {path.stat().st_size:>11,} {build_seconds:>8.2f} {m['interactive']:>14.3f} "
                      f"{m['search']:>9.3f} {m['filter']:>9.3f} {m['reset']:>8.3f}")
            browser.close()


if __name__ == "__main__":
    main()
