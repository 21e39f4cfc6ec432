"""Identifying roles go to the second gate: the answer is flagged (withheld from quotes until a
person clears it) instead of being published silently. Every sentence is invented."""

from __future__ import annotations

import pytest

from survey.anonymise.suspicious import flag_answers, suspicious_tokens


@pytest.mark.parametrize("text,token", [
    ("I was the only Polish nurse at [FACILITY 1] so they knew it was me.",
     "the only Polish nurse"),
    ("i'm the only male worker in the team", "the only male worker"),
    ("As the only black woman on [FACILITY 2] I stood out.", "the only black woman"),
    ("being the only deaf member of the group made it obvious", None),
    ("I have worked at [ORGANISATION 1] for 12 years and nobody asked.", "for 12 years"),
    ("After 20 years at Brannock Foods I finally spoke up.", "20 years"),
    ("been with [ORGANISATION 2] for nearly twenty years", "for nearly twenty years"),
])
def test_identifying_roles_are_flagged(text, token):
    found = [(text[s:e], k) for s, e, k in suspicious_tokens(text) if k == "identifying_role"]
    if token is None:  # "member of the group": "of" is no place preposition
        assert found == []
    else:
        assert (token, "identifying_role") in found


@pytest.mark.parametrize("text", [
    "I've been in the NHS for 20 years.",
    "the only time in March I felt safe",
    "the only person in the room who believed me",
    "the only service in the area is full",
    "It was the only option for me.",
    "I worked there for 12 years",
    "i waited 2 years for counselling",
])
def test_ordinary_phrases_are_not_identifying_roles(text):
    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))


def test_identifying_role_answer_is_withheld_after_anonymisation(anonymiser):
    text = "I was the only Polish nurse at Brightwell Ward so everyone knew it was me."
    res = anonymiser.anonymise_batch([text], respondent_ids=["r"])[0]
    assert "Brightwell" not in res.text and "Polish" in res.text
    assert flag_answers([res.text]) == [True]
    # the token is the same in the original (outside the detections) and the anonymised text,
    # so a reviewer's clearance of it in the review workbook applies to the answer
    orig = [text[s:e] for s, e, k in suspicious_tokens(
        text, skip=[(d.start, d.end) for d in res.detections]) if k == "identifying_role"]
    anon = [res.text[s:e] for s, e, k in suspicious_tokens(res.text)
            if k == "identifying_role"]
    assert orig == anon == ["the only Polish nurse"]
