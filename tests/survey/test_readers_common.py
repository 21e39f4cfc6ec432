"""Tests for the readers' shared helpers: loading, encodings, headers, dates, matching."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from survey.errors import InputFileError
from survey.instrument import instrument_from_dict
from survey.readers.common import is_identifying, is_other_option, load_csv, load_grid
from survey.readers.dates import to_months
from survey.readers.mapping import QuestionMatcher, match_label

ROWS = [["Question one", "Question two"], ["Synthetic café – “quoted”", "line 1\nline 2"]]


def _csv_bytes(encoding: str) -> bytes:
    body = 'Question one,Question two\r\nSynthetic café – “quoted”,"line 1\nline 2"\r\n'
    return body.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_load_csv_encodings(tmp_path, encoding):
    path = tmp_path / "x.csv"
    path.write_bytes(_csv_bytes(encoding))
    assert load_csv(path).rows == ROWS


def test_load_csv_embedded_newline_doubled_quotes_row_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('a,b\n"x ""y""\nz",2\nq,3\n', encoding="utf-8")
    grid = load_csv(path)
    assert grid.rows[1] == ['x "y"\nz', "2"]
    assert grid.row_numbers == [1, 2, 3]


def test_load_csv_semicolon_delimiter(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    assert load_csv(path).rows == [["a", "b"], ["1", "2"]]


def test_load_csv_trailing_empty_column_removed(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b,\n1,2,\n", encoding="utf-8")
    assert load_csv(path).rows == [["a", "b"], ["1", "2"]]


@pytest.mark.parametrize("name, content, message", [
    ("empty.csv", b"", "empty"), ("blank.csv", b"\n\n", "empty"),
    ("bad.xlsx", b"this is not a zip", "not a readable .xlsx")])
def test_load_grid_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message) as err:
        load_grid(path)
    assert err.value.path == str(path)


def test_load_grid_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        load_grid(tmp_path / "missing.csv")


def test_load_xlsx_named_sheet_and_first_with_data(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    ws = wb.create_sheet("Data")
    ws.append(["h"])
    ws.append(["v"])
    wb.save(tmp_path / "x.xlsx")
    assert load_grid(tmp_path / "x.xlsx").rows == [["h"], ["v"]]
    with pytest.raises(InputFileError, match="no sheet named 'Nope'; sheets: Cover, Data"):
        load_grid(tmp_path / "x.xlsx", sheet="Nope")


@pytest.mark.parametrize("header", [
    "IP Address", "IPAddress", "Email", "Email Address", "E-mail", "First Name", "Last name",
    "Name", "Your name", "Custom Data 1", "Phone Number", "Mobile", "Address", "Postcode",
    "Post code", "ZIP/Postal Code", "LocationLatitude", "Location Longitude", "RecipientEmail",
    "RecipientFirstName", "ExternalReference", "_submitted_by", "User name", "Contact details",
    "City/Town", "_geolocation_latitude"])
def test_is_identifying_true(header):
    assert is_identifying(header)


@pytest.mark.parametrize("header", [
    "UserID", "Respondent ID", "Name of the service you used", "What helped you most?",
    "How would you address this?", "Started", "Which services have you used?"])
def test_is_identifying_false(header):
    assert not is_identifying(header)


@pytest.mark.parametrize("label, expected", [
    ("Other (please specify)", True), ("Other, please state", True), ("Other", False),
    ("Others were kind", False)])
def test_is_other_option(label, expected):
    assert is_other_option(label) is expected


def _months(values, order=None):
    return to_months(values, path=Path("f.csv"), column="Ended", rows=range(2, 2 + len(values)),
                     date_order=order)


@pytest.mark.parametrize("values, order, expected", [
    (["03/04/2024", "25/04/2024"], None, ["2024-04", "2024-04"]),
    (["03/04/2024", "04/25/2024"], None, ["2024-03", "2024-04"]),
    (["03/04/2024"], "dayfirst", ["2024-04"]),
    (["03/04/2024"], "monthfirst", ["2024-03"]),
    (["03/03/24 10:00"], None, ["2024-03"]),
    (["2024-07-09T10:00:00", "", None], None, ["2024-07", None, None]),
    ([dt.datetime(2023, 12, 31)], None, ["2023-12"]),
    (["31 March 2024"], None, ["2024-03"])])
def test_to_months(values, order, expected):
    assert _months(values, order) == expected


@pytest.mark.parametrize("values, row, message", [
    (["2024-01-01", "03/04/2024"], 3, "ambiguous"),
    (["13/04/2024", "04/13/2024"], 3, "mix"),
    (["Synthetic Secret"], 2, "not a date"),
    (["13/13/2024"], 2, "not a valid date")])
def test_to_months_errors_name_row_never_value(values, row, message):
    with pytest.raises(InputFileError, match=message) as err:
        _months(values)
    assert err.value.row == row and err.value.column == "Ended"
    for value in values:
        assert value not in str(err.value)


INSTRUMENT = instrument_from_dict({"questions": [
    {"id": "helped", "text": "What helped you most?", "aliases": ["Most helpful thing"]},
    {"id": "sat", "text": "How satisfied were you?", "kind": "likert",
     "options": ["Satisfied", "Very  satisfied"]}]})


@pytest.mark.parametrize("header, expected", [
    ("What helped you most?", "helped"), ("what helped YOU most", "helped"),
    ("What helped you the most?", "helped"), ("most helpful thing!", "helped"),
    ("How satisfied were you", "sat"), ("Something else entirely", None)])
def test_question_matcher(header, expected):
    q = QuestionMatcher(INSTRUMENT).match(header)
    assert (q.id if q else None) == expected


@pytest.mark.parametrize("label, expected", [
    ("Satisfied", "Satisfied"), (" satisfied ", "Satisfied"), ("VERY satisfied", "Very  satisfied"),
    ("Satisfed", None)])
def test_match_label(label, expected):
    assert match_label(label, INSTRUMENT.get("sat")) == expected


def test_load_csv_utf16_without_bom_ascii(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("a,b\n1,2\n".encode("utf-16-le"))
    assert load_csv(path).rows == [["a", "b"], ["1", "2"]]
