"""Round thirty of the context rules, from the development sets (fresh36 and nd3 once read).

Workers name the people a note is about by a letter with no "client" before it: opening a line
before what the person is, wants or did ("W aware of the plan", "B prefers a call", "T re her
housing"), after "that" ("the GP confirms that Z has"), as the one a worker meets, rings or
moves ("unable to reach V today", "DL met Y at the library", "mum of K."), before an age ("F
(16) attends", "for U, 27, who"), owning what a client has ("N's advocate", "L's appointments")
and in lists ("covering J and M", "B, D and R have all asked"); a student by a letter ("student
Q"). A note opens by naming its reader before its business ("Glen - as discussed", "Sue - re
the form"), and a court note names the defendant in the case's name ("R v Pemberton"). The
age beside such a letter is an age ("H is 15 and", "F (16)", "U, 27,"). Initials that spell a
short word own a line before a task or what the note records ("SO to ring the school", "BE to
book", "IS explained", "AT unavailable"), and a post in brackets may stand between initials
and their task ("JO (duty ISVA) spoke", "OK (Student Services) to move"). Case notes
date more steps ("application submitted 11/03", "enquiry opened 04/02", "Case closed 27/01",
"incident 08/12,", "Police report: 12/10.") and name an event by its date ("for the 19/11
pre-trial visit").

Identity words kept: a society's short name ("the LGBT soc") and words for God in Sikh, Jewish
and Hindu faith ("Waheguru", "Baruch Hashem", "Jai Shri Krishna").

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round thirty (on 344d817); the others are
guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,name", [
    ("Left a message. W aware of the plan for Friday.", "W"),
    ("Hi Dale, B prefers a call after four, not a text.", "B"),
    ("Morning Sue, T re her housing: the council wrote again.", "T"),
    ("Letter from the GP confirms that Z has a hearing loss.", "Z"),
    ("Rang twice but unable to reach V today, will try tomorrow.", "V"),
    ("DL met Y at the library after college.", "Y"),
    ("Called the mum of K. She wants a meeting.", "K"),
    ("New referral: F (16) attends the pupil referral unit.", "F"),
    ("Referral from the walk-in centre for U, 27, who uses a wheelchair.", "U"),
    ("N's advocate asked for the visit to be moved.", "N"),
    ("Can you send L's appointments to her new address?", "L"),
    ("I am covering J and M while Ffion is on leave.", "J"),
    ("I am covering J and M while Ffion is on leave.", "M"),
    ("B, D and R have all asked for a woman interpreter.", "D"),
    ("Welfare check: student Q not seen since Tuesday.", "Q"),
    ("Spoke to E after group. E wants to go to the police now.", "E"),
    ("Left vm. SO to ring the school again on Monday.", "SO"),
    ("Rooms. BE to book the hall for the Deaf group.", "BE"),
    ("Call with the OIC. IS explained why the phone is kept.", "IS"),
    ("Rota: AT unavailable this week, cover arranged.", "AT"),
    ("JO (duty ISVA) spoke to mum about the hearing.", "JO"),
    ("Agreed: OK (Student Services) to move her to another flat.", "OK"),
    ("Glen - as discussed, the visit is now Thursday.", "Glen"),
    ("Sue - re the CICA form, it went off today.", "Sue"),
    ("Court note: the trial of R v Pemberton starts on Monday.", "Pemberton"),
])
def test_people_by_a_letter_and_initials_that_spell_words_are_masked(anonymiser, text, name):
    """All fail before round thirty. In "Spoke to E after group. E wants", the first "E" is
    masked because the second was found."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Year 10 pupil. H is 15 and in foster care.", "15"),
    ("New referral: F (16) attends the pupil referral unit.", "16"),
    ("Referral from the walk-in centre for U, 27, who uses a wheelchair.", "27"),
    ("One tenant, 88, told the warden on her round.", "88"),
    ("CICA: application submitted 11/03, reference to follow.", "11/03"),
    ("Safeguarding enquiry opened 04/02 about the home.", "04/02"),
    ("Case closed 27/01 at her request.", "27/01"),
    ("Night out incident 08/12, two students involved.", "08/12"),
    ("Timeline. Police report: 12/10. Interview: 20/10.", "12/10"),
    ("Please book a BSL interpreter for the 19/11 pre-trial visit.", "19/11"),
])
def test_ages_beside_a_letter_and_case_note_dates_are_masked(anonymiser, text, value):
    """All fail before round thirty."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("my report said 3/4 of the staff were kind", "3/4"),
    ("the 9/10 review score was from last year", "9/10"),
    ("plan B is to ask the school for help", "B"),
    ("I took vitamin D for months and saw no change", "D"),
    ("We went from A to B and back on the bus", "B"),
    ("OK to text her on the work phone.", "OK"),
    ("So to be clear, I did report it.", "So"),
    ("AM to PM the phones are staffed", "AM"),
    ("The doctor in A and E was kind", "E"),
    ("we were on E at the party, not proud of it", "E"),
    ("Court note: the trial of R v Pemberton starts on Monday.", "v"),
    ("Note - re the CICA form, it went off today.", "Note"),
    ("I WAS CALLED TO SEE K AT THE HOSTEL", "K"),
])
def test_plans_vitamins_shares_and_permissions_are_words(anonymiser, text, word):
    """Guards. "A and E" fails before round thirty (the "E" read as a person opening a clause
    before "was"); "3/4 of the staff" guards "report" as a new word dating a note; the rest
    pass before and after."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("tom from the LGBT soc came with me to the station", "LGBT soc"),
    ("she said Waheguru is with you and I believed her", "Waheguru"),
    ("Baruch Hashem, the hearing is over", "Baruch Hashem"),
    ("Jai Shri Krishna, I finally feel safe at home", "Jai Shri Krishna"),
])
def test_faith_expressions_and_society_names_are_kept(anonymiser, text, word):
    """All fail before round thirty (the society's short name and the words for God were
    masked as names or organisations)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
