"""Round twenty-nine of the context rules, from the development sets (fresh35 and nd2 once read).

Workers name a client by a letter wherever the note puts it ("Client Q presents as tired",
"a call about client W.", "client P's flat"), several at once ("Clients B, K and N were told"),
and then by the letter alone ("... V agreed"); a child by a letter ("Child Z, 9, told her
teacher"). Handover lines are owned by initials that spell an interjection ("AH to ring the
school", "UM aware") and by initials back on a weekday ("RP back Mon."). A name opening a
clause before who they are to the writer needs no verb after ("June my counsellor knew", "fern
my key worker at the leaving care team in Leeds got my files"). Case notes give a day and month in two figures opening a sentence ("Notes
below. 07/03 home visit"), and after "interviewed", "charged", "released", "informed", "added",
"passed", "signed", "hearing" or "leave". Ages: a step in a life taken at an age ("i moved out
at 17 and", "he retired at 64, then"), and where a child was from an age ("i was at the convent
school from 7.", "i was in care from 9 til i was 16").

Precision: a score out of ten opening a review ("10/10 would recommend") is no date, a score
after "staff." is no reference number, and a count after a verb of telling ("informed 8/10
people") is no date.

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round twenty-nine (on deaf056); the others
are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,name", [
    ("Client Q presents as tired and low, sleeping badly.", "Q"),
    ("Thanks for the call about client W. We can offer Tuesday.", "W"),
    ("Visit to client P's flat with the housing officer.", "P"),
    ("Referral for client N now 6 months on the waiting list.", "N"),
    ("Client G wants to know if she can change worker.", "G"),
    ("Subject: client D Hi all, the school rang again.", "D"),
    ("Clients B, K and N were told about the move.", "B"),
    ("Clients B, K and N were told about the move.", "K"),
    ("Clients B, K and N were told about the move.", "N"),
    ("Client V was upset by the letter. V agreed to a call on Monday.", "agreed"),
    ("Strategy discussion: Child Z, 9, told her teacher at lunch.", "Z"),
    ("Duty log: AH to ring the school about the pick-up.", "AH"),
    ("Handover 4/3. UM aware. AH unable to reach mum, will retry.", "AH"),
    ("Handover 4/3. UM aware. AH unable to reach mum, will retry.", "UM"),
    ("Update. RP back Mon. Nothing else.", "RP"),
    ("fern my key worker at the leaving care team in Leeds got my files back", "fern"),
    ("June my counsellor knew without me saying", "June"),
])
def test_clients_by_letter_owners_and_named_workers_are_masked(anonymiser, text, name):
    """All fail before round twenty-nine but "Client G wants", "Clients ... N", the child by
    a letter and "UM" (found before by other rules). "agreed" marks the letter alone after
    the client's letter was found: the check is that the later "V" is masked."""
    dets = anonymiser.detect_batch([text])[0]
    if name == "agreed":
        at = text.index("V agreed")
        assert any(d.start <= at < d.end for d in dets), spans(text, dets)
    else:
        assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Notes below. 07/03 home visit with the social worker.", "07/03"),
    ("Notes below. 07/03 home visit. 09/03 call with mum.", "09/03"),
    ("The man was interviewed under caution 22/10 and bailed.", "22/10"),
    ("Housing informed 14/02, no reply yet.", "14/02"),
    ("Marker added 05/11 to the address.", "05/11"),
    ("Consent form signed 19/01 by both parents.", "19/01"),
    ("Next hearing 16/06 at the youth court.", "16/06"),
    ("SB on leave 22/12 to 03/01, duty covering.", "22/12"),
    ("i moved out at 17 and never went back", "17"),
    ("he retired at 64, then the letters started", "64"),
    ("i finally told my GP at 52 and she listened", "52"),
    ("i was at the convent school from 7. nobody came.", "7"),
    ("i was in care from 9 til i was 16 and moved a lot", "9"),
])
def test_case_note_dates_and_ages_in_a_life_are_masked(anonymiser, text, value):
    """All but "told my GP at 52" (an earlier rule's) fail before round twenty-nine."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("10/10 would recommend the practice to anyone", "10/10"),
    ("Lovely staff. 10/10 from me.", "10/10"),
    ("I was informed 8/10 people wait longer than this", "8/10"),
    ("i hope my worker rings back soon", "hope"),
    ("I worked from 9 to 5 every day that year", "9"),
    ("the clinic opened at 18 and closed at 20 on Fridays", "18"),
    ("we lived at the farm from 6 and the school bus came at 8", "6"),
    ("patients A and E were busy that night", "E"),
    ("the patient C diff result came back", "C"),
    ("Ah to be honest it was fine in the end", "Ah"),
    ("AH TO BE HONEST THEY DID THEIR BEST", "AH"),
    ("the client I saw on Monday was calmer", "I"),
])
def test_scores_counts_wishes_hours_and_interjections_are_words(anonymiser, text, word):
    """Guards, and two that fail before round twenty-nine: "10/10 would recommend" (read as
    a date) and "staff. 10/10" (read as a reference); "8/10 people" guards the new verbs of a
    case note's date."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
