"""Round sixteen of the context rules, from the fifth real-text source (Friends and Family Test
answers, lower-cased) once it had been scored held out and read: a member of staff named by one
lower-case letter after "nurse" or "doctor", and the letter "a" after a title where no article
can stand ("dr a have apologised", "dr a in particular", "thanks to dr a"); a letter heading
praise ("m is the kindest"), listed with a titled member of staff ("from m to dr k") or closing
the answer after "especially"; a first name and surname closing thanks in any case ("thanks
again mark pelworth"), a name thanked "again" or "so much", a name before "one of the
nurses", a capital letter thanked with the team; and what stays: "nurse a grudge", "the
doctor a week later", "dr a bit late", "the nurse i saw", "l was seen" (a slipped "I"), "vitamin d".

Then from the sixth source (answers whose owner masked names as "PERSON" and stripped stops and
apostrophes): the owner's own mask is no identifier, a piece of a name it left is; a possessive
"s" or a negative's half ("son s leg", "Didn t") and a verb after a title ("Dr Was") are no
names; a place of care glued to its type
word ("VMCentre") or with it misspelt ("Chelsea practise").

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import re

import pytest
from anon_helpers import covered, spans, touched


def _after_title(text: str, letter: str) -> int:
    """Where ``letter`` stands after a title ("dr", "nurse", "doctor", "matron") in ``text``."""
    return re.search(rf"\b(?:dr|nurse|doctor|matron)\s+({letter})\b", text).start(1)


def _person_at(dets, start: int) -> bool:
    return any(d.entity == "PERSON" and d.start <= start < d.end for d in dets)


@pytest.mark.parametrize("text,value", [
    ("neither the receptionist nor dr a have said sorry", "a"),
    ("dr a in particular has been so patient with me", "a"),
    ("big thanks to dr a", "a"),
    ("seen quickly by dr a, very thorough", "a"),
    ("dr a and the practice nurse sorted it", "a"),
    ("nurse a was lovely with my son", "a"),
    ("the nurse a was gentle as always", "a"),
    ("nurse a listened and explained everything", "a"),
    ("the nurse k was brilliant with my injection", "k"),
    ("doctor p always makes time for me", "p"),
    ("doctor a is the best in the practice", "a"),
    ("matron d ran the ward well", "d"),
])
def test_one_letter_after_a_title_is_a_person(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert _person_at(dets, _after_title(text, value)), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i did not want to nurse a grudge about the wait", "a grudge"),
    ("the doctor a week later said it was fine", "a week"),
    ("the dr a bit late but kind", "a bit"),
    ("seen by doctor a few times this year", "a few"),
    ("the nurse i saw was kind and quick", "i saw"),
    ("the nurse u see first is lovely", "u see"),
    ("the doctor a lot nicer than last time", "a lot"),
])
def test_an_article_or_pronoun_after_a_title_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("m is the kindest nurse we have had", "m"),
    ("d has been amazing with my dad", "d"),
    ("and t is so patient on the phone", "t"),
    ("great care from m to dr k", "m"),
    ("thanks to m and nurse p for everything", "m"),
    ("the staff are kind especially lovely m", "m"),
    ("all good, especially w!", "w"),
])
def test_a_letter_heading_praise_or_listed_with_staff_is_a_person(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    start = re.search(rf"(?<![\w'’]){value}(?![\w'’])", text).start()
    assert _person_at(dets, start), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("l was seen quickly and sent home", "l was"),
    ("l have been with the surgery for years", "l have"),
    ("k is fine with me", "k is"),
    ("u is the best", "u is"),
    ("she got an a and then a b", "a b"),
    ("i take vitamin d and a painkiller", "vitamin d"),
])
def test_a_letter_that_stands_for_a_word_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("stay safe and look after yourselves thanks again mark pelworth", "mark pelworth"),
    ("regards, jo pelworth", "jo pelworth"),
    ("thanks again jane", "jane"),
    ("thank you so much grace.", "grace"),
    ("Fern one of the nurses was always there for me.", "Fern"),
    ("we asked for jo, one of your receptionists, and she helped", "jo"),
    ("Thank you to E and the team", "E"),
    ("A lovely afternoon, thanks to K.", "K"),
])
def test_a_name_closing_thanks_or_one_of_the_staff_is_a_person(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("thanks again everyone", "everyone"),
    ("thanks again nhs staff", "nhs staff"),
    ("thanks again will do", "will do"),
    ("thank you so much lovely staff", "lovely staff"),
    ("thanks again rose garden", "rose garden"),
    ("thanks to A and the team", "A and"),
    ("nobody one of the staff asked", "nobody"),
])
def test_thanks_to_no_one_in_particular_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_thanks_to_a_name_is_the_name_not_to(anonymiser):
    text = "Everyone cared. Many thanks to Fred."
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Fred") and not touched(text, dets, "to Fred"[:2]), \
        spans(text, dets)


# From the sixth source (Friends and Family Test answers in normal case, most names already
# masked "PERSON" by their owner, stops and apostrophes stripped), once scored and read.

@pytest.mark.parametrize("text", [
    "Dr PERSON is first class and the reception team are kind",
    "Very confident with my GP PERSON hope Dr PERSON does not retire soon",
    "Thank you very much Dr PERSON Reception lovely as always",
    "quick telephone feedback from the doctor PERSON Further quick reply from another",
    "Received very good service from Nurse PERSON and others at the desk",
    "Doctor PERSON was very understanding and professional",
    "I asked at LOCATION and they sent me home",
])
def test_the_owners_own_mask_is_no_identifier(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(text[d.start:d.end].strip() in ("PERSON", "LOCATION") or
                   "PERSON" in text[d.start:d.end] for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("wonderful nurses Mr PERSON fi PERSON and all", "fi"),
    ("a call from dr PERSON velmaro who prescribed it", "velmaro"),
    ("I went into Linden PERSON brint for a blood test", "brint"),
])
def test_a_piece_of_a_name_the_mask_left_is_hidden(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the person at the desk was kind and the name on the letter was right", "person"),
    ("Dr PERSON is kind and explained it all", "explained"),
    ("the doctor PERSON and the nurse were quick", "and"),
    ("I wrote to XXXX  thank-you for all your help", "thank-you"),
])
def test_everyday_words_beside_a_mask_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("she did not clean my son s leg before the injection", "s leg"),
    ("there is a loss of kindness among the Dr s most of the time", "Dr s"),
    ("Face to face GP Dr s much better than the phone", "Dr s"),
    ("there is no way to reply to save the doctor s time", "s time"),
    ("Friendly calm place Didn t feel rushed at all", "Didn"),
    ("not seen any change Don t feel engaged with the practice", "Don"),
    ("I was taken care of Dr Was determined to get me the right treatment", "Was"),
])
def test_what_a_stripped_stop_or_apostrophe_leaves_is_no_name(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("the nurse s was kind and quick", "s"),
    ("thanks to nurse s.", "s"),
    ("seen by dr k. very good", "k"),
])
def test_a_letter_for_a_name_still_counts_where_no_apostrophe_was_lost(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert _person_at(dets, _after_title(text, value)), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("On arrival at the VMCentre I was told to wait", "VMCentre"),
    ("I booked at KelbySurgery online", "KelbySurgery"),
    ("confused by the Melford clinic and Chelsea practise in one building", "Chelsea practise"),
])
def test_a_practice_glued_to_or_misspelling_its_type_word_is_a_facility(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Our deaf clients rely on an interpreter from Signalwise Sign who travels from Derby",
     "Signalwise"),
    ("the van is parked outside the Miners Arms on Tuesdays which gives people a reason",
     "Miners Arms"),
])
def test_a_name_in_a_sentence_without_a_stop_still_counts(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)
