"""Tests for analysis.qdpx: the .qdpx project validates against REFI-QDA's Project.xsd, and
selection offsets are character offsets into the source text, emoji included (synthetic data)."""

from __future__ import annotations

import zipfile

import pandas as pd
from lxml import etree

from analysis.qdpx import write_qdpx
from codebook import Code, Codebook, Theme
from codebook.refiqda import PROJECT_NS, load_schema
from survey.schema import CODING_COLUMNS

NS = {"q": PROJECT_NS}
CB = Codebook("Synthetic", (Theme("t", "Theme"),), (
    Code("support", "Support", "t", definition="Support."),
    Code("waiting", "Waiting", "t", definition="Waiting."),
    Code("old", "Old", "t", status="merged", merged_into="waiting"),
))
TEXT = "Great support 🙂🙂 from my worker. Then I waited months (synthetic)."
ANSWERS = pd.DataFrame({"answer_id": ["a1", "a2"], "response_id": ["r1", "r2"],
                        "question_id": ["q1", "q1"], "text": [TEXT, "Nothing (synthetic)."],
                        "lang": ["en", "en"]})
S2 = TEXT.index("Then")
SEGMENTS = pd.DataFrame({"segment_id": ["s1", "s2", "s3"], "answer_id": ["a1", "a1", "a2"],
                         "start": [0, S2, 0], "end": [S2 - 1, len(TEXT), 20],
                         "text": [TEXT[: S2 - 1], TEXT[S2:], "Nothing (synthetic)."]})


def _c(sid, cid, coder, source="human", status="accepted"):
    return {"segment_id": sid, "code_id": cid, "coder": coder, "source": source,
            "confidence": None, "status": status, "evidence": None, "decided_at": None}


CODINGS = pd.DataFrame([_c("s1", "support", "AB"), _c("s1", "support", "CD"),
                        _c("s2", "old", "AB"), _c("s2", "support", "CD", status="rejected"),
                        _c("s3", "waiting", "rules.v1", source="rules", status="suggested"),
                        _c("zz", "waiting", "AB")], columns=list(CODING_COLUMNS))


def test_write_qdpx_validates_and_offsets_match(tmp_path):
    p = tmp_path / "project.qdpx"
    skipped = write_qdpx(p, project_name="Synthetic project", answers=ANSWERS,
                         segments=SEGMENTS, codings=CODINGS, codebook=CB,
                         code_map={"old": "waiting"})
    assert skipped == 1  # the coding on an unknown segment
    with zipfile.ZipFile(p) as z:
        doc = etree.fromstring(z.read("project.qde"))
        load_schema("Project.xsd").assertValid(doc)
        users = [u.get("name") for u in doc.findall("q:Users/q:User", NS)]
        assert users == ["AB", "CD"]  # machine suggestions are not decisions
        src = doc.find("q:Sources/q:TextSource", NS)
        text = z.read(src.get("plainTextPath").replace("internal://", "sources/")).decode()
        assert text == TEXT
        sels = src.findall("q:PlainTextSelection", NS)
        assert len(sels) == 2
        codes = {c.get("guid"): c.get("name") for c in doc.iter(f"{{{PROJECT_NS}}}Code")}
        got = {}
        for sel in sels:
            span = text[int(sel.get("startPosition")):int(sel.get("endPosition"))]
            got[span] = sorted(codes[c.find("q:CodeRef", NS).get("targetGUID")]
                               for c in sel.findall("q:Coding", NS))
        assert got == {TEXT[: S2 - 1]: ["Support", "Support"], TEXT[S2:]: ["Waiting"]}
    again = tmp_path / "again.qdpx"
    write_qdpx(again, project_name="Synthetic project", answers=ANSWERS, segments=SEGMENTS,
               codings=CODINGS, codebook=CB, code_map={"old": "waiting"})
    assert again.read_bytes() == p.read_bytes()


def test_write_qdpx_with_no_codings_still_validates(tmp_path):
    p = tmp_path / "empty.qdpx"
    write_qdpx(p, project_name="Synthetic", answers=ANSWERS, segments=SEGMENTS,
               codings=CODINGS.iloc[:0], codebook=CB)
    with zipfile.ZipFile(p) as z:
        load_schema("Project.xsd").assertValid(etree.fromstring(z.read("project.qde")))


