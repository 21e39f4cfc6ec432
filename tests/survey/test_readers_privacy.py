"""Privacy properties of the readers: error messages never carry cell content; the demo exports'
identifying metadata never reaches a table."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import instrument_from_dict
from survey.readers import infer_instrument, read_source

DEMO = Path(__file__).parents[2] / "data" / "demo"
INSTRUMENT = instrument_from_dict({"questions": [
    {"id": "first_contact", "text": "When did you first contact us?", "kind": "date"}]})


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                    min_size=1, max_size=30))
def test_readers_date_error_never_contains_cell(tmp_path, tail):
    value = f"Zq{tail}"  # a marker no message template contains
    wb = openpyxl.Workbook()
    wb.active.append(["UserID", "When did you first contact us?"])
    wb.active.append([1, value])
    wb.save(tmp_path / "d.xlsx")
    try:
        read_source(SourceConfig(path=tmp_path / "d.xlsx", cohort="c"), INSTRUMENT,
                    source_label="d")
    except InputFileError as err:
        assert "Zq" not in str(err)
        assert err.row == 2 and err.column == "When did you first contact us?"


def test_readers_inferred_likert_tolerates_typos(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["UserID", "How satisfied were you?"])
    for i, v in enumerate(["Satisfied", "Very satisfied", "Dissatisfied", "Satisified"]):
        wb.active.append([i, v])
    wb.save(tmp_path / "s.xlsx")
    src = SourceConfig(path=tmp_path / "s.xlsx", cohort="c")
    question = infer_instrument(src).instrument.questions[0]
    assert question.kind == "likert" and "Satisified" not in question.labels
    table = read_source(src, None, source_label="s")
    assert table.unknown_labels == {(question.id, "Satisified"): 1}


@pytest.mark.skipif(not (DEMO / "planted_identifiers.json").is_file(), reason="no demo data")
def test_readers_demo_metadata_identifiers_absent():
    from survey.config import load_project
    from survey.instrument import read_instrument

    cfg = load_project(DEMO)
    instrument = read_instrument(cfg.instrument)
    planted = json.loads((DEMO / "planted_identifiers.json").read_text(encoding="utf-8"))
    for source in cfg.sources:
        label = source.path.relative_to(cfg.root).as_posix()
        table = read_source(source, instrument, source_label=label)
        closed = table.responses.astype(str).to_string() + repr(table.unknown_labels)
        closed += " ".join(table.warnings + table.dropped_columns + table.unmapped_columns)
        for item in planted:
            if item["file"].startswith(label):
                assert item["value"] not in closed, item["label"]
