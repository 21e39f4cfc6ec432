"""Round thirty-two of the context rules, from the development sets (fresh38 and nd5 once read).

A case note that already names one person by a letter names others the same way: every other
capital letter standing alone near it is a person too ("RE: W (DOB ...) and V (DOB ...)",
"Plan for G, H and baby J"), unless it is a label's letter ("plan B", "hep C", "chest X ray",
"A and E"), and two capitals owning a task for or with such a letter are initials even when
they spell a word ("OR for H; AS with H's gran"). An age in brackets after a name may go on
with what the person does ("(20, third year, nursing)"), a surname that is also a town or a
rare word does not stop it ("Mrs Edna Marsh (91)"), and an age listed after an age is one too
("I was 12 and 13"). A lower-case title before a first name that is also a month or a verb is
a person where only a person can follow ("miss june at primary"). "ISoc" (a university's
Islamic society) and "Windrush generation" are identity words, kept; "However" opening a
sentence before a name is no name listed with it. The second gate flags more
posts of one: "we have one ... for 6,000 students", "the only ... for miles", "the only
Gujarati speaking nurse in ...", "I'm the deputy at ...", "my uncle was the caretaker there".

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round thirty-two (on 3b36a1f); the others
are guards.
"""

from __future__ import annotations

import re

import pytest
from anon_helpers import spans
from anon_helpers import word_covered as _covered
from anon_helpers import word_touched as _touched

from survey.anonymise.suspicious import suspicious_tokens


@pytest.mark.parametrize("text,name,nth", [
    ("RE: W (DOB 02.03.2013) and V (DOB 11.07.2016). W told her teacher on Friday.", "V", 0),
    ("Visit 3/3 with the duty worker: K (mum) at home, K and the twins D (6) and E (6) seen.",
     "K", 1),
    ("Update: G is staying with her aunt. Plan for G, H and baby J agreed at the meeting.",
     "J", 0),
    ("C (12) seen at school with her tutor. SJ to chase the school. TB to ring the family.",
     "TB", 0),
    ("Home visit with H and her gran. OR for H; AS with H's gran next week.", "OR", 0),
    ("Home visit with H and her gran. OR for H; AS with H's gran next week.", "AS", 0),
    ("Trial listed for March. Our client M requests screens at court.", "M", 0),
])
def test_other_letters_in_a_note_that_names_people_by_letters_are_masked(anonymiser, text,
                                                                         name, nth):
    """Six of the seven fail before round thirty-two; the twins' line (its second "K", which
    another slot found already) stays as a guard. "client M requests" was dropped as if
    "requests" named software after it."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name, nth), spans(text, dets)


@pytest.mark.parametrize("text,word,nth", [
    ("K was seen by the GP and sent for a chest X ray. K is fine.", "X", 0),
    ("P (8) is settled. Plan B agreed with P's mum if the school says no.", "B", 0),
    ("T (15) has hep C and sees the nurse; T is doing well.", "C", 0),
    ("Took R (4) to A and E on Sunday; R was checked over.", "E", 0),
    ("Took R (4) to A and E on Sunday; R was checked over.", "A", 0),
    ("M (9) takes vitamin D drops in winter; M is well.", "D", 0),
    ("P PERSON RSON very efficient and caring, D said so too.", "P", 0),
    ("Letter to the CPS re R v Oakes. Our client K asks for a screen.", "R", 0),
])
def test_a_labels_letter_near_a_letter_for_a_person_stays_a_letter(anonymiser, text, word,
                                                                    nth):
    """Guards: the "P" before the mask the data owner left ("P PERSON RSON"), the chest "X"
    and the Crown's "R" in a case's name failed on this round's drafts of the rule."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word, nth), spans(text, dets)


