"""Tests for the Qualtrics reader: v3 (JSON ImportId), 2016-17 (single-quoted dicts) and legacy
(V1..V10, BOM, trailing empty column) layouts; choice-text and numeric values (synthetic
fixtures written from the documented layouts)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import detect, infer_instrument, read_source
from survey.readers.qualtrics import import_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
LAYOUTS = ["qualtrics_v3.csv", "qualtrics_v3_numeric.csv", "qualtrics_2016.csv"]
IDENTIFYING = ["IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
               "ExternalReference", "LocationLatitude", "LocationLongitude", "referral_code"]


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


def _read(name: str, instrument, **kw):
    return read_source(SourceConfig(path=FIXTURES / name, cohort="survivor", **kw), instrument,
                       source_label=name)


@pytest.mark.parametrize("name", [*LAYOUTS, "qualtrics_legacy.csv"])
def test_qualtrics_detected(name):
    assert detect(FIXTURES / name) == "qualtrics.v1"


@pytest.mark.parametrize("cell, expected", [
    ('{"ImportId":"QID1"}', "QID1"),
    ('{"ImportId":"startDate","timeZone":"Europe/London"}', "startDate"),
    ("{'ImportId': 'QID2-1'}", "QID2-1"),
    ("{'ImportId': __import__('os')}", None),
    ('{"ImportId": 3}', None),
    ("Q1", None),
    ("", None)])
def test_qualtrics_import_id(cell, expected):
    assert import_id(cell) == expected


@pytest.mark.parametrize("name", LAYOUTS)
def test_qualtrics_closed_answers_in_every_layout(name, instrument):
    table = _read(name, instrument)
    r = table.responses
    assert list(r["satisfaction"])[0] == "Satisfied" and list(r["satisfaction"])[2] == \
        "Very satisfied"
    assert list(r["services"]) == [["SARC", "GP", "Other"], ["ISVA"], None]
    assert list(r["age_band"]) == ["25-44", "Under 25", "Prefer not to say"]
    assert list(r["visits"])[:2] == [3.0, 1.0]
    assert list(r["first_contact"]) == ["2024-02", "2024-01", None]
    assert set(r["submitted"]) == {"2024-03"}


@pytest.mark.parametrize("name", LAYOUTS)
def test_qualtrics_identifying_and_embedded_columns_dropped(name, instrument):
    table = _read(name, instrument)
    assert table.dropped_columns == IDENTIFYING
    assert table.unmapped_columns == []
    text = table.responses.astype(str).to_string() + table.answers.to_string()
    for value in ("192.0.2.", "example.org", "SYNREF", "51.5072", "R_SYNTH", "Sam"):
        assert value not in text


def test_qualtrics_other_text_and_html_stripped_question(instrument):
    table = _read("qualtrics_v3.csv", instrument)
    got = sorted(zip(table.answers["question_id"], table.answers["text"]))
    assert ("services_other", "A peer group (synthetic)") in got
    assert ("helped", "Synthetic answer: being listened to.") in got
    assert len(got) == 4


def test_qualtrics_choice_text_typo_reported(instrument):
    table = _read("qualtrics_v3.csv", instrument)
    assert table.unknown_labels == {("satisfaction", "Disgree"): 1}
    assert list(table.responses["satisfaction"])[1] == "Disgree"


def test_qualtrics_numeric_codes_map_to_labels_and_minus_99_is_blank(instrument):
    table = _read("qualtrics_v3_numeric.csv", instrument)
    assert list(table.responses["satisfaction"]) == ["Satisfied", None, "Very satisfied"]
    assert table.unknown_labels == {}


def test_qualtrics_legacy_bom_trailing_column(instrument):
    table = _read("qualtrics_legacy.csv", instrument)
    assert list(table.responses["satisfaction"]) == ["Satisfied", "Dissatisfied"]
    assert list(table.responses["services"]) == [["SARC", "GP"], ["ISVA"]]
    assert list(table.responses["submitted"]) == ["2016-05", "2016-06"]
    assert table.dropped_columns == ["Name", "ExternalDataReference", "EmailAddress",
                                     "IPAddress", "LocationLatitude", "LocationLongitude",
                                     "LocationAccuracy"]
    assert list(table.answers["text"]) == ["Synthetic answer: kind staff."]


def test_qualtrics_response_ids_stable_and_not_raw(instrument):
    a = _read("qualtrics_v3.csv", instrument)
    b = _read("qualtrics_v3.csv", instrument)
    assert list(a.responses["response_id"]) == list(b.responses["response_id"])
    assert not any(rid.startswith("R_") for rid in a.responses["response_id"])


def test_qualtrics_column_map_by_export_tag(tmp_path, instrument):
    rows = list(csv.reader(open(FIXTURES / "qualtrics_v3.csv", encoding="utf-8")))
    q1 = rows[0].index("Q1")
    rows[1][q1] = "Wie zufrieden waren Sie?"  # row 2 in the account language
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    table = read_source(SourceConfig(path=path, cohort="c", column_map={"Q1": "satisfaction"}),
                        instrument, source_label="q")
    assert list(table.responses["satisfaction"])[0] == "Satisfied"


def test_qualtrics_infers_instrument_without_one():
    inferred = infer_instrument(SourceConfig(path=FIXTURES / "qualtrics_v3.csv", cohort="c"))
    kinds = {q.text: q.kind for q in inferred.instrument.questions}
    assert kinds["Which services have you used?"] == "multiple"
    assert kinds["What helped you most?"] == "text"
    assert not any("Recipient" in t or "referral" in t for t in kinds)


def test_qualtrics_not_qualtrics_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Q1,Q2\nHow?,Why?\nSynthetic,Value\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="does not look like a Qualtrics export") as err:
        read_source(SourceConfig(path=path, cohort="c", platform="qualtrics"), None,
                    source_label="x")
    assert "Synthetic" not in str(err.value)


def test_qualtrics_xlsx_layout(tmp_path, instrument):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in csv.reader(open(FIXTURES / "qualtrics_v3.csv", encoding="utf-8")):
        wb.active.append(row)
    wb.save(tmp_path / "q.xlsx")
    assert detect(tmp_path / "q.xlsx") == "qualtrics.v1"
    table = read_source(SourceConfig(path=tmp_path / "q.xlsx", cohort="c"), instrument,
                        source_label="q")
    assert len(table.responses) == 3 and json.dumps(table.dropped_columns)


def test_qualtrics_minus_99_in_date_column_is_blank(tmp_path, instrument):
    rows = list(csv.reader(open(FIXTURES / "qualtrics_v3_numeric.csv", encoding="utf-8")))
    rows[3][rows[0].index("Q5")] = "-99"
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="q")
    assert list(table.responses["first_contact"]) == [None, "2024-01", None]


def test_qualtrics_matches_export_tags_before_row2_text(tmp_path):
    from survey.instrument import instrument_from_dict

    rows = list(csv.reader(open(FIXTURES / "qualtrics_v3_numeric.csv", encoding="utf-8")))
    rows[1] = ["Frage (synthetisch)" if c else c for c in rows[1]]  # row 2 in another language
    path = tmp_path / "q.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    inst = instrument_from_dict({"questions": [
        {"id": "q1", "text": "Satisfaction", "kind": "likert",
         "options": ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied",
                     "Very satisfied"]},
        {"id": "services", "text": "Services", "kind": "multiple", "aliases": ["Q2"],
         "options": ["SARC", "ISVA", "GP", "Helpline", "Other"]}]})
    table = read_source(SourceConfig(path=path, cohort="c"), inst, source_label="q")
    assert list(table.responses["q1"]) == ["Satisfied", None, "Very satisfied"]
    assert list(table.responses["services"]) == [["SARC", "GP", "Other"], ["ISVA"], None]
    assert list(table.answers["question_id"]) == ["services_other"]
