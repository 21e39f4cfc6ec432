"""Identifying columns recognised by content, kept columns generalised (keep_columns), and the
per-source summary (synthetic files made in tmp_path)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import instrument_from_dict, read_instrument
from survey.readers import infer_instrument, read_source, summarise_source
from survey.readers.identifying import identifying_content

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


@pytest.mark.parametrize("values, kind", [
    (["synthetic.a@example.org", "b.synthetic@example.co.uk", ""], "email address"),
    (["192.0.2.1", "198.51.100.23", "2001:db8::1"], "IP address"),
    (["01632 960000", "+44 1632 960001", "07700 900123"], "phone number"),
    (["LS6 2AB", "sw1a 1aa", "M1 1AE"], "postcode"),
    (["51.507351", "-0.127758", "53.800755"], "coordinate"),
    (["51.5 -0.12 0 0", "53.8 -1.54 0 5"], "geopoint"),
    (["synthetic.a@example.org", "Synthetic answer", "Another synthetic answer"], None),
    (["Satisfied", "Agree", "25-44"], None),
    (["3", "12", "2.5"], None),
    (["2024-03-14", "14/03/2024 09:00", "2024-03-14 09:20"], None),
    ([1234567890, 9876543210], None),
    (["192.0.2.1"], None)])  # one cell is too few to judge
def test_identifying_content_kinds(values, kind):
    assert identifying_content(values) == kind


def _csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def export(tmp_path) -> Path:
    return _csv(tmp_path / "x.csv", [
        ["UserID", "How would we reach you?", "Where do you live?", "What helped you most?",
         "Home postcode"],
        ["1", "synthetic.one@example.org", "LS6 2AB", "Synthetic answer one", "LS6 2AB"],
        ["2", "synthetic.two@example.org", "M1 1AE", "Synthetic answer two", "M1 1AE"],
        ["3", "", "SW1A 1AA", "Synthetic answer three", ""]])


def test_identifying_columns_dropped_by_content(export):
    inst = instrument_from_dict({"questions": [
        {"id": "reach", "text": "How would we reach you?", "kind": "text"},
        {"id": "helped", "text": "What helped you most?", "kind": "text"}]})
    table = read_source(SourceConfig(path=export, cohort="c"), inst, source_label="x")
    assert table.dropped_columns == ["How would we reach you?", "Where do you live?",
                                     "Home postcode"]
    assert list(table.answers["question_id"]) == ["helped"] * 3
    everything = table.responses.astype(str).to_string() + " ".join(table.warnings)
    assert "example.org" not in everything and "LS6" not in everything
    assert any("email address" in w for w in table.warnings)


def test_identifying_content_columns_not_inferred(export):
    inferred = infer_instrument(SourceConfig(path=export, cohort="c"))
    assert [q.text for q in inferred.instrument.questions] == ["What helped you most?"]


def test_keep_columns_postcode_generalised_to_district(export):
    inst = instrument_from_dict({"questions": [
        {"id": "helped", "text": "What helped you most?", "kind": "text"},
        {"id": "area", "text": "Where do you live?", "kind": "text"}]})
    table = read_source(SourceConfig(path=export, cohort="c"), inst, source_label="x",
                        keep_columns=["Where do you live?", "home postcode"])
    assert list(table.responses["area"]) == ["LS6", "M1", "SW1A"]
    assert list(table.responses["home_postcode"]) == ["LS6", "M1", None]
    assert "Where do you live?" not in table.dropped_columns
    assert table.dropped_columns == ["How would we reach you?"]
    assert any("postcode district" in w for w in table.warnings)


def test_keep_columns_by_question_id(export):
    inst = instrument_from_dict({"questions": [
        {"id": "area", "text": "Where do you live?", "kind": "text"}]})
    table = read_source(SourceConfig(path=export, cohort="c"), inst, source_label="x",
                        keep_columns=["area"])
    assert list(table.responses["area"]) == ["LS6", "M1", "SW1A"]


def test_keep_columns_refuses_column_without_generalised_form(export):
    with pytest.raises(InputFileError, match="no generalised form") as err:
        read_source(SourceConfig(path=export, cohort="c"), None, source_label="x",
                    keep_columns=["How would we reach you?"])
    assert err.value.column == "How would we reach you?" and "example" not in str(err.value)


def test_keep_columns_header_identifying_latitude(tmp_path):
    path = _csv(tmp_path / "g.csv", [["UserID", "Latitude", "What helped you most?"],
                                     ["1", "53.80075", "Synthetic"], ["2", "51.50735", "Synth"]])
    table = read_source(SourceConfig(path=path, cohort="c"), None, source_label="g",
                        keep_columns=["Latitude"])
    assert list(table.responses["latitude"]) == ["53.8", "51.5"]


def test_summarise_source_survey_counts_and_no_values():
    inst = read_instrument(FIXTURES / "instrument.yaml")
    table = read_source(SourceConfig(path=FIXTURES / "smartsurvey.csv", cohort="c"), inst,
                        source_label="exports/s.csv")
    text = summarise_source(table, platform="smartsurvey.v1")
    first = text.splitlines()[0]
    assert first.startswith("exports/s.csv [smartsurvey.v1]: 2 rows, 2 respondents")
    assert "identifying column(s): IP Address, Email, Name" in text
    assert "matched no option" in text
    for value in ("192.0.2", "example.org", "Synthetic Person", "disgree"):
        assert value not in text


def test_summarise_source_interviews():
    table = read_source(SourceConfig(path=FIXTURES / "interview.txt", cohort="c",
                                     kind="interview"), None, source_label="t")
    text = summarise_source(table, platform="transcript.v1")
    assert text == ("t [transcript.v1]: 1 transcript(s), 2 participant turn(s), 2 interviewer "
                    "turn(s) kept as context")
    assert isinstance(table.responses, pd.DataFrame)


def test_headers_that_are_data_never_echoed(tmp_path):
    path = _csv(tmp_path / "n.csv", [
        ["UserID", "synthetic.zq@example.org", "07700 900123", "Helped"],
        ["1", "synthetic.b@example.org", "07700 900124", "Synthetic a"],
        ["2", "synthetic.c@example.org", "07700 900125", "Synthetic b"]])
    table = read_source(SourceConfig(path=path, cohort="c"), None, source_label="n")
    text = summarise_source(table, platform="smartsurvey.v1") + repr(table.dropped_columns)
    assert table.dropped_columns == ["Column B", "Column C"]
    assert "zq" not in text and "900123" not in text


def test_data_header_inferred_and_read_consistently(tmp_path):
    from survey.readers import infer_project_instrument

    path = _csv(tmp_path / "h.csv", [
        ["UserID", "LS6 2AB"], ["1", "Synthetic answer one"], ["2", "Synthetic answer two"],
        ["3", "Synthetic answer three"]])
    source = SourceConfig(path=path, cohort="c")
    inst = infer_project_instrument([source])
    assert [q.text for q in inst.questions] == ["Column B"]
    table = read_source(source, inst, source_label="h")
    assert table.unmapped_columns == [] and len(table.answers) == 3
