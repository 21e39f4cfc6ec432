"""The workspace's interface through its API: code keys that never move, a versioned codebook
edited in the interface with 409 for a stale page, saves stored once under one request key,
skipping to the end of the queue, memo edits, full-text search, reconciliation by segment and
the validation sample drawn by a lead."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
import yaml

from analysis.store import Store
from codebook.io import read_codebook


def _keys(client) -> dict[str, str]:
    return {c["id"]: c["key"] for c in client.get("/api/codes").json()}


def _add_topic(settings) -> None:
    with Store(settings.store_path) as st:
        st.replace_topics(pd.DataFrame([{"topic_id": 0, "label": "0_staff_more", "size": 2,
                                         "top_words": ["staff", "more"], "best_code_id": None,
                                         "best_code_similarity": None,
                                         "candidate_new_code": True}]),
                          pd.DataFrame([{"id": "a0_improve", "topic_id": 0},
                                        {"id": "a1_improve", "topic_id": 0}]))


def test_promoting_or_adding_a_code_renumbers_no_key(settings, client_for) -> None:
    lead = client_for("lead1")
    before = _keys(lead)
    assert sorted(before.values()) == ["1", "2", "3"]
    _add_topic(settings)
    # a code promoted into the first theme sits before "support_listened" in the file
    assert lead.post("/api/topics/0/promote", json={"code_id": "access_staffing",
                                                     "label": "More staff",
                                                     "theme_id": "access"}).status_code == 200
    assert lead.post("/api/codebook/add", json={"label": "Cost", "theme_id": "access",
                                                "definition": "Paying to get there."}
                     ).status_code == 200
    assert lead.post("/api/codebook/merge", json={"sources": ["access_waiting"],
                                                  "into": "access_transport"}).status_code == 200
    after = _keys(lead)
    for code, key in before.items():
        if code in after:
            assert after[code] == key, code
    assert after["access_staffing"] == "4" and len(set(after.values())) == len(after)
    # the keys are written into the codebook file, so they survive a restart
    stored = {c.id: c.key for c in read_codebook(settings.codebook_path).codes}
    assert stored["support_listened"] == "3" and stored["access_waiting"] == "2"


def test_every_codebook_edit_is_versioned_and_logged(settings, client_for) -> None:
    lead = client_for("lead1")
    r = lead.post("/api/codebook/add", json={
        "label": "Feeling believed", "theme_id": "support", "code_id": "support_believed",
        "definition": "Staff believed them.", "include": "Being believed at first contact.",
        "exclude": "Being listened to (use support_listened).",
        "examples": "They believed me straight away.\nNo one doubted me.", "version": 1})
    assert r.status_code == 200, r.text
    r = lead.post("/api/codebook/edit", json={"code_id": "access_waiting",
                                              "definition": "Waiting lists and delays.",
                                              "version": 2})
    assert r.status_code == 200, r.text
    cb = read_codebook(settings.codebook_path)
    assert cb.version == 3
    assert [(ch.version, ch.action, ch.codes_from) for ch in cb.changes] == [
        (2, "add", ("support_believed",)), (3, "edit", ("access_waiting",))]
    assert "definition" in cb.changes[-1].note and "lead1" in cb.changes[-1].note
    new = cb.get("support_believed")
    assert new.examples == ("They believed me straight away.", "No one doubted me.")
    assert new.include.startswith("Being believed") and new.key == "4"
    assert cb.get("access_waiting").definition == "Waiting lists and delays."


def test_a_stale_page_gets_409_and_nothing_is_saved(settings, client_for) -> None:
    lead, coder = client_for("lead1"), client_for("coder1")
    shown = list(_keys(coder))  # the codes the coder's page offers
    lead.post("/api/codebook/add", json={"label": "Cost", "theme_id": "access",
                                         "definition": "Paying to get there.", "version": 1})
    r = coder.post("/api/segments/s0_helped/submit",
                   json={"codes": ["access_transport"], "shown": shown})
    assert r.status_code == 409
    assert "reload" in r.json()["error"] and "Nothing was saved" in r.json()["error"]
    # a lead's form from before the change
    r = lead.post("/api/codebook/edit", json={"code_id": "access_waiting",
                                              "definition": "Old page.", "version": 1})
    assert r.status_code == 409 and "version 2" in r.json()["error"]
    # a rename after the page loaded: the old id answers 409, not a bare 400
    lead.post("/api/codebook/rename", json={"code_id": "access_transport",
                                            "new_id": "access_travel"})
    r = coder.post("/api/decisions", json={"segment_id": "s0_helped",
                                           "code_id": "access_transport", "status": "accepted"})
    assert r.status_code == 409
    with Store(settings.store_path) as st:
        human = st.read_codings(current_only=False).query("source == 'human'")
    assert human.empty
    assert read_codebook(settings.codebook_path).get("access_waiting").definition == (
        "Waiting lists.")


def test_a_double_press_stores_once(settings, client_for) -> None:
    coder = client_for("coder1")
    body = {"segment_id": "s0_helped", "code_id": "access_transport", "status": "accepted",
            "request_key": "k-decide-1"}
    assert coder.post("/api/decisions", json=body).json() == {"added": 1}
    assert coder.post("/api/decisions", json=body).json() == {"added": 0}
    memo = {"text": "Ask the lead about this one", "request_key": "k-memo-1"}
    results = []

    def send() -> None:
        results.append(coder.post("/api/segments/s1_helped/memo", json=memo).json())
    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r["memo_id"] for r in results}) == 1
    sub = {"codes": ["access_waiting"], "request_key": "k-submit-1"}
    first = coder.post("/api/segments/s2_helped/submit", json=sub).json()
    coder.post("/api/decisions", json={"segment_id": "s2_helped", "code_id": "access_waiting",
                                       "status": "rejected"})
    again = coder.post("/api/segments/s2_helped/submit", json=sub).json()
    assert first["added"] == 3 and again["added"] == 0  # the later decision stands
    with Store(settings.store_path) as st:
        hist = st.read_codings(current_only=False).query("source == 'human'")
        memos = st.read_memos()
    assert len(hist[hist["segment_id"] == "s0_helped"]) == 1
    assert len(hist[hist["segment_id"] == "s2_helped"]) == 4
    assert len(memos) == 1


def test_memos_can_be_edited_and_deleted_by_their_author(client_for) -> None:
    coder, other = client_for("coder1"), client_for("coder2")
    mid = coder.post("/api/segments/s0_helped/memo", json={"text": "first"}).json()["memo_id"]
    assert other.post(f"/api/memos/{mid}", json={"text": "not mine"}).status_code == 400
    assert coder.post(f"/api/memos/{mid}", json={"text": "second thoughts"}).status_code == 200
    memos = coder.get("/api/segments/s0_helped").json()["memos"]
    assert [m["text"] for m in memos] == ["second thoughts"] and memos[0]["updated_at"]
    assert other.post(f"/api/memos/{mid}/delete").status_code == 400
    assert coder.post(f"/api/memos/{mid}/delete").status_code == 200
    assert coder.get("/api/segments/s0_helped").json()["memos"] == []


def test_a_skipped_segment_goes_to_the_end_of_that_persons_queue(client_for) -> None:
    coder, other = client_for("coder1"), client_for("coder2")
    first = coder.get("/api/queue/next").json()["segment_id"]
    nxt = coder.post(f"/api/segments/{first}/skip", json={"queue": "next"}).json()["next"]
    assert nxt != first
    assert coder.get("/api/queue/next").json()["segment_id"] == nxt  # not straight back
    assert other.get("/api/queue/next").json()["segment_id"] == first  # only their queue
    order = []
    while (sid := coder.get("/api/queue/next").json()["segment_id"]) is not None:
        order.append(sid)
        coder.post(f"/api/segments/{sid}/submit", json={"codes": []})
    assert order[-1] == first and len(order) == 8


def test_full_text_search_with_filters(settings, client_for) -> None:
    lead, coder, writer = client_for("lead1"), client_for("coder1"), client_for("writer1")
    hits = coder.get("/api/search", params={"text": "bus"}).json()
    assert {h["segment_id"] for h in hits} == {"s0_helped"}
    assert hits[0]["question_text"] == "What helped?" and hits[0]["cohort"] == "survivor"
    prof = coder.get("/api/search", params={"text": "staff", "cohort": "professional"}).json()
    assert {h["segment_id"] for h in prof} == {"s1_helped", "s1_improve", "s3_improve"}
    assert {h["segment_id"] for h in coder.get("/api/search", params={
        "text": "staff", "question": "helped"}).json()} == {"s1_helped"}
    assert {h["segment_id"] for h in coder.get("/api/search", params={
        "text": "staf*", "wave": 1}).json()} == {"s0_improve", "s2_improve"}
    # coded in place, then the review and code filters see it
    coder.post("/api/decisions", json={"segment_id": "s1_helped", "code_id": "support_listened",
                                       "status": "accepted"})
    mine = coder.get("/api/search", params={"code": "support_listened"}).json()
    assert [h["segment_id"] for h in mine] == ["s1_helped"] and mine[0]["accepted"] == [
        "support_listened"]
    todo = coder.get("/api/search", params={"text": "staff", "review": "todo"}).json()
    assert "s1_helped" not in {h["segment_id"] for h in todo}
    # a coder's code filter never shows what the machine or another coder found
    assert coder.get("/api/search", params={"code": "access_transport"}).json() == []
    assert len(lead.get("/api/search", params={"code": "access_transport"}).json()) == 8
    assert "s1_helped" not in {h["segment_id"] for h in lead.get(
        "/api/search", params={"review": "nobody"}).json()}
    assert coder.get("/api/search", params={"review": "nobody"}).status_code == 400
    assert writer.get("/search", params={"text": "bus"}).status_code == 200
    assert coder.get("/api/search", params={"text": '"unbalanced'}).status_code == 200


def test_reconciliation_page_shows_one_segment_with_everything(client_for) -> None:
    lead, c1, c2 = client_for("lead1"), client_for("coder1"), client_for("coder2")
    c1.post("/api/segments/s0_helped/submit", json={"codes": ["access_transport"]})
    c2.post("/api/segments/s0_helped/submit", json={"codes": ["access_waiting"]})
    page = lead.get("/reconcile").text
    for want in ("What helped?", "The bus takes ages", "Getting there is hard.",
                 "Waiting lists.", "coder1</b>: Travel is hard", "coder2</b>: Long waits",
                 "<kbd>a</kbd>"):
        assert want in page, want
    assert c1.get("/reconcile", follow_redirects=False).status_code == 403


def test_lead_draws_the_validation_sample_and_sees_progress(client_for) -> None:
    lead, coder = client_for("lead1"), client_for("coder1")
    assert "No validation sample drawn yet" in lead.get("/progress").text
    assert coder.post("/api/validation/draw", json={"size": 2, "seed": 5}).status_code == 403
    r = lead.post("/api/validation/draw", json={"size": 2, "seed": 5})
    assert r.status_code == 200 and r.json()["respondents"] == 2
    n = r.json()["segments"]
    page = lead.get("/progress").text
    assert f"0 of {n} segments reviewed" in page and 'id="validation-bar"' in page
    assert coder.get("/api/queue/next", params={"queue": "validation"}).json()["segment_id"]
    again = lead.post("/api/validation/draw", json={"size": 2, "seed": 5}).json()
    assert again["segments"] == n  # the seed fixes the draw


def test_codebook_keys_round_trip_and_never_repeat(tmp_path) -> None:
    from codebook.io import write_codebook
    from codebook.model import Code, Codebook, Theme

    cb = Codebook("k", (Theme("t", "T"),), (Code("a", "A", "t", "d", key="2"),
                                              Code("b", "B", "t", "d"),
                                              Code("c", "C", "t", "d", status="retired")))
    keyed = cb.with_keys("123")
    assert [c.key for c in keyed.codes] == ["2", "1", "3"]
    for suffix in ("yaml", "xlsx"):
        path = write_codebook(keyed, tmp_path / f"cb.{suffix}")
        assert [c.key for c in read_codebook(path).codes] == ["2", "1", "3"]
    dup = Codebook("k", cb.themes, (Code("a", "A", "t", "d", key="1"),
                                    Code("b", "B", "t", "d", key="1")))
    assert "duplicate code key '1'" in dup.validate()
    assert yaml.safe_load((tmp_path / "cb.yaml").read_text())["themes"][0]["codes"][0]["key"] == "2"


# -- in Chromium -------------------------------------------------------------------------------

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def codebook_of(n_codes: int = 40, n_themes: int = 6) -> str:
    """A synthetic codebook of ``n_codes`` codes in ``n_themes`` themes (what a real project's
    codebook grows to), with include/exclude notes."""
    themes = []
    for t in range(n_themes):
        codes = [{"id": f"t{t}_c{i}", "label": f"Service point {t}.{i}",
                  "definition": f"Synthetic definition of code {t}.{i}.",
                  "include": f"Include note {t}.{i}.", "exclude": f"Exclude note {t}.{i}."}
                 for i in range(n_codes) if i % n_themes == t]
        themes.append({"id": f"t{t}", "label": f"Theme {t}", "codes": codes})
    return yaml.safe_dump({"name": "Forty codes (synthetic)", "version": 1, "themes": themes})


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A 40-code project served on loopback: ``(url, settings)``."""
    from pytest_socket import enable_socket
    from ws_helpers import LiveServer, build_store

    from workspace.app import create_app
    from workspace.service import Settings

    root = tmp_path_factory.mktemp("ws_ui")
    (root / "codebook.yaml").write_text(codebook_of(), encoding="utf-8")
    build_store(root / "project.sqlite")
    with Store(root / "project.sqlite") as st:  # suggestions of a code this codebook has
        sugg = st.read_codings()
        st.replace_suggestions(sugg.assign(code_id="t0_c0"))
    settings = Settings(store_path=root / "project.sqlite", codebook_path=root / "codebook.yaml")
    enable_socket()
    with LiveServer(create_app(settings)) as server:
        yield server.url, settings


