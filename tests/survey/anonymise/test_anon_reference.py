"""Reference numbers: crime and case numbers, mixed tokens, long digit runs (synthetic)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.reference import ReferenceNumberRecognizer


@pytest.mark.parametrize("text,value", [
    ("my crime number is 12/3456", "12/3456"),
    ("ref 12/3456 was given", "12/3456"),
    ("case no ABC12345 closed", "ABC12345"),
    ("Crime reference: CR-0099-21", "CR-0099-21"),
    ("the code XK4729Q was on the letter", "XK4729Q"),
    ("number 6204871 again", "6204871"),
    ("id 683-24-1907", "683-24-1907"),
])
def test_reference_detects_identifiers(text, value):
    dets = ReferenceNumberRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "on the 2nd day", "at 10am", "over 24hrs", "during covid19", "it cost £12000",
    "in 2019 it started", "12 weeks later", "3.14159 is pi",
])
def test_reference_ignores_ordinals_times_money(text):
    dets = ReferenceNumberRecognizer().detect(text)
    assert dets == [], spans(text, dets)
