"""Round thirty-three of the context rules, from the development sets (fresh39 and nd6 once read).

A message that opens as one (a greeting, thanks, a pasted header) and closes with a first name
alone after its last sentence or after "ta," is signed by that person, even where the name is
also a word ("... see you at the hub. Dawn", "Ta, Will"). Two dotted capitals standing alone
are a person's initials ("K.T. declined the referral", "Sam (S.P.)") unless they are a dotted
abbreviation ("the U.K.", "my G.P.", "P.S."), which an age in brackets after them still
overrules ("one lad, M.A. (15)"). One capital before an age or a date of birth in brackets
is a person ("Re F (11) - school", "take R (DOB ...)"), not a label's letter ("plan B (2)").
A nickname made from a first name with "-o" ("tommo", "robbo") listed with a detected name is a
name too, and a text in capitals that opens "I AM <first name>." names its writer. Kept:
peoples within a country ("Hazara", "Pashtun", "Oromo"), more languages ("Lingala", "Sorani",
"Makaton"), the Ge'ez name for God ("Egziabher"), and "Islam" before what a faith teaches
("Islam says"). Not services or places: a sport, pastime or kind of group in lower case ("the
rugby club", "the boxing gym", "the food bank", "the veterans breakfast club", "at the depot").
"Sorry" after a greeting and "Fwd" are no names, nor a country after "moved to" a street.

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round thirty-three (on 6e3a99f); the others
are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import spans
from anon_helpers import word_covered as _covered
from anon_helpers import word_touched as _touched


@pytest.mark.parametrize("text,name", [
    ("Hi Nadia, the room at the hub is booked for the family meeting on Weds. Dawn", "Dawn"),
    ("From: duty inbox. Hello, can the lad go on the group list for spring? Ta, Will", "Will"),
    ("Thanks Priya. Both kids are settled at their nan's for now. Joy", "Joy"),
    ("Morning all, the rota is updated and the van is back in service. Rich", "Rich"),
])
def test_a_first_name_closing_a_message_signs_it(anonymiser, text, name):
    """All four fail before round thirty-three (the name is also a word)."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Hi, I rang twice this week and nobody picked up. Sorry", "Sorry"),
    ("Hi Lou, he's on lates at the warehouse so can only do Sundays. Ta", "Ta"),
    ("Thank you to the team. The care was great. Excellent", "Excellent"),
    ("the nurse was lovely and the wait was short. Grace", "Grace"),
])
def test_a_word_closing_a_message_or_a_name_closing_no_message_stays(anonymiser, text, word):
    """Guards: a word that is no first name or is thanks ("Ta", a name list's too: it failed
    on this round's draft of the rule), and a last word in a text that does not open as a
    message (the slot needs both)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Tracker: K.T. declined the referral and P.W. moved to her sister's.", "K.T."),
    ("Tracker: K.T. declined the referral and P.W. moved to her sister's.", "P.W."),
    ("Consent form attached for Sam (S.P.), who prefers texts.", "S.P."),
    ("Subject: new referral - J.R.. Self referral via the web form.", "J.R."),
    ("One lad, M.A. (15), was placed in an adult hostel.", "M.A."),
])
def test_two_dotted_capitals_standing_alone_are_initials(anonymiser, text, name):
    """All five fail before round thirty-three."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("I moved to the U.K. in 2019 and saw my G.P. the week after.", "U.K."),
    ("I moved to the U.K. in 2019 and saw my G.P. the week after.", "G.P."),
    ("She has an M.A. in social work. P.S. thanks for the leaflet.", "M.A."),
    ("She has an M.A. in social work. P.S. thanks for the leaflet.", "P.S."),
])
def test_dotted_abbreviations_are_no_initials(anonymiser, text, word):
    """Guards of the initials rule; "U.K." fails before round thirty-three all the same (read
    as a street after "moved to", the next test's bug)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we moved to England in 2015 for my husband's work", "England"),
    ("I came to the UK in 2019 and was moved to Scotland in 2021", "Scotland"),
])
def test_a_country_after_moved_to_is_no_address(anonymiser, text, word):
    """Both fail before round thirty-three (the country and the year read as a street)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Hi Jo, re F (11) - the school have confirmed she moved classes.", "F"),
    ("Can you take R (DOB 03/05/2012)? He would rather see a male worker.", "R"),
])
def test_a_letter_before_an_age_or_a_birth_date_in_brackets_is_a_person(anonymiser, text,
                                                                         name):
    """Both fail before round thirty-three."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we are on plan B (2) now and the leaflet is in room F (12).", "B"),
    ("we are on plan B (2) now and the leaflet is in room F (12).", "F"),
    ("she takes vitamin D (10 mcg) every morning", "D"),
])
def test_a_labels_letter_before_a_number_in_brackets_stays(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("only told smithy and robbo at the allotment, nobody else", "robbo"),
    ("never told anyone at work except wilko and tommo", "tommo"),
])
def test_a_nickname_made_from_a_name_listed_with_a_name_is_masked(anonymiser, text, name):
    """The second fails before round thirty-three ("tommo" is one letter from a word); the
    first is a guard (a nickname in no list)."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


