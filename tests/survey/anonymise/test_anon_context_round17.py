"""Round seventeen of the context rules, from the sixth real-text source once it was development
(answers whose owner masked names as "PERSON" and stripped stops and apostrophes): an everyday
word a stripped stop left capitalised mid-line ("dismissed Patronising and unhelpful") is no
name or place, while a name or place there still is; a letter's closing ("Kind Regards"), "and
Co" after a name, an assistant's abbreviation ("Asst Manager") and the GP booking systems every
practice uses ("Systmonline") name no one; two initials an export spaced out after "to" or
"from" ("trail over to K B") are a place of care, while a stripped abbreviation ("to A E") is
not; an age after a bound sign (">50yo") is an age group, not anyone's age. Then, from the
second batch once read: a signature's stripped domain, area code and run-together date are
hidden; a weekday, a threshold age, "doctor v friendly", an operation's initials, pieces of the
mask word, another language's lower-case words and a misspelt medicine are not.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,word", [
    ("the receptionist kept talking over me and we were made to feel small Patronising and "
     "rude every single time", "Patronising"),
    ("the receptionists were lovely to my mum Marvellous really and the nurse was kind",
     "Marvellous"),
    ("the staff at reception have always been good to us Polite and helpful whenever we call",
     "Polite"),
])
def test_an_everyday_word_a_stripped_stop_left_capitalised_is_no_name(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a name and a place keep their capital for a reason, stops or none
    ("the receptionist was rude to my mother but then Jackson sorted the whole thing out for "
     "us in minutes", "Jackson"),
    ("we were sent all the way over to Preston for a scan that took five minutes and nobody "
     "told us why", "Preston"),
    ("she has been our family doctor for years and Hope always finds time for my dad when he "
     "is poorly", "Hope"),
    # a rare WordNet entry is often a proper noun
    ("there is one specialist officer for the whole Hebrides division and she covers every "
     "island", "Hebrides"),
])
def test_a_name_or_place_without_stops_still_counts(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Please pass on our thanks to the nurses Kind Regards", "Kind Regards"),
    ("I asked the Asst Manager to look at my repeat prescription and she sorted it", "Asst"),
    ("I tried to book through Systmonline twice this week and got nothing at all",
     "Systmonline"),
    ("we had a letter after it was on the BBC news about waiting lists", "BBC"),
])
def test_a_closing_a_role_or_a_national_system_names_no_one(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_and_co_after_a_name_is_no_second_person(anonymiser):
    text = "seen by dr okafor and co was very impressed with them all"
    dets = anonymiser.detect_batch([text])[0]
    co = text.lower().index(" and co") + 5
    assert touched(text, dets, text[text.lower().index("okafor"):][:6]), spans(text, dets)
    assert not any(d.start == co for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("it would be easier to be seen here rather than having to trail over to K B which takes "
     "two buses", "K B"),
    ("the letter came from R T but the practice never acted on it", "R T"),
    ("I was told to go to K R for the blood test", "K R"),
])
def test_two_spaced_initials_after_to_or_from_are_hidden(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I was sent to A E and waited all night", "A E"),
    ("they referred me back to G P and nothing happened", "G P"),
    ("my daughter moved back to U K last year", "U K"),
    ("the wait went from A to B in one morning", "A to B"),
])
def test_a_stripped_abbreviation_after_to_stays(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value,hidden", [
    ("Do you have any special preventative health checks for >50yo Thanks", "50yo", False),
    ("there should be separate clinics for the <18 years old", "18 years old", False),
    ("my son is 9yo and loves the practice nurse", "9yo", True),
])
def test_an_age_after_a_bound_sign_is_an_age_group(anonymiser, text, value, hidden):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value) is hidden, spans(text, dets)


# After the second batch of the sixth source was scored held out and read (round seventeen's
# second part): what its misses and false alarms taught, again in invented sentences.

@pytest.mark.parametrize("text,value", [
    # a signature whose stops an export stripped: a domain, an area code the owner's phone
    # mask left, a date written as one word
    ("we should meet the doctors more often regards Dr PERSON kelbyfarm com 0207 [*PHONE*]",
     "kelbyfarm com"),
    ("we should meet the doctors more often regards Dr PERSON kelbyfarm com 0207 [*PHONE*]",
     "0207"),
    ("you can write to me at oakhamfarm co uk or leave a message", "oakhamfarm co uk"),
    ("my dob is 21sept1958 and they still got it wrong on the letter", "21sept1958"),
    ("the appointment on 3march2024 was cancelled twice", "3march2024"),
])
def test_a_signature_or_date_with_its_stops_stripped_is_hidden(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("look it up on nhs uk or 111 nhs uk before you come in", "nhs uk"),
    ("the com was down so we waited for an hour", "com"),
    ("it was 19 minutes before anyone answered and 2 hours for a call back", "19"),
])
def test_a_national_site_or_a_word_before_com_stays(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("they should open on Saturdays for people working Mondays to Fridays", "Fridays"),
    ("you only get a same day slot if you are under the age of 40 which seems unfair", "40"),
    ("the nurse explained it all and the doctor v friendly", "v friendly"),
    ("I wanted to ask the nurse about my FHR surgery next month but nobody rang back", "FHR"),
    ("thanks to the staff Dr PERSON RSON was kind and so was PERSON RSON at the desk",
     "RSON at"),
    ("the pressure on the practice from Brexit and the pandemic is obvious", "Brexit"),
    ("the phones are never answered at the receptionist Waiting time is up to an hour most "
     "mornings", "Waiting"),
    ("most of the doctors here have been helpful over the years Latterly Dr PERSON has done his "
     "best for me", "Latterly"),
])
def test_a_weekday_a_threshold_very_an_operation_or_a_slip_is_no_identifier(anonymiser, text,
                                                                              word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("the nurse v was lovely with my son", "v"),
    ("I registered at the ABC surgery last year and it has been fine", "ABC surgery"),
    ("Dr PERSON velmaro was great with my mum", "velmaro"),
    # a piece of a practice's name the mask left, one letter from an everyday word ("print")
    ("I went into Linden PERSON brint for a blood test", "brint"),
    ("my grandson turned up on 2nd of may with the wrong letter", "2nd of may"),
])
def test_what_those_rules_leave_alone_is_still_hidden(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    # an answer in another language: the English name list's lower-case hits say nothing
    ("la dottoressa è stata molto gentile e molto umana con mia madre grazie di tutto", "umana"),
    ("sestra je bila vrlo ljubazna i strpljiva sa mnom hvala vam svima", "vrlo"),
    # a negative's half written in capitals with its apostrophe stripped
    ("she says they DON T DO that here", "DON"),
])
def test_another_languages_words_and_a_shouted_negative_are_no_names(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_capitalised_name_in_another_language_is_still_hidden(anonymiser):
    text = "servizio ottimo con la dottoressa Kelbini molto professionale e molto gentile"
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, "Kelbini"), spans(text, dets)


def test_a_signature_of_names_and_places_is_no_other_language(anonymiser):
    text = "Warm wishes, rev. jo kelbury, st marys ashbourne"
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, "jo kelbury"), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    # a medicine or a test misspelt by two letters is still a word, not an organisation
    ("my doctor prescribed Simvastaten and then changed my dose twice", "Simvastaten"),
    ("my mum was surprised that Omeprazoll was left off her repeat list", "Omeprazoll"),
])
def test_a_misspelt_medicine_is_no_identifier(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a place no list holds, and near no medicine or frequent word with its first letters
    ("we were sent over to Westfield for the scan and then back to the surgery", "Westfield"),
])
def test_a_place_near_no_word_stays_hidden(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)
