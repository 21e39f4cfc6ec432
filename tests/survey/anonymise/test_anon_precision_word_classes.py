"""Issue 13 follow-up: precision rules that generalise beyond the development split (word
classes, not strings) and a lower-case facility form for quasi recall. Invented strings only."""

from __future__ import annotations

import pytest

from survey.anonymise.lexicon import is_dictionary_word
from survey.anonymise.precision import filter_detections, keep
from survey.anonymise.recognizers.places import FacilityRecognizer
from survey.anonymise.spans import Detection


def _det(text: str, value: str, entity: str, recognizer: str = "spacy.ner.v1") -> Detection:
    start = text.index(value)
    return Detection(start, start + len(value), entity, 0.85, recognizer, "t")


@pytest.mark.parametrize("word", ["Gastroenterology", "Tendinopathy", "Bursitis", "Thurs",
                                  "Weds", "Colonoscopy", "Haematology"])
def test_clinical_terms_and_calendar_abbreviations_are_words(word):
    assert is_dictionary_word(word)


@pytest.mark.parametrize("name", ["Tamsin", "Bronwen", "Oluwaseun"])
def test_names_are_still_not_words(name):
    assert not is_dictionary_word(name)


@pytest.mark.parametrize("text,value,entity,kept", [
    ("We never had enough PPQ kit on the bay", "PPQ", "ORGANIZATION", False),
    ("Ask the RTW desk about it", "RTW", "ORGANIZATION", False),
    ("I was seen at KRW within a week", "KRW", "ORGANIZATION", True),   # where a place stands
    ("Transferred to the DGH overnight", "DGH", "ORGANIZATION", True),  # "... Hospital"
    ("Staff at BRI were kind", "BRI", "ORGANIZATION", True),            # "... Infirmary"
    ("Nurse TJ explained it", "TJ", "PERSON", True),                    # initials: a person
])
def test_abbreviations_from_ner_alone(text, value, entity, kept):
    assert keep(text, _det(text, value, entity)) is kept


def test_abbreviation_with_cue_evidence_is_not_filtered():
    text = "We never had enough PPQ kit on the bay"
    assert keep(text, _det(text, "PPQ", "ORGANIZATION", "orgs.cue.v1"))


@pytest.mark.parametrize("value", ["In", "etc", "doesn't"])
def test_function_words_after_a_cue_are_not_names(value):
    text = f"my nurse {value} the end was fine"
    assert not keep(text, _det(text, value, "PERSON", "names.cue.v1"))


@pytest.mark.parametrize("text,value,kept", [
    ("the porters were kind.no complaints at all", "kind.no", False),  # a missing space
    ("it was my turn.me and mum waited", "turn.me", False),
    ("details are on quellbrook.org for anyone", "quellbrook.org", True),
    ("message me on brindle.me if needed", "brindle.me", True),         # not a dictionary word
])
def test_bare_domains_that_are_a_missing_space(text, value, kept):
    assert keep(text, _det(text, value, "URL", "contact.url.v1")) is kept


def test_run_of_very_common_capitalised_words_is_not_a_name():
    text = "Staff were kind, Great Support all round"
    assert not keep(text, _det(text, "Great Support", "ORGANIZATION"))
    text = "I work for Quellmoor Bright Lines now"
    assert keep(text, _det(text, "Quellmoor Bright Lines", "ORGANIZATION"))


def test_capital_i_artefact_makes_a_leading_i_say_nothing():
    """One export writes a capital I for every i ("wIth"): a misspelt "Inpatient"-like word
    after that is an everyday word, not a place; without the artefact it stays redacted where
    a place may stand (after "the": a mistyped word elsewhere goes by the slip-of-the-keys
    rule of round twenty)."""
    text = "could be the Imroved a lot wIth more staff"
    det = _det(text, "Imroved", "LOCATION")
    assert not keep(text, det, capital_i=True)
    assert keep(text, det, capital_i=False)
    norm = "could be the Imroved a lot with more staff"  # after odd-case normalisation
    assert filter_detections(norm, [det], original=text) == []
    assert filter_detections(norm, [det]) == [det]


def test_all_caps_word_after_a_place_preposition_is_not_a_place():
    text = "it matters to MY recovery"
    assert not keep(text, _det(text, "MY", "LOCATION", "places.cue.v1"))


@pytest.mark.parametrize("text,value", [
    ("I had my op at thornbury house last spring", "thornbury house"),
    ("she stayed in quarry lodge for a month", "quarry lodge"),
    ("we were moved to larch ward overnight", "larch ward"),
])
def test_lower_case_named_facility_after_a_preposition(text, value):
    found = [text[d.start:d.end] for d in FacilityRecognizer().detect(text)]
    assert value in found


@pytest.mark.parametrize("text", [
    "I recovered at my house with help", "they treated me in own house", "had to attend "
    "hospital twice", "went to nan's house after", "sent to private hospital", "in the house",
    "stayed at mums house", "moved to another ward",
])
def test_lower_case_generic_places_are_not_facilities(text):
    assert FacilityRecognizer().detect(text) == []
