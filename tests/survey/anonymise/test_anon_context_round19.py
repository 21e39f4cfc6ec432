"""Round nineteen of the context rules, from the development sets' leftovers.

Names by slot: a month or modal that is also a name placed at a service ("May from Women's
Aid rang"); a clause opened by text-speak ("ngl amber from the youth club"); someone who runs a
group ("Patience runs our women's group", "hazel ran the craft group"), does a job for the
team ("Summer who does our admin") or is on the team ("Precious on our team"); a name-word
beside the writer in shared work ("grace and i set up the project"); the writer's own name
before their role or service ("im kath from the hub", "i'm robin i do the drop in"); a name
signing on ("Faith here, ISVA manager"). Words in the same places stay words ("it may from
time to time", "Hope ran out", "hope and i are all that is left", "I'm sorry, the nurse").

False alarms: a slipped space ("theGPs", "Ihave", "sShe") and everyday words shouted ("work
at ANY CHEMIST") are no names; names and places in capitals stay.

Every sentence is invented for this test; none is taken from an evaluation set. 15 cases fail
before round nineteen (2f3a525): the eleven names, and the three slipped spaces and the shouted
words; 12 are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import spans, touched


@pytest.mark.parametrize("text,name", [
    ("May from Women's Aid rang me every week without fail", "May"),
    ("may from church came with me to the doctors", "may"),
    ("ngl amber from the youth club is the only one who listens", "amber"),
    ("hazel ran the craft group on mondays and she was lovely", "hazel"),
    ("Patience runs our women's group on Tuesday evenings.", "Patience"),
    ("Summer who does our admin answers every call first.", "Summer"),
    ("Precious on our team always says the first call is the hardest.", "Precious"),
    ("grace and i set up the peer project last year", "grace"),
    ("im kath from Leeds Survivors Hub and i want to say thanks", "kath"),
    ("i'm robin i do the drop in at the library on fridays", "robin"),
    ("Faith here, ISVA manager in Bolton. We need longer funding.", "Faith"),
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
    ("The waiting time is short and theGPs are very precise", "theGPs"),
    ("Because Ihave been a patient here for years I know them", "Ihave"),
    ("I saw the nurse at ten and sShe was lovely with me", "sShe"),
    ("I want the prescription to work at ANY CHEMIST and not the one you chose. NOT "
     "EVERYONE DRIVES", "ANY CHEMIST"),
])
def test_slipped_spaces_and_shouted_words_are_no_names(anonymiser, text, word):
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


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
    ("the officer gave me his collar number, 3381, and then never answered", "3381"),
    ("My collar number is 5512 if anyone wants to follow up", "5512"),
])
def test_a_collar_number_given_after_a_comma_or_is_is_a_reference(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("will was the only one who didnt judge me", "will"),
    ("cheers gary at the job centre for not making me explain", "gary"),
    ("bless bonnie at the front desk of the refuge", "bonnie"),
    ("Ivy our volunteer coordinator has recruited ten new helpers", "Ivy"),
    ("Hope, the receptionist at the counselling centre, always smiled", "Hope"),
])
def test_round_nineteen_read_slots_name_a_person(anonymiser, text, name):
    dets = anonymiser.detect_batch([text])[0]
    assert touched(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("hope was the only thing that kept me going", "hope"),
    ("hope the receptionist calls me back today", "hope"),
    ("the collar number is on the uniform, not the hat", "collar"),
    ("Most of our clients are young people aged 14 to 21.", "14"),
    ("im one of the volunteers on the helpline and we are stretched", "one"),
    ("I'm one person, I can't be the whole answer.", "one"),
    ("We have a long waiting list for the CHISVA service and two CHISVAs.", "CHISVA"),
    ("As a CHISVA I explain court to children every week.", "CHISVA"),
    ("me and my 2 yr old lived in a B&B for five months", "B&B"),
    ("the lady said they dont cover northern ireland", "ireland"),
    ("Got told I was low risk and then nothing for months", "Got"),
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
    "I've been the CHISVA for the whole of [LOCATION 1] since the pilot started",
    "as the ISVA for the whole of [LOCATION 1] I see every case in the county",
])
def test_the_one_post_for_a_whole_area_goes_to_the_second_gate(text):
    from survey.anonymise.suspicious import suspicious_tokens

    assert any(k == "identifying_role" for _, _, k in suspicious_tokens(text))


def test_a_whole_career_is_no_post():
    from survey.anonymise.suspicious import suspicious_tokens

    text = "I was a nurse for the whole of my career and never saw this"
    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))
