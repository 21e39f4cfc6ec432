"""Exports real platforms make (issue 16, failures 7 and 8): a SurveyMonkey export without its
metadata columns is read (ids from row order, with a warning), and a web page saved as .xls
is named for what it is. All files SYNTHETIC."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import detect, read_source
from survey.readers.surveymonkey import NO_ID_WARNING
from survey.schema import stable_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
BARE = FIXTURES / "surveymonkey_no_metadata.csv"


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


def test_surveymonkey_no_metadata_detected_from_row_two():
    assert detect(BARE) == "surveymonkey.v1"


@pytest.mark.parametrize("platform", ["auto", "surveymonkey"])
def test_surveymonkey_no_metadata_reads_with_row_order_ids(instrument, platform):
    table = read_source(SourceConfig(path=BARE, cohort="c", platform=platform), instrument,
                        source_label="sm.csv")
    r = table.responses
    assert len(r) == 5
    assert r["response_id"].tolist() == [stable_id("sm.csv", "row", n) for n in range(3, 8)]
    assert NO_ID_WARNING in table.warnings
    assert r["satisfaction"].tolist()[:2] == ["Satisfied", "Very satisfied"]
    assert r["services"].tolist()[0] == ["SARC", "GP"]
    assert "Other" in r["services"].tolist()[1]
    assert r["age_band"].tolist()[3] == "Prefer not to say"
    helped = table.answers[table.answers["question_id"] == "helped"]
    assert len(helped) == 4
    assert table.unmapped_columns == [] and table.unknown_labels == {}


def test_surveymonkey_no_metadata_with_inferred_instrument():
    table = read_source(SourceConfig(path=BARE, cohort="c", platform="surveymonkey"), None,
                        source_label="sm.csv")
    assert len(table.responses) == 5 and NO_ID_WARNING in table.warnings
    assert len(table.answers) >= 4


def test_surveymonkey_with_metadata_has_no_row_order_warning(instrument):
    table = read_source(SourceConfig(path=FIXTURES / "surveymonkey.csv", cohort="c"),
                        instrument, source_label="sm.csv")
    assert NO_ID_WARNING not in table.warnings


def _csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_surveymonkey_no_metadata_not_claimed_for_data_rows(tmp_path):
    # a one-header-row file whose first record happens to hold the word "Response"
    path = _csv(tmp_path / "g.csv", [["Ref", "Kind of contact", "Notes"],
                                     ["40117", "Response", "synthetic note"]])
    with pytest.raises(InputFileError, match="could not tell which platform"):
        detect(path)


def test_surveymonkey_refused_without_ids_or_sub_header(tmp_path):
    path = _csv(tmp_path / "x.csv", [["How was it?", "Anything else?"],
                                     ["Fine", "Synthetic note"]])
    with pytest.raises(InputFileError, match="Respondent ID"):
        read_source(SourceConfig(path=path, cohort="c", platform="surveymonkey"), None,
                    source_label="x.csv")


PAGE = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft'
        '-com:office:excel"><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=utf-8"></head><body><table><tr><td>Respondent ID</td><td>Zqpagecell</td>'
        '</tr></table></body></html>')


@pytest.mark.parametrize("name, prefix, codec", [
    ("legacy.xls", "", "utf-8"),
    ("legacy2.xls", "\r\n<!-- saved from a browser -->\n<!DOCTYPE html>", "utf-8"),
    ("legacy3.xls", "", "utf-16"),
    ("renamed.xlsx", "", "utf-8"),
    ("page.csv", "  ", "utf-8"),
])
def test_html_saved_as_spreadsheet_named_for_what_it_is(tmp_path, name, prefix, codec):
    path = tmp_path / name
    path.write_bytes((prefix + PAGE).encode(codec))
    for call in (lambda: detect(path),
                 lambda: read_source(SourceConfig(path=path, cohort="c", platform="generic"),
                                     None, source_label=name)):
        with pytest.raises(InputFileError) as err:
            call()
        message = str(err.value)
        assert "HTML web page" in message and "CSV or XLSX" in message
        assert "97-2003" not in message and "Zqpagecell" not in message
        assert str(path) in message


def test_spreadsheet_xml_saved_as_xls_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(codecs.BOM_UTF8 + b'<?xml version="1.0"?>\n<?mso-application '
                     b'progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
                     b'office:spreadsheet"></Workbook>')
    with pytest.raises(InputFileError, match="Excel 2003 XML"):
        detect(path)


def test_real_legacy_xls_still_named_97_2003(tmp_path):
    path = tmp_path / "w.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputFileError, match="97-2003"):
        detect(path)