@pytest.fixture(scope="module")
def chromium(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=FLAGS)
        yield browser
        browser.close()


def _page(chromium, url: str, user: str, *, width: int = 1280, height: int = 800):
    from ws_helpers import PASSWORD

    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{url}/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(lambda u: "/login" not in u)
    return page


def _pressed(page) -> dict[str, str]:
    return page.eval_on_selector_all("#codes .code", "els => Object.fromEntries(els.map(e => "
                                     "[e.dataset.code, e.getAttribute('aria-pressed')]))")


def _human(settings, user: str) -> pd.DataFrame:
    with Store(settings.store_path) as st:
        hist = st.read_codings(current_only=False)
    return hist[(hist["source"] == "human") & (hist["coder"] == user)]



@pytest.mark.browser
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_keys_do_nothing_in_fields_and_codes_are_toggle_buttons(live, chromium) -> None:
    url, settings = live
    page = _page(chromium, url, "coder1")
    page.goto(f"{url}/queue")
    sid, before = page.get_attribute("#coding", "data-segment"), _pressed(page)
    page.focus("#queue-select")
    page.keyboard.press("Enter")  # Enter on the queue menu must not save
    page.focus("#code-search")
    page.keyboard.type("1ab")  # letters typed into a field toggle nothing
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.get_attribute("#coding", "data-segment") == sid and _pressed(page) == before
    assert _human(settings, "coder1").empty
    # codes are buttons with aria-pressed, reached by Tab, on shown by a check mark too
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('code')"):
            break
    code = page.evaluate("document.activeElement.dataset.code")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    was = _pressed(page)[code]
    page.keyboard.press("Space")
    assert _pressed(page)[code] == ("false" if was == "true" else "true")
    if was == "true":
        page.keyboard.press("Space")
    mark = "getComputedStyle(document.activeElement.querySelector('.check'), '::before').content"
    assert "\u2713" in page.evaluate(mark)  # on: a check mark, not only a colour
    page.keyboard.press("Space")
    assert "\u2713" not in page.evaluate(mark)
    # the focused code's definition and include/exclude show beside the codes
    label = page.evaluate("document.activeElement.dataset.title")
    assert page.text_content("#code-info-label") == label
    assert "Synthetic definition" in page.text_content("#code-info-definition")
    assert page.text_content("#code-info-include").startswith("Include:")
    assert page.text_content("#code-info-exclude").startswith("Exclude:")
    page.context.close()


