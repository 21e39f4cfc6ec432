"""Round thirty-one of the context rules, from the development sets (fresh37 and nd4 once read).

Minutes and chronologies name professionals by two capitals before their post in brackets
("KP (DSL) to ring", "SO (Health)", "ME (health visitor)"), and once one mention is found, every
other mention of the same capitals in that note is the same person ("ED (Education) ... ED to
check"). Case notes keep a family unnamed by a letter or initials in brackets after the word for
who they are ("nan (W)", "stepdad (L.T.)", "her children (F 7, G 4)"), or what someone is to
the client in brackets after their letter ("J (ex)"). A dated line opens with the person it is
about ("11/03/26 Y reports", "Jan 9 Q and R seen", "Tue 4/2: RK met"). A letter owns what any
client has ("Y's new phone", "T's bail conditions"), lists of letters follow "for", "re",
"with" and "that" ("for F, G and H", "re P and Q", "asked that W and Z are") and an age may
stand in brackets before a stop ("Children: E (9), F (6).", "C (now 15)"). Capitals that spell
a word more often meant as one own a line only before a worker's task ("NO to arrange", "DO to
send").

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round thirty-one (on 2dce33b); the others
are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,name", [
    ("Strategy meeting. KP (DSL) to ring the youth club about the rota.", "KP"),
    ("Present: LM (chair), SO (Health), ED (Education). LM opened the meeting.", "SO"),
    ("Present: LM (chair), SO (Health), ED (Education). LM opened the meeting.", "ED"),
    ("Present: LM (chair), SO (Health), ED (Education). ED to check the roll.", "ED"),
    ("Core group. Present: IF (nursery), ME (health visitor). ME to chase the clinic.", "ME"),
    ("Core group. Present: IF (nursery), ME (health visitor). IF to feed back.", "IF"),
    ("Visit done; nan (W) happy for the girls to stay over the weekend.", "W"),
    ("Checks requested on stepdad (L.T.) and his brother.", "L.T."),
    ("Her children (F 7, G 4) are with their aunt this week.", "F"),
    ("Her children (F 7, G 4) are with their aunt this week.", "G"),
    ("Risks: J (ex), his friends, money owed.", "J"),
    ("11/03/26 Y reports threats by text from a new number.", "Y"),
    ("Jan 9 Q and R seen together at the drop in.", "Q"),
    ("Tue 4/2: RK met the family at the library.", "RK"),
    ("Please pass on Y's new phone number to the hostel.", "Y"),
    ("Officer to confirm T's bail conditions before the visit.", "T"),
    ("Pastoral team to arrange support for F, G and H after half term.", "G"),
    ("Hi Rhian, re P and Q, can you confirm the school?", "P"),
    ("Chair asked that W and Z are not named in the letter.", "W"),
    ("Plan: Children: E (9), F (6). Review in six weeks.", "E"),
    ("Minutes. C (now 15) and her brother discussed.", "C"),
    ("Actions. NO to arrange a room for the next meeting.", "NO"),
    ("Actions. DO to send the chronology to the chair.", "DO"),
])
def test_people_in_minutes_and_chronologies_are_masked(anonymiser, text, name):
    """19 of the 23 fail before round thirty-one; "KP (DSL)", "stepdad (L.T.)", "RK met" and
    "re P and Q" were found already (by another slot) and stay as guards of the new ones."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Core group: E (9) and her brother F (6) stay on plans.", "9"),
    ("Core group: E (9) and her brother F (6) stay on plans.", "6"),
    ("Plan: Children: E (9), F (6). Review in six weeks.", "6"),
    ("Her children (F 7, G 4) are with their aunt this week.", "4"),
    ("Referral made for her sister (N, fifteen) who visits at weekends.", "fifteen"),
])
def test_ages_beside_a_letter_in_brackets_are_masked(anonymiser, text, value):
    """All fail before round thirty-one (a single figure, a figure in a family's list, an age
    in words)."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("She was seen in ED (Emergency Department) overnight.", "ED"),
    ("I have ME (chronic fatigue) and cannot do long visits.", "ME"),
    ("We went for Plan B (2) in the end, then Option C (3).", "B"),
    ("She had a C section last year and it went fine.", "C"),
    ("Mind your P's and Q's, she got A's and B's at school.", "P"),
    ("Say NO to bullying posters went up. DO to others as you would.", "NO"),
    ("ME to rest more, the GP said, and IF to be honest it helps.", "ME"),
    ("12/10 GP appointment missed; 14/07 CT scan booked.", "GP"),
    ("03/12 AM appointment moved; 1 Dec PM visit cancelled.", "AM"),
    ("Ward C (3) closed and Vitamin D (1000 units) was started.", "D"),
    ("Ward C (3) closed and the visit moved.", "3"),
    ("Sam Lloyd (2 visits) rang again; Room 4 (2 beds) is free.", "2"),
])
def test_abbreviations_plans_and_grades_stay_words(anonymiser, text, word):
    """Guards: an abbreviation spelt out in brackets, a plan, a grade, a section, a slogan, an
    appointment's time and a vitamin are no one. "Plan B (2) in" fails before round
    thirty-one: a letter before a number in brackets was read as someone's age."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Some nights I just pray to Allah and it gets me through.", "Allah"),
    ("My nan says Bhagwan looks after us, and I hold on to that.", "Bhagwan"),
    ("Thank you to the whole group. Khuda hafiz.", "hafiz"),
    ("I will take this to the General Medical Council if I have to.", "Medical"),
    ("The complaint went to the Integrated Care Board last month.", "Integrated"),
    ("The nurse was very patient, polite, understanding and kind.", "polite"),
])
def test_words_for_god_national_bodies_and_praise_are_kept(anonymiser, text, word):
    """All fail before round thirty-one: a faith's name for God and a farewell in its name, a
    national regulator, the board every area has, one word of a list of praise."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("My aunty says Bhagwan sees everything, and that helps.", "Bhagwan"),
    ("Hashem got me through the trial, and my rabbi did.", "Hashem"),
    ("The elders mean well. Jehovah sees all, I know that.", "Jehovah"),
])
def test_a_faiths_name_for_god_before_a_verb_is_kept(anonymiser, text, word):
    """All fail before the second half of round thirty-one (on 5bf837a; fresh38, once read): a
    name for God that the first-name list also holds, before a verb, was read as a person."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_person_called_by_a_name_for_god_after_a_title_is_still_masked(anonymiser):
    """Guard: a title makes the word a person's name ("Mr Bhagwan")."""
    text = "Mr Bhagwan at the housing office sorted my flat."
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Bhagwan"), spans(text, dets)
