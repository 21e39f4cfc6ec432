"""Round twenty-eight of the context rules, from the development sets (fresh34 and nd1 once read).

Handover notes name who is where by their initials, outside any minutes ("TW on leave til Fri",
"LP aware.", "KT still waiting", "HCA RB documented it", "RM needs a call"); messages address a
colleague by name and a dash ("Rose - can you pick up ...") and sign with a first name and the
team in brackets ("Clay (SU Advice)"); workers name a client by a letter ("my client K (not her
real initial)", "one client, T, who", "Resident B.K. very distressed"). People are placed by their
team ("Heather on the HR team at ...") or union ("Dawn from the union"), a modal-spelt name by a
bracketed relation ("Will (my housemate) drove me"), a lower-case name by a possessive and a
family word ("holly's mum is a midwife"). Ages: the birthday left unsaid ("the night before my
18th"), a teenager or lad set off by commas ("an autistic lad, 15."), the young person someone
supports ("The young woman I support is 17"), "she's 31 with ...", a school year at a named school
("in year 8 at Hill Top Academy"; not the post "head of year 9 at ..."). Case notes: a day and
month in figures after "Next contact", "proposed", a handover, or opening a quoted note. Firms by
their trading word ("Streamline Taxis", "PRIME STAFFING"), gig platforms where someone works ("I
drive for Uber", "i do deliveroo"), a badge's code ("badge K-2231") and a badge number given a
few words later.

Precision: a national chain named as a patient's pharmacy in a prescription's story is a brand
("sent it to Boots"); a height in feet and inches is no age ("I am 6'3\""); "Ombudsman" is a
national office; in a text in another language a capitalised word opening a sentence, or NER's
run of a capital and lower-case words, is a word of that language (Cyrillic included).

The second gate: "the only" before a redaction standing as a word of the post ("the only [ORG 1]
liaison nurse at ..."), a shop steward or rep at a named place, "there is one ... counsellor, me",
and the one head of a department or manager of a site at a redacted place.

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round twenty-eight (on 478cdc1, 40 in all);
the others are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,name", [
    ("Handover 3/12. TW on leave til Fri, cover from the duty worker. LP aware.", "TW"),
    ("Handover 3/12. TW on leave til Fri, cover from the duty worker. LP aware.", "LP"),
    ("Night staff note: HCA RB documented it all at 0300.", "RB"),
    ("update: KT still waiting on the ABE date, court listed.", "KT"),
    ("we only use initials now, so \"RM needs a call about the date\".", "RM"),
    ("Rose - can you pick up the Leeds referral? I'm in court all day.", "Rose"),
    ("Fwd: rota. Heather - could you check the agency invoice please", "Heather"),
    ("May - can you ring the school back? Thanks", "May"),
    ("The drop-in is Thursdays, room 2. Please tell your students. Clay (SU Advice)", "Clay"),
    ("My client K (not her real initial) has a mild learning disability.", "K"),
    ("I had one client, T, who used signs to tell me.", "T"),
    ("Night report: \"Resident B.K. very distressed at 2am\"", "B.K."),
    ("Heather on the HR team at head office was good to me", "Heather"),
    ("Dawn from the union came in on a tuesday and sat with me.", "Dawn"),
    ("Will (my housemate) drove me to the SARC that night.", "Will"),
    ("ivy knows. holly's mum is a midwife so she helped", "holly"),
])
def test_people_in_handovers_messages_and_client_notes_are_masked(anonymiser, text, name):
    """All but six fail before round twenty-eight (on 478cdc1): "TW" and "Clay" (which NER
    read as organisations), "KT", "Heather" twice (once as a place) and "holly" were found
    before by other rules."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("it was the night before my 18th so it is all mixed up", "18th"),
    ("it happened at my 30th party and i left early", "30th"),
    ("I'm the dad of an autistic lad, 15. The police were kind.", "15"),
    ("The young woman I support is 17 and has ADHD.", "17"),
    ("I'm her aunt, she's 31 with Down's syndrome and lives with me.", "31"),
    ("My 13 year old is autistic and in year 8 at Hill Top Academy.", "year 8"),
    ("Case note: \"12/10 call with the landlord, agreed a move 14/10\"", "12/10"),
    ("Case note: \"12/10 call with the landlord, agreed a move 14/10\"", "14/10"),
    ("Next contact 6/11. Date proposed 9/12 at the hub.", "6/11"),
    ("Next contact 6/11. Date proposed 9/12 at the hub.", "9/12"),
    ("Summary from handover 2/12, all quiet.", "2/12"),
    ("i was on the Streamline Taxis circuit for years", "Streamline Taxis"),
    ("the letting agent Castle Lets were ok about it", "Castle Lets"),
    ("PRIME STAFFING IF ANYONE READS THIS, SHAME ON YOU", "PRIME STAFFING"),
    ("I drive for Uber in Leeds and a passenger did it.", "Uber"),
    ("i do deliveroo on my bike round the city", "deliveroo"),
    ("my supervisor, badge K-2231, followed me in", "K-2231"),
    ("the police asked for his badge number so i gave them 4471", "4471"),
])
def test_ages_dates_firms_and_numbers_are_masked(anonymiser, text, value):
    """All but the badge's code (which NER read as an organisation) fail before round
    twenty-eight."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("The prescription was sent on Monday. I went to Boots to collect it, no luck.", "Boots"),
    ("They failed to send my prescription to the chemist, BOOTS, twice.", "BOOTS"),
    ("The pharmacy told me to take it up with Boots instead.", "Boots"),
    ("They recorded my height as 5'11\" when in fact I am 6'3\".", "6"),
    ("I will take my complaint to the parliamentary Ombudsman.", "Ombudsman"),
    ("Врачи хорошие, но ждать долго! Значит, нужно больше врачей.", "Значит"),
    ("Ждать долго. Менять нужно всю систему записи. Спасибо.", "Менять нужно всю систему"),
    ("Hi, can you help me find the group? Sorry, can you ring me.", "Hi"),
    ("we were on the 14th floor and this was my 2nd appointment", "2nd"),
    ("I'm head of year 9 at Oakbank High and I see a lot.", "year 9"),
    ("There are no Local Taxis after midnight round here", "Local Taxis"),
    ("I drove to the shops and then to work", "shops"),
])
def test_brands_heights_offices_and_other_languages_are_words(anonymiser, text, word):
    """Guards, and seven that fail before round twenty-eight: two of the three Boots (a
    pharmacy's brand), the height, "Ombudsman", the two in Russian and the greeting "Hi"."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("I work at Boots in Hexham and the manager was kind.", "Boots"),
    ("my sister found the leaflet at spar in seaham", "spar"),
    ("They said to ring Tesco chemist for my prescription.", "Tesco"),
    ("Dr Costa sent the prescription to the chemist.", "Costa"),
])
def test_a_chain_as_a_workplace_a_branch_or_a_name_stays(anonymiser, text, value):
    """Guards: a chain where someone works, one branch of it, or a person's name."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,role", [
    ("I'm the only [ORGANIZATION 1] liaison nurse at [FACILITY 1].", "the only [ORGANIZATION 1] "
                                                                    "liaison nurse"),
    ("I'm the only female shop steward at the [FACILITY 1] depot.", "the only female shop "
                                                                   "steward"),
    ("I'm the equality rep for the [FACILITY 1] bus depot.", "the equality rep"),
    ("there is one welsh-speaking counsellor, me. if i'm off they wait", "there is one "
                                                                         "welsh-speaking "
                                                                         "counsellor"),
    ("the accommodation manager at [FACILITY 1] is the one who moves students",
     "the accommodation manager"),
    ("the head of security at [FACILITY 1] told our staff to stand by the cameras",
     "the head of security"),
])
def test_identifying_roles_go_to_the_second_gate(text, role):
    """All fail before round twenty-eight."""
    from survey.anonymise.suspicious import suspicious_tokens

    roles = [text[a:b] for a, b, k in suspicious_tokens(text) if k == "identifying_role"]
    assert role in roles, roles


@pytest.mark.parametrize("text", [
    "the manager at [FACILITY 1] was kind to me",
    "there is one bus a day, so we wait",
])
def test_praise_and_counts_are_no_role(text):
    """Guards: a manager praised, a count of buses."""
    from survey.anonymise.suspicious import suspicious_tokens

    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))
