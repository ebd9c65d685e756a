"""Session fixtures shared by every test module.

* ``mini_dir`` / ``mini_texts``: the invented ``mini`` fixture zone
  (``tests/fixtures/mini``, see its README): records and a 109-character report.
* ``corpus_dir``: the real reports in ``../shared/corpus`` (or ``$ZONEKG_CORPUS``);
  tests that need them skip when they are absent, except under CI, where that fails.
* ``kunshan_records`` / ``kunshan_dataset``: the embedded Kunshan records and
  the dataset built from them, once per session.
* ``mini_trig`` / ``mini_query_ds``: the mini zone built and analysed by ``zonekg``,
  and loaded for querying with its RDFS closure (seconds faster than Kunshan's).

Markers (see ``[tool.pytest.ini_options]`` in ``pyproject.toml``): ``browser``,
``virtuoso`` and ``corpus`` are added here to every test whose fixtures
(direct or indirect) include ``browser``, ``virtuoso`` or ``corpus_dir``;
``slow`` is written on each test, and a test that uses one of
:data:`SLOW_FIXTURES` without it is a collection error. The fast loop is
``pytest -m "not slow and not browser and not virtuoso"``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.build.dataset import read_ontology, to_dataset
from graph.curation.records import read_records
from graph.curation.validate import validate
from graph.data import default_records_dir

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Where the reports are, as the person running the tests said ($ZONEKG_CORPUS), read once before any test runs.
_CORPUS_ENV = os.environ.get("ZONEKG_CORPUS")

#: Session fixtures that take seconds (processes, the Kunshan build, analysis, page or RDFS closure):
#: every test using one, directly or through another fixture, must be marked ``slow``.
SLOW_FIXTURES = frozenset({"in_processes", "kunshan_trig", "kunshan_query_ds", "kunshan_page"})
#: Markers that follow from a fixture in a test's closure.
FIXTURE_MARKERS = {"browser": "browser", "virtuoso": "virtuoso", "corpus_dir": "corpus"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by the fixtures they use (``item.fixturenames`` is the closure); refuse unmarked slow ones."""
    unmarked = []
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in used:
                item.add_marker(marker)
        if used & SLOW_FIXTURES and item.get_closest_marker("slow") is None:
            unmarked.append(f"{item.nodeid} (uses {', '.join(sorted(used & SLOW_FIXTURES))})")
    if unmarked:
        raise pytest.UsageError("mark these tests @pytest.mark.slow, or use the mini fixtures:\n  " + "\n  ".join(unmarked))


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    return FIXTURES / "mini"


@pytest.fixture(scope="session")
def mini_texts(mini_dir: Path) -> dict[str, str]:
    root = mini_dir / "records"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))}


@pytest.fixture(scope="session")
def mini_corpus(mini_dir: Path) -> dict[str, str]:
    with (mini_dir / "corpus" / "mini.txt").open(encoding="utf-8", newline="") as fh:
        return {"mini": fh.read()}


@pytest.fixture(scope="session")
def ontology():
    return read_ontology()


