"""The coding queue and decisions through the JSON API: the same guarantees as import-coding
(history kept, user and time on every row, nothing changed twice), spans, blind review,
reconciliation, codebook changes, quotes, marks and progress."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.coding_io import ORDER_META
from analysis.store import Store

ACTIVE = {"access_transport", "access_waiting", "support_listened"}


def _human(client) -> pd.DataFrame:  # noqa: ANN001
    with Store(client.app.state.workspace.settings.store_path) as st:
        cod = st.read_codings(current_only=False)
    return cod[cod["source"] == "human"]


def test_submit_accepts_chosen_rejects_the_rest_and_is_idempotent(client_for: Any) -> None:
    c = client_for("coder1")
    r = c.post("/api/segments/s0_helped/submit", json={"codes": ["access_waiting"]})
    assert r.status_code == 200 and r.json()["added"] == 3
    rows = _human(c)
    assert dict(zip(rows["code_id"], rows["status"], strict=True)) == {
        "access_waiting": "accepted", "access_transport": "rejected",
        "support_listened": "rejected"}
    assert set(rows["coder"]) == {"coder1"} and rows["decided_at"].str.match(r"\d{4}-").all()
    assert c.post("/api/segments/s0_helped/submit",
                  json={"codes": ["access_waiting"]}).json()["added"] == 0
    # changing one's mind appends history; the earlier rows stay
    assert c.post("/api/segments/s0_helped/submit",
                  json={"codes": ["access_transport"]}).json()["added"] == 2
    assert len(_human(c)) == 5


def test_submit_rejects_unknown_codes_and_segments(client_for: Any) -> None:
    c = client_for("coder1")
    assert c.post("/api/segments/s0_helped/submit", json={"codes": ["nope"]}).status_code == 400
    assert c.post("/api/segments/zzz/submit", json={"codes": []}).status_code == 400
    assert _human(c).empty


def test_queue_follows_the_active_learning_order_and_skips_decided(client_for: Any) -> None:
    c = client_for("coder1")
    with Store(c.app.state.workspace.settings.store_path) as st:
        st.set_meta(ORDER_META, json.dumps(["s3_improve", "s1_helped"]))
    c.app.state.workspace.forget_queues()
    first = c.get("/api/queue/next").json()
    assert first["segment_id"] == "s3_improve"
    assert first["segment"]["suggestions"][0]["evidence"] == "matched: bus"
    assert c.get("/api/queue/next?after=s3_improve").json()["segment_id"] == "s1_helped"
    nxt = c.post("/api/segments/s3_improve/submit", json={"codes": []}).json()["next"]
    assert nxt == "s1_helped"


def test_queue_by_cohort_wave_and_question(client_for: Any) -> None:
    c = client_for("coder1")
    seg = c.get("/api/queue/next?queue=cohort:professional").json()["segment"]
    assert seg["cohort"] == "professional"
    assert c.get("/api/queue/next?queue=wave:2").json()["segment"]["wave"] == 2
    assert c.get("/api/queue/next?queue=question:improve").json()["segment"][
        "question_id"] == "improve"
    assert c.get("/api/queue/next?queue=bogus").status_code == 400


def test_coders_never_see_each_others_decisions(client_for: Any) -> None:
    a, b = client_for("coder1"), client_for("coder2")
    a.post("/api/segments/s1_helped/submit", json={"codes": ["support_listened"]})
    seg = b.get("/api/segments/s1_helped").json()
    assert seg["decisions"] == {} and seg["decided"] is False
    assert "coder1" not in json.dumps(seg)


def test_blind_assignment_and_validation_queue_hide_suggestions(client_for: Any) -> None:
    lead, coder = client_for("lead1"), client_for("coder1")
    assert lead.post("/api/assign", json={"coders": ["coder1", "coder2"], "size": 3,
                                          "blind": True}).json() == {"assigned": 3}
    sid = coder.get("/api/queue/next?queue=assigned").json()["segment_id"]
    seg = coder.get(f"/api/segments/{sid}?queue=assigned").json()
    assert seg["blind"] is True and seg["suggestions"] == []


def test_span_becomes_a_segment_that_survives_a_segment_rerun(client_for: Any) -> None:
    c = client_for("coder1")
    bad = c.post("/api/spans", json={"answer_id": "a0_helped", "start": 4, "end": 7,
                                     "text": "car", "codes": ["access_transport"]})
    assert bad.status_code == 400
    r = c.post("/api/spans", json={"answer_id": "a0_helped", "start": 4, "end": 7,
                                   "text": "bus", "codes": ["access_transport"]})
    sid = r.json()["segment_id"]
    with Store(c.app.state.workspace.settings.store_path) as st:
        auto = st.read_segments()
        st.replace_segments(auto[auto["segment_id"] != sid])  # what `voices suggest` does
        segs = st.read_segments().set_index("segment_id")
        assert segs.loc[sid, "text"] == "bus" and segs.loc[sid, "start"] == 4
    rows = _human(c)
    assert rows[["segment_id", "code_id", "status"]].values.tolist() == [
        [sid, "access_transport", "accepted"]]


def test_reconciliation_is_the_leads_recorded_final_decision(client_for: Any) -> None:
    a, b, lead = client_for("coder1"), client_for("coder2"), client_for("lead1")
    a.post("/api/segments/s1_helped/submit", json={"codes": ["support_listened"]})
    b.post("/api/segments/s1_helped/submit", json={"codes": []})
    dis = lead.get("/api/disagreements").json()
    assert [(d["segment_id"], d["code_id"]) for d in dis] == [("s1_helped", "support_listened")]
    assert lead.get("/api/agreement").json()["coders"] == ["coder1", "coder2"]
    assert lead.post("/api/reconcile", json={"segment_id": "s1_helped",
                                             "code_id": "support_listened",
                                             "status": "accepted"}).status_code == 200
    assert lead.get("/api/disagreements").json() == []
    last = _human(lead).iloc[-1]
    assert (last["coder"], last["evidence"], last["status"]) == ("lead1", "reconciled",
                                                                 "accepted")
    assert lead.get("/api/agreement").json()["coders"] == ["coder1", "coder2"]
    assert "coder1" in lead.get("/agreement").text


def test_rename_keeps_codings_following_and_history(client_for: Any) -> None:
    lead, coder = client_for("lead1"), client_for("coder1")
    coder.post("/api/segments/s0_helped/submit", json={"codes": ["access_waiting"]})
    r = lead.post("/api/codebook/rename", json={"code_id": "access_waiting",
                                                "new_id": "access_delay", "label": "Delays"})
    assert r.status_code == 200, r.text
    cb = lead.get("/api/codebook").json()
    assert cb["version"] == 2 and cb["changes"][0]["action"] == "rename"
    assert "lead1" in cb["changes"][0]["note"]
    seg = coder.get("/api/segments/s0_helped").json()
    assert seg["accepted"] == ["access_delay"]  # the old id's decision follows the rename
    assert lead.post("/api/codebook/rename", json={"code_id": "nope",
                                                   "new_id": "x"}).status_code == 400


def test_codebook_exports_and_qdc_import(client_for: Any) -> None:
    lead = client_for("lead1")
    for fmt in ("yaml", "xlsx", "qdc"):
        r = lead.get(f"/api/codebook/export/{fmt}")
        assert r.status_code == 200 and len(r.content) > 100
    qdc = lead.get("/api/codebook/export/qdc").content
    r = lead.post("/api/codebook/import", files={"file": ("cb.qdc", qdc, "application/xml")})
    assert r.status_code == 200 and r.json()["codes"] >= 3


def test_add_example_and_edit_a_code(client_for: Any) -> None:
    lead = client_for("lead1")
    assert lead.post("/api/codebook/add_example", json={"code_id": "access_waiting",
                                                        "segment_id": "s1_helped"}).is_success
    assert lead.post("/api/codebook/edit", json={"code_id": "access_waiting",
                                                 "definition": "Long waits."}).is_success
    code = [c for t in lead.get("/api/codebook").json()["themes"] for c in t["codes"]
            if c["id"] == "access_waiting"][0]
    assert code["definition"] == "Long waits." and code["examples"][-1].startswith("Staff")


def test_quotes_star_order_trim_never_quote(client_for: Any) -> None:
    w = client_for("writer1")
    quotes = w.get("/api/quotes?code=access_transport").json()
    assert quotes and all(q["code_id"] == "access_transport" for q in quotes)
    aid = quotes[0]["answer_id"]
    assert w.post("/api/quotes/pick", json={"answer_id": aid, "code_id": "access_transport",
                                            "starred": True, "rank": 2,
                                            "trim": [0, 7]}).status_code == 200
    picks = w.get("/api/quotes/picks").json()
    assert picks[-1]["user"] == "writer1" and picks[-1]["starred"] is True
    assert picks[-1]["rank"] == 2 and picks[-1]["trim_start"] == 0
    assert w.post("/api/quotes/pick", json={"answer_id": aid, "starred": True,
                                            "trim": [5, 9999]}).status_code == 400
    mark = w.post("/api/marks", json={"answer_id": aid, "kind": "never_quote"})
    assert mark.status_code == 200
    q = [x for x in w.get("/api/quotes?code=access_transport").json() if x["answer_id"] == aid]
    assert q[0]["never_quote"] is True


def test_marks_memos_and_progress(client_for: Any) -> None:
    coder, lead = client_for("coder1"), client_for("lead1")
    assert coder.post("/api/marks", json={"answer_id": "a0_helped", "kind": "words",
                                          "start": 4, "end": 7}).is_success
    assert coder.post("/api/segments/s0_helped/memo", json={"text": "check this"}).is_success
    assert coder.get("/api/segments/s0_helped").json()["memos"][0]["text"] == "check this"
    marks = lead.get("/api/marks").json()
    assert marks[0]["words"] == "bus" and marks[0]["username"] == "coder1"
    coder.post("/api/segments/s0_helped/submit", json={"codes": ["access_transport"]})
    prog = lead.get("/api/progress").json()
    assert prog["reviewed"] == 1 and prog["per_coder"] == [{"coder": "coder1", "segments": 1}]
    assert any("not yet sent" in m for m in prog["missing"])
    for page in ("/queue", "/codebook", "/topics", "/quotes", "/agreement", "/progress"):
        assert lead.get(page).status_code == 200, page


def test_memos_go_through_the_anonymiser_before_the_store(client_for: Any) -> None:
    coder = client_for("coder1")
    coder.app.state.workspace.settings.memo_anonymiser = lambda t: t.replace("Jo Bloggs",
                                                                             "[PERSON 1]")
    assert coder.post("/api/segments/s0_helped/memo",
                      json={"text": "Jo Bloggs again?"}).is_success
    with Store(coder.app.state.workspace.settings.store_path) as st:
        assert st.read_memos()["text"].tolist() == ["[PERSON 1] again?"]


def test_a_lead_clears_a_flagged_answer_and_a_writer_cannot(client_for: Any) -> None:
    lead, writer = client_for("lead1"), client_for("writer1")
    with Store(lead.app.state.workspace.settings.store_path) as st:
        st.set_meta("flagged_answers", json.dumps(["a1_helped"]))
    flagged = [q for q in writer.get("/api/quotes").json() if q["answer_id"] == "a1_helped"]
    assert flagged and all(q["flagged"] for q in flagged)
    star = writer.post("/api/quotes/pick", json={"answer_id": "a1_helped", "starred": True,
                                                 "code_id": flagged[0]["code_id"]})
    assert star.status_code == 400
    assert writer.post("/api/flags/clear", json={"answer_ids": ["a1_helped"]}).status_code == 403
    assert lead.post("/api/flags/clear", json={"answer_ids": ["a1_helped"]}).json() == {
        "cleared": 1}
    with Store(lead.app.state.workspace.settings.store_path) as st:
        assert st.read_flagged_answers() == set()
        assert st.read_flag_clearances()["cleared_by"].tolist() == ["lead1"]


def test_marked_words_go_to_the_review_workbooks_deny_list(client_for: Any, tmp_path: Path) -> None:
    from analysis.review import read_review_decisions, write_review

    coder, lead = client_for("coder1"), client_for("lead1")
    settings = lead.app.state.workspace.settings
    settings.review_dir = tmp_path / "private_review"
    assert lead.post("/api/marks/send").status_code == 400  # no workbook yet
    write_review(settings.review_dir / "review.xlsx", [], [], [])
    assert coder.post("/api/marks", json={"answer_id": "a0_helped", "kind": "words",
                                          "start": 4, "end": 7}).is_success
    assert coder.post("/api/marks/send").status_code == 403  # a lead's action
    res = lead.post("/api/marks/send")
    assert res.status_code == 200, res.text
    deny = read_review_decisions(settings.review_dir / "review.xlsx").deny
    assert ("bus", "OTHER_NAME") in deny
    marks = lead.get("/api/marks").json()
    assert marks[0]["sent_by"] == "lead1" and marks[0]["words"] is None
    assert lead.post("/api/marks/send").status_code == 400  # nothing open any more
    assert not any("not yet sent" in m for m in lead.get("/api/progress").json()["missing"])
