"""Person names by the slot they stand in, in any case, and idioms that are never names.

Every sentence is invented for this test.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans

from survey.anonymise.lexicon import IDIOMS, idiom_spans


@pytest.mark.parametrize("text,value", [
    ("me and ruby went to the drop in together", "ruby"),
    ("me n jack got the train there", "jack"),
    ("me & tegwyn sat at the back", "tegwyn"),
    ("lily and me were the only ones there", "lily"),
    ("my sister daisy came to court with me", "daisy"),
    ("my isva poppy was amazing from day one", "poppy"),
    ("my support worker miles rang me back", "miles"),
    ("my mam hunter never believed me", "hunter"),
    ("hunter said i should report it", "hunter"),
    ("then ruby rang me the next morning", "ruby"),
    ("jack told me it wasnt my fault", "jack"),
    ("daisy at rape crisis helped me so much", "daisy"),
    ("miles from the sarc was kind to me", "miles"),
    ("lily at Brightwell House sorted it", "lily"),
    ("thanks poppy for everything x", "poppy"),
    ("thank u iris", "iris"),
    ("i just want to say cheers daisy!", "daisy"),
    ("that is all i want to say\nlove, ruby x", "ruby"),
    ("Sam and ruby were lovely to me", "ruby"),
    ("me and J went to the first session", "J"),
    ("K said it would get easier", "K"),
    ("ta willow you're a legend", "willow"),
    ("my niece poppy was the one who noticed", "poppy"),
    ("the chairs were awful but hazel on reception was lovely", "hazel"),
    ("Marta and rose ran the art group every week", "rose"),
])
def test_names_found_by_slot(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert all(d.entity == "PERSON" for d in dets if text[d.start:d.end] == value)


@pytest.mark.parametrize("text", [
    "he was a jack of all trades",
    "every tom dick and harry knew about it",
    "Bob's your uncle and it was done.",
    "he'll be pushing up daisies soon",
    "i walked for miles that night",
    "the poppy appeal sellers were outside",
    "my mum said i should go",
    "my partner will come with me",
    "someone said i was lying",
    "cheers for listening",
    "my mind was miles away in the session",
    "fresh as a daisy after a proper sleep",
    "a ruby wedding party was the trigger",
    "the hunter gatherer stuff in the leaflet was odd",
    "mark my words, it gets better",
    "thanks so much for listening",
    "me and my mum went together",
    "i could hear the jack hammer outside",
    "i live near tilbury and theres no bus",
    "the session was brill and i went back",
    "we sat and hope helped us through it",
])
def test_words_and_idioms_are_not_names(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PERSON" for d in dets), spans(text, dets)


@pytest.mark.parametrize("idiom", IDIOMS)
def test_every_listed_idiom_is_found_in_any_case(idiom):
    for text in (f"it was {idiom} really", f"IT WAS {idiom.upper()} REALLY"):
        found = idiom_spans(text)
        assert found and text[found[0][0]:found[0][1]].lower() == idiom.lower()