@pytest.fixture(autouse=True)
def _hermetic_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the runner's $ZONEKG_CORPUS: a test that wants the reports asks for ``corpus_dir``."""
    monkeypatch.delenv("ZONEKG_CORPUS", raising=False)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = Path(_CORPUS_ENV) if _CORPUS_ENV else ROOT.parent / "shared" / "corpus"
    if not (path / "khnz-2021.txt").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the corpus is missing at {path}; CI must have ../shared/corpus")
        pytest.skip(f"the corpus is not at {path}")
    return path


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
AllowOSCalls = 0
DirsAllowed = ., {root}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledDavVSP = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A private Virtuoso Open Source server on loopback: its own database, config and free ports; stopped by its pid.

    Yields ``(sparql URL, graph store URL, user, password)``: the Graph Store
    Protocol endpoint is ``/sparql-graph-crud-auth`` with digest authentication
    as ``dba`` (a fresh database's default password). Skipped when
    ``virtuoso-t`` is missing, except under CI, where that fails.
    """
    import shutil
    import signal
    import subprocess
    import time
    import urllib.request

    exe = shutil.which("virtuoso-t")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("virtuoso-t is missing; CI installs Debian's virtuoso-opensource")
        pytest.skip("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource)")
    root = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = _free_port(), _free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = (root / "stdout.txt").open("wb")
    process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                output = (root / "stdout.txt").read_text(errors="replace")[-2000:]
                pytest.fail(f"virtuoso-t exited with {process.returncode}: {output}")
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("virtuoso-t did not answer within 120 s")
            time.sleep(0.5)
        yield f"{base}/sparql", f"{base}/sparql-graph-crud-auth", "dba", "dba"
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def kunshan_records():
    records, report = read_records(default_records_dir())
    report = report + validate(records)
    assert report.ok, report.format()
    return records


@pytest.fixture(scope="session")
def kunshan_dataset(kunshan_records, ontology):
    return to_dataset(kunshan_records, ontology=ontology)


@pytest.fixture(scope="session", autouse=True)
def query_cache(tmp_path_factory) -> Iterator[Path]:
    """Inferred closures go to a private cache directory for the whole session; ``$ZONEKG_CACHE`` is restored after."""
    path = tmp_path_factory.mktemp("zonekg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZONEKG_CACHE", str(path))
        yield path


@pytest.fixture(scope="session")
def in_processes():
    """Run ``python -m graph ARGS --out DIR`` in a fresh process per hash seed; return each run's files by name."""
    import subprocess
    import sys

    def run(args: list[str], tmp: Path, seeds: tuple[str, ...] = ("1", "2")) -> list[dict[str, bytes]]:
        outputs = []
        for seed in seeds:
            out = tmp / f"seed-{seed}"
            subprocess.run([sys.executable, "-m", "graph", *args, "--out", str(out)],
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
            outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        return outputs

    return run


@pytest.fixture(scope="session")
def kunshan_trig(tmp_path_factory) -> Path:
    """The Kunshan graph built by ``zonekg build`` into a session directory: ``…/zone.trig``."""
    import io

    from graph.cli.main import main

    out = tmp_path_factory.mktemp("kunshan-out")
    assert main(["build", "-q", "--out", str(out)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    trig = out / "zone.trig"
    assert main(["analyze", "-q", "--data", str(trig), "--out", str(out)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return trig


@pytest.fixture(scope="session")
def mini_trig(tmp_path_factory, mini_dir) -> Path:
    """The mini zone built (with its report, so the page quotes it) and analysed by ``zonekg``: ``…/zone.trig``."""
    import io

    from graph.cli.main import main

    out = tmp_path_factory.mktemp("mini-out")
    build = ["build", "-q", "--records", str(mini_dir / "records"), "--corpus", str(mini_dir / "corpus"), "--out", str(out)]
    assert main(build, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    trig = out / "zone.trig"
    assert main(["analyze", "-q", "--data", str(trig), "--out", str(out)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return trig


@pytest.fixture(scope="session")
def mini_query_ds(mini_trig):
    """The built mini zone and its analysis loaded for querying, with the default (RDFS) inferences."""
    from graph.sparql.load import load

    return load([mini_trig, mini_trig.with_name("analysis.trig")])


@pytest.fixture(scope="session")
def kunshan_query_ds(kunshan_trig):
    """The built Kunshan graph loaded for querying, with the default (RDFS) inferences."""
    from graph.sparql.load import load

    return load([kunshan_trig, kunshan_trig.with_name("analysis.trig")])


#: Debian's chromium, which the browser tests drive through Playwright (CI installs it).
CHROMIUM = Path("/usr/bin/chromium")
#: Injection attempts that must stay text wherever a page shows them.
PAYLOADS = ('<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>')


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests keep screenshots for people to look at (``test-artifacts/``, ignored by git)."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def payloads() -> tuple[str, ...]:
    return PAYLOADS


@pytest.fixture(scope="session")
def hostile_dataset(mini_dir, ontology):
    """The mini zone with every name, alias and note replaced by one of :data:`PAYLOADS`."""
    from dataclasses import replace

    records, _ = read_records(mini_dir / "records")
    entities = tuple(
        replace(e, name_zh=PAYLOADS[n % 3], name_en=PAYLOADS[(n + 1) % 3], aliases=(PAYLOADS[(n + 2) % 3],), note=PAYLOADS[n % 3])
        for n, e in enumerate(records.entities)
    )
    return to_dataset(replace(records, entities=entities), ontology=ontology)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright; tests using it skip when it is absent, except under CI."""
    if not CHROMIUM.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-default-apps"],
        )
        yield chromium
        chromium.close()


@dataclass
class BrowserLog:
    """What a page did: its requests, those blocked, console errors, page errors and dialogs."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def open_page(browser):
    """``open_page(url, allow=…)``: a context manager yielding ``(page, log)`` for ``url`` in a fresh context.

    A request loads only if ``allow(request_url)`` (default: it is ``url`` itself, fragment aside); every
    other request is aborted and logged as blocked. Dialogs are dismissed and logged.
    """

    @contextmanager
    def opened(url: str, *, allow=None, viewport=(1400, 900)):
        page_url = url.split("#", 1)[0]
        allowed = allow or (lambda request_url: request_url == page_url)
        log = BrowserLog()
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})

        def route(r):
            if allowed(r.request.url):
                r.continue_()
            else:
                log.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda r: log.requests.append(r.url))
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))
        page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(url)
            yield page, log
        finally:
            context.close()

    return opened


@pytest.fixture(scope="session")
def kunshan_texts(corpus_dir, kunshan_records) -> dict[str, str]:
    from graph.curation.text import read_corpus

    return read_corpus(corpus_dir, kunshan_records.sources)


@pytest.fixture(scope="session")
def kunshan_page(tmp_path_factory, kunshan_dataset, kunshan_texts) -> Path:
    """The Kunshan graph page built with the reports given (so it quotes them): ``…/graph.html``."""
    from graph.build.output import write_outputs
    from graph.page.build import build_page

    out = tmp_path_factory.mktemp("kunshan-page")
    write_outputs({"graph.html": build_page(kunshan_dataset, texts=kunshan_texts).html.encode("utf-8")}, out)
    return out / "graph.html"
