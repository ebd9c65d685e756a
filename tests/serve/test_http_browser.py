"""``zonekg serve`` in real headless Chromium: the graph page at ``/`` and the query page at ``/query``
load nothing from anywhere but the server, log no error, and the query page answers a library question."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest

from graph.serve.http import ServeOptions, make_server

#: Every test here starts pages in Chromium (seconds each), most on the Kunshan page.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(kunshan_query_ds, kunshan_page):
    server = make_server(kunshan_query_ds, ServeOptions(port=0, workers=2, timeout=60, graph_page=kunshan_page))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _same_origin(url: str):
    origin = urlsplit(url)[:2]
    return lambda request_url: urlsplit(request_url)[:2] == origin


def test_the_graph_page_is_served_and_works(open_page, served):
    with open_page(f"{served}/", allow=_same_origin(served)) as (page, log):
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=60_000)
        page.fill("#search", "xiexin")
        page.keyboard.press("Enter")
        assert page.locator("#panel h2").text_content() == "昆山协鑫光电材料有限公司"
    assert log.requests == [f"{served}/"] and log.blocked == [] and log.console_errors == log.page_errors == []


def test_the_query_page_answers_a_library_question(open_page, served):
    with open_page(f"{served}/query", allow=_same_origin(served)) as (page, log):
        page.locator("#questions button", has_text="(companies-in-park)").click()
        assert "companies-in-park" in page.locator("#params").text_content()
        page.click("#run")
        # The page's CSP forbids eval, so no wait_for_function.
        page.locator("#status", has_text="row(s) in").wait_for(timeout=60_000)
        rows = page.locator("#out table tr").count()
    assert rows > 2
    assert log.blocked == [] and log.console_errors == log.page_errors == []
    assert {urlsplit(u).path for u in log.requests} == {"/query", "/sparql"}
