"""Round thirteen of the context rules, from v6 to v6e once each had been scored and read: an
answer the export cut at a field limit ends in a cut-off word ("... before disconn"), which is
no name; and a rare word that WordNet holds and no name or place list does ("Sepsis",
"Earache") is a word where no place stands; ages and names in real-text forms ("my Dads age,
93,", "(Lady 89)", "my granddaughter who is 2yrs", "nurse J0"). What such rules must leave
alone: a place cut at the limit, a name that is a word in its own right at the limit, a cut
word in a text of any other length, rare words standing where a place or a named unit does,
thresholds and waits.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched

from survey.anonymise.precision import FIELD_LIMITS, cut_last_word

_FILL = ("The crew were kind and calm with us all the way, and the hospital team explained "
         "each step of the plan before we went home that night. ")


def _at_limit(ending: str, limit: int = 255) -> str:
    """An invented answer exactly ``limit`` characters long that ends with ``ending``."""
    body = (_FILL * 10)[:limit - len(ending) - 1].rstrip()
    body = body + " " * (limit - len(ending) - len(body))
    text = body + ending
    assert len(text) == limit
    return text


@pytest.mark.parametrize("ending,word", [
    ("I rang back three times and was put on hold before disconn", "disconn"),
    ("The GP came out at once and then called out our Pr", "Pr"),
    ("The carers came and helped us instead. Shou", "Shou"),
    ("I am a carer myself and trea", "trea"),
    ("They were so good with my dad and me and m", "m"),
])
def test_a_word_the_export_cut_is_no_name(anonymiser, ending, word):
    text = _at_limit(ending)
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, ending[-len(word):]) , spans(text, dets)


@pytest.mark.parametrize("ending,value", [
    ("the crew cover a large area in Northumbe", "Northumbe"),
    ("and the nurse who rang me back was called Jo", "Jo"),
    ("I could not have got through it without my ISVA Rebec", "Rebec"),
    ("the group was run by Sam and the counsellor Jen", "Jen"),
])
def test_a_place_or_name_at_the_limit_stays_found(anonymiser, ending, value):
    text = _at_limit(ending)
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, text[len(text) - len(value):]) , spans(text, dets)


def test_the_cut_is_only_at_a_field_limit():
    assert 255 in FIELD_LIMITS and 4000 in FIELD_LIMITS
    assert cut_last_word(_at_limit("held on the line before disconn")) is not None
    assert cut_last_word(_at_limit("held on the line before disconn", 4000)) is not None
    shorter = _at_limit("held on the line before disconn")[1:]
    assert cut_last_word(shorter) is None
    assert cut_last_word(_at_limit("held on the line before disconn.")[:-1] + ".") is None


@pytest.mark.parametrize("text,word", [
    ("Pneumonia and Sepsis were picked up quickly by the team", "Sepsis"),
    ("Earache", "Earache"),
    ("My son had Scabies and they were brilliant with him", "Scabies"),
    ("Sciatica is why I rang, and they sent someone out fast", "Sciatica"),
])
def test_a_rare_word_in_no_list_is_a_word(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("the only SARC south of the Tees is miles away", "Tees"),
    ("the nurse on Bramble Ward was the first to ask", "Bramble"),
    ("we run a group at Brackwater Rotunda on Tuesdays", "Rotunda"),
])
def test_a_rare_word_where_a_place_stands_stays_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("they were kind about my Nans age, 91, and her hearing", "91"),
    ("Age: 67. Lives alone with two cats.", "67"),
    ("the crew were gentle with her (Lady 84) all the way", "84"),
    ("seen quickly (male, 52) and sent home the same day", "52"),
    ("it was my grandson who is 3yrs that had the fever", "3"),
    ("the nurse who came out was lovely, nurse K0", "K0"),
])
def test_ages_and_names_in_real_text_forms(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Age 18 and over only, the leaflet said", "18"),
    ("my son who was 4 yrs on the waiting list", "4"),
    ("the crew came 2 men (male crew) and were kind", "male"),
    ("The dentist said book for Dr 10 minutes later", "10"),
])
def test_their_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# From v6f's false alarms and misses once it had been scored: invented sentences of the same
# kinds, each failing on the code before.

@pytest.mark.parametrize("text,value", [
    ("they took my dad to Carlisle eye inf in the end", "Carlisle eye inf"),
    ("seen at Redcar general hosp after a long wait", "Redcar general hosp"),
    ("we went to the Bluebell centre on Friday for the group", "Bluebell centre"),
])
def test_v6f_kinds_of_identifier(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("111 should automatically send to A&E next time", "A&E"),
    ("please just send to A and E sooner", "A and E"),
    ("Decision by Medic on the phone was quick", "Medic"),
    ("We were told to go to Emergency Adult Care at the hospital", "Emergency Adult"),
    ("The overall service was fine and quick", "overall service"),
    ("The whole service was spot on", "whole service"),
    ("I KNOW YOU TRIED. AFTERALL IT WAS A BUSY NIGHT.", "AFTERALL"),
    ("the crew drove back to Durham to send the notes over", "send"),
    ("I am on the Autistic Spectrum and they listened", "Autistic Spectrum"),
    ("my son has Asperger's and the nurse was patient", "Asperger"),
])
def test_v6f_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_move_to_a_place_is_still_found(anonymiser):
    text = "we moved from hartlepool to seaham last year"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "seaham"), spans(text, dets)


def test_a_chain_of_moves_keeps_its_everyday_word_place(anonymiser):
    text = "passed from bath to bristol to reading and back again"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "reading"), spans(text, dets)


# From v6g's false alarms once it had been scored.

@pytest.mark.parametrize("text,word", [
    ("Because they were two lovely people and very calm", "two"),
    ("we were 3 in the car when it broke down", "3"),
    ("Erm. Not sure what to say, it was fine", "Erm"),
    ("The call on Microsoft Teams kept dropping", "Microsoft Teams"),
])
def test_v6g_look_alikes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("she was two when it happened", "two"),
    ("I work at Microsoft in the town", "Microsoft"),
])
def test_v6g_ages_and_employers_stay_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_the_field_limit_is_the_exported_length(anonymiser):
    # an invisible character inside the answer counts towards the export's 255
    text = _at_limit("I rang back three times and was put on hold before disconn")
    text = "\u200b" + text[1:]
    assert len(text) == 255
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, "disconn"), spans(text, dets)
    assert cut_last_word(text[1:], length=255) is not None


def test_a_projects_own_place_of_two_words_counts_in_any_slot():
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    an = build_anonymiser(AnonymiseConfig(places=("Beacon hub",))).load()
    for text, value in (("the Beacon hub in town do a womens group", "Beacon hub"),
                        ("BEACON HUB were brill with me", "BEACON HUB"),
                        ("thanks beacon hub", "beacon hub")):
        dets = an.detect_batch([text])[0]
        assert covered(text, dets, value), spans(text, dets)
    text = "a beacon of hope in the hub"  # its words apart are no place
    assert not an.detect_batch([text])[0]


# From a newcomer's own answers (round 13): leak forms they found.

@pytest.mark.parametrize("text,value", [
    ("Ch1oe at the front desk always smiled", "Ch1oe"),
    ("the nurse Em1ly sat with me all night", "Em1ly"),
    ("thanks to sar4h from the group", "sar4h"),
])
def test_a_name_with_a_digit_for_a_letter_is_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I was on B12 and e45 cream for a month", "B12"),
    ("see you 2day, b4 the group", "b4"),
    ("h3r answer was Y3s in the end", "h3r"),
    ("stuck on the A1 for an hour", "A1"),
])
def test_codes_and_text_speak_with_digits_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I was seen at the General and it was quick", "General"),
    ("they sent him over to the Royal for a scan", "Royal"),
])
def test_a_hospital_by_its_short_name_is_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the general public were kind to us", "general"),
    ("in general the staff were lovely", "general"),
    ("She works at the Royal Mail sorting office", "Royal"),
])
def test_general_and_royal_as_words_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(text[d.start:d.end] == word for d in dets), spans(text, dets)
