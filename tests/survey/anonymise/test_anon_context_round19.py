"""Round nineteen of the context rules, from the development sets' leftovers.

Names by slot: a month or modal that is also a name placed at a service ("May from the crisis
line phoned"); a clause opened by text-speak ("tbf ruby from the drop in"); someone who runs a
group ("Patience runs the Monday sewing group", "olive ran the walking group"), does a job for
the team ("Autumn who does the rota") or is on the team ("Blessing on our team"); a name-word
beside the writer in shared work ("faith and i started the group"); the writer's own name
before their role or service ("im bryony from the wellbeing hub", "i'm wren i run the art
sessions"); a name signing on ("Honor here, IDVA lead in Wigan"). Words in the same places stay
words ("it may from time to time", "Hope ran out", "hope and i are all that is left", "I'm
sorry, the nurse").

False alarms: a slipped space ("theHCAs", "Iwas", "yHe") and everyday words shouted
("work at ANY PHARMACY") are no names; names and places in capitals stay.

Then, from the round's held-out sets once read (fr4, fresh23, fresh24): a collar number given
after a comma or "is", "X was the only one who", "cheers" or "bless" before a placed name, one
more word before the role in "X our ... coordinator", a name-word set off by a comma before its
role, an age range that is an age group, "I'm one", CHISVA, B&B, UC, lower-case "northern
ireland", "Got told", and the one post for a whole area at the second gate.

Every sentence is invented for this test, in its own words; none is taken from an evaluation
set. 15 cases of the first part fail before round nineteen (2f3a525) and 16 of the second
before its rules (3649a0a); the other 25 are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import kept_by_filter as _kept
from anon_helpers import spans, touched


@pytest.mark.parametrize("text,name", [
    ("May from the crisis line phoned back within the hour", "May"),
    ("may from the mosque sat with me in the waiting room", "may"),
    ("tbf ruby from the drop in is the one i text when it gets bad", "ruby"),
    ("olive ran the walking group on thursdays and never pushed anyone", "olive"),
    ("Patience runs the Monday sewing group at the centre.", "Patience"),
    ("Autumn who does the rota always finds me a slot.", "Autumn"),
    ("Blessing on our team taught me to slow the first conversation down.", "Blessing"),
    ("faith and i started the group with a grant of five hundred pounds", "faith"),
    ("im bryony from the wellbeing hub and we need more volunteers", "bryony"),
    ("i'm wren i run the art sessions for women on wednesdays", "wren"),
    ("Honor here, IDVA lead in Wigan. Referrals doubled this year.", "Honor"),
])
def test_a_name_in_a_persons_slot_is_a_person(anonymiser, text, name):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the letters may from time to time be late", "may"),
    ("Hope ran out after the second cancelled appointment", "Hope"),
    ("Faith runs deep in our family and it helped me", "Faith"),
    ("hope and i are all that is left some days", "hope"),
    ("I'm sorry, the nurse was rude to me at the desk", "sorry"),
    ("i'm new, a support worker told me where to go", "new"),
    ("im here from the police station with my mum", "here"),
    ("Will runs out of patience when the forms are late", "Will"),
])
def test_a_word_in_the_same_place_stays_a_word(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Repeat scripts should work at ANY PHARMACY in the county. NOT EVERYONE CAN TRAVEL",
     "ANY PHARMACY"),
    ("Parking was easy and theDoctors explained every result to me", "theDoctors"),
    ("Honestly Iwas seen quicker than at any surgery before", "Iwas"),
])
def test_slipped_spaces_and_shouted_words_are_no_names(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


# The small NER model takes a slipped space or a slip of the keys for a name only in some
# sentences, which an invented one cannot be sure to reproduce: the filter is checked on the
# detection the model made in such a sentence.
@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("Parking was easy and theHCAs explained every result", "theHCAs", "ORGANIZATION",
     "spacy.ner.v1"),
    ("The nurse phoned at nine and yHe was kind on the line", "yHe", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Honestly Iwas seen quicker than at any surgery before", "Iwas", "OTHER_NAME",
     "names.proper_noun.v1"),
    ("The nurses are great. Thsi is the best surgery I have had", "Thsi", "PERSON",
     "spacy.ner.v1"),
])
def test_the_filter_drops_a_slipped_space_or_a_slip_of_the_keys(text, word, entity, recognizer):
    assert not _kept(text, word, entity, recognizer)


@pytest.mark.parametrize("text,word,entity,recognizer", [
    ("Ione was lovely to me at every visit", "Ione", "PERSON", "spacy.ner.v1"),
    ("We met at Cae Coch every week", "Cae", "LOCATION", "spacy.ner.v1"),
    ("The nurses are great and Hari listened", "Hari", "PERSON", "spacy.ner.v1"),
])
def test_the_filter_keeps_a_name_that_looks_like_a_slip(text, word, entity, recognizer):
    assert _kept(text, word, entity, recognizer)


@pytest.mark.parametrize("text,name", [
    ("MY ISVA WAS CALLED DAISY AND SHE WAS AMAZING", "DAISY"),
    ("I WAS SENT TO DR OKONKWO AND HE NEVER LISTENED", "OKONKWO"),
    ("Ione was my support worker and she rang me every week", "Ione"),
    ("I live in Leeds and Marcus from the hub drove me there", "Marcus"),
])
def test_names_in_capitals_or_like_a_glued_word_stay(anonymiser, text, name):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


# Then, from the round's held-out sets once read (fr4, fresh23, fresh24), with invented cases.

@pytest.mark.parametrize("text,value", [
    ("the sergeant wrote down his collar number, 3381, and I never heard back", "3381"),
    ("Her collar number was 5512 and she still rings to check on me", "5512"),
])
def test_a_collar_number_given_after_a_comma_or_is_is_a_reference(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("will was the only person that picked up the phone on a sunday", "will"),
    ("cheers gary at the housing office for sorting the locks", "gary"),
    ("bless bonnie on reception at the surgery, she knew my name", "bonnie"),
    ("Ivy our outreach coordinator has trained twelve mentors this spring", "Ivy"),
    ("Hope, the volunteer at the cafe, made the first visit easier", "Hope"),
])
def test_round_nineteen_read_slots_name_a_person(anonymiser, text, name):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("hope was the only thing that kept me going", "hope"),
    ("hope the receptionist calls me back today", "hope"),
    ("the collar number is on the uniform, not the hat", "collar"),
    ("Our evening group is for women aged 19 to 30 who work shifts.", "19"),
    ("im one of four trustees and we meet monthly", "one"),
    ("I'm one worker covering three towns, it is not enough.", "one"),
    ("Referrals to the CHISVA service rose again this winter.", "CHISVA"),
    ("Our CHISVA visits schools across the district.", "CHISVA"),
    ("the council put us in a B&B near the station for six weeks", "B&B"),
    ("they told me the helpline doesnt cover northern ireland yet", "ireland"),
    ("Got sent three different leaflets and none made sense", "Got"),
])
def test_round_nineteen_read_words_stay_words(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("my son aged 14 was there when it happened", "14"),
    ("I'm 15 and nobody listened to me", "15"),
])
def test_an_age_next_to_a_person_still_counts(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I have been the CHISVA for the whole of [LOCATION 1] since it began",
    "as the IDVA for the whole of [LOCATION 1] I see every high-risk case",
])
def test_the_one_post_for_a_whole_area_goes_to_the_second_gate(text):
    from survey.anonymise.suspicious import suspicious_tokens

    assert any(k == "identifying_role" for _, _, k in suspicious_tokens(text))


def test_a_whole_career_is_no_post():
    from survey.anonymise.suspicious import suspicious_tokens

    text = "I was a nurse for the whole of my career and never saw this"
    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))
