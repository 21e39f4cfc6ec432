"""Round fifteen of the context rules, from the fourth real-text source (NHS website reviews of
GP practices) once it had been scored held out and read: a practice named by a street or a
landmark in lower case ("holm lane surgery", "tanners way surgery"), a practice by its short
"X medical", a weekday with its day of the month, an age written without "old"; and what is
not a person or a place however it looks: a booking app or online form ("the dr mo app", "a
klinik form"), "dr saw me", a slip of the keys between family words ("my wife annd i"), "en
masse", a range of clock times, the word "so" after "postcode area", "another road", "1000x
easier", a vaccination centre, the Oxford jab.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("thank you to all at tanners way surgery, brilliant.", "tanners way surgery"),
    ("they told me to ring the birch road surgery again.", "birch road surgery"),
    ("well done to pond end medical centre, so organised.", "pond end medical centre"),
    ("i have been with mill hill surgery for years and would not move.", "mill hill surgery"),
    ("our whole family is with stone gardens health centre.", "stone gardens health centre"),
    ("Thank you Tanners Way Surgery for the quick call back.", "Tanners Way Surgery"),
    ("I attended Pond End Surgery today for my booster.", "Pond End Surgery"),
])
def test_a_practice_named_for_a_street_or_landmark_is_a_facility(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("i used to think wexcombe medical was very busy but it is fine now.", "wexcombe"),
    ("wexcombe medical are unavailable for requests again.", "wexcombe"),
    ("family of 4 been with farley med centre for 12 years.", "farley"),
])
def test_a_practice_by_its_short_medical_name_is_a_facility(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i went to the local surgery and the staff were kind.", "local surgery"),
    ("the new road surgery building is much better.", "new"),
    ("i waited by the main road surgery entrance for ages.", "main"),
    ("the old medical centre was closed so we went across town.", "old"),
    ("general medical was not the right choice, they said.", "general"),
    ("my medical was booked for the morning.", "medical"),
    ("the community health centre was clean and quick.", "community"),
])
def test_a_kind_of_practice_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("i left a message on monday 3rd about my results.", "monday 3rd"),
    ("the note will be ready on thursday 17 they said.", "thursday 17"),
    ("i asked on monday the 14th and nobody called.", "monday the 14th"),
    ("Seen on Friday 21st by the nurse, all fine.", "Friday 21st"),
])
def test_a_weekday_with_its_day_of_the_month_is_a_date(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("open monday 9am to 5pm, closed at lunch.", "monday"),
    ("we waited from monday 2 weeks ago until now.", "monday"),
    ("sunday 10 minutes wait, monday 40 minutes.", "sunday"),
])
def test_a_weekday_with_a_time_or_a_count_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my 88 year mother has been waiting for weeks.", "88"),
    ("booking for my 92yr dad was easy on the phone.", "92"),
])
def test_an_age_without_old_before_a_family_word_is_an_age(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i used the dr mo app and a doctor rang back.", "mo"),
    ("i filled in a klinik form and the doctor called the same day.", "klinik"),
    ("their patchs system said requests were closed.", "patchs"),
    ("the emis request went unanswered for a week.", "emis"),
    ("Contacted for hearing aids - dr saw me fairly quickly.", "saw"),
    ("dr called me back within the hour.", "called"),
])
def test_an_app_a_form_and_what_the_doctor_did_are_no_names(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I used the app but Dr Khan rang me the same day.", "Khan"),
    ("dr patel rang me back within the hour.", "patel"),
    ("Thank you Dr Hollis for listening.", "Hollis"),
])
def test_a_doctor_named_beside_an_app_stays_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("my wife annd i attended to be vaccinated.", "annd"),
    ("my husband adn i were seen within minutes.", "adn"),
    ("vaccinating the whole street en masse was well run.", "masse"),
    ("on the app the time is 15.40-15.50, which is right?", "15.40"),
    ("i am living in their postcode area so why refuse me?", "area so"),
    ("the queue went up the road and around into another road.", "another road"),
    ("the staff made life 1000x easier for us.", "1000x"),
    ("we had the oxford jab last spring and the booster later.", "oxford"),
    ("the vaccination centre ran to time.", "vaccination centre"),
    ("the vaccination programme ran efficiently.", "vaccination programme"),
    ("i attended a sunday morning clinic for my booster.", "sunday morning clinic"),
])
def test_slips_idioms_times_and_kinds_are_no_identifiers(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my wife ann and i attended together.", "ann"),
    ("I live in the SO postcode area, near the docks.", None),
    ("we live in oxford and the jab was quick.", "oxford"),
    ("the queue went around into Pelham Road and back.", "Pelham Road"),
])
def test_what_those_rules_leave_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    if value is not None:
        assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("our duty line is open Monday to Friday 9 till 5 and checked daily.", "Friday"),
    ("drop-in for housing officers, 22 oct, 9.30-12.30, at the library.", "9.30-12"),
    ("the clinic runs 8.45-11.15 most days.", "8.45"),
])
def test_opening_hours_are_no_date_or_number(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I'm Sikh and 68, and the surgery always asks about my diet.", "68"),
    ("i am disabled and 72 so the stairs are hard.", "72"),
    ("I'm a carer and 54 and nobody asks how I am.", "54"),
])
def test_an_age_after_who_the_writer_is_is_an_age(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I'm fine and 30 minutes early is better than late.", "30"),
    ("I'm back and 2 of us went together.", "2"),
])
def test_a_count_after_im_and_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my own practice - hollybank london nw7 - was slow.", "nw7"),
    ("we moved to harrow ha3 last year and changed gp.", "ha3"),
    ("i live in leeds ls9, near the park.", "ls9"),
])
def test_a_lower_case_postcode_district_after_a_town_is_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we drove down from london m25 was a car park all day.", "m25"),
    ("my son is in year y7 at the school.", "y7"),
    ("the doctor said take one b12 every day.", "b12"),
    ("it took me to qx3 on the form, whatever that means.", "qx3"),
])
def test_a_code_after_a_word_that_is_no_town_or_no_area_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
