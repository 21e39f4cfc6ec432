"""Every workspace page in Chromium at 1280 px and at 390 px: axe-core (axe-playwright-python,
its bundled axe.min.js; nothing fetched) finds no serious or critical violation, the page is
no wider than the window, it has an h1 and every field a label; below 700 px the coding page is
one column."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_workspace_ui import FLAGS, _page, codebook_of

from analysis.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.enable_socket,
              pytest.mark.allow_hosts(["127.0.0.1"])]
LEAD_PAGES = ("/queue", "/codebook", "/search?text=staff", "/topics", "/quotes", "/agreement",
              "/reconcile", "/progress")
CODER_PAGES = ("/queue", "/search?text=bus", "/progress")
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(e => e.type !== 'hidden' && !e.labels.length && !e.getAttribute('aria-label'))
    .map(e => e.name || e.id)"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A 40-code project with a disagreement and a validation sample, served on loopback."""
    from pytest_socket import enable_socket
    from ws_helpers import LiveServer, build_store

    from workspace.app import create_app
    from workspace.service import Settings, Workspace

    root: Path = tmp_path_factory.mktemp("ws_a11y")
    (root / "codebook.yaml").write_text(codebook_of(), encoding="utf-8")
    build_store(root / "project.sqlite")
    with Store(root / "project.sqlite") as st:
        st.replace_suggestions(st.read_codings().assign(code_id="t0_c0"))
    settings = Settings(store_path=root / "project.sqlite", codebook_path=root / "codebook.yaml")
    ws = Workspace(settings)
    ws.submit("coder1", "s1_helped", ["t0_c0"])
    ws.submit("coder2", "s1_helped", ["t1_c1"])
    enable_socket()
    with LiveServer(create_app(settings)) as server:
        yield server.url


@pytest.fixture(scope="module")
def chromium(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=FLAGS)
        yield browser
        browser.close()


def _check(page, axe, path: str, width: int) -> list[str]:
    """What is wrong with one page: serious or critical axe violations, sideways scrolling,
    no h1, unlabelled fields."""
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path)
    page.wait_for_load_state("load")
    found = []
    for v in axe.run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            nodes = [n["target"] for n in v["nodes"]][:3]
            found.append(f"{path} @{width}: {v['id']} ({v['impact']}) {nodes}")
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        found.append(f"{path} @{width}: {wide} px wide")
    if page.locator("h1").count() != 1:
        found.append(f"{path} @{width}: {page.locator('h1').count()} h1")
    bare = page.evaluate(UNLABELLED)
    if bare:
        found.append(f"{path} @{width}: unlabelled {bare}")
    return found


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe_and_fits_the_window(site: str, chromium, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    anon = chromium.new_context(viewport={"width": width, "height": 800}).new_page()
    anon.goto(f"{site}/login")
    problems += _check(anon, axe, "/login", width)
    anon.context.close()
    for user, paths in (("lead1", LEAD_PAGES), ("coder1", CODER_PAGES)):
        page = _page(chromium, site, user, width=width)
        for path in paths:
            problems += _check(page, axe, path, width)
        if width < 700:  # one column: the codes sit below the answer, not beside it
            page.goto(f"{site}/queue")
            cols = page.evaluate("getComputedStyle(document.getElementById('coding'))"
                                 ".gridTemplateColumns.split(' ').length")
            assert cols == 1
        page.context.close()
    assert problems == []
