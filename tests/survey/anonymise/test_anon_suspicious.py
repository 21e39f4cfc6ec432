"""The second gate: suspicious tokens in anonymised answers withhold them from quotes until a
person clears them (pipeline flag, review workbook ``ignore``, store clearance).

All strings are invented for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from survey.anonymise.decisions import ReviewDecisions, text_key
from survey.anonymise.suspicious import flag_answers, suspicious_tokens


def _kinds(text: str, **kw) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in suspicious_tokens(text, **kw)]


@pytest.mark.parametrize("text,token,kind", [
    ("[PERSON 1] said Quorvath would call", "Quorvath", "unknown_capitalised"),
    ("they sent me to QMX for the scan", "QMX", "unknown_capitalised"),
    ("my file number was 4471203", "4471203", "long_number"),
    ("write to me @ the usual place", "@", "email_like"),
    ("it's pim at mailbox dot org", "at mailbox dot org", "email_like"),
    ("its lorn(at)fastmail", "(at)", "email_like"),
    ("add me on snap [HANDLE 1] or insta brevvik", "brevvik", "platform_handle"),
])
def test_each_kind_of_suspicious_token(text, token, kind):
    assert (token, kind) in _kinds(text)


@pytest.mark.parametrize("text", [
    "[PERSON 1] at [FACILITY 1] was kind to me on [DATE].",
    "Everything was fine, Excellent care, Thank you.",
    "EverythIng was explaIned by the Nurse and the GP.",
    "I was on facebook messenger and instagram all night.",
    "XXXX and Dr X were lovely, I can't fault them.",
    "It took 1234 days? No, 12 weeks.",
])
def test_ordinary_anonymised_text_is_not_suspicious(text):
    assert _kinds(text) == []


def test_allow_list_clears_a_service_name():
    text = "Brackwater Outreach helped me more than anyone"
    assert _kinds(text)
    assert _kinds(text, allow=["Brackwater Outreach"]) == []


def test_flag_answers_per_text():
    assert flag_answers(["all good", "ask Ysolde", "call 0123456"]) == [False, True, True]


def _res(anon: str, *dets: tuple[int, int]) -> SimpleNamespace:
    from survey.anonymise.spans import Detection

    return SimpleNamespace(text=anon, detections=tuple(
        Detection(s, e, "PERSON", 0.9, "test.v1") for s, e in dets))


def test_pipeline_flags_on_the_anonymised_text_and_honours_clearances():
    from analysis.ingest import _flag_possible_identifiers

    originals = ["Tamsin at the desk was great", "Tamsin and Brevik were great",
                 "the corridor felt calm"]
    results = [_res("[PERSON 1] at the desk was great", (0, 6)),
               _res("[PERSON 1] and Brevik were great", (0, 6)), _res("the corridor felt calm")]
    ids = ["a1", "a2", "a3"]
    assert _flag_possible_identifiers(originals, ids, results, allow=[]) == ["a2"]
    cleared = frozenset({(text_key(originals[1]), "brevik")})
    assert _flag_possible_identifiers(originals, ids, results, allow=[], cleared=cleared) == []
    other = frozenset({(text_key(originals[0]), "brevik")})  # cleared for another answer only
    assert _flag_possible_identifiers(originals, ids, results, allow=[], cleared=other) == ["a2"]


def test_review_workbook_ignore_clears_the_flag(tmp_path):
    from openpyxl import load_workbook

    from analysis.review import read_review_decisions, write_review

    texts = ["The worker from Vellacourt Trust never rang back"]
    path = write_review(tmp_path / "review" / "review.xlsx", texts, ["a1"], [[]]).path
    wb = load_workbook(path)
    ws = wb["possible_identifiers"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    terms = [r[header.index("term")].value for r in rows]
    assert "Vellacourt" in terms
    for r in rows:
        r[header.index("decision")].value = "ignore"
    wb.save(path)
    decisions = read_review_decisions(path)
    assert (text_key(texts[0]), "vellacourt") in decisions.cleared
    assert decisions  # a clearance alone is a decision
    assert decisions.counts["clear"] == len(rows)


def test_decisions_with_only_clearances_are_truthy():
    assert ReviewDecisions(cleared=frozenset({("k", "x")}))
    assert not ReviewDecisions()
