"""Round eleven of the context rules: a school year as a time of someone's own ("since year 11",
"my year 11 exams", "her year 10 form tutor"), and a lower-case name said again in its own
service slot ("it was ruby from the ISVA service"); and what such rules must leave alone.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("on the waiting list since year 10 n still nothing", "year 10"),
    ("my year 11 mocks were the week of the trial", "year 11"),
    ("she told her year 9 form tutor first", "year 9"),
    ("his yr 8 teacher rang me", "yr 8"),
    ("i missed their year 12 parents evening because of court", "year 12"),
])
def test_a_school_year_of_someones_own(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("since year 2 of the contract referrals have doubled", "year 2"),
    ("their year 3 funding has been cut", "year 3"),
    ("my sixth form was no help at all", "sixth form"),
    ("since year 1% of callers said so", "year 1"),
    ("as head of year 10 I see this every week", "year 10"),
])
def test_years_that_are_no_ones_school_year_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("hazel from victim support rang once. no wait, it was hazel from the leeds ISVA service",
     "hazel from the"),
    ("jack at the drop in was great and later jack at the hub sorted my forms", "jack at the hub"),
])
def test_a_name_said_again_in_its_own_service_slot(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    name = value.split()[0]
    second = text.index(value)
    assert any(d.start <= second and d.end >= second + len(name) for d in dets), \
        spans(text, dets)


@pytest.mark.parametrize("text,again", [
    # the same word as a word, not before a service
    ("Grace at the hub was kind. i said grace at the table that night", "grace at the"),
    ("Faith at the SARC was lovely and faith at the end is what got me through", "faith at the"),
])
def test_the_word_said_again_elsewhere_stays(anonymiser, text, again):
    dets = anonymiser.detect_batch([text])[0]
    second = text.index(again)
    assert not any(d.start < second + 4 and second < d.end for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Zofia and Marek at the Polish advice line refer to us every week", "Polish"),
    ("my worker at the Deaf support group signed for me", "Deaf"),
])
def test_an_identity_word_heading_a_kind_of_service_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Zofia at the Polish Hearth Centre sorted my forms", "Hearth"),
])
def test_a_named_service_with_an_identity_word_is_still_a_service(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Nobody asked me before, so thank you. R.", "R."),
    ("thanks for doing this survey at last. regards, j.t.", "j.t."),
    ("It helped a lot.\nA.B.", "A.B."),
])
def test_initials_signing_off_the_answer(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("love you all for listening. x.", "x."),
    ("it was grade B.", "B."),
    ("we moved here from the U.S.", "U.S."),
])
def test_letters_that_sign_nothing_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("a group for Igbo-speaking women filled in a week", "Igbo-speaking"),
    ("we need Tigrinya-speaking counsellors and an interpreter", "Tigrinya-speaking"),
])
def test_a_language_spoken_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_person_speaking_is_still_a_person(anonymiser):
    text = "Adaeze speaking at the event was brilliant"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Adaeze"), spans(text, dets)


def test_a_police_title_before_a_name_is_no_second_person(anonymiser):
    text = "the officer, pc dawson, laughed when i said it"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "dawson") and not touched(text, dets, "pc"), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("they interviewed me with the door open. tj", "tj"),
    ("thank you for listening.\nKB", "KB"),
])
def test_two_letters_signing_off_the_answer(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("that is all i wanted to say. ps", "ps"),
    ("it was fine in the end. hm", "hm"),
    ("i left him. xx", "xx"),
    ("ok thanks. nb", "nb"),
])
def test_text_speak_at_the_end_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
