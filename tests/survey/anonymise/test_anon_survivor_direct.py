"""Direct identifiers in survivor-style answers: a name standing before its role ("lily my isva
rang me"), and names listed together before a shared action ("carys hope and will all came").

Every sentence is invented for this test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans


@pytest.mark.parametrize("text,value", [
    # a name with its role in apposition, at the start of a clause, before what the person did
    ("faith my support worker never judged me once", "faith"),
    ("grace, my isva, always rang me back", "grace"),
    ("and then poppy my counsellor explained it all", "poppy"),
    ("Hope my keyworker helped me fill in the forms", "Hope"),
    ("i was scared but tegan our advocate sat with me", "tegan"),
    ("joy my therapist really listened to me", "joy"),
])
def test_name_before_its_role(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert all(d.entity == "PERSON" for d in dets if text[d.start:d.end] == value)


@pytest.mark.parametrize("text,values", [
    # a list of names with a known first name in it, before a shared action
    ("morag faith and will all supported me through court", ("morag", "faith", "will")),
    ("eilidh, hope and ruby both came to the hearing", ("eilidh", "hope", "ruby")),
    ("then siobhan and will helped me with the forms", ("siobhan", "will")),
    ("bronwen iris and may all listened to me", ("bronwen", "iris", "may")),
])
def test_names_listed_before_a_shared_action(anonymiser, text, values):
    dets = anonymiser.detect_batch([text])[0]
    for value in values:
        assert covered(text, dets, value), (value, spans(text, dets))


@pytest.mark.parametrize("text", [
    # the verb "hope" and abstract nouns keep their ordinary sense
    "hope my mum is ok with me going back",
    "hope my counsellor gets the funding she needs",
    "hope my story helps someone else",
    "faith and hope both helped me get through it",
    "hope and patience all helped in the end",
    "time and patience both helped me heal",
    "will my worker still be there next year",
    "love my isva she is the best",
    "thank my counsellor for everything she did",
    "the police the sarc and rape crisis all helped me",
    "my mum and dad both came to court",
    "so glad my counsellor listened to me",
])
def test_ordinary_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a lower-case initial before what the person said or did
    ("k said it was my fault", "k"),
    ("and then m rang me at midnight", "m"),
    # a relation written with "ex" before it
    ("my ex partner tyler followed me home", "tyler"),
    ("my ex-boyfriend jayden kept texting", "jayden"),
    # a naming statement, with a name that is also listed as a word somewhere
    ("my attacker was called tyler", "tyler"),
    ("his name is wayne and he lives near me", "wayne"),
    # a role after "was my", the role word followed by more of the sentence
    ("poppy was my isva and she was brill", "poppy"),
    ("jade was my support worker for a year", "jade"),
])
def test_more_direct_slots(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "u said u would ring me back",
    "i said no and meant it",
    "a said nothing to me",
    "my ex partner was abusive",
    "my ex was called out by the judge",
    "his name is on the order now",
    "it was my fault i thought",
    "she was my rock and she still is",
])
def test_more_ordinary_words_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a place of care named in lower case before "a&e", one or two unknown words
    ("i ended up at morriston a&e that night", "morriston"),
    ("they took me to ysbyty gwynedd a&e in the end", "ysbyty gwynedd"),
    # an unknown lower-case word after "at", before what the staff there did
    ("the nurse at pinderfields explained what would happen", "pinderfields"),
    ("the doctor at treliske told me it was normal", "treliske"),
])
def test_places_of_care_in_lower_case(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i waited hours at the local a&e",
    "we went to the nearest a&e",
    "i went to a&e on my own",
    "the nurse at reception explained it all",
    "the doctor at night told me to rest",
])
def test_generic_places_of_care_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not dets, spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # thanking or asking for someone by name
    ("i want to thank jess and everyone at the centre", "jess"),
    ("shout out to becky who never gave up on me", "becky"),
    ("big thanks to kay", "kay"),
    ("massive thank you to daisy for everything", "daisy"),
    ("ask for jo on reception if you go", "jo"),
    # a police or clinical title before a lower-case surname
    ("pc smith was rude to me", "smith"),
    ("the officer, dc jones, never rang back", "jones"),
    # an initial in brackets after a relation
    ("my ex (J) followed me home", "J"),
])
def test_thanks_titles_and_bracketed_initials(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "thank god it is over",
    "thanks to everyone who listened",
    "thanks to faith i got through it",
    "i want to thank my family",
    "ask for help if you need it",
    "the pc world voucher was a nice touch",
    "dc was the worst time of my life",
    "i speak to them every week",
])
def test_thanks_and_titles_without_names(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a spaced e-mail whose local part has a dot or underscore written apart from its words
    ("email me at jo . smith 99 @ hotmail . co . uk", "jo . smith 99 @ hotmail . co . uk"),
    ("its kerry _ b @ mail . com if u want", "kerry _ b @ mail . com"),
    # people told, texted or rung by name, and a list after "me,"
    ("i told ruby and jack everything in the end", "ruby"),
    ("i texted daisy when i got home", "daisy"),
    ("me, poppy and jack went to the group", "poppy"),
])
def test_spaced_email_parts_and_objects(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i told everyone in the end",
    "i told hope it would get better",
    "they asked me, please come back",
    "email is in the leaflet. thanks @ the team",
])
def test_objects_that_are_not_names(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity in ("PERSON", "EMAIL_ADDRESS") for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a name-word at the start of a clause, an adverb, then what a person did
    ("jack always believed me even when i didnt", "jack"),
    ("and poppy got me into counselling", "poppy"),
    ("miles was so patient with me", "miles"),
    ("holly was really kind on the phone", "holly"),
    # a name addressed before thanks
    ("ruby, thank you for everything", "ruby"),
    ("daisy, you were a star", "daisy"),
])
def test_name_words_by_what_people_do(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "hope was so important to me then",
    "summer was really lovely this year",
    "patience was really kind of hard",
    "honestly, thank you all",
    "counselling always helped me",
])
def test_words_by_what_things_do(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # a lower-case initial after "me and" or a relation
    ("me and j went to the first group together", " j "),
    ("my ex k kept messaging me", " k "),
])
def test_lower_case_initials_in_slots(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "me and u should get a coffee",
    "me n i both went",
    "my mum n dad came",
])
def test_text_speak_letters_are_not_initials(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


def test_a_shop_initial_is_not_a_person(anonymiser):
    text = "me and m&s vouchers got me through christmas"
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # an estate named after its street, with "the" before it
    ("i moved off the marsh lane estate last year", "marsh lane"),
    ("he still lives on the brierley road estate", "brierley road"),
])
def test_estate_named_after_a_street(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "we lived on the main road estate",
    "kids play on the council estate",
])
def test_generic_estates_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "STREET_ADDRESS" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    # someone met, gone with, spoken with, or without whom
    ("i went with ruby to the police station", "ruby"),
    ("i spoke with iris about it after", "iris"),
    ("i met daisy at group in the spring", "daisy"),
    ("without poppy i wouldnt be here", "poppy"),
    ("if it wasnt for holly i would have given up", "holly"),
    # a name-word placed at a service after "from" or "with"
    ("i got a letter from holly at the centre", "holly"),
    # apposition with an evaluation of the person
    ("Hope, my ISVA, was brilliant", "Hope"),
])
def test_name_words_as_people_met_or_placed(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "if it wasnt for art i would have given up",
    "without hope i wouldnt be here",
    "i went with grace and dignity",
    "i met will power with a lot of patience",
    "we spoke with the police at the station",
])
def test_frequent_words_met_or_without_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("jack and i went to court together", "jack"),
    ("then tegwyn and I sat in the waiting room", "tegwyn"),
])
def test_name_and_i(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "my mum and i went together",
    "hope and i are all that is left",
    "tea and i are old friends",
])
def test_word_and_i_stays(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)
