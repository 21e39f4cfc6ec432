"""Ages in every common written form, and local teams, services and wards by their own names.

A stated age is a quasi-identifier; durations, counts, scores, thresholds and decades are not
(GUIDE.md: "I am 58", "my 6 year old", "aged 15", "I am 84 1/2" are ages; "58 appointments",
"after 58 days" are not; an age group is an identity word the policy keeps). A team or service
named by a word that no dictionary, role or service list holds ("the IRIS team") is a local
service; "the crisis team" is not. Every sentence is invented for this test.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans

from survey.anonymise.operators import GeneraliseOperator, PlaceholderState


@pytest.mark.parametrize("text,value", [
    ("she's a 90yr old lady who lives alone", "90"),
    ("mum, 90 yrs, was left on a trolley", "90"),
    ("at 90 I did not expect to be treated so well", "90"),
    ("At 84, I still manage on my own", "84"),
    ("at 16 i left home", "16"),
    ("Im 90 and they treated me like a person", "90"),
    ("I’m 72 and live alone", "72"),
    ("being 90 I found the stairs hard", "90"),
    ("being 87, the walk from the car park is too far", "87"),
    ("Being 16 I felt nobody listened", "16"),
    ("a lady of 90 should not be sent home at night", "90"),
    ("as a man of 84 I felt rushed", "84"),
    ("I am nearly 90 and could not hear the phone", "90"),
    ("I am almost 80 now", "80"),
    ("we celebrated my 90th birthday on the ward", "90th"),
    ("Mum is 96 and very frail", "96"),
    ("dad was 88 and frightened", "88"),
    ("i am eighty four and i live alone", "eighty four"),
    ("my husband, who's 79, was seen quickly", "79"),
    ("Age: 45, lives alone", "45"),
    ("my son is 15 yr olds", "15"),
])
def test_ages_in_every_common_written_form(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert any(d.entity == "AGE" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my dad is a 90 year old man with dementia", "90"),
    ("my 90-year-old mum was left waiting", "90"),
    ("he was admitted aged 90 with a fall", "90"),
    ("I am 84 1/2 and the staff were kind", "84 1/2"),
    ("I am 58 yrs old", "58"),
    ("I'm 45 years young and still learning", "45"),
])
def test_ages_already_found_stay_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I was about 4 years too late, the problem can't be corrected",
    "I was 2 years on the waiting list",
    "I'm 5 years clean now",
    "I am 3 weeks post op",
    "at 90 minutes the drip was changed",
    "at 10 I had my tablets",
    "being 1 of 6 patients in the bay",
    "being 20 minutes late was not my fault",
    "a mother of 3 needs help with childcare",
    "I'm 100% happy with the care",
    "a man of 6 foot needs a longer bed",
    "the service is for age 18 and over only",
    "aged 65 or older can self refer",
    "I'm 50 50 about it",
    "I am 1 of the lucky ones",
    "at 14:00 the doctor came",
])
def test_durations_counts_scores_and_thresholds_are_not_ages(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "AGE"], spans(text, dets)


@pytest.mark.parametrize("text", [
    "in my 80s I have seen a lot of hospitals",
    "she is in her forties and works nights",
])
def test_a_decade_is_an_age_group_and_kept(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "AGE"], spans(text, dets)


def test_ages_in_words_are_banded_as_the_number_they_spell(anonymiser):
    text = "i am twenty four and i live alone"
    det = next(d for d in anonymiser.detect_batch([text])[0] if d.entity == "AGE")
    assert text[det.start:det.end] == "twenty four"
    out = GeneraliseOperator().apply(text[det.start:det.end], det, PlaceholderState())
    assert out == "[AGE 18-24]"


@pytest.mark.parametrize("text,value", [
    ("the IRIS team was faultless", "IRIS"),
    ("the TOVA team came out the same day", "TOVA"),
    ("Thanks to the Brayford crisis team", "Brayford"),
    ("referred to the Kestrel service last year", "Kestrel"),
    ("the Tirvane team rang me back", "Tirvane"),
    ("I was on wd 12 for a week", "wd 12"),
    ("moved to Wd.4 after surgery", "Wd.4"),
])
def test_a_team_service_or_ward_by_its_own_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "The crisis team were great",
    "Excellent service",
    "Brilliamt service from all",
    "MSK team were kind",
    "Exceptional team of caring professionals",
    "Since being diagnosed with MND the service has been excellent",
    "Let's Talk team agreed",
    "The Stroke Team were kind",
    "Customer service was poor",
    "Community Nursing Team visited",
    "Our Team were good",
    "I sprayed some WD 40 on it",
    "the MDT team met about me",
    "the EIP team have been brilliant",
    "the ENT service saw me quickly",
    "the HTT team came twice a day",
])
def test_kinds_of_team_and_service_are_words(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity in ("ORGANIZATION", "FACILITY")], spans(text, dets)


def test_a_street_abbreviation_is_not_a_saint(anonymiser):
    text = "Would like it to stay in Broad St building"
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "FACILITY"], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("St Anselms were kind to mum", "St Anselms"),
    ("transferred to St Barnabas for respite", "St Barnabas"),
    ("after St Cuthbert's I went home", "St Cuthbert's"),
])
def test_a_saints_name_alone_is_a_place_of_care(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert any(d.entity == "FACILITY" for d in dets), [(text[d.start:d.end], d.entity)
                                                       for d in dets]


@pytest.mark.parametrize("text,value", [
    ("the BRIO's sessions were helpful", "BRIO"),
    ("the physio put me on QUDO's breathing course", "QUDO"),
    ("we did NUVA's relaxation therapy", "NUVA"),
    ("Tirvane's group helped me most", "Tirvane"),
])
def test_a_service_named_with_a_possessive_before_what_it_offers(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the GP's clinic was fine",
    "Mark's group was the best part",
    "the NHS's services are stretched",
])
def test_a_possessive_role_or_word_is_not_a_service(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "ORGANIZATION"], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("a group called Open Door helped me", "Open Door"),
    ("I was sent to a group called hope springs", "hope springs"),
    ("there is a service called the bridges near us", "bridges"),
    ("I was referred to Step2Talk last year", "Step2Talk"),
    ("Time4Me helped my son", "Time4Me"),
    ("the talk2us sessions were good", "talk2us"),
])
def test_a_service_named_after_called_or_spelt_with_a_digit(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "a service called the crisis team came out",
    "I saw them face-2-face at last",
    "please keep me up2date",
    "we met 1-2-1 every week",
])
def test_kinds_of_service_and_text_speak_are_not_brands(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "ORGANIZATION"], spans(text, dets)


def test_dev4_batch_is_the_500_after_dev3_and_valid():
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
    import build_realtext as br

    if not br.SOURCE.is_file():
        pytest.skip("shared NHS comments not present")
    source = br.read_source()
    probe = br.probe_rows(source)
    earlier = set(br.dev2_rows(source, probe)) | set(br.dev3_rows(source, probe)) | set(probe)
    dev4 = br.dev4_rows(source, probe)
    assert len(dev4) == br.DEV4_SIZE == len(set(dev4)) and not set(dev4) & earlier
    items = br.read_jsonl(br.DATA_DIR / br.DEV4_FILE)
    assert br.validate_dev2(items, source, probe, "dev4") == []
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = "dev3"
    assert any("split" in e for e in br.validate_dev2(bad, source, probe, "dev4"))
    assert any("selection rule" in e for e in br.validate_dev2(items[1:], source, probe, "dev4"))


@pytest.mark.parametrize("text,value", [
    ("the County Home Treatment Team rang", "County Home Treatment Team"),
    ("the South Community Nursing Team visited", "South Community Nursing Team"),
])
def test_a_team_named_after_its_part_of_the_area(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["the city crisis team came out", "the community nursing team visited"])
def test_a_lower_case_kind_of_team_is_not_named(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not [d for d in dets if d.entity == "ORGANIZATION"], spans(text, dets)
