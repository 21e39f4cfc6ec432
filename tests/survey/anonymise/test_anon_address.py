"""Street addresses: UK forms, flats, foreign forms, address cues (synthetic addresses)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.address import (AddressCueRecognizer, StreetAddressRecognizer,
                                                  extend_address)


@pytest.mark.parametrize("text,value", [
    ("she lived at 31 Brenley Avenue for years", "31 Brenley Avenue"),
    ("Flat 3, 12 High Street", "Flat 3, 12 High Street"),
    ("it was 7b Mill Lane", "7b Mill Lane"),
    ("the house on Oak Tree Close", "Oak Tree Close"),
    ("Lindholmvej 42 is the place", "Lindholmvej 42"),
    ("at 58 Via Bellini 12 there", "58 Via Bellini 12"),
    ("PO Box 123 is the address", "PO Box 123"),
])
def test_street_detects_addresses(text, value):
    dets = StreetAddressRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I went to Crown Court twice", "the Magistrates Court was cold", "we waited 3 hours",
    "I felt safe at home", "the Family Court hearing",
])
def test_street_ignores_courts_and_plain_text(text):
    dets = StreetAddressRecognizer().detect(text)
    assert dets == [], spans(text, dets)


def test_street_extends_over_town_and_postcode_lines():
    text = "12 Mill Lane\nSomeville\nAB1 2CD\nMobile: 0000"
    dets = StreetAddressRecognizer().detect(text)
    assert covered(text, dets, "12 Mill Lane\nSomeville\nAB1 2CD")
    assert not covered(text, dets, "Mobile")


@pytest.mark.parametrize("text,value", [
    ("I live at 5 Example Row, Someville, and I like it", "5 Example Row, Someville"),
    ("my address is Unit 4 Box 12", "Unit 4 Box 12"),
    ("at the corner of Elm Road and Ash Lane.", "Elm Road and Ash Lane"),
])
def test_address_cue_takes_address_run(text, value):
    dets = AddressCueRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)
    assert all("and I" not in text[d.start:d.end] for d in dets)


def test_address_cue_stops_at_lowercase_words():
    text = "I live at home with my mum"
    assert AddressCueRecognizer().detect(text) == []


def test_extend_address_stops_at_labels():
    text = "1 A Road, Townby\nPhone: 01"
    assert text[:extend_address(text, len("1 A Road"))] == "1 A Road, Townby"
