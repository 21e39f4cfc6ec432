"""Operators: placeholders per respondent, redact, generalise, drop, parameter validation."""

from __future__ import annotations

import pytest

from survey.anonymise.operators import (DropOperator, GeneraliseOperator, PlaceholderOperator,
                                        PlaceholderState, RedactOperator, band_for_age)
from survey.anonymise.spans import Detection


def _det(entity: str) -> Detection:
    return Detection(0, 3, entity, 0.9, "test.v1", "test")


def test_placeholder_same_value_same_number():
    op, state = PlaceholderOperator(), PlaceholderState()
    assert op.apply("Dave", _det("PERSON"), state) == "[PERSON 1]"
    assert op.apply("Kofi", _det("PERSON"), state) == "[PERSON 2]"
    assert op.apply("dave", _det("PERSON"), state) == "[PERSON 1]"
    assert op.apply("Leeds", _det("LOCATION"), state) == "[PLACE 1]"


def test_placeholder_numbering_is_per_state():
    op = PlaceholderOperator()
    assert op.apply("Kofi", _det("PERSON"), PlaceholderState()) == "[PERSON 1]"
    assert op.apply("Dave", _det("PERSON"), PlaceholderState()) == "[PERSON 1]"


@pytest.mark.parametrize("template", ["[{label}]", "{n}", "[{name} {n}]"])
def test_placeholder_rejects_bad_template(template):
    with pytest.raises((ValueError, KeyError)):
        PlaceholderOperator(PlaceholderOperator.Params(template=template)).validate()


def test_operator_rejects_wrong_params_type():
    with pytest.raises(TypeError):
        PlaceholderOperator(RedactOperator.Params()).validate()


@pytest.mark.parametrize("original,expected", [("14", "[AGE 13-15]"), ("fourteen", "[AGE 13-15]"),
                                               ("sixty-six", "[AGE 65+]"), ("17", "[AGE 16-17]"),
                                               ("old", "[AGE]")])
def test_generalise_bands_ages(original, expected):
    assert GeneraliseOperator().apply(original, _det("AGE"), PlaceholderState()) == expected


@pytest.mark.parametrize("keep_year,expected", [(False, "[DATE]"), (True, "[DATE 2023]")])
def test_generalise_dates(keep_year, expected):
    op = GeneraliseOperator(GeneraliseOperator.Params(keep_year=keep_year))
    assert op.apply("3 March 2023", _det("DATE"), PlaceholderState()) == expected


@pytest.mark.parametrize("bands", [((0, 12), (10, 20)), ((5, 1),), ((0, "x"),)])
def test_generalise_rejects_bad_bands(bands):
    with pytest.raises(ValueError):
        GeneraliseOperator(GeneraliseOperator.Params(age_bands=bands)).validate()


def test_redact_and_drop():
    assert RedactOperator().apply("x", _det("PERSON"), PlaceholderState()) == "[REDACTED]"
    assert DropOperator().apply("x", _det("PERSON"), PlaceholderState()) == ""


@pytest.mark.parametrize("age,band", [(0, "0-12"), (13, "13-15"), (18, "18-24"), (99, "65+"),
                                      (-1, None)])
def test_band_for_age(age, band):
    assert band_for_age(age) == band
