"""Dates, times and ages (synthetic)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.temporal import AgeRecognizer, DateRecognizer, TimeRecognizer


@pytest.mark.parametrize("text,value", [
    ("it was on 3 March 2023 that", "3 March 2023"),
    ("on the 3rd of March", "3rd of March"),
    ("from March 2023 onwards", "March 2023"),
    ("by 12/03/2023 I had", "12/03/2023"),
    ("born 7/19/1988", "7/19/1988"),
    ("logged 2019-11-03 09:42:17", "2019-11-03 09:42:17"),
    ("born in 1988 in the north", "1988"),
    ("on March 3, 2022", "March 3, 2022"),
])
def test_date_detects_specific_dates(text, value):
    dets = DateRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["last Tuesday it rained", "a few years ago", "in the spring",
                                  "2019 was hard", "may I ask",
                                  # a year alone is no identifier (the annotation guide)
                                  "since 2019 I have", "no funding increase since 2016"])
def test_date_ignores_vague_expressions(text):
    assert DateRecognizer().detect(text) == [], spans(text, DateRecognizer().detect(text))


@pytest.mark.parametrize("text,value", [("at 3pm we met", "3pm"), ("at 10:30 we met", "10:30"),
                                        ("around 11.15 p.m. it", "11.15 p.m.")])
def test_time_detects_clock_times(text, value):
    dets = TimeRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


def test_time_ignores_plain_numbers():
    assert TimeRecognizer().detect("I waited 3 hours") == []


@pytest.mark.parametrize("text,value", [
    ("I was 14 when it started", "14"), ("aged 16 at the time", "16"),
    ("a 15 year old girl", "15 year old"), ("a 15-year-old", "15-year-old"),
    ("I just turned 64", "64"), ("when I was fourteen", "fourteen"),
    ("she is 17 years old", "17 years old"), ("my 4 month old", "4 month old"),
])
def test_age_span_is_the_number_or_the_number_with_its_unit(text, value):
    # the span is the number, or "N year(s) old" whole where the unit belongs to the age (the
    # generalise operator reads the number inside); never more than the age
    dets = AgeRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)
    start = text.index(value)
    assert all(start <= d.start and d.end <= start + len(value) for d in dets)
    assert max((text[d.start:d.end] for d in dets), key=len) == value


@pytest.mark.parametrize("text", ["I was 14 minutes late", "it was 3 years ago", "I was 5% sure",
                                  "we were 2 of many", "page 14"])
def test_age_ignores_non_ages(text):
    assert AgeRecognizer().detect(text) == [], spans(text, AgeRecognizer().detect(text))
