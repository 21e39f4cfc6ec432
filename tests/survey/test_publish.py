"""Publishing an instrument: XLSForm (validated by pyxform's conversion to XForm), the generic
import sheet, printable HTML and Word, and exports in those layouts ingesting back with every
column mapped. All content is SYNTHETIC."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

from survey.config import SourceConfig
from survey.errors import ConfigError
from survey.instrument import instrument_from_dict, read_instrument
from survey.publish import (MULTI_SEPARATOR, RESPONSE_SHEET, export_instrument,
                            ingest_column_map, xlsform_rows)
from survey.readers import read_source

pyxform = pytest.importorskip("pyxform")
from pyxform.xls2xform import convert  # noqa: E402

RAW = {
    "name": "SYNTHETIC publish test", "version": 2,
    "intro": "A SYNTHETIC survey about support services.",
    "signposting": "Support: a helpline (synthetic text).",
    "quick_exit": "Press the quick-exit button to leave.", "outro": "Thank you.",
    "questions": [
        {"id": "consent", "text": "Do you agree to take part?", "kind": "single",
         "options": ["Yes", "No"], "required": True, "consent": True},
        {"id": "used", "text": "Which services have you used?", "kind": "multiple",
         "options": [{"code": "isva", "label": "ISVA"}, {"code": "gp", "label": "GP"},
                     {"code": "other", "label": "Other service"}]},
        {"id": "reported", "text": "Did you report to the police?", "kind": "single",
         "options": ["Yes", "No", "Prefer not to say"], "sensitive": True,
         "content_note": "The next question is about reporting."},
        {"id": "why_not", "text": "What stopped you reporting?", "kind": "text",
         "show_if": {"question": "reported", "any_of": ["No"]}, "help": "Optional."},
        {"id": "satisfied", "text": "How satisfied were you?", "kind": "likert",
         "options": ["Low", "Middle", "High"]},
        {"id": "visits", "text": "How many appointments did you have?", "kind": "number"},
        {"id": "old_q", "text": "A question of wave 1 only", "kind": "text", "waves": [1]},
    ]}


@pytest.fixture()
def inst():
    return instrument_from_dict({**RAW, "wave": 2})


def test_xlsform_converts_with_pyxform_and_keeps_ids(inst, tmp_path: Path) -> None:
    path = export_instrument(inst, "xlsform", tmp_path / "form.xlsx")
    result = convert(xlsform=str(path), validate=False)
    root = etree.fromstring(result.xform.encode())
    ns = {"x": "http://www.w3.org/2002/xforms", "h": "http://www.w3.org/1999/xhtml"}
    data = root.find(".//x:instance/*", ns)
    fields = [el.tag.split("}")[-1] for el in data if el.tag.split("}")[-1] != "meta"]
    asked = [q.id for q in inst.for_wave().questions]
    assert [f for f in fields if f in asked] == asked  # ids, in order; old_q left out
    assert "old_q" not in fields
    assert {"intro", "signposting_start", "signposting_end", "quick_exit",
            "content_note_reported"} <= set(fields)
    binds = {b.get("nodeset").rsplit("/", 1)[-1]: b for b in root.iter("{*}bind")}
    required = sorted(n for n, b in binds.items() if b.get("required") == "true()")
    assert required == ["consent"]
    relevant = " ".join(binds["why_not"].get("relevant").split())
    assert relevant == "/data/consent = '1' and /data/reported = '2'"  # codes of Yes and No
    assert binds["visits"].get("type") == "decimal"


def test_xlsform_rows_route_multiple_choice_with_selected(inst) -> None:
    raw = dict(RAW)
    raw["questions"] = [*RAW["questions"][:2], {
        "id": "isva_help", "text": "How did the ISVA help?", "kind": "text",
        "show_if": {"question": "used", "any_of": ["ISVA", "GP"]}}]
    rows = xlsform_rows(instrument_from_dict(raw))["survey"]
    row = next(r for r in rows if r["name"] == "isva_help")
    assert row["relevant"] == ("${consent} = '1' and (selected(${used}, 'isva') or "
                               "selected(${used}, 'gp'))")


def test_xlsform_needs_a_cohort_when_there_are_several(tmp_path: Path) -> None:
    raw = {"questions": [{"id": "a", "text": "A?", "kind": "text", "cohorts": ["survivor"]},
                         {"id": "b", "text": "B?", "kind": "text", "cohorts": ["professional"]}]}
    with pytest.raises(ConfigError, match="survivor, professional"):
        export_instrument(instrument_from_dict(raw), "xlsform", tmp_path / "f.xlsx")
    export_instrument(instrument_from_dict(raw), "xlsform", tmp_path / "f.xlsx",
                      cohort="survivor")
    result = convert(xlsform=str(tmp_path / "f.xlsx"), validate=False)
    assert "<a/>" in result.xform and "<b/>" not in result.xform


def test_export_rejects_unknown_format(inst, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="xlsform, sheet, html, docx"):
        export_instrument(inst, "pdf", tmp_path / "x.pdf")


def test_sheet_export_ingests_back_with_every_column_mapped(inst, tmp_path: Path) -> None:
    path = export_instrument(inst, "sheet", tmp_path / "sheet.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[RESPONSE_SHEET]
    header = [c.value for c in ws[1]]
    assert header == ["response_id", "submitted", *(q.id for q in inst.for_wave().questions)]
    assert [r[1].value for r in wb["Questions"].iter_rows(min_row=2)] == header[2:]
    filled = {"response_id": "r1", "submitted": "2026-03-02", "consent": "Yes",
              "used": MULTI_SEPARATOR.join(["ISVA", "Other service"]), "reported": "No",
              "why_not": "SYNTHETIC: I did not think it would help.", "satisfied": "High",
              "visits": 3}
    ws.append([filled.get(h) for h in header])
    ws.append(["r2", "2026-03-03", "Yes", "GP", "Prefer not to say", None, "Low", 1])
    wb.save(path)
    src = SourceConfig(path=path, cohort="survivor", platform="generic", wave=2,
                       sheet=RESPONSE_SHEET, column_map=ingest_column_map(inst))
    table = read_source(src, inst, source_label="sheet.xlsx")
    assert table.unmapped_columns == [] and table.dropped_columns == []
    r = table.responses.reset_index(drop=True)  # ids are stable hashes of source and id
    assert len(r) == 2 and set(r["wave"]) == {2} and r["response_id"].is_unique
    assert r.at[0, "used"] == ["ISVA", "Other service"]
    assert r.at[0, "reported"] == "No" and r.at[1, "satisfied"] == "Low"
    assert r.at[0, "visits"] == 3.0 and r.at[1, "used"] == ["GP"]
    assert table.answers["question_id"].tolist() == ["why_not"]
    assert not table.unknown_labels


def test_kobo_style_export_ingests_back_with_every_column_mapped(inst, tmp_path: Path) -> None:
    """A KoboToolbox CSV with "XML values and headers": ids as headers, choice names as values
    (a select_multiple as one space-separated column)."""
    asked = [q.id for q in inst.for_wave().questions]
    path = tmp_path / "kobo.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL)
        w.writerow(["start", "end", *asked, "_id", "_uuid", "_submission_time", "_index"])
        w.writerow(["2026-03-02T10:00:00", "2026-03-02T10:20:00", "1", "isva gp", "2",
                    "SYNTHETIC answer about waiting.", "3", "2", "101", "u-1",
                    "2026-03-02T10:21:00", "1"])
    src = SourceConfig(path=path, cohort="survivor", platform="kobo", wave=2,
                       column_map={q: q for q in asked})
    table = read_source(src, inst, source_label="kobo.csv")
    assert table.unmapped_columns == [] and table.dropped_columns == []
    row = table.responses.iloc[0]
    assert row["consent"] == "Yes" and row["used"] == ["ISVA", "GP"]
    assert row["reported"] == "No" and row["satisfied"] == "High"


def test_html_questionnaire_has_notes_ids_and_boxes(inst, tmp_path: Path) -> None:
    text = export_instrument(inst, "html", tmp_path / "q.html").read_text(encoding="utf-8")
    assert text.count("Support: a helpline (synthetic text).") == 2  # start and end
    assert text.index("Content note:") < text.index("Did you report to the police?")
    assert "[why_not]" in text and "Only if the answer to reported is &quot;No&quot;" in text
    assert "<script" not in text and "old_q" not in text
    assert text.count("\u2610") == 2 + 3 + 3 + 3


def test_docx_questionnaire_lists_every_question(inst, tmp_path: Path) -> None:
    path = export_instrument(inst, "docx", tmp_path / "q.docx", cohort=None)
    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    for i, q in enumerate(inst.for_wave().questions, start=1):
        assert f"{i}. {q.text}" in paras
    assert paras.count("Support: a helpline (synthetic text).") == 2
    assert any(p.startswith("[consent]") and "(required)" in p for p in paras)


def test_demo_instrument_exports_to_every_format(demo_dir: Path, tmp_path: Path) -> None:
    inst = read_instrument(demo_dir / "instrument.yaml")
    for cohort in ("survivor", "professional"):
        path = export_instrument(inst, "xlsform", tmp_path / f"{cohort}.xlsx", cohort=cohort)
        assert convert(xlsform=str(path), validate=False).xform
    for fmt, name in (("sheet", "s.xlsx"), ("html", "q.html"), ("docx", "q.docx")):
        assert export_instrument(inst, fmt, tmp_path / name, cohort="survivor").stat().st_size
