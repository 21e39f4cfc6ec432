"""Tests for the generic one-header-row reader with a column_map (synthetic fixtures only)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import read_source
from survey.schema import stable_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
ROWS = [["Ref", "When", "Q1 satisfaction", "Services used", "Free text", "Email", "Age group"],
        ["r1", "2024-02-10", "Satisfied", "SARC;GP", "Synthetic: kind staff.", "a@example.org",
         "45 and over"],
        ["r2", "2024-03-01", "Very satisfied", "Helpline", "", "", "25-44"],
        ["", "", "", "", "", "", ""]]
MAP = {"Ref": "response_id", "When": "submitted", "Q1 satisfaction": "satisfaction",
       "Services used": "services", "Free text": "improve"}


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


def _write(path: Path, rows=ROWS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _source(path: Path, column_map=MAP) -> SourceConfig:
    return SourceConfig(path=path, cohort="professional", platform="generic",
                        column_map=column_map)


def test_generic_column_map_targets(tmp_path, instrument):
    table = read_source(_source(_write(tmp_path / "g.csv")), instrument, source_label="g")
    assert list(table.responses["response_id"]) == [stable_id("g", "r1"), stable_id("g", "r2")]
    assert list(table.responses["submitted"]) == ["2024-02", "2024-03"]
    assert list(table.responses["satisfaction"]) == ["Satisfied", "Very satisfied"]
    assert list(table.answers["question_id"]) == ["improve"]


def test_generic_delimited_multiselect_cell(tmp_path, instrument):
    table = read_source(_source(_write(tmp_path / "g.csv")), instrument, source_label="g")
    assert list(table.responses["services"]) == [["SARC", "GP"], ["Helpline"]]


def test_generic_unlisted_header_matched_by_alias_and_email_dropped(tmp_path, instrument):
    table = read_source(_source(_write(tmp_path / "g.csv")), instrument, source_label="g")
    assert list(table.responses["age_band"]) == ["45 and over", "25-44"]
    assert table.dropped_columns == ["Email"]
    assert "a@example.org" not in table.responses.to_string() + table.answers.to_string()


def test_generic_blank_rows_skipped(tmp_path, instrument):
    table = read_source(_source(_write(tmp_path / "g.csv")), instrument, source_label="g")
    assert len(table.responses) == 2


def test_generic_unknown_question_id_error(tmp_path, instrument):
    src = _source(_write(tmp_path / "g.csv"), {**MAP, "Free text": "nope"})
    with pytest.raises(InputFileError, match="unknown question id 'nope'") as err:
        read_source(src, instrument, source_label="g")
    assert err.value.column == "Free text"


def test_generic_missing_header_error(tmp_path, instrument):
    src = _source(_write(tmp_path / "g.csv"), {"Not there": "improve"})
    with pytest.raises(InputFileError, match="not in the header row") as err:
        read_source(src, instrument, source_label="g")
    assert err.value.row == 1


def test_generic_without_id_uses_row_numbers(tmp_path, instrument):
    rows = [["What helped you most?"], ["Synthetic a"], ["Synthetic b"]]
    src = _source(_write(tmp_path / "g.csv", rows), {})
    table = read_source(src, instrument, source_label="g")
    assert list(table.responses["response_id"]) == [stable_id("g", "row", 2),
                                                    stable_id("g", "row", 3)]


def test_generic_duplicate_ids_warn_and_stay_distinct(tmp_path, instrument):
    rows = [["ID", "What helped you most?"], ["7", "Synthetic a"], ["7", "Synthetic b"]]
    table = read_source(_source(_write(tmp_path / "g.csv", rows), {}), instrument,
                        source_label="g")
    assert table.responses["response_id"].is_unique
    assert any("repeat" in w for w in table.warnings)


def test_generic_inferred_instrument_uses_column_map_ids(tmp_path):
    rows = [["Ref", "Free text"]] + [[f"r{i}", f"Synthetic answer {i} with several words"]
                                     for i in range(4)]
    src = _source(_write(tmp_path / "g.csv", rows), {"Ref": "response_id", "Free text": "notes"})
    table = read_source(src, None, source_label="g")
    assert set(table.answers["question_id"]) == {"notes"}