def test_a_nickname_rule_leaves_words_ending_in_o(anonymiser):
    """Guard: everyday words ending in "o" listed together are no nicknames."""
    text = "the disco and the bingo and the radio were all we had"
    dets = anonymiser.detect_batch([text])[0]
    assert not any(_touched(text, dets, w) for w in ("disco", "bingo", "radio")), \
        spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("I AM GRACE. I AM DEAF. I WANT A COUNSELLOR WHO SIGNS.", "GRACE"),
    ("I AM BILL. I AM 58. PLEASE RING MY SISTER NOT ME.", "BILL"),
])
def test_a_text_in_capitals_that_opens_with_its_writers_name_masks_it(anonymiser, text, name):
    """Both fail before round thirty-three (re-cased, the name read as a word)."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


def test_a_text_in_capitals_that_opens_with_a_feeling_keeps_it(anonymiser):
    """Guard."""
    text = "I AM ANGRY. I AM DEAF. NOBODY BOOKED THE INTERPRETER AGAIN."
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, "ANGRY"), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("The caseworker said a Hazara woman of 60 had waited two years for a room.", "Hazara"),
    ("im 38, Pashtun from Kabul, and i drive a van in Leeds", "Pashtun"),
    ("We have two Oromo speaking volunteers now and it helps.", "Oromo"),
    ("she is from Kinshasa and speaks Lingala, so we booked an interpreter", "Lingala"),
    ("The interpreter spoke Sorani but my client speaks Kurmanji.", "Sorani"),
    ("My client uses Makaton and pictures to tell us what she wants.", "Makaton"),
    ("we give thanks to Egziabher at our church every sunday", "Egziabher"),
    ("my daughter told me Islam says we must not hide this", "Islam"),
])
def test_peoples_languages_and_words_for_god_are_kept(anonymiser, text, word):
    """All eight fail before round thirty-three (read as a group, a person, a firm or a
    place)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


def test_a_faiths_name_that_is_also_a_surname_after_a_title_is_masked(anonymiser):
    """Guard: a title names a person."""
    text = "Mr Islam from the housing office rang me back today."
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, "Islam"), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("nobody from the rugby club knew, only my brother", "rugby"),
    ("the coach from the boxing gym in Widnes was the one", "boxing gym"),
    ("Pat at the food bank in Walton gave me the number", "food bank"),
    ("Ken at the veterans breakfast club in Ripon listened", "veterans breakfast club"),
    ("he still works at the depot in Corby and i see his van", "depot"),
    ("it happened at sea cadets in Hull when i was 12", "sea cadets"),
])
def test_a_sport_pastime_or_kind_of_group_in_lower_case_is_no_service(anonymiser, text, word):
    """All six fail before round thirty-three (read as a town or a named service)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the sessions at the haven in kirkcaldy were the best thing", "haven"),
    ("we moved to rugby last year for his job", "rugby"),
])
def test_a_named_service_and_a_town_in_a_place_slot_are_still_masked(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert _touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Hi Maxine, Sorry for the slow reply. The letter went out on Monday.", "Sorry"),
    ("Fwd: FW: referral from the hub. From: Gwen Tallis Sent: Monday", "Fwd"),
])
def test_an_apology_after_a_greeting_and_a_forward_mark_are_no_names(anonymiser, text, word):
    """Both fail before round thirty-three."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)


# After scoring (fresh40 and nd7, once read): development since. Each case below fails on
# 3d613c1 unless its docstring calls it a guard.
@pytest.mark.parametrize("text,name", [
    ("Drop-in rota: mon joy, tues rich, weds off.", "rich"),
    ("Group chat, 2 Dec: Hope: \"who has the van keys\" / Carys: \"me\"", "Hope"),
    ("Open cases: PC 4417 (Field), DC 2290 (Doherty). Chase them on Monday.", "Field"),
    ("One of mine, J., is still waiting for a date.", "J."),
    ("When P. disclosed, the nearest SARC was two hours away.", "P."),
    ("Minutes: A.M. to ask the PA service about a loan phone.", "A.M."),
])
def test_rotas_chat_turns_officers_and_dotted_letters_name_people(anonymiser, text, name):
    """All six fail before the after-scoring rules."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we met on mon morning, tues evening and weds afternoon", "evening"),
    ("the session starts at 9 A.M. to give people time", "A.M."),
    ("we agreed plan B. was best for now", "B."),
    ('Note: "bring photo ID" / Reminder: "no phones"', "Note"),
])
def test_times_a_label_and_a_notes_heading_stay_words(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word), spans(text, dets)
