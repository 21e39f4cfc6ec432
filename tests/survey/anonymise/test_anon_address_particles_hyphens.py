"""General rules added in round 2: address continuations, name particles and initials,
hyphenated names and places, structured identifiers kept whole. All texts are SYNTHETIC."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.postprocess import extend_hyphenated, join_adjacent
from survey.anonymise.recognizers.address import AddressCueRecognizer, StreetAddressRecognizer
from survey.anonymise.recognizers.gazetteer import load_names
from survey.anonymise.spans import Detection


def test_gazetteer_flags_only_real_english_words():
    first = load_names("first")
    assert first["Megan"] is False and first["Roberto"] is False
    assert first["Will"] is True and first["Grace"] is True


@pytest.mark.parametrize("text,value", [
    ("We met on the corner of Mill Street and Orchard Road.",
     "the corner of Mill Street and Orchard Road"),
    ("She lives at 31 lindenvej 4, and works nearby.", "31 lindenvej 4"),
    ("Send it to 9 Brook Road,\nHalesworth, IP19 8AB", "9 Brook Road,\nHalesworth, IP19 8AB"),
    ("It is at 12 Lindenstrasse 4 now.", "12 Lindenstrasse 4"),
    ("meet me at 19 kowalskiego 4, gdynia, poland", "19 kowalskiego 4, gdynia, poland"),
    ("My ex lives on 25 Station Approach now.", "25 Station Approach"),
    ("I live at flat 3, 22 mill lane, grays", "22 mill lane, grays"),
])
def test_address_general_rules(text, value):
    dets = StreetAddressRecognizer().detect(text) + AddressCueRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


def test_lower_case_address_does_not_swallow_the_next_clause():
    text = "meet me at 12 rue haute 4, then we walk home"
    dets = AddressCueRecognizer().detect(text) + StreetAddressRecognizer().detect(text)
    assert not any("walk" in text[d.start:d.end] for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Maartje ten Bosch will be talking at the group.", "Maartje ten Bosch"),
    ("check in with jessica m hartley next month", "jessica m hartley"),
    ("check in with agnieszka wróblová next month", "agnieszka wróblová"),
    ("Ysolde lives on the other side of town.", "Ysolde"),
    ('"We are leaving," says Virtanen-Koski.', "Virtanen-Koski"),
    ("What's your last name? Boyle", "Boyle"),
    ("my teacher mrs grace Jones was kind", "grace Jones"),
    ("I was referred by my GP in Ashby-de-la-Zouch last year.", "Ashby-de-la-Zouch"),
])
def test_names_and_places_general_rules(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_allow_list_does_not_cut_structured_identifiers(anonymiser):
    text = "Email me at sunny.day@example.co.uk please"
    dets = anonymiser.detect_batch([text])[0]
    assert "sunny.day@example.co.uk" in [text[d.start:d.end] for d in dets]


def test_postprocess_joins_and_extends():
    text = "Kerry-Ann lives at 12 Mill Lane, Grays"
    a = Detection(0, 5, "PERSON", 0.8, "x", "r")
    assert extend_hyphenated(text, a).end == 9
    addr = Detection(19, 31, "STREET_ADDRESS", 0.8, "x", "r")
    town = Detection(33, 38, "LOCATION", 0.8, "x", "r")
    joined = join_adjacent(text, [addr, town])
    assert [(d.start, d.end) for d in joined] == [(19, 38)]
    person = Detection(10, 15, "PERSON", 0.8, "x", "r")
    assert len(join_adjacent(text, [a, person])) == 2  # not adjacent: left alone
