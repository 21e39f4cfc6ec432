"""Blind double coding and the blind validation sample hold on every route.

The proof is differential: two projects are built that differ only in what a coder must not
see (the other coder's and a lead's decisions on segments of the double-coding sample, blind
to the machine or not, and of the validation sample; the machine's suggestions where blind). Every GET route the app's router
holds is then called as ``coder1`` in both projects, with every segment id, queue and filter
the route reads; each answer must be the same in both (after the session's own CSRF token is
blanked). A route the list below has not reviewed fails the test, so a new route must be
looked at for blinding before it ships.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient
from ws_helpers import CODEBOOK, build_store, csrf_of, login

from analysis.store import Store
from workspace import auth
from workspace.service import Settings

SEGMENTS = [f"s{i}_{q}" for i in range(4) for q in ("helped", "improve")]
ASSIGNED = ["s0_helped", "s1_helped", "s2_helped", "s0_improve"]  # blind pair coder1 + coder2
OPEN_PAIR = ["s1_improve"]  # assigned to the pair, suggestions shown (not blind to the machine)
VALIDATION = ["s3_helped", "s3_improve"]
CODES = ["access_transport", "access_waiting", "support_listened"]
QUEUES = ["next", "validation", "assigned", "disagreements", "question:helped",
          "cohort:survivor", "wave:1", "wave:2"] + [f"code:{c}" for c in CODES]
VALUES: dict[str, list[str]] = {
    "segment_id": SEGMENTS, "q": QUEUES, "queue": QUEUES, "seg": SEGMENTS, "after": SEGMENTS,
    "code": CODES, "cohort": ["survivor", "professional"], "question": ["helped", "improve"],
    "wave": ["1", "2"], "history": ["1"], "pair": ["coder1,coder2", "coder2,lead1"],
    "fmt": ["yaml", "xlsx", "qdc"], "text": ["bus", "listened"], "review": ["todo", "done"]}
SEARCH = ("text", "code", "cohort", "question", "wave", "review")
# Every GET route, reviewed for blinding, with the path and query parameters it reads.
REVIEWED: dict[str, tuple[str, ...]] = {
    "/healthz": (), "/login": (), "/": (),
    "/queue": ("q", "seg"),
    "/codebook": ("seg",),
    "/topics": ("cohort", "question"),
    "/quotes": ("code", "cohort", "wave"),
    "/agreement": ("pair",),
    "/progress": (),
    "/api/me": (), "/api/codes": (),
    "/api/queue/next": ("queue", "after"),
    "/api/segments/{segment_id}": ("segment_id", "queue"),
    "/api/segments/{segment_id}/decisions": ("segment_id",),
    "/api/codings": ("history",),
    "/api/agreement": ("pair",), "/api/disagreements": (),
    "/api/codebook": (), "/api/codebook/export/{fmt}": ("fmt",),
    "/api/topics": (), "/api/topics/fit": ("cohort", "question"),
    "/api/quotes": ("code", "cohort", "wave"), "/api/quotes/picks": (),
    "/api/marks": (), "/api/progress": (),
    "/search": SEARCH, "/api/search": SEARCH,
    "/reconcile": ("seg",),
}
MAX_COMBOS = 200  # beyond this, each parameter is varied alone


def _world(root: Path, variant: str) -> Settings:
    """A project whose hidden parts depend on ``variant``; all else is the same."""
    root.mkdir()
    cb = root / "codebook.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    build_store(root / "project.sqlite")
    other, mark, conf = (("access_waiting", "MACHINE-SAW-A", 0.8) if variant == "A" else
                         ("support_listened", "MACHINE-SAW-B", 0.6))
    when = "2026-12-01T10:00:00+00:00"
    with Store(root / "project.sqlite") as st:
        sugg = st.read_codings()
        sugg = sugg[sugg["source"] != "human"]
        hidden = sugg["segment_id"].isin(ASSIGNED + VALIDATION)
        sugg.loc[hidden, ["code_id", "evidence", "confidence"]] = [other, mark, conf]
        st.replace_suggestions(sugg)
        st.assign_segments(ASSIGNED, ["coder1", "coder2"], blind=True, assigned_by="lead1")
        st.assign_segments(OPEN_PAIR, ["coder1", "coder2"], blind=False, assigned_by="lead1")
        st.replace_validation_sample(pd.DataFrame(
            [{"segment_id": s, "unit_id": s[:2], "stratum": "x", "predicted": [],
              "position": i, "seed": 1, "drawn_at": when} for i, s in enumerate(VALIDATION)]))
        rows = [(s, c, "coder2", "accepted" if c == other else "rejected")
                for s in ASSIGNED + OPEN_PAIR + VALIDATION for c in CODES]
        rows += [(s, other, "lead1", "accepted") for s in VALIDATION]
        # the viewer's own decision is the same in both projects
        rows += [("s0_helped", c, "coder1", "accepted" if c == "access_transport" else
                  "rejected") for c in CODES]
        st.add_codings(pd.DataFrame(
            [{"segment_id": s, "code_id": c, "coder": u, "source": "human", "confidence": None,
              "status": v, "evidence": "workspace", "decided_at": when}
             for s, c, u, v in rows]))
    return Settings(store_path=root / "project.sqlite", codebook_path=cb,
                    project_name="Test project", fast_embeddings=True,
                    throttle=auth.Throttle(slow_after=50, lock_after=99))


def _client(settings: Settings, user: str) -> tuple[TestClient, str]:
    from workspace.app import create_app

    c = TestClient(create_app(settings), base_url="http://127.0.0.1")
    assert login(c, user).status_code == 303
    token = csrf_of(c)
    c.headers["X-CSRF-Token"] = token
    return c, token


def _requests(app: Any) -> list[str]:
    """Every GET URL to try: each reviewed route with each value of the parameters it reads."""
    urls = []
    unreviewed = []
    for r in app.routes:
        if not isinstance(r, Route) or "GET" not in (r.methods or set()):
            continue
        if r.path not in REVIEWED:
            unreviewed.append(r.path)
            continue
        params = REVIEWED[r.path]
        assert set(r.param_convertors) <= set(params), r.path
        choices = [VALUES[p] if p in r.param_convertors else [None, *VALUES[p]]
                   for p in params]
        combos = list(itertools.product(*choices))
        if len(combos) > MAX_COMBOS:
            combos = [tuple(v if j == i else c[0] for j, c in enumerate(choices))
                      for i, ch in enumerate(choices) for v in ch]
            combos += [(t, c, *[None] * (len(params) - 2)) for t in VALUES[params[0]]
                       for c in VALUES[params[1]]]
        for combo in combos:
            chosen = dict(zip(params, combo, strict=True))
            path = r.path.format(**{k: chosen[k] for k in r.param_convertors})
            query = "&".join(f"{k}={v}" for k, v in chosen.items()
                             if v is not None and k not in r.param_convertors)
            urls.append(path + ("?" + query if query else ""))
    assert not unreviewed, (f"GET route(s) {unreviewed} not reviewed for blind coding: check "
                            "they show no other person's decision and no suggestion on a blind "
                            "segment, then add them to REVIEWED")
    return urls


def _workbook_cells(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return repr([(ws.title, list(ws.iter_rows(values_only=True))) for ws in wb])


def _seen(client: TestClient, token: str, url: str) -> tuple[int, str]:
    resp = client.get(url, follow_redirects=False)
    kind = resp.headers.get("content-type", "")
    if resp.status_code == 200 and resp.content[:2] == b"PK":  # a workbook: compare its cells,
        body = _workbook_cells(resp.content)  # not its zip (which stamps the time it was made)
    else:
        body = resp.text if "text" in kind or "json" in kind else resp.content.hex()
    body = body.replace(token, "CSRF")
    body = re.sub(r'name="csrf" value="[^"]+"', 'name="csrf" value="CSRF"', body)
    return resp.status_code, body


def test_no_get_route_shows_a_blind_coder_what_others_decided_or_the_machine(
        tmp_path: Path) -> None:
    a, b = _world(tmp_path / "a", "A"), _world(tmp_path / "b", "B")
    ca, ta = _client(a, "coder1")
    cb, tb = _client(b, "coder1")
    urls = _requests(ca.app)
    assert len(urls) > 300
    leaks = []
    for url in urls:
        sa, sb = _seen(ca, ta, url), _seen(cb, tb, url)
        if sa != sb or "MACHINE-SAW" in sa[1] + sb[1]:
            leaks.append(url)
    assert not leaks, f"{len(leaks)} of {len(urls)} answers differ: {leaks[:12]}"


def test_a_validation_segment_opened_through_any_queue_hides_the_suggestions(
        client_for: Any) -> None:
    coder = client_for("coder1")
    with Store(coder.app.state.workspace.settings.store_path) as st:
        st.replace_validation_sample(pd.DataFrame([{
            "segment_id": "s1_helped", "unit_id": "r1", "stratum": "x", "predicted": [],
            "position": 0, "seed": 1, "drawn_at": "2026-12-01T10:00:00+00:00"}]))
    for queue in ("next", "code:access_transport", "question:helped", "assigned"):
        seg = coder.get(f"/api/segments/s1_helped?queue={queue}").json()
        assert seg["blind"] is True and seg["suggestions"] == [], queue
        page = coder.get(f"/queue?q={queue}&seg=s1_helped").text
        assert "matched: bus" not in page, queue
    # the machine's code queue does not list it either
    ids = coder.app.state.workspace._queue_ids("code", "access_transport", "coder1")
    assert "s1_helped" not in ids and ids
    assert "matched: bus" in coder.get("/api/segments/s2_helped").text  # not in the sample


def test_blind_assignment_hides_suggestions_whatever_the_queue_until_settled(
        client_for: Any) -> None:
    lead, c1, c2 = client_for("lead1"), client_for("coder1"), client_for("coder2")
    assert lead.post("/api/assign", json={"coders": ["coder1", "coder2"], "size": 8,
                                          "blind": True, "seed": 3}).status_code == 200
    for q in ("next", "code:access_transport"):
        assert c1.get(f"/api/segments/s0_helped?queue={q}").json()["suggestions"] == []
    c1.post("/api/segments/s0_helped/submit", json={"codes": ["access_waiting"]})
    c2.post("/api/segments/s0_helped/submit", json={"codes": []})
    assert c1.get("/api/segments/s0_helped").json()["suggestions"] == []  # they disagree
    lead.post("/api/reconcile", json={"segment_id": "s0_helped", "code_id": "access_waiting",
                                      "status": "accepted"})
    assert c1.get("/api/segments/s0_helped").json()["suggestions"]  # reconciled: settled
    c1.post("/api/segments/s1_helped/submit", json={"codes": ["support_listened"]})
    c2.post("/api/segments/s1_helped/submit", json={"codes": ["support_listened"]})
    assert c2.get("/api/segments/s1_helped").json()["suggestions"]  # agreed: settled


def test_blind_sample_leaves_out_segments_a_coder_already_decided(client_for: Any) -> None:
    lead, c1 = client_for("lead1"), client_for("coder1")
    decided = ["s0_helped", "s1_helped", "s2_improve"]
    for sid in decided:  # coded with the suggestions visible
        c1.post(f"/api/segments/{sid}/submit", json={"codes": ["access_transport"]})
    r = lead.post("/api/assign", json={"coders": ["coder1", "coder2"], "size": 5,
                                       "blind": True})
    assert r.status_code == 200 and r.json() == {"assigned": 5}
    with Store(lead.app.state.workspace.settings.store_path) as st:
        got = set(st.read_assignments()["segment_id"])
    assert len(got) == 5 and not got & set(decided)
    too_many = lead.post("/api/assign", json={"coders": ["coder1", "coder2"], "size": 6})
    assert too_many.status_code == 400 and "1-5" in too_many.json()["error"]
    not_coders = lead.post("/api/assign", json={"coders": ["coder1", "lead1"], "size": 1})
    assert not_coders.status_code == 400 and "coders" in not_coders.json()["error"]


def test_agreement_is_per_chosen_pair_with_labels_and_no_stray_decisions(
        client_for: Any) -> None:
    lead, c1, c2 = client_for("lead1"), client_for("coder1"), client_for("coder2")
    with Store(lead.app.state.workspace.settings.store_path) as st:
        st.assign_segments(["s0_helped", "s1_helped"], ["coder1", "coder2"], blind=True,
                           assigned_by="lead1")
    for sid in ("s0_helped", "s1_helped"):
        c1.post(f"/api/segments/{sid}/submit", json={"codes": ["access_waiting"]})
        c2.post(f"/api/segments/{sid}/submit", json={"codes": ["access_waiting"]})
    # a stray decision by someone else on the sample, and a pair outside any assignment
    lead.post("/api/segments/s0_helped/submit", json={"codes": []})
    c1.post("/api/segments/s3_improve/submit", json={"codes": ["support_listened"]})
    lead.post("/api/segments/s3_improve/submit", json={"codes": []})
    res = lead.get("/api/agreement").json()
    assert res["coders"] == ["coder1", "coder2"] and res["kappa_pair"] == ["coder1", "coder2"]
    assert res["per_code"]["access_waiting"]["percent_agreement"] == 1.0
    assert res["per_code"]["access_waiting"]["units"] == 2
    assert res["per_code"]["access_waiting"]["label"] == "Long waits"
    assert res["disagreements"] == []
    assert res["pairs"][0]["pair"] == ["coder1", "coder2"]
    other = lead.get("/api/agreement?pair=coder1,lead1").json()
    assert other["coders"] == ["coder1", "lead1"]
    assert other["per_code"]["access_waiting"]["units"] == 2  # s0_helped and s3_improve
    assert lead.get("/api/agreement?pair=coder1,writer1").status_code == 400
    page = lead.get("/agreement?pair=coder1,lead1").text
    assert "<td>Long waits</td>" in page and "<td>access_waiting</td>" not in page
    assert 'value="coder1,lead1" selected' in page


@pytest.mark.parametrize("user,ok", [("lead1", True), ("coder1", False), ("writer1", False)])
def test_only_leads_see_the_disagreements_queue(client_for: Any, user: str, ok: bool) -> None:
    c1, c2 = client_for("coder1"), client_for("coder2")
    c1.post("/api/segments/s1_helped/submit", json={"codes": ["support_listened"]})
    c2.post("/api/segments/s1_helped/submit", json={"codes": []})
    c = client_for(user)
    for url in ("/api/queue/next?queue=disagreements", "/queue?q=disagreements",
                "/api/segments/s1_helped?queue=disagreements", "/api/disagreements"):
        resp = c.get(url, follow_redirects=False)
        assert (resp.status_code == 200) is ok, (url, resp.status_code)
        if not ok:
            assert resp.status_code == 403, url
            assert "s1_helped" not in resp.text


@pytest.mark.parametrize("user,ok", [("lead1", True), ("writer1", True), ("coder1", False)])
def test_quotes_follow_the_readme_roles(client_for: Any, user: str, ok: bool) -> None:
    c = client_for(user)
    for url in ("/quotes", "/api/quotes", "/api/quotes/picks"):
        assert (c.get(url, follow_redirects=False).status_code == 200) is ok, url
    assert ('href="/quotes"' in c.get("/progress").text) is ok
