"""Tests for analysis.coding_io and the coding commands (export-coding, import-coding, agree):
coding workbooks out and back (synthetic segments; the demo project's codebook for the CLI)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from voices.cli import app
from analysis.coding_io import (NONE_CHOICE, ORDER_META, choice, import_coding_workbook,
                                order_segments, read_coding_workbook, write_coding_workbook)
from voices.commands.coding import register
from analysis.project import load_codebook
from analysis.store import Store
from codebook import Code, Codebook, Theme
from survey.config import load_project
from survey.errors import InputFileError
from survey.schema import CODING_COLUMNS

CB = Codebook("Synthetic coding codebook", (Theme("t", "Theme"),), (
    Code("transport", "Getting there", "t", definition="Travel to the service."),
    Code("waiting", "Waiting", "t", definition="Waiting for support."),
    Code("listened", "Listened to", "t", definition="Staff listened."),
    Code("gone", "Old code", "t", status="retired"),
))
SEGMENTS = pd.DataFrame({
    "segment_id": ["s1", "s2", "s3"], "answer_id": ["a1", "a2", "a3"], "start": [0, 0, 0],
    "end": [20, 20, 22],
    "text": ["The bus was late (synthetic).", "=Waited months (synthetic).",
             "Staff listened (synthetic)."]})


def _coding(sid, cid, coder, source, status, conf=None, ev=None):
    return {"segment_id": sid, "code_id": cid, "coder": coder, "source": source,
            "confidence": conf, "status": status, "evidence": ev, "decided_at": None}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "project.sqlite").open()
    s.replace_segments(SEGMENTS)
    s.replace_suggestions(pd.DataFrame([
        _coding("s1", "transport", "rules.v1", "rules", "suggested", 0.9, "words: bus"),
        _coding("s2", "listened", "similarity.v1", "similarity", "suggested", 0.5, "definition"),
    ], columns=list(CODING_COLUMNS)))
    yield s
    s.close()


def _fill(path, values):
    """Set cells {(row, column name): value} in the coding sheet (what a coder does in Excel)."""
    wb = load_workbook(path)
    ws = wb["coding"]
    header = [c.value for c in ws[1]]
    for (row, col), value in values.items():
        ws.cell(row=row, column=header.index(col) + 1, value=value)
    wb.save(path)


def test_write_coding_workbook_has_dropdown_suggestions_and_escapes(store, tmp_path):
    p = write_coding_workbook(tmp_path / "AB.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="AB")
    wb = load_workbook(p)
    ws = wb["coding"]
    header = [c.value for c in ws[1]]
    assert header == ["segment_id", "answer_id", "text", "suggestions", "code_1", "code_2",
                      "code_3", "notes"]
    assert ws["D2"].value.startswith("transport (0.90): words: bus")
    assert ws["C3"].value.startswith("'=")  # formula escaped
    dv = ws.data_validations.dataValidation[0]
    assert dv.type == "list" and "codebook!$A$2:$A$5" in dv.formula1
    choices = [r[0] for r in wb["codebook"].iter_rows(min_row=2, values_only=True)]
    assert choices[0] == NONE_CHOICE and "gone | Old code" not in choices
    assert wb["meta"].sheet_state == "hidden"


def test_write_coding_workbook_blind_leaves_suggestions_out(store, tmp_path):
    p = write_coding_workbook(tmp_path / "CD.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="CD", blind=True)
    header = [c.value for c in load_workbook(p)["coding"][1]]
    assert "suggestions" not in header


def test_import_coding_records_decisions_and_is_idempotent(store, tmp_path):
    p = write_coding_workbook(tmp_path / "AB.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="AB")
    _fill(p, {(2, "code_1"): choice(CB.get("waiting")), (3, "code_1"): NONE_CHOICE})
    rep = import_coding_workbook(p, store, CB)
    assert (rep.segments, rep.uncoded, rep.accepted, rep.rejected) == (2, 1, 1, 5)
    cur = store.read_codings()
    human = cur[cur["source"] == "human"].set_index(["segment_id", "code_id"])["status"]
    assert human[("s1", "waiting")] == "accepted"
    assert human[("s1", "transport")] == "rejected"  # the shown suggestion turned down
    assert human[("s2", "listened")] == "rejected"
    n_rows = len(store.read_codings(current_only=False))
    again = import_coding_workbook(p, store, CB)
    assert (again.accepted, again.rejected, again.changed_segments) == (0, 0, 0)
    assert len(store.read_codings(current_only=False)) == n_rows


def test_import_coding_never_touches_other_coders_and_keeps_history(store, tmp_path):
    store.add_codings(pd.DataFrame([_coding("s1", "transport", "CD", "human", "accepted")],
                                   columns=list(CODING_COLUMNS)))
    p = write_coding_workbook(tmp_path / "AB.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="AB", blind=True)
    _fill(p, {(2, "code_1"): "transport"})
    import_coding_workbook(p, store, CB)
    _fill(p, {(2, "code_1"): choice(CB.get("waiting"))})
    rep = import_coding_workbook(p, store, CB)
    assert (rep.accepted, rep.rejected) == (1, 1)
    cur = store.read_codings()
    cd = cur[cur["coder"] == "CD"]
    assert cd[["code_id", "status"]].values.tolist() == [["transport", "accepted"]]
    hist = store.read_codings(current_only=False)
    ab = hist[(hist["coder"] == "AB") & (hist["code_id"] == "transport")]
    assert ab["status"].tolist() == ["accepted", "rejected"]


def test_read_coding_workbook_unknown_code_names_cell_not_content(store, tmp_path):
    p = write_coding_workbook(tmp_path / "AB.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="AB")
    _fill(p, {(3, "code_2"): "secretword"})
    with pytest.raises(InputFileError, match=r"row 3, column 'code_2'") as info:
        read_coding_workbook(p, CB)
    assert "secretword" not in str(info.value)


def test_import_coding_unknown_segment_is_an_error(store, tmp_path):
    p = write_coding_workbook(tmp_path / "AB.xlsx", segments=store.read_segments(),
                              codings=store.read_codings(), codebook=CB, coder="AB")
    _fill(p, {(2, "segment_id"): "zz", (2, "code_1"): "waiting"})
    with pytest.raises(InputFileError, match="row 2, column 'segment_id'"):
        import_coding_workbook(p, store, CB)
    assert len(store.read_codings()) == 2


# -- commands ----------------------------------------------------------------------------------
register(app)
RUNNER = CliRunner()


@pytest.fixture
def out(tmp_path, demo_dir):
    segs = pd.DataFrame({"segment_id": ["s1", "s2", "s3"], "answer_id": ["a1", "a2", "a3"],
                         "start": [0, 0, 0], "end": [10, 10, 10],
                         "text": [f"Synthetic answer {i}." for i in range(3)]})
    with Store(tmp_path / "project.sqlite") as store:
        store.replace_segments(segs)
        store.set_meta(ORDER_META, json.dumps(["s3", "s1"]))
    return tmp_path


def _code_rows(path, values):
    wb = load_workbook(path)
    ws = wb["coding"]
    h = [c.value for c in ws[1]]
    for r, v in values.items():
        ws.cell(row=r, column=h.index("code_1") + 1, value=v)
    wb.save(path)
    return [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]


def test_coding_commands_round_trip_and_agree(out, demo_dir):
    cb = load_codebook(load_project(demo_dir))
    a, b = cb.active_codes[0], cb.active_codes[1]
    for coder, blind in (("AB", []), ("CD", ["--blind"])):
        res = RUNNER.invoke(app, ["export-coding", str(demo_dir), "--coder", coder, *blind,
                                  "--out", str(out)])
        assert res.exit_code == 0, res.output
    ab, cd = out / "coding" / "coding_AB.xlsx", out / "coding" / "coding_CD_blind.xlsx"
    order = _code_rows(ab, {2: choice(a), 3: choice(a), 4: choice(b)})
    assert order == ["s3", "s1", "s2"]  # the stored "code these next" order
    _code_rows(cd, {2: choice(a), 3: choice(b), 4: choice(b)})
    for p in (ab, cd):
        res = RUNNER.invoke(app, ["import-coding", str(p), str(demo_dir), "--out", str(out)])
        assert res.exit_code == 0 and "3 code(s) applied" in res.output, res.output
    res = RUNNER.invoke(app, ["import-coding", str(ab), str(demo_dir), "--out", str(out)])
    assert "0 code(s) applied, 0 marked as not applying" in res.output
    res = RUNNER.invoke(app, ["agree", str(demo_dir), "--out", str(out), "--json",
                              str(out / "agree.json")])
    assert res.exit_code == 0, res.output
    got = json.loads((out / "agree.json").read_text())
    assert got["kappa_pair"] == ["AB", "CD"]
    assert got["per_code"][a.id]["percent_agreement"] == pytest.approx(2 / 3, abs=1e-3)
    assert (out / "disagreements.csv").exists() and (out / "agreement.csv").exists()


def test_coding_commands_errors_are_one_line(out, demo_dir, tmp_path):
    res = RUNNER.invoke(app, ["export-coding", str(demo_dir), "--coder", "Jane Doe", "--out",
                              str(out)])
    assert res.exit_code == 1 and "initials" in res.output
    res = RUNNER.invoke(app, ["agree", str(demo_dir), "--out", str(tmp_path / "empty")])
    assert res.exit_code == 1 and "no project store" in res.output
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    res = RUNNER.invoke(app, ["import-coding", str(bad), str(demo_dir), "--out", str(out)])
    assert res.exit_code == 1 and "not a readable" in res.output


def test_order_segments_puts_stored_order_first():
    segs = pd.DataFrame({"segment_id": ["a", "b", "c", "d"]})
    assert order_segments(segs, '["c", "a"]')["segment_id"].tolist() == ["c", "a", "b", "d"]
    assert order_segments(segs, None)["segment_id"].tolist() == ["a", "b", "c", "d"]
    assert order_segments(segs, "{broken")["segment_id"].tolist() == ["a", "b", "c", "d"]
