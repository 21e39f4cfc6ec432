"""Tests for the SmartSurvey reader and the shared tabular mapping (synthetic fixtures only)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import infer_instrument, read_source
from survey.schema import ANSWER_COLUMNS, RESPONSE_COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
IDENTIFYING_VALUES = ("192.0.2.10", "synthetic.person@example.org", "Synthetic Person")


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


@pytest.fixture(scope="module")
def table(instrument):
    src = SourceConfig(path=FIXTURES / "smartsurvey.csv", cohort="survivor", wave=2)
    return read_source(src, instrument, source_label="exports/ss.csv")


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_smartsurvey_columns_canonical(table):
    assert list(table.responses.columns[:6]) == list(RESPONSE_COLUMNS)
    assert list(table.answers.columns) == list(ANSWER_COLUMNS)
    assert set(table.responses["kind"]) == {"survey"}
    assert set(table.responses["wave"]) == {2}
    assert set(table.answers["lang"]) == {"en"}


def test_smartsurvey_maps_headers_to_question_ids(table):
    closed = list(table.responses.columns[6:])
    assert closed == ["satisfaction", "services", "age_band", "visits"]
    assert table.unmapped_columns == []


def test_smartsurvey_alias_and_case_normalised_label(table):
    assert list(table.responses["age_band"]) == ["25-44", "Under 25"]


def test_smartsurvey_multiselect_expanded_columns_gathered(table):
    assert table.responses["services"].iloc[0] == ["SARC", "ISVA", "Other"]
    assert table.responses["services"].iloc[1] == ["GP"]


def test_smartsurvey_other_text_becomes_answer(table):
    other = table.answers[table.answers["question_id"] == "services_other"]
    assert list(other["text"]) == ["A peer group (synthetic)"]


def test_smartsurvey_unknown_likert_label_kept_and_counted(table):
    assert table.responses["satisfaction"].iloc[1] == "disgree"
    assert table.unknown_labels == {("satisfaction", "disgree"): 1}


def test_smartsurvey_number_column_is_float(table):
    assert list(table.responses["visits"]) == [3.0, 1.0]


def test_smartsurvey_identifying_columns_dropped_and_absent(table):
    assert table.dropped_columns == ["IP Address", "Email", "Name"]
    everything = table.responses.to_string() + table.answers.to_string()
    for value in IDENTIFYING_VALUES:
        assert value not in everything
    assert "1001" not in everything  # the platform id is hashed


def test_smartsurvey_blank_free_text_gives_no_answer(table):
    counts = table.answers.groupby("question_id").size().to_dict()
    assert counts == {"helped": 1, "improve": 1, "services_other": 1}


def test_smartsurvey_embedded_newline_and_doubled_quotes(table):
    text = table.answers.loc[table.answers["question_id"] == "improve", "text"].iloc[0]
    assert text == 'Synthetic answer: shorter waits,\nand "clearer" letters.'


def test_smartsurvey_ids_stable_and_distinct(table, instrument):
    src = SourceConfig(path=FIXTURES / "smartsurvey.csv", cohort="survivor")
    again = read_source(src, instrument, source_label="exports/ss.csv")
    assert list(again.responses["response_id"]) == list(table.responses["response_id"])
    assert table.answers["answer_id"].is_unique
    assert table.responses["response_id"].is_unique


def test_smartsurvey_submitted_month_inferred_dayfirst(table):
    assert list(table.responses["submitted"]) == ["2024-03", "2024-04"]


@pytest.mark.parametrize("order, expected", [("dayfirst", "2024-04"), ("monthfirst", "2024-03")])
def test_smartsurvey_date_order_config(tmp_path, instrument, order, expected):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "Ended"], [1, "03/04/2024 10:00"]])
    src = SourceConfig(path=path, cohort="c", date_order=order)
    assert read_source(src, instrument, source_label="x").responses["submitted"][0] == expected


def test_smartsurvey_ambiguous_date_error_names_row_not_value(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "Ended"], [1, "05/06/2024"],
                                        [2, "07/08/2024"]])
    with pytest.raises(InputFileError) as err:
        read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert err.value.row == 2 and err.value.column == "Ended"
    assert "date_order" in str(err.value) and "05/06" not in str(err.value)


def test_smartsurvey_bad_date_error_never_contains_value(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "Ended"], [1, "Synthetic Secret Value"]])
    with pytest.raises(InputFileError) as err:
        read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert "Secret" not in str(err.value) and err.value.row == 2


def test_smartsurvey_xlsx_datetime_cells(tmp_path, instrument):
    import datetime as dt

    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "Ended", "What helped you most?"],
                                        [7, dt.datetime(2024, 11, 3, 9, 0), "Synthetic text"]])
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert table.responses["submitted"][0] == "2024-11"
    assert list(table.answers["text"]) == ["Synthetic text"]


def test_smartsurvey_header_mismatch_error(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["Question A", "Question B"], ["x", "y"]])
    src = SourceConfig(path=path, cohort="c", platform="smartsurvey")
    with pytest.raises(InputFileError, match="SmartSurvey") as err:
        read_source(src, instrument, source_label="x")
    assert err.value.row == 1


def test_smartsurvey_unmapped_column_listed(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "A question not in the instrument"],
                                        [1, "Synthetic"]])
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert table.unmapped_columns == ["A question not in the instrument"]
    assert table.answers.empty


def test_smartsurvey_fuzzy_header_match(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "What helped you the most?"], [1, "Synthetic"]])
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert list(table.answers["question_id"]) == ["helped"]


def test_smartsurvey_input_file_not_modified(tmp_path, instrument):
    path = tmp_path / "ss.csv"
    shutil.copy(FIXTURES / "smartsurvey.csv", path)
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_smartsurvey_inferred_instrument_kinds(tmp_path):
    rows = [["UserID", "Ended", "How easy was it?", "Which services? - SARC",
             "Which services? - GP", "Visits", "Tell us more", "Area"]]
    for i, (ease, sarc, gp, n, area) in enumerate([
            ("Easy", "SARC", "", 2, "North"), ("Difficult", "", "GP", 1, "South"),
            ("Very easy", "SARC", "GP", 4, "North"), ("Easy", "", "", 3, "North")]):
        rows.append([i, "2024-01-0%d" % (i + 1), ease, sarc, gp, n,
                     f"Synthetic free text answer number {i} about support", area])
    path = _xlsx(tmp_path / "ss.xlsx", rows)
    inferred = infer_instrument(SourceConfig(path=path, cohort="c"))
    kinds = {q.id: q.kind for q in inferred.instrument.questions}
    assert kinds == {"how_easy_was_it": "likert", "which_services": "multiple",
                     "visits": "number", "tell_us_more": "text", "area": "single"}
    assert inferred.column_map["Which services? - GP"] == "which_services"
    table = read_source(SourceConfig(path=path, cohort="c"), None, source_label="x")
    assert table.responses["which_services"][2] == ["SARC", "GP"]
    assert table.responses["how_easy_was_it"][0] == "Easy"


def test_smartsurvey_contact_option_kept_contact_field_dropped(tmp_path):
    from survey.instrument import instrument_from_dict

    inst = instrument_from_dict({"questions": [
        {"id": "channel", "text": "How would you like updates?", "kind": "multiple",
         "options": ["Email", "Post"]}]})
    path = _xlsx(tmp_path / "ss.xlsx", [
        ["UserID", "How would you like updates? - Email", "Contact details - Email"],
        [1, "Email", "synthetic@example.org"]])
    table = read_source(SourceConfig(path=path, cohort="c"), inst, source_label="x")
    assert table.responses["channel"][0] == ["Email"]
    assert table.dropped_columns == ["Contact details - Email"]
    assert "synthetic@example.org" not in table.responses.to_string()


def test_smartsurvey_non_number_cell_blank_with_warning(tmp_path, instrument):
    path = _xlsx(tmp_path / "ss.xlsx", [["UserID", "How many times did you visit?"],
                                        [1, "a few (synthetic)"], [2, 4]])
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="x")
    assert list(table.responses["visits"]) == [None, 4.0]
    assert any("not numbers" in w and "synthetic" not in w for w in table.warnings)
