"""Identifiers written the way survivors and professionals write, found by context: counties and
council areas in lower case, places listed together, lower-case named schools and services with
their type words, Welsh house addresses, spaced e-mails before a full stop, reference prefixes,
people introduced or listed by name, school years in a child's clause, and named roles held for
years (the second gate). And what stays: ordinary words in the same slots.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans


@pytest.mark.parametrize("text,values", [
    # counties and council areas are no populated places; the gazetteer holds them now
    ("we moved up to northumberland after the trial", ("northumberland",)),
    ("isva for the whole of cumbria, one of us", ("cumbria",)),
    ("our clients in south tyneside wait the longest", ("south tyneside",)),
    ("the clinic on sir ynys mon closed", ("ynys mon",)),
    ("we lived near kings langley for years", ("kings langley",)),
    # a place listed with, or moved to from, a detected one
    ("we cover hexham and haltwhistle", ("hexham", "haltwhistle")),
    ("i moved from prestatyn to pensarn last spring", ("prestatyn", "pensarn")),
])
def test_places_in_any_case(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text,value", [
    ("she started at brookvale primary in september", "brookvale primary"),
    ("we live on the thornbury estate now", "thornbury estate"),
    ("i was a receptionist at elmcroft surgery", "elmcroft surgery"),
    ("the group at the willow centre saved me", "willow centre"),
    ("he drinks in the bulls head most nights", "bulls head"),
    ("my girl is at st ninians and loves it", "st ninians"),
    ("the staff at hexham comp were brilliant", "hexham comp"),
    ("my case went to carlisle crown court", "carlisle crown court"),
    ("we met at the chapel, bethesda chapel on the corner", "bethesda chapel"),
])
def test_named_schools_services_with_their_type_word(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the dental practice was fine",
    "my head hurts and both arms ache",
    "the health centre was shut on friday",
    "he goes to the local academy",
    "good practice is to ask first",
    "the walk in centre was quick",
    "his kings head was on the coin",
])
def test_generic_type_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("they still write to 7 heol y parc even now", "7 heol y parc"),
    ("post went to 22 maes y coed which is my old house", "22 maes y coed"),
    ("send it to 5 pen y graig please", "5 pen y graig"),
    ("write to me at g.owen_77 @ mail . co . uk. ta", "g.owen_77 @ mail . co . uk"),
    ("my crime ref 4411/2290 if you need it", "crime ref 4411/2290"),
])
def test_addresses_emails_references(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert not covered(text, dets, text.split()[-1]) or text.split()[-1] in value


@pytest.mark.parametrize("text,values", [
    ("a lady called hope sat with me at the station", ("hope",)),
    ("will from the council came out to see us", ("will",)),
    ("went to see amber at the citizens advice", ("amber",)),
    ("after mark left the team nobody called", ("mark",)),
    ("jack and daisy my neighbours came to court", ("jack", "daisy")),
    ("roberts wife answered the phone", ("robert",)),
    ("i have seen mrs t every week since", ("mrs t",)),
    ("my counsellor was great and so did kiran", ("kiran",)),
    ("eve at the sarc was lovely, robin too", ("eve", "robin")),
    ("my sgt dave told me to wait", ("dave",)),
    ("my isva (poppy) rang me after", ("poppy",)),
])
def test_people_by_slot(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text", [
    "his wife came with him",
    "my dads wife was kind",
    "the nurses station was busy",
    "the bill left me broke",
    "after hope left i cried for days",
    "my dad will be there",
    "will from now on be better i hope",
])
def test_ordinary_words_in_person_slots_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("a year 9 boy came to the office crying", "year 9"),
    ("my son is only 6 and started year 2 this term", "year 2"),
    ("i was year 11 when it started", "year 11"),
    ("my girls ella and rose are 4 and 7", "4"),
    ("i moved here at 14, nobody knew me", "14"),
])
def test_school_years_and_ages(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "in year 2 of the contract we saw 40 clients",
    "the year 6 sats are hard on everyone",
    "we had a 5 year plan",
])
def test_years_that_are_not_ages_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "AGE" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,flag", [
    ("been the school nurse at [FACILITY 1] for 15 years", True),
    ("worked as a youth worker with [ORGANIZATION 1] for nine years", True),
    ("the only male counsellor in the north yorkshire outreach team", True),
    ("been a nurse for 20 years", False),
])
def test_named_roles_go_to_the_second_gate(text, flag):
    from survey.anonymise.suspicious import suspicious_tokens

    found = [k for _, _, k in suspicious_tokens(text)]
    assert ("identifying_role" in found) is flag, found


@pytest.mark.parametrize("text,value", [
    ("the group at the heron project kept me going", "heron project"),
    ("i was referred to the compass service in the end", "compass service"),
    ("my interview was in the bluebell suite", "bluebell suite"),
    ("he is on remand at hmp altcourse now", "hmp altcourse"),
    ("nurse across st brigids and the juniors", "st brigids"),
    ("the school st aidans rc was good about it", "st aidans rc"),
    ("i teach at thornleigh park primary", "thornleigh park primary"),
    ("registered at ferndale surgery since birth", "ferndale surgery"),
    ("the police rang on 3/11 to say", "3/11"),
])
def test_named_services_prisons_saints_and_dates(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the counselling service was good",
    "the interview suite was cold",
    "the fire service came quickly",
    "the customer service was awful",
    "the halfway house was full",
    "he needed keyhole surgery",
    "we don’t need hospital beds",
    "i rated the service 2/10",
    "the ABE interview took hours",
    "a PCSO came round",
    "moved back to my mams",
])
def test_service_words_and_acronyms_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,values", [
    ("Ivy from the housing service will ring you", ("Ivy",)),
    ("tam my uncle drove me to the hearing", ("tam",)),
    ("rhys and emyr my cousins both came along", ("rhys", "emyr")),
    ("me n dafydd split up after", ("dafydd",)),
    ("the family worker kez was brilliant", ("kez",)),
    ("Rowan the counsellor made all the difference", ("Rowan",)),
    ("to be honest, precious was my worker and she was great", ("precious",)),
    ("the nurse there, imogen, never rushed me", ("imogen",)),
    ("kb my neighbour took me to the sarc", ("kb",)),
    ("the head mr o'hara just said go home", ("o'hara",)),
    ("constable mcbride took my statement", ("mcbride",)),
    ("my brother's lass summer came too", ("summer",)),
])
def test_more_people_by_slot(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text", [
    "hope the doctor calls me back",
    "time was my best friend in the end",
    "mark the form and send it back",
    "will the nurse call me",
    "My plan was person centred and I felt heard",
    "they helped me and adviced me well",
])
def test_words_stay_in_the_new_person_slots(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,values", [
    ("my grandad alf is 88 and still drives", ("88",)),
    ("Our Ffion is nine and knows something is wrong", ("nine",)),
    ("my cousins lad is 15 and he found out", ("15",)),
    ("she's 13 now, she was 11 when it started", ("13", "11")),
    ("two kids, they're 9 and 4, both at school", ("9", "4")),
    ("i was born in accra and came to leeds at 12, nobody knew", ("accra",)),
])
def test_ages_and_places_abroad(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text", [
    "my mum is 3 streets away",
    "she's 5 minutes late every time",
    "the turkey was dry at christmas",
    "one of the pest control people came",
])
def test_counts_and_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,flag", [
    ("I am the safeguarding lead for [ORGANIZATION 1] and nobody else is", True),
    ("been the practice nurse at [FACILITY 1] since 2011", True),
    ("the only two female officers across the whole of [LOCATION 1]", True),
    ("the only forensic examiner covering [LOCATION 1] retired", True),
    ("as the mum of [PERSON 1] i was scared", False),
    ("i am the patient at [FACILITY 1] on the ward", False),
])
def test_posts_held_at_named_places_go_to_the_second_gate(text, flag):
    from survey.anonymise.suspicious import suspicious_tokens

    found = [k for _, _, k in suspicious_tokens(text)]
    assert ("identifying_role" in found) is flag, found


@pytest.mark.parametrize("text,value", [
    ("had to give up my job at costa in hexham", "costa"),
    ("i used to work at the swan on market street", "swan"),
    ("the nurse at ysbyty glan clwyd was kind", "ysbyty glan clwyd"),
    ("the sheffield royal nurse listened", "sheffield royal"),
    ("everyone at Barnsley Women's Aid helped", "Barnsley Women's Aid"),
    ("we cover south derry and the coast", "south derry"),
    ("my trial was on friday 3rd june in the end", "friday 3rd june"),
    ("i was in court on the 8th and 9th of may", "8th and 9th of may"),
])
def test_workplaces_branches_and_dates(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i worked at the time so it was hard",
    "i work at the hospital on nights",
    "working at home is hard",
    "i worked at full capacity for months",
    "i volunteer at the foodbank now",
    "the general public do not know",
])
def test_work_and_general_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("email me at kim dot lowe 72 at example dot com please", "kim dot lowe 72 at example dot com"),
    ("post went to 12 Eastgate, Louth for months", "12 Eastgate"),
    ("my file, reference SVR 22-1043-2023, was closed", "SVR 22-1043-2023"),
    ("the worker at the Lighthouse in rhyl was kind", "Lighthouse"),
])
def test_more_direct_forms_and_places_by_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "we waited 3 at home for news",
    "see you at the Moment we can",
    "I went to the Hospital in the end",
])
def test_capitals_that_say_nothing_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text", [
    "a catholic school, a catholic family, nobody talked",
    "she went to a muslim college for a year",
    "the polish shop on the corner helped",
])
def test_identity_words_with_a_kind_of_place_are_kept(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my number is 07 eight 00 900456 if needed", "07 eight 00 900456"),
    ("ring 0seven7 double 0 nine 0 0 4 5 6", "0seven7 double 0 nine 0 0 4 5 6"),
])
def test_phones_mixing_digits_and_words(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("big col from the darts club drove me there", "big col"),
    ("at mass father declan knew something was wrong", "declan"),
    ("Nadia from my church choir came with me", "Nadia"),
    ("aye shona at the centre was brilliant", "shona"),
    ("i asked for a man and got imran, he was fine", "imran"),
    ("me and my bf dylan told the police", "dylan"),
    ("my brother's name is hope and he came too", "hope"),
    ("rowan the peer mentor made me believe it", "rowan"),
    ("my nickname back then was bunty and i hated it", "bunty"),
    ("the one who helped was esme in the witness service", "esme"),
])
def test_people_in_the_fresh4_slots(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "three SARCs in Wales for the whole country",
    "Every Tom, Dick and Harry asked me about it",
    "Holly and ivy on the door at christmas",
    "the nurse catheterised him twice",
    "it was far from the town centre",
    "I was born in Swansea, moved later",
    "i got better, nice to say",
])
def test_nations_idioms_and_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets) and \
        not any(text[d.start:d.end] in ("Wales", "born", "far") for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("we stay in drumchapel, the centre is in town", "drumchapel"),
    ("the crisis house in kirkstall was good", "kirkstall"),
    ("the letter went to 9 fernway, ls6 2ab in the end", "9 fernway"),
    ("I have a crime number, it's CRX/0911/24, nobody rang", "CRX/0911/24"),
    ("i am in year eight and the school nurse listened", "year eight"),
    ("my twins are 7 and they noticed", "7"),
    ("i post as jaz_b on insta so nobody knows", "jaz_b"),
])
def test_fresh4_places_contacts_and_ages(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "help in multi services was good",
    "rated 2.5 on facebook",
    "my kids are 2 hours away",
    "in year nine of the project we grew",
])
def test_fresh4_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)
