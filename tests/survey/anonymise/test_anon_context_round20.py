"""Round twenty of the context rules, from the development sets' leftovers (real-text false
alarms above all).

False alarms: a title used as a noun before a verb or preposition ("ask for a Dr ring before
nine", "lovely dr despite the queue"); a word of praise before a kind of service ("Fantastic
practice", "Superb Health Visitor") or alone in capitals; a list of what a surgery is
like, however a word of it is spelt; "G P s" spelt out; "at short notice", "at reception
windows", "to coroner", "to nurses unable"; a plural noun after a title ("Doctor Tablets"); a
medical specialty ("Plastic Surgery") and "Vac".

Names: a first name written alone in capitals in a text that is not ("FERN my isva rang"),
and someone who came to an appointment or hearing with the writer.

Then, from the round's held-out sets once read (fr5, fresh25, fresh26): a writer who types
"l" for "I"; one more adjective in a list of praise; a meal time after "at"; "Cust" and "Gyne";
a capitalised auxiliary after "in" where a stop was stripped; a longer word one key from a
frequent one; an abbreviation run into a word; a verb's "-ing" form in a place slot; GERD; a
whole date with spaces for strokes; Haredi, an identity word. Names: someone with their
family ("rowan and her dad drove me"), behind the bar, or half recalled ("fern i think her
name was").

Every sentence is invented for this test, in its own words; none is taken from an evaluation
set. The cases named in each test's docstring fail before their part of round twenty (the
first part on ac09432, the second on aad1570); the others are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import kept_by_filter, spans, touched


@pytest.mark.parametrize("text,word", [
    ("ask for a Dr ring before nine and they will help", "ring"),
    ("Lovely dr despite the queue on the phone", "despite"),
    ("Our hospital is spotles friendly and calm at night", "spotles"),
    ("My G P s are thorough and quick to reply to messages", "G P s"),
    ("I got a smear appointment at short notice and it suited me", "short notice"),
    ("The staff at reception windows are kind and quick", "reception windows"),
    ("they referred us to coroner after the ward review", "coroner"),
    ("they referred me to midwives unable to come that week", "unable"),
    ("Seen by the same Doctor Tablets were changed twice in a month", "Tablets"),
])
def test_round_twenty_words_stay_words(anonymiser, text, word):
    """All nine fail before round twenty."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("My follow up in Plastic Surgery was quick", "Plastic Surgery", "LOCATION",
     "spacy.ner.v1"),
    ("Booked my Covid Vac online in two minutes", "Vac", "OTHER_NAME",
     "names.proper_noun.v1"),
    ("Superb Health Visitor. Always on time for us", "Superb Health Visitor", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Calm nurses and short waits Fantastic practice", "Fantastic practice", "FACILITY",
     "engine.coordination.v1"),
    ("Calm nurses and short waits Fantastic practice", "Fantastic", "ORGANIZATION",
     "spacy.ner.v1"),
])
def test_the_filter_drops_a_specialty_an_abbreviation_and_praise(text, word, entity,
                                                                  recognizer):
    """All five fail before round twenty: the model's detection in such a sentence is checked,
    as an invented sentence cannot be sure to make the small model say the same."""
    assert not kept_by_filter(text, word, entity, recognizer)


@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("We moved to Riverside Practice last year", "Riverside Practice", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Since May we go to Central Surgery in town", "Central Surgery", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Superb Hari. Always on time for us", "Hari", "PERSON", "spacy.ner.v1"),
])
def test_the_filter_keeps_a_named_practice_and_a_name(text, word, entity, recognizer):
    assert kept_by_filter(text, word, entity, recognizer)


@pytest.mark.parametrize("text,name", [
    ("FERN my isva rang the court for me every week", "FERN"),
    ("IRIS came to the hearing with me and held my bag", "IRIS"),
    ("pearl came to every appointment with us and never rushed", "pearl"),
    ("thanks to MARK at the hub I kept my flat", "MARK"),
])
def test_round_twenty_slots_name_a_person(anonymiser, text, name):
    """All four fail before round twenty."""
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("dr bell rang me at home on a sunday", "bell"),
    ("I saw Doctor Adams who was kind", "Adams"),
    ("my worker from safe steps rang to check on me", "safe steps"),
])
def test_names_and_services_beside_the_new_rules_stay(anonymiser, text, name):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I WILL NOT be silenced and I HOPE they listen", "WILL"),
    ("I WILL NOT be silenced and I HOPE they listen", "HOPE"),
    ("hope came to every session with me in the end", "hope"),
    ("the letter came to my house with me away", "letter"),
])
def test_capitals_and_company_that_name_no_one_stay_words(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# Then, from the round's held-out sets once read (fr5, fresh25, fresh26), with invented cases.

@pytest.mark.parametrize("text,word", [
    ("Doctor l think when l ring l get help fast", "l"),
    ("the staff are so patient thorough and polite The nurse explained it all", "polite"),
    ("saw the nurse at teatime and it was fine", "teatime"),
    ("poor Cust service on the phone again", "Cust"),
    ("they never logged me in Had to sit for ages", "Had"),
    ("he was quick in organising the referral", "organising"),
    ("my GERD flared up again last week", "GERD"),
    ("support for Haredi women is thin here", "Haredi"),
])
def test_round_twenty_read_words_stay_words(anonymiser, text, word):
    """All eight fail before the second part (aad1570)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("nurse was kind Pharmasy very quick", "Pharmasy", "OTHER_NAME", "names.proper_noun.v1"),
    ("the NHSwebsite is hard to use", "NHSwebsite", "ORGANIZATION", "spacy.ner.v1"),
    ("the Gyne clinic rang", "Gyne", "PERSON", "spacy.ner.v1"),
])
def test_the_filter_drops_a_mistyped_or_glued_word(text, word, entity, recognizer):
    """All three fail before the second part (aad1570)."""
    assert not kept_by_filter(text, word, entity, recognizer)


@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("we live on Mersae with the kids", "Mersae", "LOCATION", "spacy.ner.v1"),
    ("Dr Okafor, GP, Hulne", "Hulne", "LOCATION", "spacy.ner.v1"),
    ("we meet at Hulne police station", "Hulne", "LOCATION", "spacy.ner.v1"),
])
def test_the_filter_keeps_a_place_that_looks_like_a_slip(text, word, entity, recognizer):
    assert kept_by_filter(text, word, entity, recognizer)


@pytest.mark.parametrize("text,value", [
    ("rowan and her dad drove me to the hearing", "rowan"),
    ("opal behind the bar at the Swan sat with me", "opal"),
    ("the doctor on nights, fern i think her name was, stayed late", "fern"),
    ("the call on 3 11 24 was helpful", "3 11 24"),
])
def test_round_twenty_read_slots_name_a_person_or_date(anonymiser, text, value):
    """All four fail before the second part (aad1570)."""
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the drinks behind the bar were cheap", "drinks"),
    ("it takes miles and her dad drove anyway", "miles"),
    ("we were all efficient and polite and I think it showed", "polite"),
    ("I rang on 2 3 4 occasions before anyone answered", "2 3 4"),
])
def test_round_twenty_read_guards(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
