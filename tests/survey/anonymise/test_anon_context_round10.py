"""Round ten of the context rules: e-mails at the UK's place and nation domains, a police
officer's surname after a title or a collar number in lower case, a lower-case initial after a
title even where it is also a word ("ms a"), Irish surnames after a title, clinical acronyms that
are also first names in a family slot ("dad ted"), a word no list holds placed at a service or
listed with a name, a person placed somewhere who was the writer's worker, a surname after a
lower-case first name, house numbers on more street kinds with the outward postcode after them,
Glasgow's flat numbers, police logs by serial and day, and a trust's letters before a hospital
number; and what such rules must leave alone.

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("questions to office @ example.london please", "office @ example.london"),
    ("Gwenllian Rees, Team Lead, gwenllian.rees @ example.cymru, any time", "gwenllian.rees @ example.cymru"),
    ("write to me at morag.b22 at example dot scot if you like", "morag.b22 at example dot scot"),
    ("or e-mail info at example dot wales", "info at example dot wales"),
])
def test_emails_at_place_and_nation_domains(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a surname that is also a word, after a police title
    ("dc marsh took my statement in the end", "marsh"),
    ("my case went to PC hale after that", "hale"),
    # a surname after a collar number
    ("pc 3318 walker was the one who came out", "walker"),
    # a lower-case initial after a title, even one that is also a word
    ("our counsellor ms a was the best", "ms a"),
    # an Irish surname after a title
    ("mrs o'donnell in the office wrote the letter", "o'donnell"),
    # clinical acronyms that are also first names, in a family or person slot
    ("my uncle and dad ted both came to court", "ted"),
    ("my little sister tia knows nothing about it", "tia"),
    ("tia from college stuck by me", "tia"),
    # a word no list holds at a service, or listed with a name
    ("gwawr at the Pontypridd office sorted my forms", "gwawr"),
    ("thanks to jenny and bazza for the lifts", "bazza"),
    ("cheers to jenny for the lifts", "jenny"),
    # placed somewhere, then the writer's worker: even an abstract word
    ("faith at new dawn was my caseworker for a year", "faith"),
    # a person who left, at a clause's end
    ("the group folded when maxine left", "maxine"),
    # a surname after a lower-case first name
    ("ask for deirdre mc gowan at the front", "deirdre mc gowan"),
    ("pc rhona mcquarrie phoned every friday", "rhona mcquarrie"),
    ("my worker ellen o'hagan never gave up", "ellen o'hagan"),
])
def test_people_by_title_collar_slot_and_surname(anonymiser, text, value):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the pc was broken so i wrote it by hand", "broken"),
    ("pc 3318 said he would ring", "said"),
    ("i had a tia last year and the gp was good", "tia"),
    ("they gave me ted stockings after the op", "ted"),
    ("my case worker ms was not diagnosed until later", "ms"),
    ("it was a hectic day and i understood", "day"),
    ("we got guidence from the centre", "guidence"),
    ("daisy doesnt know about it yet", "doesnt"),
    ("the group ended when funding left", "funding"),
    ("hope at the end was all i had", "hope"),
])
def test_words_beside_the_new_slots_stay(anonymiser, text, word):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("post went to 18 moorland view by mistake", "18 moorland view"),
    ("we lived at 9 brook side ls6 for a while", "9 brook side ls6"),
    ("the letter came to 4a Mill Side last week", "4a Mill Side"),
    ("they put me in flat 22/1 on the top floor", "flat 22/1"),
])
def test_addresses_on_more_street_kinds(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we waited 2 hours in the car park", "car park"),
    ("i used the 3 food bank vouchers", "food bank"),
    ("there were 2 sides to it", "sides"),
    ("the 3 mins walk to the bus", "walk"),
])
def test_numbers_before_street_words_that_are_no_address(anonymiser, text, word):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "STREET_ADDRESS"]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("they gave me incident number 0388 of 02/11 on the phone", "0388 of 02/11"),
    ("the log 1122 of 30/4/23 was all i had", "1122 of 30/4/23"),
    ("my hospital number RTH 552019 was on the wrong letter", "RTH 552019"),
])
def test_police_logs_and_lettered_hospital_numbers(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_a_log_number_keeps_no_more_than_its_day(anonymiser):
    text = "it was 3 of 4 sessions on 02/11 that helped"
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "REFERENCE_NUMBER"]
    assert not touched(text, dets, "3 of 4"), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a role with one more word before it, then "was" and the name
    ("the housing officer was lyn and she listened", "lyn"),
    # a list of workers, one after another
    ("first kerry, then jo, then nobody at all", "jo"),
    # placed somewhere, then "the one who"
    ("hope from new leaf was the one who rang me back", "hope"),
    # "there" between a name and what they did
    ("i got moved and carol there sorted everything", "carol"),
    # asked for by name, a case allocated by name (case-note shorthand)
    ("she rang twice and asked for robin both times", "robin"),
    ("Allocated to morwenna for first contact.", "morwenna"),
    # a name in brackets after the person it names
    ("the woman who runs the choir (bryony) noticed first", "bryony"),
    # away on leave, in case-note shorthand
    ("Rang back. Miles on A/L until Monday.", "Miles"),
    # a name and its role placed "in" an area, then what they did
    ("Ivy my worker in hackney stood by me", "Ivy"),
    # a named station
    ("ben at the hexham station was the only one who rang", "ben"),
    # lower-case initials at the drop-in
    ("kd from the drop in was lovely to me", "kd"),
    # a name said again after an adverb
    ("rowan was my worker and she was great. rowan never once judged me", "rowan never"),
    # an initial's own full stop, a priest's short title
    ("My worker K. was so patient.", "K."),
    ("Thanks to Fr. Doyle at st brigid's for the room", "Fr. Doyle"),
])
def test_people_in_more_slots_round_ten(anonymiser, text, value):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    if value == "rowan never":
        second = text.index("rowan never")
        assert any(d.start <= second < d.end for d in dets), spans(text, dets)
        return
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the guy who ran the group was fine", "guy"),
    ("the play worker was exceptional", "exceptional"),
    ("we were allocated to housing in the end", "housing"),
    ("a man who sold the tickets (annoying) shouted", "annoying"),
])
def test_common_nouns_and_verdicts_in_those_slots_stay(anonymiser, text, word):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("the harrogate team were brilliant with us", "harrogate team"),
    ("i work for bradford city council in payroll", "bradford city council"),
    ("the gateshead rape team are responsive", "gateshead rape team"),
    ("we are part of the fife survivors network now", "fife survivors network"),
])
def test_services_named_for_their_area_are_one_name(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("we met in leeds city centre for a coffee", "city centre"),
])
def test_a_place_and_a_plain_kind_stay_a_place(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_an_allowed_term_inside_an_area_service_stays_readable(anonymiser):
    text = "The Basildon SARC team were kind."
    res = anonymiser.anonymise_batch([text], respondent_ids=["r-area"])[0]
    assert "SARC" in res.text and "Basildon" not in res.text, res.text


def _role_flagged(text: str) -> bool:
    from survey.anonymise.suspicious import suspicious_tokens

    return any(kind == "identifying_role" for _, _, kind in suspicious_tokens(text))


@pytest.mark.parametrize("text", [
    # an allowed word inside the role no longer hides it
    "I'm the only male ISVA in [PLACE 1], so quote me carefully.",
    "As the only Welsh-speaking IDVA covering [PLACE 1] I carry double",
    # what the role does between it and where
    "I'm the only counsellor who works in Polish at [ORGANISATION 1].",
    "As the only specialist nurse for trafficking in the [PLACE 1] I would be known",
    "the only ISVA embedded in the [ORGANISATION 1] gets every call",
    # "only one", a kind of place before the redaction, a post anywhere, no article
    "We have only one Deaf counsellor for the whole of [PLACE 1].",
    "I'm the only imam at masjid [FACILITY 1] who will talk about this.",
    "the vicar at [FACILITY 1] let me sit in the church",
    "I'm HR manager at [ORGANISATION 1] and we have no policy.",
    "I'm writing as the rector of st aldhelm's, a post I've held for years.",
])
def test_identifying_roles_go_to_the_second_gate(text):
    assert _role_flagged(text)


@pytest.mark.parametrize("text", [
    "I'm a nurse at [FACILITY 1] and the wait is long.",
    "the only thing that helped was the group at [ORGANISATION 1]",
    "I'm still at [ORGANISATION 1] on Tuesdays.",
    "I'm not sure at [ORGANISATION 1] they know",
    "the vicar was kind to me",
])
def test_ordinary_posts_and_phrases_are_not_roles(text):
    assert not _role_flagged(text)


@pytest.mark.parametrize("text,value", [
    # ages in case-note shorthand and set off after who the writer is
    ("Client (47) seen at the clinic as she cannot travel.", "47"),
    ("client 82, lives alone near the coast", "82"),
    ("Historic disclosure: client now 58, abuse in the 1970s", "58"),
    ("Client was 14 at time of first disclosure", "14"),
    ("i'm a grandad, 67, and nobody asked me", "67"),
    ("Mine are 7 and 11 and they know something is wrong.", "11"),
    # an estate by a name made of everyday words
    ("we were moved off the lark hill estate last year", "lark hill estate"),
    # a day and month after a word of scheduling
    ("Next review 23/2. Client stable.", "23/2"),
    # a reference with its letters, a collar number with its letters
    ("they gave me a crime ref KLM 5521/03JAN to quote", "KLM 5521/03JAN"),
    ("Collar no. GT 3319 attended the house", "GT 3319"),
])
def test_ages_estates_dates_and_references_in_shorthand(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("client 2 and client 3 both declined", "2"),
    ("we grew up on the council estate near town", "council estate"),
    ("The court estate is in poor repair.", "court estate"),
    ("she said not until the baby is 2 years old", "2 years old"),
    ("therapy ended on fri 13th, of all days", "fri 13th"),
])
def test_counts_kinds_rules_scores_and_bare_weekdays_stay(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    # a post's title is no person, and a full stop after a whole-word title ends the sentence
    ("Traveller Liaison Officer. Letters to sites are useless.", "Traveller"),
    ("Traveller Liaison Officer. Letters to sites are useless.", "Letters"),
    # an entity never runs across a sentence's end
    ("Fantastic staff, especially psychologist Gareth. Lots of activities.", "Lots"),
])
def test_titles_and_sentence_ends_bound_a_name(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Yours faithfully, G. Roberts", "G. Roberts"),
    ("I saw Dr. Patel on the ward", "Dr. Patel"),
])
def test_initials_and_short_titles_keep_their_full_stop(anonymiser, text, value):
    dets = [d for d in anonymiser.detect_batch([text])[0] if d.entity == "PERSON"]
    assert covered(text, dets, value), spans(text, dets)
