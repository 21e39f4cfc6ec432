"""Places and organisations: cue rules, schools, employers (synthetic)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.places import OrganisationCueRecognizer, PlaceCueRecognizer


@pytest.mark.parametrize("text,value", [
    ("We moved to Tilbury last year.", "Tilbury"),
    ("She grew up near Little Snoring.", "Little Snoring"),
])
def test_place_cue_detects_proper_nouns(nlp, text, value):
    dets = PlaceCueRecognizer(nlp=nlp).detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["I went to the police.", "I was in March.",
                                  "We talked in Zoom.", "I got help from NHS staff."])
def test_place_cue_ignores_service_words(nlp, text):
    dets = PlaceCueRecognizer(nlp=nlp).detect(text)
    assert dets == [], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I was at St Anne's Academy then", "St Anne's Academy"),
    ("she went to Hillview Primary School", "Hillview Primary School"),
    ("the Oakfield High School nurse", "Oakfield High School"),
    ("I work at Brightside Logistics now", "Brightside Logistics"),
    ("I worked for the Acme Widget Company", "Acme Widget Company"),
])
def test_org_cue_detects_schools_and_employers(text, value):
    dets = OrganisationCueRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["after school I cried", "I work at home", "The school was ok",
                                  "I worked for years"])
def test_org_cue_ignores_generic_mentions(text):
    dets = OrganisationCueRecognizer().detect(text)
    assert dets == [], spans(text, dets)


@pytest.mark.parametrize("text,value,found", [
    ("the group met at elmfield court every thursday", "elmfield court", True),
    ("my case was at crown court in the end", "crown court", False),
    ("we were in family court for months", "family court", False),
])
def test_lower_case_named_court_after_a_preposition(anonymiser, text, value, found):
    from anon_helpers import covered, spans

    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value) is found, spans(text, dets)
