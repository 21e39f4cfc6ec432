"""A person's explicit deny (project list, review decision) is always redacted: the precision
filter and the allow list never undo it. Invented strings only."""

from __future__ import annotations

import pytest

from survey.anonymise.decisions import REVIEW_ADD, REVIEW_DENY, ReviewDecisions, text_key
from survey.anonymise.engine import build_anonymiser
from survey.anonymise.precision import CONFIG_DENY, CONFIG_EXTRA_NAMES, WEAK, keep
from survey.anonymise.spans import Detection
from survey.config import AnonymiseConfig


def _anonymiser(nlp, **kw):
    decisions = kw.pop("decisions", None)
    an = build_anonymiser(AnonymiseConfig(**kw), decisions=decisions)
    an.nlp = nlp
    return an.load()


@pytest.mark.parametrize("recognizer", [CONFIG_DENY, REVIEW_DENY, REVIEW_ADD,
                                        CONFIG_EXTRA_NAMES])
@pytest.mark.parametrize("text,start,end,entity", [
    ("the gardening group helped a lot", 4, 13, "ORGANIZATION"),   # everyday word
    ("my counsellor was kind", 3, 13, "PERSON"),                   # role word
    ("XXXX was on shift", 0, 4, "PERSON"),                         # looks like a mask
    ("Lovely people at the lantern", 21, 28, "LOCATION"),          # sentence-free word
])
def test_explicit_spans_pass_the_filter(text, start, end, entity, recognizer):
    assert keep(text, Detection(start, end, entity, 1.0, recognizer, "deny_list"))


def test_the_same_span_from_weak_evidence_is_filtered():
    """Proves the filter would drop these spans: the exemption is what keeps them."""
    weak = next(iter(sorted(WEAK)))
    assert not keep("my counsellor was kind", Detection(3, 13, "PERSON", 0.8, weak, "t"))
    assert not keep("the gardening group helped a lot",
                    Detection(4, 13, "ORGANIZATION", 0.8, "spacy.ner.v1", "t"))


def test_review_deny_of_an_everyday_word_is_redacted(nlp):
    text = "the gardening sessions on tuesdays were the best part"
    an = _anonymiser(nlp, decisions=ReviewDecisions(deny=(("gardening", "ORGANIZATION"),)))
    res = an.anonymise_batch([text], respondent_ids=["r1"])[0]
    assert "gardening" not in res.text.lower()
    (det,) = [d for d in res.detections if d.recognizer == REVIEW_DENY]
    assert det.reason == "review_decision"


def test_project_deny_of_a_role_word_is_redacted(nlp):
    text = "The Warden sorted my room out quickly"
    an = _anonymiser(nlp, deny=("warden",))
    res = an.anonymise_batch([text], respondent_ids=["r1"])[0]
    assert "warden" not in res.text.lower()


def test_review_add_of_an_everyday_word_is_redacted(nlp):
    text = "I spoke to Sunny at the front desk"
    start = text.index("Sunny")
    dec = ReviewDecisions(add=((text_key(text), start, start + 5, "PERSON"),))
    res = _anonymiser(nlp, decisions=dec).anonymise_batch([text], respondent_ids=["r1"])[0]
    assert "Sunny" not in res.text


def test_deny_beats_allow_and_default_allow(nlp):
    """A term both allowed and denied is redacted (privacy first), also when the allow comes
    from the default generic-service list or a reviewer's allow decision."""
    text = "we met on Teams and then at the Lantern Hub"
    an = _anonymiser(nlp, allow=("Lantern Hub",), deny=("Teams", "Lantern Hub"),
                     decisions=ReviewDecisions(allow=("lantern",)))
    res = an.anonymise_batch([text], respondent_ids=["r1"])[0]
    assert "Teams" not in res.text and "Lantern" not in res.text


def test_allow_list_still_keeps_terms_that_nobody_denied(nlp):
    text = "Our worker from Brightwell Outreach and the SARC were great"
    an = _anonymiser(nlp, allow=("Brightwell Outreach",), deny=("Pellham",))
    res = an.anonymise_batch([text], respondent_ids=["r1"])[0]
    assert "Brightwell Outreach" in res.text and "SARC" in res.text
