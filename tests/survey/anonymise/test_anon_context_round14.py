"""Round fourteen of the context rules, from the real-text development sets (v6 to v6h) once
each had been scored and read: an abbreviation the dictionary holds, found by NER alone, is no
place or organisation ("BMI limits", "ex-army/RAF", "phone the ER"); and a lower-case name-list
hit that is never written as a word yet is one keystroke from one of the most frequent words
is a slip of the keys ("job abd I", "Provided mor accurate"). What such rules must leave alone:
two capitals that may be a person's initials, a hospital's initials, a lower-case name in a
list of names, a street's name after the word for a street.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched

from survey.anonymise.lexicon import typo_of_common_word


@pytest.mark.parametrize("text,word", [
    ("The ward would not weigh me unless my BMI was checked first.", "BMI"),
    ("I was RAF for twelve years and the crew understood that.", "RAF"),
    ("Fed through a PEG tube at home, the nurses came in daily.", "PEG"),
    ("The paramedic said we should phone the ER if it got worse.", "ER"),
    ("As a nurse with a BA in health I expected more from them.", "BA"),
    ("She is the CSE lead for the county and was very helpful.", "CSE"),
])
def test_an_abbreviation_the_dictionary_holds_is_no_place(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("KT and sam from the group rang me every week.", "KT"),
    ("Present at the meeting: JB (ISVA), MT (social worker).", "MT"),
    ("I was seen at the QEQM and the nurse was lovely.", "QEQM"),
    ("They sent me to RVI in the end and it was much better.", "RVI"),
])
def test_initials_and_a_hospital_by_its_letters_stay(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("The crew did a wonderful job abd I am very grateful to them.", "abd"),
    ("Provided mor accurate information about the wait would help.", "mor"),
    ("The call handler was kind and alo booked a visit for the morning.", "alo"),
    ("the helpline was good but teh waiting list was months long", "teh"),
])
def test_a_slip_of_the_keys_is_no_name(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Interpreting: olu and segun at the centre were brilliant.", "olu"),
    ("i live on heol las and nobody comes out here", "las"),
    ("thank god for bex honestly, she got me through it", "bex"),
    ("mel and den from the allotment kept me going", "mel"),
])
def test_a_lower_case_name_stays(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_typo_of_common_word_is_one_keystroke_from_the_most_frequent():
    assert typo_of_common_word("abd") and typo_of_common_word("teh")
    assert typo_of_common_word("mor")  # "more", a letter added
    assert not typo_of_common_word("bex")  # only "be" with a letter dropped
    assert not typo_of_common_word("the")  # a word itself
    assert not typo_of_common_word("Abd")  # a capital is not a slip
    assert not typo_of_common_word("jonno")  # five letters


@pytest.mark.parametrize("text,value", [
    ("My keyworker Walt has been great with the forms.", "Walt"),
    ("my care coordinator Will rang me back the same day.", "Will"),
    ("Our team leader Frank sorted the referral out.", "Frank"),
])
def test_a_name_after_a_care_role_is_a_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("It is hard to see my psychiatrist face-to-face these days.", "face-to-face"),
    ("my keyworker Really helped me with the housing forms.", "Really"),
    ("The physio Department is good but the wait is long.", "Department"),
])
def test_a_word_after_a_care_role_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("The courses at the Recovery College gave me my confidence back.", "Recovery College"),
    ("We have been going to Surestart every week since the baby came.", "Surestart"),
    ("The PALS team said they would call me back.", "PALS"),
    ("A talk on the Mental Health Tribunal process was useful.", "Mental Health Tribunal"),
])
def test_a_national_kind_of_service_is_no_identifier(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("The Kendal Recovery College runs courses every term.", "Kendal"),
    ("I'm a family worker at Bolton Sure Start and we are stretched.", "Bolton"),
])
def test_the_place_a_national_service_is_named_for_stays_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("It is a friendly group and there&nbsp; are lots of things to do.", "there"),
    ("Tips on how to deal with challenging behaviour&nbsp; were useful.", "behaviour"),
    ("The opening hours are only 9-5 which is hard for working parents.", "9"),
    ("The first 18mths I came every weekend without fail.", "18mths"),
    ("We waited 3wks for a reply and then 10days more.", "3wks"),
])
def test_export_debris_and_durations_are_no_identifiers(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Thanks to Sarah&nbsp;Jones at the clinic for everything.", "Sarah&nbsp;Jones"),
    ("Ben&#39;s mum rang Priya at the hub last week.", "Priya"),
    ("Before that we were on Market Street near the station.", "Market Street"),
    ("The crime reference was CR18MTH2291 on the letter.", "CR18MTH2291"),
])
def test_names_and_addresses_around_the_debris_stay_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Burne Ward was brilliant with me all the way through.", "Burne Ward"),
    ("We love the story time, my boy (7 months) is always smiling.", "7"),
    ("Although my daughter was only 4-5 months at the time, it helped.", "4-5"),
    ("My son was 9 weeks when we first came along.", "9"),
])
def test_a_ward_at_a_sentence_start_and_a_babys_age_are_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Excellent Ward staff and very good food.", "Excellent"),
    ("The waiting list for my son was 18 months, far too long.", "18"),
    ("My wife was 6 months pregnant at the time.", "6"),
    ("The wait (7 months) was far too long for us.", "7"),
])
def test_a_word_before_a_ward_and_a_wait_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("J loved the songs and the bubbles every week.", "J"),
    ("Since coming to the group, P's speech has come on so much.", "P"),
    ("we will really miss you all, T and I loved every week.", "T"),
    ("Our lovely son K, started nursery last month.", "K"),
])
def test_a_capital_letter_standing_for_a_child_is_a_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_the_letter_said_again_is_the_same_child(anonymiser):
    text = "J loved every session. It was lovely to see J so happy with the others."
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "J so happy"[:1]) and \
        any(d.start == text.index("see J") + 4 for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Plan B was better than the first one we tried.", "B"),
    ("Vitamin D is good for you in the winter.", "D"),
    ("Hep C is treatable now, the nurse said.", "C"),
    ("I got B's in most of my exams that year.", "B"),
])
def test_a_letter_of_a_plan_a_vitamin_or_a_grade_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("She was transferred from the Queens Medical Centre last spring.", "Queens Medical Centre"),
    ("I am a patient on Halford ward and the staff are kind.", "Halford ward"),
    ("All the new staff are going to Breckon ward this month.", "Breckon ward"),
    ("She came home in May. A has been much stronger since.", "A"),
    ("We worry less now that A's health has improved.", "A"),
])
def test_wards_hospitals_and_a_child_called_a_are_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_an_allowed_term_elsewhere_leaves_a_childs_letter(anonymiser):
    # "Mind" is an allowed national name; before, any allowed term in a text dropped every
    # detection whose words were all leftover words ("a", "the")
    text = "My state of mind was low for months. A has been poorly since then."
    dets = anonymiser.detect_batch([text])[0]
    assert any(text[d.start:d.end] == "A" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("They put me on a Lovely Ward with great staff.", "Lovely"),
    ("Organised ward and a clean one too.", "Organised"),
    ("A good service and a nurse came quickly.", "A"),
    ("He now weighs 6oz and A is doing well.", "oz"),
])
def test_an_everyday_word_before_a_ward_and_an_article_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Compared to other wards, the staff on D3 are truly amazing.", "D3"),
    ("I was admitted onto B2 in April and stayed a month.", "B2"),
    ("I know what to do now, and my V is happy again.", "V"),
])
def test_a_ward_code_like_a_vitamin_and_my_letter_are_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I'm on B12 injections every month now.", "B12"),
    ("I take B2 and B6 tablets with breakfast.", "B2"),
    ("my B12 is low again, the GP said.", "B12"),
])
def test_a_vitamin_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Cedar Ward was brilliant with my mum all week.", "Cedar Ward"),
    ("The midwives on B2 were lovely to us both.", "B2"),
])
def test_a_ward_named_with_a_tree_and_a_ward_code_after_midwives_are_found(anonymiser, text,
                                                                            value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Busy Ward but the staff were kind to us.", "Busy"),
    ("My lil one was so happy at the group.", "lil"),
])
def test_a_describing_word_before_a_ward_and_text_speak_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