def test_letters_alone_in_an_answer_with_no_letter_for_a_person_stay_letters(anonymiser):
    """Guard: no letter was found for a person, so none is read as one."""
    text = "We got an A in the exam and a B in the mock, then Plan B for the rest."
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, "B", 0), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Safeguarding note: Mrs Edna Marsh (91) moved to the upstairs lounge.", "91"),
    ("Case note 2/2: Client Cara Fenn (20, third year, nursing) seen with a friend.", "20"),
    ("we were 9 and 11. nobody asked us anything", "11"),
])
def test_ages_after_a_name_and_listed_after_an_age_are_masked(anonymiser, text, value):
    """All three fail before round thirty-two."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, value, 0), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i was 12 and had 13 sessions in the end", "13"),
    ("The staff on Ward B (3) were lovely to my dad.", "3"),
])
def test_a_count_after_an_age_or_a_wards_number_is_no_age(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word, 0), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("miss june at primary was the one i told first", "june"),
    ("mrs may from the office, she rang my mum", "may"),
])
def test_a_month_or_a_verb_as_a_name_after_a_lower_case_title_is_masked(anonymiser, text,
                                                                          name):
    """Both fail before round thirty-two."""
    dets = anonymiser.detect_batch([text])[0]
    assert _covered(text, dets, name, 0), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i miss june, the long light evenings", "june"),
    ("we really miss may and the bank holidays", "may"),
])
def test_miss_as_a_verb_before_a_month_is_no_title(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word, 0), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("The ISoc women's circle helped me more than wellbeing did.", "ISoc"),
    ("Grandad was Windrush generation and never trusted the police.", "Windrush generation"),
])
def test_a_societys_short_name_and_a_generation_of_migrants_are_kept(anonymiser, text, word):
    """Both fail before round thirty-two (a model read them as a firm and a person)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, word, 0), spans(text, dets)


def test_a_sentences_first_word_before_a_listed_name_is_no_name(anonymiser):
    """Fails before round thirty-two: "However" was read as a name listed with "Laura"."""
    text = "Waited ages at the walk-in again. However, Laura, the nurse there, was lovely."
    dets = anonymiser.detect_batch([text])[0]
    assert not _touched(text, dets, "However", 0), spans(text, dets)
    assert _covered(text, dets, "Laura", 0), spans(text, dets)


def _roles(text: str) -> list[str]:
    return [text[s:e] for s, e, k in suspicious_tokens(text) if k == "identifying_role"]


@pytest.mark.parametrize("text", [
    "As the only Tamil speaking support worker in [LOCATION 1]'s hospital team I get them all.",
    "Now I'm the only female paramedic in a two-crew rural station near [LOCATION 1].",
    "he's the only plumber for miles so everyone has had him round",
    "I'm the optician in [LOCATION 1], the only one for thirty miles.",
    "There is one specialist domestic abuse liaison nurse for 6,000 staff.",
    "WE HAD ONE DOCTOR FOR THE WHOLE ISLAND AND SHE WAS MY AUNT.",
    "I'm the midwife for two glens in [LOCATION 1] and the roads close in snow.",
    "I'm the deputy at The [ORGANIZATION 1] and we have residents who would talk.",
    "We lived next to [FACILITY 1] and my uncle was the caretaker there.",
    "Community chaplain at [LOCATION 1] market. Farmers talk to me between sales.",
    "I'm the only imam at the market and people know my car.",
])
def test_posts_of_one_are_flagged_for_review(text):
    """All eleven fail before round thirty-two."""
    assert _roles(text), text


@pytest.mark.parametrize("text", [
    "It was the only group work for teenage girls in the town and it closed.",
    "we have one RASSO team for the whole county and it is short staffed",
    "the only one in the city meets at a pub and i dont drink",
    "I'm the counsellor there on Tuesdays.",
    "the only service in the area is full",
])
def test_services_and_praise_are_not_flagged_as_posts_of_one(text):
    """Guards: the first two failed on this round's first draft (a person's word after "for",
    a team after "we have one")."""
    assert not _roles(text), _roles(text)
