"""Round twelve of the context rules, from the last real-text development batches: ward codes
in any case ("in e17", "this ward (e40)"), lettered wings and numbered clinics, a place of care
named for a detected place or service ("melton rehabilitation hospital", "Park House clinic"),
a child's age in years and months, a day and month with a dot ("on 17.12"), a name before a
health role ("Sue the podiatrist"); and what such rules must leave alone (vitamins, creams,
durations, decimals, a city centre).

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("lovely stay as ever in e12.", "e12"),
    ("the night staff on f4 were brilliant", "f4"),
    ("my mum was moved to c7 after two days", "c7"),
    ("everyone on this ward (d21) deserves a medal", "d21"),
    ("they sent him to J wing for the course", "J wing"),
    ("seen in clinic 6 by a lovely nurse", "clinic 6"),
    ("after the fall I went to Barnton rehabilitation hospital", "Barnton rehabilitation hospital"),
    ("thanks to all at Elm Lodge clinic for the care", "Elm Lodge clinic"),
    ("as my son is 3 yrs 7 months he was not seen", "3 yrs 7 months"),
    ("our daughter, 1 year and 4 months, needed the cream", "1 year and 4 months"),
    ("the nurse on 19.11 was excellent", "19.11"),
    ("Seen on 03.02.", "03.02"),
    ("Sue the podiatrist rang me back straight away", "Sue"),
    ("Bill the radiographer explained every step", "Bill"),
])
def test_real_text_identifiers_in_context(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I was on B12 injections for a year", "B12"),
    ("mum was on e45 cream for her legs", "e45"),
    ("I was on B6 and iron tablets", "B6"),
    ("they said to take it on d3 for the winter", "d3"),
    ("I took 2.5 tablets a day", "2.5"),
    ("the score on 3.10 out of 5 was fair", "3.10"),
    ("I waited 2 yrs 5 months for this referral", "2 yrs 5 months"),
    ("clinic 2 weeks later was fine", "clinic 2"),
    ("Sheffield city centre is busy on a Saturday", "centre"),
    ("I want to sue the hospital for this", "sue"),
    ("The consultant surgeon was great", "consultant"),
    ("The physiotherapist fully put my mind at ease", "fully"),
    ("My Consultant M* * has been amazing", "M* *"),
])
def test_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# From the misses and false alarms of v6 once it had been scored: invented sentences of the same
# kinds, each failing on the code before.

@pytest.mark.parametrize("text,value", [
    ("they expected me to get the bus at 86yrs old", "86yrs old"),
    ("the visit was on christmas eve and nobody came", "christmas eve"),
    ("no call back from 3rd May to 19th at all", "19th"),
])
def test_v6_kinds_of_identifier(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("lovely crew, they put my sister inlaw at ease", "inlaw"),
    ("my brother in-law came with me", "in-law"),
    ("the crew took him straight to AandE", "AandE"),
    ("waited another 30mThen the car came", "30mThen"),
    ("they gave me (amoxicillin500) for it", "amoxicillin500"),
    ("sat waiting 3 hours15 minutes", "hours15"),
    ("I was told I had preeclampsia at 30 weeks", "preeclampsia"),
    ("I have Lymphoma and the drivers are so kind", "Lymphoma"),
    ("the Eating Disorder service saved me", "Disorder"),
    ("it was all a tick box way of working", "box"),
    ("Please add your email address : Thanks: nothing to add", "Thanks"),
    ("Car came at 9 am. Clinic 10:15 in the end", "Clinic"),
])
def test_v6_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_reference_with_a_short_code_is_still_found(anonymiser):
    text = "my claim ref is QX44812 if you need it"
    assert covered(text, anonymiser.detect_batch([text])[0], "QX44812")


# From v6b's misses and false alarms once it had been scored (invented sentences of those kinds).

@pytest.mark.parametrize("text,value", [
    ("they offered two hospitals, Durham gen or the other one", "Durham gen"),
    ("depressed on and off for 40 years (now 72), and still waiting", "72"),
    ("Elm Street Mental Health team never rang back", "Elm Street Mental Health team"),
    ("Kept my appointment at the Q.M.C. even so", "Q.M.C."),
])
def test_v6b_kinds_of_identifier(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we were sent to Urgent Care Centre and waited", "Urgent Care Centre"),
    ("a useful insight into the N.M.C. code of conduct", "N.M.C."),
    ("babies in I.C.U need a lot of care", "I.C"),
    ("I was well pleased Thenurses got straight on with it", "Thenurses"),
    ("she lives with Behcet's disease and the crew knew", "Behcet"),
    ("my son is deafblind and the crew were patient", "deafblind"),
    ("the car we rode in was clean", "rode"),
    ("the hospital was 15mile away", "15mile"),
])
def test_v6b_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# From v6c's misses and false alarms once it had been scored (invented sentences of those kinds).

@pytest.mark.parametrize("text,value", [
    ("My father 88. Left on the floor for hours", "88"),
    ("never in my life of 74 years have I waited so long", "74 years"),
    ("they sent me to Hexham assessment centre instead", "Hexham assessment centre"),
])
def test_v6c_kinds_of_identifier(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I asked for an appointment at Emergency Care, this never came", "Emergency Care"),
    ("I rang for an appointment at Urgent Care, nothing", "Urgent Care"),
    ("no slots at dental hospital for weeks", "dental hospital"),
    ("they just think weâ€™re trying to get pills", "weâ"),
    ("my son 2 times a week goes", "2"),
])
def test_v6c_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# From v6d's false alarms once it had been scored (invented sentences of those kinds).

@pytest.mark.parametrize("text,word", [
    ("The paramedics were polite, calm and so quick", "polite"),
    ("All good. Exceptional", "Exceptional"),
    ("finally spoke to Doc after three calls", "Doc"),
    ("More beds for the overcrowded unit!", "overcrowded"),
    ("it was decided I should go to hospi", "hospi"),
    ("she had a UTI and nobody listened", "UTI"),
    ("after the RTC the crew were brilliant", "RTC"),
])
def test_v6d_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_name_that_is_a_word_without_an_adverb_is_still_a_name(anonymiser):
    text = "the nurse was Precious, so kind to mum"
    assert covered(text, anonymiser.detect_batch([text])[0], "Precious")
