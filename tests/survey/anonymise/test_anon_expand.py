"""Spreading evidence: other mentions, name parts, names listed together (synthetic)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.expand import expand_coordinated_names, propagate_mentions, terms_regex
from survey.anonymise.spans import Detection


def _person(text: str, value: str) -> Detection:
    start = text.index(value)
    return Detection(start, start + len(value), "PERSON", 0.9, "test.v1")


def test_propagate_masks_later_mentions_and_name_parts():
    text = "Kofi Mensah came. Later kofi and Mr Mensah left."
    dets = propagate_mentions(text, [_person(text, "Kofi Mensah")])
    assert covered(text, dets, "kofi") and covered(text, dets, "Mensah left"[:6])


def test_propagate_skips_service_words_in_names():
    text = "Police Officer Dave. The Police helped."
    dets = propagate_mentions(text, [_person(text, "Police Officer Dave")])
    assert not covered(text, dets, "Police helped")


@pytest.mark.parametrize("text,known,value", [
    ("They had 3: Hleb, Sheila and Donna.", "Sheila", "Hleb"),
    ("They had 3: Hleb, Sheila and Donna.", "Sheila", "Donna"),
    ("Abramovich and Wilson were there.", "Wilson", "Abramovich"),
    ("they had 2: caleb and brian.", "brian", "caleb"),
])
def test_coordination_spreads_along_lists(text, known, value):
    dets = expand_coordinated_names(text, [_person(text, known)])
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,known", [("Dave and Police came.", "Dave"),
                                        ("Dave, thank you.", "Dave"),
                                        ("Dave and my mum came.", "Dave")])
def test_coordination_ignores_non_names(text, known):
    dets = expand_coordinated_names(text, [_person(text, known)])
    assert len(dets) == 1, spans(text, dets)


def test_terms_regex_is_word_bounded_and_case_insensitive():
    rx = terms_regex(["Rape Crisis"], plural=True)
    assert rx.search("rape  crisis centre") and not rx.search("rapecrisis")
    assert terms_regex([]) is None
