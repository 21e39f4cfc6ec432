"""Round twenty-six of the context rules, from the development sets (fresh32 and fr13 once read).

Case notes and minutes give ages the way forms do: after who someone is and their name ("client
Nadia, 27,", "Baby Finn, 6 weeks."), after "is" ("Mother is 22 and", "The son was 12."), in a
list after the children ("two children aged 5 and 8", "Three kids, 2 and 6."), in brackets after
a name ("Ruby (6)"); young people after a nickname ("my lil sis is 8", "my mate tash is 17", "my
cousin dan who's 19"), workers where they sign who they are ("Trainee youth worker, 20,").
Minutes name owners after "Action" ("Action PW: ring the school"), in an imperative item ("4.
Hope send the letter"), as two capitals owning an item ("Action: GR refuge referral; TK
locks"), under an agency heading ("CSC: Dawn. Probation: JK."), by full name among attendees
("Present: Hope Carter (chair)"), after a post ("by the liaison officer, Jan."); a day and
month in figures in minutes of a meeting about a case is a date, and so is one before a clock
time. Posts held by one person go to the second gate when the answer says "there" after
naming the place, when the one post serves a counted population or lies "north of" a redacted
place, and when the answer opens with the post and its place ("Practice manager, [FACILITY 1].").
An age is said on the way to the next ("at 76 soon to be 77"). Not people: agencies' acronyms
("CSC", "DV"), "DOB", a pronoun "I" typed as "l" ("my GP l give"), an eponym before an
export's stripped "'s Disease", a kind of scan ("a Dexa scan").

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round twenty-six (on 0a5f617, 47 in all);
the others are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("Referral notes: client Nadia, 27, lives with her sister.", "27"),
    ("Visit notes: Baby Finn, 6 weeks. Mum Leanne, 19. Plan agreed.", "19"),
    ("Visit notes: Baby Finn, 6 weeks. Mum Leanne, 19. Plan agreed.", "6 weeks"),
    ("The health visitor came round. Mother is 22 and has no family nearby.", "22"),
    ("The son was 12. Nobody checked with the school.", "12"),
    ("Client's son is 14, and he is not at school.", "14"),
    ("Victim is 58 and disabled; the flat has stairs.", "58"),
    ("She has two children aged 5 and 8 at the local primary.", "8"),
    ("Three kids, 2 and 6. No space at the refuge.", "6"),
    ("Named on the plan: Ruby (6) and Alfie (3).", "6"),
    ("my lil sis is 8 so i cant talk at home", "8"),
    ("my mate tash is 17 and shes still waiting", "17"),
    ("my cousin dan who's 19 came with me to the station", "19"),
    ("one of our girls, 15, told me on the trip", "15"),
    ("Trainee youth worker, 20, based in the city centre.", "20"),
    ("Child 11, disclosed at school on Monday.", "11"),
    ("honestly it took years. 23 now and mostly fine", "23"),
    ("Baby aged 8 weeks on a child protection plan.", "8"),
    ("Thankfully at 76 soon to be 77 I hardly need them.", "76"),
    ("Thankfully at 76 soon to be 77 I hardly need them.", "77"),
])
def test_ages_in_case_notes_and_young_peoples_words_are_masked(anonymiser, text, value):
    """All fail before round twenty-six."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Children aged 5 and over can come to the group.", "5"),
    ("The partner was 5 minutes late again.", "5"),
    ("The mother was 1 of 3 referrals that week.", "1"),
    ("Young people aged 11 to 16 use the drop-in.", "16"),
    ("Three rooms, 2 and 4 beds each.", "2"),
])
def test_a_band_a_count_or_a_delay_is_no_age(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Client seen. Action PW: ring the school before Friday.", "PW"),
    ("Actions: 1. TB chase the report. 4. Hope send the letter to the court.", "Hope"),
    ("Action: GR refuge referral; TK locks and a doorbell camera.", "TK"),
    ("Chair: DI Shah. CSC: Dawn. Health: apologies. Probation: JK.", "Dawn"),
    ("Chair: DI Shah. CSC: Dawn. Health: apologies. Probation: JK.", "JK"),
    ("Case conference. Present: Hope Carter (chair), Dev (school).", "Hope"),
    ("The victim was told two days before by the liaison officer, Jan.", "Jan"),
    ("Minutes: \"Pat raised that the bail address was wrong.\"", "Pat"),
    ("Referral note: applicant DR, moving from Leeds.", "DR"),
])
def test_owners_and_people_in_minutes_are_masked(anonymiser, text, name):
    """All fail before round twenty-six."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Health: apologies. Education: none sent.", "apologies"),
    ("Action: GP referral to be made this week.", "GP"),
    ("Note: see above. Tip: ask early.", "Tip"),
    ("We are stretched for DV and SV work across the county.", "DV"),
    ("Present: all partners (see list). CSC: no update.", "CSC"),
    ("Referral note: applicant TM, DOB on file.", "DOB"),
    ("When l get help from my GP l give them good feedback.", "l give"),
    ("The nurse knows my Behcet s Disease and its flares.", "Behcet"),
    ("They booked me a Dexa scan for next month.", "Dexa"),
])
def test_no_person_in_an_agency_or_a_heading(anonymiser, text, word):
    """Guards, and five that fail before round twenty-six: "DV", "CSC", "l give", "Behcet" and
    "Dexa" were masked."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Actions from the 14/10 MARAC: housing to confirm the move.", "14/10"),
    ("Strategy meeting held. Bail conditions end 21/12. Victim to be told.", "21/12"),
    ("Medical booked at the children's centre for 18/10 09:30.", "18/10"),
])
def test_a_day_and_month_in_minutes_or_before_a_clock_is_a_date(anonymiser, text, value):
    """All fail before round twenty-six."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,post", [
    ("I work at [FACILITY 1] and I'm the only night worker there, so it's me.", "night worker"),
    ("I manage [FACILITY 1] and I'm the named safeguarding lead there.", "safeguarding lead"),
    ("I'm the only ISVA based on [LOCATION 1], so everyone knows my car.", "only ISVA"),
    ("I'm the only ISVA north of [LOCATION 1] and the roads are long.", "only ISVA"),
    ("I am the only wellbeing officer for 18,000 students.", "wellbeing officer"),
    ("The team has the only LGBT+ specialist ISVA in the whole of [LOCATION 1].", "ISVA"),
    ("I'm the named nurse for safeguarding at [FACILITY 1]. It is a lot.", "named nurse"),
    ("Practice manager, [FACILITY 1]. We now offer longer slots.", "Practice manager"),
    ("Chaplain at [FACILITY 1]. Some residents tell me first.", "Chaplain"),
    ("i go to [FACILITY 1] and the DSL is kind but never in.", "DSL"),
])
def test_one_post_goes_to_the_second_gate(text, post):
    """All fail before round twenty-six (the anonymised answer is read)."""
    from survey.anonymise.suspicious import suspicious_tokens

    roles = [text[a:b] for a, b, k in suspicious_tokens(text) if k == "identifying_role"]
    assert any(post in r for r in roles), roles


@pytest.mark.parametrize("text", [
    "ISVA, [ORGANIZATION 1]. Caseloads are too high.",
    "Nurse at [FACILITY 1] was kind to me.",
    "She was the only one there who listened, at [FACILITY 1].",
    "I'm the only counsellor I trust. It took years.",
    "The DSL should be trained in every school.",
])
def test_a_post_of_many_or_without_a_place_stays_out_of_the_gate(text):
    """Guards: a post a team shares, praise, a post with no place."""
    from survey.anonymise.suspicious import suspicious_tokens

    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text)), \
        suspicious_tokens(text)
