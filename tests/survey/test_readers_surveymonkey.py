"""Tests for the SurveyMonkey reader (two header rows; synthetic fixtures only)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import infer_instrument, read_source

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
IDENTIFYING_VALUES = ("198.51.100.7", "synthetic@example.org", "Sam", "Synthetic,",
                      "Sam Synthetic", "01632 960000", "ref-1")


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


@pytest.fixture(scope="module")
def table(instrument):
    src = SourceConfig(path=FIXTURES / "surveymonkey.csv", cohort="professional")
    return read_source(src, instrument, source_label="exports/sm.csv")


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_surveymonkey_response_sub_maps_closed_question(table):
    assert list(table.responses["satisfaction"]) == ["Very satisfied", "Neither"]


def test_surveymonkey_row2_option_labels_gathered(table):
    assert table.responses["services"].iloc[0] == ["SARC", "GP", "Other"]
    assert table.responses["services"].iloc[1] == ["ISVA"]


def test_surveymonkey_other_text_answer(table):
    rows = table.answers[table.answers["question_id"] == "services_other"]
    assert list(rows["text"]) == ["A charity helpline (synthetic)"]


def test_surveymonkey_open_ended_answer(table):
    rows = table.answers[table.answers["question_id"] == "helped"]
    assert list(rows["text"]) == ["Synthetic answer: being believed."]


def test_surveymonkey_identifying_and_contact_columns_dropped(table):
    assert table.dropped_columns == [
        "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1",
        "Contact details (optional) - Name", "Contact details (optional) - Phone Number"]
    everything = table.responses.to_string() + table.answers.to_string()
    for value in IDENTIFYING_VALUES:
        assert value not in everything


def test_surveymonkey_dates_monthfirst_by_default(table):
    assert list(table.responses["submitted"]) == ["2024-03", "2024-04"]


def test_surveymonkey_date_order_override(instrument):
    src = SourceConfig(path=FIXTURES / "surveymonkey.csv", cohort="p", date_order="dayfirst")
    table = read_source(src, instrument, source_label="x")
    assert list(table.responses["submitted"]) == ["2024-04", "2024-05"]


def test_surveymonkey_response_id_from_respondent_id(table):
    from survey.schema import stable_id

    assert table.responses["response_id"].iloc[0] == stable_id("exports/sm.csv", "11400000001")


def test_surveymonkey_one_header_row_error(tmp_path, instrument):
    path = _write_csv(tmp_path / "sm.csv", [["Respondent ID", "Collector ID", "Q"]])
    src = SourceConfig(path=path, cohort="c", platform="surveymonkey")
    with pytest.raises(InputFileError, match="two header rows"):
        read_source(src, instrument, source_label="x")


def test_surveymonkey_missing_signature_error(tmp_path, instrument):
    path = _write_csv(tmp_path / "sm.csv", [["UserID", "Q"], ["", "Response"], ["1", "a"]])
    src = SourceConfig(path=path, cohort="c", platform="surveymonkey")
    with pytest.raises(InputFileError, match="Respondent ID") as err:
        read_source(src, instrument, source_label="x")
    assert err.value.row == 1


def test_surveymonkey_xlsx_same_layout(tmp_path, instrument):
    wb = openpyxl.Workbook()
    ws = wb.active
    with open(FIXTURES / "surveymonkey.csv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append([c or None for c in row])
    wb.save(tmp_path / "sm.xlsx")
    src = SourceConfig(path=tmp_path / "sm.xlsx", cohort="c")
    table = read_source(src, instrument, source_label="x")
    assert table.responses["services"].iloc[0] == ["SARC", "GP", "Other"]
    assert list(table.responses["submitted"]) == ["2024-03", "2024-04"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_surveymonkey_encodings_round_trip(tmp_path, instrument, encoding):
    text = "Synthetic: the nurse’s care was “kind” – café"
    rows = [["Respondent ID", "Collector ID", "End Date", "What helped you most?"],
            ["", "", "", "Open-Ended Response"], ["1", "2", "01/02/2024", text]]
    path = _write_csv(tmp_path / "sm.csv", rows, encoding=encoding)
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert list(table.answers["text"]) == [text]


def test_surveymonkey_matrix_rows_inferred_as_questions(tmp_path):
    rows = [["Respondent ID", "Collector ID", "End Date", "How much do you agree?", ""],
            ["", "", "", "Staff listened", "I felt safe"]]
    answers = [("Agree", "Strongly agree"), ("Disagree", "Agree"), ("Agree", "Agree")]
    for i, (a, b) in enumerate(answers):
        rows.append([str(i), "9", "01/02/2024", a, b])
    path = _write_csv(tmp_path / "sm.csv", rows)
    inferred = infer_instrument(SourceConfig(path=path, cohort="c"))
    qs = {q.text: q.kind for q in inferred.instrument.questions}
    assert qs == {"How much do you agree? - Staff listened": "likert",
                  "How much do you agree? - I felt safe": "likert"}
    table = read_source(SourceConfig(path=path, cohort="c"), None, source_label="x")
    assert list(table.responses.iloc[0, 6:]) == ["Agree", "Strongly agree"]


def test_surveymonkey_xlsx_merged_header_cells_on_second_sheet(tmp_path, instrument):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["Synthetic export notes sheet"])
    ws = wb.create_sheet("Responses")
    with open(FIXTURES / "surveymonkey.csv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append([c or None for c in row])
    ws.merge_cells("K1:N1")  # "Which services have you used?" over its four option columns
    wb.save(tmp_path / "sm.xlsx")
    src = SourceConfig(path=tmp_path / "sm.xlsx", cohort="c", sheet="Responses")
    table = read_source(src, instrument, source_label="x")
    assert table.responses["services"].iloc[0] == ["SARC", "GP", "Other"]
