"""Round eight of the context rules: school years and ages in more phrasings ("in sixth form",
"primary 5", "was 4 at the time", "now 31"), people by more slots (an MP or PA with a name, a
name set off before its role anywhere in a clause, "X or me", "me, X and Y", "X is my
nickname", a name heading its clause with who they are and where), services and clubs named
for a place in lower case ("praise calm waters dorset", "burnley rovers", "the royal bolton"),
named units, wings and rooms, chains where someone works, and regions ("the fens", "the north
east"); and what such rules must leave alone.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    # school years beside the writer, a relative or leaving school
    ("my brother is 17 and in sixth form at the college", "sixth form"),
    ("our girl is 9 and in primary 5 now", "primary 5"),
    ("left school in year 9 and never went back", "year 9"),
    ("im 14 and in year 10 and nobody at school knows", "year 10"),
    # an age after a superlative set off by commas, "now N", a pronoun without apostrophe
    ("Tilly, my eldest, was 4 at the time of the trial", "4"),
    ("i was 19, now 31, and only just talking about it", "31"),
    ("i was 12, shes 40 now and still lives on our street", "40"),
    # an age after a name with "about", several ages after "the kids", a teenager's age
    ("the court usher Brenda was about 60 and so kind", "60"),
    ("the kids are 6 and 9 and they come with me to the centre", "6"),
    ("the kids are 6 and 9 and they come with me to the centre", "9"),
])
def test_school_years_and_ages(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the report in year 2 of the contract was late",
    "i was on the list for 2 years, now 3 years",
    "at the time we had 30 staff, now 12, and the list is long",
    "the kids are 6 minutes from school",
])
def test_counts_and_contract_years_stay(anonymiser, text):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "AGE"]
    assert not dets, spans(text, dets)


def test_sixth_form_and_primary_years_are_banded(anonymiser):
    out = anonymiser.anonymise_batch(["my son is in primary 3 and my daughter in sixth form"],
                                     respondent_ids=["r1"])[0].text
    assert "primary 3" not in out and "sixth form" not in out, out
    assert "[AGE 0-12]" in out and "[AGE 16-17]" in out, out


@pytest.mark.parametrize("text,values", [
    ("my MP rose wrote a letter to the chief constable", ("rose",)),
    ("my PA amber is the only one who knows", ("amber",)),
    ("my teenager hunter is the reason i reported", ("hunter",)),
    ("i often think of ivy, the volunteer who sat with me at court", ("ivy",)),
    ("bill the court witness service volunteer walked me in", ("bill",)),
    ("ring faith or me on the office line", ("faith",)),
    ("me, rowan and holly started a walking group after the course", ("rowan", "holly")),
    ("sunny is my nickname, nobody at the gym knows my real one", ("sunny",)),
    ("fern my counsellor at the hafan centre, a lifesaver", ("fern",)),
    ("Pearl and ravi in our admin team keep the rota", ("Pearl", "ravi")),
    ("Dawn in our office takes the referrals first", ("Dawn",)),
    ("joy at st lukes held my hand through it", ("joy",)),
])
def test_people_by_more_slots(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text", [
    "hope is my name for that feeling",
    "time or me, one of us had to give",
    "the system, the worst thing that ever happened to me",
    "me, myself and i were all i had",
])
def test_words_in_the_new_person_slots_stay(anonymiser, text):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a service named for its place, before or after it, in lower case
    ("i cant thank calm waters dorset enough for the groups", "calm waters dorset"),
    ("she volunteers at open door swindon on fridays", "open door swindon"),
    ("I run luton safe haven, a drop in for women", "luton safe haven"),
    # a club, a hospital named "royal" for its town, a place's royal infirmary
    ("the lads at leeds rovers were never told", "leeds rovers"),
    ("i had the scan at the royal bolton in the end", "royal bolton"),
    ("she was moved to preston royal infirmary that night", "preston royal infirmary"),
    # a community building named for its place, a church hall after a saint
    ("the group meets at the caretaker's office in ashford community centre",
     "ashford community centre"),
    ("we use St Cuthbert's church hall on thursdays", "St Cuthbert's church hall"),
    # a named unit, wing or centre with a kind of care between
    ("i spent a month on the bramble mother and baby unit", "bramble"),
    ("the willowbrook mental health unit was full so they sent me away", "willowbrook"),
    ("we hold sessions at the foxglove community centre", "foxglove community centre"),
    ("the kestrel wing has its own entrance", "kestrel wing"),
])
def test_services_units_and_clubs_named_for_a_place(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,words", [
    ("came back to visit leeds and it was hard", ("visit",)),
    ("the maternity unit and the stroke unit were both fine", ("maternity", "stroke")),
    ("the assessment centre is by the city centre", ("assessment", "city")),
    ("we waited in the family room and the whole unit was quiet", ("family", "whole")),
    ("the peaks and valleys of recovery are normal", ("valleys",)),
])
def test_kinds_of_place_and_words_beside_places_stay(anonymiser, text, words):
    dets = anonymiser.detect_batch([text])[0]
    for word in words:
        assert not covered(text, dets, word), (word, spans(text, dets))


@pytest.mark.parametrize("text,value", [
    ("i work at pizza hut in luton and my manager knows", "pizza hut"),
    ("my boss at sports direct let me change shifts", "sports direct"),
    ("my employer parcelforce gave me two weeks paid", "parcelforce"),
    ("my shifts at sainsburys local in the precinct are early", "sainsburys local"),
    ("couldnt get time off from the amazon warehouse", "amazon"),
    ("my supervisor at royal mail let me swap to earlies", "royal mail"),
])
def test_a_chain_where_someone_works(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i start work next week at the clinic", "next"),
    ("my boss next door is lovely", "next"),
    ("we bought boots for the kids at the market", "boots"),
])
def test_chain_names_that_are_words_stay_outside_a_workplace(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not covered(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("there is nothing for men in the north east that i could find", "north east"),
    ("the fens are flat and the buses are worse", "fens"),
    ("she lives in the valleys now, after the trial", "valleys"),
    ("we cover the whole of the Valleys with two workers", "Valleys"),
    ("services in mid wales are an hour away", "mid wales"),
])
def test_regions_people_place_themselves_in(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a reference's letters or parts glued to the digits found
    ("the log number on the letter was MX/55120/23 and nobody could find it", "MX/55120/23"),
    ("my hospital reference was QZ7 5512 09 if you need it", "QZ7 5512 09"),
    ("they gave me an occurrence number 8812/04MAR and never rang", "8812/04MAR"),
    # an e-mail whose separators are spelt, a day and month after an appointment word
    ("mail me at sparrow underscore 90 at example dot net please", "sparrow underscore 90"),
    ("my hearing was booked for 14/03 and then moved", "14/03"),
    # a postcode district named as a part of town
    ("most clients come from the BD3 end of the city, miles from us", "BD3"),
])
def test_codes_contacts_dates_and_districts(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the KS2 end of the school does more on consent", "KS2"),
    ("rated 4/10 for the waiting room", "4/10"),
    ("call us on tel:01632 960 111 any time", "tel"),
])
def test_lookalikes_beside_codes_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not covered(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("me and sez and jonno started a walking group", "jonno"),
    ("Dawn in the family support team rang me every week", "Dawn"),
    # streets: "the" and a name no dictionary holds, a close or drive, the high street
    ("grew up off the donegall road and moved away", "donegall road"),
    ("the chippy on the high street was where everyone saw me", "high street"),
    ("she lived on hazel close for years", "hazel close"),
    ("i work at the shop on maple drive now", "maple drive"),
    ("our drop in at the lantern on fore street is the only one", "lantern"),
])
def test_more_people_streets_and_services(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we were very close that year", "close"),
    ("on the drive home i cried", "drive"),
    ("the falls road was shut", "falls"),
    ("high street shops are closing everywhere", "high street"),
    ("on the main road, off the slip road", "main road"),
])
def test_ordinary_phrases_with_street_words_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not covered(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a dotted initial after a title is the name's; a capitalised nickname keeps "Big"
    ("dr j. obi at the surgery listened properly", "j. obi"),
    ("my cousin Big Gaz drove me to every hearing", "Big Gaz"),
    # a hospital or university named after saying which it was
    ("the hospital was dewsbury district and they were kind", "dewsbury district"),
    ("i was a student at glyndwr and the wait was ten weeks", "glyndwr"),
    # an age in words before a list of what else the writer is; the youngest, six words on
    ("i'm fifty two, 3 grandkids, and still waiting for counselling", "fifty two"),
    ("the youngest girl we supported last year was 13", "13"),
])
def test_initials_nicknames_named_places_and_ages(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the hospital was awful and slow", "awful"),
    ("i was a student at uni when it happened", "uni"),
    ("i saw a big Dave at the bar", "big"),
    ("it was 3, 4 times a week at the start", "3"),
])
def test_adjectives_sizes_and_counts_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not covered(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,kept,hidden", [
    ("as a Jehovah's Witness i was told to keep it in the congregation", "Jehovah's Witness", ""),
    ("Inshallah the new service will have a woman doctor", "Inshallah", ""),
    ("i just said Alhamdulillah when the jury came back", "Alhamdulillah", ""),
    # a statistical span run over a verb into an identity word: the place stays hidden
    ("A lot of the girls we see in Splott are Somali and come to us through the school",
     "Somali", "Splott"),
    # a surname that is also an identity word stays hidden
    ("Mrs Welsh at the surgery was lovely", "", "Welsh"),
])
def test_identity_words_kept_beside_what_is_hidden(anonymiser, text, kept, hidden):
    dets = anonymiser.detect_batch([text])[0]
    if kept:
        assert not touched(text, dets, kept), spans(text, dets)
    if hidden:
        assert covered(text, dets, hidden), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the overnight cover with marie curie nurses was a godsend", "marie curie"),
    ("we signpost to SafeLives and Kooth for young people", "SafeLives"),
])
def test_national_charities_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_national_charitys_local_place_is_hidden(anonymiser):
    text = "my worker at Age UK Leeds rang me every week"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Leeds"), spans(text, dets)


# After the round-eight held-out scoring (cases invented; the forms came from its misses).

def test_a_first_name_glued_to_its_role_in_brackets(anonymiser):
    text = "the team: Grace(SALT), Jo(OT) and a student"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Grace") and covered(text, dets, "Jo"), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i was anxious about the scan. due to this i slept badly", "this"),
    ("Be good to have In house training for the whole team", "In house"),
    ("im trans masc and nobody at the clinic got it", "trans masc"),
    ("the Vitamin(D) levels were low", "Vitamin"),
])
def test_pronouns_phrases_and_identity_words_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a role then a nickname, a role then a name and where they are from (a newcomer's leaks)
    ("the caretaker big mick was the one i told first", "big mick"),
    ("the officer hazel from the local station rang me back", "hazel"),
    # a hospital by its one-word short name heading a sentence about care there
    ("Waiting was long. Queens could do better. City was fine", "Queens"),
])
def test_roles_with_names_and_hospital_short_names(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the officer from the station came round", "station"),
    ("the doctor there from the start was good", "start"),
    ("General practice was fine", "General"),
])
def test_roles_without_names_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not covered(text, dets, word), spans(text, dets)


# Known leak forms from the newcomer's test after the round-eight scoring (cases invented).

@pytest.mark.parametrize("text,value", [
    ("my first isva was off sick but the second one frank was brilliant", "frank"),
    ("i'm ellie btw, 16, and i'm filling this in at college", "16"),
    ("the bookies on high street in wombwell is where he works", "high street"),
    ("the nursery at little sprouts were kind when i had court", "little sprouts"),
])
def test_known_leak_forms_from_a_newcomer(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i'm sorry, 17 people waited longer than me", "17"),
    ("the nursery at work is handy for me", "work"),
    ("the next one was better", "next"),
])
def test_counts_places_and_ordinals_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)