@pytest.mark.browser
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_span_by_keyboard_and_search_never_removes(live, chromium) -> None:
    url, settings = live
    page = _page(chromium, url, "coder2")
    page.goto(f"{url}/queue")
    on = [c for c, v in _pressed(page).items() if v == "true"]
    assert on  # the machine's suggestion starts on
    label = page.get_attribute(f"#codes .code[data-code='{on[0]}']", "data-title")
    page.keyboard.press("/")
    page.keyboard.type(label)
    page.keyboard.press("Enter")  # search then Enter adds; on a code already on it stays on
    assert _pressed(page)[on[0]] == "true"
    off = next(c for c, v in _pressed(page).items() if v == "false")
    page.keyboard.press("/")
    page.keyboard.type(page.get_attribute(f"#codes .code[data-code='{off}']", "data-title"))
    page.keyboard.press("Enter")
    assert _pressed(page)[off] == "true"
    # words selected with keys inside the focusable answer, then coded as a span
    page.focus("#answer")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # end word moves two words on: three words
    page.keyboard.press("Shift+ArrowRight")  # start word moves one on: two words
    words = page.evaluate("window.getSelection().toString()")
    assert len(words.split()) == 2
    page.keyboard.press("s")
    key = page.get_attribute(f"#codes .code[data-code='{off}']", "data-key")
    page.keyboard.press(key)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('flash').textContent === 'Span coded.'")
    with Store(settings.store_path) as st:
        segs = st.read_segments()
    span = segs[segs["segment_id"].str.startswith("h_")]
    assert span["text"].tolist() == [words.strip()]
    page.context.close()


