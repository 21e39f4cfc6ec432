"""Ages and school years next to a family or person word are quasi-identifiers; durations
are not. Every sentence is invented for this test."""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans


@pytest.mark.parametrize("text,value", [
    ("my lad who is 8 saw the whole thing", "8"),
    ("my daughter in year 5 stopped sleeping", "year 5"),
    ("our youngest is in year 2 now", "year 2"),
    ("my son is in yr 7 at the big school", "yr 7"),
    ("she's in year 10 and knows everything", "year 10"),
    ("my niece whos 13 found the messages", "13"),
    ("my nephew, 11, told his teacher", "11"),
    ("my kids are 4 and 9", "4"),
    ("my kids are 4 and 9", "9"),
    ("my boys are 3, 6 and 12", "12"),
])
def test_child_ages_and_school_years_are_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert all(d.entity == "AGE" for d in dets)


@pytest.mark.parametrize("text", [
    "i was with him for 8 years",
    "it happened 6 years ago now",
    "i waited 2 years for counselling",
    "my son was 3 weeks early",
    "my daughter has been waiting 9 months",
    "i have 3 kids and no help",
    "the course runs for 10 weeks",
    "my kids are 2 hours away",
    "in year 2 of the waiting list nothing changed",
    "the service is in its 5th year",
])
def test_durations_and_counts_are_not_ages(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity in ("AGE", "DATE") for d in dets), spans(text, dets)


def test_a_school_year_is_banded_as_an_age(anonymiser):
    out = anonymiser.anonymise_batch(["my daughter in year 9 was bullied"],
                                     respondent_ids=["s"])[0].text
    assert out == "my daughter in [AGE 13-15] was bullied"


def test_text_speak_whos_is_not_a_name(anonymiser):
    text = "my daughter whos 15 found the messages"
    assert not any(d.entity == "PERSON" for d in anonymiser.detect_batch([text])[0])
