"""Structured fields: age bands and k-anonymity over sensitive questions (synthetic tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from survey.anonymise.structured import (FLAG_COLUMN, WITHHELD, band_age, generalise_responses,
                                         shorten_postcode)
from survey.instrument import Instrument, Question

INSTRUMENT = Instrument("synthetic", (
    Question("gender", "Gender", "single", sensitive=True),
    Question("age", "Age", "number", sensitive=True),
    Question("satisfaction", "How satisfied?", "likert"),
))


@pytest.mark.parametrize("value,band", [(14, "13-15"), ("14", "13-15"), ("16 years", "16-17"),
                                        (70.0, "65+"), (None, None), (float("nan"), None),
                                        ("unknown", None), (-3, None)])
def test_band_age_values(value, band):
    assert band_age(value) == band


def _frame(genders, ages, cohort="survivor"):
    return pd.DataFrame({"response_id": [f"r{i}" for i in range(len(genders))],
                         "cohort": [cohort] * len(genders), "gender": genders, "age": ages,
                         "satisfaction": ["Satisfied"] * len(genders)})


def test_generalise_withholds_rare_combinations():
    df = _frame(["F"] * 6 + ["M"], [14, 15, 13, 14, 15, 14, 15])
    out, report = generalise_responses(df, INSTRUMENT, min_count=5)
    assert out.loc[6, "gender"] == WITHHELD
    assert (out.loc[:5, "gender"] == "F").all()
    assert report.rare_rows_before == 1 and report.rare_rows_after == 0
    assert report.cells_withheld["gender"] == 1


def test_generalise_bands_age_questions():
    out, report = generalise_responses(_frame(["F"] * 5, [14, 15, 13, 14, 15]), INSTRUMENT)
    assert set(out["age"]) == {"13-15"} and report.ages_banded == {"age": 5}


def test_generalise_leaves_common_combinations_and_input_untouched():
    df = _frame(["F"] * 5, [20, 21, 22, 23, 24])
    before = df.copy()
    out, report = generalise_responses(df, INSTRUMENT, min_count=5)
    pd.testing.assert_frame_equal(df, before)
    assert report.rare_rows_before == 0 and not out[FLAG_COLUMN].any()


def test_generalise_checks_each_cohort_separately():
    df = pd.concat([_frame(["F"] * 5, [20] * 5), _frame(["F"] * 2, [20] * 2, "professional")],
                   ignore_index=True)
    out, report = generalise_responses(df, INSTRUMENT, min_count=5)
    assert report.rare_rows_before == 2
    assert (out.loc[out.cohort == "survivor", "gender"] == "F").all()


def test_generalise_report_has_counts_only():
    df = _frame(["F"] * 5 + ["Nonbinary"], [20] * 6)
    _, report = generalise_responses(df, INSTRUMENT, min_count=5)
    assert "Nonbinary" not in repr(report)


@pytest.mark.parametrize("kwargs", [{"min_count": 0}, {"cohort_column": "nope"}])
def test_generalise_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        generalise_responses(_frame(["F"], [20]), INSTRUMENT, **kwargs)


@pytest.mark.parametrize("value,level,expected", [
    ("LS6 2AB", "district", "LS6"), ("ls62ab", "district", "LS6"), ("SW1A 1AA", "sector", "SW1A 1"),
    ("B1", "sector", "B1"), ("not a postcode", "district", None), (None, "district", None),
])
def test_shorten_postcode(value, level, expected):
    assert shorten_postcode(value, level=level) == expected


def test_shorten_postcode_rejects_bad_level():
    with pytest.raises(ValueError):
        shorten_postcode("LS6 2AB", level="street")


def test_generalise_shortens_postcode_questions():
    instrument = Instrument("synthetic", (Question("postcode", "Postcode", "single",
                                                   sensitive=True),))
    df = pd.DataFrame({"cohort": ["s"] * 5, "postcode": ["LS6 2AB", "LS6 3CD", "LS6 1EF",
                                                        "LS6 4GH", "LS6 5JK"]})
    out, report = generalise_responses(df, instrument, min_count=5)
    assert set(out["postcode"]) == {"LS6"} and report.rare_rows_after == 0
