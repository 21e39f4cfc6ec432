"""Quasi-identifiers found by the slot they stand in: a word listed with a detected hospital or
service, or moved from or to one; a service named as who offers a service; a ward code
thanked; a name heading a one-line verdict; a place of care named as a sentence's subject; a
local service named as the repeated subject of what it does; a lower-case word no dictionary
explains after "at" / "from"; a hospital's short name after "in the"; ages softened ("nearly
seven") or "years young".

Every sentence is invented for this test (service-and-recovery voice, nothing from any
evaluation set). Each negative case is the everyday use the rule must leave alone.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans

from survey.anonymise.expand import expand_coordinated_services
from survey.anonymise.recognizers.places import FacilityRecognizer, OrganisationCueRecognizer
from survey.anonymise.spans import Detection


def _found(anonymiser, text: str) -> list[Detection]:
    return anonymiser.detect_batch([text])[0]


# --- a word listed with, or moved from or to, a detected hospital or service ---------------

@pytest.mark.parametrize("text,value", [
    ("I was looked after by harbour and QMC.", "harbour"),
    ("i'm really happy with willowbrook and the QMC, thank you", "willowbrook"),
])
def test_a_bare_word_listed_with_a_detected_service_names_one(anonymiser, text, value):
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


def test_the_other_end_of_a_move_between_places_of_care():
    text = "they moved me from the meadow to the QMC overnight"
    qmc = text.index("QMC")
    dets = expand_coordinated_services(text, [Detection(qmc, qmc + 3, "FACILITY", 0.6, "t", "t")])
    assert any(text[d.start:d.end] == "meadow" for d in dets), spans(text, dets)
    text = "they moved me from QMC to fernlea after two days"
    dets = expand_coordinated_services(text, [Detection(19, 22, "FACILITY", 0.6, "t", "t")])
    assert any(text[d.start:d.end] == "fernlea" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text", [
    "they moved me from the ward to the QMC overnight",  # a role or generic word
    "it was a long drive from home to the QMC",  # an article on one end only
    "happy with staff and QMC",  # a role word
    "I was happy with the food and QMC",  # an article: a thing, not a name
])
def test_generic_or_article_words_beside_a_service_stay(text):
    qmc = text.index("QMC")
    dets = expand_coordinated_services(text, [Detection(qmc, qmc + 3, "FACILITY", 0.6, "t", "t")])
    assert len(dets) == 1, spans(text, dets)


# --- a service named as who offers a service --------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("the group run by KESTRA was a lifeline for me", "KESTRA"),
    ("the service offered by TRELLIS was brilliant", "TRELLIS"),
])
def test_a_service_named_after_run_by(anonymiser, text, value):
    dets = OrganisationCueRecognizer().detect(text)  # spaCy alone finds some such acronyms
    assert covered(text, dets, value), spans(text, dets)
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the course run by NHS staff was good",
    "the course was run by Sarah and it was good",  # a person: the name rules decide
    "the sessions provided by staff were helpful",
])
def test_run_by_a_body_word_or_person_is_no_service_name(text):
    dets = OrganisationCueRecognizer().detect(text)
    assert not [d for d in dets if d.reason == "offered_by"], spans(text, dets)


# --- a ward code thanked -----------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Thank you C14, you were all amazing", "C14"),
    ("overall i was pleased, thanks F31.", "F31"),
    ("Thank you team E12!", "E12"),
])
def test_a_ward_code_thanked(anonymiser, text, value):
    dets = FacilityRecognizer().detect(text)  # as a ward, not as spaCy's guess of a person
    assert covered(text, dets, value), spans(text, dets)
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


def test_a_vitamin_thanked_is_no_ward():
    text = "I feel better, thanks B12."
    assert not FacilityRecognizer().detect(text)


# --- a name heading a one-line verdict ---------------------------------------------------

@pytest.mark.parametrize("text,value", [("Jack .... brilliant", "Jack"),
                                        ("rose - absolutely fantastic!", "rose")])
def test_a_name_heading_a_verdict(anonymiser, text, value):
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["Food .... excellent", "Ward - excellent!",
                                  "Parking: terrible"])
def test_a_word_heading_a_verdict_stays(anonymiser, text):
    assert not _found(anonymiser, text)


# --- a place of care named as a sentence's subject --------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Harmony Centre is a short bus ride away.", "Harmony Centre"),
    ("Faith Hospice has a lovely garden.", "Faith Hospice"),  # a name-word first
])
def test_a_place_of_care_named_as_the_subject(anonymiser, text, value):
    dets = FacilityRecognizer().detect(text)  # as a facility, not as spaCy's guess of a person
    assert covered(text, dets, value), spans(text, dets)
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "Day Centre is closed on Mondays.",  # a generic type
    "Lovely Centre is what i would call it.",  # an evaluation
    "Great Hospital is what i would call it.",
    "Hope Centre Staff Are Lovely And Kind.",  # capitals throughout
])
def test_an_evaluation_or_generic_type_as_subject_stays(text):
    assert not [d for d in FacilityRecognizer().detect(text) if "Centre" in text[d.start:d.end]
                or "Hospital" in text[d.start:d.end]]


# --- a local service as the repeated subject of what it does -----------------------------

def test_a_service_named_as_a_repeated_subject(anonymiser):
    text = ("Lantern supported me through court. Lantern always rang back when I called. "
            "Lantern made the difference.")
    dets = _found(anonymiser, text)
    assert covered(text, dets, "Lantern"), spans(text, dets)
    assert sum(text[d.start:d.end] == "Lantern" for d in dets) == 3  # the third one too


@pytest.mark.parametrize("text", [
    "Lantern supported me through court.",  # once only
    "Prayer helped me. Prayer kept me going.",  # what an activity does too
    "Staff supported me. Staff rang back.",  # a role
    "Counselling supported me. Counselling supports me still.",  # a generic service
    "Meditation supported my recovery. Meditation supports me still.",  # an abstract word
])
def test_one_mention_an_activity_or_a_role_as_subject_stays(text):
    dets = OrganisationCueRecognizer().detect(text)
    assert not [d for d in dets if d.reason == "repeated_subject"], spans(text, dets)


# --- a lower-case word no dictionary explains after "at" / "from" ------------------------

@pytest.mark.parametrize("text,value", [
    ("I was seen at bramblemoor and it was fine", "bramblemoor"),
    ("they sent me to quarrydene for my scan", "quarrydene"),
])
def test_an_unknown_lower_case_word_where_a_hospital_stands(anonymiser, text, value):
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I was seen at recpetion and it was fine",  # a misspelt word
    "staff were happy to listurn",  # a misspelt verb after "to"
    "i was referred to telehealth for my scan",  # a compound of a service word
    "we met at mindfulness and it was fine",  # a word the frequency list holds
])
def test_misspellings_and_service_compounds_after_a_preposition_stay(text):
    dets = FacilityRecognizer().detect(text)
    assert not [d for d in dets if d.reason == "unknown_after_prep"], spans(text, dets)


# --- a hospital's short name after "in the" ----------------------------------------------

def test_a_short_hospital_name_after_in_the(anonymiser):
    text = "two nights in the royal and then home"
    dets = _found(anonymiser, text)
    assert covered(text, dets, "royal"), spans(text, dets)


@pytest.mark.parametrize("text", ["we sat in the Lounge and watched tv",
                                  "in the Beacon of hope that is this group"])
def test_other_words_after_in_the_stay(text):
    dets = FacilityRecognizer().detect(text)
    assert not [d for d in dets if d.reason == "the_named"], spans(text, dets)


# --- ages softened or "years young" -------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("my son is nearly seven and loves the group", "seven"),
    ("at 82 years young I still drive to the clinic", "82"),
])
def test_ages_softened_or_years_young(anonymiser, text, value):
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["my son is nearly 2 hours away by bus",
                                  "I felt 10 years younger after the course"])
def test_softened_counts_and_younger_stay(anonymiser, text):
    assert not [d for d in _found(anonymiser, text) if d.entity == "AGE"]


def test_dev5_batch_is_the_500_after_dev4_and_valid():
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
    import build_realtext as br

    if not br.SOURCE.is_file():
        pytest.skip("shared NHS comments not present")
    source = br.read_source()
    probe = br.probe_rows(source)
    earlier = set(br.dev2_rows(source, probe)) | set(br.dev3_rows(source, probe)) | \
        set(br.dev4_rows(source, probe)) | set(probe)
    dev5 = br.dev5_rows(source, probe)
    assert len(dev5) == br.DEV5_SIZE == len(set(dev5)) and not set(dev5) & earlier
    items = br.read_jsonl(br.DATA_DIR / br.DEV5_FILE)
    assert br.validate_dev2(items, source, probe, "dev5") == []
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = "dev4"
    assert any("split" in e for e in br.validate_dev2(bad, source, probe, "dev5"))
    assert any("selection rule" in e for e in br.validate_dev2(items[1:], source, probe, "dev5"))


# --- "the city" as a hospital's short name after a word of care ---------------------------

@pytest.mark.parametrize("text,value", [
    ("I was admitted to the city last march and the staff were great", "city"),
    ("they sent me to the city for my op", "city"),
])
def test_the_city_after_a_word_of_care_is_a_hospital(anonymiser, text, value):
    dets = _found(anonymiser, text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["we went to the city for shopping after",
                                  "it is a long way from the city, but worth it"])
def test_the_city_as_a_town_stays(anonymiser, text):
    assert not _found(anonymiser, text)


# --- a capitalised word in a list of generic services ---------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Quick help from kind people. Lantern, Social Services, OT, GP and physio.", "Lantern"),
    ("we had help from Trellis, the GP and social services", "Trellis"),
])
def test_a_word_listed_with_generic_services_is_a_service(text, value):
    dets = OrganisationCueRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "Food, Parking, GP and physio were fine",  # not every other item is a service
    "Everyone, the GP, the OT and the nurses were kind",  # a function word
    "Nurses, Doctors, Cleaners and Porters were all lovely",  # every item a role
    "Sarah, the GP and the OT were kind",  # a first name: the name rules decide
])
def test_other_words_in_a_list_of_services_stay(text):
    dets = OrganisationCueRecognizer().detect(text)
    assert not [d for d in dets if d.reason == "listed_with_services"], spans(text, dets)


# --- a month and year read as a period --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Since being seen by the team (March 2019) I have felt heard",
    "the group started (May 2018) and it helps",
])
def test_a_month_and_year_as_a_period_is_no_date(text):
    from survey.anonymise.recognizers.temporal import DateRecognizer

    assert not DateRecognizer().detect(text)


@pytest.mark.parametrize("text", ["my first session was on August 2022",
                                  "I was at college until August 2022, then I left",
                                  "I have been coming since May 2018 and it helps"])
def test_a_month_and_year_as_a_point_stays_a_date(text):
    from survey.anonymise.recognizers.temporal import DateRecognizer

    assert DateRecognizer().detect(text)
