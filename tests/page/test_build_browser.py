"""The graph page in real headless Chromium (Debian's, driven by Playwright).

Every request other than the page itself is blocked and recorded; console
errors, page errors and dialogs are recorded too. The Kunshan page is built
with the reports given, so its side panel quotes them; a hostile page puts
injection attempts in every label; a generated zone of 5,000 entities checks
that a large page stays usable. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager

import pytest

from graph.build.dataset import to_dataset
from graph.build.synthetic import synthetic_records
from graph.network.projection import to_networkx
from graph.page.build import build_page

#: Every test here starts pages in Chromium (seconds each), most on the Kunshan page.
pytestmark = pytest.mark.slow


@pytest.fixture
def opened(open_page):
    """Open a graph page (only it may load) and wait until the network is drawn."""

    @contextmanager
    def opening(url: str, *, viewport=(1400, 900), fragment: str = ""):
        with open_page(url + fragment, viewport=viewport) as (page, log):
            page.wait_for_function("document.body.dataset.ready === 'true'", timeout=60_000)
            yield page, log

    return opening


#: The page's data, as a script on the page reads it.
DATA = "JSON.parse(document.getElementById('zonekg-data').textContent)"


def visible(page) -> dict:
    return page.evaluate("window.zonekg.visible()")


def index_of(page, suffix: str) -> int:
    return page.evaluate(f"(s) => {DATA}.nodes.findIndex(n => n.iri.endsWith(s))", suffix)


@pytest.fixture(scope="module")
def kunshan_url(kunshan_page) -> str:
    return kunshan_page.as_uri()


@pytest.fixture(scope="module")
def kunshan_graph(kunshan_dataset):
    return to_networkx(kunshan_dataset)


def test_page_requests_nothing_and_logs_no_error(opened, kunshan_url):
    with opened(kunshan_url) as (page, log):
        page.fill("#search", "xiexin")
        page.keyboard.press("Enter")
        page.click("#lang")
        page.click("#reset")
    assert log.requests == [kunshan_url] and log.blocked == []
    assert log.console_errors == [] and log.page_errors == [] and log.dialogs == []


def test_served_page_requests_nothing_else(opened, kunshan_page):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(kunshan_page.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/graph.html"
    try:
        with opened(url) as (page, log):
            assert page.evaluate("window.zonekg.nodes.length") > 0
    finally:
        server.shutdown()
        server.server_close()
    assert log.requests == [url] and log.blocked == [] and log.console_errors == [] and log.page_errors == []


def test_network_holds_exactly_the_graph(opened, kunshan_url, kunshan_graph):
    with opened(kunshan_url) as (page, _):
        drawn = page.evaluate("""() => {
            const data = JSON.parse(document.getElementById('zonekg-data').textContent);
            const iri = (i) => data.nodes[i].iri;
            return {
                nodes: window.zonekg.nodes.get().map(n => [iri(n.id), n.label]),
                edges: window.zonekg.edges.get().map(e => [iri(e.from), iri(e.to), data.edges[e.id].rel]),
                onCanvas: Object.keys(window.zonekg.network.body.nodes).length,
            };
        }""")
    g = kunshan_graph
    assert sorted(map(tuple, drawn["nodes"])) == sorted((n, d["name_zh"]) for n, d in g.nodes(data=True))
    assert sorted(map(tuple, drawn["edges"])) == sorted(g.edges(keys=True))
    assert drawn["onCanvas"] == g.number_of_nodes()


@pytest.mark.parametrize("query", ["昆山协鑫光电材料有限公司", "协鑫光电", "kunshan gcl optoelectronic", "kunshanxiexin",
                                   "ksxxgd"])
def test_search_focuses_and_highlights_by_any_name(opened, kunshan_url, query):
    with opened(kunshan_url) as (page, _):
        page.fill("#search", query)
        assert page.locator("#results li").first.get_attribute("data-node") == str(index_of(page, "/gcl-optoelectronics"))
        page.keyboard.press("Enter")
        selected = page.evaluate("window.zonekg.network.getSelectedNodes()")
        border = page.evaluate("(i) => window.zonekg.nodes.get(i).borderWidth", selected[0])
        heading = page.locator("#panel h2").text_content()
        gcl = index_of(page, "/gcl-optoelectronics")
        page.click("#close")
        x, y, width, height, drawn = page.evaluate("""(i) => {  // at once, before vis-network's own size check
            window.zonekg.focusNode(i);
            const net = window.zonekg.network, box = document.getElementById('network').getBoundingClientRect();
            const p = net.canvasToDOM(net.getPosition(i)), canvas = document.querySelector('#network canvas');
            return [p.x, p.y, box.width, box.height, canvas.width / window.devicePixelRatio];
        }""", gcl)
    assert selected == [gcl] and border == 5
    assert abs(drawn - width) < 2, "the canvas follows the width the panel leaves"
    assert abs(x - width / 2) < 2 and abs(y - height / 2) < 2, "the match is centred in it"
    assert heading == "昆山协鑫光电材料有限公司"


def test_filters_change_what_is_visible(opened, kunshan_url, kunshan_graph):
    g = kunshan_graph
    companies = sum(1 for _, d in g.nodes(data=True) if d["cls"] == "Company")
    in_2021 = sum(1 for _, d in g.nodes(data=True) if "2021" in d["years"])
    in_both = sum(1 for _, d in g.nodes(data=True) if {"2021", "2023"} <= set(d["years"]))
    located = sum(1 for *_, k in g.edges(keys=True) if k == "locatedIn")
    with opened(kunshan_url) as (page, _):
        total = visible(page)
        assert total == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        page.locator("#legend input[value='Company']").uncheck()
        assert visible(page)["nodes"] == total["nodes"] - companies
        page.click("#reset")
        page.check("#year-2021")
        assert visible(page)["nodes"] == in_2021
        page.check("#year-both")
        assert visible(page)["nodes"] == in_both
        page.check("#year-all")
        page.select_option("#community", "1")
        size = page.evaluate(f"{DATA}.communities.find(c => c.number === 1).size")
        assert visible(page)["nodes"] == size < total["nodes"]
        page.click("#reset")
        page.locator("#relations input[value='locatedIn']").uncheck()
        assert visible(page) == {"nodes": total["nodes"], "edges": total["edges"] - located}
        page.click("#reset")
        assert visible(page) == total
        nodes, edges = total["nodes"], total["edges"]
        assert page.locator("#stats").text_content() == f"显示 {nodes} / {nodes} 个实体，{edges} / {edges} 条关系"


def test_clicking_a_node_shows_its_facts_and_sources(opened, kunshan_url, kunshan_texts, artifacts):
    with opened(kunshan_url) as (page, log):
        gcl = index_of(page, "/gcl-optoelectronics")
        page.evaluate("(i) => window.zonekg.network.focus(i, {scale: 1.5, animation: false})", gcl)
        x, y = page.evaluate("""(i) => {
            const net = window.zonekg.network, box = document.getElementById('network').getBoundingClientRect();
            const p = net.canvasToDOM(net.getPosition(i));
            return [box.left + p.x, box.top + p.y];
        }""", gcl)
        page.mouse.click(x, y)  # a real click on the drawn node
        panel = page.locator("#panel")
        assert panel.is_visible() and page.locator("#panel h2").text_content() == "昆山协鑫光电材料有限公司"
        fact = panel.locator("li", has_text="昆山高新区").filter(has=page.locator("[data-span='khnz-2023:3054-3083']"))
        assert fact.count() == 1
        source = fact.locator("[data-span='khnz-2023:3054-3083']")
        assert source.locator(".where").text_content() == "khnz-2023 (2023) 3054–3083"
        assert source.locator("mark").text_content() == kunshan_texts["khnz-2023"][3054:3083].replace("\n", "")
        patents = panel.locator("tr[data-figure='khnz-2023-gcl-granted-patents']")
        assert "91" in patents.text_content() and patents.locator("[data-span]").count() == 1
        fact.locator(".link").first.click()  # relations move to the other entity
        assert page.locator("#panel h2").text_content() == "昆山高新区"
        page.screenshot(path=str(artifacts / "graph-kunshan-panel.png"))
    assert log.console_errors == [] and log.page_errors == []


def test_a_link_names_an_entity(opened, kunshan_url):
    with opened(kunshan_url) as (page, log):
        page.evaluate("location.hash = '#gcl-optoelectronics'")
        assert page.locator("#panel h2").text_content() == "昆山协鑫光电材料有限公司"
        page.locator("#panel .link", has_text="昆山高新区").first.click()
        assert page.evaluate("location.hash") == "#kunshan-hnz"
        page.click("#close")
        assert page.evaluate("location.hash") == ""
    with opened(kunshan_url, fragment="#kunshan-hnz") as (page, log):
        assert page.locator("#panel h2").text_content() == "昆山高新区"
    assert log.console_errors == [] and log.page_errors == []


def test_labels_switch_to_english(opened, kunshan_url):
    with opened(kunshan_url) as (page, _):
        gcl = index_of(page, "/gcl-optoelectronics")
        page.click("#lang")
        label = page.evaluate("(i) => window.zonekg.nodes.get(i).label", gcl)
        title = page.evaluate("(i) => window.zonekg.nodes.get(i).title", gcl)
        stats = page.locator("#stats").text_content()
    assert label == "Kunshan GCL Optoelectronic Materials Co., Ltd." and "昆山协鑫光电材料有限公司" in title
    assert stats.startswith("showing ")


def test_chinese_renders_in_a_cjk_font(opened, kunshan_url, artifacts):
    with opened(kunshan_url, viewport=(1600, 1000)) as (page, _):
        page.screenshot(path=str(artifacts / "graph-kunshan.png"))
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        title = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#title"})["nodeId"]
        fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": title})["fonts"]]
        # The canvas draws node labels with the same font stack: distinct glyphs must differ (no tofu boxes).
        distinct = page.evaluate("""() => {
            const font = window.zonekg.network.body.nodes[0].options.font.face;
            const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 40;
                const x = c.getContext('2d'); x.font = `32px ${font}`; x.fillText(ch, 2, 34); return c.toDataURL(); };
            return [draw('昆') !== draw('山'), draw('昆') !== draw(' ')];
        }""")
    assert (artifacts / "graph-kunshan.png").stat().st_size > 10_000
    assert any("WenQuanYi" in f or "Noto Sans CJK" in f for f in fonts), fonts
    assert distinct == [True, True]


def test_hostile_labels_stay_text(opened, hostile_dataset, payloads, tmp_path):
    from graph.build.output import write_outputs

    page_html = build_page(hostile_dataset, title=payloads[0]).html
    write_outputs({"graph.html": page_html.encode("utf-8")}, tmp_path)
    url = (tmp_path / "graph.html").as_uri()
    count = "document.querySelectorAll('img, iframe, object, embed, a, script').length"
    with opened(url) as (page, log):
        before = page.evaluate(count)
        assert page.locator("#title").text_content() == payloads[0]
        for payload in ("<img", "</script>", "javascript"):
            page.fill("#search", payload)
            assert page.locator("#results li").count() >= 1
            page.keyboard.press("Enter")
            assert page.locator("#panel h2").text_content() in payloads
        for i in range(page.evaluate("window.zonekg.nodes.length")):
            page.evaluate("(i) => window.zonekg.openNode(i)", i)
        page.click("#lang")
        after = page.evaluate(count)
        shown = page.locator("#panel").text_content()
    assert log.dialogs == [] and log.page_errors == [] and log.console_errors == []
    assert before == after == 3  # the data, vis-network and the page's script; nothing added
    assert any(p in shown for p in payloads)


@pytest.fixture(scope="module")
def large_page(tmp_path_factory, ontology):
    from graph.build.output import write_outputs

    ds = to_dataset(synthetic_records(entities=5000), ontology=ontology)
    out = tmp_path_factory.mktemp("large-page")
    write_outputs({"graph.html": build_page(ds).html.encode("utf-8")}, out)
    return out / "graph.html"


def test_a_5000_entity_page_stays_usable(opened, large_page, artifacts):
    url = large_page.as_uri()
    with opened(url) as (page, log):
        total = visible(page)
        assert total["nodes"] == 5000 and total["edges"] > 5000
        page.fill("#search", "hechengg")  # pinyin of the zone's name
        page.keyboard.press("Enter")
        assert page.locator("#panel h2").text_content() == "合成高新区"
        others = page.evaluate(f"{DATA}.nodes.filter(n => n.cls !== 'Company').length")
        page.locator("#legend input[value='Company']").uncheck()
        assert visible(page)["nodes"] == others < 2000
        page.click("#reset")
        assert visible(page) == total
        page.screenshot(path=str(artifacts / "graph-5000.png"))
    assert log.requests == [url] and log.console_errors == [] and log.page_errors == []


def test_the_panel_never_shows_a_forecast_or_a_former_post_as_a_fact(opened, kunshan_url):
    """A planned event, a former post, an implied relation and a curator-supplied name each say so in the panel."""
    with opened(kunshan_url, fragment="#yangcheng-rd-hq-phase2") as (page, log):
        planned = page.locator("#panel li[data-status='planned']")
        assert planned.count() == 1 and "2024-12" in planned.text_content() and "计划中" in planned.text_content()
        assert page.locator("#panel li[data-status='happened']").count() >= 2
        page.click("#lang")
        assert "planned, not yet happened" in page.locator("#panel li[data-status='planned']").text_content()
    with opened(kunshan_url, fragment="#lin-jianhui") as (page, log):
        lab = page.locator("#panel ul.relations li", has_text="任职：副主任")
        assert "原任" in lab.text_content() and "轨道交通运载系统全国重点实验室" in lab.text_content()
        assert "原任" not in page.locator("#panel ul.relations li", has_text="任职：院长").text_content()
    with opened(kunshan_url, fragment="#zizhu-maiduo-hq-park") as (page, log):
        assert "隐含" in page.locator("#panel ul.relations li", has_text="上海紫竹高新区").text_content()
    with opened(kunshan_url, fragment="#zelgen") as (page, log):
        assert page.locator("#panel dd", has_text="苏州泽璟生物制药股份有限公司").count() == 2  # an alias, and supplied
        assert page.locator("#panel dt", has_text="整理者补充的名称").count() == 1
    assert log.console_errors == [] and log.page_errors == []
