"""Adversarial inputs: invisible characters, look-alike letters, split names, all capitals,
spelt-out e-mails and phone numbers. All texts are SYNTHETIC."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.normalise import is_shouting, normalise, truecase
from survey.anonymise.recognizers.adversarial import (SpeltEmailRecognizer,
                                                      SpeltPhoneRecognizer, SplitNameRecognizer)


@pytest.fixture(scope="module")
def plain(nlp):
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    an = build_anonymiser(AnonymiseConfig())
    an.nlp = nlp
    return an.load()


def test_normalise_removes_zero_width_and_maps_offsets_back():
    text = "My ISVA Sa\u200brah Kh\u200ban helped"
    norm = normalise(text)
    assert norm.changed and norm.text == "My ISVA Sarah Khan helped"
    start = norm.text.index("Sarah Khan")
    assert norm.to_original(start, start + len("Sarah Khan")) == (8, 20)
    assert text[8:20] == "Sa\u200brah Kh\u200ban"


def test_normalise_maps_mixed_script_lookalikes_only():
    assert normalise("J\u043ehn").text == "John"  # Cyrillic o inside a Latin word
    greek = "\u039b\u03b5\u03c9\u03c6\u03cc\u03c1\u03bf\u03c2"  # a Greek street word
    assert normalise(greek).text == greek
    assert normalise("plain ascii").changed is False


def test_normalise_truecases_only_shouting_text():
    assert is_shouting("MY SUPPORT WORKER WAS PRIYA") and not is_shouting("NHS and GP")
    out = truecase("MY WORKER WAS PRIYA AND I WILL GO")
    assert "Priya" in out and " was " in out and " will " in out and len(out) == 33


@pytest.mark.parametrize("text,value", [
    ("My ISVA Sa\u200brah Kh\u200ban was great.", "Sa\u200brah Kh\u200ban"),
    ("My ex J\u043ehn Smith moved away.", "J\u043ehn Smith"),
    ("My ex J.o.h.n kept texting me.", "J.o.h.n"),
    ("my worker s-a-r-a-h helped", "s-a-r-a-h"),
    ("MY COUNSELLOR WAS PRIYA PATEL AND SHE WAS GREAT", "PRIYA PATEL"),
    ("MY EX KWAME MENSAH LIVES ON 14 MARSH LANE", "14 MARSH LANE"),
    ("Email me: sarah dot jones at example dot com please", "sarah dot jones at example dot com"),
    ("write to jo.bloggs (at) example.co.uk today", "jo.bloggs (at) example.co.uk"),
    ("call oh seven seven double oh nine double oh one two three", "oh seven seven double oh "
                                                                  "nine double oh one two three"),
    ("ring 0 7 7 0 0 9 0 0 4 5 6 any time", "0 7 7 0 0 9 0 0 4 5 6"),
    ("call 07700 nine hundred one two three", "07700 nine hundred one two three"),
    ("I TOLD MY TEACHER MRS GRACE JONES ABOUT IT", "MRS GRACE JONES"),
    ("DR WILL HOPE SAW ME FIRST", "WILL HOPE"),
    ("\uff2d\uff59 \uff45\uff58 \uff24\uff41\uff56\uff45 came round", "\uff24\uff41\uff56\uff45"),
])
def test_engine_covers_adversarial_identifier(plain, text, value):
    dets = plain.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I was at home at the time dot com",
    "I saw her at 10 and again at 11 and at 3 on the 4th",
    "MY SUPPORT WORKER WAS GREAT AND THE WAITING LIST WAS SHORT",
    "I waited 3 long weeks and 2 more days",
    "it is 3 down the road",
])
def test_engine_leaves_ordinary_text_alone(plain, text):
    assert plain.detect_batch([text])[0] == []


def test_spelt_email_retries_after_a_false_start():
    text = "she emails me at jordan dot okonkwo at example dot org now"
    dets = SpeltEmailRecognizer().detect(text)
    assert [text[d.start:d.end] for d in dets] == ["jordan dot okonkwo at example dot org"]


def test_spelt_phone_needs_enough_digits():
    assert SpeltPhoneRecognizer().detect("one two three") == []
    assert SpeltPhoneRecognizer().detect("I was 7 8 or 9") == []


def test_split_name_ignores_acronyms():
    assert SplitNameRecognizer().detect("the N.H.S. and the I.S.V.A. service") == []