def _project(tmp_path, codings, segments=SEGMENTS, answers=ANSWERS, **kw):
    p = tmp_path / "p.qdpx"
    write_qdpx(p, project_name="Synthetic", answers=answers, segments=segments,
               codings=codings, codebook=CB, **kw)
    with zipfile.ZipFile(p) as z:
        doc = etree.fromstring(z.read("project.qde"))
        load_schema("Project.xsd").assertValid(doc)
        texts = {n: z.read(n).decode() for n in z.namelist() if n.startswith("sources/")}
    return doc, texts


def test_write_qdpx_every_coder_is_a_user_and_codes_as_themselves(tmp_path):
    doc, _ = _project(tmp_path, CODINGS, code_map={"old": "waiting"})
    users = {u.get("guid"): u.get("name") for u in doc.findall("q:Users/q:User", NS)}
    by_user: dict[str, int] = {}
    for c in doc.iter(f"{{{PROJECT_NS}}}Coding"):
        by_user[users[c.get("creatingUser")]] = by_user.get(users[c.get("creatingUser")], 0) + 1
    assert by_user == {"AB": 2, "CD": 1}  # CD's rejection of s2 is not a coding


def test_write_qdpx_with_suggestions_adds_machine_user(tmp_path):
    from analysis.qdpx import MACHINE_USER

    twice = pd.concat([CODINGS, pd.DataFrame([_c("s3", "waiting", "similarity.v1",
                                                 source="similarity", status="suggested")])],
                      ignore_index=True)
    doc, _ = _project(tmp_path, twice, with_suggestions=True)
    users = {u.get("guid"): u.get("name") for u in doc.findall("q:Users/q:User", NS)}
    assert sorted(users.values()) == sorted(["AB", "CD", MACHINE_USER])
    machine = [c for c in doc.iter(f"{{{PROJECT_NS}}}Coding")
               if users[c.get("creatingUser")] == MACHINE_USER]
    assert len(machine) == 1  # one per segment and code, whichever suggesters made it
    doc, _ = _project(tmp_path, twice)
    assert MACHINE_USER not in [u.get("name") for u in doc.findall("q:Users/q:User", NS)]


def test_write_qdpx_sub_answer_spans_after_and_around_emoji(tmp_path):
    # SYNTHETIC: emoji outside the BMP before, inside and after the coded spans
    text = "🙂 First part 👍🏽 here. 💬 The middle bit 🌈 is coded. End 🙂."
    a = pd.DataFrame({"answer_id": ["e1"], "response_id": ["r1"], "question_id": ["q1"],
                      "text": [text], "lang": ["en"]})
    spans = {"x1": (text.index("First"), text.index(" here")),
             "x2": (text.index("The middle"), text.index(" End"))}
    segs = pd.DataFrame({"segment_id": list(spans), "answer_id": ["e1", "e1"],
                         "start": [s for s, _ in spans.values()],
                         "end": [e for _, e in spans.values()],
                         "text": [text[s:e] for s, e in spans.values()]})
    cods = pd.DataFrame([_c("x1", "support", "AB"), _c("x2", "waiting", "AB")],
                        columns=list(CODING_COLUMNS))
    doc, texts = _project(tmp_path, cods, segments=segs, answers=a)
    (src,) = doc.findall("q:Sources/q:TextSource", NS)
    stored = texts[src.get("plainTextPath").replace("internal://", "sources/")]
    assert stored == text
    got = {}
    for sel in src.findall("q:PlainTextSelection", NS):
        s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
        got[sel.get("name")] = (s, e, stored[s:e])
    for sid, (s, e) in spans.items():
        assert got[sid] == (s, e, text[s:e])
    # code points, not UTF-16 units: the first span starts after one emoji and a space
    assert got["x1"][0] == 2 and len(text[:2].encode("utf-16-le")) // 2 == 3
    assert got["x2"][2] == "The middle bit 🌈 is coded."