@pytest.mark.browser
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_forty_codes_fit_at_1280_by_800_without_a_scroll_box(live, chromium) -> None:
    url, _ = live
    page = _page(chromium, url, "lead1")
    page.goto(f"{url}/queue")
    boxes = page.eval_on_selector_all("#codes .code", "els => els.map(e => "
                                      "e.getBoundingClientRect().bottom)")
    assert len(boxes) == 40 and max(boxes) <= 800
    scrollers = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e => {
        const o = getComputedStyle(e).overflowY;
        return (o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight + 1;
    }).map(e => e.id || e.className)""")
    assert scrollers == []
    page.click("#codes .code-group summary")  # a theme folds away
    assert page.eval_on_selector_all("#codes .code", "els => els.filter(e => "
                                     "!e.checkVisibility()).length") > 0
    page.context.close()


@pytest.mark.browser
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_stale_page_says_so_with_a_reload_link(live, chromium) -> None:
    url, settings = live
    page = _page(chromium, url, "coder1")
    page.goto(f"{url}/queue")
    lead = _page(chromium, url, "lead1")
    lead.goto(f"{url}/codebook")
    lead.fill("#add-label", "Added while a coder works")
    lead.fill("#add-definition", "Synthetic: a code added mid-session.")
    lead.click("#add-form button[type=submit]")
    lead.wait_for_function("() => document.getElementById('flash').textContent.startsWith('added')")
    n = len(_human(settings, "coder1"))
    page.keyboard.press("Enter")
    page.wait_for_selector("#flash #reload-link")
    assert "reload the page" in page.text_content("#flash")
    assert len(_human(settings, "coder1")) == n  # nothing saved
    page.context.close()
    lead.context.close()


@pytest.mark.browser
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_reconciling_keeps_focus_where_the_lead_works(live, chromium) -> None:
    url, settings = live
    from workspace.service import Settings, Workspace

    ws = Workspace(Settings(store_path=settings.store_path,
                            codebook_path=settings.codebook_path))
    ws.submit("coder1", "s3_improve", ["t0_c0", "t1_c1"])
    ws.submit("coder2", "s3_improve", ["t2_c2"])
    page = _page(chromium, url, "lead1")
    page.goto(f"{url}/reconcile?seg=s3_improve")
    assert page.text_content("#reconcile .meta .q") == "What should change?"
    assert page.evaluate("document.activeElement.closest('.dispute').dataset.code") == "t0_c0"
    page.keyboard.press("a")
    page.wait_for_function("() => document.activeElement.closest('.dispute') && "
                           "document.activeElement.closest('.dispute').dataset.code === 't1_c1'")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the focused "does not apply" button
    page.wait_for_function("() => document.activeElement.closest('.dispute') && "
                           "document.activeElement.closest('.dispute').dataset.code === 't2_c2'")
    rec = _human(settings, "lead1")
    assert sorted(zip(rec["code_id"], rec["status"], strict=True)) == [
        ("t0_c0", "accepted"), ("t1_c1", "rejected")]
    # on the agreement page's list too, the focus moves on rather than to the page's start
    page.goto(f"{url}/agreement")
    page.focus("#disagreements .dis .reconcile")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'disagreements-title' || "
                           "document.activeElement.classList.contains('reconcile')",
                           timeout=5000)
    page.context.close()
