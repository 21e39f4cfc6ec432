"""Tests for the KoboToolbox reader: ';'-delimited quoted CSV, HXL row, group prefixes,
select-multiple as space-separated choices plus 0/1 option columns (synthetic fixtures)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import instrument_from_dict, read_instrument
from survey.readers import detect, infer_instrument, read_source
from survey.readers.common import load_grid
from survey.readers.kobo import has_hxl_row

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


def _read(path: Path, instrument, **kw):
    return read_source(SourceConfig(path=path, cohort="survivor", **kw), instrument,
                       source_label=path.name)


def test_kobo_detected():
    assert detect(FIXTURES / "kobo.csv") == "kobo.v1"


def test_kobo_hxl_row_detected_and_skipped(instrument):
    assert has_hxl_row(load_grid(FIXTURES / "kobo.csv"))
    table = _read(FIXTURES / "kobo.csv", instrument)
    assert len(table.responses) == 2
    assert list(table.responses["satisfaction"]) == ["Satisfied", "Dissatisfied"]


def test_kobo_zero_one_option_columns(instrument):
    table = _read(FIXTURES / "kobo.csv", instrument)
    assert list(table.responses["services"]) == [["SARC", "GP"], ["ISVA"]]
    assert table.unmapped_columns == []


def test_kobo_group_prefix_stripped_and_text_answers(instrument):
    table = _read(FIXTURES / "kobo.csv", instrument)
    assert list(table.responses["age_band"]) == ["25-44", "Under 25"]
    assert list(table.answers["text"]) == ["Synthetic answer: the ISVA kept in touch."]


def test_kobo_identifying_metadata_dropped(instrument):
    table = _read(FIXTURES / "kobo.csv", instrument)
    assert table.dropped_columns == ["deviceid", "username", "_location_latitude",
                                     "_location_longitude", "_submitted_by"]
    text = table.responses.astype(str).to_string()
    assert "synth_enumerator" not in text and "synthdevice" not in text
    assert list(table.responses["submitted"]) == ["2024-03", "2024-04"]


def _write(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def test_kobo_space_separated_summary_only(tmp_path, instrument):
    path = _write(tmp_path / "k.csv", [
        ["Which services have you used?", "_id", "_uuid", "_submission_time"],
        ["SARC GP", "1", "u1", "2024-05-01T10:00:00"],
        ["Helpline", "2", "u2", "2024-05-02T10:00:00"]])
    table = _read(path, instrument)
    assert list(table.responses["services"]) == [["SARC", "GP"], ["Helpline"]]


def test_kobo_xml_values_map_through_option_codes(tmp_path):
    inst = instrument_from_dict({"questions": [
        {"id": "services", "text": "services", "kind": "multiple",
         "options": [{"code": "sarc", "label": "SARC"}, {"code": "isva", "label": "ISVA"},
                     {"code": "peer_group", "label": "Peer support group"}]},
        {"id": "satisfaction", "text": "satisfaction", "kind": "likert",
         "options": [{"code": "yes", "label": "Satisfied"}, {"code": "no",
                                                              "label": "Not satisfied"}]}]})
    path = _write(tmp_path / "k.csv", [
        ["services", "satisfaction", "_id", "_uuid", "_submission_time"],
        ["sarc peer_group", "yes", "1", "u1", "2024-05-01T10:00:00"]])
    table = read_source(SourceConfig(path=path, cohort="c"), inst, source_label="k")
    assert list(table.responses["services"]) == [["SARC", "Peer support group"]]
    assert list(table.responses["satisfaction"]) == ["Satisfied"]


def test_kobo_infers_multiple_from_option_columns():
    inferred = infer_instrument(SourceConfig(path=FIXTURES / "kobo.csv", cohort="c"))
    by_text = {q.text: q for q in inferred.instrument.questions}
    services = by_text["Which services have you used?"]
    assert services.kind == "multiple" and services.labels[:3] == ("SARC", "ISVA", "GP")
    assert not any(t.startswith(("_", "deviceid")) for t in by_text)


def test_kobo_not_kobo_error(tmp_path):
    path = _write(tmp_path / "k.csv", [["A", "B"], ["Synthetic", "x"]])
    with pytest.raises(InputFileError, match="KoboToolbox") as err:
        read_source(SourceConfig(path=path, cohort="c", platform="kobo"), None, source_label="k")
    assert "Synthetic" not in str(err.value)


def test_kobo_semicolon_detected_when_labels_hold_commas(tmp_path, instrument):
    path = _write(tmp_path / "k.csv", [
        ["What helped you most?", "In a few words, if any, and, if you like, by example, what "
         "could be improved?", "_id", "_uuid", "_submission_time"],
        ["Synthetic, with a comma", "Synthetic; with a semicolon", "1", "u1",
         "2024-05-01T10:00:00"]])
    table = _read(path, instrument)
    assert list(table.answers["text"]) == ["Synthetic, with a comma"]
