"""Local services named with one word, hospitals by their short names, streets without a house
number in any case, villages the gazetteer lacks, and misspelt identity words.

Every sentence is invented for this test (service-and-recovery voice, nothing from any
evaluation set).
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans

from survey.anonymise.identity import identity_categories
from survey.anonymise.recognizers.uk_gazetteer import (
    GazetteerPlaceRecognizer,
    load_uk_places,
    place_endings,
    short_form,
)


@pytest.mark.parametrize("text,value", [
    ("my group met at the Lighthouse every week and it helped", "Lighthouse"),
    ("they referred me on to the hollies for counselling", "hollies"),
    ("i was seen at the royal and they were kind to me", "royal"),
    ("the ISVA came with me to the Anchorage, then we had a brew", "Anchorage"),
])
def test_a_service_named_with_one_word_after_at_the(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("they transferred me to kings for the scan", "kings"),
    ("i had my check up at Tommy's and the midwife was lovely", "Tommy's"),
])
def test_a_hospital_by_its_possessive_short_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "at the moment i feel a lot better",
    "i went to the Hospital for my scan and it was fine",
    "at the end of the day they listened",
    "i spoke to the Manager and she sorted it",
    "we went to the shops after the session",
    "the nurse was kind in bays and on the ward",
    "it took me years to ask for help",
    "at times i felt alone but the group helped",
])
def test_ordinary_words_after_at_the_are_not_services(anonymiser, text):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity in ("FACILITY", "ORGANIZATION")]
    assert dets == [], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my support worker said the office is on birch road now", "birch road"),
    ("the refuge was just off mill lane near the park", "mill lane"),
    ("we moved onto hazel crescent and it feels safe", "hazel crescent"),
    ("the drop in is off Kestrel Avenue on thursdays", "Kestrel Avenue"),
])
def test_a_street_without_a_house_number_in_any_case(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i am on the road to recovery now",
    "it was a long road but i got there",
    "the taxi waited on the main road outside",
    "talking about it took me down memory lane",
    "we parked on busy road outside the centre",
])
def test_ways_and_kinds_of_road_are_not_streets(anonymiser, text):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "STREET_ADDRESS"]
    assert dets == [], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("there is nothing for survivors in brackleton so i travel", "brackleton"),
    ("we moved from grays to snedlingham to get away", "snedlingham"),
    ("i get the bus from crindleworth every week", "crindleworth"),
])
def test_a_village_the_gazetteer_lacks_in_a_place_slot(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i was interested in volunteering once i felt better",
    "it was all in writting so i could read it later",
    "i believe in comming back stronger",
    "the counsellor was good at listening and at explaining",
])
def test_words_and_misspellings_after_in_are_not_villages(anonymiser, text):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "LOCATION"]
    assert dets == [], spans(text, dets)


def test_place_endings_are_counted_from_the_gazetteer():
    ends = place_endings()
    assert {"ton", "ham", "ley"} <= ends
    assert "xyz" not in ends and len(ends) < 80


def test_a_place_named_with_its_river_or_the_sea_is_also_found_by_its_first_part():
    assert short_form("clacton on sea") == "clacton"
    assert short_form("newcastle upon tyne") == "newcastle"
    assert short_form("grays") is None
    rec = GazetteerPlaceRecognizer()
    keys = {" ".join(n.lower().replace("-", " ").split()) for n in load_uk_places()}
    bases = sorted({b for k in keys if (b := short_form(k)) and b not in keys and
                    b.isalpha() and len(b) > 5})
    assert bases, "the gazetteer holds places named with a river or the sea"
    for base in bases[:5]:
        text = f"we moved to {base} last year and found the group"
        assert covered(text, rec.detect(text), base), base


@pytest.mark.parametrize("text,value", [
    ("The Harre Krishna temple gave me hot food when I had nothing.", "Harre Krishna"),
    ("Thank you all, Harre Krishna.", "Harre Krishna"),
    ("my neighbour is budhist and she prayed with me", "budhist"),
    ("as a lesbain woman i wanted a woman counsellor", "lesbain"),
])
def test_misspelt_identity_words_are_kept_like_the_words_they_misspell(anonymiser, text,
                                                                       value):
    dets = anonymiser.detect_batch([text])[0]
    start = text.index(value)
    assert not any(d.start < start + len(value) and start < d.end for d in dets), \
        spans(text, dets)


def test_fuzzy_identity_matching_is_conservative():
    assert identity_categories("Harre Krishna") == frozenset({"religion"})
    for word in ("South Africa", "Australia", "Christina", "Sikha rang"):
        assert identity_categories(word) is None, word


@pytest.mark.parametrize("text,value", [
    ("i moved here from South Africa when i was small", "South Africa"),
    ("my friend Christina came with me to the first session", "Christina"),
])
def test_names_and_countries_next_to_identity_words_are_still_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
