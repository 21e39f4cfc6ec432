"""The workspace in a real browser (Debian chromium driven by Playwright) on the demo project:
log in, code 20 segments by keyboard only, accept and reject suggestions, code a selected span,
rename a code, reconcile a disagreement, star 3 quotes; then the store holds exactly those
decisions with user and time, and `voices report` uses the starred quotes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from ws_helpers import PASSWORD, LiveServer, cheap_hash

from analysis.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.enable_socket,
              pytest.mark.allow_hosts(["127.0.0.1"])]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
USERS = (("lead1", "lead"), ("coder1", "coder"), ("coder2", "coder"), ("writer1", "writer"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path,
         demo_output: Path) -> tuple[Path, Path]:
    """The demo project copied (its codebook gets edited) and a copy of the session's demo run
    (suggestions made; the test makes the report again)."""
    root = tmp_path_factory.mktemp("ws_demo")
    project, out = root / "demo", root / "out"
    shutil.copytree(demo_dir, project)
    shutil.copytree(demo_output, out)
    with Store(out / "project.sqlite") as st:
        for name, role in USERS:
            st.add_user(name, role=role, password_hash=cheap_hash())
    return project, out


@pytest.fixture(scope="module")
def base_url(demo: tuple[Path, Path]):  # noqa: ANN201
    """The workspace served by uvicorn on a free loopback port, in a thread."""
    from pytest_socket import enable_socket

    from workspace.app import create_app
    from workspace.server import settings_for

    enable_socket()  # module-scoped: set up before the test's own marker applies
    with LiveServer(create_app(settings_for(*demo))) as server:
        yield server.url


def _login(browser, base_url: str, user: str):  # noqa: ANN001, ANN202
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(lambda u: "/login" not in u)
    return page


def _state(page) -> tuple[str, list[dict]]:  # noqa: ANN001
    sid = page.get_attribute("#coding", "data-segment")
    codes = page.eval_on_selector_all("#codes .code", "els => els.map(e => ({code: "
                                      "e.dataset.code, key: e.dataset.key, on: "
                                      "e.classList.contains('on'), suggested: "
                                      "e.classList.contains('suggested')}))")
    return sid, codes


def _select_words(page, n_words: int = 3) -> str:  # noqa: ANN001
    """Select the first words of the highlighted segment inside the answer, as a mouse would."""
    return page.evaluate("""n => {
        const mark = document.getElementById('segment-text');
        const node = mark.firstChild, text = node.textContent;
        const m = text.match(new RegExp('^\\\\s*(\\\\S+\\\\s+){' + (n - 1) + '}\\\\S+'));
        const r = document.createRange();
        r.setStart(node, 0); r.setEnd(node, m[0].length);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
        return m[0].trim();
    }""", n_words)


def test_workspace_in_chromium_end_to_end(  # noqa: PLR0915 (one scripted session)
        demo: tuple[Path, Path], base_url: str, chromium_path: str) -> None:
    from playwright.sync_api import sync_playwright

    project, out = demo
    expected: dict[tuple[str, str], str] = {}  # coder1's current decisions
    active: list[str] = []
    accepted_suggestion = rejected_suggestion = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=FLAGS)
        page = _login(browser, base_url, "coder1")
        page.goto(f"{base_url}/queue")
        # -- 20 segments, keyboard only -----------------------------------------------------------
        coded: list[str] = []
        for i in range(20):
            sid, codes = _state(page)
            active = [c["code"] for c in codes]
            sugg = [c for c in codes if c["suggested"]]
            if sugg and i % 2 == 0:  # turn the first suggestion down, keep any others
                page.keyboard.press(sugg[0]["key"])
                rejected_suggestion += 1
                accepted_suggestion += len(sugg) - 1
            else:  # keep the suggestions and add one more code by its key (or by "/" search)
                accepted_suggestion += len(sugg)
                extra = codes[i % len(codes)]
                if not extra["on"] and i == 5:
                    label = page.text_content(f"#codes .code[data-code='{extra['code']}'] .label")
                    page.keyboard.press("/")
                    page.keyboard.type(label)
                    page.keyboard.press("Enter")
                elif not extra["on"]:
                    page.keyboard.press(extra["key"])
            if i == 0:  # "?" shows and hides the keys
                page.keyboard.press("?")
                assert page.is_visible("#help")
                page.keyboard.press("?")
                assert not page.is_visible("#help")
            if i == 3:  # "m" adds a memo
                page.keyboard.press("m")
                page.keyboard.type("Check this one with the lead")
                page.keyboard.press("Enter")
                page.wait_for_function("() => document.getElementById('flash').textContent === "
                                       "'Memo saved.'")
            _, after = _state(page)
            on = {c["code"] for c in after if c["on"]}
            for c in active:
                expected[(sid, c)] = "accepted" if c in on else "rejected"
            page.keyboard.press("Enter")
            page.wait_for_function("s => document.getElementById('coding') && document"
                                   ".getElementById('coding').dataset.segment !== s", arg=sid)
            coded.append(sid)
        assert len(set(coded)) == 20 and accepted_suggestion and rejected_suggestion
        # Backspace goes back to the last segment, showing the decisions just made
        page.keyboard.press("Backspace")
        page.wait_for_function("s => document.getElementById('coding').dataset.segment === s",
                               arg=coded[-1])
        _, back = _state(page)
        assert {c["code"] for c in back if c["on"]} == {
            c for (s, c), st in expected.items() if s == coded[-1] and st == "accepted"}
        # -- a span selected inside the answer --------------------------------------------------
        words = _select_words(page)
        page.keyboard.press("s")
        span_key, span_code = back[0]["key"], back[0]["code"]
        page.keyboard.press(span_key)
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('flash').textContent === "
                               "'Span coded.'")
        # -- a second coder disagrees on the first segment --------------------------------------
        p2 = _login(browser, base_url, "coder2")
        p2.goto(f"{base_url}/queue?seg={coded[0]}")
        _, codes2 = _state(p2)
        target = next(c for c in codes2 if expected[(coded[0], c["code"])] == "rejected")
        if not target["on"]:
            p2.keyboard.press(target["key"])
        p2.keyboard.press("Enter")
        p2.wait_for_function("s => !document.getElementById('coding') || "
                             "document.getElementById('coding').dataset.segment !== s",
                             arg=coded[0])
        # -- the lead renames a code and reconciles the disagreement ----------------------------
        lead = _login(browser, base_url, "lead1")
        lead.goto(f"{base_url}/codebook")
        old_id = active[-1]
        lead.fill("#rename-form input[name=code_id]", old_id)
        lead.fill("#rename-form input[name=new_id]", old_id + "_renamed")
        lead.click("#rename-form button")
        lead.wait_for_selector(f"#code-{old_id}_renamed")
        lead.goto(f"{base_url}/agreement")
        item = lead.locator(f"#disagreements .dis[data-segment='{coded[0]}']"
                            f"[data-code='{target['code']}']")
        item.locator("button[data-status=accepted]").click()
        item.wait_for(state="detached")
        # -- the writer stars 3 quotes ------------------------------------------------------------
        writer = _login(browser, base_url, "writer1")
        assert writer.url.endswith("/quotes")
        stars = writer.locator("#quotes .quote:not(.blocked) .star")
        starred = []
        for k in range(3):
            li = writer.locator("#quotes .quote:not(.blocked)").nth(k)
            starred.append((li.get_attribute("data-answer"), li.get_attribute("data-code")))
            stars.nth(k).click()
            writer.wait_for_function("el => el.classList.contains('starred')",
                                     arg=li.element_handle())
        browser.close()

    # -- the store holds exactly those decisions, with user and time ------------------------------
    with Store(out / "project.sqlite") as st:
        hist = st.read_codings(current_only=False)
        human = hist[hist["source"] == "human"]
        segs = st.read_segments().set_index("segment_id")
        picks = st.read_quote_picks()
    assert human["decided_at"].notna().all() and human["coder"].isin(
        ["coder1", "coder2", "lead1"]).all()
    c1 = human[(human["coder"] == "coder1") & ~human["segment_id"].str.startswith("h_")]
    assert dict(zip(zip(c1["segment_id"], c1["code_id"], strict=True), c1["status"],
                    strict=True)) == expected
    assert len(c1) == len(expected) == 20 * len(active)  # one row per decision, none twice
    span = human[human["segment_id"].str.startswith("h_")]
    assert span[["coder", "code_id", "status"]].values.tolist() == [["coder1", span_code,
                                                                     "accepted"]]
    assert segs.loc[span["segment_id"].iloc[0], "text"] == words
    with Store(out / "project.sqlite") as st:
        memos = st.read_memos()
    assert memos[["segment_id", "username", "text"]].values.tolist() == [
        [coded[3], "coder1", "Check this one with the lead"]]
    rec = human[human["coder"] == "lead1"]
    assert rec[["segment_id", "code_id", "status", "evidence"]].values.tolist() == [
        [coded[0], target["code"], "accepted", "reconciled"]]
    assert (project / "codebook.yaml").read_text().count(f"{old_id}_renamed") >= 1
    mine = picks[picks["starred"]]
    assert sorted(zip(mine["answer_id"], mine["code_id"], strict=True)) == sorted(starred)
    assert set(mine["user"]) == {"writer1"} and mine["decided_at"].notna().all()

    # -- `voices report` uses the people's decisions and the starred quotes ----------------------
    from analysis.pipeline import run_stages

    # no report.pdf (LibreOffice converting the Word report): the check is on quotes.csv
    run_stages(project, out_dir=out, stages=("report",), say=lambda _line: None,
               report_options={"pdf": False})
    from analysis.quotes import STARRED

    quotes = pd.read_csv(out / "quotes.csv", keep_default_na=False)
    with Store(out / "project.sqlite") as st:
        answers = st.read_answers().set_index("answer_id")["text"]
    for answer_id, code_id in starred:
        got = quotes[(quotes["code_id"] == code_id) & (quotes["selection"] == STARRED)]
        assert any(str(q).strip("…").strip() in answers[answer_id] for q in got["text"]), code_id
