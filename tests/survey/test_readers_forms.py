"""Tests for the Microsoft Forms and Google Forms readers (synthetic fixtures only)."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from survey.config import SourceConfig
from survey.instrument import instrument_from_dict
from survey.readers import detect, read_source

INSTRUMENT = instrument_from_dict({"questions": [
    {"id": "services", "text": "Which services have you used?", "kind": "multiple",
     "options": ["SARC", "GP, practice nurse", "Helpline", "Other"]},
    {"id": "helped", "text": "What helped you most?", "kind": "text"}]})


def test_msforms_semicolon_multiselect_and_dropped_identity(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Start time", "Completion time", "Email", "Name",
               "Which services have you used?", "What helped you most?"])
    ws.append([1, dt.datetime(2024, 5, 1, 9), dt.datetime(2024, 5, 1, 9, 5), "s@example.org",
               "Synthetic Name", "SARC;Helpline;", "Synthetic: the helpline."])
    wb.save(tmp_path / "f.xlsx")
    assert detect(tmp_path / "f.xlsx") == "msforms.v1"
    table = read_source(SourceConfig(path=tmp_path / "f.xlsx", cohort="c"), INSTRUMENT,
                        source_label="f")
    assert table.responses["services"][0] == ["SARC", "Helpline"]
    assert table.responses["submitted"][0] == "2024-05"
    assert table.dropped_columns == ["Email", "Name"]
    assert "Synthetic Name" not in table.responses.to_string() + table.answers.to_string()


def test_googleforms_comma_split_only_against_options(tmp_path):
    rows = [["Timestamp", "Email address", "Which services have you used?",
             "What helped you most?"],
            ["28/10/2024 15:03:45", "s@example.org", "SARC, GP, practice nurse", "Synthetic"],
            ["29/10/2024 10:00:00", "", "SARC, Somewhere else", ""]]
    path = tmp_path / "g.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert detect(path) == "googleforms.v1"
    table = read_source(SourceConfig(path=path, cohort="c"), INSTRUMENT, source_label="g")
    assert table.responses["services"][0] == ["SARC", "GP, practice nurse"]
    assert table.responses["services"][1] == ["SARC", "Other"]
    other = table.answers[table.answers["question_id"] == "services_other"]
    assert list(other["text"]) == ["Somewhere else"]
    assert table.unknown_labels == {}
    assert list(table.responses["submitted"]) == ["2024-10", "2024-10"]
    assert table.dropped_columns == ["Email address"]


@pytest.mark.parametrize("platform", ["msforms", "googleforms"])
def test_forms_platform_override(tmp_path, platform):
    path = tmp_path / "x.csv"
    path.write_text("Which services have you used?\nSARC\n", encoding="utf-8")
    table = read_source(SourceConfig(path=path, cohort="c", platform=platform), INSTRUMENT,
                        source_label="x")
    assert table.responses["services"][0] == ["SARC"]
